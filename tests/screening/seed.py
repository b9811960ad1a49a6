"""The generated set in a database: the set's schools in region 23, one sent submission per
file, the files in a FileStore as the download sweep leaves them. Used by the tests and the
bench."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.file_store import FileStore
from services.regions import sync_regions
from storage.models import Municipality, School, Submission, SubmissionFile
from tests.screening.generate import REGION, SCHOOLS, Sample

SENDER = 1001


async def seed_schools(session: AsyncSession) -> list[int]:
    """The set's schools; returns their ids in SCHOOLS order."""
    await sync_regions(session)
    municipalities: dict[str, int] = {}
    ids = []
    for info in SCHOOLS:
        if info.municipality not in municipalities:
            row = Municipality(region_code=REGION, name=info.municipality)
            session.add(row)
            await session.flush()
            municipalities[info.municipality] = row.id
        school = School(
            code=info.code, name=info.name, municipality_id=municipalities[info.municipality]
        )
        session.add(school)
        await session.flush()
        ids.append(school.id)
    return ids


async def add_submission(
    session: AsyncSession,
    store: FileStore,
    school_ids: Sequence[int],
    samples: Sequence[Sample],
    now: datetime | None = None,
) -> int:
    """One sent submission of the samples' files (school, step and season of the first)."""
    first = samples[0]
    now = now or datetime(2022, 10, 20, 9, 0, tzinfo=UTC)
    versions = await session.scalars(
        select(Submission.version).where(
            Submission.school_id == school_ids[first.school],
            Submission.step_key == first.step_key,
            Submission.season == first.season,
        )
    )
    version = max((v or 0 for v in versions), default=0) + 1
    submission = Submission(
        school_id=school_ids[first.school],
        step_key=first.step_key,
        season=first.season,
        version=version,
        status="submitted",
        submitted_by=SENDER,
        submitted_at=now,
    )
    session.add(submission)
    await session.flush()
    for index, sample in enumerate(samples):
        sha = hashlib.sha256(sample.data).hexdigest()
        path = store.path_for(sha)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(sample.data)
        session.add(
            SubmissionFile(
                submission_id=submission.id,
                kind=sample.kind,
                file_id=f"file-{sample.name}-{index}",
                file_unique_id=f"u-{sample.name}-{index}",
                file_name=None,
                mime_type=sample.mime,
                size=len(sample.data),
                sha256=sha,
            )
        )
    await session.flush()
    return submission.id
