"""A bank with some history in it: questions, learners, answered cards and review logs.

Shared by the tests of shared banks (learners, backup/restore, class stats, engines). Answers
go through the real study service with an injected clock, so the history is what a learner
would leave behind.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from question_bank.store import Bank, open_bank
from question_bank.store.interchange import import_document, parse_document
from question_bank.store.schema import (
    QuestionRow,
    QuizAskedRow,
    QuizNightRow,
    QuizScoreRow,
    QuizTeamRow,
)
from quizapp.settings import Settings
from quizapp.study.session import StudyService
from quizapp.study.views import AGAIN, GOOD, HARD

DATA = Path(__file__).resolve().parent.parent / "data"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


def import_questions(bank: Bank) -> int:
    """The 11 questions of tests/data/export_bank.json; returns how many."""
    document = parse_document((DATA / "export_bank.json").read_bytes())
    with bank.transaction() as session:
        import_document(session, document)
    return len(document.questions)


def study(bank: Bank, learner: str, answers: int, *, start: datetime = T0, days: int = 1) -> Clock:
    """`learner` answers `answers` cards a day for `days` days (Good, Hard, Again in turn)."""
    clock = Clock(start)
    ratings = (GOOD, HARD, GOOD, AGAIN)
    for day in range(days):
        clock.now = start + timedelta(days=day)
        service = StudyService(bank, Settings(), learner, clock=clock, timezone=UTC)
        for number in range(answers):
            card = service.next_card()
            if card is None:
                break
            service.answer(
                card.question_id,
                ratings[number % len(ratings)],
                duration_ms=1500,
                mode="flip",
            )
            clock.now += timedelta(seconds=30)
    return clock


def bank_with_history_at(url: str) -> None:
    """`bank_with_history` into the bank at `url` (for tests that then run the command)."""
    bank = open_bank(url)
    try:
        bank_with_history(bank)
    finally:
        bank.dispose()


def bank_with_history(bank: Bank) -> None:
    """Questions, and learners Ann (6 answers a day for 3 days) and Bob (3 answers)."""
    import_questions(bank)
    study(bank, "Ann", 6, days=3)
    study(bank, "Bob", 3)


def add_quiz_night(bank: Bank) -> None:
    """A played quiz night: one team, one question asked, one score."""
    with bank.transaction() as session:
        question_id = session.scalars(select(QuestionRow.id).order_by(QuestionRow.id)).first()
        night = QuizNightRow(name="Friday quiz", settings={"rounds": 1}, started_at=T0)
        session.add(night)
        session.flush()
        team = QuizTeamRow(night_id=night.id, name="Owls", position=0)
        asked = QuizAskedRow(night_id=night.id, question_id=question_id, round_number=1, position=0)
        session.add_all([team, asked])
        session.flush()
        session.add(
            QuizScoreRow(
                night_id=night.id, team_id=team.id, asked_id=asked.id, points=1.5, awarded_at=T0
            )
        )


def quizapp(
    *args: str, stdin: str = "", cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real `quizapp` command, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "quizapp", *args],
        capture_output=True,
        text=True,
        check=False,
        input=stdin,
        cwd=cwd,
        timeout=120,
    )
