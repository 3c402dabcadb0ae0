"""Home and study at the three terminal sizes a learner uses: 80x24, 120x40 and 200x60.

At 80x24 every count column of home stays in view (titles shrink); at 200 columns titles are
not cut. Study keeps a centred column of readable width with the grades under the card.
Regenerate with `pytest tests/snapshots/test_sizes.py --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from question_bank.store import Bank, open_bank
from tests.snapshots.test_snapshots import settle
from tests.support.tui import fill_bank, make_app, study_history

SIZES = [(80, 24), (120, 40), (200, 60)]
IDS = [f"{w}x{h}" for w, h in SIZES]


@pytest.fixture
def fixture_bank(tmp_path: Path) -> Iterator[Bank]:
    bank = open_bank(tmp_path / "snapshot.sqlite")
    fill_bank(bank)
    yield bank
    bank.dispose()


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_home_sizes(snap_compare: Any, fixture_bank: Bank, size: tuple[int, int]) -> None:
    study_history(fixture_bank, days=3, per_day=2)
    assert snap_compare(make_app(fixture_bank), terminal_size=size, run_before=settle())


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_study_sizes(snap_compare: Any, fixture_bank: Bank, size: tuple[int, int]) -> None:
    app = make_app(fixture_bank, start="study")
    assert snap_compare(app, terminal_size=size, run_before=settle("space"))
