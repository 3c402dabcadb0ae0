"""Quiz night snapshots at 80x24 (a laptop) and 200x60 (a projector), from the fixture bank.

The clock stands still, so the countdown is the same on every run. Regenerate after a
deliberate UI change with `pytest tests/snapshots/test_quiz_snapshots.py --snapshot-update`,
then look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from question_bank.store import Bank, open_bank
from quizapp.quiznight.plan import NightSetup
from quizapp.settings import load_settings
from quizapp.tui.app import QuizApp
from tests.support.quiz import fill_quiz_bank
from tests.support.tui import FixedClock, settled

SMALL = (80, 24)
BIG = (200, 60)
SIZES = pytest.mark.parametrize("size", [SMALL, BIG], ids=["80x24", "200x60"])


@pytest.fixture
def quiz_bank(tmp_path: Path) -> Iterator[Bank]:
    bank = open_bank(tmp_path / "quiz-snapshot.sqlite")
    fill_quiz_bank(bank)
    yield bank
    bank.dispose()


def quiz_app(bank: Bank, clock: FixedClock | None = None, **options: Any) -> QuizApp:
    setup = NightSetup(teams=["Red", "Blue", "Green"], rounds=2, per_round=3, seed=1)
    for key, value in options.items():
        setattr(setup, key, value)
    return QuizApp(
        bank, load_settings(), start="quiz-night", clock=clock or FixedClock(), quiz_setup=setup
    )


def keys(
    *pressed: str, then: Callable[[], None] | None = None
) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settled(pilot)
        for key in pressed:
            await pilot.press(key)
            await pilot.pause()
        if then is not None:
            then()
            await pilot.pause()

    return run_before


@SIZES
def test_quiz_setup(snap_compare: Any, quiz_bank: Bank, size: tuple[int, int]) -> None:
    assert snap_compare(quiz_app(quiz_bank), terminal_size=size, run_before=keys())


@SIZES
def test_quiz_choice_question(snap_compare: Any, quiz_bank: Bank, size: tuple[int, int]) -> None:
    app = quiz_app(quiz_bank, kinds=("choice",))
    assert snap_compare(app, terminal_size=size, run_before=keys("ctrl+s"))


@SIZES
def test_quiz_choice_revealed(snap_compare: Any, quiz_bank: Bank, size: tuple[int, int]) -> None:
    app = quiz_app(quiz_bank, kinds=("choice",))
    assert snap_compare(app, terminal_size=size, run_before=keys("ctrl+s", "r"))


@SIZES
def test_quiz_open_question_scored(
    snap_compare: Any, quiz_bank: Bank, size: tuple[int, int]
) -> None:
    app = quiz_app(quiz_bank, kinds=("open",))
    # Red scores, Blue is marked wrong: the team bar shows both marks
    assert snap_compare(app, terminal_size=size, run_before=keys("ctrl+s", "1", "x", "2"))


def test_quiz_countdown_red(snap_compare: Any, quiz_bank: Bank) -> None:
    clock = FixedClock()
    app = quiz_app(quiz_bank, clock, kinds=("truefalse",), timer_seconds=30)

    def run_out() -> None:
        clock.advance(seconds=26)
        app.screen.tick()  # type: ignore[attr-defined]

    assert snap_compare(app, terminal_size=SMALL, run_before=keys("ctrl+s", "space", then=run_out))


@SIZES
def test_quiz_scoreboard(snap_compare: Any, quiz_bank: Bank, size: tuple[int, int]) -> None:
    app = quiz_app(quiz_bank, double_final=True)
    pressed = ("ctrl+s", "1", "2", "n", "2", "n", "3", "n")
    assert snap_compare(app, terminal_size=size, run_before=keys(*pressed))


@SIZES
def test_quiz_podium(snap_compare: Any, quiz_bank: Bank, size: tuple[int, int]) -> None:
    app = quiz_app(quiz_bank, rounds=1)
    pressed = ("ctrl+s", "1", "2", "n", "2", "n", "2", "3", "n")
    assert snap_compare(app, terminal_size=size, run_before=keys(*pressed))
