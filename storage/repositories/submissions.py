"""SQL for confirmations: drafts and versions, reviews, downloads, album replies, reminders."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    AlbumReply,
    Municipality,
    RoleGrant,
    School,
    SentReminder,
    Submission,
    SubmissionFile,
    utcnow,
)

DONE = ("submitted", "accepted", "returned")
SENT = (*DONE, "superseded")  # every version ever sent: a newer one replaced a superseded one


@dataclass(frozen=True, slots=True)
class Area:
    """Schools in some regions, municipalities or named schools; `everywhere` for federal admins."""

    regions: frozenset[str] = frozenset()
    municipalities: frozenset[int] = frozenset()
    schools: frozenset[int] = frozenset()
    everywhere: bool = False

    def is_empty(self) -> bool:
        return not (self.everywhere or self.regions or self.municipalities or self.schools)


@dataclass(frozen=True, slots=True)
class SchoolRow:
    id: int
    code: str
    name: str
    municipality_id: int
    municipality: str
    region: str


@dataclass(frozen=True, slots=True)
class Latest:
    """The newest version of a school's confirmation of a step."""

    submission_id: int
    version: int
    status: str


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    step_key: str
    school_code: str
    school_name: str
    version: int
    index: int
    kind: str
    file_name: str | None
    sha256: str
    content_type: str | None


def _area_schools(area: Area) -> Select[Any]:
    query = select(School.id).join(Municipality, School.municipality_id == Municipality.id)
    if area.everywhere:
        return query
    return query.where(
        or_(
            Municipality.region_code.in_(area.regions),
            School.municipality_id.in_(area.municipalities),
            School.id.in_(area.schools),
        )
    )


class SubmissionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    # --- drafts and versions ----------------------------------------------------------------

    async def draft(self, submission_id: int) -> Submission | None:
        row = await self._session.get(Submission, submission_id)
        return row if row is not None and row.status == "draft" else None

    async def draft_for(self, school_id: int, step_key: str, season: int, user_id: int) -> int:
        """The sender's draft for the school's step: the one they left (files and all), or a
        new one. Drafts are thrown away only when their sender cancels them."""
        found = await self._session.scalar(
            select(Submission.id).where(
                Submission.submitted_by == user_id,
                Submission.status == "draft",
                Submission.school_id == school_id,
                Submission.step_key == step_key,
                Submission.season == season,
            )
        )
        if found is not None:
            return int(found)
        draft = Submission(
            school_id=school_id,
            step_key=step_key,
            season=season,
            status="draft",
            submitted_by=user_id,
        )
        self._session.add(draft)
        await self._session.flush()
        return draft.id

    async def drop_files(self, file_ids: Sequence[int]) -> None:
        await self._session.execute(delete(SubmissionFile).where(SubmissionFile.id.in_(file_ids)))

    async def discard_draft(self, submission_id: int) -> None:
        await self._session.execute(
            delete(Submission).where(Submission.id == submission_id, Submission.status == "draft")
        )

    async def add_file(self, file: SubmissionFile) -> int:
        """Adds the file; returns how many the draft holds now."""
        self._session.add(file)
        await self._session.flush()
        return await self.file_count(file.submission_id)

    async def file_count(self, submission_id: int) -> int:
        count = await self._session.scalar(
            select(func.count(SubmissionFile.id)).where(
                SubmissionFile.submission_id == submission_id
            )
        )
        return int(count or 0)

    async def set_comment(self, submission_id: int, comment: str) -> None:
        await self._session.execute(
            update(Submission).where(Submission.id == submission_id).values(comment=comment)
        )

    async def finalize(self, draft: Submission, now: datetime) -> int:
        """Makes the draft the next version of the school's confirmation of the step."""
        latest = await self._session.scalar(
            select(func.max(Submission.version)).where(
                Submission.school_id == draft.school_id,
                Submission.step_key == draft.step_key,
                Submission.season == draft.season,
            )
        )
        draft.version = int(latest or 0) + 1
        draft.status = "submitted"
        draft.submitted_at = now
        # An earlier version still waiting for review is no longer what the school stands by.
        await self._session.execute(
            update(Submission)
            .where(
                Submission.school_id == draft.school_id,
                Submission.step_key == draft.step_key,
                Submission.season == draft.season,
                Submission.status == "submitted",
                Submission.id != draft.id,
            )
            .values(status="superseded")
        )
        await self._session.flush()
        return draft.version

    async def newest_version(self, submission: Submission) -> int | None:
        return await self._session.scalar(
            select(func.max(Submission.version)).where(
                Submission.school_id == submission.school_id,
                Submission.step_key == submission.step_key,
                Submission.season == submission.season,
            )
        )

    async def claim_album_reply(
        self, media_group_id: str, chat_id: int, submission_id: int
    ) -> bool:
        """True for exactly one part of an album, whichever replica handles it."""
        try:
            async with self._session.begin_nested():
                self._session.add(
                    AlbumReply(
                        media_group_id=media_group_id,
                        chat_id=chat_id,
                        submission_id=submission_id,
                        created_at=utcnow(),
                    )
                )
        except IntegrityError:
            return False
        return True

    async def take_album_reply(self, media_group_id: str) -> bool:
        """True once per album: the one that answers it (the settling task or the sweep)."""
        result = await self._session.execute(
            update(AlbumReply)
            .where(AlbumReply.media_group_id == media_group_id, AlbumReply.answered_at.is_(None))
            .values(answered_at=utcnow())
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def stranded_album_replies(self, older_than: datetime) -> list[AlbumReply]:
        """Albums claimed before `older_than` and never answered (their process died)."""
        rows = await self._session.scalars(
            select(AlbumReply)
            .where(
                AlbumReply.answered_at.is_(None),
                AlbumReply.created_at < older_than,
                AlbumReply.chat_id.is_not(None),
            )
            .order_by(AlbumReply.created_at)
            .limit(100)
        )
        return list(rows)

    # --- reading ----------------------------------------------------------------------------

    async def get(self, submission_id: int) -> Submission | None:
        return await self._session.get(Submission, submission_id)

    async def files(self, submission_id: int) -> list[SubmissionFile]:
        rows = await self._session.scalars(
            select(SubmissionFile)
            .where(SubmissionFile.submission_id == submission_id)
            .order_by(SubmissionFile.id)
        )
        return list(rows)

    async def schools(self, area: Area) -> list[SchoolRow]:
        if area.is_empty():
            return []
        # Columns, not entities: thousands of rows for the review board's matrix.
        rows = await self._session.execute(
            select(
                School.id,
                School.code,
                School.name,
                Municipality.id,
                Municipality.name,
                Municipality.region_code,
            )
            .join(Municipality, School.municipality_id == Municipality.id)
            .where(School.id.in_(_area_schools(area)))
            .order_by(Municipality.name, School.name)
        )
        return [SchoolRow(*row) for row in rows]

    async def latest(self, area: Area, season: int) -> dict[tuple[int, str], Latest]:
        """The newest version per (school, step) in the area."""
        if area.is_empty():
            return {}
        rows = await self._session.execute(
            select(Submission.id, Submission.school_id, Submission.step_key, Submission.version)
            .add_columns(Submission.status)
            .where(
                Submission.season == season,
                Submission.status.in_(DONE),
                Submission.school_id.in_(_area_schools(area)),
            )
        )
        latest: dict[tuple[int, str], Latest] = {}
        for submission_id, school_id, step_key, version, status in rows:
            key = (school_id, step_key)
            current = latest.get(key)
            if version is not None and (current is None or version > current.version):
                latest[key] = Latest(submission_id, version, status)
        return latest

    async def awaiting_review(self, area: Area, season: int) -> list[Submission]:
        if area.is_empty():
            return []
        rows = await self._session.scalars(
            select(Submission)
            .where(
                Submission.season == season,
                Submission.status == "submitted",
                Submission.school_id.in_(_area_schools(area)),
            )
            .order_by(Submission.submitted_at, Submission.id)
        )
        return list(rows)

    async def unannounced(self) -> list[Submission]:
        rows = await self._session.scalars(
            select(Submission)
            .where(Submission.status == "submitted", Submission.announced_at.is_(None))
            .order_by(Submission.id)
            # PostgreSQL: replicas split the batch. NO KEY UPDATE: a row that a check's
            # results merely point at (a key-share lock) is not skipped.
            .with_for_update(skip_locked=True, key_share=True)
        )
        return list(rows)

    async def mark_announced(self, ids: Sequence[int], now: datetime) -> None:
        await self._session.execute(
            update(Submission).where(Submission.id.in_(ids)).values(announced_at=now)
        )

    async def decide(
        self, submission_id: int, status: str, reviewer: int, comment: str | None, now: datetime
    ) -> bool:
        """Records the review unless someone decided first (False then)."""
        result = await self._session.execute(
            update(Submission)
            .where(Submission.id == submission_id, Submission.status == "submitted")
            .values(status=status, reviewed_by=reviewer, reviewed_at=now, review_comment=comment)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    # --- people -----------------------------------------------------------------------------

    async def people_of(self, school_ids: Iterable[int]) -> dict[int, list[int]]:
        """The school's own accounts and its curators, per school."""
        rows = await self._session.execute(
            select(RoleGrant.school_id, RoleGrant.user_id).where(
                RoleGrant.role.in_(("school", "curator")),
                RoleGrant.school_id.in_(list(school_ids)),
                RoleGrant.user_id.is_not(None),
            )
        )
        people: dict[int, list[int]] = {}
        for school_id, user_id in rows:
            if school_id is not None and user_id is not None:
                people.setdefault(school_id, []).append(int(user_id))
        return people

    async def coordinator_grants(self, region: str) -> list[RoleGrant]:
        rows = await self._session.scalars(
            select(RoleGrant)
            .where(
                RoleGrant.role.in_(("municipal", "regional")),
                RoleGrant.region_code == region,
                RoleGrant.user_id.is_not(None),
            )
            .order_by(RoleGrant.id)
        )
        return list(rows)

    # --- downloads --------------------------------------------------------------------------

    async def undownloaded(
        self, limit: int, max_attempts: int, submission_id: int | None = None
    ) -> list[SubmissionFile]:
        query = (
            select(SubmissionFile)
            .join(Submission, SubmissionFile.submission_id == Submission.id)
            .where(
                SubmissionFile.sha256.is_(None),
                SubmissionFile.download_attempts < max_attempts,
            )
            .order_by(SubmissionFile.id)
            .limit(limit)
        )
        if submission_id is not None:  # one submission's files, a draft's too (checked on send)
            query = query.where(SubmissionFile.submission_id == submission_id)
        else:  # the sweep: what was sent; a draft's files may still be dropped
            query = query.where(Submission.status != "draft")
        return list(await self._session.scalars(query))

    async def evidence(self, area: Area, season: int) -> list[EvidenceFile]:
        """Every downloaded file of every version sent in the area, in archive order."""
        if area.is_empty():
            return []
        rows = await self._session.execute(
            select(
                Submission.step_key,
                School.code,
                School.name,
                Submission.version,
                SubmissionFile.id,
                SubmissionFile.kind,
                SubmissionFile.file_name,
                SubmissionFile.sha256,
                SubmissionFile.content_type,
            )
            .join(Submission, SubmissionFile.submission_id == Submission.id)
            .join(School, Submission.school_id == School.id)
            .where(
                Submission.season == season,
                Submission.status.in_(SENT),
                SubmissionFile.sha256.is_not(None),
                SubmissionFile.rejected.is_(None),
                Submission.school_id.in_(_area_schools(area)),
            )
            .order_by(Submission.step_key, School.code, Submission.version, SubmissionFile.id)
        )
        files: list[EvidenceFile] = []
        index = 0
        previous: tuple[str, str, int] | None = None
        for step, code, name, version, _, kind, file_name, sha, content_type in rows:
            index = index + 1 if previous == (step, code, version or 0) else 1
            previous = (step, code, version or 0)
            files.append(
                EvidenceFile(
                    step, code, name, version or 0, index, kind, file_name, str(sha), content_type
                )
            )
        return files

    async def count_undownloaded(self, area: Area, season: int) -> int:
        if area.is_empty():
            return 0
        count = await self._session.scalar(
            select(func.count(SubmissionFile.id))
            .join(Submission, SubmissionFile.submission_id == Submission.id)
            .where(
                Submission.season == season,
                Submission.status.in_(DONE),
                SubmissionFile.sha256.is_(None),
                Submission.school_id.in_(_area_schools(area)),
            )
        )
        return int(count or 0)

    # --- reminders --------------------------------------------------------------------------

    async def claim_reminder(self, key: str) -> bool:
        """True once per key, across sweeps, restarts and replicas."""
        try:
            async with self._session.begin_nested():
                self._session.add(SentReminder(key=key))
        except IntegrityError:
            return False
        return True
