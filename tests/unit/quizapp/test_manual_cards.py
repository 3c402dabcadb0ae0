"""Cards written by hand: checked before they are saved, never retired by regeneration."""

from __future__ import annotations

import pytest

from question_bank.errors import QuestionBankError
from question_bank.models import Article
from question_bank.store import Bank
from question_bank.store.content import store_article
from question_bank.store.schema import ArticleRow, QuestionRow
from quizapp.content.cards import add_card
from tests.support.study import add_article


def test_add_each_kind_and_refuse_broken_cards(bank: Bank) -> None:
    add_article(bank, "a", 2)
    cloze = add_card(bank, "a", "cloze", "KFOR is led by [...].", "NATO")
    choice = add_card(
        bank, "a", "choice", "Who leads KFOR?", "NATO", wrong_options=["EU", "UN", "OSCE"]
    )
    truth = add_card(bank, "a", "truefalse", "KFOR is led by NATO.", "true")
    with bank.transaction() as session:
        rows = {qid: session.get(QuestionRow, qid) for qid in (cloze, choice, truth)}
    assert all(row is not None and "manual" in row.tags and row.edited for row in rows.values())
    assert sorted(rows[choice].choices) == ["EU", "NATO", "OSCE", "UN"]  # type: ignore[union-attr]
    assert rows[truth].answer == "True" and rows[cloze].position == 2  # type: ignore[union-attr]
    with pytest.raises(QuestionBankError, match="gap"):
        add_card(bank, "a", "cloze", "No gap here.", "x")
    with pytest.raises(QuestionBankError, match="three different wrong"):
        add_card(bank, "a", "choice", "Who?", "NATO", wrong_options=["EU", "EU", "NATO"])
    with pytest.raises(QuestionBankError, match="True or False"):
        add_card(bank, "a", "truefalse", "Sky is green.", "maybe")
    with pytest.raises(QuestionBankError, match="no article"):
        add_card(bank, "zz", "open", "Who?", "me")


def test_regenerating_the_article_keeps_a_hand_made_card(bank: Bank) -> None:
    add_article(bank, "a", 1)
    made = add_card(bank, "a", "open", "Who leads KFOR?", "NATO")
    with bank.transaction() as session:
        row = session.get(ArticleRow, "a")
        assert row is not None
        article = Article(title=row.title, sections=(), source=row.source, content_hash="a")
        store_article(session, article, [])
    with bank.transaction() as session:
        kept = session.get(QuestionRow, made)
        generated = session.get(QuestionRow, "a-q000")
        assert kept is not None and not kept.retired
        assert generated is not None and generated.retired
