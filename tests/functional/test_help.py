"""`?` lists every key of the screen it is pressed on."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from question_bank.store import Bank
from quizapp.tui.app import QuizApp
from quizapp.tui.dialogs.help import HelpScreen
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.study import StudyScreen
from tests.support.tui import make_app, press, settle

pytestmark = pytest.mark.anyio


def help_rows(app: QuizApp) -> dict[str, str]:
    table = app.screen.query_one("#help-keys", DataTable)
    return {
        str(table.get_row_at(i)[0]): str(table.get_row_at(i)[1]) for i in range(table.row_count)
    }


async def test_help_on_home(filled: Bank) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HomeScreen) is False and isinstance(app.screen, HelpScreen)
        keys = help_rows(app)
        assert keys["s"] == "Study all" and keys["b"] == "Browse" and keys["t"] == "Stats"
        assert keys[","] == "Settings" and keys["n"] == "Quiz night" and keys["l"] == "Learner"
        assert "Scroll Up" not in keys.values()  # Textual's generic keys are left out
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_help_on_study_lists_the_card_keys(filled: Bank) -> None:
    app = make_app(filled, start="study")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "space", "question_mark")
        keys = help_rows(app)
        for key, does in {
            "1": "Again",
            "4": "Easy",
            "u": "Undo",
            "-": "Bury",
            "!": "Suspend",
            "f": "Flag",
            "e": "Edit",
            "q": "End",
        }.items():
            assert keys[key] == does
        await press(pilot, "question_mark")
        assert isinstance(app.screen, StudyScreen)


async def test_help_lists_custom_study_on_home_and_in_its_dialog(filled: Bank) -> None:
    from quizapp.tui.dialogs.custom_study import CustomStudyScreen

    app = make_app(filled)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert help_rows(app)["C"] == "Custom study"
        await press(pilot, "escape", "C")
        assert isinstance(app.screen, CustomStudyScreen)
        await press(pilot, "question_mark")
        keys = help_rows(app)
        assert keys["^s"] == "Start" and keys["esc"] == "Cancel"
