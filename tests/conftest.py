"""Shared fixtures: an isolated environment and a fresh bank per test.

Every test runs with its own config and data directories, so nothing touches the user's real
bank or config file. `bank_url` / `bank` give a fresh bank; tests that need a bank should use
them (the engine under test is chosen here, in one place).

Engines: SQLite always. When QUIZAPP_TEST_PG_URL names a PostgreSQL database
(`postgresql+psycopg://user@127.0.0.1:PORT/DB`, as `.ci/run` sets it), every test that uses
`bank_url` or `bank` runs twice, `[sqlite]` and `[postgresql]`; each PostgreSQL run gets a
database of its own, created for the test and dropped after it (names carry the xdist worker
id, so `pytest -n 2` workers never collide). With the variable unset nothing is parametrised
and test ids stay as they are. Snapshot tests and tests marked `sqlite_only` stay on SQLite:
a screen looks the same on every engine, and some tests are about SQLite files themselves.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url, text

from question_bank.store import Bank, open_bank

ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLE = ROOT / "seeds" / "nato-kfor-kosovo-clashes.txt"

# Read once at import: the autouse isolation below removes QUIZAPP_* variables from each test.
PG_URL = os.environ.get("QUIZAPP_TEST_PG_URL", "").strip()
ENGINES = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]
_database_numbers = itertools.count()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: run only on SQLite, even when PG is set")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run bank tests on every engine under test (only when PostgreSQL is configured)."""
    if len(ENGINES) < 2 or "bank_engine" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("sqlite_only"):
        return
    if "snapshots" in Path(str(metafunc.definition.path)).parts:
        return
    metafunc.parametrize("bank_engine", ENGINES, indirect=True)


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point config, data and the default bank at a temporary directory."""
    home = tmp_path / "home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("QUIZAPP_CONFIG", str(home / "config" / "quizapp" / "config.toml"))
    for name in list(os.environ):
        if name.startswith("QUIZAPP_") and name != "QUIZAPP_CONFIG":
            monkeypatch.delenv(name)


@pytest.fixture
def bank_engine(request: pytest.FixtureRequest) -> str:
    """The database engine this test's bank runs on: "sqlite" or "postgresql"."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[Engine]:
    """An autocommit connection pool to the PostgreSQL server, for CREATE/DROP DATABASE."""
    if not PG_URL:
        pytest.skip("QUIZAPP_TEST_PG_URL is not set")
    engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT", pool_size=1)
    yield engine
    engine.dispose()


def pg_database_url(admin: Engine, worker: str) -> str:
    """Create a fresh, empty database on the test server and return its URL."""
    name = f"quizapp_{worker}_{os.getpid()}_{next(_database_numbers)}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        # template0: never connected to, so two workers can copy it at the same time.
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0'))
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def pg_drop_database(admin: Engine, url: str) -> None:
    name = make_url(url).database
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def bank_url(
    tmp_path: Path, bank_engine: str, request: pytest.FixtureRequest, worker_id: str
) -> Iterator[str]:
    """URL of a fresh, empty bank (a SQLite file, or a PostgreSQL database of its own)."""
    if bank_engine == "sqlite":
        yield f"sqlite:///{tmp_path / 'bank.sqlite'}"
        return
    admin: Engine = request.getfixturevalue("pg_admin")
    url = pg_database_url(admin, worker_id)
    try:
        yield url
    finally:
        pg_drop_database(admin, url)


@pytest.fixture
def bank(bank_url: str) -> Iterator[Bank]:
    """A fresh, empty bank, opened."""
    opened = open_bank(bank_url)
    yield opened
    opened.dispose()


@pytest.fixture
def seed_article() -> Path:
    return SEED_ARTICLE
