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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from operator import attrgetter
from typing import Any

from sqlalchemy import ColumnElement, Select, Text, cast, select
from sqlalchemy.orm import Session

from question_bank.errors import QuestionBankError
from question_bank.models import QUESTION_FIELDS, QuestionKind, StoredQuestion
from question_bank.sanitize import clean_text, is_clean
from question_bank.store.schema import QuestionRow

_LISTS = ("accepted_answers", "choices", "tags")
_table = QuestionRow.__table__

# A column of the questions table for each field of StoredQuestion, by name: a field the table
# does not have fails here, at import. JSON columns are read as text and decoded by _strings:
# CAST is portable, and a raw cursor has no result processor to decode them.
QUESTION_COLUMNS: tuple[ColumnElement[Any], ...] = tuple(
    cast(_table.c[name], Text) if name in _LISTS else _table.c[name] for name in QUESTION_FIELDS
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


def _question(values: Sequence[Any], strings: Callable[[Any], tuple[str, ...]]) -> StoredQuestion:
    """The one constructor of a StoredQuestion: a row's values in QUESTION_FIELDS order, its
    list fields decoded by `strings` (from JSON text, or from an ORM row's lists)."""
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
    texts: tuple[str, ...] = (prompt, answer, sentence, section or "", answer_type or "thing")
    # The five texts tested at once: most text is clean, and this runs 200,000 times.
    if not is_clean("".join(texts)):
        texts = tuple(map(clean_text, texts))
    return StoredQuestion(
        qid,
        article_id,
        _KINDS.get(kind) or _unknown_kind(qid, kind),
        texts[0],
        texts[1],
        strings(accepted),
        strings(choices),
        texts[2],
        texts[3],
        texts[4],
        score or 0.0,
        strings(tags),
        position or 0,
        bool(retired),  # SQLite's cursor hands booleans as 0 and 1
        bool(edited),
    )


def question_from_values(values: Sequence[Any]) -> StoredQuestion:
    """The question in the first WIDTH values of a row selected with QUESTION_COLUMNS."""
    return _question(values, _strings)


# An ORM row's attributes have the fields' names.
_row_values = attrgetter(*QUESTION_FIELDS)


def stored_question(row: QuestionRow) -> StoredQuestion:
    """The question of an ORM row (a session that already holds it: one card of a learner)."""
    return _question(_row_values(row), _cleaned)


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
