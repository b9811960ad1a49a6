"""The evidence behind confirmations: copies of the screenshots under FILES_DIR, and the archive
coordinators download. A failed download leaves the file marked for the next sweep; the
submission itself is already stored, with Telegram's file_id, and never depends on the copy."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from services import file_types
from services.calendar import Calendar
from services.file_store import Downloader, DownloadError, FileStore
from services.reports import ArchiveEntry, write_evidence_zip
from storage.repositories.submissions import EvidenceFile, SubmissionRepository

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 20


async def fetch_files(
    session: AsyncSession,
    download: Downloader,
    files_dir: Path,
    submission_id: int | None = None,
    limit: int = 100,
) -> int:
    """Downloads files not yet copied (with `download`, e.g. gateway.files.downloader(bot));
    commits after each so progress survives a crash. Returns how many were stored."""
    store = FileStore(files_dir)
    repository = SubmissionRepository(session)
    stored = 0

    for file in await repository.undownloaded(limit, MAX_ATTEMPTS, submission_id):
        try:
            copy = await store.fetch(file.file_id, download)
        except (DownloadError, OSError) as error:
            file.download_attempts += 1
            log.warning("download of file %s failed (%s); retried later", file.id, error)
        else:
            file.sha256 = copy.sha256
            file.size = copy.size
            file.content_type = file_types.sniff(copy.head)
            file.rejected = file_types.refusal(copy.size, copy.head)
            stored += 1
        await session.commit()
    return stored


def archive_entries(
    files: list[EvidenceFile], calendar: Calendar, store: FileStore, step_word: str
) -> Iterator[ArchiveEntry]:
    """Folders by step and school: "Шаг 2/edu670009 МБОУ СШ № 9/v1-1.jpg"."""
    for file in files:
        step = calendar.step(file.step_key)
        folder = f"{step_word} {step.number if step else file.step_key}"
        school = _safe(f"{file.school_code} {file.school_name}")[:80]
        name = f"v{file.version}-{file.index}{file_types.extension(file.content_type)}"
        yield ArchiveEntry(f"{folder}/{school}/{name}", store.path_for(file.sha256))


def _safe(text: str) -> str:
    """No path separators or characters Windows refuses in a folder name."""
    return "".join("_" if c in '/\\:*?"<>|' else c for c in text).strip()


def split_by_size(entries: Iterable[ArchiveEntry], limit: int) -> Iterator[list[ArchiveEntry]]:
    """Groups entries into archives of at most `limit` bytes of files (Telegram caps what a bot
    may send); a single bigger file gets an archive of its own."""
    part: list[ArchiveEntry] = []
    size = 0
    for entry in entries:
        length = entry.size()
        if part and size + length > limit:
            yield part
            part, size = [], 0
        part.append(entry)
        size += length
    if part:
        yield part


def zip_to_spool(spool: Path, entries: list[ArchiveEntry]) -> Path:
    """Writes the archive to a temporary file (streamed from disk, not held in memory); the
    caller sends and deletes it."""
    spool.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=spool, suffix=".zip")
    with os.fdopen(handle, "wb") as out:
        write_evidence_zip(out, entries)
    return Path(name)
