"""Free-text questions land on the right calendar step or FAQ entry (top-1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from services.calendar import shipped_calendar
from services.qa import Intent, Kind, QuestionAnswerer

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS: list[dict[str, Any]] = yaml.safe_load(
    (ROOT / "tests" / "qa_questions.yaml").read_text(encoding="utf-8")
)["questions"]


@pytest.fixture(scope="module")
def qa() -> QuestionAnswerer:
    faq = yaml.safe_load((ROOT / "data" / "faq.yaml").read_text(encoding="utf-8"))["faq"]
    return QuestionAnswerer(shipped_calendar(), faq)


def accuracy(qa: QuestionAnswerer, questions: list[dict[str, Any]]) -> tuple[float, list[str]]:
    misses = []
    for item in questions:
        answer = qa.answer(item["q"])
        got = answer.best.key if answer.best and answer.kind is not Kind.AMBIGUOUS else None
        if got != item["expect"]:
            misses.append(
                f"{item['q']!r}: expected {item['expect']}, got {answer.kind} "
                f"{[m.key for m in answer.matches]}"
            )
    return 1 - len(misses) / len(questions), misses


def test_the_question_set_is_large_and_varied() -> None:
    russian = [q for q in QUESTIONS if any("а" <= c <= "я" for c in q["q"].lower())]
    assert len(QUESTIONS) >= 100
    assert len(russian) >= 80
    targets = {q["expect"] for q in QUESTIONS}
    keys = {s.key for s in shipped_calendar().steps()}
    assert len(targets & keys) >= 15  # nearly every step is asked about


def test_top1_accuracy_on_the_tuned_set(qa: QuestionAnswerer) -> None:
    score, misses = accuracy(qa, [q for q in QUESTIONS if not q.get("held_out")])
    assert score >= 0.95, "\n".join(misses)


def test_top1_accuracy_on_held_out_questions(qa: QuestionAnswerer) -> None:
    score, misses = accuracy(qa, [q for q in QUESTIONS if q.get("held_out")])
    assert score >= 0.90, "\n".join(misses)


def test_intent_and_nothing_found(qa: QuestionAnswerer) -> None:
    assert qa.answer("до какого числа обмен документами?").intent is Intent.WHEN
    assert qa.answer("кто отвечает за встречу с партнером").intent is Intent.WHO
    assert qa.answer("привет, как погода?").kind is Kind.NONE
