"""SQL of the webinars domain."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    RoleGrant,
    User,
    WebinarAnnouncement,
    WebinarNote,
    WebinarOccurrence,
    WebinarSubscription,
)

Key = tuple[str, datetime]


@dataclass(frozen=True, slots=True)
class Occurrence:
    series_key: str  # a shipped (federal) series, or regional_key(region) for a region's own
    starts_at: datetime  # UTC
    topic: str | None = None
    speakers: str | None = None
    join_url: str | None = None
    recording_url: str | None = None
    cancelled: bool = False
    note: str | None = None  # the reader's region's own note on a federal webinar

    @property
    def region(self) -> str | None:
        """The region a regional webinar belongs to; None for the federal series."""
        return region_of(self.series_key)


REGIONAL = "regional-"  # the series key of a region's own webinars: "regional-67"


def regional_key(region: str) -> str:
    return REGIONAL + region


def region_of(series_key: str) -> str | None:
    return series_key.removeprefix(REGIONAL) if series_key.startswith(REGIONAL) else None


class WebinarRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    @property
    def session(self) -> AsyncSession:
        return self._session

    async def edits(
        self, after: datetime, before: datetime
    ) -> dict[tuple[str, datetime], Occurrence]:
        rows = await self._session.scalars(
            select(WebinarOccurrence).where(
                WebinarOccurrence.starts_at >= after, WebinarOccurrence.starts_at < before
            )
        )
        return {(row.series_key, row.starts_at): _occurrence(row) for row in rows}

    async def save_edit(self, occurrence: Occurrence, editor_id: int) -> None:
        row = await self._session.scalar(
            select(WebinarOccurrence).where(
                WebinarOccurrence.series_key == occurrence.series_key,
                WebinarOccurrence.starts_at == occurrence.starts_at,
            )
        )
        if row is None:
            row = WebinarOccurrence(
                series_key=occurrence.series_key, starts_at=occurrence.starts_at
            )
            self._session.add(row)
        row.topic = occurrence.topic
        row.speakers = occurrence.speakers
        row.join_url = occurrence.join_url
        row.recording_url = occurrence.recording_url
        row.cancelled = occurrence.cancelled
        row.updated_by = editor_id
        await self._session.flush()

    async def notes(self, region: str, after: datetime, before: datetime) -> dict[Key, str]:
        rows = await self._session.scalars(
            select(WebinarNote).where(
                WebinarNote.region_code == region,
                WebinarNote.starts_at >= after,
                WebinarNote.starts_at < before,
            )
        )
        return {(row.series_key, row.starts_at): row.note for row in rows}

    async def save_note(
        self, series_key: str, starts_at: datetime, region: str, note: str | None, editor: int
    ) -> None:
        """Sets the region's note on an occurrence; None removes it."""
        row = await self._session.get(WebinarNote, (series_key, starts_at, region))
        if note is None:
            if row is not None:
                await self._session.delete(row)
        elif row is None:
            self._session.add(
                WebinarNote(
                    series_key=series_key,
                    starts_at=starts_at,
                    region_code=region,
                    note=note,
                    updated_by=editor,
                )
            )
        else:
            row.note, row.updated_by = note, editor
        await self._session.flush()

    async def subscriptions(self, user_id: int) -> dict[str, bool]:
        """The person's choices per series, in one query; a series missing from it: subscribed."""
        rows = await self._session.execute(
            select(WebinarSubscription.series_key, WebinarSubscription.subscribed).where(
                WebinarSubscription.user_id == user_id
            )
        )
        return {row.series_key: row.subscribed for row in rows.all()}

    async def set_subscribed(self, user_id: int, series_key: str, subscribed: bool) -> None:
        row = await self._session.get(WebinarSubscription, (user_id, series_key))
        if row is None:
            self._session.add(
                WebinarSubscription(user_id=user_id, series_key=series_key, subscribed=subscribed)
            )
        else:
            row.subscribed = subscribed
        await self._session.flush()

    async def audience(self, series_key: str, region: str | None = None) -> list[User]:
        """Reachable people who have not unsubscribed from the series; for a region's own
        webinar, only people with a role in that region."""
        opted_out = select(WebinarSubscription.user_id).where(
            WebinarSubscription.series_key == series_key,
            WebinarSubscription.subscribed.is_(False),
        )
        query = select(User).where(User.is_reachable.is_(True), User.id.not_in(opted_out))
        if region is not None:
            query = query.where(
                User.id.in_(select(RoleGrant.user_id).where(RoleGrant.region_code == region))
            )
        return list(await self._session.scalars(query))

    async def regions_of(self, user_ids: list[int]) -> dict[int, str]:
        """Each person's first region (the one whose notes and times they read)."""
        rows = await self._session.execute(
            select(RoleGrant.user_id, RoleGrant.region_code)
            .where(RoleGrant.user_id.in_(user_ids))
            .order_by(RoleGrant.id)
        )
        found: dict[int, str] = {}
        for user_id, region in rows:
            if user_id is not None:
                found.setdefault(int(user_id), region)
        return found

    async def claim_announcement(self, series_key: str, starts_at: datetime, kind: str) -> bool:
        """True once per occurrence and kind, across restarts and replicas (a unique row)."""
        try:
            async with self._session.begin_nested():
                self._session.add(
                    WebinarAnnouncement(series_key=series_key, starts_at=starts_at, kind=kind)
                )
        except IntegrityError:
            return False
        return True


def _occurrence(row: WebinarOccurrence) -> Occurrence:
    return Occurrence(
        series_key=row.series_key,
        starts_at=row.starts_at,
        topic=row.topic,
        speakers=row.speakers,
        join_url=row.join_url,
        recording_url=row.recording_url,
        cancelled=row.cancelled,
    )
