"""Read what an export needs from the bank, as plain frozen dataclasses.

Exporters never see ORM objects or sessions: `load_articles()` reads the articles and, with the
store's bulk reader (`question_bank.store.reader`, no ORM identity map, so 200,000 questions
load quickly), their questions, and hands back articles with their live (not retired)
questions in sentence order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from question_bank.models import ArticleId, StoredQuestion
from question_bank.sanitize import clean_text
from question_bank.store.reader import read_questions
from question_bank.store.schema import ArticleRow, QuestionRow

ExportQuestion = StoredQuestion
"""A question as exporters see it: the bank's read model, as it is."""


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


def _sentence_order(question: ExportQuestion) -> tuple[bool, int, str]:
    return question.retired, question.position, question.id


def _questions_by_article(questions: Sequence[ExportQuestion]) -> dict[str, list[ExportQuestion]]:
    """The questions grouped by article, each group in sentence order."""
    by_article: dict[str, list[ExportQuestion]] = {}
    for question in questions:
        group = by_article.get(question.article_id)
        if group is None:
            group = by_article[question.article_id] = []
        group.append(question)
    # Sorted here, not by ORDER BY: SQLite would build a temporary B-tree over every row.
    for group in by_article.values():
        group.sort(key=_sentence_order)
    return by_article


def load_articles(
    session: Session, article_ids: Sequence[str] | None = None, *, retired: bool = False
) -> list[ExportArticle]:
    """The chosen articles (all when `article_ids` is None or empty), without retired questions
    unless `retired` (they come after the live ones, marked `retired`)."""
    a = ArticleRow.__table__
    q = QuestionRow.__table__
    live = [q.c.retired.is_(False)] if not retired else []
    article_query = select(a.c.id, a.c.title, a.c.source).order_by(a.c.imported_at, a.c.id)
    newest_query = select(q.c.article_id, func.max(q.c.updated_at)).where(*live)
    if article_ids:
        chosen = list(article_ids)
        article_query = article_query.where(a.c.id.in_(chosen))
        live.append(q.c.article_id.in_(chosen))
        newest_query = newest_query.where(q.c.article_id.in_(chosen))
    newest: dict[str, datetime | None] = {
        article_id: when
        for article_id, when in session.execute(newest_query.group_by(q.c.article_id))
    }
    by_article = _questions_by_article(read_questions(session, *live))
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
