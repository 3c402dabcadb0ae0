"""The stats screen's figures: states, reviews per day, true retention, forecast, heatmap.

Days are study days (they start at the learner's day-start hour in their local zone), so the
figures agree with the daily limits. Local-time arithmetic is not portable across SQLite and
PostgreSQL, so the day boundaries are computed here (daylight-saving changes included) and
each day is counted by a range query on an index: (learner, reviewed_at) for reviews,
(learner, due) for the forecast. A year of reviews is then a couple of hundred small index
counts, never a hundred thousand rows brought into Python.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from question_bank.store import Bank
from question_bank.store.schema import MOMENT, CardRow, LearnerRow, QuestionRow, ReviewLogRow
from quizapp.clock import StudyDay
from quizapp.study.learners import clean_name
from quizapp.study.views import (
    AGAIN,
    STATE_LEARNING,
    STATE_NEW,
    STATE_RELEARNING,
    STATE_REVIEW,
    DayCount,
    StateCounts,
    StatsView,
)

HISTORY_DAYS = 30
FORECAST_DAYS = 30
HEATMAP_WEEKS = 26


def _per_day(
    session: Session, statement: Any, day: StudyDay, first: date, number: int
) -> tuple[DayCount, ...]:
    """Run a count with :start/:end bounds once per study day from `first`."""
    days = [first + timedelta(days=offset) for offset in range(number + 1)]
    bounds = [day.start_of(each) for each in days]
    return tuple(
        DayCount(days[i], session.scalar(statement, {"start": bounds[i], "end": bounds[i + 1]}))
        for i in range(number)
    )


def stats(
    bank: Bank,
    learner: str,
    now: datetime,
    *,
    day_starts_at_hour: int = 4,
    timezone: tzinfo | None = None,
) -> StatsView:
    """Everything the stats screen shows, for one learner at `now` (aware UTC)."""
    day = StudyDay(day_starts_at_hour, timezone)
    today = day.day_of(now)
    heatmap_first = today - timedelta(weeks=HEATMAP_WEEKS) + timedelta(days=1)
    heatmap_first -= timedelta(days=heatmap_first.weekday())  # the calendar starts on a Monday
    history_first = today - timedelta(days=HISTORY_DAYS - 1)
    with bank.transaction() as session:
        active = session.scalar(
            select(func.count()).select_from(QuestionRow).where(QuestionRow.retired.is_(False))
        )
        learner_id = session.scalar(
            select(LearnerRow.id).where(LearnerRow.name == clean_name(learner))
        )
        # A learner who never studied: every figure is zero (the ids below match nothing).
        lid = learner_id if learner_id is not None else -1
        by_state = _cards_by_state(session, learner_id) if learner_id is not None else {}
        logs = _logs_in_range(lid)
        heatmap = _per_day(session, logs, day, heatmap_first, (today - heatmap_first).days + 1)
        recent = logs.where(ReviewLogRow.state_before == STATE_REVIEW)
        month = {"start": day.start_of(history_first), "end": day.next_start(now)}
        review_answers = session.scalar(recent, month) or 0
        remembered = session.scalar(recent.where(ReviewLogRow.rating != AGAIN), month) or 0
        total_reviews = (
            session.scalar(
                select(func.count()).select_from(ReviewLogRow).where(ReviewLogRow.learner_id == lid)
            )
            or 0
        )
        forecast = _forecast(session, lid, day, now)
    by_day = {entry.day: entry.count for entry in heatmap}
    return StatsView(
        learner=learner,
        today=today,
        states=_state_counts(active or 0, by_state),
        reviews_per_day=tuple(
            DayCount(d, by_day.get(d, 0))
            for d in (history_first + timedelta(days=i) for i in range(HISTORY_DAYS))
        ),
        retention=remembered / review_answers if review_answers else None,
        retention_reviews=review_answers,
        forecast=forecast,
        heatmap=heatmap,
        total_reviews=total_reviews,
        studied_today=by_day.get(today, 0),
    )


def _cards_by_state(session: Session, learner_id: int) -> dict[tuple[int, bool], int]:
    """The learner's cards of live questions by (state, suspended)."""
    # All of the learner's cards by state, less those of retired questions (few, found
    # through the retired index): no join over every card.
    by_state = {
        (state, bool(suspended)): number
        for state, suspended, number in session.execute(
            select(CardRow.state, CardRow.suspended, func.count())
            .where(CardRow.learner_id == learner_id)
            .group_by(CardRow.state, CardRow.suspended)
        ).all()
    }
    retired = session.execute(
        select(CardRow.state, CardRow.suspended, func.count())
        .select_from(QuestionRow)
        .join(CardRow, CardRow.question_id == QuestionRow.id)
        # "+ 0": start from the retired index, not from every card of the learner.
        .where(QuestionRow.retired == True, CardRow.learner_id + 0 == learner_id)  # noqa: E712
        .group_by(CardRow.state, CardRow.suspended)
    ).all()
    for state, is_suspended, number in retired:
        by_state[(state, bool(is_suspended))] -= number
    return by_state


def _state_counts(active: int, by_state: dict[tuple[int, bool], int]) -> StateCounts:
    """Cards by state; a live question without a card is new."""
    suspended = sum(number for (_state, is_suspended), number in by_state.items() if is_suspended)
    return StateCounts(
        new=active - sum(by_state.values()) + by_state.get((STATE_NEW, False), 0),
        learning=by_state.get((STATE_LEARNING, False), 0),
        review=by_state.get((STATE_REVIEW, False), 0),
        relearning=by_state.get((STATE_RELEARNING, False), 0),
        suspended=suspended,
    )


def _logs_in_range(learner_id: int) -> Any:
    """The learner's answers between the :start and :end bounds."""
    return (
        select(func.count())
        .select_from(ReviewLogRow)
        .where(
            ReviewLogRow.learner_id == learner_id,
            ReviewLogRow.reviewed_at >= bindparam("start", type_=MOMENT),
            ReviewLogRow.reviewed_at < bindparam("end", type_=MOMENT),
        )
    )


def _forecast(
    session: Session, learner_id: int, day: StudyDay, now: datetime
) -> tuple[DayCount, ...]:
    """Cards due on each of the next days; overdue cards count as due today."""
    due_in_range = (
        select(func.count())
        .select_from(CardRow)
        .join(QuestionRow, QuestionRow.id == CardRow.question_id)
        .where(
            CardRow.learner_id == learner_id,
            CardRow.state != STATE_NEW,
            CardRow.suspended.is_(False),
            QuestionRow.retired.is_(False),
            CardRow.due >= bindparam("start", type_=MOMENT),
            CardRow.due < bindparam("end", type_=MOMENT),
        )
    )
    today = day.day_of(now)
    forecast = list(_per_day(session, due_in_range, day, today, FORECAST_DAYS))
    # Overdue cards are due today: the forecast starts with what is waiting now.
    overdue = session.scalar(
        due_in_range, {"start": datetime(1970, 1, 1, tzinfo=UTC), "end": day.start(now)}
    )
    forecast[0] = DayCount(today, forecast[0].count + (overdue or 0))
    return tuple(forecast)
