"""End to end in a real browser: Debian's chromium, headless, driven by Playwright.

Two phones (isolated browser contexts at a phone's size) open the players' page served by
uvicorn on loopback, join with the PIN, answer from the page, see their result; then the
host's room and the bank agree on every score. `.ci/run` installs chromium; on a machine
without it the test is skipped, saying why.

With QUIZAPP_SCREENSHOTS=DIR set, the phone's question and result pages are saved there as
PNGs (the README's screenshots come from this run).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from question_bank.store import Bank
from quizapp.quiznight.plan import NightSetup
from quizapp.quiznight.players import PlayersApp
from quizapp.quiznight.room import Room
from quizapp.quiznight.server import PlayersServer
from quizapp.quiznight.store import (
    list_results,
    player_results,
)
from tests.support.chromium import CHROMIUM, CHROMIUM_FLAGS
from tests.support.quiz import fill_quiz_bank
from tests.support.quiz_players import bank_room

PHONE = {"width": 390, "height": 760}
# Read at import: the suite's isolation removes QUIZAPP_* variables from each test.
SCREENSHOTS = os.environ.get("QUIZAPP_SCREENSHOTS")

pytestmark = [
    pytest.mark.sqlite_only,
    pytest.mark.skipif(
        # On CI chromium is installed by .ci/run: there a missing browser fails, never skips.
        not Path(CHROMIUM).exists() and not os.environ.get("CI"),
        reason="Debian's chromium is not installed here (apt-get install chromium; CI does)",
    ),
]


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # launch() gives every run a fresh temporary profile (user-data-dir) of its own.
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def served(bank: Bank) -> Iterator[tuple[Room, PlayersServer]]:
    fill_quiz_bank(bank)
    setup = NightSetup(
        teams=["Red", "Blue"],
        rounds=1,
        per_round=2,
        seed=5,
        kinds=("choice",),
        players=True,
        name="Friday quiz",
    )
    # The real clock: the browser waits on the server as a phone would.
    room, writer = bank_room(bank, setup, time.monotonic, pin="246810")
    server = PlayersServer(PlayersApp(room, recorder=writer), host="127.0.0.1", port=0)
    server.start()
    try:
        yield room, server
    finally:
        server.stop()
        writer.close()


def phone(browser: Any, url: str) -> Any:
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True)
    page = context.new_page()
    page.goto(url)
    return page


def join(page: Any, nickname: str, team: str) -> None:
    page.fill("#pin", "246810")
    page.fill("#nickname", nickname)
    page.select_option("#team", team)
    page.click("#join-button")
    page.wait_for_selector("#wait-title:has-text('You\\'re in')")


def test_two_phones_join_answer_and_the_scores_agree(
    browser: Any, served: tuple[Room, PlayersServer], bank: Bank
) -> None:
    room, server = served
    ana = phone(browser, server.join_url)
    bo = phone(browser, server.join_url)
    assert ana.title() == "Quiz night"
    ana.wait_for_selector("#night-name:has-text('Friday quiz')")
    join(ana, "Ana", "Red")
    join(bo, "Bo <b>", "Blue")  # markup in a name stays text
    assert [p.nickname for p in room.players] == ["Ana", "Bo <b>"]
    assert bo.text_content("#who") == "Bo <b> · Blue"

    room.toggle_timer()  # the host starts question 1
    question = room.night.question
    right = list(question.options).index(question.answer)
    for page in (ana, bo):
        page.wait_for_selector("#q-options button:not([disabled])")
        assert page.text_content("#q-prompt") == question.prompt
        assert page.locator("#q-options button").count() == 4
    shots = SCREENSHOTS
    if shots:
        ana.screenshot(path=str(Path(shots) / "phone-question.png"))
    ana.locator("#q-options button").nth(right).click()
    bo.locator("#q-options button").nth((right + 1) % 4).click()
    for page in (ana, bo):
        page.wait_for_selector("#q-status:has-text('Answer sent')")
    assert room.answered_count() == (2, 2)

    room.reveal()
    ana.wait_for_selector("#r-verdict:has-text('Right!')")
    bo.wait_for_selector("#r-verdict:has-text('Wrong')")
    assert ana.text_content("#r-points") == "+1"
    assert question.answer in (bo.text_content("#r-answer") or "")
    if shots:
        ana.screenshot(path=str(Path(shots) / "phone-result.png"))

    # A reload keeps the player: same nickname, team and score, on the live page.
    ana.reload()
    ana.wait_for_selector("#r-verdict:has-text('Right!')")
    assert ana.text_content("#who") == "Ana · Red"
    assert (ana.text_content("#score") or "").startswith("1 pts · 1st of 2")

    room.next()  # question 2: Bo answers right from the page this time
    room.toggle_timer()
    second = room.night.question
    bo.wait_for_selector("#q-options button:not([disabled])")
    bo.locator("#q-options button").nth(list(second.options).index(second.answer)).click()
    bo.wait_for_selector("#q-status:has-text('Answer sent')")
    room.reveal()
    bo.wait_for_selector("#r-verdict:has-text('Right!')")
    room.next()
    room.finish()
    ana.wait_for_selector("#wait-title:has-text('night')")

    assert room.team_totals() == [1.0, 1.0]
    server.stop()
    (night,) = list_results(bank)
    assert {t.name: t.points for t in night.teams} == {"Red": 1.0, "Blue": 1.0}
    by_name = {r.nickname: (r.team, r.points, r.right) for r in player_results(bank, night.id)}
    assert by_name == {"Ana": ("Red", 1.0, 1), "Bo <b>": ("Blue", 1.0, 1)}
    assert sorted(room.player_totals().values()) == [1.0, 1.0]
