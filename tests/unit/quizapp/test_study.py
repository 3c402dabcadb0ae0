"""The study service: queue order, daily limits and the day boundary, leeches, undo, bury,
suspend, flag, edit and the session summary, on small banks built directly.

Time is injected (a `FakeClock`) and so is the local zone, so the 4 am day boundary is tested
without the real clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from question_bank.errors import QuestionBankError
from question_bank.store import Bank, open_bank
from question_bank.store.schema import CardRow, LearnerRow, QuestionRow, ReviewLogRow
from quizapp.clock import StudyDay
from quizapp.settings import Settings
from quizapp.study.scheduling import STATE_FIELDS
from quizapp.study.session import NEW_BATCH, StudyError, StudyService
from quizapp.study.views import AGAIN, EASY, GOOD, HARD, DeckCounts
from tests.support.study import BERLIN, FakeClock, add_article, card_row, local


def settings(**values: Any) -> Settings:
    values.setdefault("enable_fuzzing", False)
    return Settings(**values)


def log_count(bank: Bank) -> int:
    with bank.transaction() as session:
        return session.scalar(select(func.count()).select_from(ReviewLogRow)) or 0


def row_fields(row: CardRow | None) -> dict[str, Any] | None:
    """Every scheduling field of a card row (what undo must restore)."""
    if row is None:
        return None
    return {name: getattr(row, name) for name in STATE_FIELDS}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(local(2026, 3, 2, 10))  # a Monday, 10:00 in Berlin


@pytest.fixture
def make_service(bank: Bank, clock: FakeClock) -> Iterator[Any]:
    def make(learner: str = "me", **values: Any) -> StudyService:
        return StudyService(bank, settings(**values), learner, clock=clock, timezone=BERLIN)

    yield make


def study_all(service: StudyService, rating: int = GOOD, limit: int = 1000) -> list[str]:
    """Answer every card the queue gives now with one rating; the ids in order."""
    seen = []
    for _ in range(limit):
        card = service.next_card()
        if card is None:
            break
        service.answer(card.question_id, rating, duration_ms=1500, mode="flip")
        seen.append(card.question_id)
    return seen


# -- the queue -----------------------------------------------------------------------------


def test_new_cards_come_in_article_order_and_a_card_row_is_made_on_first_answer(
    bank: Bank, make_service: Any
) -> None:
    ids = add_article(bank, "a", 5)
    service = make_service()
    card = service.next_card()
    assert card is not None and card.question_id == ids[0]
    assert card.is_new and card.due is None and card.article_title == "Article a"
    assert card_row(bank, ids[0]) is None  # showing a card writes nothing
    service.answer(ids[0], GOOD, duration_ms=900, mode="flip")
    row = card_row(bank, ids[0])
    assert row is not None and row.state == 1 and row.reps == 1
    nxt = service.next_card()
    assert nxt is not None and nxt.question_id == ids[1]


def test_due_learning_cards_come_before_reviews_and_new_cards(
    bank: Bank, make_service: Any, clock: FakeClock
) -> None:
    ids = add_article(bank, "a", 6)
    service = make_service()
    # ids[0] becomes a review card (Easy), ids[1] stays learning (Again: due in 1 minute).
    service.answer(ids[0], EASY, duration_ms=1, mode="flip")
    service.answer(ids[1], AGAIN, duration_ms=1, mode="flip")
    first = service.next_card()
    assert first is not None and first.question_id == ids[2]  # learning card not due yet
    clock.advance(days=30)
    order = [service.next_card()]
    assert order[0] is not None and order[0].question_id == ids[1] and order[0].state == 1
    service.answer(ids[1], EASY, duration_ms=1, mode="flip")
    review = service.next_card()
    assert review is not None and review.state == 2


def test_new_cards_are_mixed_in_evenly_among_reviews(
    bank: Bank, make_service: Any, clock: FakeClock
) -> None:
    ids = add_article(bank, "a", 12)
    service = make_service(new_cards_per_day=8)
    for qid in ids[:8]:
        service.answer(qid, EASY, duration_ms=1, mode="flip")
    clock.advance(days=60)
    later = make_service(new_cards_per_day=2)  # a new session on a later day
    states = []
    for _ in range(10):
        card = later.next_card()
        assert card is not None
        states.append(card.state)
        later.answer(card.question_id, EASY, duration_ms=1, mode="flip")
    # 8 reviews and 2 new cards: one new card after every 4 reviews.
    assert states == [2, 2, 2, 2, 0, 2, 2, 2, 2, 0]


def test_learning_cards_due_soon_are_shown_early_when_nothing_else_is_left(
    bank: Bank, make_service: Any, clock: FakeClock
) -> None:
    ids = add_article(bank, "a", 1)
    service = make_service()
    service.answer(ids[0], GOOD, duration_ms=1, mode="flip")  # due in 10 minutes
    card = service.next_card()
    assert card is not None and card.question_id == ids[0] and card.state == 1
    service.answer(ids[0], GOOD, duration_ms=1, mode="flip")  # graduates: due in days
    assert service.next_card() is None


def test_suspended_buried_and_retired_cards_are_skipped(
    bank: Bank, make_service: Any, clock: FakeClock
) -> None:
    ids = add_article(bank, "a", 4)
    with bank.transaction() as session:
        question = session.get(QuestionRow, ids[2])
        assert question is not None
        question.retired = True
    service = make_service()
    service.set_suspended(ids[0], True)
    service.bury(ids[1])
    assert service.counts() == DeckCounts(new=1, learning=0, due=0)
    card = service.next_card()
    assert card is not None and card.question_id == ids[3]


def test_one_article_or_all(bank: Bank, make_service: Any) -> None:
    a = add_article(bank, "a", 3)
    b = add_article(bank, "b", 2)
    service = make_service()
    card = service.next_card("b")
    assert card is not None and card.question_id == b[0]
    service.answer(b[0], GOOD, duration_ms=1, mode="flip")
    assert service.counts("b") == DeckCounts(new=1, learning=1, due=0)
    assert service.counts("a") == DeckCounts(new=3, learning=0, due=0)
    rows = {row.article_id: row for row in service.article_counts()}
    assert rows["a"].total == 3 and rows["a"].counts == DeckCounts(3, 0, 0)
    assert rows["b"].total == 2 and rows["b"].counts == DeckCounts(1, 1, 0)
    everything = service.next_card()
    assert everything is not None and everything.question_id in {a[0], b[1]}


def test_learners_have_their_own_cards(bank: Bank, make_service: Any) -> None:
    ids = add_article(bank, "a", 2)
    alice, bob = make_service("alice"), make_service("bob")
    alice.answer(ids[0], GOOD, duration_ms=1, mode="flip")
    assert alice.counts() == DeckCounts(new=1, learning=1, due=0)
    assert bob.counts() == DeckCounts(new=2, learning=0, due=0)
    card = bob.next_card()
    assert card is not None and card.question_id == ids[0] and card.is_new


# -- daily limits and the day boundary -----------------------------------------------------


def test_new_card_limit_counts_from_the_log_since_the_day_start(
    bank: Bank, make_service: Any, clock: FakeClock
) -> None:
    add_article(bank, "a", 10)
    service = make_service(new_cards_per_day=3, learning_steps_minutes=[])
    assert service.counts().new == 3
    studied = study_all(service)
    assert len(studied) == 3
    # A fresh service (a restart) sees the same log: still nothing new today.
    assert make_service(new_cards_per_day=3).counts().new == 0


def test_the_study_day_starts_at_4_am_local_time(
    bank: Bank, make_service: Any, clock: FakeClock
) -> None:
    add_article(bank, "a", 10)
    clock.now = local(2026, 3, 2, 23, 30)  # late on Monday evening
    service = make_service(new_cards_per_day=2, learning_steps_minutes=[])
    assert len(study_all(service)) == 2
    clock.now = local(2026, 3, 3, 3, 59)  # after midnight, before 4 am: still Monday's study day
    assert service.counts().new == 0 and service.next_card() is None
    clock.now = local(2026, 3, 3, 4, 0)  # 4 am: a new study day
    assert service.counts().new == 2
    assert len(study_all(service)) == 2


def test_day_start_hour_is_a_setting(bank: Bank, make_service: Any, clock: FakeClock) -> None:
    add_article(bank, "a", 10)
    clock.now = local(2026, 3, 2, 23, 30)
    service = make_service(new_cards_per_day=1, learning_steps_minutes=[], day_starts_at_hour=0)
    assert len(study_all(service)) == 1
    clock.now = local(2026, 3, 3, 0, 1)  # midnight is the boundary now
    assert service.counts().new == 1


def test_review_limit_caps_reviews_but_not_learning_cards(
    bank: Bank, make_service: Any, clock: FakeClock
) -> None:
    ids = add_article(bank, "a", 6)
    first = make_service(learning_steps_minutes=[])
    for qid in ids[:5]:
        first.answer(qid, GOOD, duration_ms=1, mode="flip")
    clock.advance(days=40)
    service = make_service(reviews_per_day=2, new_cards_per_day=0)
    assert service.counts() == DeckCounts(new=0, learning=0, due=2)
    card = service.next_card()
    assert card is not None
    service.answer(card.question_id, AGAIN, duration_ms=1, mode="flip")  # -> relearning
    card = service.next_card()
    assert card is not None and card.state == 2
    service.answer(card.question_id, GOOD, duration_ms=1, mode="flip")
    assert service.counts() == DeckCounts(new=0, learning=1, due=0)
    clock.advance(minutes=10)
    relearn = service.next_card()
    assert relearn is not None and relearn.state == 3  # learning cards are not limited
    service.answer(relearn.question_id, GOOD, duration_ms=1, mode="flip")
    assert service.next_card() is None


def test_reviews_due_later_today_are_due_now(
    bank: Bank, make_service: Any, clock: FakeClock
) -> None:
    ids = add_article(bank, "a", 1)
    service = make_service(learning_steps_minutes=[])
    result = service.answer(ids[0], GOOD, duration_ms=1, mode="flip")
    # On the day the review falls due, it is shown from the start of that study day.
    due_local = result.due.astimezone(BERLIN)
    clock.now = local(due_local.year, due_local.month, due_local.day, 4, 0)
    if clock.now > result.due:
        clock.now = result.due  # (due before 4 am: that is the previous study day)
    card = service.next_card()
    assert card is not None and card.question_id == ids[0]
    clock.now = result.due - timedelta(days=1)
    assert service.next_card() is None


# -- answers, leeches, undo ----------------------------------------------------------------


def test_answer_logs_everything_and_commits(
    bank: Bank, make_service: Any, clock: FakeClock
) -> None:
    ids = add_article(bank, "a", 1)
    service = make_service()
    service.answer(ids[0], HARD, duration_ms=4200, mode="type", typed="answr 0")
    with bank.transaction() as session:
        log = session.scalars(select(ReviewLogRow)).one()
    assert (log.rating, log.duration_ms, log.mode, log.typed) == (HARD, 4200, "type", "answr 0")
    assert log.reviewed_at == clock.now
    assert (log.state_before, log.state_after) == (0, 1)
    assert log.card_before["existed"] is False and log.card_before["card"]["state"] == 0


def test_bad_answers_are_refused_without_writing(bank: Bank, make_service: Any) -> None:
    ids = add_article(bank, "a", 1)
    service = make_service()
    with pytest.raises(StudyError, match="rating must be 1"):
        service.answer(ids[0], 5, duration_ms=1, mode="flip")
    with pytest.raises(StudyError, match="unknown study mode"):
        service.answer(ids[0], GOOD, duration_ms=1, mode="guess")
    with pytest.raises(StudyError, match="no question"):
        service.answer("missing", GOOD, duration_ms=1, mode="flip")
    assert log_count(bank) == 0 and card_row(bank, ids[0]) is None


def _make_review_card(service: StudyService, qid: str, clock: FakeClock) -> None:
    service.answer(qid, EASY, duration_ms=1, mode="flip")
    clock.advance(days=30)


def _lapse(service: StudyService, qid: str, clock: FakeClock) -> Any:
    result = service.answer(qid, AGAIN, duration_ms=1, mode="flip")  # review -> relearning
    clock.advance(minutes=10)
    service.answer(qid, GOOD, duration_ms=1, mode="flip")  # relearning -> review
    clock.advance(days=30)
    return result


def test_a_card_lapsing_leech_threshold_times_is_tagged_and_suspended(
    bank: Bank, make_service: Any, clock: FakeClock
) -> None:
    ids = add_article(bank, "a", 1)
    service = make_service(leech_threshold=3)
    _make_review_card(service, ids[0], clock)
    results = [_lapse(service, ids[0], clock) for _ in range(2)]
    assert not any(r.became_leech for r in results)
    leech = service.answer(ids[0], AGAIN, duration_ms=1, mode="flip")
    assert leech.became_leech and leech.suspended
    row = card_row(bank, ids[0])
    assert row is not None and row.lapses == 3 and row.leech and row.suspended
    with bank.transaction() as session:
        question = session.get(QuestionRow, ids[0])
        assert question is not None and "leech" in question.tags
    assert service.next_card() is None


def test_leech_only_tagged_when_leech_suspend_is_off(
    bank: Bank, make_service: Any, clock: FakeClock
) -> None:
    ids = add_article(bank, "a", 1)
    service = make_service(leech_threshold=1, leech_suspend=False)
    _make_review_card(service, ids[0], clock)
    result = service.answer(ids[0], AGAIN, duration_ms=1, mode="flip")
    assert result.became_leech and not result.suspended
    row = card_row(bank, ids[0])
    assert row is not None and row.leech and not row.suspended


def test_undo_restores_the_card_exactly_and_removes_its_log(
    bank: Bank, make_service: Any, clock: FakeClock
) -> None:
    ids = add_article(bank, "a", 2)
    service = make_service()
    service.answer(ids[0], GOOD, duration_ms=1, mode="flip")
    clock.advance(minutes=10)
    service.set_flagged(ids[0], True)
    before = row_fields(card_row(bank, ids[0]))
    logs_before = log_count(bank)
    service.answer(ids[0], GOOD, duration_ms=1, mode="flip")
    assert row_fields(card_row(bank, ids[0])) != before
    shown = service.undo()
    assert shown is not None and shown.question_id == ids[0] and shown.state == 1
    assert row_fields(card_row(bank, ids[0])) == before
    assert log_count(bank) == logs_before


def test_undo_of_a_first_answer_makes_the_card_new_again(
    bank: Bank, make_service: Any, clock: FakeClock
) -> None:
    ids = add_article(bank, "a", 3)
    service = make_service(new_cards_per_day=1)
    service.answer(ids[0], GOOD, duration_ms=1, mode="flip")
    assert service.counts().new == 0
    shown = service.undo()
    assert shown is not None and shown.is_new
    assert card_row(bank, ids[0]) is None and log_count(bank) == 0
    assert service.counts().new == 1  # the daily limit gives the card back
    card = service.next_card()
    assert card is not None and card.question_id == ids[0]
    assert service.summary().studied == 0


def test_undo_works_after_a_restart_and_steps_back_through_answers(
    bank: Bank, make_service: Any, clock: FakeClock
) -> None:
    ids = add_article(bank, "a", 2)
    first = make_service()
    first.answer(ids[0], GOOD, duration_ms=1, mode="flip")
    clock.advance(seconds=20)
    first.answer(ids[1], AGAIN, duration_ms=1, mode="flip")
    restarted = make_service()
    undone = restarted.undo()
    assert undone is not None and undone.question_id == ids[1]
    undone = restarted.undo()
    assert undone is not None and undone.question_id == ids[0]
    assert restarted.undo() is None
    assert card_row(bank, ids[0]) is None and card_row(bank, ids[1]) is None


def test_undo_of_the_leech_answer_unsuspends_and_untags(
    bank: Bank, make_service: Any, clock: FakeClock
) -> None:
    ids = add_article(bank, "a", 1)
    service = make_service(leech_threshold=1)
    _make_review_card(service, ids[0], clock)
    assert service.answer(ids[0], AGAIN, duration_ms=1, mode="flip").became_leech
    service.undo()
    row = card_row(bank, ids[0])
    assert row is not None and not row.leech and not row.suspended and row.lapses == 0
    with bank.transaction() as session:
        question = session.get(QuestionRow, ids[0])
        assert question is not None and "leech" not in question.tags


def test_undo_touches_only_this_learners_answers(bank: Bank, make_service: Any) -> None:
    ids = add_article(bank, "a", 1)
    alice, bob = make_service("alice"), make_service("bob")
    alice.answer(ids[0], GOOD, duration_ms=1, mode="flip")
    assert bob.undo() is None
    assert card_row(bank, ids[0], "alice") is not None


# -- bury, suspend, flag, edit -------------------------------------------------------------


def test_bury_hides_the_card_until_the_next_day_starts(
    bank: Bank, make_service: Any, clock: FakeClock
) -> None:
    ids = add_article(bank, "a", 1)
    service = make_service()
    service.bury(ids[0])
    row = card_row(bank, ids[0])
    assert row is not None and row.buried_until == local(2026, 3, 3, 4)
    assert service.next_card() is None
    clock.now = local(2026, 3, 3, 3, 59)
    assert service.next_card() is None
    clock.now = local(2026, 3, 3, 4, 0)
    card = service.next_card()
    assert card is not None and card.question_id == ids[0]


def test_suspend_and_unsuspend(bank: Bank, make_service: Any) -> None:
    ids = add_article(bank, "a", 1)
    service = make_service()
    service.set_suspended(ids[0], True)
    assert service.next_card() is None
    assert make_service().next_card() is None  # persisted
    service.set_suspended(ids[0], False)
    card = service.next_card()
    assert card is not None and card.question_id == ids[0] and not card.suspended


def test_flag_is_persisted_and_shown(bank: Bank, make_service: Any) -> None:
    ids = add_article(bank, "a", 1)
    service = make_service()
    service.set_flagged(ids[0], True)
    card = make_service().next_card()
    assert card is not None and card.flagged
    service.set_flagged(ids[0], False)
    assert not service.card(ids[0]).flagged


def test_edit_changes_the_wording_and_marks_the_question_edited(
    bank: Bank, make_service: Any
) -> None:
    ids = add_article(bank, "a", 1)
    service = make_service()
    view = service.edit(
        ids[0],
        prompt="  Who leads KFOR? ",
        answer="Major General Özkan Ulutaş",
        accepted_answers=["Ulutaş", "", "Major General Özkan Ulutaş"],
    )
    assert view.prompt == "Who leads KFOR?" and view.accepted_answers == ("Ulutaş",)
    with bank.transaction() as session:
        question = session.get(QuestionRow, ids[0])
        assert question is not None and question.edited
        assert question.answer == "Major General Özkan Ulutaş"


def test_edit_refuses_an_empty_card_and_a_cloze_without_gap(bank: Bank, make_service: Any) -> None:
    ids = add_article(bank, "a", 1)
    with bank.transaction() as session:
        session.add(
            QuestionRow(
                id="cloze1",
                article_id="a",
                kind="cloze",
                prompt="KFOR is led by [...].",
                answer="NATO",
                source_sentence="KFOR is led by NATO.",
            )
        )
    service = make_service()
    with pytest.raises(StudyError, match="needs an answer"):
        service.edit(ids[0], prompt="Q?", answer="  ", accepted_answers=[])
    with pytest.raises(StudyError, match=r"\[\.\.\.\] gap"):
        service.edit("cloze1", prompt="KFOR is led by NATO.", answer="NATO", accepted_answers=[])


def test_edit_of_a_choice_answer_keeps_the_options_consistent(
    bank: Bank, make_service: Any
) -> None:
    add_article(bank, "a", 0)
    with bank.transaction() as session:
        session.add(
            QuestionRow(
                id="choice1",
                article_id="a",
                kind="choice",
                prompt="Who?",
                answer="NATO",
                choices=["EU", "NATO", "UN", "OSCE"],
                source_sentence="s",
            )
        )
    view = make_service().edit("choice1", prompt="Who?", answer="KFOR", accepted_answers=[])
    assert view.choices == ("EU", "KFOR", "UN", "OSCE")


# -- summary -------------------------------------------------------------------------------


def test_summary_of_the_session(bank: Bank, make_service: Any, clock: FakeClock) -> None:
    ids = add_article(bank, "a", 3)
    service = make_service(learning_steps_minutes=[])
    service.answer(ids[0], GOOD, duration_ms=2000, mode="flip")
    service.answer(ids[1], AGAIN, duration_ms=3000, mode="flip")
    service.answer(ids[2], EASY, duration_ms=1000, mode="flip")
    service.undo()
    summary = service.summary()
    assert (summary.studied, summary.correct, summary.percent_correct) == (2, 1, 50.0)
    assert summary.seconds == 5.0
    # Again with no learning steps: the card is due again in a day or so.
    rows = [card_row(bank, qid) for qid in ids[:2]]
    assert summary.next_due == min(row.due for row in rows if row is not None)
    assert summary.due_tomorrow == sum(
        1 for row in rows if row is not None and row.due < local(2026, 3, 4, 4)
    )


def test_empty_summary(bank: Bank, make_service: Any) -> None:
    summary = make_service().summary()
    assert summary.studied == 0 and summary.percent_correct == 0.0 and summary.next_due is None


def test_counts_kept_by_a_session_equal_a_fresh_count_after_every_action(
    bank: Bank, make_service: Any, clock: FakeClock
) -> None:
    a = add_article(bank, "a", 12)
    b = add_article(bank, "b", 6)
    first = make_service()
    for qid in a[:8] + b[:4]:
        first.answer(qid, EASY, duration_ms=1, mode="flip")
    clock.advance(days=40)
    service = make_service(new_cards_per_day=5)
    ratings = [GOOD, AGAIN, HARD, EASY]
    for step in range(16):
        for scope in (None, "a", "b"):
            assert service.counts(scope) == make_service(new_cards_per_day=5).counts(scope)
        card = service.next_card("a" if step % 3 == 0 else None)
        if card is None:
            break
        if step == 5:
            service.bury(card.question_id)
        elif step == 7:
            service.set_suspended(card.question_id, True)
        elif step == 9:
            service.undo()
        else:
            service.answer(card.question_id, ratings[step % 4], duration_ms=1, mode="flip")
        clock.advance(minutes=2)


def test_learner_names_are_cleaned_and_made_once(bank: Bank, make_service: Any) -> None:
    first = make_service("  Ada   Lovelace ")
    second = make_service("Ada Lovelace")
    assert first.learner_id == second.learner_id
    with bank.transaction() as session:
        names = session.scalars(select(LearnerRow.name)).all()
    assert names == ["Ada Lovelace"]
    with pytest.raises(QuestionBankError, match="needs a name"):
        make_service("   ")


def test_study_day_boundaries_follow_daylight_saving_time() -> None:
    day = StudyDay(4, BERLIN)
    # Berlin moves its clocks forward on 29 March 2026: 4 am is 03:00 UTC before, 02:00 after.
    assert day.start_of(date(2026, 3, 28)) == datetime(2026, 3, 28, 3, tzinfo=UTC)
    assert day.start_of(date(2026, 3, 29)) == datetime(2026, 3, 29, 2, tzinfo=UTC)
    assert day.day_of(datetime(2026, 3, 29, 1, 59, tzinfo=UTC)) == date(2026, 3, 28)
    assert day.day_of(datetime(2026, 3, 29, 2, 0, tzinfo=UTC)) == date(2026, 3, 29)
    assert day.next_start(datetime(2026, 3, 28, 12, tzinfo=UTC)) == day.start_of(date(2026, 3, 29))


def test_home_counts_per_article_agree_with_each_articles_own_counts(
    bank: Bank, make_service: Any, clock: FakeClock
) -> None:
    a = add_article(bank, "a", 10)
    b = add_article(bank, "b", 8)
    add_article(bank, "c", 0)
    first = make_service()
    for qid in a[:6] + b[:3]:
        first.answer(qid, EASY, duration_ms=1, mode="flip")
    clock.advance(days=40)
    service = make_service(new_cards_per_day=3, reviews_per_day=4)
    with bank.transaction() as session:
        for qid in (a[9], b[0]):
            question = session.get(QuestionRow, qid)
            assert question is not None
            question.retired = True
    service.set_suspended(a[0], True)
    service.bury(a[1])
    service.bury(b[5])  # a new card buried
    service.answer(a[2], AGAIN, duration_ms=1, mode="flip")  # review -> relearning
    rows = {row.article_id: row for row in service.article_counts()}
    assert [row.article_id for row in service.article_counts()] == ["a", "b", "c"]
    assert (rows["a"].total, rows["b"].total, rows["c"].total) == (9, 7, 0)
    for article_id, row in rows.items():
        assert row.counts == service.counts(article_id), article_id
    assert rows["a"].counts == DeckCounts(new=3, learning=1, due=3)
    assert rows["c"].counts == DeckCounts(new=0, learning=0, due=0)


def test_new_count_beyond_one_queue_batch(bank: Bank, make_service: Any) -> None:
    add_article(bank, "a", NEW_BATCH + 30)
    add_article(bank, "b", 5)
    service = make_service(new_cards_per_day=NEW_BATCH + 100)
    assert service.counts().new == NEW_BATCH + 35
    assert service.counts("a").new == NEW_BATCH + 30
    assert make_service(new_cards_per_day=NEW_BATCH + 10).counts().new == NEW_BATCH + 10


def test_new_cards_follow_the_order_articles_entered_the_bank(
    bank: Bank, make_service: Any
) -> None:
    later = add_article(bank, "zz-first", 2)  # ids sort last, but it was imported first
    earlier = add_article(bank, "aa-second", 2)
    service = make_service(learning_steps_minutes=[])
    assert study_all(service) == later + earlier


def test_undo_takes_back_the_answer_but_keeps_a_later_flag_or_suspension(
    bank: Bank, make_service: Any, clock: FakeClock
) -> None:
    ids = add_article(bank, "a", 2)
    service = make_service()
    service.answer(ids[0], GOOD, duration_ms=1, mode="flip")
    clock.advance(minutes=10)
    before = row_fields(card_row(bank, ids[0]))
    service.answer(ids[0], GOOD, duration_ms=1, mode="flip")
    service.set_flagged(ids[0], True)
    service.set_suspended(ids[0], True)
    service.undo()
    assert row_fields(card_row(bank, ids[0])) == {
        **(before or {}),
        "flagged": True,
        "suspended": True,
    }
    # A first answer undone after a flag: the card is new again, and still flagged.
    service.answer(ids[1], GOOD, duration_ms=1, mode="flip")
    service.set_flagged(ids[1], True)
    shown = service.undo()
    assert shown is not None and shown.is_new and shown.flagged
    row = card_row(bank, ids[1])
    assert row is not None and row.state == 0 and row.reps == 0 and row.last_review is None
    assert service.counts().new == 1


ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["answer", "answer", "answer", "bury", "suspend", "flag", "undo"]),
        st.integers(min_value=1, max_value=4),
        st.sampled_from([None, "a", "b"]),
        st.integers(min_value=0, max_value=3 * 24 * 60),
    ),
    min_size=1,
    max_size=25,
)


@hypothesis_settings(max_examples=20, deadline=None)
@given(actions=ACTIONS)
def test_any_session_keeps_the_queue_honest(
    tmp_path_factory: pytest.TempPathFactory, actions: list[tuple[str, int, str | None, int]]
) -> None:
    """Whatever a learner does, the queue never shows a suspended, buried or retired card,
    the session's counts equal a fresh count, and the log matches the answers kept."""
    bank = open_bank(tmp_path_factory.mktemp("prop") / "bank.sqlite")
    try:
        add_article(bank, "a", 6)
        add_article(bank, "b", 4)
        with bank.transaction() as session:
            retired = session.get(QuestionRow, "b-q003")
            assert retired is not None
            retired.retired = True
        clock = FakeClock(local(2026, 3, 2, 10))

        def make() -> StudyService:
            config = Settings(new_cards_per_day=4, reviews_per_day=5, leech_threshold=2)
            return StudyService(bank, config, "me", clock=clock, timezone=BERLIN)

        service = make()
        answered = 0
        for action, rating, scope, minutes in actions:
            clock.advance(minutes=minutes)
            card = service.next_card(scope)
            if card is not None:
                assert not card.suspended and card.question_id != "b-q003"
                row = card_row(bank, card.question_id)
                assert row is None or row.buried_until is None or row.buried_until <= clock.now
                assert scope is None or card.article_id == scope
            for each in (None, "a", "b"):
                assert service.counts(each) == make().counts(each)
            if action == "undo":
                answered -= service.undo() is not None
            elif card is None:
                continue
            elif action == "answer":
                service.answer(card.question_id, rating, duration_ms=1, mode="flip")
                answered += 1
            elif action == "bury":
                service.bury(card.question_id)
            elif action == "suspend":
                service.set_suspended(card.question_id, True)
            else:
                service.set_flagged(card.question_id, not card.flagged)
        assert log_count(bank) == answered
    finally:
        bank.dispose()


