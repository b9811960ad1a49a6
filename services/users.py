"""People who talk to the bot: first contact, profile refresh, language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from services.person import Person
from storage.models import RoleGrant
from storage.person_reader import GrantRow, SqlitePersonReader
from storage.repositories.users import TelegramProfile, UserRepository


@dataclass(frozen=True, slots=True)
class Contact:
    """The person an update comes from, and their role grants read with them."""

    user: Person
    grants: Sequence[RoleGrant | GrantRow]
    requests_waiting: bool  # a request of theirs to join waits for a decision


class UserService:
    def __init__(
        self,
        session: AsyncSession,
        default_language: str,
        reader: SqlitePersonReader | None = None,
    ) -> None:
        self._session = session
        self._users = UserRepository(session)
        self._default_language = default_language
        self._reader = reader

    async def on_contact(self, profile: TelegramProfile) -> Contact:
        """On every update from a person: create them on first contact, else refresh the profile.
        Their grants come in the same query: the roles most updates need cost no second one.
        With a `reader` (SQLite) that query skips the ORM, and the session is used only when
        there is something to write.

        A change is committed at once: the handler's own transaction would otherwise keep SQLite's
        write lock through its Telegram calls and make every other new user wait.
        """
        if self._reader is not None:  # SQLite: a person with nothing to update costs no ORM
            arrival = await self._reader.read(profile.id)
            if arrival is not None and arrival.person.is_current(profile):
                return Contact(arrival.person, arrival.grants, arrival.requests_waiting)
        known = await self._users.with_grants(profile.id)
        user = self._users.refresh(known.user, profile, self._default_language)
        if user in self._session.new or self._session.is_modified(user):
            await self._session.commit()
        return Contact(user, known.grants, known.requests_waiting)

    async def change_language(self, user_id: int, language: str) -> None:
        """Committed with the update's unit of work: if showing it fails, nothing changed."""
        await self._users.set_language(user_id, language)


async def language_of(session: AsyncSession, user_id: int) -> str | None:
    """The person's language, None for someone who never started the bot."""
    person = await UserRepository(session).get(user_id)
    return person.language if person else None
