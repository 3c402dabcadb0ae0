"""Undo and redo of every study action, in reverse order, as Anki's undo does.

An action is recorded as a `Step`: what it was ("Answer", "Bury", "Suspend", "Flag", "Edit",
"Delete", ...), the card it touched, and two functions that put the bank back to before and
to after it. `UndoStack.undo()` takes back the last step and says which it was; `redo()` does
it again; a new action clears what could be redone.

Snapshots, not inverse operations: a step keeps the rows it changed (a card's scheduling
fields for every card it touched — a bury buries siblings too —, a question's wording, or
everything a delete removes) as they were before and after, so undoing puts back exactly what
was there, whatever the action computed. An answer's undo goes through the study service
(which also drops the answer's log and its leech tag); its redo writes the answered state and
log back as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select

from question_bank.errors import QuestionBankError
from question_bank.store import Bank
from question_bank.store.schema import CardRow, QuestionRow, ReviewLogRow

CARD_FIELDS = tuple(c.key for c in CardRow.__table__.columns if c.key != "id")
LOG_FIELDS = tuple(c.key for c in ReviewLogRow.__table__.columns)
QUESTION_FIELDS = ("prompt", "answer", "accepted_answers", "choices", "tags", "retired", "edited")

CardStates = dict[str, dict[str, Any] | None]


@dataclass
class Step:
    """One action that can be undone and redone."""

    label: str
    """What it was, for "Undone: Bury" ("Answer", "Bury", "Suspend", "Flag", "Edit"...)."""
    question_id: str
    undo: Callable[[], None]
    redo: Callable[[], None]


@dataclass
class UndoStack:
    """Steps done (newest last) and steps undone (the next to redo last)."""

    done: list[Step] = field(default_factory=list)
    undone: list[Step] = field(default_factory=list)

    def push(self, step: Step) -> None:
        self.done.append(step)
        self.undone.clear()

    def undo(self) -> Step | None:
        """Take back the last step; None when there is nothing to undo."""
        if not self.done:
            return None
        step = self.done[-1]
        step.undo()  # a failure (a locked bank) leaves the step where it was, to try again
        self.undone.append(self.done.pop())
        return step

    def redo(self) -> Step | None:
        """Do the last undone step again; None when there is nothing to redo."""
        if not self.undone:
            return None
        step = self.undone[-1]
        step.redo()
        self.done.append(self.undone.pop())
        return step


# -- card scheduling rows ----------------------------------------------------------------------


def card_states(bank: Bank, learner_id: int, question_ids: Iterable[str]) -> CardStates:
    """The learner's card rows for these questions, as plain values (None: no card yet)."""
    ids = list(dict.fromkeys(question_ids))
    states: CardStates = dict.fromkeys(ids)
    with bank.transaction() as session:
        rows = session.scalars(
            select(CardRow).where(CardRow.learner_id == learner_id, CardRow.question_id.in_(ids))
        )
        for row in rows:
            states[row.question_id] = {name: getattr(row, name) for name in CARD_FIELDS}
    return states


def restore_card_states(bank: Bank, learner_id: int, states: CardStates) -> None:
    """Write card rows back as `card_states` read them (a card that was not there goes)."""
    with bank.transaction() as session:
        for question_id, values in states.items():
            row = session.scalars(
                select(CardRow).where(
                    CardRow.learner_id == learner_id, CardRow.question_id == question_id
                )
            ).first()
            if values is None:
                if row is not None:
                    session.delete(row)
                continue
            if row is None:
                row = CardRow(learner_id=learner_id, question_id=question_id)
                session.add(row)
            for name, value in values.items():
                setattr(row, name, value)


def card_step(
    bank: Bank,
    learner_id: int,
    label: str,
    question_id: str,
    touched: Iterable[str],
    action: Callable[[], object],
    after_restore: Callable[[], None] = lambda: None,
) -> Step:
    """Run `action` (a bury, suspend, flag, forget...) and return its step: the cards in
    `touched` as they were before and after. `after_restore` runs after each undo and redo
    (the caller's caches)."""
    ids = list(dict.fromkeys([question_id, *touched]))
    before = card_states(bank, learner_id, ids)
    action()
    after = card_states(bank, learner_id, ids)

    def put(states: CardStates) -> Callable[[], None]:
        def run() -> None:
            restore_card_states(bank, learner_id, states)
            after_restore()

        return run

    return Step(label, question_id, put(before), put(after))


