"""A person's own data: their name, leaving a role, and forgetting them (152-FZ: personal data).

Forgetting removes what identifies the person (names, username, roles, requests, choices); what
they submitted for their school stays, no longer linked to a name.
"""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import JoinRequest, RoleGrant, User, WebinarSubscription
from storage.repositories.directory import DirectoryRepository

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

    async def forget(self, user: User) -> None:
        for model in (RoleGrant, JoinRequest, WebinarSubscription):
            await self._session.execute(delete(model).where(model.user_id == user.id))
        user.first_name = "—"
        user.last_name = None
        user.username = None
        user.display_name = None
        await self._session.flush()
