"""calendar versions: regional calendars uploaded by coordinators, every version kept

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "calendar_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=2), nullable=True),
        sa.Column("season", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_code"], ["regions.code"], name=op.f("fk_calendar_versions_region_code_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_versions")),
        sa.UniqueConstraint(
            "region_code", "season", "version", name=op.f("uq_calendar_versions_region_code")
        ),
    )
    with op.batch_alter_table("calendar_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_calendar_versions_region_code"), ["region_code"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("calendar_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendar_versions_region_code"))

    op.drop_table("calendar_versions")
