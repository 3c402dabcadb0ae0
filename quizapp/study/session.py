"""The study session: the queue and answering, over one learner's cards.

Free of Textual: the study screen calls a `StudyService` and receives frozen dataclasses from
`quizapp.study.views`. Each call runs in its own short transaction; an answer is committed
before `answer()` returns, so killing the process loses at most the answer in flight.

Split as Anki splits its scheduler: the session owns the queue (`queue`: which card comes
next) and the answers (FSRS scheduling, the review log, undoing the last answer, the session
summary); the operations on single cards (`cards`: bury, suspend, flag, edit) and the counts
(`counts`) work without a session, and the session runs them and updates its queue. The undo
and redo of every study action (`undo.UndoStack`) sits on top, in the study screen. All of
them share one `queries.LearnerQueries`, whose statements are built once per learner.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from question_bank.errors import BankError
from question_bank.store import Bank
from question_bank.store.schema import CardRow, QuestionRow, ReviewLogRow
from quizapp.clock import Clock, utcnow
from quizapp.settings import STUDY_MODES, Settings
from quizapp.study import scheduling
from quizapp.study.cards import CardOperations
from quizapp.study.counts import StudyCounts
from quizapp.study.learners import fsrs_parameters
from quizapp.study.queries import LearnerQueries, StudyError
from quizapp.study.queue import NEW_BATCH, StudyQueue
from quizapp.study.scheduling import CardState
from quizapp.study.scope import LearnerScope
from quizapp.study.views import (
    AGAIN,
    STATE_NEW,
    STATE_REVIEW,
    AnswerResult,
    ArticleCounts,
    CardView,
    DeckCounts,
    GradePreview,
    SessionSummary,
)

__all__ = ["LEECH_TAG", "NEW_BATCH", "StudyError", "StudyService"]

LEECH_TAG = "leech"


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
        self.learner = scope.learner
        with scope.bank.transaction() as session:
            fitted = fsrs_parameters(session, self.learner_id)
        # The learner's own FSRS weights when they have been optimised; each log records
        # which ones scheduled it, so the history replays exactly across optimisations.
        self.fsrs_params_id = fitted.id if fitted is not None else None
        self.scheduler = scheduling.build_scheduler(
            scope.settings, fitted.parameters if fitted is not None else None
        )
        self.queries = LearnerQueries(scope)
        self.queue = StudyQueue(self.queries)
        self.cards = CardOperations(self.queries)
        self.tally = StudyCounts(self.queries, self.queue)
        self._log = _SessionLog()

    # -- reading -------------------------------------------------------------------------

    def article_counts(self) -> list[ArticleCounts]:
        """Home screen: new / learning / due per article, within today's limits."""
        return self.tally.article_counts()

    def counts(self, article_id: str | None = None) -> DeckCounts:
        """New / learning / due to study now (all articles, or one), within today's limits."""
        return self.tally.counts(article_id)

    def adopt_counts(self, counts: StudyCounts) -> None:
        """Use the queue scanned by `counts` (a `StudyCounts.for_scope` of this learner, run in
        a worker before this session changed anything): its figures are this session's."""
        self.queue.adopt(counts.queue)

    def next_card(self, article_id: str | None = None) -> CardView | None:
        """The next card to show, or None when nothing is left for today."""
        q = self.queries
        now = q.now()
        with self.bank.transaction() as session:
            found = self.queue.next(session, article_id, now, self._log.reviews_since_new)
            return q.view(session, *found) if found is not None else None

    def card(self, question_id: str) -> CardView:
        """One card as this learner sees it (for the browse screen and after an edit)."""
        return self.cards.card(question_id)

    def siblings(self, question_id: str) -> list[str]:
        """The other live cards of this card's source sentence."""
        return self.cards.siblings(question_id)

    def previews(self, question_id: str) -> list[GradePreview]:
        """The interval each of the 4 grades would give the card now ("Good · 3d")."""
        now = self.queries.now()
        with self.bank.transaction() as session:
            _question, row = self.queries.load(session, question_id)
            before = CardState.of_row(row)
        seed = scheduling.fuzz_seed(self.learner_id, question_id, before.reps)
        return scheduling.previews(self.scheduler, before, now, seed=seed)

    def summary(self, article_id: str | None = None) -> SessionSummary:
        """Summary of the answers given through this service instance (undone ones left out),
        and when and where the next card falls due: in the session's article (`article_id`)
        and, when a card elsewhere falls due sooner, that one too."""
        now = self.queries.now()
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
            title = self.queries.title(session, elsewhere[1]) if elsewhere is not None else ""
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

    # -- answering -----------------------------------------------------------------------

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
        now = self.queries.now()
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
        with self.queries.writing() as session:
            question, row = self.queries.load(session, question_id)
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
                card_before=self._undo_record(before, after, existed, tag_added),
            )
            session.add(log)
            session.flush()
            log_id, article_id = log.id, question.article_id
        self._answered(question_id, article_id, before, log_id, rating, duration_ms, now)
        assert after.due is not None
        return AnswerResult(
            question_id=question_id,
            rating=rating,
            due=after.due,
            interval=outcome.interval,
            became_leech=became_leech,
            suspended=after.suspended and not before.suspended,
        )

    def _undo_record(
        self, before: CardState, after: CardState, existed: bool, tag_added: bool
    ) -> dict[str, Any]:
        """What `undo` needs to put the card back exactly, kept in the answer's log."""
        return {
            "card": before.to_json(),
            "existed": existed,
            "leech_tag_added": tag_added,
            "suspended_by_answer": after.suspended and not before.suspended,
            # Which FSRS weights scheduled it, so the history replays across optimisations.
            "fsrs_params": self.fsrs_params_id,
        }

    def _answered(
        self,
        question_id: str,
        article_id: str,
        before: CardState,
        log_id: int,
        rating: int,
        duration_ms: int,
        now: datetime,
    ) -> None:
        """Committed: only now does the session's bookkeeping count the answer."""
        due_today = before.due is not None and before.due <= self.queries.day_end(now)
        if before.state == STATE_REVIEW and due_today and not before.suspended:
            self.queue.review_done(article_id)
        self._log.answers.append(_Answered(log_id, rating, max(0, int(duration_ms))))
        if before.state == STATE_NEW:
            self._log.reviews_since_new = 0
            self.queue.drop([question_id])
        elif before.state == STATE_REVIEW:
            self._log.reviews_since_new += 1

    def undo(self) -> CardView | None:
        """Undo the learner's last answer: restore the card exactly, delete its log.

        Everything the answer changed (FSRS state, due date, reps, lapses, leech tag and a
        leech's suspension) is put back as it was; a flag, bury or suspension the learner set
        after the answer is kept. Works on the learner's last answer in the bank, so also after
        a restart. Returns the card to show again, or None when there is nothing to undo.
        """
        q = self.queries
        with q.writing() as session:
            log = session.scalars(
                select(ReviewLogRow)
                .where(ReviewLogRow.learner_id == self.learner_id)
                .order_by(ReviewLogRow.id.desc())
                .limit(1)
            ).first()
            if log is None:
                return None
            question, row = q.load(session, log.question_id)
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
            view = q.view(session, question, row)
        answers = self._log.answers
        if answers and answers[-1].log_id == log_id:
            answers.pop()
        buried = before.buried_until is not None and before.buried_until > q.now()
        if before.state == STATE_NEW and not before.suspended and not buried:
            self.queue.restore(log.question_id, article_id)
        self.queue.recount_reviews()
        return view

    # -- card operations, then the queue follows ------------------------------------------

    def bury(self, question_id: str) -> None:
        """Hide the card, and its siblings, until the next study day starts."""
        self.queue.drop(self.cards.bury(question_id))
        self.queue.recount_reviews()

    def set_suspended(self, question_id: str, suspended: bool) -> None:
        """Suspend (never shown until unsuspended) or unsuspend the card."""
        hidden = self.cards.set_suspended(question_id, suspended)
        self.queue.recount_reviews()
        if suspended:
            self.queue.drop(hidden)
        else:
            self.queue.rescan_new()  # an unsuspended new card may rejoin the new pile

    def set_flagged(self, question_id: str, flagged: bool) -> None:
        """Flag or unflag the card (a mark for the learner: "check this card")."""
        self.cards.set_flagged(question_id, flagged)

    def edit(
        self, question_id: str, *, prompt: str, answer: str, accepted_answers: list[str]
    ) -> CardView:
        """Change the card's wording; marks the question edited so regeneration keeps it."""
        return self.cards.edit(
            question_id, prompt=prompt, answer=answer, accepted_answers=accepted_answers
        )

    def forget_cache(self) -> None:
        """Read the queue and counts afresh: cards changed behind this service (undo, redo)."""
        self.queue.forget()
