"""The screenshot checks on a held-out set (tests/screening/heldout*/make.py, written blind).

`--set heldout` (the first, 162 files), `heldout2` (161), `heldout3` (155) or `heldout4` (157):
each was written by a helper who saw neither the code nor the other sets; the first three were
then used to improve the checks, `heldout4` was written after those changes. The set
is rendered into a temporary folder; its 30 schools go into one region (a partner may be any school
of the region, as in the project's own set); each file is one sent submission in the order of its
labels, checked by the real service (`screen_submission`) through a pool of processes, with OCR
when Tesseract is installed. Labels: `expected` ok or suspicious, and `copy_of` for a copy of an
earlier file sent by another school or for another step.

Last line: {"images": …, "suspicious_precision": …, "suspicious_recall": …,
"duplicate_recall": …, "false_duplicates": …, "ok_share_of_genuine": …, "check_p95_ms": …}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bench.screenshot_checks import check_all, percentile
from services.regions import sync_regions
from services.screening import ScreeningResult
from services.screening.verdict import Code, Verdict
from storage.models import Municipality, School
from tests.screening.generate import REGION, Sample

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "tests" / "screening"
NOW = datetime(2022, 11, 10, 9, 0, tzinfo=UTC)  # after the set's last date (1 November)


@dataclass(frozen=True, slots=True)
class Label:
    file: str
    mime: str
    school: int
    step: str
    expected: str
    family: str
    copy_of: str | None


def render(folder: Path, name: str) -> tuple[list[Label], dict[str, Any]]:
    shutil.copy(SETS / name / "make.py", folder / "make.py")
    subprocess.run([sys.executable, str(folder / "make.py")], check=True, cwd=folder)
    raw = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    fields = Label.__dataclass_fields__
    labels = [Label(**{k: v for k, v in item.items() if k in fields}) for item in raw]
    return labels, json.loads((folder / "schools.json").read_text(encoding="utf-8"))


async def seed(session: AsyncSession, schools: dict[str, Any]) -> list[int]:
    await sync_regions(session)
    municipality = Municipality(region_code=REGION, name="Отложенный набор")
    session.add(municipality)
    await session.flush()
    ids = []
    for index in sorted(schools, key=int):
        school = School(
            code=f"held{int(index):03d}",
            name=schools[index]["name"],
            municipality_id=municipality.id,
        )
        session.add(school)
        await session.flush()
        ids.append(school.id)
    return ids


async def check(
    labels: list[Label], folder: Path, schools: dict[str, Any], workers: int
) -> tuple[dict[str, ScreeningResult], dict[int, str]]:
    """The project bench's checking loop over the labelled files, with the set's schools."""
    samples = [
        Sample(
            label.file,
            (folder / label.file).read_bytes(),
            label.mime,
            "document",
            label.family,
            label.step,
            label.school,
            2022,
            label.expected,
        )
        for label in labels
    ]

    async def set_schools(session: AsyncSession) -> list[int]:
        return await seed(session, schools)

    results, by_submission, _ = await check_all(samples, folder, workers, set_schools, NOW)
    return results, by_submission


def lineage(labels: list[Label]) -> dict[str, str]:
    """Each file's first original: a copy of a copy is of the same lineage, as in
    bench/screenshot_checks.py (flagged as a copy of an earlier copy of its original is right)."""
    root: dict[str, str] = {}
    for label in labels:  # originals come before their copies
        root[label.file] = root.get(label.copy_of, label.copy_of) if label.copy_of else label.file
    return root


def score(
    labels: list[Label], results: dict[str, ScreeningResult], by_submission: dict[int, str]
) -> dict[str, float | int]:
    root = lineage(labels)
    families: dict[str, Counter[str]] = defaultdict(Counter)
    tp = fp = fn = copies = found = false_copies = genuine = genuine_ok = 0
    for label in labels:
        result = results[label.file]
        families[label.family][result.verdict.value] += 1
        flagged = {
            by_submission[int(item["submission_id"])]
            for file in result.files
            for item in file.findings
            if item["code"] == Code.COPY.value
        }
        suspicious = result.verdict is Verdict.SUSPICIOUS
        if label.expected == "suspicious":
            tp += suspicious
            fn += not suspicious
            if not suspicious:
                print(
                    f"  missed: {label.file} {label.family}: {result.verdict.value} {codes(result)}"
                )
        else:
            fp += suspicious
            genuine += 1
            genuine_ok += result.verdict is Verdict.OK
            if suspicious:
                print(f"  wrongly: {label.file} {label.family}: {codes(result)}")
        if label.copy_of is not None and label.expected == "suspicious":  # not a resend
            copies += 1
            found += any(root[name] == root[label.file] for name in flagged)
            if not flagged:
                print(f"  copy missed: {label.file} {label.family} (of {label.copy_of})")
        wrong = {name for name in flagged if root[name] != root[label.file]}
        false_copies += len(wrong)
        for name in sorted(wrong):
            print(f"  false copy: {label.file} {label.family} flagged as a copy of {name}")
    print(f"{'family':<40} {'n':>3} {'ok':>4} {'unclear':>8} {'suspicious':>11}")
    for family in sorted(families):
        counts = families[family]
        print(
            f"{family:<40} {sum(counts.values()):>3} {counts['ok']:>4} {counts['unclear']:>8} "
            f"{counts['suspicious']:>11}"
        )
    checks = [f.check_ms for r in results.values() for f in r.files]
    return {
        "images": len(labels),
        "suspicious_precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
        "suspicious_recall": round(tp / (tp + fn), 3) if tp + fn else 0.0,
        "duplicate_recall": round(found / copies, 3) if copies else 0.0,
        "false_duplicates": false_copies,
        "ok_share_of_genuine": round(genuine_ok / genuine, 3) if genuine else 0.0,
        "check_p95_ms": round(percentile(checks, 0.95)),
    }


def codes(result: ScreeningResult) -> str:
    items = [*result.findings, *(item for file in result.files for item in file.findings)]
    return ",".join(str(item["code"]) for item in items if item["code"] != Code.FOUND.value)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--set", default="heldout4", choices=["heldout", "heldout2", "heldout3", "heldout4"]
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        labels, schools = render(folder, args.set)
        results, by_submission = await check(labels, folder, schools, args.workers)
    print(json.dumps(score(labels, results, by_submission)))


if __name__ == "__main__":
    asyncio.run(main())
