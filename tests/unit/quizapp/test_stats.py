"""Stats: counts by state, reviews per study day, true retention, due forecast, heatmap."""

from __future__ import annotations

from datetime import date, timedelta

from question_bank.store import Bank
from question_bank.store.schema import QuestionRow
from quizapp.settings import Settings
from quizapp.study.session import StudyService
from quizapp.study.stats import stats
from quizapp.study.views import AGAIN, EASY, GOOD, StateCounts
from tests.support.study import BERLIN, FakeClock, add_article, local


def test_a_learner_who_never_studied_sees_every_card_new(bank: Bank) -> None:
    add_article(bank, "a", 5)
    view = stats(bank, "nobody", local(2026, 3, 2, 10), timezone=BERLIN)
    assert view.states == StateCounts(new=5, learning=0, review=0, relearning=0, suspended=0)
    assert view.retention is None and view.total_reviews == 0
    assert all(day.count == 0 for day in view.reviews_per_day + view.forecast + view.heatmap)


def test_figures_after_two_days_of_study(bank: Bank) -> None:
    ids = add_article(bank, "a", 8)
    clock = FakeClock(local(2026, 3, 2, 23, 0))  # Monday 23:00
    service = StudyService(
        bank,
        Settings(enable_fuzzing=False),
        "me",
        clock=clock,
        timezone=BERLIN,
    )
    for qid in ids[:4]:
        service.answer(qid, EASY, duration_ms=1, mode="flip")  # new -> review
    clock.now = local(2026, 3, 3, 2, 0)  # 2 am: still Monday's study day
    service.answer(ids[4], AGAIN, duration_ms=1, mode="flip")  # new -> learning
    service.set_suspended(ids[5], True)
    clock.now = local(2026, 3, 20, 12, 0)
    # Four review-state answers: three remembered, one forgotten (-> relearning).
    service.answer(ids[0], EASY, duration_ms=1, mode="flip")
    service.answer(ids[1], GOOD, duration_ms=1, mode="flip")
    service.answer(ids[2], GOOD, duration_ms=1, mode="flip")
    service.answer(ids[3], AGAIN, duration_ms=1, mode="flip")

    view = stats(bank, "me", clock.now, timezone=BERLIN)
    assert view.today == date(2026, 3, 20)
    assert view.states == StateCounts(new=2, learning=1, review=3, relearning=1, suspended=1)
    per_day = {d.day: d.count for d in view.reviews_per_day}
    assert len(view.reviews_per_day) == 30 and view.reviews_per_day[-1].day == view.today
    assert per_day[date(2026, 3, 2)] == 5 and per_day[date(2026, 3, 3)] == 0
    assert per_day[date(2026, 3, 20)] == 4 == view.studied_today
    assert view.total_reviews == 9
    assert view.retention == 0.75 and view.retention_reviews == 4

    # The forecast: overdue and due-today cards count today, then by the day they fall due.
    assert len(view.forecast) == 30 and view.forecast[0].day == view.today
    assert sum(d.count for d in view.forecast) <= 5
    assert view.forecast[0].count >= 2  # the learning card (overdue) and the relearning one

    heat = {d.day: d.count for d in view.heatmap}
    assert view.heatmap[0].day.weekday() == 0  # the calendar starts on a Monday
    assert view.heatmap[-1].day == view.today
    assert len(view.heatmap) >= 26 * 7 - 6
    assert heat[date(2026, 3, 2)] == 5 and heat[date(2026, 3, 20)] == 4


def test_old_reviews_leave_the_30_day_window_but_stay_in_the_heatmap(bank: Bank) -> None:
    ids = add_article(bank, "a", 1)
    clock = FakeClock(local(2026, 1, 5, 12))
    service = StudyService(bank, Settings(enable_fuzzing=False), "me", clock=clock, timezone=BERLIN)
    service.answer(ids[0], GOOD, duration_ms=1, mode="flip")
    view = stats(bank, "me", clock.now + timedelta(days=60), timezone=BERLIN)
    assert sum(d.count for d in view.reviews_per_day) == 0
    assert {d.day: d.count for d in view.heatmap}[date(2026, 1, 5)] == 1


def test_cards_of_retired_questions_are_left_out(bank: Bank) -> None:
    ids = add_article(bank, "a", 3)
    clock = FakeClock(local(2026, 3, 2, 10))
    service = StudyService(bank, Settings(enable_fuzzing=False), "me", clock=clock, timezone=BERLIN)
    for qid in ids:
        service.answer(qid, EASY, duration_ms=1, mode="flip")
    service.set_suspended(ids[2], True)
    with bank.transaction() as session:
        for qid in ids[1:]:
            question = session.get(QuestionRow, qid)
            assert question is not None
            question.retired = True
    view = stats(bank, "me", clock.now + timedelta(days=60), timezone=BERLIN)
    assert view.states == StateCounts(new=0, learning=0, review=1, relearning=0, suspended=0)
    assert sum(d.count for d in view.forecast) == 1  # only the live card falls due
    assert view.total_reviews == 3  # the history stays
