"""The home screen: articles with their counts, and the way to every other screen."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from textual.widgets import Input

from question_bank.store import Bank, open_bank
from question_bank.store.schema import QuestionRow
from quizapp.tui.app import QuizApp
from quizapp.tui.dialogs.learner import LearnerScreen
from quizapp.tui.screens.home import HomeScreen, forecast_text
from quizapp.tui.screens.study import StudyScreen
from quizapp.tui.widgets.counts_table import CountsTable
from tests.support.tui import (
    KFOR,
    MOON,
    locked,
    logs,
    make_app,
    press,
    screen_text,
    settle,
)

pytestmark = pytest.mark.anyio
BLANK = "░" * 10  # the progress bar of an article not started


def table_rows(app: QuizApp) -> list[list[str]]:
    table = app.screen.query_one(CountsTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_articles_with_their_counts(filled: Bank) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert table_rows(app) == [
            # New today: one card per sentence (KFOR's 8 cards come from 5 sentences).
            ["NATO strengthens KFOR peacekeeping mission in Koso…", BLANK, "5", "0", "0", "8"],
            ["Apollo 11: the first Moon landing", BLANK, "3", "0", "0", "4"],
        ]
        # The header is what "study all" gives: the rows' new cards, within the daily limit.
        assert "ana — to study today: 8 new · 0 learning · 0 due" in screen_text(app)


async def test_enter_studies_the_selected_article_and_counts_follow(filled: Bank) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, StudyScreen) and app.screen.article_id == MOON
        await press(pilot, "space", "3", "space", "1", "q", "enter")
        assert isinstance(app.screen, HomeScreen)
        assert len(logs(filled)) == 2
        # Both answered cards are now learning; of the Moon's three sentences, one was not
        # met today and still gives a new card.
        assert table_rows(app)[1][2:5] == ["1", "2", "0"]
        assert table_rows(app)[0][2:5] == ["5", "0", "0"]


async def test_s_studies_all_articles(filled: Bank) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        assert isinstance(app.screen, StudyScreen) and app.screen.article_id is None
        assert app.screen.card is not None and app.screen.card.article_id == KFOR


async def test_switch_learner_keeps_answers_apart(filled: Bank) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "s", "space", "3", "q", "enter")
        assert table_rows(app)[0][2:5] == ["4", "1", "0"]
        await press(pilot, "l")
        assert isinstance(app.screen, LearnerScreen)
        app.screen.query_one("#learner-new", Input).focus()
        await pilot.press(*"bo")
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen) and app.learner == "bo"
        assert "bo — to study today: 8 new" in screen_text(app)
        assert table_rows(app)[0][2:5] == ["5", "0", "0"]  # bo has answered nothing yet
        await press(pilot, "l", "escape")
        assert app.learner == "bo"


async def test_the_learner_chosen_is_the_learner_on_the_next_start(filled: Bank) -> None:
    """Issue 12, wrong today 7: the learner chosen with `l` was forgotten on the next start."""
    from quizapp.settings import load_settings

    app = make_app(filled)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "l")
        app.screen.query_one("#learner-new", Input).focus()
        await pilot.press(*"zoe")
        await press(pilot, "enter")
    again = make_app(filled, settings=load_settings())
    async with again.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert again.learner == "zoe"
        assert "zoe — to study today" in screen_text(again)
    assert load_settings(learner="ann").learner == "ann"  # --learner still wins for one run


async def test_keys_open_browse_stats_and_settings(filled: Bank) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        for key, name in (
            ("b", "BrowseScreen"),
            ("t", "StatsScreen"),
            ("comma", "SettingsScreen"),
            ("n", "QuizSetupScreen"),  # quiz night, when its screens are installed
        ):
            await press(pilot, key)
            assert type(app.screen).__name__ == name
            await press(pilot, "escape")
            assert isinstance(app.screen, HomeScreen)


async def test_an_empty_bank_is_seeded_first(bank: Bank, monkeypatch: pytest.MonkeyPatch) -> None:
    from quizapp.content import seeding

    release = threading.Event()
    real_seed = seeding.seed_if_empty

    def gated_seed(*args: Any, **kwargs: Any) -> Any:
        release.wait(timeout=60)  # hold the worker until the test has seen the first screen
        return real_seed(*args, **kwargs)

    monkeypatch.setattr(seeding, "seed_if_empty", gated_seed)
    app = make_app(bank)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert "Preparing your first cards" in screen_text(app)
        release.set()
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        rows = table_rows(app)
        assert len(rows) == 1 and rows[0][0].startswith("NATO strengthens KFOR")
        with bank.transaction() as session:
            sentences = session.scalar(
                select(func.count(func.distinct(QuestionRow.source_sentence)))
            )
        # One new card per sentence, within today's limit of 20.
        assert int(rows[0][2]) == min(20, sentences or 0) > 0
        assert int(rows[0][5]) > 20


async def test_a_locked_bank_at_start_exits_with_one_line(tmp_path: Path) -> None:
    bank = open_bank(tmp_path / "locked.sqlite")
    try:
        with locked(bank, tmp_path / "locked.sqlite"):
            app = make_app(bank)
            async with app.run_test(size=(100, 32)) as pilot:
                await pilot.pause()
        assert app.return_code == 1
        assert app.startup_error is not None and "the bank is locked" in app.startup_error
    finally:
        bank.dispose()


async def test_a_learner_needs_a_name(filled: Bank) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "l")
        entry = app.screen.query_one("#learner-new", Input)
        entry.focus()
        entry.value = "   "
        await press(pilot, "enter")
        assert isinstance(app.screen, LearnerScreen)
        assert "a learner needs a name" in screen_text(app)
        await press(pilot, "escape")
        assert app.learner == "ana"


async def test_rename_merge_and_delete_articles_from_home(filled: Bank) -> None:
    from question_bank.store.schema import ArticleRow
    from quizapp.tui.dialogs.confirm import ConfirmScreen
    from quizapp.tui.dialogs.pick import PickScreen

    app = make_app(filled)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "r")
        app.screen.query_one("#prompt-input", Input).value = "KFOR, renamed"
        await press(pilot, "enter")
        with filled.transaction() as session:
            row = session.get(ArticleRow, KFOR)
            assert row is not None and row.title == "KFOR, renamed"
        assert "KFOR, renamed" in str(app.screen.query_one(CountsTable).get_row_at(0)[0])
        await press(pilot, "m")
        assert isinstance(app.screen, PickScreen)
        await press(pilot, "enter")  # the only other article
        with filled.transaction() as session:
            assert session.get(ArticleRow, KFOR) is None
        await press(pilot, "D")
        assert isinstance(app.screen, ConfirmScreen)
        assert "12 questions" in screen_text(app)
        await press(pilot, "y")
        assert app.screen.query_one(CountsTable).row_count == 0


async def test_header_rows_and_left_are_what_the_session_delivers(filled: Bank) -> None:
    """Issue 12, wrong today 2: counts included a learning card due this evening, which no
    session would deliver ("Done for today" under "Left 1 (1 learning)")."""
    from quizapp.settings import load_settings

    settings = load_settings(learner="ana", learning_steps_minutes=[30, 240])
    app = make_app(filled, settings=settings)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "space", "3", "q", "enter")  # Good: due again in 4 hours
        assert table_rows(app)[0][2:5] == ["4", "0", "0"]
        assert "to study today: 7 new · 0 learning · 0 due" in screen_text(app)
        await press(pilot, "enter")
        assert "Left 4  (4 new · 0 learning · 0 due)" in screen_text(app)
        for _ in range(4):
            await press(pilot, "space", "4")
        assert "Nothing to study now" in screen_text(app) or "Done for today" in screen_text(app)
        assert len(logs(filled)) == 5


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
async def test_every_count_column_fits_and_wide_titles_are_whole(
    filled: Bank, size: tuple[int, int]
) -> None:
    app = make_app(filled)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.screen.query_one(CountsTable)
        headings = [str(column.label) for column in table.columns.values()]
        assert headings == ["Article", "Progress", "New", "Learn", "Due", "Cards"]
        assert table.virtual_size.width <= table.size.width  # nothing scrolled out of view
        title = "NATO strengthens KFOR peacekeeping mission in Kosovo amid recent clashes"
        shown = table_rows(app)[0][0]
        # Cut with "…" where the counts need the room; whole at 200 columns.
        assert (shown == title) == (size[0] >= 200)
        assert shown.endswith("…") == (size[0] < 200)
        assert "Tomorrow: 0 cards due" in screen_text(app)


async def test_progress_bars_show_mature_young_and_new(filled: Bank) -> None:
    from tests.support.tui import study_history

    study_history(filled, days=3, per_day=2)
    app = make_app(filled)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        bars = [row[1] for row in table_rows(app)]
        assert all(len(bar) == 10 for bar in bars)
        assert "█" in bars[0] and "░" in bars[0]  # KFOR: some studied, some new
        assert bars[1] == "░" * 10  # Moon: untouched


def test_tomorrow_s_forecast_counts_cards_in_words() -> None:
    assert forecast_text(1).plain.startswith("Tomorrow: 1 card due ")
    assert forecast_text(3).plain.startswith("Tomorrow: 3 cards due ")
