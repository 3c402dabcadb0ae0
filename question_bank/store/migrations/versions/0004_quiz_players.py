"""quiz players and their answers: the phones at a quiz night (issue 13)

Revision ID: 0004_quiz_players
Revises: 0003_learner_fsrs_params
Create Date: 2026-12-01 09:01:52.287836
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import question_bank.store.schema

revision: str = "0004_quiz_players"
down_revision: str | None = "0003_learner_fsrs_params"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "quiz_players",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("night_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("nickname", sa.String(length=40), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("joined_at", question_bank.store.schema.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["night_id"], ["quiz_nights.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["team_id"], ["quiz_teams.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("quiz_players", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quiz_players_night_id"), ["night_id"], unique=False)

    op.create_table(
        "quiz_answers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("night_id", sa.Integer(), nullable=False),
        sa.Column("asked_id", sa.Integer(), nullable=False),
        sa.Column("player_id", sa.Integer(), nullable=False),
        sa.Column("option", sa.Integer(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("elapsed", sa.Float(), nullable=True),
        sa.Column("answered_at", question_bank.store.schema.UTCDateTime(), nullable=True),
        sa.Column("correct", sa.Boolean(), nullable=True),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column("by_host", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["asked_id"], ["quiz_asked.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["night_id"], ["quiz_nights.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["player_id"], ["quiz_players.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("asked_id", "player_id", name="uq_quiz_answers_asked"),
    )
    with op.batch_alter_table("quiz_answers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quiz_answers_night_id"), ["night_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_quiz_answers_player_id"), ["player_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("quiz_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quiz_answers_player_id"))
        batch_op.drop_index(batch_op.f("ix_quiz_answers_night_id"))

    op.drop_table("quiz_answers")
    with op.batch_alter_table("quiz_players", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quiz_players_night_id"))

    op.drop_table("quiz_players")
