"""The "add article" screen: a path, a URL or pasted text becomes cards; failures are a line."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from question_bank.store import Bank
from question_bank.store.content import list_articles
from quizapp.tui.app import QuizApp
from quizapp.tui.screens.add_article import AddArticleScreen
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.widgets.inputs import QuizTextArea
from tests.support.bank import bank_contents
from tests.support.tui import make_app, press, screen_text, settle
from tests.unit.question_bank.readers import http_server as http
from tests.unit.question_bank.readers.documents import STORM, news_page, write_pdf

pytestmark = pytest.mark.anyio

ARTICLE = (
    "The Danube\n\nThe Danube rises in the Black Forest and flows into the Black Sea. It "
    "passes through Vienna, Bratislava, Budapest and Belgrade, four capital cities.\n"
)


async def add(pilot: Pilot[Any], app: QuizApp, *, source: str = "", pasted: str = "") -> None:
    """Give the screen a source or pasted text and wait for its worker to finish."""
    screen = app.screen
    assert isinstance(screen, AddArticleScreen)
    if pasted:
        screen.query_one("#add-text", QuizTextArea).text = pasted
        await press(pilot, "ctrl+s")
    else:
        screen.query_one("#add-source", Input).value = source
        await press(pilot, "enter")  # press() settles: it waits for the worker


async def test_a_file_is_added_with_its_summary_and_home_shows_it(
    bank: Bank, tmp_path: Path
) -> None:
    path = write_pdf(STORM, tmp_path / "handout.pdf")
    app = make_app(bank)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        assert isinstance(app.screen, AddArticleScreen)
        await add(pilot, app, source=str(path))
        text = screen_text(app)
        assert "Added 1 article(s)" in text
        assert STORM.title in text
        [added] = app.screen.added
        assert added.cards > 0 and added.added == added.cards
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        await settle(pilot)
        # The empty bank was seeded first: the seed article and this one.
        assert "in 2 articles" in screen_text(app)
    assert STORM.title in [a.title for a in list_articles(bank)]


async def test_pasted_text_is_an_article(bank: Bank) -> None:
    app = make_app(bank)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        await add(pilot, app, pasted=ARTICLE)
        assert "Added 1 article(s)" in screen_text(app)
    [article] = [a for a in list_articles(bank) if a.title == "The Danube"]
    assert article.source.startswith("pasted:")


async def test_a_url_is_added(bank: Bank) -> None:
    app = make_app(bank)
    with http.serve({"/storm": http.page(news_page(STORM).encode())}) as base:
        async with app.run_test(size=(100, 32)) as pilot:
            await settle(pilot)
            await press(pilot, "a")
            await add(pilot, app, source=f"{base}/storm")
            assert "Added 1 article(s)" in screen_text(app)
    assert f"{base}/storm" in [a.source for a in list_articles(bank)]


@pytest.mark.parametrize("case", ["fifo", "missing", "empty"])
async def test_a_bad_source_is_one_line_and_the_bank_is_unchanged(
    bank: Bank, tmp_path: Path, case: str
) -> None:
    source = {"fifo": str(tmp_path / "pipe"), "missing": str(tmp_path / "nope.pdf"), "empty": ""}
    os.mkfifo(tmp_path / "pipe")
    app = make_app(bank)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)  # the empty bank is seeded first
        before = bank_contents(bank)
        await press(pilot, "a")
        await add(pilot, app, source=source[case])
        text = screen_text(app)
        assert "Not added:" in text
        assert {"fifo": "FIFO", "missing": "no such file", "empty": "give a file"}[case] in text
        assert isinstance(app.screen, AddArticleScreen) and not app.screen.busy
        assert bank_contents(bank) == before
