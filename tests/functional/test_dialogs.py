"""Dialogs show their own keys (footer and `?`), and no toast is ever drawn over a dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Input
from textual.widgets._footer import FooterKey
from textual.widgets._toast import Toast  # Textual exports no name for its toasts

from question_bank.store import Bank
from quizapp.tui.app import QuizApp
from quizapp.tui.dialogs.add_card import AddCardScreen
from quizapp.tui.dialogs.base import DialogNotice, QuizModal
from quizapp.tui.dialogs.confirm import ConfirmScreen
from quizapp.tui.dialogs.custom_study import CustomStudyScreen
from quizapp.tui.dialogs.edit_card import EditCardScreen
from quizapp.tui.dialogs.help import HelpScreen
from quizapp.tui.dialogs.learner import LearnerScreen
from quizapp.tui.dialogs.pick import PickScreen
from quizapp.tui.dialogs.quiz_player_pick import QuizPlayerPickScreen
from quizapp.tui.dialogs.quiz_prompts import QuizNameScreen, QuizTeamPickScreen
from quizapp.tui.dialogs.text_prompt import TextPromptScreen
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.study import StudyScreen
from tests.support.tui import make_app, press, screen_text, settle

pytestmark = pytest.mark.anyio


def footer_keys(screen: Screen[Any]) -> dict[str, str]:
    """What the screen's own footer shows: key -> description."""
    return {key.key_display: key.description for key in screen.query(FooterKey)}


def help_rows(app: QuizApp) -> dict[str, str]:
    table = app.screen.query_one("#help-keys", DataTable)
    rows = (table.get_row_at(i) for i in range(table.row_count))
    return {str(key): str(does) for key, does in rows}


# (where it starts, keys that open the dialog, the dialog, keys its footer shows)
OPENED_BY_KEYS = [
    # A text field has the focus, and takes `?`: F1 is the help key shown.
    ("study", ("e",), EditCardScreen, {"^s": "Save", "esc": "Cancel", "f1": "Help"}),
    ("home", ("c",), AddCardScreen, {"^s": "Save", "esc": "Cancel", "f1": "Help"}),
    ("home", ("l",), LearnerScreen, {"⏎": "Choose", "esc": "Cancel", "?": "Help"}),
    ("home", ("C",), CustomStudyScreen, {"^s": "Start", "esc": "Cancel", "?": "Help"}),
    ("home", ("r",), TextPromptScreen, {"⏎": "Save", "esc": "Cancel", "f1": "Help"}),
    ("home", ("m",), PickScreen, {"⏎": "Pick", "esc": "Cancel", "?": "Help"}),
    ("home", ("D",), ConfirmScreen, {"y": "Yes", "n": "No", "?": "Help"}),
]


@pytest.mark.parametrize(
    ("start", "keys", "dialog", "shown"),
    OPENED_BY_KEYS,
    ids=[case[2].__name__ for case in OPENED_BY_KEYS],
)
async def test_every_dialog_shows_its_keys_and_help_lists_them(
    filled: Bank,
    start: str,
    keys: tuple[str, ...],
    dialog: type[Screen[Any]],
    shown: dict[str, str],
) -> None:
    app = make_app(filled, start=start)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, *keys)
        await settle(pilot)
        assert isinstance(app.screen, dialog)
        footer = footer_keys(app.screen)
        assert footer.items() >= shown.items(), footer
        # The screen below's keys are not offered: they do nothing while the dialog is open.
        assert "Study all" not in footer.values() and "Show answer" not in footer.values()
        # F1 opens the help in every dialog, also where a text field would type `?`.
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        listed = help_rows(app)
        for key, does in shown.items():
            assert listed[key] == does
        await press(pilot, "escape")
        assert isinstance(app.screen, dialog)


