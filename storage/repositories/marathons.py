"""SQL for best-practice marathons and podcasts and the talks proposed for them."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Marathon, MarathonTalk


class MarathonRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, marathon_id: int) -> Marathon | None:
        return await self._session.get(Marathon, marathon_id)

    async def talk(self, talk_id: int) -> MarathonTalk | None:
        return await self._session.get(MarathonTalk, talk_id)

    async def add(self, marathon: Marathon) -> Marathon:
        """Stores a new marathon; flushed, so it has its id."""
        self._session.add(marathon)
        await self._session.flush()
        return marathon

    async def add_talk(self, talk: MarathonTalk) -> MarathonTalk:
        self._session.add(talk)
        await self._session.flush()
        return talk

    async def latest(
        self,
        regions: Collection[str],
        municipalities: Collection[int],
        everywhere: bool = False,
        limit: int = 20,
    ) -> list[Marathon]:
        """The newest marathons: federal ones, the regional ones of `regions` and those of
        `municipalities` (all of them when `everywhere`)."""
        query = select(Marathon).order_by(Marathon.id.desc()).limit(limit)
        if not everywhere:
            query = query.where(
                or_(
                    Marathon.level == "federal",
                    (Marathon.level == "regional") & Marathon.region_code.in_(list(regions)),
                    Marathon.municipality_id.in_(list(municipalities)),
                )
            )
        return list(await self._session.scalars(query))

    async def talks(self, marathon_id: int, status: str) -> list[MarathonTalk]:
        """The marathon's talks in one status, in time order (then as proposed)."""
        rows = await self._session.scalars(
            select(MarathonTalk)
            .where(MarathonTalk.marathon_id == marathon_id, MarathonTalk.status == status)
            .order_by(MarathonTalk.starts_at, MarathonTalk.id)
        )
        return list(rows)

    async def starting_between(self, after: datetime, until: datetime) -> list[MarathonTalk]:
        """Scheduled talks of published marathons starting in (after, until]."""
        rows = await self._session.scalars(
            select(MarathonTalk)
            .join(Marathon, MarathonTalk.marathon_id == Marathon.id)
            .where(
                Marathon.status == "published",
                MarathonTalk.status == "accepted",
                MarathonTalk.starts_at > after,
                MarathonTalk.starts_at <= until,
            )
        )
        return list(rows)

    async def published_talks(
        self,
        since: datetime,
        before: datetime | None = None,
        *,
        beyond_municipal: bool = False,
        limit: int | None = None,
    ) -> list[tuple[Marathon, MarathonTalk]]:
        """Scheduled talks of published marathons from `since` (up to `before`), with their
        marathons, in time order; only regional and federal ones when `beyond_municipal`."""
        query = (
            select(Marathon, MarathonTalk)
            .join(MarathonTalk, MarathonTalk.marathon_id == Marathon.id)
            .where(
                Marathon.status == "published",
                MarathonTalk.status == "accepted",
                MarathonTalk.starts_at >= since,
            )
            .order_by(MarathonTalk.starts_at)
        )
        if before is not None:
            query = query.where(MarathonTalk.starts_at < before)
        if beyond_municipal:
            query = query.where(Marathon.level != "municipal")
        if limit is not None:
            query = query.limit(limit)
        rows = await self._session.execute(query)
        return [(marathon, talk) for marathon, talk in rows]
