"""Learners: a bank can be studied by several people, each with their own cards and log.

Each learner may also have FSRS parameters fitted to their own history (`quizapp optimize`,
`quizapp.optimise`); `fsrs_parameters` reads the ones in force, which the study service
schedules with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from question_bank.errors import QuestionBankError
from question_bank.store import Bank
from question_bank.store.schema import LearnerFsrsParamsRow, LearnerRow, utcnow

MAX_NAME_LENGTH = 100


def clean_name(name: str) -> str:
    """A learner's name, trimmed; a bad name is a one-line error."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise QuestionBankError("a learner needs a name")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise QuestionBankError(f"learner name longer than {MAX_NAME_LENGTH} characters")
    return cleaned


def get_or_create_learner(session: Session, name: str) -> int:
    """The id of the learner called `name`, created in the caller's transaction if new.

    Two processes may meet a new learner at the same moment (two terminals opened on one
    bank): the insert skips a name that appeared meanwhile (ON CONFLICT DO NOTHING) instead of
    failing on the unique name, and the id is read back either way.
    """
    cleaned = clean_name(name)
    query = select(LearnerRow.id).where(LearnerRow.name == cleaned)
    found = session.scalars(query).first()
    if found is not None:
        return found
    dialect = session.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        # Imported here: the PostgreSQL dialect module alone costs about 30 ms, on every start
        # of the TUI, for a bank that is SQLite almost always.
        values = {"name": cleaned, "created_at": utcnow()}
        if dialect == "sqlite":
            from sqlalchemy.dialects import sqlite

            session.execute(
                sqlite.insert(LearnerRow)
                .values(values)
                .on_conflict_do_nothing(index_elements=["name"])
            )
        else:
            from sqlalchemy.dialects import postgresql

            session.execute(
                postgresql.insert(LearnerRow)
                .values(values)
                .on_conflict_do_nothing(index_elements=["name"])
            )
        return session.scalars(query).one()
    row = LearnerRow(name=cleaned)
    session.add(row)
    session.flush()
    return row.id


def list_learners(bank: Bank) -> list[str]:
    """Every learner's name, alphabetically (for the "switch learner" list)."""
    with bank.transaction() as session:
        return list(session.scalars(select(LearnerRow.name).order_by(LearnerRow.name)))


@dataclass(frozen=True)
class FsrsParameters:
    """FSRS weights fitted to one learner's history: one optimisation."""

    id: int
    parameters: tuple[float, ...]
    fitted_at: datetime
    reviews: int
    """Reviews in the history the fit saw."""
    report: dict[str, Any]
    """The optimisation's before/after figures (see quizapp.optimise.OptimisationReport)."""


def fsrs_parameters(session: Session, learner_id: int) -> FsrsParameters | None:
    """The learner's FSRS parameters in force (the newest fit); None means fsrs's defaults."""
    row = session.scalars(
        select(LearnerFsrsParamsRow)
        .where(LearnerFsrsParamsRow.learner_id == learner_id)
        .order_by(LearnerFsrsParamsRow.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return FsrsParameters(
        id=row.id,
        parameters=tuple(row.parameters),
        fitted_at=row.fitted_at,
        reviews=row.reviews,
        report=dict(row.report or {}),
    )


def learner_fsrs_parameters(bank: Bank, name: str) -> FsrsParameters | None:
    """The FSRS parameters in force for the learner called `name` (None: defaults, or none)."""
    with bank.transaction() as session:
        found = session.scalars(select(LearnerRow.id).where(LearnerRow.name == clean_name(name)))
        learner_id = found.first()
        return fsrs_parameters(session, learner_id) if learner_id is not None else None
