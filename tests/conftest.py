"""Shared fixtures: an isolated environment and a fresh bank per test.

Every test runs with its own config and data directories, so nothing touches the user's real
bank or config file. `bank_url` / `bank` give a fresh bank; tests that need a bank should use
them (the engine under test is chosen here, in one place).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from question_bank.store import Bank, open_bank

ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLE = ROOT / "seeds" / "nato-kfor-kosovo-clashes.txt"


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point config, data and the default bank at a temporary directory."""
    home = tmp_path / "home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("QUIZAPP_CONFIG", str(home / "config" / "quizapp" / "config.toml"))
    for name in list(__import__("os").environ):
        if name.startswith("QUIZAPP_") and name != "QUIZAPP_CONFIG":
            monkeypatch.delenv(name)


@pytest.fixture
def bank_url(tmp_path: Path) -> str:
    """URL of a fresh, empty bank."""
    return f"sqlite:///{tmp_path / 'bank.sqlite'}"


@pytest.fixture
def bank(bank_url: str) -> Iterator[Bank]:
    """A fresh, empty bank, opened."""
    opened = open_bank(bank_url)
    yield opened
    opened.dispose()


@pytest.fixture
def seed_article() -> Path:
    return SEED_ARTICLE
