"""What the TUI draws, on a bank holding hostile text; and keys typed ahead in study.

The bank's rows hold raw terminal escapes (as an older quizapp could have stored them). Home,
study (question, answer, options), browse and the quiz-night host are driven with the pilot, and
every frame's segments are checked: no ESC, BEL or other control character reaches the terminal.
Study keys typed ahead never reveal or grade a card that was not drawn at least once.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from sqlalchemy import text
from textual import events
from textual.pilot import Pilot

from question_bank.store import Bank
from tests.support.tui import fill_bank, make_app, review_count, settle

pytestmark = pytest.mark.anyio

ESCAPES = "\x1b]0;owned\x07\x1b[2J\x1b[H\x9b31m\u202e\x08"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def hostile(bank: Bank) -> Bank:
    fill_bank(bank)
    with bank.transaction() as session:
        session.execute(text("UPDATE articles SET title = :e || title || :e"), {"e": ESCAPES})
        session.execute(
            text(
                "UPDATE questions SET prompt = prompt || :e, answer = answer || :e, "
                "source_sentence = source_sentence || :e, section = section || :e"
            ),
            {"e": ESCAPES},
        )
        session.execute(
            text("UPDATE questions SET choices = :c WHERE kind = 'choice'"),
            {"c": json.dumps(["A" + ESCAPES, "B", "C", "D"])},
        )
    return bank


def rendered(pilot: Pilot[Any]) -> str:
    """Every character of the current frame, as the compositor hands it to the driver."""
    update = pilot.app.screen._compositor.render_update(full=True)
    strips = getattr(update, "strips", [])
    assert strips, "nothing rendered"
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def assert_clean(frame: str) -> None:
    found = CONTROL.search(frame)
    assert found is None, repr(frame[max(0, found.start() - 40) : found.end() + 40])


async def test_home_study_and_browse_draw_no_escape(hostile: Bank) -> None:
    app = make_app(hostile, mode="flip")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert_clean(rendered(pilot))  # home: article titles
        await pilot.press("s")
        await settle(pilot)
        frames = [rendered(pilot)]
        for _ in range(4):  # question, answer, next question...
            await pilot.press("space")
            await settle(pilot)
            frames.append(rendered(pilot))
            await pilot.press("3")
            await settle(pilot)
            frames.append(rendered(pilot))
        assert any("owned" not in f and "[2J" not in f for f in frames)
        for frame in frames:
            assert_clean(frame)


async def test_choice_options_draw_no_escape(hostile: Bank) -> None:
    app = make_app(hostile, start="study", mode="choice")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _ in range(6):
            assert_clean(rendered(pilot))
            await pilot.press("a")
            await settle(pilot)
            assert_clean(rendered(pilot))
            await pilot.press("enter")
            await settle(pilot)


async def test_browse_draws_no_escape(hostile: Bank) -> None:
    app = make_app(hostile, start="browse")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert_clean(rendered(pilot))


def _type_ahead(pilot: Pilot[Any], *keys: str) -> None:
    """Keys arriving faster than frames: all queued before the app draws anything."""
    driver = pilot.app._driver
    assert driver is not None
    for key in keys:
        driver.send_message(events.Key(key, key if len(key) == 1 else None))


async def test_keys_typed_ahead_grade_only_cards_that_were_drawn(hostile: Bank) -> None:
    app = make_app(hostile, start="study", mode="flip")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # The first card's question has been drawn: space counts; its answer was not drawn
        # when "3" arrived, so no grade; nor for the cards after it.
        _type_ahead(pilot, "space", "3", "space", "3", "space", "3")
        await settle(pilot)
        assert review_count(hostile) == 0
        await pilot.press("3")  # the answer is on screen now: this grade counts
        await settle(pilot)
        assert review_count(hostile) == 1
