"""`LearnerScope`: who studies which bank, with which settings, on which clock and study day.

Built once per learner (`LearnerScope.open` looks the learner up, creating it if new) and
handed to the services, instead of the same five arguments and a fresh lookup of the
learner's name in every call. The TUI builds one at start and one on each learner switch.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import tzinfo

from question_bank.store import Bank
from quizapp.clock import Clock, StudyDay, utcnow
from quizapp.settings import Settings
from quizapp.study.learners import clean_name, get_or_create_learner


@dataclass(frozen=True)
class LearnerScope:
    """One learner's view of a bank; immutable, safe to share with worker threads."""

    bank: Bank
    """The open bank the services read and write."""
    settings: Settings
    """The effective settings (limits, FSRS options, the day's start hour)."""
    learner: str
    """The learner's name, cleaned (`clean_name`)."""
    learner_id: int
    """The learner's row id: looked up once, when the scope is opened."""
    clock: Clock
    """Now, as aware UTC; tests inject a fixed one."""
    day: StudyDay
    """Where the learner's study days begin and end (the start hour, the local zone)."""

    @classmethod
    def open(
        cls,
        bank: Bank,
        settings: Settings,
        learner: str,
        *,
        clock: Clock = utcnow,
        timezone: tzinfo | None = None,
    ) -> LearnerScope:
        """The scope for `learner` (created in the bank if new), in one short transaction."""
        name = clean_name(learner)
        with bank.transaction() as session:
            learner_id = get_or_create_learner(session, name)
        day = StudyDay(settings.day_starts_at_hour, timezone)
        return cls(bank, settings, name, learner_id, clock, day)

    def with_settings(self, settings: Settings) -> LearnerScope:
        """The same learner under new settings (the settings screen saved them)."""
        return replace(
            self, settings=settings, day=StudyDay(settings.day_starts_at_hour, self.day.zone)
        )
