"""SQL for coordinator broadcasts: who is in an audience, and the broadcasts themselves."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Broadcast, RoleGrant, User


class BroadcastRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def school_people(
        self, school_ids: Collection[int], roles: Collection[str]
    ) -> tuple[set[int], set[str]]:
        """Users holding the roles at the schools, and contacts of grants still waiting for
        their person (imported before they started the bot)."""
        rows = await self._session.execute(
            select(RoleGrant.user_id, RoleGrant.pending_contact).where(
                RoleGrant.role.in_(list(roles)), RoleGrant.school_id.in_(list(school_ids))
            )
        )
        return _split(rows)

    async def coordinators(
        self, municipality_ids: Collection[int], regions: Collection[str]
    ) -> tuple[set[int], set[str]]:
        rows = await self._session.execute(
            select(RoleGrant.user_id, RoleGrant.pending_contact).where(
                ((RoleGrant.role == "municipal") & RoleGrant.municipality_id.in_(municipality_ids))
                | ((RoleGrant.role == "regional") & RoleGrant.region_code.in_(list(regions)))
            )
        )
        return _split(rows)

    async def unreachable(self, user_ids: Collection[int]) -> set[int]:
        rows = await self._session.scalars(
            select(User.id).where(User.id.in_(list(user_ids)), User.is_reachable.is_(False))
        )
        return set(rows)

    async def add(self, broadcast: Broadcast) -> Broadcast:
        self._session.add(broadcast)
        await self._session.flush()
        return broadcast

    async def get(self, broadcast_id: int) -> Broadcast | None:
        return await self._session.get(Broadcast, broadcast_id)

    async def scheduled_by(self, author_id: int) -> list[Broadcast]:
        """The author's broadcasts waiting for their time, soonest first."""
        rows = await self._session.scalars(
            select(Broadcast)
            .where(Broadcast.author_id == author_id, Broadcast.status == "scheduled")
            .order_by(Broadcast.send_at, Broadcast.id)
        )
        return list(rows)

    async def active(self) -> list[Broadcast]:
        rows = await self._session.scalars(
            select(Broadcast)
            .where(Broadcast.status.in_(("scheduled", "sending")))
            .order_by(Broadcast.id)
        )
        return list(rows)

    async def move(
        self, broadcast_id: int, before: Collection[str], after: str, now: datetime
    ) -> bool:
        """Changes the status if it is still one of `before` (one replica wins)."""
        values: dict[str, object] = {"status": after}
        if after in ("done", "cancelled", "stopped"):
            values["finished_at"] = now
        result = await self._session.execute(
            update(Broadcast)
            .where(Broadcast.id == broadcast_id, Broadcast.status.in_(list(before)))
            .values(**values)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]


def _split(rows: object) -> tuple[set[int], set[str]]:
    users: set[int] = set()
    waiting: set[str] = set()
    for user_id, contact in rows:  # type: ignore[attr-defined]
        if user_id is not None:
            users.add(int(user_id))
        elif contact:
            waiting.add(str(contact).lower())
    return users, waiting
