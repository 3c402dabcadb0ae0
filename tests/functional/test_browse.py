"""The browse screen: search, filters, edit, suspend and delete, checked in the bank."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Select

from question_bank.store import Bank
from quizapp.tui.app import QuizApp
from quizapp.tui.dialogs.confirm import ConfirmScreen
from quizapp.tui.dialogs.edit_card import EditCardScreen
from quizapp.tui.screens.browse import BrowseScreen
from quizapp.tui.widgets.inputs import QuizTextArea
from tests.support.tui import (
    card_row,
    make_app,
    press,
    question_row,
    screen_text,
    settle,
)

pytestmark = pytest.mark.anyio

FIRST = "a1kfq0000000"


def rows(app: QuizApp) -> list[str]:
    """The question ids in the table, top to bottom."""
    table = app.screen.query_one("#browse-table", DataTable)
    return [str(row.key.value) for row in table.ordered_rows]


async def test_all_questions_then_search(filled: Bank) -> None:
    app = make_app(filled, start="browse")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BrowseScreen)
        assert len(rows(app)) == 12
        assert "12 questions" in screen_text(app)
        await press(pilot, "slash")
        assert app.screen.query_one("#browse-search", Input).has_focus
        await pilot.press(*"Oslo")
        await settle(pilot)
        # Oslo is in one sentence, behind three cards (two of them ask about something else).
        assert rows(app) == ["a1kfq0100000", "a1kfq0200000", "a1kfq0700000"]
        assert "3 questions" in screen_text(app)


async def test_filters_by_kind_and_state(filled: Bank) -> None:
    app = make_app(filled, start="browse")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        app.screen.query_one("#f-kind", Select).value = "choice"
        await settle(pilot)
        assert rows(app) == ["a1kfq0300000", "b2moq0000000", "b2moq0100000"]
        app.screen.query_one("#f-state", Select).value = 2  # review: nothing answered yet
        await settle(pilot)
        assert rows(app) == []
        app.screen.query_one("#f-state", Select).clear()
        app.screen.query_one("#f-kind", Select).clear()
        await settle(pilot)
        assert len(rows(app)) == 12


async def test_suspend_toggles_and_shows(filled: Bank) -> None:
    app = make_app(filled, start="browse")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        row = card_row(filled, FIRST)
        assert row is not None and row.suspended
        table = app.screen.query_one("#browse-table", DataTable)
        assert str(table.get_cell(FIRST, "flags")) == "S"
        await press(pilot, "s")
        row = card_row(filled, FIRST)
        assert row is not None and not row.suspended


async def test_delete_asks_first(filled: Bank) -> None:
    app = make_app(filled, start="browse")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        kept = question_row(filled, FIRST)
        assert kept is not None and not kept.retired
        await press(pilot, "d", "y")
        gone = question_row(filled, FIRST)  # a retired tombstone, so regenerating skips it
        assert gone is not None and gone.retired and "deleted" in gone.tags
        assert FIRST not in rows(app) and len(rows(app)) == 11


async def test_enter_edits_the_selected_question(filled: Bank) -> None:
    app = make_app(filled, start="browse")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, EditCardScreen)
        accepted = app.screen.query_one("#edit-accepted", QuizTextArea)
        assert accepted.text == "Stoltenberg"
        accepted.text = "Stoltenberg\nJ. Stoltenberg"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, BrowseScreen)
        saved = question_row(filled, "a1kfq0100000")
        assert saved is not None and saved.accepted_answers == ["Stoltenberg", "J. Stoltenberg"]
