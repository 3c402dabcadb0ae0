"""Read what an export needs from the bank, as plain frozen dataclasses.

Exporters never see ORM objects or sessions: `load_articles()` runs one query per table with
SQLAlchemy Core (no ORM identity map, so 100,000 questions load quickly) and hands back
articles with their live (not retired) questions in sentence order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from question_bank.schema import ArticleRow, QuestionRow


@dataclass(frozen=True)
class ExportQuestion:
    """A question as exporters see it."""

    id: str
    article_id: str
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
    updated_at: datetime | None = None


@dataclass(frozen=True)
class ExportArticle:
    """An article and its live questions, in sentence order."""

    id: str
    title: str
    source: str
    questions: tuple[ExportQuestion, ...] = field(default_factory=tuple)

    @property
    def question_count(self) -> int:
        return len(self.questions)


def load_articles(
    session: Session, article_ids: Sequence[str] | None = None
) -> list[ExportArticle]:
    """The chosen articles (all when `article_ids` is None or empty), without retired questions."""
    a = ArticleRow.__table__
    q = QuestionRow.__table__
    article_query = select(a.c.id, a.c.title, a.c.source).order_by(a.c.imported_at, a.c.id)
    question_query = (
        select(
            q.c.id,
            q.c.article_id,
            q.c.kind,
            q.c.prompt,
            q.c.answer,
            q.c.accepted_answers,
            q.c.choices,
            q.c.source_sentence,
            q.c.section,
            q.c.answer_type,
            q.c.score,
            q.c.tags,
            q.c.position,
            q.c.edited,
            q.c.updated_at,
        )
        .where(q.c.retired.is_(False))
        .order_by(q.c.article_id, q.c.position, q.c.id)
    )
    if article_ids:
        article_query = article_query.where(a.c.id.in_(list(article_ids)))
        question_query = question_query.where(q.c.article_id.in_(list(article_ids)))
    by_article: dict[str, list[ExportQuestion]] = {}
    for row in session.execute(question_query):
        by_article.setdefault(row.article_id, []).append(
            ExportQuestion(
                id=row.id,
                article_id=row.article_id,
                kind=row.kind,
                prompt=row.prompt,
                answer=row.answer,
                accepted_answers=tuple(row.accepted_answers or ()),
                choices=tuple(row.choices or ()),
                source_sentence=row.source_sentence,
                section=row.section or "",
                answer_type=row.answer_type or "thing",
                score=row.score or 0.0,
                tags=tuple(row.tags or ()),
                position=row.position or 0,
                edited=bool(row.edited),
                updated_at=row.updated_at,
            )
        )
    return [
        ExportArticle(
            id=row.id,
            title=row.title,
            source=row.source,
            questions=tuple(by_article.get(row.id, ())),
        )
        for row in session.execute(article_query)
    ]


def all_questions(articles: Sequence[ExportArticle]) -> list[ExportQuestion]:
    """Every question of the articles, article after article."""
    return [question for article in articles for question in article.questions]
