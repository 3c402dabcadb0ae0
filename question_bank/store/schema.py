"""The bank's tables, as a SQLAlchemy 2.0 typed ORM.

One schema for the whole bank: articles and their questions (written by the generator),
learners with their per-question scheduling state and review log (written by study sessions),
and quiz nights. Only portable column types are used, so the same schema runs on SQLite and
PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from question_bank.models import ArticleId, QuestionId


def utcnow() -> datetime:
    """Now, as an aware UTC datetime (the only kind of datetime the bank hands out)."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores datetimes as naive UTC and hands them back as aware UTC.

    SQLite keeps no time zone; storing naive UTC everywhere keeps comparisons and indexes
    correct on every engine, and fsrs wants aware UTC datetimes back.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the bank; pass an aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


MOMENT = UTCDateTime()
"""The type of every moment the bank stores, for bind parameters (aware in, naive UTC stored)."""


class Base(DeclarativeBase):
    """Declarative base for every bank table."""

    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON, datetime: UTCDateTime}


class ArticleRow(Base):
    """An article the bank was generated from."""

    __tablename__ = "articles"

    # The content hash of the first version imported: stable across later edits of the article.
    id: Mapped[ArticleId] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text, index=True)
    text: Mapped[str] = mapped_column(Text)
    # Hash of the text as last generated: same hash means nothing to regenerate.
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    questions: Mapped[list[QuestionRow]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )


class QuestionRow(Base):
    """A card's content. Its id comes from (article, sentence, answer span, form)."""

    __tablename__ = "questions"

    id: Mapped[QuestionId] = mapped_column(String(32), primary_key=True)
    article_id: Mapped[ArticleId] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16), index=True)
    prompt: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    accepted_answers: Mapped[list[str]] = mapped_column(default=list)
    choices: Mapped[list[str]] = mapped_column(default=list)
    source_sentence: Mapped[str] = mapped_column(Text)
    section: Mapped[str] = mapped_column(Text, default="")
    answer_type: Mapped[str] = mapped_column(String(16), default="thing")
    score: Mapped[float] = mapped_column(Float, default=0.0)
    tags: Mapped[list[str]] = mapped_column(default=list)
    # Order of the card in its article (sentence order), for browsing and new-card order.
    position: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    # Set when a person edited the card: regeneration then keeps their wording.
    edited: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    article: Mapped[ArticleRow] = relationship(back_populates="questions")


class LearnerRow(Base):
    """Someone who studies the bank; each learner has their own cards and log."""

    __tablename__ = "learners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class LearnerFsrsParamsRow(Base):
    """FSRS parameters fitted to one learner's review history (`quizapp optimize`).

    One row per optimisation, never updated: the newest row is what the learner's scheduler
    uses, and each review log names the row it was scheduled with (`card_before["fsrs_params"]`),
    so a card's history replays exactly across optimisations. No row means FSRS's defaults.
    """

    __tablename__ = "learner_fsrs_params"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    learner_id: Mapped[int] = mapped_column(
        ForeignKey("learners.id", ondelete="CASCADE"), index=True
    )
    # The 21 FSRS-6 weights, w0..w20.
    parameters: Mapped[list[float]] = mapped_column(JSON)
    fitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Reviews in the history the fit saw, and its before/after figures (log loss, RMSE...).
    reviews: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[dict[str, Any]] = mapped_column(default=dict)


