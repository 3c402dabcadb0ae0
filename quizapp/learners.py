"""Learners: a bank can be studied by several people, each with their own cards and log."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from question_bank.errors import QuestionBankError
from question_bank.schema import LearnerRow
from question_bank.store import Bank

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
    """The id of the learner called `name`, created in the caller's transaction if new."""
    cleaned = clean_name(name)
    found = session.scalars(select(LearnerRow.id).where(LearnerRow.name == cleaned)).first()
    if found is not None:
        return found
    row = LearnerRow(name=cleaned)
    session.add(row)
    session.flush()
    return row.id


def list_learners(bank: Bank) -> list[str]:
    """Every learner's name, alphabetically (for the "switch learner" list)."""
    with bank.transaction() as session:
        return list(session.scalars(select(LearnerRow.name).order_by(LearnerRow.name)))
