"""A person's own data: their name, leaving a role, and forgetting them (152-FZ: personal data).

Forgetting removes the person and everything they wrote (questions, comments, proposals,
announcements); a confirmation their school had accepted stays as the school's record, with no
trace of who sent it. The rule per table is in the README ("Personal data").
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from services.file_store import FileStore
from storage.models import User
from storage.repositories.directory import DirectoryRepository
from storage.repositories.forgetting import ForgettingRepository

MAX_NAME = 128


class BadNameError(ValueError):
    """The chosen name is empty or too long (the reason is a locale key)."""


class Profile:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def rename(self, user: User, name: str) -> str:
        clean = " ".join(name.split())
        if not clean:
            raise BadNameError("profile-name-empty")
        if len(clean) > MAX_NAME:
            raise BadNameError("profile-name-too-long")
        user.display_name = clean
        await self._session.flush()
        return clean

    async def leave(self, user_id: int, grant_id: int) -> bool:
        return await DirectoryRepository(self._session).remove_grant(user_id, grant_id)

    async def forget(self, user_id: int, files_dir: Path) -> None:
        """Deletes the person; stored files that only their deleted versions used go too."""
        people = ForgettingRepository(self._session)
        digests = await people.forget(user_id)
        await self._session.flush()
        unused = set(digests) - await people.sha256_in_use(digests)
        store = FileStore(files_dir)
        for digest in unused:
            await asyncio.to_thread(store.path_for(digest).unlink, missing_ok=True)
