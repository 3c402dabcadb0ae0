"""The study session service: the queue, answers, undo, bury, suspend, flag and edit.

Free of Textual: the study screen calls a `StudyService` and receives frozen dataclasses from
`quizapp.study_models`. Each call runs in its own short transaction; an answer is committed
before `answer()` returns, so killing the process loses at most the answer in flight.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from question_bank.schema import utcnow
from question_bank.store import Bank
from quizapp.settings import Settings
from quizapp.study_models import (
    AnswerResult,
    ArticleCounts,
    CardView,
    DeckCounts,
    GradePreview,
    SessionSummary,
)


class StudyService:
    """One learner's study session over a bank.

    `clock` returns aware UTC now and `timezone` is the learner's local zone (None: the
    machine's); both are injected so tests control the day boundary.
    """

    def __init__(
        self,
        bank: Bank,
        settings: Settings,
        learner: str,
        *,
        clock: Callable[[], datetime] = utcnow,
        timezone: tzinfo | None = None,
    ) -> None:
        self.bank = bank
        self.settings = settings
        self.learner = learner
        self.clock = clock
        self.timezone = timezone

    def article_counts(self) -> list[ArticleCounts]:
        """Home screen: new / learning / due per article, within today's limits."""
        raise NotImplementedError

    def counts(self, article_id: str | None = None) -> DeckCounts:
        """New / learning / due to study now (all articles, or one), within today's limits."""
        raise NotImplementedError

    def next_card(self, article_id: str | None = None) -> CardView | None:
        """The next card to show, or None when nothing is left for today."""
        raise NotImplementedError

    def previews(self, question_id: str) -> list[GradePreview]:
        """The interval each of the 4 grades would give the card now ("Good · 3d")."""
        raise NotImplementedError

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

        One transaction, committed before returning.
        """
        raise NotImplementedError

    def undo(self) -> CardView | None:
        """Undo the learner's last answer: restore the card exactly, delete its log.

        Returns the card to show again, or None when there is nothing to undo.
        """
        raise NotImplementedError

    def bury(self, question_id: str) -> None:
        """Hide the card until the next study day starts."""
        raise NotImplementedError

    def set_suspended(self, question_id: str, suspended: bool) -> None:
        """Suspend (never shown until unsuspended) or unsuspend the card."""
        raise NotImplementedError

    def set_flagged(self, question_id: str, flagged: bool) -> None:
        """Flag or unflag the card (a mark for the learner, e.g. "check this card")."""
        raise NotImplementedError

    def edit(
        self, question_id: str, *, prompt: str, answer: str, accepted_answers: list[str]
    ) -> CardView:
        """Change the card's wording; marks the question edited so regeneration keeps it."""
        raise NotImplementedError

    def summary(self) -> SessionSummary:
        """Summary of the answers given through this service instance."""
        raise NotImplementedError
