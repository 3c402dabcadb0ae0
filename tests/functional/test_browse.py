"""The browse screen: search, filters, edit, suspend and delete, checked in the bank."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select

from question_bank.store import Bank
from quizapp.study.views import BrowseRow
from quizapp.tui.app import QuizApp
from quizapp.tui.dialogs.confirm import ConfirmScreen
from quizapp.tui.dialogs.edit_card import EditCardScreen
from quizapp.tui.screens.browse import BrowseScreen
from quizapp.tui.widgets.inputs import QuizTextArea
from quizapp.tui.widgets.lazy_table import LazyTable
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


def table(app: QuizApp) -> LazyTable[BrowseRow]:
    return app.screen.query_one("#browse-table", LazyTable)


def rows(app: QuizApp) -> list[str]:
    """The question ids in the table, top to bottom."""
    shown = table(app)
    return [row.question_id for i in range(shown.row_count) if (row := shown.row(i)) is not None]


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
        app.screen.query_one("#f-show", Select).value = "is:review"  # nothing answered yet
        await settle(pilot)
        assert rows(app) == []
        app.screen.query_one("#f-show", Select).clear()
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
        first = table(app).row(0)
        assert first is not None and first.question_id == FIRST and first.suspended
        assert "S" in str(table(app).render_line(1).text)
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


async def test_search_syntax_and_errors(filled: Bank) -> None:
    app = make_app(filled, start="browse")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await pilot.press(*"kind:choice -article:moon")
        await settle(pilot)
        assert rows(app) == ["a1kfq0300000"]
        app.screen.query_one("#browse-search", Input).value = "is:dued"
        await settle(pilot)
        assert "is: takes" in screen_text(app)
        assert rows(app) == ["a1kfq0300000"]  # the last good search stays on screen


async def test_flag_bury_tags_forget_from_the_browser(filled: Bank) -> None:
    app = make_app(filled, start="browse")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        row = card_row(filled, FIRST)
        assert row is not None and row.flagged
        await press(pilot, "minus")
        row = card_row(filled, FIRST)
        assert row is not None and row.buried_until is not None
        assert table(app).row(0) is not None and table(app).row(0).buried  # type: ignore[union-attr]
        await press(pilot, "minus")
        row = card_row(filled, FIRST)
        assert row is not None and row.buried_until is None
        await press(pilot, "t")
        app.screen.query_one("#prompt-input", Input).value = "war  nato"
        await press(pilot, "enter")
        question = question_row(filled, FIRST)
        assert question is not None and question.tags == ["war", "nato"]
        assert "war nato" in str(table(app).render_line(1).text)
        await press(pilot, "n")  # forget: a new card stays new
        assert any("new again" in n.message for n in app._notifications)


async def test_sort_by_clicking_a_heading_and_by_key(filled: Bank) -> None:
    app = make_app(filled, start="browse")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "o")  # article -> prompt
        prompts = [table(app).row(i).prompt.lower() for i in range(12)]  # type: ignore[union-attr]
        assert prompts == sorted(prompts)
        await press(pilot, "O")
        assert [table(app).row(i).prompt.lower() for i in range(12)] == sorted(  # type: ignore[union-attr]
            prompts, reverse=True
        )
        await pilot.click("#browse-table", offset=(2, 0))  # the Prompt heading: reverse again
        await settle(pilot)
        assert table(app).row(0).prompt.lower() == prompts[0]  # type: ignore[union-attr]


async def test_end_goes_to_the_last_row_and_info_opens(filled: Bank) -> None:
    from quizapp.tui.screens.card_info import CardInfoScreen

    app = make_app(filled, start="browse")
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        await press(pilot, "end")
        assert table(app).cursor == 11
        last = table(app).cursor_key
        await press(pilot, "i")
        assert isinstance(app.screen, CardInfoScreen) and app.screen.question_id == last
        assert "Never answered" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, BrowseScreen)


async def test_add_a_choice_card_by_hand(filled: Bank) -> None:
    from quizapp.tui.dialogs.add_card import AddCardScreen

    app = make_app(filled, start="browse")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        assert isinstance(app.screen, AddCardScreen)
        app.screen.query_one("#add-kind", Select).value = "choice"
        await settle(pilot)
        app.screen.query_one("#add-prompt", Input).value = "Which alliance leads KFOR?"
        app.screen.query_one("#add-answer", Input).value = "NATO"
        for number, option in enumerate(("the EU", "the UN", "the OSCE")):
            app.screen.query_one(f"#add-wrong-{number}", Input).value = option
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, BrowseScreen)
        assert len(rows(app)) == 13
        await press(pilot, "slash")
        await pilot.press(*"tag:manual")
        await settle(pilot)
        (added,) = rows(app)
        question = question_row(filled, added)
        assert question is not None and question.kind == "choice"
        assert sorted(question.choices) == ["NATO", "the EU", "the OSCE", "the UN"]


async def test_undo_and_redo_in_the_browser(filled: Bank) -> None:
    from datetime import UTC

    from quizapp.settings import load_settings
    from quizapp.study.session import StudyService
    from tests.support.tui import FixedClock, logs

    clock = FixedClock()
    service = StudyService(filled, load_settings(learner="ana"), "ana", clock=clock, timezone=UTC)
    service.answer(FIRST, 3, duration_ms=5, mode="flip")
    app = make_app(filled, clock, start="browse")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "d", "y")  # delete the first question, with its history
        assert FIRST not in rows(app) and logs(filled) == []
        await press(pilot, "t")
        app.screen.query_one("#prompt-input", Input).value = "checked"
        await press(pilot, "enter")
        tagged = table(app).cursor_key
        assert tagged is not None
        await press(pilot, "u")  # the tags
        question = question_row(filled, tagged)
        assert question is not None and question.tags == []
        await press(pilot, "u")  # the delete: the question and its answer are back
        assert FIRST in rows(app) and len(logs(filled)) == 1
        kept = question_row(filled, FIRST)
        assert kept is not None and not kept.retired and "deleted" not in kept.tags
        row = card_row(filled, FIRST)
        assert row is not None and row.reps == 1
        await press(pilot, "U")
        assert FIRST not in rows(app) and logs(filled) == []
