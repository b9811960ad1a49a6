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
from storage.repositories.directory import DirectoryRepository
from storage.repositories.forgetting import ForgettingRepository
from storage.repositories.users import UserRepository

MAX_NAME = 128


class BadNameError(ValueError):
    """The chosen name is empty or too long (the reason is a locale key)."""


class Profile:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def rename(self, user_id: int, name: str) -> str:
        """Sets the chosen name and commits it before the reply (BadNameError: nothing changed)."""
        clean = " ".join(name.split())
        if not clean:
            raise BadNameError("profile-name-empty")
        if len(clean) > MAX_NAME:
            raise BadNameError("profile-name-too-long")
        await UserRepository(self._session).set_display_name(user_id, clean)
        await self._session.commit()
        return clean

    async def leave(self, user_id: int, grant_id: int) -> bool:
        """The grant must be the caller's own: deleted by (grant id, user id), then committed."""
        left = await DirectoryRepository(self._session).remove_grant(user_id, grant_id)
        await self._session.commit()
        return left

    async def forget(self, user_id: int, files_dir: Path) -> None:
        """Deletes the person; stored files that only their deleted versions used go too."""
        people = ForgettingRepository(self._session)
        digests = await people.forget(user_id)
        await self._session.flush()
        unused = set(digests) - await people.sha256_in_use(digests)
        store = FileStore(files_dir)
        for digest in unused:
            await asyncio.to_thread(store.path_for(digest).unlink, missing_ok=True)
