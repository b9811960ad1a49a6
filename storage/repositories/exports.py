"""SQL for what coordinators file and act on: every version sent in an area with its reviewer,
the curators of its schools with their contacts, and the evidence files of the versions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.models import Region, RoleGrant, School, Submission, SubmissionFile, User
from storage.repositories.submissions import SENT, Area, _area_schools


@dataclass(frozen=True, slots=True)
class VersionRow:
    """One version a school sent for a step."""

    school_id: int
    step_key: str
    version: int
    status: str
    submitted_at: datetime | None
    reviewer: str | None
    comment: str | None


@dataclass(frozen=True, slots=True)
class Contact:
    """A curator of a school: a person who started the bot, or one imported by name."""

    school_id: int
    name: str
    contact: str | None  # "@username" or "+7…", when known


@dataclass(frozen=True, slots=True)
class ManifestFile:
    """A downloaded file of a version, with what the manifest says about the version."""

    step_key: str
    school_id: int
    school_code: str
    school_name: str
    version: int
    status: str
    reviewer: str | None
    comment: str | None
    sha256: str
    file_name: str | None


def _name(display: str | None, first: str | None, last: str | None) -> str:
    return display or " ".join(part for part in (first, last) if part)


def _manifest_file(row: Any) -> ManifestFile:
    step, school_id, code, name, version, status, display, first, last, comment, sha, file = row
    reviewer = _name(display, first, last) or None
    return ManifestFile(
        step, school_id, code, name, version or 0, status, reviewer, comment, str(sha), file
    )


class ExportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def region_names(self) -> dict[str, tuple[str, str]]:
        """code → (Russian name, English name)."""
        rows = await self._session.execute(select(Region.code, Region.name, Region.name_en))
        return {code: (name, name_en) for code, name, name_en in rows}

    async def versions(self, area: Area, season: int) -> list[VersionRow]:
        """Every version sent in the area, oldest first, with its reviewer's name (names read
        apart: a handful of reviewers for thousands of versions)."""
        if area.is_empty():
            return []
        rows = (
            await self._session.execute(
                select(
                    Submission.school_id,
                    Submission.step_key,
                    Submission.version,
                    Submission.status,
                    Submission.submitted_at,
                    Submission.reviewed_by,
                    Submission.review_comment,
                )
                .where(
                    Submission.season == season,
                    Submission.status.in_(SENT),
                    Submission.school_id.in_(_area_schools(area)),
                )
                .order_by(Submission.school_id, Submission.step_key, Submission.version)
            )
        ).all()
        names = await self._names({row[5] for row in rows if row[5] is not None})
        return [
            VersionRow(school, step, version or 0, status, at, names.get(by), comment)
            for school, step, version, status, at, by, comment in rows
        ]

    async def _names(self, user_ids: set[int]) -> dict[int | None, str | None]:
        if not user_ids:
            return {}
        rows = await self._session.execute(
            select(User.id, User.display_name, User.first_name, User.last_name).where(
                User.id.in_(user_ids)
            )
        )
        return {user_id: _name(d, f, n) or None for user_id, d, f, n in rows}

    async def curators(self, area: Area) -> list[Contact]:
        if area.is_empty():
            return []
        rows = await self._session.execute(
            select(
                RoleGrant.school_id,
                RoleGrant.pending_name,
                RoleGrant.pending_contact,
                User.display_name,
                User.first_name,
                User.last_name,
                User.username,
            )
            .outerjoin(User, RoleGrant.user_id == User.id)
            .where(RoleGrant.role == "curator", RoleGrant.school_id.in_(_area_schools(area)))
            .order_by(RoleGrant.id)
        )
        found = []
        for school_id, pending, contact, display, first, last, username in rows:
            if school_id is None:
                continue
            name = _name(display, first, last) or pending or ""
            reach = f"@{username}" if username else contact
            found.append(Contact(school_id, name, reach))
        return found

    async def files(self, area: Area, season: int) -> list[ManifestFile]:
        """Every downloaded, accepted-as-evidence file of every version sent in the area."""
        if area.is_empty():
            return []
        reviewer = aliased(User)
        rows = await self._session.execute(
            select(
                Submission.step_key,
                School.id,
                School.code,
                School.name,
                Submission.version,
                Submission.status,
                reviewer.display_name,
                reviewer.first_name,
                reviewer.last_name,
                Submission.review_comment,
                SubmissionFile.sha256,
                SubmissionFile.file_name,
            )
            .join(Submission, SubmissionFile.submission_id == Submission.id)
            .join(School, Submission.school_id == School.id)
            .outerjoin(reviewer, Submission.reviewed_by == reviewer.id)
            .where(
                Submission.season == season,
                Submission.status.in_(SENT),
                SubmissionFile.sha256.is_not(None),
                SubmissionFile.rejected.is_(None),
                Submission.school_id.in_(_area_schools(area)),
            )
            .order_by(Submission.step_key, School.code, Submission.version, SubmissionFile.id)
        )
        return [_manifest_file(row) for row in rows]
