"""Articles as the learner manages them: find by id prefix, rename, delete with their history,
merge two into one, and the warning when a new article would duplicate one already there."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from question_bank.errors import QuestionBankError
from question_bank.models import Article, QuestionId
from question_bank.store import Bank
from question_bank.store.content import find_article_row
from question_bank.store.schema import (
    ArticleRow,
    CardRow,
    QuestionRow,
    QuizAskedRow,
    QuizScoreRow,
    ReviewLogRow,
    utcnow,
)


def resolve_article_ids(session: Session, given: Sequence[str]) -> list[str]:
    """Full article ids for ids or unambiguous prefixes; a clear error for the others."""
    ids: list[str] = []
    for prefix in given:
        matches = session.scalars(
            select(ArticleRow.id).where(ArticleRow.id.startswith(prefix, autoescape=True))
        ).all()
        if not matches:
            raise QuestionBankError(f"no article with id {prefix!r} (see `quizapp list`)")
        if len(matches) > 1:
            raise QuestionBankError(f"article id {prefix!r} is ambiguous: give more characters")
        ids.append(matches[0])
    return ids


@dataclass(frozen=True)
class DeletedArticle:
    """What deleting an article removed."""

    title: str
    questions: int
    reviews: int


@dataclass(frozen=True)
class MergedArticles:
    """What merging moved: `moved` questions of `source_title` into `target_title`."""

    source_title: str
    target_title: str
    moved: int


def _article(session: Session, article_id: str) -> ArticleRow:
    (full,) = resolve_article_ids(session, [article_id])
    row = session.get(ArticleRow, full)
    assert row is not None
    return row


def rename_article(bank: Bank, article_id: str, title: str) -> str:
    """Give an article a new title; returns the old one. (Generating from its file again
    brings back the title the file has.)"""
    title = " ".join(title.split())
    if not title:
        raise QuestionBankError("an article needs a title")
    with bank.transaction() as session:
        row = _article(session, article_id)
        old, row.title, row.updated_at = row.title, title, utcnow()
    return old


def _footprint(session: Session, row: ArticleRow) -> DeletedArticle:
    ids = select(QuestionRow.id).where(QuestionRow.article_id == row.id)
    questions = session.scalar(select(func.count()).select_from(ids.subquery())) or 0
    reviews = session.scalar(
        select(func.count()).select_from(ReviewLogRow).where(ReviewLogRow.question_id.in_(ids))
    )
    return DeletedArticle(title=row.title, questions=questions, reviews=reviews or 0)


def article_footprint(bank: Bank, article_id: str) -> DeletedArticle:
    """What deleting the article would remove (to ask first)."""
    with bank.transaction() as session:
        return _footprint(session, _article(session, article_id))


def delete_article(bank: Bank, article_id: str) -> DeletedArticle:
    """Delete an article with its questions, every learner's cards and review history, and
    its questions' place in past quiz nights. One transaction: all of it or nothing."""
    with bank.transaction() as session:
        row = _article(session, article_id)
        footprint = _footprint(session, row)
        ids = select(QuestionRow.id).where(QuestionRow.article_id == row.id)
        asked = select(QuizAskedRow.id).where(QuizAskedRow.question_id.in_(ids))
        # Explicit deletes, children first: SQLite honours ON DELETE CASCADE only with
        # foreign keys on for the connection.
        session.execute(delete(QuizScoreRow).where(QuizScoreRow.asked_id.in_(asked)))
        session.execute(delete(QuizAskedRow).where(QuizAskedRow.question_id.in_(ids)))
        session.execute(delete(ReviewLogRow).where(ReviewLogRow.question_id.in_(ids)))
        session.execute(delete(CardRow).where(CardRow.question_id.in_(ids)))
        session.execute(delete(QuestionRow).where(QuestionRow.article_id == row.id))
        session.delete(row)
    return footprint


def _moved_id(target_id: str, question_id: str) -> QuestionId:
    """A merged question's new id: its old id would come back, and collide, if the source
    article were ever generated again."""
    digest = hashlib.sha256(f"{target_id}\x1fmerged\x1f{question_id}".encode())
    return QuestionId(digest.hexdigest()[:24])


def merge_articles(bank: Bank, source_id: str, target_id: str) -> MergedArticles:
    """Move every question of `source` (with its cards, history and quiz-night places) to the
    end of `target`, then delete `source`. One transaction."""
    with bank.transaction() as session:
        source = _article(session, source_id)
        target = _article(session, target_id)
        if source.id == target.id:
            raise QuestionBankError("an article cannot be merged into itself")
        last = session.scalar(
            select(func.max(QuestionRow.position)).where(QuestionRow.article_id == target.id)
        )
        offset = (last if last is not None else -1) + 1
        questions = list(
            session.scalars(
                select(QuestionRow)
                .where(QuestionRow.article_id == source.id)
                .order_by(QuestionRow.position, QuestionRow.id)
            )
        )
        columns = [c.key for c in QuestionRow.__table__.columns if c.key not in ("id",)]
        for number, question in enumerate(questions):
            values = {name: getattr(question, name) for name in columns}
            new_id = _moved_id(target.id, question.id)
            values.update(article_id=target.id, position=offset + number, updated_at=utcnow())
            session.add(QuestionRow(id=new_id, **values))
            session.flush()
            for table in (CardRow, ReviewLogRow, QuizAskedRow):
                session.execute(
                    update(table).where(table.question_id == question.id).values(question_id=new_id)
                )
            session.delete(question)
            session.flush()
        titles = (source.title, target.title)
        target.updated_at = utcnow()
        session.delete(source)
    return MergedArticles(source_title=titles[0], target_title=titles[1], moved=len(questions))


def duplicate_warnings(bank: Bank, articles: Sequence[Article]) -> list[str]:
    """For each article that would enter the bank as a new one while an article with the same
    title is already there: a sentence saying so (an article read again from the same file,
    or with the same text, updates the one there and is no duplicate)."""
    warnings: list[str] = []
    with bank.transaction() as session:
        for article in articles:
            if find_article_row(session, article) is not None:
                continue
            same = session.scalars(
                select(ArticleRow).where(
                    func.lower(ArticleRow.title) == " ".join(article.title.split()).lower()
                )
            ).first()
            if same is not None:
                warnings.append(
                    f"{article.title!r} ({article.source}) is a new article, but the bank "
                    f"already has one with that title [{same.id[:8]}] from {same.source}: "
                    "`quizapp articles merge` or `delete` one of them if they are the same"
                )
    return warnings
