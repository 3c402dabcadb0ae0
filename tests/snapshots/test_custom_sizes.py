"""The custom study dialog fits the smallest terminal (80x24), buttons and all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from question_bank.store import Bank, open_bank
from tests.snapshots.test_snapshots import settle
from tests.support.tui import fill_bank, make_app


@pytest.fixture
def fixture_bank(tmp_path: Path) -> Iterator[Bank]:
    bank = open_bank(tmp_path / "snapshot.sqlite")
    fill_bank(bank)
    yield bank
    bank.dispose()


def test_custom_study_at_80x24(snap_compare: Any, fixture_bank: Bank) -> None:
    app = make_app(fixture_bank)
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle("C", "down", "enter"))
