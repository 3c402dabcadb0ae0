"""The study queue: which card comes next, as in Anki's v3 scheduler.

Learning and relearning cards that are due come first, then reviews due today, with new cards
mixed in evenly among the reviews; when nothing else is left, learning cards due within the
next 20 minutes are shown early rather than ending the session. New cards and reviews are
capped by the daily limits, counted from the review log since the start of the study day.

New cards come article by article, in the order the articles entered the bank, and in
sentence order within an article; the cards of one source sentence (the forms of its facts:
open, cloze, choice and true/false) are spread over days, one new card per sentence a day, as
Anki buries new siblings, so that one card never gives the next away.

Scale (200,000 questions, 50,000 reviewed): due cards come from the `cards` table through its
(learner, state, due) index, one state at a time. New cards (questions with no card for this
learner) take an anti-join, article by article; that scan runs once per scope and day into a
small in-memory queue that later calls only validate. The one slow count (reviews due today,
thousands when a learner comes back from a break) is kept here and updated by the session.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from question_bank.store.schema import CardRow, QuestionRow
from quizapp.study.queries import LEARN_AHEAD, LEARNING_STATES, LearnerQueries, sibling_key
from quizapp.study.views import STATE_NEW, STATE_REVIEW

# Most new-card ids fetched by one anti-join scan; the queue refills when it runs dry.
NEW_BATCH = 100
# New questions read per article when building the queue, per card wanted: room to skip the
# siblings of the facts already picked.
SIBLINGS_READ_AHEAD = 8

Found = tuple[QuestionRow, CardRow | None]


@dataclass
class NewQueue:
    """The next new cards of one scope (all articles, or one), for one study day."""

    day: date
    ids: deque[str]
    exhausted: bool
    """True when the scan returned everything there is (no more new cards beyond `ids`)."""
    mix_every: int
    """Show one new card after this many reviews (new cards spread evenly among reviews)."""


class StudyQueue:
    """The queue of one learner: new cards per scope and today's review counts, cached."""

    def __init__(self, queries: LearnerQueries) -> None:
        self.queries = queries
        self._new: dict[str | None, NewQueue] = {}
        # Reviews due today per scope, counted once a day and kept up to date by the session.
        self._reviews: dict[str | None, tuple[date, int]] = {}

    def next(
        self, session: Session, article_id: str | None, now: datetime, reviews_since_new: int
    ) -> Found | None:
        """The next card to show (question and card row), or None when nothing is left."""
        q = self.queries
        found = q.due_card(session, LEARNING_STATES, article_id, now, now)
        if found is not None:
            return found
        new_left, reviews_left = q.limits_left(session, now)
        review = None
        if reviews_left > 0:
            review = q.due_card(session, (STATE_REVIEW,), article_id, now, q.day_end(now))
        new_question = None
        queue = None
        if new_left > 0:
            queue = self.new_queue(session, article_id, now, new_left, reviews_left)
            new_question = self._peek_new(session, queue, article_id, now, new_left)
        if review is not None and (
            new_question is None or queue is None or reviews_since_new < queue.mix_every
        ):
            return review
        if new_question is not None:
            return new_question
        return q.due_card(session, LEARNING_STATES, article_id, now, now + LEARN_AHEAD)

    # -- reviews due today ------------------------------------------------------------

    def reviews_due(self, session: Session, article_id: str | None, now: datetime) -> int:
        """Reviews due today (before the daily limit), counted once per study day.

        Counting thousands of overdue reviews is the one slow count, and it only changes
        through this learner's own actions during a day: a review is never due twice in a day
        (its next interval is at least a day), so answers decrement the count, and undo, bury
        and suspend recount it. Another process studying at the same time makes it high until
        the next recount; the queue itself is always read fresh.
        """
        today = self.queries.day.day_of(now)
        cached = self._reviews.get(article_id)
        if cached is not None and cached[0] == today:
            return cached[1]
        number = self.queries.count_due(session, (STATE_REVIEW,), article_id, now)
        self._reviews[article_id] = (today, number)
        return number

    def review_done(self, article_id: str) -> None:
        """A review due today was answered: one fewer in its article's and the whole count."""
        for scope, (day, number) in list(self._reviews.items()):
            if scope in (None, article_id):
                self._reviews[scope] = (day, max(0, number - 1))

    def recount_reviews(self) -> None:
        """Count reviews afresh next time (a card was buried, suspended or undone)."""
        self._reviews.clear()

    # -- new cards -------------------------------------------------------------------------

    def new_queue(
        self,
        session: Session,
        article_id: str | None,
        now: datetime,
        new_left: int,
        reviews_left: int,
    ) -> NewQueue:
        """Today's queue of new cards for the scope, scanned when missing, stale or empty."""
        q = self.queries
        today = q.day.day_of(now)
        queue = self._new.get(article_id)
        if queue is not None and queue.day == today and (queue.ids or queue.exhausted):
            return queue
        batch = min(max(new_left, 1), NEW_BATCH)
        ids, complete = self._scan_new(session, article_id, now, batch)
        if queue is None or queue.day != today:
            # Spread today's new cards evenly among today's reviews.
            reviews = min(reviews_left, self.reviews_due(session, article_id, now))
            new = min(new_left, len(ids))
            mix_every = max(1, reviews // new) if new else 1
        else:
            mix_every = queue.mix_every
        queue = NewQueue(today, deque(ids), complete, mix_every)
        self._new[article_id] = queue
        return queue

    def _scan_new(
        self, session: Session, article_id: str | None, now: datetime, batch: int
    ) -> tuple[list[str], bool]:
        """Up to `batch` new question ids, one per sentence; True when nothing is left over."""
        q = self.queries
        # New cards come article by article, in the order the articles entered the bank, each
        # in sentence order. One small query per article (its questions through the article
        # index), so the scan stops as soon as the batch is full.
        scopes = [article_id] if article_id is not None else q.article_order(session)
        per_article = batch * SIBLINGS_READ_AHEAD
        statement = q.statement(
            ("new", per_article),
            lambda: (
                q.new_query(True)
                .add_columns(QuestionRow.article_id, QuestionRow.source_sentence)
                .order_by(QuestionRow.position, QuestionRow.id)
                .limit(per_article)
            ),
        )
        # Siblings (the cards of one sentence: its facts and their forms) are spread over days,
        # as Anki buries new siblings: one new card per sentence a day, none for a sentence
        # met today.
        taken = q.introduced_today(session, now)
        # One card per sentence, so no two picked cards share a sentence to give away.
        ids: list[str] = []
        complete = True
        for scope in scopes:
            rows = session.execute(statement, {"article_id": scope, "now": now}).all()
            complete = complete and len(rows) < per_article
            for question_id, article, sentence in rows:
                key = sibling_key(question_id, article, sentence)
                if key not in taken:
                    taken.add(key)
                    ids.append(question_id)
            if len(ids) >= batch:
                del ids[batch:]
                complete = False
                break
        return ids, complete

    def _peek_new(
        self,
        session: Session,
        queue: NewQueue,
        article_id: str | None,
        now: datetime,
        new_left: int,
    ) -> Found | None:
        """The first queued question that is still new (another process may have studied it)."""
        while True:
            if not queue.ids:
                if queue.exhausted:
                    return None
                queue = self.new_queue(session, article_id, now, new_left, 0)
                if not queue.ids:
                    return None
            question_id = queue.ids[0]
            question, row = (
                session.get(QuestionRow, question_id),
                self.queries.card_row(session, question_id),
            )
            still_new = (
                question is not None
                and not question.retired
                and (
                    row is None
                    or (
                        row.state == STATE_NEW
                        and not row.suspended
                        and (row.buried_until is None or row.buried_until <= now)
                    )
                )
            )
            if still_new:
                assert question is not None
                return question, row
            queue.ids.popleft()

    def adopt(self, other: StudyQueue) -> None:
        """Take another queue's scans of today where this one has none yet: the study screen
        counts a session's first "Left" in a worker (the scan of new cards is the one slow
        read of a session's start), then hands its queue to the session on the UI thread."""
        for scope, queue in other._new.items():
            self._new.setdefault(scope, queue)
        for scope, reviews in other._reviews.items():
            self._reviews.setdefault(scope, reviews)

    def drop(self, question_ids: list[str]) -> None:
        """These cards left the new pile (answered, buried, suspended)."""
        for question_id in question_ids:
            for queue in self._new.values():
                if question_id in queue.ids:
                    queue.ids.remove(question_id)

    def restore(self, question_id: str, article_id: str) -> None:
        """An undone first answer: the card is new again, at the front of its queues."""
        for scope, queue in self._new.items():
            if scope in (None, article_id) and question_id not in queue.ids:
                queue.ids.appendleft(question_id)

    def rescan_new(self) -> None:
        """Scan for new cards afresh next time (an unsuspended card may rejoin the pile)."""
        self._new.clear()

    def forget(self) -> None:
        """Read the queue and counts afresh: cards changed behind this learner's services."""
        self._new.clear()
        self._reviews.clear()
