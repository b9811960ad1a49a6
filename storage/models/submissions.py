"""Confirmations of reporting steps: a school's screenshots for a step, in versions.

A submission starts as a draft while files arrive (album parts may reach different replicas, so
they are rows, not FSM data), becomes version N on confirmation and is then accepted or returned.
A resubmission is a new version; nothing is overwritten.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime, utcnow


class Submission(Base):
    __tablename__ = "submissions"
    # Drafts have no version yet; NULLs never collide, so one draft per sender does not either.
    __table_args__ = (UniqueConstraint("school_id", "step_key", "season", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"), index=True)
    step_key: Mapped[str] = mapped_column(String(64))
    season: Mapped[int] = mapped_column(Integer)
    version: Mapped[int | None] = mapped_column(Integer)
    # draft → submitted → accepted | returned | superseded (a newer version came first)
    status: Mapped[str] = mapped_column(String(16), index=True)
    comment: Mapped[str | None] = mapped_column(Text)
    submitted_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the reviewers were told (batched by a sweep); NULL = not yet.
    announced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviewed_by: Mapped[int | None] = mapped_column(BigInteger)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    review_comment: Mapped[str | None] = mapped_column(Text)


class SubmissionFile(Base):
    __tablename__ = "submission_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))  # photo | document
    file_id: Mapped[str] = mapped_column(String(256))
    file_unique_id: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str | None] = mapped_column(String(256))
    caption: Mapped[str | None] = mapped_column(Text)  # what the sender wrote under the file
    mime_type: Mapped[str | None] = mapped_column(String(128))
    size: Mapped[int | None] = mapped_column(BigInteger)
    media_group_id: Mapped[str | None] = mapped_column(String(64))
    # Set once the copy is in FILES_DIR; NULL = still to download (a sweep retries).
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    # What the downloaded bytes are (by their magic numbers, not by what the sender claimed),
    # and why the file cannot count as evidence (empty, not an image or PDF), if it cannot.
    content_type: Mapped[str | None] = mapped_column(String(64))
    rejected: Mapped[str | None] = mapped_column(String(64))
    download_attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AlbumReply(Base):
    """One row per album: whoever inserts it first answers for the whole album, once the parts
    stop coming. Kept until answered, so an album whose first part came just before a crash is
    still answered (by the `album-replies` sweep) after the restart."""

    __tablename__ = "album_replies"

    media_group_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    submission_id: Mapped[int | None] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class SentReminder(Base):
    """A reminder or digest that was queued, by a key naming whom, what and when; the primary key
    makes a second sweep (another replica, a restart) skip it."""

    __tablename__ = "sent_reminders"

    key: Mapped[str] = mapped_column(String(160), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
