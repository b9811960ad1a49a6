"""Checks of confirmation files on arrival: what each file is, whether it copies an earlier one,
what its text shows, and a verdict per submission that orders the review queue.

A submission is claimed for checking by inserting its `submission_screenings` row (verdict
"pending"), so two replicas never check it twice; the row gets its verdict when the check ends.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime, utcnow


class SubmissionScreening(Base):
    __tablename__ = "submission_screenings"

    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True
    )
    # pending (being checked) | ok | unclear | suspicious
    verdict: Mapped[str] = mapped_column(String(16), index=True)
    # Findings about the submission as a whole: which expectations were met, another step, …
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    text_checked: Mapped[bool] = mapped_column(Boolean, default=False)
    auto_accepted: Mapped[bool] = mapped_column(Boolean, default=False)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ScreenedFile(Base):
    __tablename__ = "screened_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_id: Mapped[int] = mapped_column(
        ForeignKey("submission_files.id", ondelete="CASCADE"), unique=True
    )
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    detected_type: Mapped[str | None] = mapped_column(String(16))
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    # Perceptual hashes (hex, 256 bits each): dHash and pHash of the picture, dHash of its centre.
    dhash: Mapped[str | None] = mapped_column(String(64))
    phash: Mapped[str | None] = mapped_column(String(64))
    dhash_center: Mapped[str | None] = mapped_column(String(64))
    text_source: Mapped[str | None] = mapped_column(String(8))  # ocr | pdf
    text_excerpt: Mapped[str | None] = mapped_column(Text)
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    verdict: Mapped[str] = mapped_column(String(16))
    check_ms: Mapped[int] = mapped_column(Integer, default=0)
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AutoAcceptRule(Base):
    """A region's choice to accept "looks right" confirmations of a step without a reviewer."""

    __tablename__ = "screening_auto_accept"

    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), primary_key=True)
    step_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    season: Mapped[int] = mapped_column(Integer, primary_key=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    changed_by: Mapped[int] = mapped_column(BigInteger)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
