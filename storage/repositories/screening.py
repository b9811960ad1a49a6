"""SQL for the checks of confirmation files: claims, results, the hash index, the review queue's
order and the regions' auto-accept rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    AutoAcceptRule,
    Municipality,
    School,
    ScreenedFile,
    Submission,
    SubmissionFile,
    SubmissionScreening,
)
from storage.repositories.submissions import DONE, Area, _area_schools

PENDING = "pending"
# The review queue: what most needs a look first; files still unchecked last.
QUEUE_ORDER = {"suspicious": 0, "unclear": 1, "ok": 2}
UNCHECKED_RANK = 3


@dataclass(frozen=True, slots=True)
class IndexedFile:
    """An earlier checked file, as the copy finder sees it."""

    id: int
    submission_id: int
    school_id: int
    step_key: str
    season: int
    sha256: str
    dhash: str
    dhash_center: str


@dataclass(frozen=True, slots=True)
class SubmissionFacts:
    """A submission with what the checks need of its school and place."""

    submission: Submission
    school_name: str
    school_code: str
    region: str


@dataclass(frozen=True, slots=True)
class OtherSubmission:
    """Who sent the file a copy was found of, as a review card names it."""

    submission_id: int
    school_id: int
    school_name: str
    school_code: str
    step_key: str
    season: int
    version: int


class ScreeningRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    # --- claims -----------------------------------------------------------------------------

    async def unscreened(self, limit: int, stale_before: datetime) -> list[int]:
        """Sent submissions whose files are all downloaded and that nobody checks (or whose
        check was left unfinished before `stale_before`), oldest first."""
        not_downloaded = (
            select(SubmissionFile.id)
            .where(
                SubmissionFile.submission_id == Submission.id,
                SubmissionFile.sha256.is_(None),
            )
            .exists()
        )
        rows = await self._session.scalars(
            select(Submission.id)
            .outerjoin(SubmissionScreening, SubmissionScreening.submission_id == Submission.id)
            .where(
                Submission.status.in_(DONE),
                ~not_downloaded,
                or_(
                    SubmissionScreening.submission_id.is_(None),
                    and_(
                        SubmissionScreening.verdict == PENDING,
                        SubmissionScreening.claimed_at < stale_before,
                    ),
                ),
            )
            .order_by(Submission.id)
            .limit(limit)
        )
        return list(rows)

    async def claim(self, submission_id: int, now: datetime, stale_before: datetime) -> bool:
        """True for exactly one checker of a submission (a stale claim may be taken over)."""
        try:
            async with self._session.begin_nested():
                self._session.add(
                    SubmissionScreening(
                        submission_id=submission_id, verdict=PENDING, findings=[], claimed_at=now
                    )
                )
        except IntegrityError:
            result = await self._session.execute(
                update(SubmissionScreening)
                .where(
                    SubmissionScreening.submission_id == submission_id,
                    SubmissionScreening.verdict == PENDING,
                    SubmissionScreening.claimed_at < stale_before,
                )
                .values(claimed_at=now)
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]
        return True

    # --- reading ----------------------------------------------------------------------------

    async def submission_facts(self, submission_id: int) -> SubmissionFacts | None:
        row = (
            await self._session.execute(
                select(Submission, School.name, School.code, Municipality.region_code)
                .join(School, Submission.school_id == School.id)
                .join(Municipality, School.municipality_id == Municipality.id)
                .where(Submission.id == submission_id)
            )
        ).one_or_none()
        if row is None:
            return None
        submission, name, code, region = row
        return SubmissionFacts(submission, name, code, region)

    async def files(self, submission_id: int) -> list[SubmissionFile]:
        rows = await self._session.scalars(
            select(SubmissionFile)
            .where(SubmissionFile.submission_id == submission_id)
            .order_by(SubmissionFile.id)
        )
        return list(rows)

    async def region_schools(self, region: str, besides: int) -> list[tuple[str, str]]:
        """(name, code) of the region's other schools: who a partner may be."""
        rows = await self._session.execute(
            select(School.name, School.code)
            .join(Municipality, School.municipality_id == Municipality.id)
            .where(Municipality.region_code == region, School.id != besides)
        )
        return [(name, code) for name, code in rows]

    async def indexed_since(self, after_id: int) -> list[IndexedFile]:
        """Checked files with hashes and id above `after_id`, for the in-memory copy index."""
        rows = await self._session.execute(
            select(
                ScreenedFile.id,
                ScreenedFile.submission_id,
                Submission.school_id,
                Submission.step_key,
                Submission.season,
                ScreenedFile.sha256,
                ScreenedFile.dhash,
                ScreenedFile.dhash_center,
            )
            .join(Submission, ScreenedFile.submission_id == Submission.id)
            .where(
                ScreenedFile.id > after_id,
                ScreenedFile.dhash.is_not(None),
                ScreenedFile.dhash_center.is_not(None),
            )
            .order_by(ScreenedFile.id)
        )
        return [
            IndexedFile(fid, sid, school, step, season, sha, str(dh), str(center))
            for fid, sid, school, step, season, sha, dh, center in rows
        ]

    async def other_submission(self, submission_id: int) -> OtherSubmission | None:
        row = (
            await self._session.execute(
                select(Submission, School.name, School.code)
                .join(School, Submission.school_id == School.id)
                .where(Submission.id == submission_id)
            )
        ).one_or_none()
        if row is None:
            return None
        submission, name, code = row
        return OtherSubmission(
            submission.id,
            submission.school_id,
            name,
            code,
            submission.step_key,
            submission.season,
            submission.version or 0,
        )

    async def result(self, submission_id: int) -> SubmissionScreening | None:
        return await self._session.get(SubmissionScreening, submission_id)

    async def file_results(self, submission_id: int) -> list[ScreenedFile]:
        rows = await self._session.scalars(
            select(ScreenedFile)
            .where(ScreenedFile.submission_id == submission_id)
            .order_by(ScreenedFile.file_id)
        )
        return list(rows)

    # --- writing ----------------------------------------------------------------------------

    async def store(
        self,
        submission_id: int,
        files: Sequence[ScreenedFile],
        verdict: str,
        findings: list[dict[str, Any]],
        text_checked: bool,
        now: datetime,
    ) -> None:
        """Replaces any earlier result of the submission (a check may be run again)."""
        await self._session.execute(
            delete(ScreenedFile).where(ScreenedFile.submission_id == submission_id)
        )
        self._session.add_all(files)
        await self._session.execute(
            update(SubmissionScreening)
            .where(SubmissionScreening.submission_id == submission_id)
            .values(verdict=verdict, findings=findings, text_checked=text_checked, checked_at=now)
        )
        await self._session.flush()

    async def accept_automatically(self, submission_id: int, now: datetime) -> bool:
        """Accepts the submission unless a reviewer decided first; no reviewer is recorded."""
        result = await self._session.execute(
            update(Submission)
            .where(Submission.id == submission_id, Submission.status == "submitted")
            .values(status="accepted", reviewed_by=None, reviewed_at=now, review_comment=None)
        )
        if not result.rowcount:  # type: ignore[attr-defined]
            return False
        await self._session.execute(
            update(SubmissionScreening)
            .where(SubmissionScreening.submission_id == submission_id)
            .values(auto_accepted=True)
        )
        return True

    # --- the review queue -------------------------------------------------------------------

    async def review_queue(self, area: Area, season: int) -> list[tuple[Submission, str | None]]:
        """Submissions awaiting review in the area with their verdicts (None: not checked yet),
        ordered suspicious → unclear → ok → unchecked, oldest first within each."""
        if area.is_empty():
            return []
        rank = case(
            *((SubmissionScreening.verdict == v, r) for v, r in QUEUE_ORDER.items()),
            else_=UNCHECKED_RANK,
        )
        rows = await self._session.execute(
            select(Submission, SubmissionScreening.verdict)
            .outerjoin(SubmissionScreening, SubmissionScreening.submission_id == Submission.id)
            .where(
                Submission.season == season,
                Submission.status == "submitted",
                Submission.school_id.in_(_area_schools(area)),
            )
            .order_by(rank, Submission.submitted_at, Submission.id)
        )
        return [
            (submission, None if verdict in (None, PENDING) else verdict)
            for submission, verdict in rows
        ]

    # --- auto-accept rules ------------------------------------------------------------------

    async def auto_accept(self, region: str, step_key: str, season: int) -> bool:
        rule = await self._session.get(AutoAcceptRule, (region, step_key, season))
        return rule is not None and rule.enabled

    async def set_auto_accept(
        self, region: str, step_key: str, season: int, enabled: bool, by: int, now: datetime
    ) -> None:
        rule = await self._session.get(AutoAcceptRule, (region, step_key, season))
        if rule is None:
            self._session.add(
                AutoAcceptRule(
                    region_code=region,
                    step_key=step_key,
                    season=season,
                    enabled=enabled,
                    changed_by=by,
                    changed_at=now,
                )
            )
        else:
            rule.enabled = enabled
            rule.changed_by = by
            rule.changed_at = now
        await self._session.flush()

    async def auto_accept_steps(self, region: str, season: int) -> list[str]:
        rows = await self._session.scalars(
            select(AutoAcceptRule.step_key)
            .where(
                AutoAcceptRule.region_code == region,
                AutoAcceptRule.season == season,
                AutoAcceptRule.enabled.is_(True),
            )
            .order_by(AutoAcceptRule.step_key)
        )
        return list(rows)
