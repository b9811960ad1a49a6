"""Best-practice marathons (and podcasts or radio broadcasts in the channel): a coordinator opens
one for their municipality, region or the whole country; schools propose talks; the coordinator
puts accepted talks into the schedule, which is announced, and each talk is reminded."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime, utcnow


class Marathon(Base):
    __tablename__ = "marathons"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(256))
    kind: Mapped[str] = mapped_column(String(16))  # marathon | podcast
    level: Mapped[str] = mapped_column(String(16))  # municipal | regional | federal
    region_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipalities.id"))
    created_by: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | published
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Asked when it opens (older rows have none): the days it runs, the moment proposals close
    # (the end of the deadline day in the author's zone), and what it is about.
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    proposals_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    description: Mapped[str | None] = mapped_column(Text)


class MarathonTalk(Base):
    __tablename__ = "marathon_talks"

    id: Mapped[int] = mapped_column(primary_key=True)
    marathon_id: Mapped[int] = mapped_column(
        ForeignKey("marathons.id", ondelete="CASCADE"), index=True
    )
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"))
    proposed_by: Mapped[int] = mapped_column(BigInteger)
    topic: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    speaker: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="proposed")  # accepted | declined
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    decided_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    join_url: Mapped[str | None] = mapped_column(String(500))  # https only, checked on entry
    file_id: Mapped[str | None] = mapped_column(String(256))  # the presentation (Telegram)
    file_name: Mapped[str | None] = mapped_column(String(256))
