"""The stats screen's figures: states, reviews per day, true retention, forecast, heatmap.

Days are study days (they start at the learner's day-start hour in their local zone), so the
figures agree with the daily limits. Timestamps are grouped into days here rather than in SQL,
because local-time arithmetic is not portable across SQLite and PostgreSQL; only the columns
needed are fetched.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import func, select

from question_bank.schema import CardRow, LearnerRow, QuestionRow, ReviewLogRow
from question_bank.store import Bank
from quizapp.clock import StudyDay
from quizapp.learners import clean_name
from quizapp.study_models import (
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


def _days(first: date, number: int, counts: Counter[date]) -> tuple[DayCount, ...]:
    return tuple(
        DayCount(day, counts.get(day, 0))
        for day in (first + timedelta(days=offset) for offset in range(number))
    )


def _by_day(day: StudyDay, moments: Iterable[datetime]) -> Counter[date]:
    return Counter(day.day_of(moment) for moment in moments)


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
    first_logged = min(heatmap_first, history_first)
    with bank.transaction() as session:
        active = session.scalar(
            select(func.count()).select_from(QuestionRow).where(QuestionRow.retired.is_(False))
        )
        learner_id = session.scalar(
            select(LearnerRow.id).where(LearnerRow.name == clean_name(learner))
        )
        by_state: dict[tuple[int, bool], int] = {}
        log_rows: list[tuple[datetime, int, int]] = []
        due_moments: list[datetime] = []
        total_reviews = 0
        if learner_id is not None:
            carded = session.execute(
                select(CardRow.state, CardRow.suspended, func.count())
                .join(QuestionRow, QuestionRow.id == CardRow.question_id)
                .where(CardRow.learner_id == learner_id, QuestionRow.retired.is_(False))
                .group_by(CardRow.state, CardRow.suspended)
            ).all()
            by_state = {(state, bool(suspended)): number for state, suspended, number in carded}
            log_rows = list(
                session.execute(
                    select(
                        ReviewLogRow.reviewed_at, ReviewLogRow.state_before, ReviewLogRow.rating
                    ).where(
                        ReviewLogRow.learner_id == learner_id,
                        ReviewLogRow.reviewed_at >= day.start_of(first_logged),
                    )
                ).all()
            )
            total_reviews = (
                session.scalar(
                    select(func.count())
                    .select_from(ReviewLogRow)
                    .where(ReviewLogRow.learner_id == learner_id)
                )
                or 0
            )
            horizon = day.start_of(today + timedelta(days=FORECAST_DAYS))
            due_moments = list(
                session.scalars(
                    select(CardRow.due)
                    .join(QuestionRow, QuestionRow.id == CardRow.question_id)
                    .where(
                        CardRow.learner_id == learner_id,
                        CardRow.state != STATE_NEW,
                        CardRow.suspended.is_(False),
                        QuestionRow.retired.is_(False),
                        CardRow.due < horizon,
                    )
                )
            )
    suspended = sum(number for (_state, is_suspended), number in by_state.items() if is_suspended)
    carded_total = sum(by_state.values())
    states = StateCounts(
        new=(active or 0) - carded_total + by_state.get((STATE_NEW, False), 0),
        learning=by_state.get((STATE_LEARNING, False), 0),
        review=by_state.get((STATE_REVIEW, False), 0),
        relearning=by_state.get((STATE_RELEARNING, False), 0),
        suspended=suspended,
    )
    reviews = _by_day(day, (moment for moment, _before, _rating in log_rows))
    recent_start = day.start_of(history_first)
    review_answers = [
        rating
        for moment, before, rating in log_rows
        if before == STATE_REVIEW and moment >= recent_start
    ]
    retention = (
        sum(1 for rating in review_answers if rating != AGAIN) / len(review_answers)
        if review_answers
        else None
    )
    # Overdue cards are due today: the forecast starts with what is waiting now.
    due_days = Counter(max(day.day_of(moment), today) for moment in due_moments)
    heatmap_days = (today - heatmap_first).days + 1
    return StatsView(
        learner=learner,
        today=today,
        states=states,
        reviews_per_day=_days(history_first, HISTORY_DAYS, reviews),
        retention=retention,
        retention_reviews=len(review_answers),
        forecast=_days(today, FORECAST_DAYS, due_days),
        heatmap=_days(heatmap_first, heatmap_days, reviews),
        total_reviews=total_reviews,
        studied_today=reviews.get(today, 0),
    )
