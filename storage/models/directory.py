"""The directory: regions, municipalities, schools, and who holds which role where.

A role grant has a scope: a school (school, curator), a municipality (municipal coordinator) or a
region (regional coordinator). A curator of two schools holds two grants. A grant imported from a
coordinator's file may wait for its person: then it names a Telegram @username or phone instead
of a user, and binds when that person starts the bot.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime, utcnow


class Region(Base):
    __tablename__ = "regions"

    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    name_en: Mapped[str] = mapped_column(String(128))
    timezone: Mapped[str] = mapped_column(String(64))


class Municipality(Base):
    __tablename__ = "municipalities"
    __table_args__ = (UniqueConstraint("region_code", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    name: Mapped[str] = mapped_column(String(256))


class School(Base):
    __tablename__ = "schools"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)  # as in ИС МЭДК, e.g. edu673200
    name: Mapped[str] = mapped_column(String(512))
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"), index=True)


class RoleGrant(Base):
    __tablename__ = "role_grants"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    # Who it waits for when imported before the person started the bot: "@name" or "+7…".
    pending_contact: Mapped[str | None] = mapped_column(String(64), index=True)
    pending_name: Mapped[str | None] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(16))
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipalities.id"))
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"), index=True)
    granted_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Invite(Base):
    __tablename__ = "invites"

    token: Mapped[str] = mapped_column(String(32), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipalities.id"))
    school_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    max_uses: Mapped[int] = mapped_column(Integer)
    uses: Mapped[int] = mapped_column(Integer, default=0)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class JoinRequest(Base):
    __tablename__ = "join_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    decided_by: Mapped[int | None] = mapped_column(BigInteger)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(Text)  # why it was declined, for the person
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