def test_the_forms_of_one_fact_are_spread_over_days(
    bank: Bank, make_service: Any, clock: FakeClock
) -> None:
    """Open, cloze and choice cards of one fact never come as new cards on the same day."""
    add_article(bank, "a", 0)
    with bank.transaction() as session:
        for fact in range(3):
            for position, kind in enumerate(("open", "cloze", "choice")):
                session.add(
                    QuestionRow(
                        id=f"f{fact}-{kind}",
                        article_id="a",
                        kind=kind,
                        prompt=f"{kind} prompt of fact {fact}",
                        answer=f"Answer {fact}",
                        source_sentence=f"The sentence of fact {fact}.",
                        position=fact * 3 + position,
                    )
                )
    service = make_service(learning_steps_minutes=[])
    assert service.counts().new == 3
    assert study_all(service) == ["f0-open", "f1-open", "f2-open"]
    clock.advance(hours=2)
    assert make_service().next_card() is None  # a new session the same day: no siblings
    clock.advance(days=1)
    tomorrow = make_service(learning_steps_minutes=[], reviews_per_day=0)
    assert study_all(tomorrow) == ["f0-cloze", "f1-cloze", "f2-cloze"]


def test_one_new_card_per_sentence_a_day(bank: Bank, make_service: Any, clock: FakeClock) -> None:
    """A sentence's facts give each other away, and a true/false card ("False") names no fact:
    every card of one source sentence is a sibling, introduced one a day."""
    add_article(bank, "a", 0)
    with bank.transaction() as session:
        for position, (sentence, answer, kind) in enumerate(
            [
                ("S1.", "x", "open"),
                ("S1.", "y", "open"),
                ("S1.", "False", "truefalse"),
                ("S2.", "x", "open"),
                ("S2.", "True", "truefalse"),
                ("S3.", "x", "open"),
            ]
        ):
            session.add(
                QuestionRow(
                    id=f"q{position}",
                    article_id="a",
                    kind=kind,
                    prompt=f"About {answer} in {sentence}",
                    answer=answer,
                    source_sentence=sentence,
                    position=position,
                )
            )
    service = make_service(learning_steps_minutes=[])
    assert study_all(service) == ["q0", "q3", "q5"]
    clock.advance(days=1)
    assert study_all(make_service(learning_steps_minutes=[], reviews_per_day=0)) == ["q1", "q4"]
    clock.advance(days=1)
    assert study_all(make_service(learning_steps_minutes=[], reviews_per_day=0)) == ["q2"]
