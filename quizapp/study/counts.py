"""`StudyCounts`: new / learning / due, per article and overall, within today's limits.

What the home screen shows and the study screen's header keeps up to date, without a study
session: `StudyCounts.for_scope(scope)` counts for a learner on its own; a `StudyService`
shares its queue with its counts, so the counts follow the session's answers.

The counts promise what the queue delivers (tests/unit/quizapp/test_counts.py): learning cards
due within the learn-ahead limit, reviews due by the end of the study day, and new cards one per
source sentence not met today, each capped by what the daily limits leave.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from quizapp.study import home_counts
from quizapp.study.queries import LEARN_AHEAD, LEARNING_STATES, LearnerQueries, bind_values
from quizapp.study.queue import StudyQueue
from quizapp.study.scope import LearnerScope
from quizapp.study.views import ArticleCounts, DeckCounts


class StudyCounts:
    """Counts for one learner; `queue` is the session's when a session owns them."""

    def __init__(self, queries: LearnerQueries, queue: StudyQueue) -> None:
        self.queries = queries
        self.queue = queue

    @classmethod
    def for_scope(cls, scope: LearnerScope) -> StudyCounts:
        """Counts for a learner outside any study session (the home screen's)."""
        queries = LearnerQueries(scope)
        return cls(queries, StudyQueue(queries))

    def counts(self, article_id: str | None = None) -> DeckCounts:
        """New / learning / due to study now (all articles, or one), within today's limits."""
        q = self.queries
        now = q.now()
        with q.bank.transaction() as session:
            new_left, reviews_left = q.limits_left(session, now)
            new = 0
            if new_left > 0:
                queue = self.queue.new_queue(session, article_id, now, new_left, reviews_left)
                new = len(queue.ids)
                if not queue.exhausted and new < new_left:
                    new = self._count_new(session, article_id, now, new_left)
            # Per state, so that each count reads one range of the (learner, state, due) index.
            learning = q.count_due_each(
                session, LEARNING_STATES, article_id, now, now + LEARN_AHEAD
            )
            due = self.queue.reviews_due(session, article_id, now)
        return DeckCounts(new=min(new, new_left), learning=learning, due=min(due, reviews_left))

    def article_list(self) -> list[tuple[str, str]]:
        """Every article's (id, title) in home's order, before any count (a cheap read)."""
        with self.queries.bank.transaction() as session:
            return home_counts.article_list(session)

    def article_counts(self, article_ids: Sequence[str] | None = None) -> list[ArticleCounts]:
        """Home screen: new / learning / due per article (every one, or those of
        `article_ids`), within today's limits, in one statement whose cost follows what the
        rows show (see `quizapp.study.home_counts`)."""
        q = self.queries
        now = q.now()
        with q.bank.transaction() as session:
            new_left, reviews_left = q.limits_left(session, now)
            window = home_counts.CountWindow(
                now=now,
                learn_ahead_by=now + LEARN_AHEAD,
                day_end=q.day_end(now),
                new_left=new_left,
                reviews_left=reviews_left,
            )
            met = [(key[0], key[1]) for key in q.introduced_today(session, now) if len(key) == 2]
            rows = home_counts.article_rows(session, q.learner_id, window, met, article_ids)
        q.titles.update({row.article_id: row.title for row in rows})
        return rows

    def _count_new(self, session: Session, article_id: str | None, now: datetime, cap: int) -> int:
        subquery = self.queries.new_query(article_id is not None).limit(cap).subquery()
        params = bind_values(now, now, article_id)
        return session.scalar(select(func.count()).select_from(subquery), params) or 0
