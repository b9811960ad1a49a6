"""marathons: best-practice marathons and podcasts, their proposed and scheduled talks

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "marathons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=256), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("region_code", sa.String(length=2), nullable=True),
        sa.Column("municipality_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("published_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_marathons_municipality_id_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["region_code"], ["regions.code"], name=op.f("fk_marathons_region_code_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_marathons")),
    )
    op.create_table(
        "marathon_talks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("marathon_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("proposed_by", sa.BigInteger(), nullable=False),
        sa.Column("topic", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("speaker", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("starts_at", UTCDateTime(), nullable=True),
        sa.Column("decided_by", sa.BigInteger(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["marathon_id"],
            ["marathons.id"],
            name=op.f("fk_marathon_talks_marathon_id_marathons"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name=op.f("fk_marathon_talks_school_id_schools")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_marathon_talks")),
    )
    with op.batch_alter_table("marathon_talks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_marathon_talks_marathon_id"), ["marathon_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_marathon_talks_starts_at"), ["starts_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("marathon_talks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_marathon_talks_starts_at"))
        batch_op.drop_index(batch_op.f("ix_marathon_talks_marathon_id"))

    op.drop_table("marathon_talks")
    op.drop_table("marathons")
