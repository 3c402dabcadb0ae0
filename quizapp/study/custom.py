"""Custom study, as Anki's "Custom Study" dialog offers it: a session of chosen cards.

Anki builds a filtered deck for this; quizapp builds the same session in memory, from one
query, and leaves every other card where it is. The kinds, each optionally narrowed to an
article, a kind of card or a tag:

- `new`: extra new cards today, beyond the daily limit (in the queue's order, one per source
  sentence, as the normal queue gives them). Answers are ordinary answers.
- `forgotten`: the cards answered Again in the last N days. Answers reschedule, as in Anki
  (its filtered decks reschedule by default): it is ordinary review, only sooner.
- `ahead`: reviews due in the next N days, studied early. Answers reschedule; FSRS takes the
  shorter elapsed time into account, as Anki's "review ahead" does.
- `cram`: any cards (new, learning, review), without rescheduling: nothing is written to the
  bank, no log, no counts; Again and Hard bring a card back later in the session, Good and Easy
  take it out (Anki's "preview" with rescheduling off).

Suspended, buried and retired cards never come, as in Anki.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import String, and_, exists, func, or_, select
from sqlalchemy import cast as sql_cast
from sqlalchemy.sql import Select

from question_bank.store.schema import ArticleRow, CardRow, QuestionRow, ReviewLogRow
from quizapp.study.queries import (
    LEARN_AHEAD,
    LEARNING_STATES,
    LearnerQueries,
    StudyError,
    available,
    sibling_key,
)
from quizapp.study.scope import LearnerScope
from quizapp.study.session import StudyService
from quizapp.study.views import (
    AGAIN,
    EASY,
    GOOD,
    HARD,
    RATING_LABELS,
    STATE_NEW,
    STATE_REVIEW,
    AnswerResult,
    CardView,
    DeckCounts,
    GradePreview,
    SessionSummary,
)

CustomKind = Literal["new", "forgotten", "ahead", "cram"]
KINDS: dict[CustomKind, str] = {
    "new": "Extra new cards today",
    "forgotten": "Forgotten cards (Again in the last N days)",
    "ahead": "Review ahead (due in the next N days)",
    "cram": "Cram (schedules left unchanged)",
}
MAX_CARDS = 9999
# In a cram session, a card answered Again (or Hard) comes back after this many others.
AGAIN_AFTER, HARD_AFTER = 3, 6


@dataclass(frozen=True)
class CustomStudy:
    """What to study: which cards, from where, how many."""

    kind: CustomKind
    days: int = 1
    """`forgotten`: answered Again in the last `days` study days (today included);
    `ahead`: due within the next `days` days after today."""
    limit: int = 50
    """At most this many cards."""
    article_id: str | None = None
    card_kind: str | None = None
    """"open", "cloze", "choice" or "truefalse"."""
    tag: str | None = None

    @property
    def reschedules(self) -> bool:
        """Answers change schedules (all kinds but cram)."""
        return self.kind != "cram"

    def describe(self) -> str:
        """A short label for the session's header: "Cram · 20 cards · tag:leech"."""
        name = {
            "new": "Extra new cards",
            "forgotten": f"Forgotten in the last {self.days} day{'s' * (self.days != 1)}",
            "ahead": f"Review ahead {self.days} day{'s' * (self.days != 1)}",
            "cram": "Cram (schedules unchanged)",
        }[self.kind]
        narrow = [
            f"kind:{self.card_kind}" if self.card_kind else "",
            f"tag:{self.tag}" if self.tag else "",
        ]
        return " · ".join(part for part in (name, *narrow) if part)


def check(spec: CustomStudy) -> None:
    """Refuse what makes no session (the dialog shows the message)."""
    if spec.kind not in KINDS:
        raise StudyError(f"unknown custom study {spec.kind!r}")
    if not 1 <= spec.limit <= MAX_CARDS:
        raise StudyError(f"the number of cards must be 1 to {MAX_CARDS}")
    if spec.kind in ("forgotten", "ahead") and not 1 <= spec.days <= 365:
        raise StudyError("the number of days must be 1 to 365")


