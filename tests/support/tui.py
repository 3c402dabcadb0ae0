"""Helpers for the TUI's functional and snapshot tests: a fixed clock and a fixture bank."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from textual.pilot import Pilot

from question_bank.store import Bank
from question_bank.store.interchange import import_document, parse_document
from question_bank.store.schema import CardRow, QuestionRow, ReviewLogRow
from quizapp.settings import Settings, load_settings
from quizapp.tui.app import QuizApp

DATA = Path(__file__).resolve().parent.parent / "data"
SNAPSHOT_BANK = DATA / "snapshot_bank.json"
KFOR = "a1kfor0000000000000000000000000a"
MOON = "b2moon0000000000000000000000000b"
START = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)


async def settled(pilot: Pilot[Any]) -> None:
    """Every worker is done and what it read is on screen (slow reads run in workers)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


class FixedClock:
    """A clock that stands still until a test moves it (no real time in tests)."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def fill_bank(bank: Bank) -> None:
    """The hand-written fixture bank: 2 articles, 12 questions of every kind."""
    document = parse_document(SNAPSHOT_BANK.read_text(encoding="utf-8"))
    with bank.transaction() as session:
        import_document(session, document)


def make_app(
    bank: Bank,
    clock: FixedClock | None = None,
    *,
    settings: Settings | None = None,
    start: str = "home",
    article_id: str | None = None,
    mode: str | None = None,
) -> QuizApp:
    """The app on a bank, for learner "ana", with a fixed clock and UTC as local time."""
    return QuizApp(
        bank,
        settings or load_settings(learner="ana"),
        start=start,
        article_id=article_id,
        mode=mode,
        clock=clock or FixedClock(),
        timezone=UTC,
    )


def review_count(bank: Bank) -> int:
    with bank.transaction() as session:
        return session.scalar(select(func.count()).select_from(ReviewLogRow)) or 0


def ratings(bank: Bank) -> list[int]:
    with bank.transaction() as session:
        return list(session.scalars(select(ReviewLogRow.rating).order_by(ReviewLogRow.id)))


def screen_text(app: QuizApp) -> str:
    """Everything the current screen's visible Static widgets show, as plain text."""
    from rich.console import Console
    from textual.widgets import Static

    console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    for widget in app.screen.query(Static):
        if widget.display and all(ancestor.display for ancestor in widget.ancestors[:-1]):
            console.print(widget.content)
    return console.export_text()


def study_history(bank: Bank, days: int = 20, per_day: int = 3) -> None:
    """Answer cards on past days (through the study service), so stats have something to show."""
    from quizapp.study.session import StudyService

    settings = load_settings(learner="ana")
    for day in range(days, 0, -1):
        clock = FixedClock(START - timedelta(days=day))
        service = StudyService(bank, settings, "ana", clock=clock, timezone=UTC)
        for answer in range(per_day + day % 3):
            card = service.next_card()
            if card is None:
                break
            rating = 1 if (day + answer) % 4 == 0 else 3
            service.answer(card.question_id, rating, duration_ms=4000, mode="flip")
            clock.advance(minutes=11)


async def settle(pilot: Pilot[Any]) -> None:
    """Let messages, refreshes and thread workers (counts, stats, search) finish.

    A finished worker often posts a message that starts another (seeding -> home -> counts),
    so wait in rounds until no worker is left running, up to a bound.
    """
    for _ in range(20):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            return


async def press(pilot: Pilot[Any], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def card_row(bank: Bank, question_id: str) -> CardRow | None:
    with bank.transaction() as session:
        return session.scalars(select(CardRow).where(CardRow.question_id == question_id)).first()


def question_row(bank: Bank, question_id: str) -> QuestionRow | None:
    with bank.transaction() as session:
        return session.get(QuestionRow, question_id)


def logs(bank: Bank) -> list[ReviewLogRow]:
    with bank.transaction() as session:
        return list(session.scalars(select(ReviewLogRow).order_by(ReviewLogRow.id)))


@contextmanager
def locked(bank: Bank, path: Path) -> Iterator[None]:
    """Another process holds the bank's write lock; waits for it are cut to 0.2 s."""
    import sqlite3

    from question_bank.store import engine as store

    other = sqlite3.connect(path)
    other.execute("BEGIN EXCLUSIVE")
    wait = store.SQLITE_BUSY_TIMEOUT_S
    store.SQLITE_BUSY_TIMEOUT_S = 0.2
    bank.engine.dispose()  # new connections get the short busy timeout
    try:
        yield
    finally:
        store.SQLITE_BUSY_TIMEOUT_S = wait
        other.rollback()
        other.close()
