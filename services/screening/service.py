"""Checking a submission's files once they are stored under FILES_DIR, and the regions'
auto-accept rules.

The download sweep calls `screen_pending` after `fetch_files`; the review screens read the
result with `ScreeningRepository.result`/`file_results` and order the queue with
`ScreeningRepository.review_queue`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy.ext.asyncio import AsyncSession

from services.calendar_io import calendar_for
from services.file_store import FileStore
from services.permissions import Action, Actor, Scope, require
from services.screening.copies import CopyIndex
from services.screening.expectations import (
    Outcome,
    Partner,
    about_project,
    evaluate,
    matching_steps,
    normalize,
    shipped_expectations,
)
from services.screening.facts import FileFacts
from services.screening.hashes import HASH_BYTES
from services.screening.ocr import Reading
from services.screening.pool import Screener
from services.screening.verdict import (
    UNCHECKED_KEY,
    VERDICT_KEYS,
    Code,
    Translate,
    Verdict,
    describe,
    finding,
    verdict_of,
    worst,
)
from storage.models import ScreenedFile, SubmissionFile
from storage.repositories.screening import (
    PENDING,
    IndexedFile,
    ScreeningRepository,
    SubmissionFacts,
)

log = logging.getLogger(__name__)
MIN_WORDS = 6  # fewer readable words than this: the text could not be read
# No text read and fewer sharp edges than this: a picture (bench/screenshot_checks.py: the
# generated drawings and photos ≤ 0.0023, the blurriest photo of a screen 0.0030).
PICTURE_EDGES = 0.002
EXCERPT = 2000
STALE_CLAIM = timedelta(minutes=10)
INDEX_MARGIN = 500  # ids re-read on refresh: rows another replica committed out of order


@dataclass(frozen=True, slots=True)
class FileResult:
    file_id: int
    verdict: Verdict
    findings: list[dict[str, Any]]
    check_ms: float
    ocr_ms: float
    copy_of: int | None = None  # the other submission


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    submission_id: int
    verdict: Verdict
    findings: list[dict[str, Any]]
    files: list[FileResult] = field(default_factory=list)
    text_checked: bool = False
    auto_accepted: bool = False


async def screen_pending(
    session: AsyncSession, files_dir: Path, screener: Screener, now: datetime, limit: int = 20
) -> list[ScreeningResult]:
    """Checks submissions whose files are all stored and that nobody has checked; commits after
    each. A check that fails is logged and taken up again once its claim is stale."""
    repository = ScreeningRepository(session)
    results = []
    for submission_id in await repository.unscreened(limit, now - STALE_CLAIM):
        if not await repository.claim(submission_id, now, now - STALE_CLAIM):
            await session.rollback()
            continue
        await session.commit()
        try:
            result = await screen_submission(session, files_dir, submission_id, screener, now)
        except Exception:
            log.exception("checking submission %s failed; retried later", submission_id)
            await session.rollback()
            continue
        await session.commit()
        if result is not None:
            results.append(result)
    return results


async def screen_one(
    session: AsyncSession, files_dir: Path, submission_id: int, screener: Screener, now: datetime
) -> ScreeningResult | None:
    """Checks one submission now (just sent): claimed and committed first, like the sweep, so
    no lock is held on it while its files are read."""
    repository = ScreeningRepository(session)
    if not await repository.claim(submission_id, now, now - STALE_CLAIM):
        await session.rollback()
        return None
    await session.commit()
    result = await screen_submission(session, files_dir, submission_id, screener, now)
    await session.commit()
    return result


async def screen_submission(
    session: AsyncSession,
    files_dir: Path,
    submission_id: int,
    screener: Screener,
    now: datetime,
) -> ScreeningResult | None:
    """Checks every file of the submission and stores the results and the verdict (the caller
    commits). None when the submission is gone or a file is not downloaded yet."""
    # One submission at a time per process: two schools sending the same picture moments
    # apart must see each other in the copy index, whichever is checked first. The turn is
    # awaited before the first query, so those waiting hold no database connection: fifty
    # screenshots at once would otherwise take the pool's every connection from the users.
    async with screener.index_lock:
        repository = ScreeningRepository(session)
        facts = await repository.submission_facts(submission_id)
        rows = await repository.files(submission_id)
        if facts is None or not rows or any(row.sha256 is None for row in rows):
            return None
        if await repository.result(submission_id) is None:
            await repository.claim(submission_id, now, now - STALE_CLAIM)
        store = FileStore(files_dir)
        paths = [store.path_for(str(row.sha256)) for row in rows]
        return await _screen(session, repository, store, screener, facts, rows, paths, now)


async def _screen(
    session: AsyncSession,
    repository: ScreeningRepository,
    store: FileStore,
    screener: Screener,
    facts: SubmissionFacts,
    rows: list[SubmissionFile],
    paths: list[Path],
    now: datetime,
) -> ScreeningResult:
    submission_id = facts.submission.id
    await _refresh(screener.index, repository)
    screener.index.forget(submission_id)
    checked = await asyncio.gather(
        *(
            _check_file(screener, repository, store, facts, row, path)
            for row, path in zip(rows, paths, strict=True)
        )
    )
    inspected = [one.facts for one in checked]
    file_findings = [one.findings for one in checked]
    check_ms = [one.ms for one in checked]
    copies = [one.copy_of for one in checked]
    texts = [normalize(fact.text) if fact.text else "" for fact in inspected]
    text_checked = any(fact.text is not None for fact in inspected)
    readable = [fact.words >= MIN_WORDS for fact in inspected]
    own = await _content_findings(session, repository, facts, texts, readable, file_findings)
    verdicts = [verdict_of(items) for items in file_findings]
    verdict = worst([*verdicts, verdict_of(own)])
    screened = [
        ScreenedFile(
            file_id=row.id,
            submission_id=submission_id,
            sha256=str(row.sha256),
            detected_type=fact.detected,
            width=fact.width or None,
            height=fact.height or None,
            dhash=fact.dhash,
            phash=fact.phash,
            dhash_center=fact.dhash_center,
            text_source=fact.text_source,
            text_excerpt=fact.text[:EXCERPT] if fact.text else None,
            findings=items,
            verdict=file_verdict.value,
            check_ms=round(spent),
            checked_at=now,
        )
        for row, fact, items, file_verdict, spent in zip(
            rows, inspected, file_findings, verdicts, check_ms, strict=True
        )
    ]
    await repository.store(submission_id, screened, verdict.value, own, text_checked, now)
    submission = facts.submission
    screener.index.add(
        IndexedFile(
            file.id,
            submission_id,
            submission.school_id,
            submission.step_key,
            submission.season,
            file.sha256,
            file.dhash,
            file.dhash_center,
        )
        for file in screened
        if file.dhash is not None and file.dhash_center is not None
    )
    auto = False
    if (
        verdict is Verdict.OK
        and text_checked
        and submission.status == "submitted"
        and await repository.auto_accept(facts.region, submission.step_key, submission.season)
    ):
        auto = await repository.accept_automatically(submission_id, now)
    return ScreeningResult(
        submission_id,
        verdict,
        own,
        [
            FileResult(row.id, v, items, ms, fact.ocr_ms, copy)
            for row, v, items, ms, fact, copy in zip(
                rows, verdicts, file_findings, check_ms, inspected, copies, strict=True
            )
        ],
        text_checked,
        auto,
    )


@dataclass(frozen=True, slots=True)
class _Checked:
    facts: FileFacts
    findings: list[dict[str, Any]]
    ms: float
    copy_of: int | None


async def _check_file(
    screener: Screener,
    repository: ScreeningRepository,
    store: FileStore,
    facts: SubmissionFacts,
    row: SubmissionFile,
    path: Path,
) -> _Checked:
    """One file: its facts first, then its text (OCR) and the search for copies side by side."""
    started = time.perf_counter()
    # A photo's type is Telegram's (it re-encodes photos), not something the sender claimed.
    fact = await screener.inspect(path, None if row.kind == "photo" else row.mime_type)

    async def no_text() -> tuple[Reading | None, float]:
        return None, 0.0

    async def no_copy() -> dict[str, Any] | None:
        return None

    reading = screener.read_text(path) if screener.ocr and fact.needs_ocr else no_text()
    searching = (
        _find_copy(screener, repository, store, facts, row, path, fact)
        if fact.comparable
        else no_copy()
    )
    (read, ocr_ms), copy = await asyncio.gather(reading, searching)
    if read is not None:
        fact = replace(fact, text=read.text, text_source="ocr", words=read.confident, ocr_ms=ocr_ms)
    items = _file_findings(fact, screener.ocr)
    if copy is not None:
        items.append(copy)
    return _Checked(
        fact,
        items,
        (time.perf_counter() - started) * 1000,
        int(copy["submission_id"]) if copy is not None else None,
    )


async def _refresh(index: CopyIndex, repository: ScreeningRepository) -> None:
    fresh = await repository.indexed_since(max(0, index.last_id - INDEX_MARGIN))
    index.add(fresh)


def _file_findings(fact: FileFacts, read_text: bool) -> list[dict[str, Any]]:
    if not fact.decodable:
        if fact.detected == "heic":
            return [finding(Code.UNSUPPORTED, detected=fact.detected)]
        return [finding(Code.UNREADABLE)]
    items = []
    if fact.type_mismatch:
        items.append(
            finding(Code.TYPE_MISMATCH, declared=fact.declared or "", detected=fact.detected or "")
        )
    if fact.tiny:
        items.append(finding(Code.TINY, width=fact.width, height=fact.height))
    if fact.blank:
        items.append(finding(Code.BLANK))
    if not (fact.tiny or fact.blank):
        if fact.text is not None:
            if fact.words < MIN_WORDS:
                # Little was read, but what was names the programme: a screen read badly.
                picture = fact.edges < PICTURE_EDGES and not about_project(normalize(fact.text))
                items.append(finding(Code.PICTURE if picture else Code.NO_TEXT))
        else:
            items.append(finding(Code.TEXT_UNCHECKED, tesseract=read_text))
    return items


async def _find_copy(
    screener: Screener,
    repository: ScreeningRepository,
    store: FileStore,
    facts: SubmissionFacts,
    row: SubmissionFile,
    path: Path,
    fact: FileFacts,
) -> dict[str, Any] | None:
    """An earlier file of another school, step or season showing the same picture (the
    nearest by hash first), as a finding."""
    submission = facts.submission
    windows = np.frombuffer(fact.windows, dtype=np.uint8).reshape(-1, HASH_BYTES)
    candidates = await asyncio.to_thread(
        screener.index.candidates,
        windows,
        submission.id,
        submission.school_id,
        submission.step_key,
        submission.season,
    )
    for candidate in candidates:
        if candidate.file.sha256 != row.sha256:
            comparison = await screener.compare(path, store.path_for(candidate.file.sha256))
            if comparison is None or not comparison.same:
                continue
        other = await repository.other_submission(candidate.file.submission_id)
        if other is None:
            continue
        return finding(
            Code.COPY,
            submission_id=other.submission_id,
            school=other.school_name,
            school_code=other.school_code,
            same_school=other.school_id == submission.school_id,
            step_key=other.step_key,
            season=other.season,
            version=other.version,
            identical=candidate.file.sha256 == row.sha256,
        )
    return None


async def _content_findings(
    session: AsyncSession,
    repository: ScreeningRepository,
    facts: SubmissionFacts,
    texts: list[str],
    legible: list[bool],
    file_findings: list[list[dict[str, Any]]],
) -> list[dict[str, Any]]:
    """What the text of the files shows against what the step's confirmation should show."""
    submission = facts.submission
    all_steps = shipped_expectations()
    expectations = all_steps.get(submission.step_key)
    readable = [text for text, ok in zip(texts, legible, strict=True) if ok]
    if not expectations or not readable:
        return []
    union = "\n".join(readable)
    partners = [
        Partner(name, code)
        for name, code in await repository.region_schools(facts.region, submission.school_id)
    ]
    calendar = await calendar_for(session, facts.region)
    step = calendar.step(submission.step_key)
    # Dates are held against this season's deadline only (an earlier season's is not known).
    current = calendar.season == submission.season
    deadline = step.due(facts.region) if step and current else None
    outcomes = evaluate(expectations, union, partners, deadline)
    kinds = {e.id: e.kind for e in expectations}
    content = [o for o in outcomes if kinds[o.id] != "date"]
    found = [o.id for o in content if o.found]
    missing = [o.id for o in content if not o.found and o.required]
    items: list[dict[str, Any]] = [finding(Code.FOUND, found=found, missing=missing)]
    signature = {e.id for e in expectations if e.signature}
    own_marked = any(o.found for o in content if o.id in signature)
    if not found or missing:
        others = (
            [] if own_marked else matching_steps(all_steps, union, partners, submission.step_key)
        )
        # Off topic: nothing of the programme at all, not only nothing of this step (a word
        # like «файл» on a weather site's menu does not make it an upload).
        unmarked = not found or (bool(signature) and not own_marked)
        if others:
            items.append(finding(Code.OTHER_STEP, step_key=others[0]))
        elif unmarked and not about_project(union):
            items.append(finding(Code.OFF_TOPIC))
        else:
            required = missing or [o.id for o in content if o.required and not o.found]
            items.append(finding(Code.MISSING, missing=required))
    items += _date_findings(outcomes, kinds, deadline)
    if len(texts) > 1:
        for text, ok, items_of_file in zip(texts, legible, file_findings, strict=True):
            if not ok:
                continue
            hits = evaluate([e for e in expectations if e.kind != "date"], text, partners, deadline)
            if not any(hit.found for hit in hits):
                items_of_file.append(finding(Code.NOTHING_OF_STEP))
    return items


