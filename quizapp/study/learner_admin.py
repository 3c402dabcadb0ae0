"""Managing a bank's learners: add, list with their activity, remove with their history.

Learners are made the same way everywhere: `quizapp.study.learners.get_or_create_learner` (used by
study sessions for `--learner NAME`) trims and normalises the name; this module resolves names
through the same `clean_name`, so `learners add " Ann  Lee"` and `study --learner "Ann Lee"`
are one learner. Names are case-sensitive; a near miss is suggested in the error.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import fsrs
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from question_bank.errors import QuestionBankError
from question_bank.models import QuestionId
from question_bank.store import Bank
from question_bank.store.schema import CardRow, LearnerFsrsParamsRow, LearnerRow, ReviewLogRow
from quizapp.settings import Settings
from quizapp.study import scheduling
from quizapp.study.learners import clean_name, get_or_create_learner
from quizapp.study.scheduling import CardState
from quizapp.study.views import STATE_NEW


class LearnerError(QuestionBankError):
    """A learner command names a learner that is not there, or one that already is."""


@dataclass(frozen=True)
class LearnerInfo:
    """A learner and how much history they have in the bank."""

    name: str
    created_at: datetime
    cards: int
    reviews: int
    last_review: datetime | None


@dataclass(frozen=True)
class RemovedLearner:
    """What removing a learner deleted."""

    name: str
    cards: int
    reviews: int


def find_learner(session: Session, name: str) -> LearnerRow:
    """The learner called `name` (after the usual trimming); LearnerError if there is none."""
    cleaned = clean_name(name)
    row = session.scalars(select(LearnerRow).where(LearnerRow.name == cleaned)).first()
    if row is not None:
        return row
    near = session.scalars(
        select(LearnerRow.name).where(func.lower(LearnerRow.name) == cleaned.lower()).limit(1)
    ).first()
    hint = f" (did you mean {near!r}?)" if near else ""
    raise LearnerError(f"no learner {cleaned!r} in this bank{hint}")


def add_learner(bank: Bank, name: str) -> str:
    """Add a learner; returns the name as stored. LearnerError if the name is taken."""
    cleaned = clean_name(name)
    with bank.transaction() as session:
        exists = session.scalar(select(LearnerRow.id).where(LearnerRow.name == cleaned))
        if exists is not None:
            raise LearnerError(f"learner {cleaned!r} already exists")
        get_or_create_learner(session, cleaned)
    return cleaned


def learner_infos(bank: Bank) -> list[LearnerInfo]:
    """Every learner, alphabetically, with their card and review counts."""
    with bank.transaction() as session:
        learners = session.execute(
            select(LearnerRow.id, LearnerRow.name, LearnerRow.created_at).order_by(LearnerRow.name)
        ).all()
        cards = dict(
            session.execute(
                select(CardRow.learner_id, func.count()).group_by(CardRow.learner_id)
            ).all()
        )
        reviews = {
            learner_id: (number, last)
            for learner_id, number, last in session.execute(
                select(
                    ReviewLogRow.learner_id, func.count(), func.max(ReviewLogRow.reviewed_at)
                ).group_by(ReviewLogRow.learner_id)
            ).all()
        }
    return [
        LearnerInfo(
            name=name,
            created_at=created_at,
            cards=cards.get(learner_id, 0),
            reviews=reviews.get(learner_id, (0, None))[0],
            last_review=reviews.get(learner_id, (0, None))[1],
        )
        for learner_id, name, created_at in learners
    ]


def learner_history(bank: Bank, name: str) -> RemovedLearner:
    """What removing this learner would delete (for the confirmation prompt)."""
    with bank.transaction() as session:
        row = find_learner(session, name)
        return _history(session, row)


def remove_learner(bank: Bank, name: str) -> RemovedLearner:
    """Delete a learner with all their cards and review log, in one transaction."""
    with bank.transaction() as session:
        row = find_learner(session, name)
        removed = _history(session, row)
        # Explicit deletes rather than relying on ON DELETE CASCADE: the same on every engine,
        # whatever the connection's foreign-key setting.
        session.execute(delete(ReviewLogRow).where(ReviewLogRow.learner_id == row.id))
        session.execute(delete(CardRow).where(CardRow.learner_id == row.id))
        session.execute(
            delete(LearnerFsrsParamsRow).where(LearnerFsrsParamsRow.learner_id == row.id)
        )
        session.execute(delete(LearnerRow).where(LearnerRow.id == row.id))
    return removed


def _history(session: Session, row: LearnerRow) -> RemovedLearner:
    cards = session.scalar(select(func.count()).where(CardRow.learner_id == row.id)) or 0
    reviews = session.scalar(select(func.count()).where(ReviewLogRow.learner_id == row.id)) or 0
    return RemovedLearner(name=row.name, cards=cards, reviews=reviews)


# The fields a card's review log determines; the others (suspended, buried, flags) are set by
# hand, not by answers.
REPLAYED_FIELDS = tuple(
    name
    for name in scheduling.STATE_FIELDS
    if name not in ("suspended", "buried_until", "flagged", "leech")
)


def check_history(bank: Bank, settings: Settings) -> list[str]:
    """Replay every card's review log through FSRS; one line per card that disagrees.

    A card's scheduling state must be exactly what its answers, replayed in order from a new
    card, give (the study service seeds the fuzz from the learner, question and rep count, so
    the replay is deterministic), and every log's saved `card_before` must be the state the
    replay had reached. An empty list means no answer was lost or applied twice.
    """
    problems: list[str] = []
    with bank.transaction() as session:
        # Each answer was scheduled with the FSRS parameters its log names (None: defaults).
        fitted = {row.id: row.parameters for row in session.scalars(select(LearnerFsrsParamsRow))}
        schedulers: dict[int | None, fsrs.Scheduler] = {None: scheduling.build_scheduler(settings)}
        for params_id, parameters in fitted.items():
            schedulers[params_id] = scheduling.build_scheduler(settings, parameters)
        logs: dict[tuple[int, QuestionId], list[ReviewLogRow]] = {}
        for log in session.scalars(select(ReviewLogRow).order_by(ReviewLogRow.id)):
            logs.setdefault((log.learner_id, log.question_id), []).append(log)
        cards = {(c.learner_id, c.question_id): c for c in session.scalars(select(CardRow))}
        for key in sorted(logs.keys() | cards.keys()):
            learner_id, question_id = key
            state = CardState()
            for log in logs.get(key, []):
                saved = CardState.from_json((log.card_before or {}).get("card", {}))
                if _fields(saved) != _fields(state):
                    problems.append(f"card {key}: log {log.id} does not follow the one before")
                    break
                seed = scheduling.fuzz_seed(learner_id, question_id, state.reps)
                scheduler = schedulers.get((log.card_before or {}).get("fsrs_params"))
                if scheduler is None:
                    problems.append(f"card {key}: log {log.id} names unknown FSRS parameters")
                    break
                state = scheduling.review(
                    scheduler, state, log.rating, log.reviewed_at, seed=seed
                ).after
            card = cards.get(key)
            if card is None:
                problems.append(f"card {key}: {len(logs[key])} answers but no card")
            elif _fields(CardState.of_row(card)) != _fields(state):
                problems.append(f"card {key}: its state is not what its answers give")
    return problems


def _fields(state: CardState) -> tuple[object, ...]:
    if state.state == STATE_NEW:
        return (STATE_NEW, 0, 0)  # a new card's other fields are whatever it was created with
    return tuple(getattr(state, name) for name in REPLAYED_FIELDS)
