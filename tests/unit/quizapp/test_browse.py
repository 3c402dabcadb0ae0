"""Browse: search and filters over every question with this learner's card state; delete."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from question_bank.errors import QuestionBankError
from question_bank.store import Bank
from question_bank.store.schema import CardRow, QuestionRow, ReviewLogRow
from quizapp.settings import Settings
from quizapp.study import browse
from quizapp.study.session import StudyService
from quizapp.study.views import GOOD, BrowseFilter
from tests.support.study import FakeClock, add_article

NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)


@pytest.fixture
def studied(bank: Bank) -> StudyService:
    """Two articles; "me" answered a-q000, suspended a-q001 and flagged b-q000."""
    add_article(bank, "a", 4, title="Kosovo clashes")
    add_article(bank, "b", 3, title="Baltic exercise")
    with bank.transaction() as session:
        question = session.get(QuestionRow, "b-q002")
        assert question is not None
        question.kind, question.prompt = "cloze", "Soldiers 100% ready for [...]_drill."
    service = StudyService(
        bank, Settings(enable_fuzzing=False), "me", clock=FakeClock(NOW), timezone=UTC
    )
    service.answer("a-q000", GOOD, duration_ms=1, mode="flip")
    service.set_suspended("a-q001", True)
    service.set_flagged("b-q000", True)
    return service


def ids(bank: Bank, filters: BrowseFilter, learner: str = "me") -> list[str]:
    return [row.question_id for row in browse.search(bank, learner, filters)]


def test_all_questions_in_article_then_position_order(bank: Bank, studied: StudyService) -> None:
    rows = browse.search(bank, "me", BrowseFilter())
    assert [r.question_id for r in rows] == [
        *(f"a-q00{i}" for i in range(4)),
        *(f"b-q00{i}" for i in range(3)),
    ]
    first = rows[0]
    assert first.article_title == "Kosovo clashes" and first.state == 1
    assert first.due is not None and first.due > NOW
    assert rows[1].suspended and rows[1].state == 0 and rows[1].due is None
    assert browse.count(bank, "me", BrowseFilter()) == 7


def test_filters(bank: Bank, studied: StudyService) -> None:
    assert ids(bank, BrowseFilter(article_id="b")) == ["b-q000", "b-q001", "b-q002"]
    assert ids(bank, BrowseFilter(kind="cloze")) == ["b-q002"]
    assert ids(bank, BrowseFilter(state=1)) == ["a-q000"]
    assert len(ids(bank, BrowseFilter(state=0))) == 6
    assert ids(bank, BrowseFilter(suspended=True)) == ["a-q001"]
    assert len(ids(bank, BrowseFilter(suspended=False))) == 6
    assert ids(bank, BrowseFilter(flagged=True)) == ["b-q000"]
    assert browse.count(bank, "me", BrowseFilter(article_id="a", state=0)) == 3


def test_text_search_covers_prompt_answer_and_sentence_and_escapes_wildcards(
    bank: Bank, studied: StudyService
) -> None:
    assert ids(bank, BrowseFilter(text="question 2 OF A")) == ["a-q002"]
    assert ids(bank, BrowseFilter(text="answer 1")) == ["a-q001", "b-q001"]
    assert ids(bank, BrowseFilter(text="Sentence 3.")) == ["a-q003"]
    assert ids(bank, BrowseFilter(text="100%")) == ["b-q002"]
    assert ids(bank, BrowseFilter(text="[...]_")) == ["b-q002"]
    assert ids(bank, BrowseFilter(text="_")) == ["b-q002"]


def test_paging(bank: Bank, studied: StudyService) -> None:
    page = browse.search(bank, "me", BrowseFilter(), limit=3, offset=3)
    assert [r.question_id for r in page] == ["a-q003", "b-q000", "b-q001"]


def test_another_learner_sees_everything_new(bank: Bank, studied: StudyService) -> None:
    assert browse.count(bank, "nobody", BrowseFilter(state=0)) == 7
    assert browse.count(bank, "nobody", BrowseFilter(suspended=True)) == 0


def test_retired_questions_are_hidden_unless_asked_for(bank: Bank, studied: StudyService) -> None:
    with bank.transaction() as session:
        question = session.get(QuestionRow, "a-q003")
        assert question is not None
        question.retired = True
    assert "a-q003" not in ids(bank, BrowseFilter())
    rows = browse.search(bank, "me", BrowseFilter(include_retired=True, text="Sentence 3"))
    assert [(r.question_id, r.retired) for r in rows] == [("a-q003", True)]


def test_delete_removes_the_question_with_its_cards_and_logs(
    bank: Bank, studied: StudyService
) -> None:
    browse.delete_question(bank, "a-q000")
    with bank.transaction() as session:
        tombstone = session.get(QuestionRow, "a-q000")  # kept so regeneration skips it
        assert tombstone is not None and tombstone.retired and "deleted" in tombstone.tags
        for table in (CardRow, ReviewLogRow):
            left = session.scalar(
                select(func.count()).select_from(table).where(table.question_id == "a-q000")
            )
            assert left == 0
    assert browse.count(bank, "me", BrowseFilter()) == 6
    with pytest.raises(QuestionBankError, match="no question 'a-q000'"):
        browse.delete_question(bank, "a-q000")


def found(bank: Bank, query: str, **more: object) -> list[str]:
    filters = BrowseFilter(search=query, **more)  # type: ignore[arg-type]
    return [row.question_id for row in browse.search(bank, "me", filters, now=NOW)]


def test_search_syntax(bank: Bank, studied: StudyService) -> None:
    studied.bury("a-q002")
    assert found(bank, "is:suspended") == ["a-q001"]
    assert found(bank, "is:learn") == ["a-q000"]
    assert found(bank, "is:buried") == ["a-q002"]
    assert found(bank, "flag:1") == ["b-q000"] == found(bank, "is:flagged")
    assert len(found(bank, "flag:0")) == 6
    assert found(bank, "kind:cloze") == ["b-q002"]
    assert found(bank, "article:baltic -kind:cloze") == ["b-q000", "b-q001"]
    assert found(bank, 'article:"Kosovo clash" is:new -is:suspended -is:buried') == ["a-q003"]
    assert found(bank, '"Question 2 of" a') == ["a-q002"]
    assert found(bank, "-is:new") == ["a-q000"]
    assert found(bank, "is:leech") == []
    # Due: learning cards due by the end of the day count; a card due later does not.
    assert found(bank, "is:due") == []
    later = browse.search(
        bank, "me", BrowseFilter(search="is:due"), now=NOW, due_by=NOW + timedelta(days=1)
    )
    assert [row.question_id for row in later] == ["a-q000"]
    assert browse.count(bank, "me", BrowseFilter(search="article:baltic -kind:cloze")) == 2


def test_tags_search_and_edit(bank: Bank, studied: StudyService) -> None:
    assert browse.set_tags(bank, "a-q003", ["hard one", "war", "war"]) == ("hard_one", "war")
    assert found(bank, "tag:war") == ["a-q003"] == found(bank, "tag:HARD_ONE")
    assert found(bank, "tag:wa") == []
    assert "a-q003" not in found(bank, "-tag:war")
    with pytest.raises(QuestionBankError, match="own tag"):
        browse.set_tags(bank, "a-q003", ["deleted"])


def test_sort_by_any_column(bank: Bank, studied: StudyService) -> None:
    assert found(bank, "", sort="due")[0] == "a-q000"  # the only scheduled card comes first
    by_prompt = browse.search(bank, "me", BrowseFilter(sort="prompt", descending=True))
    prompts = [row.prompt.lower() for row in by_prompt]
    assert prompts == sorted(prompts, reverse=True)
    assert found(bank, "", sort="kind")[0] == "b-q002"  # cloze before open
    assert found(bank, "", sort="reviews", descending=True)[0] == "a-q000"
    with pytest.raises(QuestionBankError, match="cannot sort"):
        found(bank, "", sort="colour")


def test_forget_and_reschedule(bank: Bank, studied: StudyService) -> None:
    browse.reschedule(bank, "me", "a-q000", NOW + timedelta(days=9))
    assert browse.search(bank, "me", BrowseFilter(text="a-q000"))[0].due == NOW + timedelta(days=9)
    browse.forget(bank, "me", "a-q000")
    row = browse.search(bank, "me", BrowseFilter(text="a-q000"))[0]
    assert row.state == 0 and row.due is None and row.reps == 0
    with pytest.raises(QuestionBankError, match="new card"):
        browse.reschedule(bank, "me", "a-q000", NOW)
