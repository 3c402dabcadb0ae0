"""The session summary: what a session did, and when to come back."""

from __future__ import annotations

import pytest

from question_bank.store import Bank
from quizapp.tui.app import QuizApp
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.summary import SummaryScreen
from tests.support.tui import (
    KFOR,
    MOON,
    FixedClock,
    logs,
    make_app,
    press,
    screen_text,
    settle,
)

pytestmark = pytest.mark.anyio


def summary_text(app: QuizApp) -> str:
    return " ".join(screen_text(app).split())


async def test_finishing_every_card_ends_the_session_by_itself(filled: Bank) -> None:
    clock = FixedClock()
    app = make_app(filled, clock, start="study", article_id=MOON)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        # The Moon's three sentences give one new card each today, all rated Easy: none
        # comes back today.
        for _ in range(3):
            clock.advance(seconds=10)
            await press(pilot, "space", "4")
        assert isinstance(app.screen, SummaryScreen)
        shown = summary_text(app)
        assert "Done for today: nothing left to study in this article now." in shown
        assert "Cards studied 3" in shown and "Correct 100% (3 of 3)" in shown
        assert "Session time 0:30" in shown
        assert "Due by tomorrow 0" in shown
        assert "Next card due in " in shown and "Next card due now" not in shown
        assert len(logs(filled)) == 3
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_nothing_to_study_says_so(filled: Bank) -> None:
    app = make_app(filled, start="study", article_id=MOON)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        for _ in range(4):
            await press(pilot, "space", "4")
        await press(pilot, "enter")  # home
        await press(pilot, "down", "enter")  # the Moon again: nothing left today
        assert isinstance(app.screen, SummaryScreen)
        shown = summary_text(app)
        assert "Nothing to study in this article now." in shown and "Cards studied 0" in shown
        assert "Correct — (0 of 0)" in shown


async def test_summary_says_where_the_next_card_is_due_and_one_time(filled: Bank) -> None:
    """Issue 12, wrong today 6: "Nothing to study now" beside "Next card due now" (the card
    was in another article), and a header time that disagreed with "Time spent"."""
    clock = FixedClock()
    app = make_app(filled, clock, start="study", article_id=KFOR)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "space", "1")  # Again: due again in a minute, in KFOR
        await press(pilot, "q", "enter")
        await press(pilot, "down", "enter")  # the Moon
        for _ in range(3):
            clock.advance(seconds=20)
            await press(pilot, "space", "4")
        clock.advance(seconds=15)  # time passes on the summary's way: the header's clock
        assert isinstance(app.screen, SummaryScreen)
        shown = summary_text(app)
        assert "nothing left to study in this article now" in shown
        assert "Next card due in " in shown and "in this article" in shown
        assert "Sooner elsewhere now in “NATO strengthens KFOR" in shown
        assert shown.count("time") == 1 and "Session time 1:00" in shown