# -- answers -------------------------------------------------------------------------------


def last_log(bank: Bank, learner_id: int) -> dict[str, Any] | None:
    with bank.transaction() as session:
        log = session.scalars(
            select(ReviewLogRow)
            .where(ReviewLogRow.learner_id == learner_id)
            .order_by(ReviewLogRow.id.desc())
            .limit(1)
        ).first()
        return {name: getattr(log, name) for name in LOG_FIELDS} if log is not None else None


def answer_step(
    bank: Bank,
    learner_id: int,
    question_id: str,
    undo_answer: Callable[[], object],
    after_restore: Callable[[], None] = lambda: None,
) -> Step:
    """The step of an answer just given: undo through the service (`undo_answer`), redo by
    writing back the answered card, its question's tags (a leech tag) and its log.

    Nothing is read when the answer is given (grading stays one transaction); what redo needs
    is read when the answer is undone.
    """
    saved: dict[str, Any] = {}

    def undo() -> None:
        log = last_log(bank, learner_id)
        if log is None or log["question_id"] != question_id:
            raise QuestionBankError("the answer to undo is no longer the learner's last one")
        saved["log"] = log
        saved["after"] = card_states(bank, learner_id, [question_id])
        saved["tags"] = question_values(bank, question_id)["tags"]
        undo_answer()

    def redo() -> None:
        restore_card_states(bank, learner_id, saved["after"])
        with bank.transaction() as session:
            values = {name: value for name, value in saved["log"].items() if name != "id"}
            session.add(ReviewLogRow(**values))
            question = session.get(QuestionRow, question_id)
            if question is not None:
                question.tags = list(saved["tags"])
        after_restore()

    return Step("Answer", question_id, undo, redo)


# -- questions -----------------------------------------------------------------------------


def question_values(bank: Bank, question_id: str) -> dict[str, Any]:
    with bank.transaction() as session:
        question = session.get(QuestionRow, question_id)
        if question is None:
            raise QuestionBankError(f"no question {question_id!r} in the bank")
        return {name: getattr(question, name) for name in QUESTION_FIELDS}


def _put_question(bank: Bank, question_id: str, values: dict[str, Any]) -> None:
    with bank.transaction() as session:
        question = session.get(QuestionRow, question_id)
        if question is None:
            raise QuestionBankError(f"no question {question_id!r} in the bank")
        for name, value in values.items():
            setattr(question, name, list(value) if isinstance(value, list) else value)


def question_step(
    bank: Bank,
    label: str,
    question_id: str,
    action: Callable[[], object],
    after_restore: Callable[[], None] = lambda: None,
) -> Step:
    """Run an edit of the question (wording, tags) and return its step."""
    before = question_values(bank, question_id)
    action()
    after = question_values(bank, question_id)

    def put(values: dict[str, Any]) -> Callable[[], None]:
        def run() -> None:
            _put_question(bank, question_id, values)
            after_restore()

        return run

    return Step(label, question_id, put(before), put(after))


def delete_step(
    bank: Bank,
    question_id: str,
    delete_question: Callable[[], object],
    after_restore: Callable[[], None] = lambda: None,
) -> Step:
    """Run a delete (the question's cards and history for every learner) and return its
    step: undo puts every card and log row back and the question live again."""
    question = question_values(bank, question_id)
    with bank.transaction() as session:
        cards = [
            {name: getattr(row, name) for name in ("id", *CARD_FIELDS)}
            for row in session.scalars(select(CardRow).where(CardRow.question_id == question_id))
        ]
        logs = [
            {name: getattr(row, name) for name in LOG_FIELDS}
            for row in session.scalars(
                select(ReviewLogRow).where(ReviewLogRow.question_id == question_id)
            )
        ]
    delete_question()

    def undo() -> None:
        with bank.transaction() as session:
            row = session.get(QuestionRow, question_id)
            if row is None:
                raise QuestionBankError(f"no question {question_id!r} in the bank")
            for name, value in question.items():
                setattr(row, name, list(value) if isinstance(value, list) else value)
            session.execute(delete(CardRow).where(CardRow.question_id == question_id))
            session.add_all(CardRow(**values) for values in cards)
            session.add_all(ReviewLogRow(**values) for values in logs)
        after_restore()

    def redo() -> None:
        delete_question()
        after_restore()

    return Step("Delete", question_id, undo, redo)
