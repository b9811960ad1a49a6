"""SQL for the review board: one-time logins, the dates behind the progress matrix, curators of an
area, and what the gallery shows of a version (its files, the history of the school's step)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import BoardLogin, RoleGrant, Submission, SubmissionFile, User
from storage.repositories.submissions import DONE, SENT, Area, _area_schools


@dataclass(frozen=True, slots=True)
class Dates:
    """When a version was sent and, once decided, when it was reviewed."""

    submitted_at: datetime | None
    reviewed_at: datetime | None


@dataclass(frozen=True, slots=True)
class CuratorRow:
    """A curator's grant on a school: a person, or a name imported before they started the bot."""

    user_id: int | None
    name: str
    school_id: int


class BoardRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    # --- one-time logins --------------------------------------------------------------------

    async def add_login(self, token_hash: str, user_id: int, expires_at: datetime) -> None:
        self._session.add(BoardLogin(token_hash=token_hash, user_id=user_id, expires_at=expires_at))
        await self._session.flush()

    async def use_login(self, token_hash: str, now: datetime) -> int | None:
        """The person of an unused, unexpired login, which is used up by this call (atomically:
        two browsers racing with one link, only one gets in)."""
        result = await self._session.execute(
            update(BoardLogin)
            .where(
                BoardLogin.token_hash == token_hash,
                BoardLogin.used_at.is_(None),
                BoardLogin.expires_at > now,
            )
            .values(used_at=now)
        )
        if not result.rowcount:  # type: ignore[attr-defined]
            return None
        return await self._session.scalar(
            select(BoardLogin.user_id).where(BoardLogin.token_hash == token_hash)
        )

    async def purge_logins(self, before: datetime) -> None:
        await self._session.execute(delete(BoardLogin).where(BoardLogin.expires_at < before))

    # --- the matrix -------------------------------------------------------------------------

    async def dates(self, area: Area, season: int) -> dict[int, Dates]:
        """Sent and reviewed instants of every version standing in the area, by submission id."""
        if area.is_empty():
            return {}
        rows = await self._session.execute(
            select(Submission.id, Submission.submitted_at, Submission.reviewed_at).where(
                Submission.season == season,
                Submission.status.in_(DONE),
                Submission.school_id.in_(_area_schools(area)),
            )
        )
        return {row[0]: Dates(row[1], row[2]) for row in rows}

    async def curators(self, area: Area) -> list[CuratorRow]:
        if area.is_empty():
            return []
        rows = await self._session.execute(
            select(
                RoleGrant.user_id,
                RoleGrant.pending_name,
                RoleGrant.pending_contact,
                RoleGrant.school_id,
                User.display_name,
                User.first_name,
                User.last_name,
            )
            .outerjoin(User, RoleGrant.user_id == User.id)
            .where(RoleGrant.role == "curator", RoleGrant.school_id.in_(_area_schools(area)))
        )
        found = []
        for user_id, pending, contact, school_id, display, first, last in rows:
            if school_id is None:
                continue
            if user_id is not None:
                name = display or " ".join(part for part in (first, last) if part)
            else:
                name = pending or contact or ""
            found.append(CuratorRow(user_id, name, school_id))
        return found

    async def any_versions(self) -> bool:
        """Whether any confirmation was ever sent (the demo seeds its own only into a new one)."""
        return await self._session.scalar(select(Submission.id).limit(1)) is not None

    # --- the gallery ------------------------------------------------------------------------

    async def files_of(self, submission_ids: Iterable[int]) -> dict[int, list[SubmissionFile]]:
        wanted = list(submission_ids)
        files: dict[int, list[SubmissionFile]] = {n: [] for n in wanted}
        for start in range(0, len(wanted), 500):  # keep IN lists short for SQLite
            rows = await self._session.scalars(
                select(SubmissionFile)
                .where(SubmissionFile.submission_id.in_(wanted[start : start + 500]))
                .order_by(SubmissionFile.id)
            )
            for file in rows:
                files[file.submission_id].append(file)
        return files

    async def history(self, school_id: int, step_key: str, season: int) -> Sequence[Submission]:
        """Every version the school sent for the step, newest first."""
        rows = await self._session.scalars(
            select(Submission)
            .where(
                Submission.school_id == school_id,
                Submission.step_key == step_key,
                Submission.season == season,
                Submission.status.in_(SENT),
            )
            .order_by(Submission.version.desc())
        )
        return list(rows)

    async def file(self, file_id: int) -> tuple[SubmissionFile, Submission] | None:
        row = (
            await self._session.execute(
                select(SubmissionFile, Submission)
                .join(Submission, SubmissionFile.submission_id == Submission.id)
                .where(SubmissionFile.id == file_id)
            )
        ).first()
        return None if row is None else (row[0], row[1])
