"""A confirmation being put together: the school's steps, the draft opened for a step, files and
a comment kept in it as they come, and the draft sent as the next version (or cancelled).

Files come as `Incoming` (what Telegram said of them); an album's parts are handled as separate
updates, perhaps by several replicas, and exactly one of them answers the whole album."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services import limits
from services.calendar import Calendar, Step
from services.calendar_io import calendar_for
from services.evidence import fetch_files
from services.file_store import Downloader
from services.permissions import Actor
from services.submissions import start_draft
from storage.models import SubmissionFile
from storage.repositories.directory import DirectoryRepository
from storage.repositories.submissions import Area, Latest, SubmissionRepository


@dataclass(frozen=True, slots=True)
class Incoming:
    """A file as Telegram described it; also what the conversation keeps of a file sent before
    its step was chosen (as a dict: `asdict`)."""

    kind: str  # photo | document
    file_id: str
    file_unique_id: str
    file_name: str | None = None
    mime_type: str | None = None
    size: int | None = None
    caption: str | None = None
    media_group_id: str | None = None


class Kept(StrEnum):
    STALE = "stale"  # no such draft any more
    FULL = "full"  # not kept: the draft is full; tell the person
    FULL_TOLD = "full_told"  # not kept, and another part of the album tells
    ADDED = "added"  # a single file: answer it now
    ALBUM_FIRST = "album_first"  # this part answers the album once it settles
    ALBUM_PART = "album_part"  # another part answers


class Commented(StrEnum):
    NO_FILES = "no_files"
    TOO_LONG = "too_long"
    SAVED = "saved"
    REPLACED = "replaced"  # saved in place of an earlier comment (a draft has one)


class Sending(StrEnum):
    STALE = "stale"
    REFUSED = "refused"  # files the checks refused were dropped; the rest stay in the draft
    EMPTY = "empty"
    SENT = "sent"


@dataclass(frozen=True, slots=True)
class SchoolSteps:
    """A school's reporting steps with the standing of each."""

    school: str
    region: str  # its code: the region's own deadlines apply
    season: Calendar
    latest: dict[tuple[int, str], Latest]  # by (school, step): the newest version


@dataclass(frozen=True, slots=True)
class Opened:
    draft_id: int
    step: Step
    school: str
    count: int  # files already in it (from before, or sent before the step was chosen)


@dataclass(frozen=True, slots=True)
class Added:
    kept: Kept
    school_id: int = 0
    count: int = 0


@dataclass(frozen=True, slots=True)
class Refused:
    name: str | None
    reason: str  # a locale key


@dataclass(frozen=True, slots=True)
class SendOutcome:
    result: Sending
    school_id: int = 0
    refused: Sequence[Refused] = ()
    count: int = 0  # files left (refused) or sent
    version: int = 0
    school: str = ""
    step: str = ""  # the step's number, or its key when the calendar no longer has it


async def school_steps(session: AsyncSession, school_id: int) -> SchoolSteps | None:
    place = await DirectoryRepository(session).school_place(school_id)
    if place is None:
        return None
    school, _, region = place
    season = await calendar_for(session, region.code)
    latest = await SubmissionRepository(session).latest(
        Area(schools=frozenset({school_id})), season.season
    )
    return SchoolSteps(school.name, region.code, season, latest)


