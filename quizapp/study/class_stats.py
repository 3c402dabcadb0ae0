"""The class view: every learner's progress, retention and due load, for a teacher.

The figures mean what the stats screen's do (`quizapp.study.stats`), computed for all learners at
once with grouped queries (a handful of queries whatever the class size):

- progress: cards seen (answered at least once; live questions only) out of the bank's live
  questions;
- retention: true retention over the last 30 study days, the share of answers to review-state
  cards not rated Again (None when there were none);
- due load: review cards due by the end of today (overdue included) and by the end of the
  next 7 study days (today included); suspended cards and retired questions are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from question_bank.store import Bank
from question_bank.store.schema import CardRow, LearnerRow, QuestionRow, ReviewLogRow
from quizapp.clock import StudyDay
from quizapp.study.views import AGAIN, STATE_NEW, STATE_REVIEW

RETENTION_DAYS = 30
LOAD_DAYS = 7


@dataclass(frozen=True)
class LearnerProgress:
    """One row of the class view."""

    name: str
    seen: int
    total: int
    retention: float | None
    retention_reviews: int
    due_today: int
    due_week: int
    reviews_30d: int
    last_review: datetime | None

    @property
    def progress(self) -> float:
        return self.seen / self.total if self.total else 0.0


@dataclass(frozen=True)
class ClassView:
    """The whole class on one study day."""

    today: date
    total: int
    learners: tuple[LearnerProgress, ...]


def _card_counts(
    session: Session, end_today: datetime, end_week: datetime
) -> dict[int, tuple[int, int, int]]:
    """Per learner: cards seen, due by the end of today, due within the week (live questions)."""
    due_card = (CardRow.state != STATE_NEW) & CardRow.suspended.is_(False)
    return {
        learner_id: (seen, due_today, due_week)
        for learner_id, seen, due_today, due_week in session.execute(
            select(
                CardRow.learner_id,
                func.count(case((CardRow.state != STATE_NEW, 1))),
                func.count(case((due_card & (CardRow.due < end_today), 1))),
                func.count(case((due_card & (CardRow.due < end_week), 1))),
            )
            .join(QuestionRow, QuestionRow.id == CardRow.question_id)
            .where(QuestionRow.retired.is_(False))
            .group_by(CardRow.learner_id)
        ).all()
    }


def _log_counts(session: Session, since: datetime) -> dict[int, tuple[int, int, int]]:
    """Per learner since `since`: answers, reviews graded, reviews passed."""
    reviewed = ReviewLogRow.state_before == STATE_REVIEW
    return {
        learner_id: (answers, graded, passed)
        for learner_id, answers, graded, passed in session.execute(
            select(
                ReviewLogRow.learner_id,
                func.count(),
                func.count(case((reviewed, 1))),
                func.count(case((reviewed & (ReviewLogRow.rating != AGAIN), 1))),
            )
            .where(ReviewLogRow.reviewed_at >= since)
            .group_by(ReviewLogRow.learner_id)
        ).all()
    }


def class_view(
    bank: Bank,
    now: datetime,
    *,
    day_starts_at_hour: int = 4,
    timezone: tzinfo | None = None,
) -> ClassView:
    """Every learner's figures at `now` (aware UTC), alphabetically."""
    day = StudyDay(day_starts_at_hour, timezone)
    today = day.day_of(now)
    since = day.start_of(today - timedelta(days=RETENTION_DAYS - 1))
    end_today = day.start_of(today + timedelta(days=1))
    end_week = day.start_of(today + timedelta(days=LOAD_DAYS))
    live = QuestionRow.retired.is_(False)
    with bank.transaction() as session:
        total = session.scalar(select(func.count()).select_from(QuestionRow).where(live)) or 0
        learners = session.execute(
            select(LearnerRow.id, LearnerRow.name).order_by(LearnerRow.name)
        ).all()
        cards = _card_counts(session, end_today, end_week)
        logs = _log_counts(session, since)
        last_ever = dict(
            session.execute(
                select(ReviewLogRow.learner_id, func.max(ReviewLogRow.reviewed_at)).group_by(
                    ReviewLogRow.learner_id
                )
            ).all()
        )
    rows = []
    for learner_id, name in learners:
        seen, due_today, due_week = cards.get(learner_id, (0, 0, 0))
        answers, graded, passed = logs.get(learner_id, (0, 0, 0))
        rows.append(
            LearnerProgress(
                name=name,
                seen=seen,
                total=total,
                retention=passed / graded if graded else None,
                retention_reviews=graded,
                due_today=due_today,
                due_week=due_week,
                reviews_30d=answers,
                last_review=last_ever.get(learner_id),
            )
        )
    return ClassView(today=today, total=total, learners=tuple(rows))


def format_class_view(view: ClassView) -> str:
    """The class view as a plain-text table (for a terminal, a pipe or a printout)."""
    headers = ("learner", "seen", "progress", "retention 30d", "due today", "due 7d", "last")
    body = [
        (
            row.name,
            f"{row.seen}/{row.total}",
            f"{row.progress:.0%}",
            f"{row.retention:.0%} ({row.retention_reviews})" if row.retention is not None else "-",
            str(row.due_today),
            str(row.due_week),
            row.last_review.strftime("%Y-%m-%d") if row.last_review else "never",
        )
        for row in view.learners
    ]
    if not body:
        return f"no learners in this bank yet ({view.total} questions)"
    widths = [max(len(line[i]) for line in (headers, *body)) for i in range(len(headers))]
    left = {0, 6}

    def render(cells: tuple[str, ...]) -> str:
        return "  ".join(
            cell.ljust(width) if i in left else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    learners = f"{len(body)} learner{'s' if len(body) != 1 else ''}"
    lines = [f"class on {view.today.isoformat()}: {learners}, {view.total} questions"]
    lines += [render(headers), render(tuple("-" * width for width in widths))]
    lines += [render(line) for line in body]
    return "\n".join(lines)
