"""hardening: conversations in the database, albums answered after a crash, files by real type,
superseded versions, declines with a reason, regional notes on webinars

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "conversation_states",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=200), nullable=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_conversation_states")),
    )
    op.create_table(
        "webinar_notes",
        sa.Column("series_key", sa.String(length=64), nullable=False),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("region_code", sa.String(length=2), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.BigInteger(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint(
            "series_key", "starts_at", "region_code", name=op.f("pk_webinar_notes")
        ),
    )
    with op.batch_alter_table("album_replies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("chat_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("submission_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("answered_at", UTCDateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_album_replies_answered_at"), ["answered_at"])
        batch_op.create_foreign_key(
            batch_op.f("fk_album_replies_submission_id_submissions"),
            "submissions",
            ["submission_id"],
            ["id"],
            ondelete="CASCADE",
        )
    # Albums from before this version were answered by the process that claimed them.
    op.execute("UPDATE album_replies SET answered_at = created_at")
    with op.batch_alter_table("submission_files", schema=None) as batch_op:
        batch_op.add_column(sa.Column("content_type", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("rejected", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("caption", sa.Text(), nullable=True))
    with op.batch_alter_table("join_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason", sa.Text(), nullable=True))
    for table in ("outbox", "broadcasts"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("media_sha256", sa.String(length=64), nullable=True))
    # A version waiting for review with a newer version after it is superseded.
    op.execute(
        "UPDATE submissions SET status = 'superseded' WHERE status = 'submitted' AND EXISTS "
        "(SELECT 1 FROM submissions AS newer WHERE newer.school_id = submissions.school_id "
        "AND newer.step_key = submissions.step_key AND newer.season = submissions.season "
        "AND newer.version > submissions.version)"
    )


def downgrade() -> None:
    for table in ("outbox", "broadcasts"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("media_sha256")
    with op.batch_alter_table("join_requests", schema=None) as batch_op:
        batch_op.drop_column("reason")
    op.execute("UPDATE submissions SET status = 'submitted' WHERE status = 'superseded'")
    with op.batch_alter_table("submission_files", schema=None) as batch_op:
        batch_op.drop_column("caption")
        batch_op.drop_column("rejected")
        batch_op.drop_column("content_type")
    with op.batch_alter_table("album_replies", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_album_replies_submission_id_submissions"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_album_replies_answered_at"))
        batch_op.drop_column("answered_at")
        batch_op.drop_column("submission_id")
        batch_op.drop_column("chat_id")
    op.drop_table("webinar_notes")
    op.drop_table("conversation_states")
