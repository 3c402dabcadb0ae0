"""Read what an export needs from the bank, as plain frozen dataclasses.

Exporters never see ORM objects or sessions: `load_articles()` runs one query per table with
SQLAlchemy Core (no ORM identity map, so 100,000 questions load quickly) and hands back
articles with their live (not retired) questions in sentence order.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Select, Text, cast, func, select
from sqlalchemy.orm import Session

from question_bank.models import ArticleId, QuestionId
from question_bank.sanitize import clean_text
from question_bank.store.schema import ArticleRow, QuestionRow


@dataclass(slots=True)
class ExportQuestion:
    """A question as exporters see it (treat as read-only).

    Not frozen: a frozen dataclass's __init__ is six times slower, which shows at 100,000 rows.
    """

    id: QuestionId
    article_id: ArticleId
    kind: str
    prompt: str
    answer: str
    accepted_answers: tuple[str, ...]
    choices: tuple[str, ...]
    source_sentence: str
    section: str
    answer_type: str
    score: float
    tags: tuple[str, ...]
    position: int
    edited: bool
    retired: bool = False


@dataclass(frozen=True)
class ExportArticle:
    """An article and its live questions, in sentence order.

    `updated_at` is the newest `updated_at` of those questions (None without questions).
    """

    id: ArticleId
    title: str
    source: str
    questions: tuple[ExportQuestion, ...] = field(default_factory=tuple)
    updated_at: datetime | None = None


@functools.lru_cache(maxsize=1024)
def _string_list(raw: str | None) -> tuple[str, ...]:
    # Most list columns hold "[]" or repeat (tags): skip the JSON parser (it shows at 100k rows).
    if not raw or raw == "[]":
        return ()
    value = json.loads(raw)
    return tuple(clean_text(str(item)) for item in value) if isinstance(value, list) else ()


def _sentence_order(question: ExportQuestion) -> tuple[bool, int, str]:
    return question.retired, question.position, question.id


def fetch_all(session: Session, statement: Select[Any]) -> list[Any]:
    """All rows of a Core select as plain DBAPI tuples, on the session's connection.

    For the 100,000-row read: building a SQLAlchemy Row per result costs more than the query
    itself. The statement is still built with select() and compiled by the dialect, so it runs
    on any engine; columns needing a result processor (dates, JSON) must be CAST to text.
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


def _question_query(live: Any) -> Select[Any]:
    """Every export column of the questions matching `live`, JSON columns as text."""
    q = QuestionRow.__table__
    # JSON columns are read as text and decoded here (see _string_list); CAST is portable.
    return select(
        q.c.id,
        q.c.article_id,
        q.c.kind,
        q.c.prompt,
        q.c.answer,
        cast(q.c.accepted_answers, Text),
        cast(q.c.choices, Text),
        q.c.source_sentence,
        q.c.section,
        q.c.answer_type,
        q.c.score,
        cast(q.c.tags, Text),
        q.c.position,
        q.c.edited,
        q.c.retired,
    ).where(live)


def _questions_by_article(session: Session, query: Select[Any]) -> dict[str, list[ExportQuestion]]:
    """The questions of `query` grouped by article, each group in sentence order."""
    by_article: dict[str, list[ExportQuestion]] = {}
    strings = _string_list
    # Whatever the bank holds (a bank written before text was cleaned on the way in), no escape
    # sequence or control character reaches an export file.
    clean = clean_text
    for (
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
        edited,
        is_retired,
    ) in fetch_all(session, query):
        questions = by_article.get(article_id)
        if questions is None:
            questions = by_article[article_id] = []
        questions.append(
            ExportQuestion(
                qid,
                article_id,
                kind,
                clean(prompt),
                clean(answer),
                strings(accepted),
                strings(choices),
                clean(sentence),
                clean(section or ""),
                answer_type or "thing",
                score or 0.0,
                strings(tags),
                position or 0,
                bool(edited),
                bool(is_retired),
            )
        )
    # Sorted here, not by ORDER BY: SQLite would build a temporary B-tree over every row.
    for questions in by_article.values():
        questions.sort(key=_sentence_order)
    return by_article


def load_articles(
    session: Session, article_ids: Sequence[str] | None = None, *, retired: bool = False
) -> list[ExportArticle]:
    """The chosen articles (all when `article_ids` is None or empty), without retired questions
    unless `retired` (they come after the live ones, marked `retired`)."""
    a = ArticleRow.__table__
    q = QuestionRow.__table__
    live = q.c.retired.is_(False) if not retired else q.c.id.is_not(None)
    article_query = select(a.c.id, a.c.title, a.c.source).order_by(a.c.imported_at, a.c.id)
    question_query = _question_query(live)
    newest_query = select(q.c.article_id, func.max(q.c.updated_at)).where(live)
    if article_ids:
        chosen = list(article_ids)
        article_query = article_query.where(a.c.id.in_(chosen))
        question_query = question_query.where(q.c.article_id.in_(chosen))
        newest_query = newest_query.where(q.c.article_id.in_(chosen))
    newest: dict[str, datetime | None] = {
        article_id: when
        for article_id, when in session.execute(newest_query.group_by(q.c.article_id))
    }
    by_article = _questions_by_article(session, question_query)
    return [
        ExportArticle(
            id=row.id,
            title=clean_text(row.title),
            source=clean_text(row.source),
            questions=tuple(by_article.get(row.id, ())),
            updated_at=newest.get(row.id),
        )
        for row in session.execute(article_query)
    ]


def all_questions(articles: Sequence[ExportArticle]) -> list[ExportQuestion]:
    """Every question of the articles, article after article."""
    return [question for article in articles for question in article.questions]
