"""screening: checks of confirmation files, verdicts, auto-accept rules

Revision ID: 0016
Revises: 0011
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.models import UTCDateTime

revision: str = "0016"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "screening_auto_accept",
        sa.Column("region_code", sa.String(length=2), nullable=False),
        sa.Column("step_key", sa.String(length=64), nullable=False),
        sa.Column("season", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("changed_by", sa.BigInteger(), nullable=False),
        sa.Column("changed_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_code"],
            ["regions.code"],
            name=op.f("fk_screening_auto_accept_region_code_regions"),
        ),
        sa.PrimaryKeyConstraint(
            "region_code", "step_key", "season", name=op.f("pk_screening_auto_accept")
        ),
    )
    op.create_table(
        "submission_screenings",
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.Column("text_checked", sa.Boolean(), nullable=False),
        sa.Column("auto_accepted", sa.Boolean(), nullable=False),
        sa.Column("claimed_at", UTCDateTime(), nullable=False),
        sa.Column("checked_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_submission_screenings_submission_id_submissions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("submission_id", name=op.f("pk_submission_screenings")),
    )
    with op.batch_alter_table("submission_screenings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_submission_screenings_verdict"), ["verdict"], unique=False
        )

    op.create_table(
        "screened_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("detected_type", sa.String(length=16), nullable=True),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("dhash", sa.String(length=64), nullable=True),
        sa.Column("phash", sa.String(length=64), nullable=True),
        sa.Column("dhash_center", sa.String(length=64), nullable=True),
        sa.Column("text_source", sa.String(length=8), nullable=True),
        sa.Column("text_excerpt", sa.Text(), nullable=True),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("check_ms", sa.Integer(), nullable=False),
        sa.Column("checked_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["submission_files.id"],
            name=op.f("fk_screened_files_file_id_submission_files"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_screened_files_submission_id_submissions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screened_files")),
        sa.UniqueConstraint("file_id", name=op.f("uq_screened_files_file_id")),
    )
    with op.batch_alter_table("screened_files", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_screened_files_sha256"), ["sha256"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_screened_files_submission_id"), ["submission_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("screened_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_screened_files_submission_id"))
        batch_op.drop_index(batch_op.f("ix_screened_files_sha256"))

    op.drop_table("screened_files")
    with op.batch_alter_table("submission_screenings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_submission_screenings_verdict"))

    op.drop_table("submission_screenings")
    op.drop_table("screening_auto_accept")
