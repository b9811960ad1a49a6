"""Who holds a role where, with their names: for answers like "who is my curator"."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Municipality, RoleGrant, School, User


class PeopleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def holders(
        self,
        role: str,
        *,
        school_ids: Sequence[int] = (),
        municipality_id: int | None = None,
        region_code: str | None = None,
    ) -> list[tuple[RoleGrant, User | None]]:
        """Grants of a role at these schools, in a municipality or in a region, with their person
        (None while an imported grant waits for its person to start the bot)."""
        query = (
            select(RoleGrant, User)
            .outerjoin(User, RoleGrant.user_id == User.id)
            .where(RoleGrant.role == role)
            .order_by(RoleGrant.id)
        )
        if school_ids:
            query = query.where(RoleGrant.school_id.in_(list(school_ids)))
        if municipality_id is not None:
            query = query.where(RoleGrant.municipality_id == municipality_id)
        if region_code is not None:
            query = query.where(RoleGrant.region_code == region_code)
        return [(row[0], row[1]) for row in await self._session.execute(query)]

    async def schools_in(self, region_code: str) -> list[tuple[int, str]]:
        rows = await self._session.execute(
            select(School.id, School.name)
            .join(Municipality, School.municipality_id == Municipality.id)
            .where(Municipality.region_code == region_code)
        )
        return [(int(r[0]), str(r[1])) for r in rows]

    async def schools(self, ids: Sequence[int]) -> list[tuple[int, str]]:
        rows = await self._session.execute(
            select(School.id, School.name).where(School.id.in_(list(ids)))
        )
        return [(int(r[0]), str(r[1])) for r in rows]
