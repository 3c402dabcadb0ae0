"""learner_fsrs_params: FSRS parameters fitted to each learner's history

Revision ID: 0003_learner_fsrs_params
Revises: 0002
Create Date: 2026-12-01 09:20:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import question_bank.store.schema

revision: str = "0003_learner_fsrs_params"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "learner_fsrs_params",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("fitted_at", question_bank.store.schema.UTCDateTime(), nullable=False),
        sa.Column("reviews", sa.Integer(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["learner_id"], ["learners.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("learner_fsrs_params", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_learner_fsrs_params_learner_id"), ["learner_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("learner_fsrs_params", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_learner_fsrs_params_learner_id"))
    op.drop_table("learner_fsrs_params")