def select_cards(scope: LearnerScope, spec: CustomStudy, now: datetime) -> list[str]:
    """The question ids of the session, in the order they are asked."""
    check(spec)
    queries = LearnerQueries(scope)
    learner = scope.learner_id
    day_start = scope.day.start(now)
    day_end = scope.day.next_start(now)
    card = and_(CardRow.learner_id == learner, CardRow.question_id == QuestionRow.id)
    query = _narrowed(
        select(QuestionRow.id, QuestionRow.article_id, QuestionRow.source_sentence)
        .join(ArticleRow, ArticleRow.id == QuestionRow.article_id)
        .where(QuestionRow.retired.is_(False)),
        spec,
    )
    in_order = (ArticleRow.imported_at, ArticleRow.id, QuestionRow.position, QuestionRow.id)
    if spec.kind == "new":
        taken = exists().where(card, or_(CardRow.state != STATE_NEW, ~available(now)))
        with scope.bank.transaction() as session:
            seen = set(queries.introduced_today(session, now))
            found = session.execute(query.where(~taken).order_by(*in_order)).all()
        picked: list[str] = []
        for question_id, article_id, sentence in found:  # one per sentence, as the queue
            key = sibling_key(question_id, article_id, sentence)
            if key not in seen:
                seen.add(key)
                picked.append(question_id)
            if len(picked) >= spec.limit:
                break
        return picked
    if spec.kind == "forgotten":
        since = day_start - timedelta(days=spec.days - 1)
        lapsed = (
            select(ReviewLogRow.question_id, func.max(ReviewLogRow.reviewed_at).label("last"))
            .where(
                ReviewLogRow.learner_id == learner,
                ReviewLogRow.rating == AGAIN,
                ReviewLogRow.reviewed_at >= since,
            )
            .group_by(ReviewLogRow.question_id)
            .subquery()
        )
        query = (
            query.join(CardRow, card)
            .where(available(now))
            .join(lapsed, lapsed.c.question_id == QuestionRow.id)
            .order_by(lapsed.c.last.desc(), QuestionRow.id)
        )
    elif spec.kind == "ahead":
        query = (
            query.join(CardRow, card)
            .where(
                available(now),
                CardRow.state == STATE_REVIEW,
                CardRow.due >= day_end,
                CardRow.due < day_end + timedelta(days=spec.days),
            )
            .order_by(CardRow.due, QuestionRow.id)
        )
    else:  # cram: any card, never-answered ones included, in article and sentence order
        query = (
            query.outerjoin(CardRow, card)
            .where(or_(CardRow.id.is_(None), available(now)))
            .order_by(*in_order)
        )
    with scope.bank.transaction() as session:
        return [row[0] for row in session.execute(query.limit(spec.limit)).all()]


Chosen = Select[str, str, str]


def _narrowed(query: Chosen, spec: CustomStudy) -> Chosen:
    """Only the article, kind of card and tag asked for."""
    if spec.article_id is not None:
        query = query.where(QuestionRow.article_id == spec.article_id)
    if spec.card_kind:
        query = query.where(QuestionRow.kind == spec.card_kind)
    if spec.tag:
        # Tags are a JSON list: match the quoted tag in its text, as the browser's `tag:` does.
        tag = spec.tag.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(sql_cast(QuestionRow.tags, String).ilike(f'%"{tag}"%', escape="\\"))
    return query