async def test_question_mark_toggles_the_help_of_a_dialog(filled: Bank) -> None:
    app = make_app(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "D", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert help_rows(app)["y"] == "Yes"
        assert footer_keys(app.screen) == {"esc": "Close"}
        await press(pilot, "question_mark")
        assert isinstance(app.screen, ConfirmScreen)


# Factories: a screen belongs to the event loop of the app it first runs in, and each backend
# of the `bank` fixture runs its own app.
QUIZ_DIALOGS: dict[str, tuple[Callable[[], QuizModal[Any]], dict[str, str]]] = {
    "team-pick": (
        lambda: QuizTeamPickScreen("Which team?", ["Owls", "Foxes"]),
        {"1": "Pick team", "?": "Help"},
    ),
    "name": (lambda: QuizNameScreen("Rename team 1", "Owls"), {"⏎": "Save", "f1": "Help"}),
    "player-pick": (
        lambda: QuizPlayerPickScreen("Mark right", [(1, "ana", "Paris")]),
        {"⏎": "Pick", "f1": "Help"},
    ),
}


@pytest.mark.parametrize("name", QUIZ_DIALOGS)
async def test_quiz_night_dialogs_show_their_keys(filled: Bank, name: str) -> None:
    make_dialog, shown = QUIZ_DIALOGS[name]
    app = make_app(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(make_dialog())
        await settle(pilot)
        footer = footer_keys(app.screen)
        assert footer.items() >= {**shown, "esc": "Cancel"}.items(), footer


def covered_cells(screen: Screen[Any], box: Widget) -> set[tuple[int, int]]:
    """The cells of `box` where the user sees something else (a toast) drawn over it."""
    covered = set()
    region = box.region
    for y in range(region.y, region.bottom):
        for x in range(region.x, region.right):
            widget, _ = screen.get_widget_at(x, y)
            if widget is not box and box not in widget.ancestors:
                covered.add((x, y))
    return covered


async def test_a_notification_raised_in_a_dialog_is_shown_in_it_not_over_it(
    filled: Bank,
) -> None:
    app = make_app(filled, start="study")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        assert isinstance(app.screen, EditCardScreen)
        app.notify("Counts are up to date again.", severity="warning")
        await settle(pilot)
        dialog = app.screen.query_one("#edit-dialog")
        assert covered_cells(app.screen, dialog) == set()
        notice = app.screen.query_one(DialogNotice)
        assert notice.display and "Counts are up to date again." in str(notice.render())
        # The notice line is laid out beside the dialog, not drawn on it.
        assert not notice.region.overlaps(dialog.region)
        assert not notice.region.overlaps(app.screen.query_one("Footer").region)
        # Shown in the dialog, it is not toasted again once the dialog closes.
        await press(pilot, "escape")
        await settle(pilot)
        assert isinstance(app.screen, StudyScreen)
        assert not [toast for toast in app.screen.query(Toast) if toast.visible]


async def test_a_toast_from_before_the_dialog_waits_until_it_closes(filled: Bank) -> None:
    app = make_app(filled, start="study")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        app.notify("Card saved.", timeout=60)
        await settle(pilot)
        await press(pilot, "e")
        await settle(pilot)
        dialog = app.screen.query_one("#edit-dialog")
        assert covered_cells(app.screen, dialog) == set()
        await press(pilot, "escape")
        await settle(pilot)
        toasts = [toast for toast in app.screen.query(Toast) if toast.visible]
        assert toasts and "Card saved." in str(toasts[0].render())


async def test_a_card_that_cannot_work_is_said_in_the_add_dialog_which_stays_open(
    filled: Bank,
) -> None:
    app = make_app(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        # Enter after the prompt moves on to the answer; it does not save half a card.
        await pilot.press(*"Who leads KFOR?")
        await press(pilot, "enter")
        assert isinstance(app.screen, AddCardScreen)
        assert app.focused is app.screen.query_one("#add-answer")
        app.screen.query_one("#add-prompt", Input).value = ""
        await press(pilot, "enter")  # from the last field: save, refused
        await settle(pilot)
        assert isinstance(app.screen, AddCardScreen)
        assert "a card needs a prompt and an answer" in screen_text(app)
        app.screen.query_one("#add-prompt", Input).value = "Who leads KFOR?"
        await pilot.press(*"NATO")
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "13 cards in 2 articles" in screen_text(app)  # 12 before
