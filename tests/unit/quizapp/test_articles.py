"""Article management: rename, delete with history, merge with history, duplicate warnings."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from question_bank.errors import QuestionBankError
from question_bank.models import Article
from question_bank.store import Bank
from question_bank.store.schema import ArticleRow, CardRow, QuestionRow, ReviewLogRow
from quizapp.content.articles import (
    article_footprint,
    delete_article,
    duplicate_warnings,
    merge_articles,
    rename_article,
)
from quizapp.settings import Settings
from quizapp.study.session import StudyService
from quizapp.study.views import GOOD
from tests.support.study import FakeClock, add_article

NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)


@pytest.fixture
def two(bank: Bank) -> Bank:
    add_article(bank, "alpha", 3, title="Kosovo clashes")
    add_article(bank, "beta", 2, title="Baltic exercise")
    service = StudyService(bank, Settings(), "me", clock=FakeClock(NOW), timezone=UTC)
    service.answer("beta-q001", GOOD, duration_ms=1, mode="flip")
    service.answer("alpha-q000", GOOD, duration_ms=1, mode="flip")
    return bank


def count(bank: Bank, table: type, **where: str) -> int:
    with bank.transaction() as session:
        query = select(func.count()).select_from(table)
        for name, value in where.items():
            query = query.where(getattr(table, name) == value)
        return session.scalar(query) or 0


def test_rename(two: Bank) -> None:
    assert rename_article(two, "alp", "  Kosovo,   again ") == "Kosovo clashes"
    with two.transaction() as session:
        row = session.get(ArticleRow, "alpha")
        assert row is not None and row.title == "Kosovo, again"
    with pytest.raises(QuestionBankError, match="needs a title"):
        rename_article(two, "alpha", " ")
    with pytest.raises(QuestionBankError, match="no article"):
        rename_article(two, "zzz", "x")


def test_delete_takes_the_history_with_it(two: Bank) -> None:
    assert article_footprint(two, "beta").reviews == 1
    deleted = delete_article(two, "beta")
    assert (deleted.title, deleted.questions, deleted.reviews) == ("Baltic exercise", 2, 1)
    assert count(two, QuestionRow, article_id="beta") == 0
    assert count(two, ArticleRow) == 1
    assert count(two, ReviewLogRow) == 1 and count(two, CardRow) == 1  # alpha's stay


def test_merge_moves_questions_with_their_history(two: Bank) -> None:
    merged = merge_articles(two, "beta", "alpha")
    assert (merged.source_title, merged.target_title, merged.moved) == (
        "Baltic exercise",
        "Kosovo clashes",
        2,
    )
    with two.transaction() as session:
        rows = session.scalars(
            select(QuestionRow)
            .where(QuestionRow.article_id == "alpha")
            .order_by(QuestionRow.position)
        ).all()
        assert [row.position for row in rows] == [0, 1, 2, 3, 4]
        moved = rows[4]
        assert moved.prompt == "Question 1 of beta?"
        assert session.scalar(select(func.count()).where(ReviewLogRow.question_id == moved.id))
        assert session.scalar(select(func.count()).where(CardRow.question_id == moved.id))
    assert count(two, ArticleRow) == 1 and count(two, ReviewLogRow) == 2
    with pytest.raises(QuestionBankError, match="itself"):
        merge_articles(two, "alpha", "alpha")


def test_duplicate_warnings_name_the_article_already_there(two: Bank) -> None:
    same_title = Article(title="kosovo  Clashes", sections=(), source="/new.txt", content_hash="n")
    same_source = Article(
        title="Kosovo clashes", sections=(), source="/tmp/alpha.txt", content_hash="x"
    )
    other = Article(title="Something else", sections=(), source="/o.txt", content_hash="o")
    (warning,) = duplicate_warnings(two, [same_title, same_source, other])
    assert "/new.txt" in warning and "[alpha]" in warning and "merge" in warning
