"""The time zone a person sees times in: their region's, else Moscow time (the project's own)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from services.directory import Directory


async def user_zone(session: AsyncSession, user_id: int) -> ZoneInfo:
    return await Directory(session, ()).zone(user_id)
