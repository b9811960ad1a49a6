"""board: one-time login links for the review board (only their SHA-256 is stored)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "board_logins",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("used_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_board_logins_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_board_logins")),
    )
    with op.batch_alter_table("board_logins", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_board_logins_user_id"), ["user_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_board_logins_expires_at"), ["expires_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("board_logins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_board_logins_expires_at"))
        batch_op.drop_index(batch_op.f("ix_board_logins_user_id"))
    op.drop_table("board_logins")
