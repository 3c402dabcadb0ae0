"""The question read model: one reader, the same StoredQuestion from every path, every engine."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select, update

from question_bank.models import QUESTION_FIELDS, QuestionKind, StoredQuestion
from question_bank.store import Bank
from question_bank.store.interchange import QuestionDocument, import_document, parse_document
from question_bank.store.reader import (
    UnknownKindError,
    question_from_values,
    question_query,
    read_questions,
    stored_question,
)
from question_bank.store.schema import QuestionRow
from tests.support.exports import FIXTURE, LIVE_IDS


@pytest.fixture
def filled(bank: Bank) -> Bank:
    with bank.transaction() as session:
        import_document(session, parse_document(FIXTURE.read_bytes()))
    return bank


def test_bulk_rows_and_orm_rows_give_the_same_questions(filled: Bank) -> None:
    """The cursor's tuples, a joined query's Rows and ORM rows map to equal questions."""
    with filled.transaction() as session:
        bulk = {q.id: q for q in read_questions(session)}
        rows = {q.id: q for q in map(question_from_values, session.execute(question_query()).all())}
        orm = {q.id: q for q in map(stored_question, session.scalars(select(QuestionRow)))}
        live = read_questions(session, QuestionRow.retired.is_(False))
    assert bulk == rows == orm
    assert sorted(q.id for q in live) == sorted(LIVE_IDS)
    choice = bulk["q-choice-prague"]
    assert choice.kind is QuestionKind.CHOICE
    assert choice.choices == ("Danube", "Vltava", "Elbe", "Rhine")
    danube = bulk["q-open-danube"]
    assert danube.tags == ("geography", "big rivers") and danube.accepted_answers == ("10",)
    assert isinstance(danube.edited, bool) and isinstance(danube.retired, bool)


def test_text_is_cleaned_whatever_the_bank_holds(filled: Bank) -> None:
    with filled.transaction() as session:
        session.execute(
            update(QuestionRow)
            .where(QuestionRow.id == "q-open-danube")
            .values(prompt="\x1b[2JHow many?", tags=["\x1b]0;owned\x07geo"], section="\u202eS")
        )
    with filled.transaction() as session:
        [bulk] = read_questions(session, QuestionRow.id == "q-open-danube")
        orm = stored_question(session.get_one(QuestionRow, "q-open-danube"))
    assert bulk == orm
    assert bulk.prompt == "How many?" and bulk.tags == ("geo",) and bulk.section == "S"


def test_an_unknown_kind_is_one_clear_error(filled: Bank) -> None:
    with filled.transaction() as session:
        session.execute(
            update(QuestionRow).where(QuestionRow.id == "q-open-danube").values(kind="riddle")
        )
    with filled.transaction() as session, pytest.raises(UnknownKindError, match="riddle"):
        read_questions(session)


@dataclass(frozen=True, kw_only=True)
class _Seen(StoredQuestion):
    """A view with fields of its own, as CardView and QuizQuestion are."""

    seen_by: str
    times: int = 0


def test_a_view_is_built_from_a_question_and_its_own_fields() -> None:
    question = StoredQuestion("q", "a", QuestionKind.OPEN, "Why?", "Because")  # type: ignore[arg-type]
    view = _Seen.of(question, seen_by="Ada")
    assert view.question_fields() == question.question_fields()
    assert (view.seen_by, view.times, view.prompt) == ("Ada", 0, "Why?")


def test_the_json_format_names_the_read_models_fields() -> None:
    """The document's question keys are the read model's fields: the two cannot drift apart."""
    assert tuple(QuestionDocument.model_fields) == QUESTION_FIELDS
