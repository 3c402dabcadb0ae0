"""Snapshot tests: every screen state at 100x32, from a fixed fixture bank and a fixed clock.

Regenerate after a deliberate UI change with `pytest tests/snapshots --snapshot-update`, then
look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from question_bank.store import Bank, open_bank
from tests.support.tui import MOON, FixedClock, fill_bank, make_app, study_history

SIZE = (100, 32)


@pytest.fixture
def fixture_bank(tmp_path: Path) -> Iterator[Bank]:
    bank = open_bank(tmp_path / "snapshot.sqlite")
    fill_bank(bank)
    yield bank
    bank.dispose()


def settle(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Wait for workers (counts, stats) before and after pressing keys."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()

    return run_before


def test_home(snap_compare: Any, fixture_bank: Bank) -> None:
    assert snap_compare(make_app(fixture_bank), terminal_size=SIZE, run_before=settle())


def test_study_question(snap_compare: Any, fixture_bank: Bank) -> None:
    app = make_app(fixture_bank, start="study")
    assert snap_compare(app, terminal_size=SIZE, run_before=settle())


def test_study_revealed(snap_compare: Any, fixture_bank: Bank) -> None:
    app = make_app(fixture_bank, start="study")
    assert snap_compare(app, terminal_size=SIZE, run_before=settle("space"))


def test_type_mode_graded(snap_compare: Any, fixture_bank: Bank) -> None:
    app = make_app(fixture_bank, start="study", mode="type")
    keys = [*"700 trops", "enter"]  # close: the missing letter is highlighted
    assert snap_compare(app, terminal_size=SIZE, run_before=settle(*keys))


def test_choice_mode_question(snap_compare: Any, fixture_bank: Bank) -> None:
    app = make_app(fixture_bank, start="study", mode="choice", article_id=MOON)
    assert snap_compare(app, terminal_size=SIZE, run_before=settle())


def test_choice_mode_answered(snap_compare: Any, fixture_bank: Bank) -> None:
    app = make_app(fixture_bank, start="study", mode="choice", article_id=MOON)
    assert snap_compare(app, terminal_size=SIZE, run_before=settle("a"))


def test_edit_modal(snap_compare: Any, fixture_bank: Bank) -> None:
    app = make_app(fixture_bank, start="study")
    assert snap_compare(app, terminal_size=SIZE, run_before=settle("e"))


def test_summary(snap_compare: Any, fixture_bank: Bank) -> None:
    clock = FixedClock()
    app = make_app(fixture_bank, clock, start="study")

    async def study_three(pilot: Pilot[Any]) -> None:
        await settle()(pilot)
        for grade in ("3", "1", "4"):
            clock.advance(seconds=14)  # the learner thinks, then answers
            await pilot.press("space", grade)
        await pilot.press("q")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=study_three)


def test_browse(snap_compare: Any, fixture_bank: Bank) -> None:
    study_history(fixture_bank, days=3, per_day=2)
    assert snap_compare(
        make_app(fixture_bank, start="browse"), terminal_size=SIZE, run_before=settle()
    )


def test_stats(snap_compare: Any, fixture_bank: Bank) -> None:
    study_history(fixture_bank)
    assert snap_compare(
        make_app(fixture_bank, start="stats"), terminal_size=SIZE, run_before=settle()
    )


def test_settings(snap_compare: Any, fixture_bank: Bank) -> None:
    assert snap_compare(make_app(fixture_bank), terminal_size=SIZE, run_before=settle("comma"))


def test_add_article(snap_compare: Any, fixture_bank: Bank) -> None:
    assert snap_compare(make_app(fixture_bank), terminal_size=SIZE, run_before=settle("a"))


def test_learner_modal(snap_compare: Any, fixture_bank: Bank) -> None:
    assert snap_compare(make_app(fixture_bank), terminal_size=SIZE, run_before=settle("l"))


def test_browse_delete_confirmation(snap_compare: Any, fixture_bank: Bank) -> None:
    app = make_app(fixture_bank, start="browse")
    assert snap_compare(app, terminal_size=SIZE, run_before=settle("d"))


def test_help(snap_compare: Any, fixture_bank: Bank) -> None:
    app = make_app(fixture_bank, start="study")
    assert snap_compare(app, terminal_size=SIZE, run_before=settle("space", "question_mark"))


def test_card_info(snap_compare: Any, fixture_bank: Bank) -> None:
    from sqlalchemy import update

    from question_bank.store.schema import QuestionRow
    from tests.support.tui import START

    study_history(fixture_bank, days=6, per_day=2)
    with fixture_bank.transaction() as session:  # "Added" is the import's real time otherwise
        session.execute(update(QuestionRow).values(created_at=START))
    app = make_app(fixture_bank, start="browse")
    assert snap_compare(app, terminal_size=SIZE, run_before=settle("o", "o", "o", "o", "o", "i"))


def test_custom_study(snap_compare: Any, fixture_bank: Bank) -> None:
    assert snap_compare(make_app(fixture_bank), terminal_size=SIZE, run_before=settle("C"))
