"""Question answering on the test question set: top-1 accuracy and per-question latency (after one
warm-up pass, as in a running bot). Last line: {"questions": …, "top1_accuracy": …, "p50_ms": …,
"p95_ms": …} (target: p95 under 5 ms)."""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import yaml

from services.calendar import shipped_calendar
from services.qa import Kind, QuestionAnswerer

ROOT = Path(__file__).resolve().parent.parent


def main() -> dict[str, float]:
    questions = yaml.safe_load((ROOT / "tests" / "qa_questions.yaml").read_text("utf-8"))
    faq = yaml.safe_load((ROOT / "data" / "faq.yaml").read_text("utf-8"))["faq"]
    started = time.perf_counter()
    qa = QuestionAnswerer(shipped_calendar(), faq)
    print(f"index built in {(time.perf_counter() - started) * 1000:.0f} ms")
    items = questions["questions"]
    for item in items:
        qa.answer(item["q"])  # warm-up: lemma cache, as after the first minutes of a bot
    latencies, right, held_right, held = [], 0, 0, 0
    for item in items:
        started = time.perf_counter()
        answer = qa.answer(item["q"])
        latencies.append((time.perf_counter() - started) * 1000)
        ok = (
            answer.kind is not Kind.AMBIGUOUS
            and answer.best is not None
            and (answer.best.key == item["expect"])
        )
        right += ok
        if item.get("held_out"):
            held += 1
            held_right += ok
    cuts = statistics.quantiles(latencies, n=100)
    print(f"held-out questions: {held_right}/{held}")
    return {
        "questions": len(items),
        "top1_accuracy": round(right / len(items), 3),
        "p50_ms": round(statistics.median(latencies), 3),
        "p95_ms": round(cuts[94], 3),
    }


if __name__ == "__main__":
    print(json.dumps(main()))
