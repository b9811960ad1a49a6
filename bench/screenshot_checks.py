"""Screenshot checks over a generated, labelled set (tests/screening/generate.py): `--count`
files (320 by default), each sent as its own submission in arrival order into a fresh SQLite
database, checked by the real service (`screen_submission`) through the worker pool, one at a
time. Then the bystander part: 50 files checked through a pool of 2 (four submissions in flight,
all the pool has room for) while a coroutine on the same event loop measures how late its 10 ms
ticks come, for a pool of processes and one of threads.

Figures: per-family verdicts, suspicious precision and recall (labels from how each file was
made), copies found (a copy counts when it is flagged as a copy of a file of its own lineage) and
false copies (flagged as a copy of a file of another lineage), OCR and whole-check p50/p95 (the
worker's time for the file plus the pixel comparisons; the database work is not in it, the
per-submission wall time is printed too), and the event loop's delay.

Last line: {"images": …, "suspicious_precision": …, "suspicious_recall": …,
"duplicate_recall": …, "false_duplicates": …, "ocr_p95_ms": …, "check_p95_ms": …,
"bystander_p95_ms": …, "bystander_thread_p95_ms": …}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.file_store import FileStore
from services.screening import Screener, ScreeningResult, screen_submission
from services.screening.verdict import Code, Verdict
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade_async
from tests.screening.generate import Sample, generate
from tests.screening.seed import add_submission, seed_schools

NOW = datetime(2022, 10, 20, 9, 0, tzinfo=UTC)


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


# Puts a set's schools into the bench's database; returns their ids in the set's order.
Seed = Callable[[AsyncSession], Awaitable[list[int]]]


async def database(
    folder: Path, seed: Seed = seed_schools
) -> tuple[async_sessionmaker[AsyncSession], list[int]]:
    url = f"sqlite+aiosqlite:///{folder / 'bench.db'}"
    await upgrade_async(url)
    sessions = create_sessionmaker(create_engine(url))
    async with sessions.begin() as session:
        school_ids = await seed(session)
    return sessions, school_ids


async def check_all(
    samples: list[Sample],
    folder: Path,
    workers: int,
    seed: Seed = seed_schools,
    now: datetime = NOW,
) -> tuple[dict[str, ScreeningResult], dict[int, str], list[float]]:
    """Each sample as its own sent submission, in order, checked through a pool of processes:
    the results by sample name, the sample of each submission id, the wall time of each."""
    sessions, school_ids = await database(folder, seed)
    store = FileStore(folder / "files")
    screener = Screener(workers=workers, kind="process")
    screener.announce()
    await screener.warm_up()
    results: dict[str, ScreeningResult] = {}
    by_submission: dict[int, str] = {}
    walls: list[float] = []
    try:
        for sample in samples:
            async with sessions() as session:
                submission_id = await add_submission(session, store, school_ids, [sample], now)
                await session.commit()
                by_submission[submission_id] = sample.name
                started = time.perf_counter()
                result = await screen_submission(session, store.root, submission_id, screener, now)
                await session.commit()
                walls.append((time.perf_counter() - started) * 1000)
            assert result is not None
            results[sample.name] = result
    finally:
        screener.close()
    return results, by_submission, walls


async def bystander(
    samples: list[Sample], folder: Path, kind: Literal["process", "thread"], workers: int
) -> tuple[list[float], float]:
    """Checks the files all at once while a coroutine sleeps 10 ms at a time and records how
    much later than asked it wakes (the event loop's delay)."""
    sessions, school_ids = await database(folder)
    store = FileStore(folder / "files")
    ids = []
    async with sessions() as session:
        for sample in samples:
            ids.append(await add_submission(session, store, school_ids, [sample], NOW))
        await session.commit()
    screener = Screener(workers=workers, kind=kind)
    await screener.warm_up()
    delays: list[float] = []
    done = asyncio.Event()

    async def tick() -> None:
        while not done.is_set():
            asked = time.perf_counter()
            await asyncio.sleep(0.01)
            delays.append((time.perf_counter() - asked - 0.01) * 1000)

    # As many submissions at a time as the pool has room for (the sweep takes them one by one).
    room = asyncio.Semaphore(workers * 2)

    async def one(submission_id: int) -> None:
        async with room, sessions() as session:
            await screen_submission(session, store.root, submission_id, screener, NOW)
            await session.commit()

    ticker = asyncio.create_task(tick())
    started = time.perf_counter()
    try:
        await asyncio.gather(*(one(i) for i in ids))
    finally:
        done.set()
        await ticker
        screener.close()
    return delays, time.perf_counter() - started


def copy_flags(result: ScreeningResult) -> list[int]:
    return [
        int(item["submission_id"])
        for file in result.files
        for item in file.findings
        if item["code"] == Code.COPY.value
    ]


def report(
    samples: list[Sample],
    results: dict[str, ScreeningResult],
    by_submission: dict[int, str],
    walls: list[float],
) -> dict[str, float | int]:
    lineage = {s.name: s.lineage for s in samples}
    families: dict[str, Counter[str]] = defaultdict(Counter)
    tp = fp = fn = 0
    copies_found = copies = false_copies = 0
    false_examples: list[str] = []
    missed_examples: list[str] = []
    for sample in samples:
        result = results[sample.name]
        verdict = result.verdict
        families[sample.family][verdict.value] += 1
        predicted = verdict is Verdict.SUSPICIOUS
        if predicted and sample.expected == "suspicious":
            tp += 1
        elif predicted:
            fp += 1
            false_examples.append(f"{sample.name}: {_codes(result)}")
        elif sample.expected == "suspicious":
            fn += 1
            missed_examples.append(f"{sample.name}: {verdict.value} {_codes(result)}")
        flagged = [by_submission[i] for i in copy_flags(result)]
        wrong = [name for name in flagged if lineage[name] != sample.lineage]
        false_copies += len(wrong)
        if wrong:
            false_examples.append(f"{sample.name}: false copy of {wrong}")
        if sample.is_duplicate:
            copies += 1
            if any(lineage[name] == sample.lineage for name in flagged):
                copies_found += 1
            else:
                missed_examples.append(f"{sample.name}: copy of {sample.duplicate_of} missed")
    check_by_family: dict[str, list[float]] = defaultdict(list)
    unclear_reasons: Counter[str] = Counter()
    for sample in samples:
        result = results[sample.name]
        check_by_family[sample.family] += [f.check_ms for f in result.files]
        if sample.expected == "ok" and result.verdict is Verdict.UNCLEAR:
            unclear_reasons[_codes(result, heavy=True)] += 1
    print(
        f"{'family':<22} {'n':>4} {'ok':>5} {'unclear':>8} {'suspicious':>11} {'check ms p50':>13}"
    )
    for family in sorted(families):
        counts = families[family]
        n = sum(counts.values())
        print(
            f"{family:<22} {n:>4} {counts['ok']:>5} {counts['unclear']:>8} "
            f"{counts['suspicious']:>11} {percentile(check_by_family[family], 0.5):>13.0f}"
        )
    print("why genuine files were «worth a look»:", dict(unclear_reasons.most_common()))
    ocr = [f.ocr_ms for r in results.values() for f in r.files if f.ocr_ms > 0]
    checks = [f.check_ms for r in results.values() for f in r.files]
    print(f"suspicious: {tp} right, {fp} wrongly, {fn} missed")
    for line in false_examples[:15]:
        print("  wrongly flagged:", line)
    for line in missed_examples[:25]:
        print("  missed:", line)
    print(f"copies: {copies_found} of {copies} found, {false_copies} false")
    print(
        f"OCR ms p50 {percentile(ocr, 0.5):.0f} p95 {percentile(ocr, 0.95):.0f}; "
        f"whole check ms p50 {percentile(checks, 0.5):.0f} p95 {percentile(checks, 0.95):.0f} "
        f"max {max(checks):.0f}; per submission with the database p50 "
        f"{percentile(walls, 0.5):.0f} p95 {percentile(walls, 0.95):.0f}"
    )
    return {
        "images": len(samples),
        "suspicious_precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
        "suspicious_recall": round(tp / (tp + fn), 3) if tp + fn else 0.0,
        "duplicate_recall": round(copies_found / copies, 3) if copies else 0.0,
        "false_duplicates": false_copies,
        "ocr_p95_ms": round(percentile(ocr, 0.95)),
        "check_p95_ms": round(percentile(checks, 0.95)),
    }


def _codes(result: ScreeningResult, heavy: bool = False) -> str:
    items = [*result.findings, *(item for file in result.files for item in file.findings)]
    codes = [
        str(item["code"]) + (f":{'/'.join(item['missing'])}" if item.get("missing") else "")
        for item in items
        if not heavy or item["code"] != Code.FOUND.value
    ]
    return ",".join(codes)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=320)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--bystander", type=int, default=50, help="files checked at once; 0: skip")
    args = parser.parse_args()
    started = time.perf_counter()
    samples = generate(args.count, args.seed)
    print(f"generated {len(samples)} files in {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as folder:
        results, by_submission, walls = await check_all(samples, Path(folder), args.workers)
    figures = report(samples, results, by_submission, walls)
    if args.bystander:
        crowd = [s for s in samples if s.family not in ("broken",)][: args.bystander]
        for kind in ("process", "thread"):
            with tempfile.TemporaryDirectory() as folder:
                delays, took = await bystander(crowd, Path(folder), kind, workers=2)
            p95 = percentile(delays, 0.95)
            print(
                f"bystander, {len(crowd)} files through a {kind} pool of 2: event-loop delay "
                f"p50 {statistics.median(delays):.1f} ms, p95 {p95:.1f} ms, "
                f"max {max(delays):.0f} ms; all checked in {took:.1f} s"
            )
            name = "bystander_p95_ms" if kind == "process" else "bystander_thread_p95_ms"
            figures[name] = round(p95, 1)
    print(json.dumps(figures))


if __name__ == "__main__":
    asyncio.run(main())
