"""Reading questions out of the bank: the one mapping from a `questions` row to a StoredQuestion.

Every view of a question is built from what this module reads: a learner's card and a browse
row (one question at a time, or a page of them joined with a learner's cards), an export and
the quiz-night pool (every question of a bank at once). Whatever the bank holds (a bank
written before text was cleaned on the way in), the text of a StoredQuestion is safe to show
or write (`sanitize.clean_text`); ids are handed on as stored, since they are keys.

The bulk read (`read_questions`) runs one Core select on the DBAPI cursor (`fetch_all`): at
200,000 questions an ORM object, or even a SQLAlchemy Row, per question costs more than the
query itself. JSON columns are selected as text (`QUESTION_COLUMNS`) and decoded here, so the
same row mapping serves the cursor's plain tuples and a joined query's Rows.
"""

from __future__ import annotations

import functools
import gc
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import ColumnElement, Select, Text, cast, select
from sqlalchemy.orm import Session

from question_bank.errors import QuestionBankError
from question_bank.models import ArticleId, QuestionId, QuestionKind, StoredQuestion
from question_bank.sanitize import clean_text, is_clean
from question_bank.store.schema import QuestionRow

_q = QuestionRow.__table__.c

QUESTION_COLUMNS: tuple[ColumnElement[Any], ...] = (
    _q.id,
    _q.article_id,
    _q.kind,
    _q.prompt,
    _q.answer,
    # JSON columns as text, decoded by _strings: CAST is portable, and a raw cursor has no
    # result processor to decode them.
    cast(_q.accepted_answers, Text),
    cast(_q.choices, Text),
    _q.source_sentence,
    _q.section,
    _q.answer_type,
    _q.score,
    cast(_q.tags, Text),
    _q.position,
    _q.retired,
    _q.edited,
)
"""What a StoredQuestion is read from, in its fields' order; a query may select more after."""

WIDTH = len(QUESTION_COLUMNS)
"""How many leading values of a row `question_from_values` reads."""

_KINDS: dict[str, QuestionKind] = {kind.value: kind for kind in QuestionKind}


class UnknownKindError(QuestionBankError):
    """The bank holds a question of a kind this quizapp does not know (a newer one's)."""


def _unknown_kind(question_id: str, kind: str) -> QuestionKind:
    raise UnknownKindError(f"question {question_id!r} has an unknown kind {kind!r}")


@functools.lru_cache(maxsize=1024)
def _strings(raw: str | None) -> tuple[str, ...]:
    """A JSON list column (as text) as cleaned strings."""
    # Most hold "[]" or repeat (tags): skip the JSON parser, which shows at 200,000 rows.
    if not raw or raw == "[]":
        return ()
    value = json.loads(raw)
    return _cleaned(value) if isinstance(value, list) else ()


def _cleaned(items: Sequence[object] | None) -> tuple[str, ...]:
    return tuple(clean_text(str(item)) for item in items or ())


def _question(
    qid: QuestionId,
    article_id: ArticleId,
    kind: str,
    texts: tuple[str, str, str, str, str],
    lists: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]],
    score: float | None,
    position: int | None,
    retired: object,
    edited: object,
) -> StoredQuestion:
    """The one constructor of a StoredQuestion from what a row holds (lists already cleaned)."""
    # Prompt, answer, sentence, section and answer type, tested at once: most text is clean.
    if is_clean("".join(texts)):
        prompt, answer, sentence, section, answer_type = texts
    else:
        prompt, answer, sentence, section, answer_type = map(clean_text, texts)
    accepted, choices, tags = lists
    return StoredQuestion(
        qid,
        article_id,
        _KINDS.get(kind) or _unknown_kind(qid, kind),
        prompt,
        answer,
        accepted,
        choices,
        sentence,
        section,
        answer_type,
        score or 0.0,
        tags,
        position or 0,
        bool(retired),  # SQLite's cursor hands booleans as 0 and 1
        bool(edited),
    )


def question_from_values(values: Sequence[Any]) -> StoredQuestion:
    """The question in the first WIDTH values of a row selected with QUESTION_COLUMNS."""
    (
        qid,
        article_id,
        kind,
        prompt,
        answer,
        accepted,
        choices,
        sentence,
        section,
        answer_type,
        score,
        tags,
        position,
        retired,
        edited,
    ) = values[:WIDTH]
    strings = _strings
    return _question(
        qid,
        article_id,
        kind,
        (prompt, answer, sentence, section or "", answer_type or "thing"),
        (strings(accepted), strings(choices), strings(tags)),
        score,
        position,
        retired,
        edited,
    )


def stored_question(row: QuestionRow) -> StoredQuestion:
    """The question of an ORM row (a session that already holds it: one card of a learner)."""
    return _question(
        row.id,
        row.article_id,
        row.kind,
        (
            row.prompt,
            row.answer,
            row.source_sentence,
            row.section or "",
            row.answer_type or "thing",
        ),
        (_cleaned(row.accepted_answers), _cleaned(row.choices), _cleaned(row.tags)),
        row.score,
        row.position,
        row.retired,
        row.edited,
    )


def question_query(*where: ColumnElement[bool]) -> Select[Any]:
    """Every question matching `where` (all of them without), as QUESTION_COLUMNS."""
    return select(*QUESTION_COLUMNS).where(*where)


def read_questions(session: Session, *where: ColumnElement[bool]) -> list[StoredQuestion]:
    """Every question matching `where`, in no particular order (callers sort: an ORDER BY
    makes SQLite build a temporary B-tree over every row)."""
    rows = fetch_all(session, question_query(*where))
    with paused_gc():
        return [question_from_values(values) for values in rows]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector during a bulk build (restored afterwards).

    A bulk read or an export allocates hundreds of thousands of small, acyclic objects (rows,
    questions, notes); each allocation burst triggers a collection that walks them all again,
    which costs as much as the mapping itself. Reference counting still frees everything.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def fetch_all(session: Session, statement: Select[Any]) -> list[Any]:
    """All rows of a Core select as plain DBAPI tuples, on the session's connection.

    For the bulk reads: building a SQLAlchemy Row per result costs more than the query itself.
    The statement is still built with select() and compiled by the dialect, so it runs on any
    engine; columns needing a result processor (dates, JSON) must be CAST to text.
    """
    connection = session.connection()
    compiled = statement.compile(
        dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
    )
    params = compiled.params
    arguments: Any = (
        tuple(params[name] for name in compiled.positiontup or ())
        if compiled.positional
        else params
    )
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(compiled), arguments)
        return list(cursor.fetchall())
    finally:
        cursor.close()