class Drafts:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._repository = SubmissionRepository(session)

    async def open(
        self, actor: Actor, school_id: int, step_key: str, loose: Sequence[Incoming]
    ) -> Opened | None:
        """The draft for the school's step (the same one as before, files and all), with the
        files sent before the step was chosen put in; None when the school or step is gone.
        ForbiddenError when the actor may not send it."""
        place = await DirectoryRepository(self._session).school_place(school_id)
        season = await calendar_for(self._session, place[2].code if place else None)
        step = season.step(step_key)
        if place is None or step is None:
            return None
        draft_id = await start_draft(self._session, actor, school_id, step, season.season)
        for file in loose:
            await self._repository.add_file(SubmissionFile(submission_id=draft_id, **asdict(file)))
        count = await self._repository.file_count(draft_id)
        return Opened(draft_id, step, place[0].name, count)

    async def count(self, draft_id: int) -> int:
        return await self._repository.file_count(draft_id)

    async def add(self, draft_id: int, file: Incoming, chat_id: int) -> Added:
        """Keeps a file in the draft up to the limit; an album's first part to be kept claims
        its one answer, committed at once so the other parts see the claim and this file."""
        draft = await self._repository.draft(draft_id)
        if draft is None:
            return Added(Kept.STALE)
        group = file.media_group_id
        if await self._repository.file_count(draft.id) >= limits.FILES_PER_DRAFT:
            if group is not None:  # an album hears it once
                claim = f"{group}:full"
                if not await self._repository.claim_album_reply(claim, chat_id, draft.id):
                    return Added(Kept.FULL_TOLD, draft.school_id)
                await self._repository.take_album_reply(claim)  # answered now, not by the sweep
            return Added(Kept.FULL, draft.school_id, limits.FILES_PER_DRAFT)
        count = await self._repository.add_file(
            SubmissionFile(submission_id=draft.id, **asdict(file))
        )
        if group is None:
            return Added(Kept.ADDED, draft.school_id, count)
        if await self._repository.claim_album_reply(group, chat_id, draft.id):
            await self._session.commit()
            return Added(Kept.ALBUM_FIRST, draft.school_id, count)
        return Added(Kept.ALBUM_PART, draft.school_id, count)

    async def comment(self, draft_id: int, text: str) -> tuple[Commented, int]:
        """Text before any file is a mistake; after one, it is the comment (if not too long:
        then the draft keeps its files and its earlier comment). With the draft's file count."""
        count = await self._repository.file_count(draft_id)
        if count == 0:
            return Commented.NO_FILES, 0
        if len(text) > limits.COMMENT:
            return Commented.TOO_LONG, count
        draft = await self._repository.draft(draft_id)
        earlier = draft.comment if draft is not None else None
        await self._repository.set_comment(draft_id, text)
        return (Commented.REPLACED if earlier else Commented.SAVED), count

    async def send(
        self, draft_id: int, download: Downloader, files_dir: Path, now: datetime
    ) -> SendOutcome:
        """Fetches the draft's copies first, so their content is checked before the school is
        told "sent" (if Telegram does not answer, the download sweep fetches and checks them
        later); drops what the checks refused; else makes the draft the next version, committed."""
        draft = await self._repository.draft(draft_id)
        if draft is None:
            return SendOutcome(Sending.STALE)
        await fetch_files(self._session, download, files_dir, submission_id=draft.id)
        refused = [file for file in await self._repository.files(draft.id) if file.rejected]
        if refused:
            reasons = [Refused(f.file_name, f.rejected) for f in refused if f.rejected is not None]
            await self._repository.drop_files([file.id for file in refused])
            left = await self._repository.file_count(draft.id)
            return SendOutcome(Sending.REFUSED, draft.school_id, reasons, left)
        files = await self._repository.file_count(draft.id)
        if files == 0:
            return SendOutcome(Sending.EMPTY, draft.school_id)
        version = await self._repository.finalize(draft, now)
        await self._session.commit()
        school = await DirectoryRepository(self._session).school(draft.school_id)
        step = (await calendar_for(self._session, None)).step(draft.step_key)
        return SendOutcome(
            Sending.SENT,
            draft.school_id,
            count=files,
            version=version,
            school=school.name if school else "",
            step=step.number if step else draft.step_key,
        )

    async def discard(self, draft_id: int) -> None:
        """The only way a draft's files are thrown away: the person cancels it."""
        await self._repository.discard_draft(draft_id)


async def settle_album(
    sessionmaker: async_sessionmaker[AsyncSession],
    draft_id: int,
    media_group_id: str,
    pause: float,
    checks: int,
) -> int | None:
    """Waits until the album stops growing (its parts come as separate updates, and under load
    or on other replicas some are handled seconds after the first); the draft's file count if
    this caller answers it, None when the `album-replies` sweep already did."""
    count, previous = 0, -1
    for _ in range(checks):
        await asyncio.sleep(pause)
        async with sessionmaker() as session:
            count = await SubmissionRepository(session).file_count(draft_id)
        if count == previous:
            break
        previous = count
    async with sessionmaker.begin() as session:
        if not await SubmissionRepository(session).take_album_reply(media_group_id):
            return None
    return count
