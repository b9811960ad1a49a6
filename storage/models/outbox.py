"""The delivery outbox: one row per message to one chat, written in the same transaction as the
decision to send it, and marked with its outcome right after the send."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime, utcnow


class OutboxMessage(Base):
    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "not_before"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign: Mapped[str] = mapped_column(String(64), index=True)  # for reports and cancelling
    chat_id: Mapped[int] = mapped_column(BigInteger)
    text: Mapped[str] = mapped_column(Text)
    reply_markup: Mapped[str | None] = mapped_column(Text)  # JSON, as the Bot API takes it
    # A photo or document (Telegram file_id) sent with `text` as its caption.
    media_kind: Mapped[str | None] = mapped_column(String(16))
    media_file_id: Mapped[str | None] = mapped_column(String(256))
    # The bot's own copy (FILES_DIR), uploaded instead when Telegram no longer knows the file_id.
    media_sha256: Mapped[str | None] = mapped_column(String(64))
    pin: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )  # pin it after sending (channel)
    # pending → delivered | blocked | never_started | failed | cancelled
    status: Mapped[str] = mapped_column(String(16), default="pending")
    not_before: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Broadcast(Base):
    """A coordinator's announcement to an audience in their scope; its messages are outbox rows
    of campaign `broadcast:<id>`. The card is the author's live progress message."""

    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(BigInteger, index=True)
    text: Mapped[str] = mapped_column(Text)  # HTML, as the author formatted it
    media_kind: Mapped[str | None] = mapped_column(String(16))
    media_file_id: Mapped[str | None] = mapped_column(String(256))
    media_sha256: Mapped[str | None] = mapped_column(String(64))
    audience: Mapped[str] = mapped_column(Text)  # the chosen audience, JSON
    recipients: Mapped[int] = mapped_column(Integer, default=0)
    # Known before sending: grants waiting for a person who never started the bot, and people
    # who blocked it (not messaged again); both count in the report.
    never_started: Mapped[int] = mapped_column(Integer, default=0)
    blocked: Mapped[int] = mapped_column(Integer, default=0)
    to_channel: Mapped[bool] = mapped_column(Boolean, default=False)
    send_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # scheduled → sending → done | cancelled | stopped
    status: Mapped[str] = mapped_column(String(16), index=True)
    card_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    card_message_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