class CardRow(Base):
    """Scheduling state of one question for one learner (FSRS fields).

    A question with no row for a learner is new to them; a row is made on first contact
    (an answer, a bury, a suspend, a flag).
    """

    __tablename__ = "cards"
    __table_args__ = (
        UniqueConstraint("learner_id", "question_id", name="uq_cards_learner_question"),
        Index("ix_cards_learner_due", "learner_id", "due"),
        # The study queue reads due cards of one state at a time (learning, then reviews).
        Index("ix_cards_learner_state_due", "learner_id", "state", "due"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    question_id: Mapped[QuestionId] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    # fsrs.State value: 0 = new (not yet answered), 1 learning, 2 review, 3 relearning.
    state: Mapped[int] = mapped_column(Integer, default=0)
    step: Mapped[int | None] = mapped_column(Integer, nullable=True)
    stability: Mapped[float | None] = mapped_column(Float, nullable=True)
    difficulty: Mapped[float | None] = mapped_column(Float, nullable=True)
    due: Mapped[datetime] = mapped_column(default=utcnow)
    last_review: Mapped[datetime | None] = mapped_column(nullable=True)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    buried_until: Mapped[datetime | None] = mapped_column(nullable=True)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    leech: Mapped[bool] = mapped_column(Boolean, default=False)


class ReviewLogRow(Base):
    """One answer: who, which question, the rating, when, how long, in which mode, what was typed.

    `card_before` holds the card's state before this answer, so that undo restores it exactly.
    """

    __tablename__ = "review_logs"
    __table_args__ = (Index("ix_review_logs_learner_time", "learner_id", "reviewed_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    question_id: Mapped[QuestionId] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    rating: Mapped[int] = mapped_column(Integer)
    reviewed_at: Mapped[datetime] = mapped_column()
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    mode: Mapped[str] = mapped_column(String(16), default="flip")
    typed: Mapped[str | None] = mapped_column(Text, nullable=True)
    state_before: Mapped[int] = mapped_column(Integer, default=0)
    state_after: Mapped[int] = mapped_column(Integer, default=0)
    card_before: Mapped[dict[str, Any]] = mapped_column(default=dict)


class QuizNightRow(Base):
    """A quiz night: its settings and when it was played."""

    __tablename__ = "quiz_nights"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), default="Quiz night")
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(nullable=True)


class QuizTeamRow(Base):
    """A team playing a quiz night."""

    __tablename__ = "quiz_teams"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    night_id: Mapped[int] = mapped_column(
        ForeignKey("quiz_nights.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer, default=0)


class QuizAskedRow(Base):
    """A question asked at a quiz night, in its round and place."""

    __tablename__ = "quiz_asked"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    night_id: Mapped[int] = mapped_column(
        ForeignKey("quiz_nights.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[QuestionId] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    round_number: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    skipped: Mapped[bool] = mapped_column(Boolean, default=False)


class QuizScoreRow(Base):
    """Points a team earned (or lost) on a question at a quiz night."""

    __tablename__ = "quiz_scores"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    night_id: Mapped[int] = mapped_column(
        ForeignKey("quiz_nights.id", ondelete="CASCADE"), index=True
    )
    team_id: Mapped[int] = mapped_column(ForeignKey("quiz_teams.id", ondelete="CASCADE"))
    asked_id: Mapped[int] = mapped_column(ForeignKey("quiz_asked.id", ondelete="CASCADE"))
    points: Mapped[float] = mapped_column(Float)
    awarded_at: Mapped[datetime] = mapped_column(default=utcnow)


class QuizPlayerRow(Base):
    """A player who joined a quiz night from their phone (solo when `team_id` is null)."""

    __tablename__ = "quiz_players"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    night_id: Mapped[int] = mapped_column(
        ForeignKey("quiz_nights.id", ondelete="CASCADE"), index=True
    )
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("quiz_teams.id", ondelete="CASCADE"), nullable=True
    )
    nickname: Mapped[str] = mapped_column(String(40))
    token_hash: Mapped[str] = mapped_column(String(64))  # SHA-256 of the token, never the token
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)


class QuizAnswerRow(Base):
    """A player's answer to a question asked at a night, and its result once graded."""

    __tablename__ = "quiz_answers"
    __table_args__ = (UniqueConstraint("asked_id", "player_id", name="uq_quiz_answers_asked"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    night_id: Mapped[int] = mapped_column(
        ForeignKey("quiz_nights.id", ondelete="CASCADE"), index=True
    )
    asked_id: Mapped[int] = mapped_column(ForeignKey("quiz_asked.id", ondelete="CASCADE"))
    player_id: Mapped[int] = mapped_column(
        ForeignKey("quiz_players.id", ondelete="CASCADE"), index=True
    )
    option: Mapped[int | None] = mapped_column(Integer, nullable=True)
    answer: Mapped[str | None] = mapped_column(Text, nullable=True)  # null: awarded by hand only
    elapsed: Mapped[float | None] = mapped_column(Float, nullable=True)  # seconds into the timer
    answered_at: Mapped[datetime | None] = mapped_column(nullable=True)
    correct: Mapped[bool | None] = mapped_column(Boolean, nullable=True)  # null until the reveal
    points: Mapped[float] = mapped_column(Float, default=0.0)
    by_host: Mapped[bool] = mapped_column(Boolean, default=False)