class CustomSession(StudyService):
    """A study session over the cards `select_cards` chose, for the study screen as it is.

    Rescheduling kinds answer through `StudyService.answer`; a card left in (re)learning by
    its answer stays in the session until it graduates, as in Anki's filtered decks. Cram
    answers write nothing: the session only keeps them for its own summary and its undo.
    """

    spec: CustomStudy
    _ids: deque[str]
    """The cards still to come, the one shown first."""
    _states: dict[str, int]
    """Each chosen card's state, as last read (a card never answered is new)."""
    _cram: list[tuple[str, int, int]]
    """Cram answers: (question id, rating, milliseconds)."""

    @classmethod
    def start(cls, scope: LearnerScope, spec: CustomStudy) -> CustomSession:
        """Choose the cards now and open the session over them."""
        session = cls.__new__(cls)
        session._start(scope)
        session.spec = spec
        ids = select_cards(scope, spec, session.queries.now())
        session._ids = deque(ids)
        session._cram = []
        with scope.bank.transaction() as transaction:
            session._states = dict(
                transaction.execute(
                    select(CardRow.question_id, CardRow.state).where(
                        CardRow.learner_id == scope.learner_id, CardRow.question_id.in_(ids)
                    )
                ).all()
            )
        return session

    @property
    def chosen(self) -> int:
        """Cards still to come in this session."""
        return len(self._ids)

    # -- the queue: the chosen cards, not the day's ---------------------------------------

    def next_card(self, article_id: str | None = None) -> CardView | None:
        """The next chosen card still available (not suspended, buried or deleted since)."""
        while self._ids:
            question_id = self._ids[0]
            try:
                view = self.cards.card(question_id)
            except StudyError:
                self._ids.popleft()
                continue
            if view.suspended or self._buried(question_id):
                self._ids.popleft()
                continue
            self._states[question_id] = view.state
            return view
        return None

    def counts(self, article_id: str | None = None) -> DeckCounts:
        """What is left of the session, by the state each card had when last read."""
        states = [self._states.get(question_id, STATE_NEW) for question_id in self._ids]
        return DeckCounts(
            new=sum(1 for state in states if state == STATE_NEW),
            learning=sum(1 for state in states if state in LEARNING_STATES),
            due=sum(1 for state in states if state == STATE_REVIEW),
        )

    def previews(self, question_id: str) -> list[GradePreview]:
        """Rescheduling: FSRS's intervals. Cram: where each grade sends the card."""
        if self.spec.reschedules:
            return super().previews(question_id)
        shown = {AGAIN: "soon", HARD: "later", GOOD: "done", EASY: "done"}
        return [
            GradePreview(rating, RATING_LABELS[rating], timedelta(0), shown[rating])
            for rating in (AGAIN, HARD, GOOD, EASY)
        ]

    def answer(
        self,
        question_id: str,
        rating: int,
        *,
        duration_ms: int,
        mode: str,
        typed: str | None = None,
    ) -> AnswerResult:
        """Grade the card shown (the first of the session's queue)."""
        if self._ids and self._ids[0] == question_id:
            self._ids.popleft()
        if not self.spec.reschedules:
            self._cram.append((question_id, rating, max(0, int(duration_ms))))
            back = {AGAIN: AGAIN_AFTER, HARD: HARD_AFTER}.get(rating)
            if back is not None:
                self._ids.insert(min(back, len(self._ids)), question_id)
            now = self.queries.now()
            return AnswerResult(question_id, rating, now, timedelta(0), False, False)
        result = super().answer(
            question_id, rating, duration_ms=duration_ms, mode=mode, typed=typed
        )
        with self.bank.transaction() as session:
            row = self.queries.card_row(session, question_id)
            self._states[question_id] = row.state if row is not None else STATE_NEW
        if result.due <= self.queries.now() + LEARN_AHEAD:
            # Still learning: it comes back in this session once due, as in a filtered deck.
            self._ids.insert(min(AGAIN_AFTER, len(self._ids)), question_id)
        return result

    def unanswer(self, question_id: str) -> None:
        """Cram: take back the last answer (the card comes first again)."""
        if self._cram and self._cram[-1][0] == question_id:
            self._cram.pop()
        if question_id in self._ids:
            self._ids.remove(question_id)
        self._ids.appendleft(question_id)

    def reanswer(self, question_id: str, rating: int) -> None:
        """Cram: give the undone answer again (redo)."""
        self.answer(question_id, rating, duration_ms=0, mode="flip")

    def undo(self) -> CardView | None:
        """Rescheduling: the last answer, and the card comes first again."""
        view = super().undo()
        if view is not None:
            if view.question_id in self._ids:
                self._ids.remove(view.question_id)
            self._ids.appendleft(view.question_id)
        return view

    def summary(self, article_id: str | None = None) -> SessionSummary:
        """As a normal session's; a cram session counts its own answers (none are logged)."""
        summary = super().summary(article_id)
        if self.spec.reschedules:
            return summary
        answers = self._cram
        correct = sum(1 for _, rating, _ in answers if rating != AGAIN)
        return replace(
            summary,
            studied=len(answers),
            correct=correct,
            percent_correct=round(100.0 * correct / len(answers), 1) if answers else 0.0,
            seconds=sum(ms for _, _, ms in answers) / 1000.0,
        )

    def _buried(self, question_id: str) -> bool:
        with self.bank.transaction() as session:
            row = self.queries.card_row(session, question_id)
        now = self.queries.now()
        return row is not None and row.buried_until is not None and row.buried_until > now
