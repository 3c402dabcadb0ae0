"""Everything works with the mouse: study, dialogs' buttons, lists and radio buttons.

Each test uses the mouse only (`pilot.click`), apart from the key that opens the screen under
test where the point is the dialog, and checks what the learner sees and what the bank holds.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import RadioButton
from textual.widgets._footer import FooterKey

from question_bank.store import Bank
from quizapp.tui.app import QuizApp
from quizapp.tui.dialogs.confirm import ConfirmScreen
from quizapp.tui.dialogs.custom_study import CustomStudyScreen
from quizapp.tui.dialogs.edit_card import EditCardScreen
from quizapp.tui.dialogs.learner import LearnerScreen
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.study import StudyScreen
from quizapp.tui.widgets.counts_table import CountsTable
from quizapp.tui.widgets.inputs import QuizInput
from tests.support.tui import make_app, press, ratings, screen_text, settle

pytestmark = pytest.mark.anyio


async def click_footer(app: QuizApp, pilot: Pilot[Any], description: str) -> None:
    """Click the footer's key with this description, as a mouse user does."""
    keys = [key for key in app.screen.query(FooterKey) if key.description == description]
    assert keys, f"no {description!r} in the footer"
    await pilot.click(keys[0])
    await settle(pilot)


async def test_study_a_card_with_the_mouse(filled: Bank) -> None:
    app = make_app(filled, start="study")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = screen_text(app)
        await click_footer(app, pilot, "Show answer")
        assert app.screen.query_one("#grade-3").display
        await pilot.click("#grade-3")
        await settle(pilot)
        assert ratings(filled) == [3]
        assert screen_text(app) != first  # the next card
        await click_footer(app, pilot, "Show answer")
        await pilot.click("#grade-1")
        await settle(pilot)
        assert ratings(filled) == [3, 1]
        await click_footer(app, pilot, "Undo")
        assert ratings(filled) == [3]


async def test_confirm_dialog_buttons(filled: Bank) -> None:
    app = make_app(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "D")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#confirm-no")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one(CountsTable).row_count == 2
        await press(pilot, "D")
        await pilot.click("#confirm-yes")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one(CountsTable).row_count == 1


async def test_edit_dialog_buttons(filled: Bank) -> None:
    app = make_app(filled, start="study")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        await pilot.click("#edit-cancel")
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen)
        await press(pilot, "e")
        assert isinstance(app.screen, EditCardScreen)
        await pilot.click("#edit-answer")
        app.screen.query_one("#edit-answer", QuizInput).value = "seven hundred troops"
        await pilot.click("#edit-save")
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen)
        await click_footer(app, pilot, "Show answer")
        assert "seven hundred troops" in screen_text(app)


async def test_custom_study_radio_buttons_and_start(filled: Bank) -> None:
    app = make_app(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "C")
        assert isinstance(app.screen, CustomStudyScreen)
        cram = next(b for b in app.screen.query(RadioButton) if "ram" in str(b.label))
        await pilot.click(cram)
        await settle(pilot)
        assert cram.value and app.screen.kind == "cram"
        assert "nothing is rescheduled" in screen_text(app)
        await pilot.click("#custom-start")
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen)
        assert "ram" in screen_text(app)  # the header says it is a cram session


async def test_learner_list_is_clickable(filled: Bank) -> None:
    app = make_app(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "l")
        assert isinstance(app.screen, LearnerScreen)
        await pilot.click("#learner-list", offset=(3, 1))
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen) and app.learner == "ana"


async def test_choice_options_are_clickable(filled: Bank) -> None:
    app = make_app(filled, start="study", mode="choice")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        options = app.screen.query_one("#card-options")
        assert "a) " in screen_text(app)
        await pilot.click(options, offset=(6, 1))  # the second option, "b)"
        await settle(pilot)
        assert "✓" in screen_text(app) or "✗" in screen_text(app)
        assert app.screen.query_one("#grade-3").display


async def test_home_shows_the_keys_its_footer_has_no_room_for(filled: Bank) -> None:
    app = make_app(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        for hint in ("a Add article", "l Learner", "c Add card", "n Quiz night", "D Delete"):
            assert hint in shown
        keys = app.screen.query_one("#home-keys")
        assert keys.region.right <= 80 and keys.region.height == 2  # whole, on two lines
        await pilot.click(keys, offset=(16, 0))  # "l Learner"
        await settle(pilot)
        assert isinstance(app.screen, LearnerScreen)