def _date_findings(
    outcomes: list[Outcome], kinds: dict[str, str], deadline: date | None
) -> list[dict[str, Any]]:
    items = []
    for outcome in outcomes:
        if kinds[outcome.id] != "date" or outcome.found or deadline is None:
            continue
        if outcome.late is not None:
            items.append(
                finding(
                    Code.DATE_LATE,
                    date=outcome.late.isoformat(),
                    deadline=deadline.isoformat(),
                )
            )
        elif outcome.old is not None:
            items.append(finding(Code.DATE_OLD, date=outcome.old.isoformat()))
    return items


# --- auto-accept ----------------------------------------------------------------------------


class UnknownStepError(ValueError):
    """The step is not in the region's calendar."""


async def set_auto_accept(
    session: AsyncSession,
    actor: Actor,
    region: str,
    step_key: str,
    enabled: bool,
    now: datetime,
) -> None:
    """A regional coordinator (or an admin) lets "looks right" confirmations of a step in their
    region be accepted without a reviewer, or stops it. Commits."""
    require(actor, Action.SET_AUTO_ACCEPT, Scope(region))
    calendar = await calendar_for(session, region)
    if calendar.step(step_key) is None:
        raise UnknownStepError(step_key)
    await ScreeningRepository(session).set_auto_accept(
        region, step_key, calendar.season, enabled, actor.user_id, now
    )
    await session.commit()


async def auto_accept_steps(session: AsyncSession, actor: Actor, region: str) -> list[str]:
    """The steps of the region's current season accepted automatically when they look right."""
    require(actor, Action.SET_AUTO_ACCEPT, Scope(region))
    calendar = await calendar_for(session, region)
    return await ScreeningRepository(session).auto_accept_steps(region, calendar.season)


# --- what a review card shows ---------------------------------------------------------------


async def review_lines(
    session: AsyncSession,
    submission_id: int,
    t: Translate,
    step_number: Callable[[str], str] = str,
) -> list[str]:
    """The verdict and its reasons for a review card, in the reader's language: the first line
    is the verdict («🔴 подозрительно», or «⏳ ещё не проверено ботом»), then the reasons about
    the submission, then those about each file (numbered when there are several)."""
    repository = ScreeningRepository(session)
    result = await repository.result(submission_id)
    if result is None or result.verdict == PENDING:
        return [t(UNCHECKED_KEY)]
    out = [t(VERDICT_KEYS[Verdict(result.verdict)])]
    out += describe(result.findings, t, step_number)
    files = await repository.file_results(submission_id)
    for number, file in enumerate(files, start=1):
        out += describe(file.findings, t, step_number, number if len(files) > 1 else None)
    return out
