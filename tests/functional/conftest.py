"""Fixtures for the TUI's functional tests: asyncio for the pilot, the fixture bank."""

from __future__ import annotations

import pytest

from question_bank.store import Bank
from tests.support.tui import fill_bank


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def filled(bank: Bank) -> Bank:
    """The shared `bank` fixture (every engine under test), filled from the fixture JSON."""
    fill_bank(bank)
    return bank
