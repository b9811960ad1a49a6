"""Regional calendars: each upload by a regional coordinator is a new version; old ones stay."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime, utcnow


class CalendarVersion(Base):
    __tablename__ = "calendar_versions"
    __table_args__ = (UniqueConstraint("region_code", "season", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # None: the federal calendar of a season (stages, steps, federal deadlines) set by admins.
    region_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"), index=True)
    season: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)  # the uploaded YAML, as the coordinator sent it
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
