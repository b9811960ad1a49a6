from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, bindparam, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import JoinRequest, RoleGrant, User


@dataclass(frozen=True, slots=True)
class TelegramProfile:
    """What an update tells about its sender."""

    id: int
    first_name: str
    last_name: str | None
    username: str | None


@dataclass(frozen=True, slots=True)
class Known:
    """The person as the update's first query finds them (None: never seen), their role grants,
    and whether a request of theirs to join waits for a decision."""

    user: User | None
    grants: list[RoleGrant]
    requests_waiting: bool


def person_with_grants(*columns: Any) -> Select[Any]:
    """`columns` of the person `user_id` beside each of their role grants (a row with no grant
    for a person without one): the update's first read, as ORM objects or as plain rows."""
    return (
        select(*columns)
        .select_from(User)
        .outerjoin(RoleGrant, RoleGrant.user_id == User.id)
        .where(User.id == bindparam("user_id"))
        .order_by(RoleGrant.id)
    )


# Built once: on SQLite, making a select costs more than running it (issue 17's profile).
REQUESTS_WAITING = (
    exists()
    .where(JoinRequest.user_id == User.id, JoinRequest.status == "pending")
    .label("requests_waiting")
)
_WITH_GRANTS = person_with_grants(User, RoleGrant, REQUESTS_WAITING)


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: int) -> User | None:
        return await self._session.get(User, user_id)

    async def with_grants(self, user_id: int) -> Known:
        """The person, their role grants and whether a request waits, in one query: nearly every
        update needs the first two, and a newcomer's screens the third."""
        rows = (await self._session.execute(_WITH_GRANTS, {"user_id": user_id})).all()
        if not rows:
            return Known(None, [], requests_waiting=False)
        grants = [grant for _, grant, _ in rows if grant is not None]
        return Known(rows[0][0], grants, requests_waiting=bool(rows[0][2]))

    async def many(self, user_ids: Iterable[int]) -> list[User]:
        """The people among `user_ids` who exist, in one query, in the order asked."""
        wanted = list(dict.fromkeys(user_ids))
        if not wanted:
            return []
        found = {
            u.id: u for u in await self._session.scalars(select(User).where(User.id.in_(wanted)))
        }
        return [found[user_id] for user_id in wanted if user_id in found]

    async def touch(self, profile: TelegramProfile, default_language: str) -> User:
        """Create the user on first contact, refresh the profile later; the caller flushes."""
        return self.refresh(await self._session.get(User, profile.id), profile, default_language)

    def refresh(self, user: User | None, profile: TelegramProfile, default_language: str) -> User:
        """`touch` for a user already read (None: not in the database yet)."""
        if user is None:
            user = User(id=profile.id, language=default_language)
            self._session.add(user)
        fresh = {
            "first_name": profile.first_name,
            "last_name": profile.last_name,
            "username": profile.username,
            "is_reachable": True,
        }
        for name, value in fresh.items():
            # Set only what changed: assigning an equal value still marks the row dirty, and
            # the next query's autoflush then walks the unit of work for nothing.
            if getattr(user, name) != value:
                setattr(user, name, value)
        return user

    async def set_language(self, user_id: int, language: str) -> None:
        user = await self._session.get(User, user_id)
        if user is not None:
            user.language = language

    async def count(self) -> int:
        return int(await self._session.scalar(select(func.count(User.id))) or 0)

    async def set_display_name(self, user_id: int, name: str) -> None:
        user = await self._session.get(User, user_id)
        if user is not None:
            user.display_name = name
