"""tools and calendar (issue 20, items 5 and 7): a marathon's days, proposal deadline and
description; a talk's join link and presentation file

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("marathons", schema=None) as batch_op:
        batch_op.add_column(sa.Column("starts_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("ends_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("proposals_until", UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("description", sa.Text(), nullable=True))
    with op.batch_alter_table("marathon_talks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("join_url", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("file_id", sa.String(length=256), nullable=True))
        batch_op.add_column(sa.Column("file_name", sa.String(length=256), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("marathon_talks", schema=None) as batch_op:
        batch_op.drop_column("file_name")
        batch_op.drop_column("file_id")
        batch_op.drop_column("join_url")
    with op.batch_alter_table("marathons", schema=None) as batch_op:
        batch_op.drop_column("description")
        batch_op.drop_column("proposals_until")
        batch_op.drop_column("ends_on")
        batch_op.drop_column("starts_on")
