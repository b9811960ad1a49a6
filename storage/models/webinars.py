"""Webinars: coordinators' edits of single occurrences, subscriptions, and what was announced."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime, utcnow


class WebinarOccurrence(Base):
    """An edited or added occurrence of a series; unedited ones are computed, not stored."""

    __tablename__ = "webinar_occurrences"
    __table_args__ = (UniqueConstraint("series_key", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    series_key: Mapped[str] = mapped_column(String(64))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    topic: Mapped[str | None] = mapped_column(String(512))
    speakers: Mapped[str | None] = mapped_column(String(512))
    join_url: Mapped[str | None] = mapped_column(Text)
    recording_url: Mapped[str | None] = mapped_column(Text)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_by: Mapped[int | None] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class WebinarNote(Base):
    """A regional coordinator's note on a federal webinar, read only in their region (where
    the school gathers, who from the region speaks)."""

    __tablename__ = "webinar_notes"

    series_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, primary_key=True)
    region_code: Mapped[str] = mapped_column(String(2), primary_key=True)
    note: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[int | None] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class WebinarSubscription(Base):
    """A person's choice for a series; with no row they get its announcements."""

    __tablename__ = "webinar_subscriptions"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    series_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    subscribed: Mapped[bool] = mapped_column(Boolean)


class WebinarAnnouncement(Base):
    """One row per occurrence and kind ("day_before", "soon"): the proof it was announced."""

    __tablename__ = "webinar_announcements"

    series_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    announced_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
