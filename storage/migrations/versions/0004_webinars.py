"""webinars: edited occurrences, subscriptions, announcements made

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "webinar_announcements",
        sa.Column("series_key", sa.String(length=64), nullable=False),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("announced_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint(
            "series_key", "starts_at", "kind", name=op.f("pk_webinar_announcements")
        ),
    )
    op.create_table(
        "webinar_occurrences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series_key", sa.String(length=64), nullable=False),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("topic", sa.String(length=512), nullable=True),
        sa.Column("speakers", sa.String(length=512), nullable=True),
        sa.Column("join_url", sa.Text(), nullable=True),
        sa.Column("recording_url", sa.Text(), nullable=True),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("updated_by", sa.BigInteger(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webinar_occurrences")),
        sa.UniqueConstraint(
            "series_key", "starts_at", name=op.f("uq_webinar_occurrences_series_key")
        ),
    )
    op.create_table(
        "webinar_subscriptions",
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("series_key", sa.String(length=64), nullable=False),
        sa.Column("subscribed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_webinar_subscriptions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "series_key", name=op.f("pk_webinar_subscriptions")),
    )


def downgrade() -> None:
    op.drop_table("webinar_subscriptions")
    op.drop_table("webinar_occurrences")
    op.drop_table("webinar_announcements")
