"""Content-addressed storage of downloaded files: one copy per SHA-256, however often it is sent.

Files land in a temporary name first and are renamed into place, so a crash never leaves a
half-written file under a real name; the rename is atomic on one file system.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

CHUNK = 64 * 1024
HEAD = 16


@dataclass(frozen=True, slots=True)
class StoredFile:
    sha256: str
    size: int
    path: Path
    head: bytes  # the first bytes, for telling what the file really is


class DownloadError(Exception):
    """A download failed on the way (Telegram refused, the network dropped); tried again later.
    The downloader (gateway.files) turns its transport's errors into this."""


class Downloader(Protocol):
    async def __call__(self, file_id: str, destination: BinaryIO) -> None: ...


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        # Two levels of fan-out keep directories small with hundreds of thousands of files.
        return self.root / sha256[:2] / sha256[2:4] / sha256

    async def fetch(self, file_id: str, download: Downloader) -> StoredFile:
        """Downloads a Telegram file into the store (aiogram: `bot.download(file_id, dest)`)."""
        spool = self.root / "incoming"
        spool.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=spool)
        temporary = Path(name)
        try:
            with os.fdopen(handle, "w+b") as out:
                await download(file_id, out)
            # Hashing a 20 MB file takes a while: keep it off the event loop.
            return await asyncio.to_thread(self._adopt, temporary)
        finally:
            await asyncio.to_thread(temporary.unlink, missing_ok=True)

    def _adopt(self, temporary: Path) -> StoredFile:
        digest = hashlib.sha256()
        size = 0
        head = b""
        with temporary.open("rb") as source:
            while chunk := source.read(CHUNK):
                if not size:
                    head = chunk[:HEAD]
                digest.update(chunk)
                size += len(chunk)
        sha256 = digest.hexdigest()
        target = self.path_for(sha256)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary.replace(target)
        return StoredFile(sha256, size, target, head)
