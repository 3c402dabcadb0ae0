"""`StudyCounts`: new / learning / due, per article and overall, within today's limits.

What the home screen shows and the study screen's header keeps up to date, without a study
session: `StudyCounts.for_scope(scope)` counts for a learner on its own; a `StudyService`
shares its queue with its counts, so the counts follow the session's answers.

The counts promise what the queue delivers (tests/unit/quizapp/test_counts.py): learning cards
due within the learn-ahead limit, reviews due by the end of the study day, and new cards one per
source sentence not met today, each capped by what the daily limits leave.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.orm import Session

from question_bank.store.schema import MOMENT, ArticleRow, CardRow, QuestionRow
from quizapp.study.queries import LEARN_AHEAD, LEARNING_STATES, LearnerQueries, bind_values
from quizapp.study.queue import StudyQueue
from quizapp.study.scope import LearnerScope
from quizapp.study.views import STATE_REVIEW, ArticleCounts, DeckCounts


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
            learning = sum(
                q.count_due(session, (state,), article_id, now, now + LEARN_AHEAD)
                for state in LEARNING_STATES
            )
            due = self.queue.reviews_due(session, article_id, now)
        return DeckCounts(new=min(new, new_left), learning=learning, due=min(due, reviews_left))

    def article_counts(self) -> list[ArticleCounts]:
        """Home screen: new / learning / due per article, within today's limits."""
        q = self.queries
        now = q.now()
        with q.bank.transaction() as session:
            new_left, reviews_left = q.limits_left(session, now)
            articles = session.execute(
                select(ArticleRow.id, ArticleRow.title).order_by(
                    ArticleRow.imported_at, ArticleRow.id
                )
            ).all()
            totals = self._totals(session)
            rows = self._card_groups(session, now)
            new_today = self._new_sentences(session, now)
        learning: Counter[str] = Counter()
        due: Counter[str] = Counter()
        for article_id, state, is_suspended, is_buried, is_due, number in rows:
            available = not is_suspended and not is_buried
            if available and is_due and state in LEARNING_STATES:
                learning[article_id] += number
            elif available and is_due and state == STATE_REVIEW:
                due[article_id] += number
        q.titles.update({article_id: title for article_id, title in articles})
        return [
            ArticleCounts(
                article_id=article_id,
                title=title,
                total=totals.get(article_id, 0),
                counts=DeckCounts(
                    new=min(new_left, new_today.get(article_id, 0)),
                    learning=learning.get(article_id, 0),
                    due=min(reviews_left, due.get(article_id, 0)),
                ),
            )
            for article_id, title in articles
        ]

    @staticmethod
    def _totals(session: Session) -> Counter[str]:
        """Live questions per article."""
        # All questions per article (read from the article index alone), less the retired
        # ones (few, read through the retired index): cheaper than filtering 200k rows.
        totals = Counter(
            dict(
                session.execute(
                    select(QuestionRow.article_id, func.count()).group_by(QuestionRow.article_id)
                ).all()
            )
        )
        totals.subtract(
            session.scalars(
                select(QuestionRow.article_id).where(QuestionRow.retired == True)  # noqa: E712
            )
        )
        return totals

    def _card_groups(self, session: Session, now: datetime) -> list[Any]:
        """The learner's live cards counted by (article, state, suspended, buried, due today)."""
        # One pass over the learner's cards, grouped by what decides where each counts.
        buried = case((CardRow.buried_until > now, True), else_=False)
        # What a session delivers: reviews due by the end of the day, learning cards due
        # within the learn-ahead limit (a learning card due this evening is not "left").
        due_by = case(
            (CardRow.state.in_(LEARNING_STATES), literal(now + LEARN_AHEAD, MOMENT)),
            else_=literal(self.queries.day_end(now), MOMENT),
        )
        due_today = case((CardRow.due <= due_by, True), else_=False)
        return list(
            session.execute(
                select(
                    QuestionRow.article_id,
                    CardRow.state,
                    CardRow.suspended,
                    buried,
                    due_today,
                    func.count(),
                )
                .join(QuestionRow, QuestionRow.id == CardRow.question_id)
                # Every card of the learner is read, best in table order: the expressions keep
                # SQLite's planner off the learner's due index (in due order each row is a
                # random page read: 3x slower at 50k cards) and off the retired index (a probe
                # per question of the bank). A bank shared by many learners pays for all their
                # cards here; a home screen with one learner per bank is the common case.
                .where(
                    CardRow.learner_id + 0 == self.queries.learner_id,
                    func.coalesce(QuestionRow.retired, False).is_(False),
                )
                .group_by(
                    QuestionRow.article_id, CardRow.state, CardRow.suspended, buried, due_today
                )
            ).all()
        )

    def _new_sentences(self, session: Session, now: datetime) -> Counter[str]:
        """Per article, the new cards the queue would give today: one per source sentence
        that still has a new card and was not met today (see `queries.sibling_key`)."""
        q = self.queries
        new = (
            q.new_query(False)
            .add_columns(QuestionRow.article_id, QuestionRow.source_sentence)
            .subquery()
        )
        has_sentence = func.trim(new.c.source_sentence) != ""
        counts: Counter[str] = Counter(
            dict(
                session.execute(
                    select(
                        new.c.article_id,
                        func.count(func.distinct(case((has_sentence, new.c.source_sentence))))
                        + func.sum(case((has_sentence, 0), else_=1)),
                    ).group_by(new.c.article_id),
                    bind_values(now, now, None),
                ).all()
            )
        )
        # A sentence met today still has new siblings, counted above, that wait for tomorrow.
        met = [key for key in q.introduced_today(session, now) if len(key) == 2]
        if met:
            waiting = session.execute(
                select(new.c.article_id, new.c.source_sentence)
                .where(
                    or_(
                        *(
                            and_(new.c.article_id == article, new.c.source_sentence == sentence)
                            for article, sentence in met
                        )
                    )
                )
                .distinct(),
                bind_values(now, now, None),
            ).all()
            counts.subtract(article for article, _ in waiting)
        return counts

    def _count_new(self, session: Session, article_id: str | None, now: datetime, cap: int) -> int:
        subquery = self.queries.new_query(article_id is not None).limit(cap).subquery()
        params = bind_values(now, now, article_id)
        return session.scalar(select(func.count()).select_from(subquery), params) or 0
