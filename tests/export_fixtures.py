"""A city with something to file (issue 20, items 2 and 3), seeded straight into a database for
in-process tests and for the real bot process alike.

In the attack world's Smolensk city: СШ № 9 sent step 2 twice (v1 returned with a comment, v2
accepted, each with a stored file whose name lies about its type); СШ № 10 has a curator with a
@username and nothing sent; a school imported with a NUL byte and control characters in its name
has a curator known only by name and phone."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.file_store import FileStore
from storage.models import RoleGrant, School, Submission, SubmissionFile
from tests.directory_fixtures import Place, add_person, make_coordinator

STEP = "expertise-2"
STEP_TITLE = "2. Установление контакта со школой-партнёром"
EVIL_CODE = "edu670077"
EVIL_NAME = "МБОУ «СШ\x00 № 77»\x0b\x1f"
EVIL_SHOWN = "МБОУ «СШ № 77»"
PHONE = "+79990001122"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF\x00" + bytes(range(256)) * 4
PDF = b"%PDF-1.4\n% a confirmation letter\n" + b"0" * 900
SENT_V1 = datetime(2022, 9, 30, 7, 15, tzinfo=UTC)  # 10:15 in Smolensk (Moscow time)
SENT_V2 = datetime(2022, 10, 2, 18, 5, tzinfo=UTC)  # 21:05 in Smolensk


@dataclass(frozen=True)
class Seeded:
    evil_school: int
    v1_sha: str
    v2_sha: str


def _store(files_dir: Path, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    path = FileStore(files_dir).path_for(sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return sha


async def seed_exports(
    sessions: async_sessionmaker[AsyncSession],
    place: Place,
    files_dir: Path,
    reviewer: int,
    curator_id: int,
) -> Seeded:
    v1_sha, v2_sha = _store(files_dir, JPEG), _store(files_dir, PDF)
    async with sessions.begin() as session:
        # PostgreSQL cannot store a NUL at all; there the other control characters stand in.
        nul = "\x00" if session.bind.dialect.name == "sqlite" else "\x01"
        name = EVIL_NAME.replace("\x00", nul)
        evil = School(code=EVIL_CODE, name=name, municipality_id=place.city_id)
        session.add(evil)
        await session.flush()
        session.add(
            RoleGrant(
                role="curator",
                region_code="67",
                municipality_id=place.city_id,
                school_id=evil.id,
                pending_name=f"Анна{nul} Петрова",
                pending_contact=PHONE,
            )
        )
        await add_person(session, curator_id, "Ольга Куратор", username="olga_curator")
        await make_coordinator(session, curator_id, "Ольга", "curator", place.school("edu670010"))
        nine = place.school_ids["edu670009"]
        await _version(session, nine, 1, "returned", SENT_V1, reviewer, "Не видна дата", v1_sha)
        await _version(session, nine, 2, "accepted", SENT_V2, reviewer, None, v2_sha)
    return Seeded(evil.id, v1_sha, v2_sha)


async def _version(
    session: AsyncSession,
    school: int,
    version: int,
    status: str,
    sent: datetime,
    reviewer: int,
    comment: str | None,
    sha: str,
) -> None:
    submission = Submission(
        school_id=school,
        step_key=STEP,
        season=2022,
        version=version,
        status=status,
        submitted_by=reviewer,
        submitted_at=sent,
        announced_at=sent,
        reviewed_by=reviewer,
        reviewed_at=sent,
        review_comment=comment,
    )
    session.add(submission)
    await session.flush()
    session.add(
        SubmissionFile(
            submission_id=submission.id,
            kind="document",
            file_id=f"seeded-{sha[:8]}",
            file_unique_id=f"u-{sha[:8]}",
            file_name="скан.png",  # whatever it claims, the bytes say JPEG or PDF
            sha256=sha,
            size=1000,
        )
    )
    await session.flush()
