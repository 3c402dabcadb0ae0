"""The study session service: the queue, answers, undo, bury, suspend, flag and edit.

Free of Textual: the study screen calls a `StudyService` and receives frozen dataclasses from
`quizapp.study.views`. Each call runs in its own short transaction; an answer is committed
before `answer()` returns, so killing the process loses at most the answer in flight.

The queue, as in Anki: learning and relearning cards that are due first, then reviews due
today, with new cards mixed in evenly among the reviews; when nothing else is left, learning
cards due within the next 20 minutes are shown early rather than ending the session. New cards
and reviews are capped by the daily limits, counted from the review log since the start of the
study day (a set local hour, 4 am by default).

New cards come article by article, in the order the articles entered the bank, and in
sentence order within an article; the cards of one source sentence (the forms of its facts:
open, cloze, choice and true/false) are spread over days, one new card per sentence a day, as
Anki buries new siblings, so that one card never gives the next away.

Scale (200,000 questions, 50,000 reviewed): due cards come from the `cards` table through its
(learner, state, due) index, one state at a time, so the queries touch only the rows they
return. New cards (questions with no card for this learner) take an anti-join, article by
article; that scan runs once per session and day into a small in-memory queue that later calls
only validate. The hot statements are built once per service with bind parameters, and the one
slow count (reviews due today, thousands when a learner comes back from a break) is kept by the
session. Queries are written for SQLite without ANALYZE statistics (quizapp never runs it):
where its planner would pick a poor index, the condition is wrapped in an expression.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, exists, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from question_bank.errors import BankError, QuestionBankError
from question_bank.models import CLOZE_GAP
from question_bank.sanitize import clean_text
from question_bank.store import Bank
from question_bank.store.schema import MOMENT, ArticleRow, CardRow, QuestionRow, ReviewLogRow
from quizapp.clock import Clock, utcnow
from quizapp.settings import STUDY_MODES, Settings
from quizapp.study import home_counts, scheduling
from quizapp.study.learners import fsrs_parameters
from quizapp.study.scheduling import CardState
from quizapp.study.scope import LearnerScope
from quizapp.study.views import (
    AGAIN,
    STATE_LEARNING,
    STATE_NEW,
    STATE_RELEARNING,
    STATE_REVIEW,
    AnswerResult,
    ArticleCounts,
    CardView,
    DeckCounts,
    GradePreview,
    SessionSummary,
)

LEECH_TAG = "leech"
# Anki's "learn ahead limit": with nothing else to study, a learning card due this soon is shown.
LEARN_AHEAD = timedelta(minutes=20)
# Most new-card ids fetched by one anti-join scan; the queue refills when it runs dry.
NEW_BATCH = 100
LEARNING_STATES = (STATE_LEARNING, STATE_RELEARNING)
# New questions read per article when building the queue, per card wanted: room to skip the
# siblings of the facts already picked.
SIBLINGS_READ_AHEAD = 8
# Type of time bind parameters: converts aware datetimes to the bank's naive UTC.


def _sibling_key(question_id: str, article_id: str, sentence: str) -> tuple[str, ...]:
    """Cards of one source sentence are siblings; a card without a sentence is alone.

    Not only the forms of one fact: a sentence's facts give each other away ("30 KFOR soldiers
    from Hungary and Italy…" asked twice over), and a true/false card's answer ("False") does
    not even name its fact.
    """
    if not sentence.strip():
        return (question_id,)
    return (article_id, " ".join(sentence.split()))


class StudyError(QuestionBankError):
    """A study action refers to something that is not there (question gone, bad rating...)."""


@dataclass
class _NewQueue:
    """The next new cards of one scope (all articles, or one), for one study day."""

    day: date
    ids: deque[str]
    exhausted: bool
    """True when the scan returned everything there is (no more new cards beyond `ids`)."""
    mix_every: int
    """Show one new card after this many reviews (new cards spread evenly among reviews)."""


@dataclass
class _Answered:
    """An answer given in this session (for the summary, and dropped again by undo)."""

    log_id: int
    rating: int
    duration_ms: int


@dataclass
class _SessionLog:
    answers: list[_Answered] = field(default_factory=list)
    reviews_since_new: int = 0


class StudyService:
    """One learner's study session over a bank.

    `clock` returns aware UTC now and `timezone` is the learner's local zone (None: the
    machine's); both are injected so tests control the day boundary. `for_scope` builds one
    from a `LearnerScope` already opened (the TUI's, built once per learner).
    """

    def __init__(
        self,
        bank: Bank,
        settings: Settings,
        learner: str,
        *,
        clock: Clock = utcnow,
        timezone: tzinfo | None = None,
    ) -> None:
        self._start(LearnerScope.open(bank, settings, learner, clock=clock, timezone=timezone))

    @classmethod
    def for_scope(cls, scope: LearnerScope) -> StudyService:
        """A session for a learner whose scope is open already (no lookup of the learner)."""
        service = cls.__new__(cls)
        service._start(scope)
        return service

    def _start(self, scope: LearnerScope) -> None:
        self.scope = scope
        self.bank = scope.bank
        self.settings = scope.settings
        self.clock = scope.clock
        self.day = scope.day
        self.learner_id = scope.learner_id
        with scope.bank.transaction() as session:
            fitted = fsrs_parameters(session, self.learner_id)
        # The learner's own FSRS weights when they have been optimised; each log records
        # which ones scheduled it, so the history replays exactly across optimisations.
        self.fsrs_params_id = fitted.id if fitted is not None else None
        self.scheduler = scheduling.build_scheduler(
            scope.settings, fitted.parameters if fitted is not None else None
        )
        self.learner = scope.learner
        self._titles: dict[str, str] = {}
        self._new_queues: dict[str | None, _NewQueue] = {}
        self._log = _SessionLog()
        self._statements: dict[tuple[Any, ...], Any] = {}
        # Reviews due today per scope, counted once a day and kept up to date by this session.
        self._review_counts: dict[str | None, tuple[date, int]] = {}

    # -- reading -------------------------------------------------------------------------

    def article_counts(self) -> list[ArticleCounts]:
        """Home screen: new / learning / due per article, within today's limits."""
        now = self._now()
        with self.bank.transaction() as session:
            new_left, reviews_left = self._limits_left(session, now)
            window = home_counts.CountWindow(
                now=now,
                learn_ahead_by=now + LEARN_AHEAD,
                day_end=self._day_end(now),
                new_left=new_left,
                reviews_left=reviews_left,
            )
            met = [
                (key[0], key[1]) for key in self._introduced_today(session, now) if len(key) == 2
            ]
            rows = home_counts.article_rows(session, self.learner_id, window, met)
        self._titles.update({row.article_id: row.title for row in rows})
        return rows

    def counts(self, article_id: str | None = None) -> DeckCounts:
        """New / learning / due to study now (all articles, or one), within today's limits."""
        now = self._now()
        with self.bank.transaction() as session:
            new_left, reviews_left = self._limits_left(session, now)
            new = 0
            if new_left > 0:
                queue = self._new_queue(session, article_id, now, new_left, reviews_left)
                new = len(queue.ids)
                if not queue.exhausted and new < new_left:
                    new = self._count_new(session, article_id, now, new_left)
            # Per state, so that each count reads one range of the (learner, state, due) index.
            learning = sum(
                self._count_due(session, (state,), article_id, now, now + LEARN_AHEAD)
                for state in LEARNING_STATES
            )
            due = self._reviews_due(session, article_id, now)
        return DeckCounts(new=min(new, new_left), learning=learning, due=min(due, reviews_left))

    def next_card(self, article_id: str | None = None) -> CardView | None:
        """The next card to show, or None when nothing is left for today."""
        now = self._now()
        with self.bank.transaction() as session:
            found = self._due_card(session, LEARNING_STATES, article_id, now, now)
            if found is not None:
                return self._view(session, *found)
            new_left, reviews_left = self._limits_left(session, now)
            review = None
            if reviews_left > 0:
                review = self._due_card(
                    session, (STATE_REVIEW,), article_id, now, self._day_end(now)
                )
            new_question = None
            queue = None
            if new_left > 0:
                queue = self._new_queue(session, article_id, now, new_left, reviews_left)
                new_question = self._peek_new(session, queue, article_id, now, new_left)
            if review is not None and (
                new_question is None
                or queue is None
                or self._log.reviews_since_new < queue.mix_every
            ):
                return self._view(session, *review)
            if new_question is not None:
                return self._view(session, *new_question)
            ahead = self._due_card(session, LEARNING_STATES, article_id, now, now + LEARN_AHEAD)
            if ahead is not None:
                return self._view(session, *ahead)
        return None

    def card(self, question_id: str) -> CardView:
        """One card as this learner sees it (for the browse screen and after an edit)."""
        with self.bank.transaction() as session:
            question, row = self._load(session, question_id)
            return self._view(session, question, row)

    def previews(self, question_id: str) -> list[GradePreview]:
        """The interval each of the 4 grades would give the card now ("Good · 3d")."""
        now = self._now()
        with self.bank.transaction() as session:
            _question, row = self._load(session, question_id)
            before = CardState.of_row(row)
        seed = scheduling.fuzz_seed(self.learner_id, question_id, before.reps)
        return scheduling.previews(self.scheduler, before, now, seed=seed)

    def summary(self, article_id: str | None = None) -> SessionSummary:
        """Summary of the answers given through this service instance (undone ones left out),
        and when and where the next card falls due: in the session's article (`article_id`)
        and, when a card elsewhere falls due sooner, that one too."""
        now = self._now()
        answers = self._log.answers
        correct = sum(1 for a in answers if a.rating != AGAIN)
        end_of_tomorrow = self.day.next_start(now) + timedelta(days=1)
        with self.bank.transaction() as session:
            scheduled = (
                select(CardRow.due, QuestionRow.article_id)
                .join(QuestionRow, QuestionRow.id == CardRow.question_id)
                .where(
                    CardRow.learner_id == self.learner_id,
                    CardRow.state != STATE_NEW,
                    CardRow.suspended.is_(False),
                    QuestionRow.retired.is_(False),
                )
            )
            first = session.execute(scheduled.order_by(CardRow.due).limit(1)).first()
            here = first
            if article_id is not None and first is not None and first[1] != article_id:
                here = session.execute(
                    scheduled.where(QuestionRow.article_id == article_id)
                    .order_by(CardRow.due)
                    .limit(1)
                ).first()
            due_tomorrow = session.scalar(
                select(func.count()).select_from(
                    scheduled.where(CardRow.due < end_of_tomorrow).subquery()
                )
            )
            elsewhere = first if first is not None and here != first else None
            title = self._title(session, elsewhere[1]) if elsewhere is not None else ""
        return SessionSummary(
            studied=len(answers),
            correct=correct,
            percent_correct=round(100.0 * correct / len(answers), 1) if answers else 0.0,
            seconds=sum(a.duration_ms for a in answers) / 1000.0,
            next_due=here[0] if here is not None else None,
            due_tomorrow=due_tomorrow or 0,
            next_due_elsewhere=elsewhere[0] if elsewhere is not None else None,
            next_due_elsewhere_title=title,
        )

    # -- writing -------------------------------------------------------------------------

    def answer(
        self,
        question_id: str,
        rating: int,
        *,
        duration_ms: int,
        mode: str,
        typed: str | None = None,
    ) -> AnswerResult:
        """Grade the card (1 Again .. 4 Easy): schedule it with FSRS and log the answer.

        One transaction, committed before returning. The log keeps the card's whole state
        before the answer, so `undo` can put it back exactly, even after a restart.
        """
        if rating not in scheduling.RATINGS:
            raise StudyError(f"rating must be 1 (Again) to 4 (Easy), not {rating}")
        if mode not in STUDY_MODES:
            raise StudyError(f"unknown study mode {mode!r} (flip, type or choice)")
        now = self._now()
        try:
            return self._answer(question_id, rating, now, duration_ms, mode, typed)
        except BankError as error:
            if not isinstance(error.__cause__, IntegrityError):
                raise
            # Another process made this card between our read and our insert (PostgreSQL;
            # SQLite's write lock prevents it): answer again, on top of its state.
            return self._answer(question_id, rating, now, duration_ms, mode, typed)

    def _answer(
        self,
        question_id: str,
        rating: int,
        now: datetime,
        duration_ms: int,
        mode: str,
        typed: str | None,
    ) -> AnswerResult:
        with self._writing() as session:
            question, row = self._load(session, question_id)
            before = CardState.of_row(row)
            seed = scheduling.fuzz_seed(self.learner_id, question_id, before.reps)
            outcome = scheduling.review(self.scheduler, before, rating, now, seed=seed)
            after = outcome.after
            threshold = self.settings.leech_threshold
            became_leech = outcome.lapse and scheduling.is_leech_lapse(after.lapses, threshold)
            tag_added = False
            if became_leech:
                after = replace(
                    after, leech=True, suspended=after.suspended or self.settings.leech_suspend
                )
                if LEECH_TAG not in question.tags:
                    question.tags = [*question.tags, LEECH_TAG]
                    tag_added = True
            existed = row is not None
            if row is None:
                row = CardRow(learner_id=self.learner_id, question_id=question_id)
                session.add(row)
            after.apply_to(row)
            log = ReviewLogRow(
                learner_id=self.learner_id,
                question_id=question_id,
                rating=rating,
                reviewed_at=now,
                duration_ms=max(0, int(duration_ms)),
                mode=mode,
                typed=typed,
                state_before=before.state,
                state_after=after.state,
                card_before={
                    "card": before.to_json(),
                    "existed": existed,
                    "leech_tag_added": tag_added,
                    "suspended_by_answer": after.suspended and not before.suspended,
                    "fsrs_params": self.fsrs_params_id,
                },
            )
            session.add(log)
            session.flush()
            log_id, article_id = log.id, question.article_id
        # Committed: only now does the session's bookkeeping count the answer.
        due_today = before.due is not None and before.due <= self._day_end(now)
        if before.state == STATE_REVIEW and due_today and not before.suspended:
            self._review_done(article_id)
        was_new = before.state == STATE_NEW
        self._log.answers.append(_Answered(log_id, rating, max(0, int(duration_ms))))
        if was_new:
            self._log.reviews_since_new = 0
            self._drop_new(question_id)
        elif before.state == STATE_REVIEW:
            self._log.reviews_since_new += 1
        assert after.due is not None
        return AnswerResult(
            question_id=question_id,
            rating=rating,
            due=after.due,
            interval=outcome.interval,
            became_leech=became_leech,
            suspended=after.suspended and not before.suspended,
        )

    def undo(self) -> CardView | None:
        """Undo the learner's last answer: restore the card exactly, delete its log.

        Everything the answer changed (FSRS state, due date, reps, lapses, leech tag and a
        leech's suspension) is put back as it was; a flag, bury or suspension the learner set
        after the answer is kept. Works on the learner's last answer in the bank, so also after
        a restart. Returns the card to show again, or None when there is nothing to undo.
        """
        with self._writing() as session:
            log = session.scalars(
                select(ReviewLogRow)
                .where(ReviewLogRow.learner_id == self.learner_id)
                .order_by(ReviewLogRow.id.desc())
                .limit(1)
            ).first()
            if log is None:
                return None
            question, row = self._load(session, log.question_id)
            saved: dict[str, Any] = log.card_before or {}
            before = CardState.from_json(saved.get("card", {}))
            if row is not None:
                # What the answer changed goes back; what the learner did since (flag, bury,
                # suspend by hand) stays: undo takes back the answer, not those actions.
                suspended = before.suspended if saved.get("suspended_by_answer") else row.suspended
                before = replace(
                    before,
                    flagged=row.flagged,
                    buried_until=row.buried_until,
                    suspended=suspended,
                )
            untouched = not (before.flagged or before.suspended or before.buried_until)
            if not saved.get("existed", True) and untouched:
                if row is not None:
                    session.delete(row)  # the answer made the card: undo unmakes it
                row = None
            else:
                if row is None:
                    row = CardRow(learner_id=self.learner_id, question_id=log.question_id)
                    session.add(row)
                before.apply_to(row)
                if before.state == STATE_NEW and before.due is None:
                    row.due = log.reviewed_at  # a never-answered card's due is only a placeholder
            if saved.get("leech_tag_added") and LEECH_TAG in question.tags:
                question.tags = [tag for tag in question.tags if tag != LEECH_TAG]
            log_id, article_id = log.id, question.article_id
            session.delete(log)
            session.flush()
            view = self._view(session, question, row)
        answers = self._log.answers
        if answers and answers[-1].log_id == log_id:
            answers.pop()
        buried = before.buried_until is not None and before.buried_until > self._now()
        if before.state == STATE_NEW and not before.suspended and not buried:
            self._restore_new(log.question_id, article_id)
        self._review_counts.clear()
        return view

    def bury(self, question_id: str) -> None:
        """Hide the card, and its siblings, until the next study day starts."""
        until = self.day.next_start(self._now())
        self._update_card(question_id, buried_until=until)
        self._drop_new(question_id)
        self._bury_siblings(question_id, until)
        self._review_counts.clear()

    def siblings(self, question_id: str) -> list[str]:
        """The other live cards of this card's source sentence (see `_sibling_key`)."""
        with self.bank.transaction() as session:
            question = session.get(QuestionRow, question_id)
            if question is None or not question.source_sentence.strip():
                return []
            return list(
                session.scalars(
                    select(QuestionRow.id).where(
                        QuestionRow.article_id == question.article_id,
                        QuestionRow.source_sentence == question.source_sentence,
                        QuestionRow.id != question_id,
                        func.coalesce(QuestionRow.retired, False).is_(False),
                    )
                )
            )

    def _bury_siblings(self, question_id: str, until: datetime) -> None:
        """As Anki does: burying or suspending a card buries its siblings for the day, so the
        same sentence does not come back in another form the same day."""
        siblings = self.siblings(question_id)
        if not siblings:
            return
        with self._writing() as session:
            for sibling in siblings:
                row = self._card_row(session, sibling, lock=True)
                if row is None:
                    row = CardRow(learner_id=self.learner_id, question_id=sibling, due=self._now())
                    session.add(row)
                if row.buried_until is None or row.buried_until < until:
                    row.buried_until = until
        for sibling in siblings:
            self._drop_new(sibling)

    def set_suspended(self, question_id: str, suspended: bool) -> None:
        """Suspend (never shown until unsuspended) or unsuspend the card."""
        self._update_card(question_id, suspended=suspended)
        self._review_counts.clear()
        if suspended:
            self._drop_new(question_id)
            self._bury_siblings(question_id, self.day.next_start(self._now()))
        else:
            self._new_queues.clear()  # an unsuspended new card may rejoin the new pile

    def set_flagged(self, question_id: str, flagged: bool) -> None:
        """Flag or unflag the card (a mark for the learner: "check this card")."""
        self._update_card(question_id, flagged=flagged)

    def forget_cache(self) -> None:
        """Read the queue and counts afresh: cards changed behind this service (undo, redo)."""
        self._new_queues.clear()
        self._review_counts.clear()

    def edit(
        self, question_id: str, *, prompt: str, answer: str, accepted_answers: list[str]
    ) -> CardView:
        """Change the card's wording; marks the question edited so regeneration keeps it."""
        # What a person types or pastes is text like any other: no escapes into the bank.
        prompt, answer = clean_text(prompt).strip(), clean_text(answer).strip()
        accepted_answers = [clean_text(a) for a in accepted_answers]
        if not prompt:
            raise StudyError("a card needs a prompt")
        if not answer:
            raise StudyError("a card needs an answer")
        accepted = [a.strip() for a in accepted_answers if a.strip() and a.strip() != answer]
        with self._writing() as session:
            question, row = self._load(session, question_id)
            if question.kind == "cloze" and CLOZE_GAP not in prompt:
                raise StudyError(f"a cloze card's prompt needs a {CLOZE_GAP} gap")
            if question.kind == "choice" and answer != question.answer:
                # Keep the options consistent: the new answer takes the old one's place.
                question.choices = [answer if c == question.answer else c for c in question.choices]
            question.prompt = prompt
            question.answer = answer
            question.accepted_answers = list(dict.fromkeys(accepted))
            question.edited = True
            question.updated_at = self._now()
            session.flush()
            return self._view(session, question, row)

    # -- helpers -------------------------------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """A transaction that reads and then writes, serialised with other processes.

        pysqlite starts a transaction only at the first write, so the reads before it would
        see a state another process may change before our write lands (two processes
        answering the same card). On SQLite the transaction therefore starts with BEGIN
        IMMEDIATE: it takes the write lock first (waiting up to the busy timeout, then
        BankError "locked"), and reads and writes form one unit. PostgreSQL locks the card
        row instead (SELECT ... FOR UPDATE in `_load`).
        """
        with self.bank.transaction() as session:
            if self.bank.is_sqlite:
                session.connection().exec_driver_sql("BEGIN IMMEDIATE")
            yield session

    def _now(self) -> datetime:
        now = self.clock()
        if now.tzinfo is None:
            raise ValueError("the study clock must return aware datetimes")
        return now.astimezone(UTC)

    def _available(self, now: Any) -> ColumnElement[bool]:
        """A card row that may be shown: not suspended, not buried (`now`: value or bindparam)."""
        return and_(
            CardRow.suspended.is_(False),
            or_(CardRow.buried_until.is_(None), CardRow.buried_until <= now),
        )

    def _statement(self, key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
        """A statement built once per service: the hot path only binds values.

        Building SQLAlchemy expressions costs more than SQLite takes to run these indexed
        queries, so the queue's statements are made once with bind parameters and reused.
        """
        statement = self._statements.get(key)
        if statement is None:
            statement = self._statements[key] = build()
        return statement

    def _limits_left(self, session: Session, now: datetime) -> tuple[int, int]:
        """(new cards, reviews) the daily limits still allow today."""
        statement = self._statement(
            ("limits",),
            lambda: (
                select(ReviewLogRow.state_before, func.count())
                .where(
                    ReviewLogRow.learner_id == self.learner_id,
                    ReviewLogRow.reviewed_at >= bindparam("day_start", type_=MOMENT),
                )
                .group_by(ReviewLogRow.state_before)
            ),
        )
        rows = session.execute(statement, {"day_start": self.day.start(now)}).all()
        done: dict[int, int] = {state: number for state, number in rows}
        new_left = self.settings.new_cards_per_day - done.get(STATE_NEW, 0)
        reviews_left = self.settings.reviews_per_day - done.get(STATE_REVIEW, 0)
        return max(0, new_left), max(0, reviews_left)

    def _due_query(self, states: tuple[int, ...], scoped: bool) -> Any:
        """Available cards in `states` due by :due_by (at :now), with their questions.

        Parameters: now, due_by and, when `scoped`, article_id.
        """
        # One article: start from its questions (a few hundred at most) and look each card
        # up by question. Wrapping learner_id and retired in expressions hides their indexes
        # from SQLite's planner (which has no statistics: quizapp never runs ANALYZE), so it
        # cannot choose to walk every due card, or every live question, of the whole bank.
        learner = CardRow.learner_id + 0 if scoped else CardRow.learner_id
        retired = func.coalesce(QuestionRow.retired, False) if scoped else QuestionRow.retired
        query = (
            select(CardRow, QuestionRow)
            .join(QuestionRow, QuestionRow.id == CardRow.question_id)
            .where(
                learner == self.learner_id,
                CardRow.state == states[0] if len(states) == 1 else CardRow.state.in_(states),
                CardRow.due <= bindparam("due_by", type_=MOMENT),
                self._available(bindparam("now", type_=MOMENT)),
                retired.is_(False),
            )
        )
        if scoped:
            query = query.where(QuestionRow.article_id == bindparam("article_id"))
        return query

    @staticmethod
    def _params(now: datetime, due_by: datetime, article_id: str | None) -> dict[str, Any]:
        params: dict[str, Any] = {"now": now, "due_by": due_by}
        if article_id is not None:
            params["article_id"] = article_id
        return params

    def _day_end(self, now: datetime) -> datetime:
        """The last instant of the study day: reviews due by then are due today."""
        return self.day.next_start(now) - timedelta(microseconds=1)

    def _due_card(
        self,
        session: Session,
        states: tuple[int, ...],
        article_id: str | None,
        now: datetime,
        due_by: datetime,
    ) -> tuple[QuestionRow, CardRow] | None:
        """The available card in `states` due first (by `due_by`), with its question."""
        scoped = article_id is not None
        params = self._params(now, due_by, article_id)
        found: list[tuple[CardRow, QuestionRow]] = []
        # One query per state: each reads the (learner, state, due) index in due order and
        # stops at its first row; with `state IN (...)` SQLite would walk every overdue card.
        for state in states:
            statement = self._statement(
                ("due", state, scoped),
                lambda state=state: (
                    self._due_query((state,), scoped)  # type: ignore[misc]
                    .order_by(CardRow.due)
                    .limit(1)
                ),
            )
            row = session.execute(statement, params).first()
            if row is not None:
                found.append((row[0], row[1]))
        if not found:
            return None
        card, question = min(found, key=lambda pair: pair[0].due)
        return question, card

    def _count_due(
        self,
        session: Session,
        states: tuple[int, ...],
        article_id: str | None,
        now: datetime,
        due_by: datetime | None = None,
    ) -> int:
        """Cards in `states` due by `due_by` (default: the end of the study day)."""
        scoped = article_id is not None
        statement = self._statement(
            ("count", states, scoped),
            lambda: select(func.count()).select_from(
                self._due_query(states, scoped).with_only_columns(CardRow.id).subquery()
            ),
        )
        params = self._params(now, due_by or self._day_end(now), article_id)
        return session.scalar(statement, params) or 0

    def _reviews_due(self, session: Session, article_id: str | None, now: datetime) -> int:
        """Reviews due today (before the daily limit), counted once per study day.

        Counting thousands of overdue reviews is the one slow count, and it only changes
        through this learner's own actions during a day: a review is never due twice in a day
        (its next interval is at least a day), so answers decrement the count, and undo, bury
        and suspend recount it. Another process studying at the same time makes it high until
        the next recount; the queue itself is always read fresh.
        """
        today = self.day.day_of(now)
        cached = self._review_counts.get(article_id)
        if cached is not None and cached[0] == today:
            return cached[1]
        number = self._count_due(session, (STATE_REVIEW,), article_id, now)
        self._review_counts[article_id] = (today, number)
        return number

    def _review_done(self, article_id: str) -> None:
        for scope, (day, number) in list(self._review_counts.items()):
            if scope in (None, article_id):
                self._review_counts[scope] = (day, max(0, number - 1))

    def _new_query(self, scoped: bool) -> Any:
        """Questions new to this learner: no card, or a never-answered one that is available.

        Parameters: now and, when `scoped`, article_id.
        """
        now = bindparam("now", type_=MOMENT)
        taken = exists().where(
            CardRow.learner_id == self.learner_id,
            CardRow.question_id == QuestionRow.id,
            or_(CardRow.state != STATE_NEW, ~self._available(now)),
        )
        # Retired questions are few; an index on "retired" would make SQLite's planner (no
        # statistics) read every live question of the bank instead of one article's through
        # the article index. The expression hides that index.
        live = func.coalesce(QuestionRow.retired, False).is_(False)
        query = select(QuestionRow.id).where(live, ~taken)
        if scoped:
            query = query.where(QuestionRow.article_id == bindparam("article_id"))
        return query

    def _count_new(self, session: Session, article_id: str | None, now: datetime, cap: int) -> int:
        subquery = self._new_query(article_id is not None).limit(cap).subquery()
        params = self._params(now, now, article_id)
        return session.scalar(select(func.count()).select_from(subquery), params) or 0

    def _new_queue(
        self,
        session: Session,
        article_id: str | None,
        now: datetime,
        new_left: int,
        reviews_left: int,
    ) -> _NewQueue:
        today = self.day.day_of(now)
        queue = self._new_queues.get(article_id)
        if queue is not None and queue.day == today and (queue.ids or queue.exhausted):
            return queue
        batch = min(max(new_left, 1), NEW_BATCH)
        # New cards come article by article, in the order the articles entered the bank, each
        # in sentence order. One small query per article (its questions through the article
        # index), so the scan stops as soon as the batch is full.
        scopes = [article_id] if article_id is not None else self._article_order(session)
        per_article = batch * SIBLINGS_READ_AHEAD
        statement = self._statement(
            ("new", per_article),
            lambda: (
                self._new_query(True)
                .add_columns(QuestionRow.article_id, QuestionRow.source_sentence)
                .order_by(QuestionRow.position, QuestionRow.id)
                .limit(per_article)
            ),
        )
        # Siblings (the cards of one sentence: its facts and their forms) are spread over days,
        # as Anki buries new siblings: one new card per sentence a day, none for a sentence
        # met today.
        taken = self._introduced_today(session, now)
        # One card per sentence, so no two picked cards share a sentence to give away.
        ids: list[str] = []
        complete = True
        for scope in scopes:
            rows = session.execute(statement, {"article_id": scope, "now": now}).all()
            complete = complete and len(rows) < per_article
            for question_id, article, sentence in rows:
                key = _sibling_key(question_id, article, sentence)
                if key not in taken:
                    taken.add(key)
                    ids.append(question_id)
            if len(ids) >= batch:
                del ids[batch:]
                complete = False
                break
        if queue is None or queue.day != today:
            # Spread today's new cards evenly among today's reviews.
            reviews = min(reviews_left, self._reviews_due(session, article_id, now))
            new = min(new_left, len(ids))
            mix_every = max(1, reviews // new) if new else 1
        else:
            mix_every = queue.mix_every
        queue = _NewQueue(today, deque(ids), complete, mix_every)
        self._new_queues[article_id] = queue
        return queue

    def _introduced_today(self, session: Session, now: datetime) -> set[tuple[str, ...]]:
        """Sibling keys of the sentences whose first card this learner met today."""
        statement = self._statement(
            ("introduced",),
            lambda: (
                select(
                    QuestionRow.id,
                    QuestionRow.article_id,
                    QuestionRow.source_sentence,
                )
                .join(ReviewLogRow, ReviewLogRow.question_id == QuestionRow.id)
                .where(
                    ReviewLogRow.learner_id == self.learner_id,
                    ReviewLogRow.reviewed_at >= bindparam("day_start", type_=MOMENT),
                    ReviewLogRow.state_before == STATE_NEW,
                )
            ),
        )
        rows = session.execute(statement, {"day_start": self.day.start(now)}).all()
        return {_sibling_key(qid, article, sentence) for qid, article, sentence in rows}

    def _article_order(self, session: Session) -> list[str]:
        """Every article id, in the order the articles entered the bank."""
        return list(
            session.scalars(select(ArticleRow.id).order_by(ArticleRow.imported_at, ArticleRow.id))
        )

    def _peek_new(
        self,
        session: Session,
        queue: _NewQueue,
        article_id: str | None,
        now: datetime,
        new_left: int,
    ) -> tuple[QuestionRow, CardRow | None] | None:
        """The first queued question that is still new (another process may have studied it)."""
        while True:
            if not queue.ids:
                if queue.exhausted:
                    return None
                queue = self._new_queue(session, article_id, now, new_left, 0)
                if not queue.ids:
                    return None
            question_id = queue.ids[0]
            question, row = (
                session.get(QuestionRow, question_id),
                self._card_row(session, question_id),
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

    def _drop_new(self, question_id: str) -> None:
        for queue in self._new_queues.values():
            if question_id in queue.ids:
                queue.ids.remove(question_id)

    def _restore_new(self, question_id: str, article_id: str) -> None:
        for scope, queue in self._new_queues.items():
            if scope in (None, article_id) and question_id not in queue.ids:
                queue.ids.appendleft(question_id)

    def _card_row(self, session: Session, question_id: str, lock: bool = False) -> CardRow | None:
        def build() -> Any:
            query = select(CardRow).where(
                CardRow.learner_id == self.learner_id,
                CardRow.question_id == bindparam("question_id"),
            )
            # Row lock (PostgreSQL; a no-op on SQLite, whose writers are serialised anyway):
            # two answers to one card queue up instead of the second overwriting the first's.
            return query.with_for_update() if lock else query

        statement = self._statement(("card", lock), build)
        return session.scalars(statement, {"question_id": question_id}).first()

    def _load(self, session: Session, question_id: str) -> tuple[QuestionRow, CardRow | None]:
        question = session.get(QuestionRow, question_id)
        if question is None:
            raise StudyError(f"no question {question_id!r} in the bank (deleted?)")
        return question, self._card_row(session, question_id, lock=True)

    def _update_card(self, question_id: str, **values: Any) -> None:
        """Set fields of this learner's card, making the card on first contact."""
        with self._writing() as session:
            _question, row = self._load(session, question_id)
            if row is None:
                row = CardRow(learner_id=self.learner_id, question_id=question_id, due=self._now())
                session.add(row)
            for name, value in values.items():
                setattr(row, name, value)

    def _title(self, session: Session, article_id: str) -> str:
        title = self._titles.get(article_id)
        if title is None:
            title = session.scalar(select(ArticleRow.title).where(ArticleRow.id == article_id))
            title = title or ""
            self._titles[article_id] = title
        return title

    def _view(self, session: Session, question: QuestionRow, row: CardRow | None) -> CardView:
        state = CardState.of_row(row)
        return state.view_of(question, self._title(session, question.article_id))
