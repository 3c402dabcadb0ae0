"""cards: index on (learner, state, due) for the study queue

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 04:20:39.594360
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cards", schema=None) as batch_op:
        batch_op.create_index(
            "ix_cards_learner_state_due", ["learner_id", "state", "due"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("cards", schema=None) as batch_op:
        batch_op.drop_index("ix_cards_learner_state_due")
