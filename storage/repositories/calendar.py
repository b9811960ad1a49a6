"""SQL of the calendar's versions: a region's (or the federal season's) uploads, newest first."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import CalendarVersion


class CalendarRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def versions(self, region: str, season: int, limit: int = 10) -> list[CalendarVersion]:
        rows = await self._session.scalars(
            select(CalendarVersion)
            .where(CalendarVersion.region_code == region, CalendarVersion.season == season)
            .order_by(CalendarVersion.version.desc())
            .limit(limit)
        )
        return list(rows)

    async def version(self, region: str, season: int, number: int) -> CalendarVersion | None:
        return await self._session.scalar(
            select(CalendarVersion).where(
                CalendarVersion.region_code == region,
                CalendarVersion.season == season,
                CalendarVersion.version == number,
            )
        )
