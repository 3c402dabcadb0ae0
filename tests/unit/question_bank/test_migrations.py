"""Schema migrations: new banks are stamped at head, old banks upgrade in place and keep their
history (SQLite ones backed up first), newer banks are refused and left untouched.

The old bank is `tests/data/bank_schema_0001.sql`: a bank made with the first schema (0001),
with articles, questions, two learners' cards and review logs and a quiz night, kept as SQL
(no binary banks in git) and loaded into a fresh SQLite file here.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.orm import Session

from question_bank.errors import BankError
from question_bank.store import migrations, open_bank, schema_revision
from question_bank.store.interchange import restore_document
from question_bank.store.schema import Base
from quizapp.content.backup import read_backup
from quizapp.settings import Settings
from quizapp.study.learner_admin import check_history
from tests.support.bank import bank_contents
from tests.support.history import T0, study

DUMP = Path(__file__).resolve().parents[2] / "data" / "bank_schema_0001.sql"
# The tables of the first schema (0001); later revisions added the others.
FIRST_TABLES = frozenset(
    [
        "articles",
        "questions",
        "learners",
        "cards",
        "review_logs",
        "quiz_nights",
        "quiz_teams",
        "quiz_asked",
        "quiz_scores",
    ]
)


def load_first_schema_bank(path: Path) -> None:
    database = sqlite3.connect(path)
    try:
        database.executescript(DUMP.read_text(encoding="utf-8"))
    finally:
        database.close()


def raw_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every bank table, straight from SQLite (no ORM, no schema check).

    Tables a later revision added are left out while empty, so an upgraded bank compares equal
    to the old one when every old row is kept and nothing was added.
    """
    database = sqlite3.connect(path)
    try:
        present = {name for (name,) in database.execute("SELECT name FROM sqlite_master")}
        rows = {
            table.name: sorted(database.execute(f"SELECT * FROM {table.name}").fetchall())
            for table in Base.metadata.sorted_tables
            if table.name in present
        }
        return {name: found for name, found in rows.items() if found or name in FIRST_TABLES}
    finally:
        database.close()


def recorded_revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def test_revision_constants_match_the_scripts() -> None:
    assert list(migrations.REVISIONS) == migrations.script_revisions()
    assert migrations.REVISIONS[-1] == migrations.HEAD


def test_a_new_bank_is_made_at_head(bank_url: str) -> None:
    bank = open_bank(bank_url)
    try:
        assert schema_revision(bank.engine) == migrations.HEAD
    finally:
        bank.dispose()
    assert recorded_revision(bank_url) == migrations.HEAD  # Alembic agrees


def test_the_migrations_build_exactly_the_schema(bank_url: str) -> None:
    """Upgrading an empty database from nothing gives what schema.py declares, on each engine."""
    engine = create_engine(bank_url)
    try:
        with engine.begin() as connection:
            migrations.upgrade(connection)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()
    assert recorded_revision(bank_url) == migrations.HEAD


@pytest.mark.sqlite_only
def test_a_first_schema_bank_upgrades_in_place_and_keeps_its_history(tmp_path: Path) -> None:
    path = tmp_path / "bank.sqlite"
    load_first_schema_bank(path)
    before = raw_rows(path)
    counts = {table: len(rows) for table, rows in before.items()}
    assert counts["questions"] == 11 and counts["learners"] == 2 and counts["cards"] >= 5
    assert counts["review_logs"] == 12 and counts["quiz_scores"] == 1
    assert recorded_revision(f"sqlite:///{path}") == "0001"

    bank = open_bank(path)
    try:
        assert schema_revision(bank.engine) == migrations.HEAD
        assert raw_rows(path) == before  # every row kept, untouched
        assert check_history(bank, Settings()) == []
        # Ann goes on studying on the upgraded bank.
        study(bank, "Ann", 3, start=T0.replace(day=10))
        assert check_history(bank, Settings()) == []
    finally:
        bank.dispose()
    assert len(raw_rows(path)["review_logs"]) == len(before["review_logs"]) + 3

    # The backup made before the upgrade is the 0001 bank exactly as it was.
    (backup,) = tmp_path.glob("bank.sqlite.backup-0001-*.sqlite")
    assert raw_rows(backup) == before
    assert recorded_revision(f"sqlite:///{backup}") == "0001"


@pytest.mark.sqlite_only
def test_every_revision_step_upgrades_with_its_history(tmp_path: Path) -> None:
    """The upgrade path itself: 0001 -> each later revision, indexes and all."""
    path = tmp_path / "bank.sqlite"
    load_first_schema_bank(path)
    bank = open_bank(path)
    bank.dispose()
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
            assert "ix_cards_learner_state_due" in {
                index["name"] for index in inspect(connection).get_indexes("cards")
            }
    finally:
        engine.dispose()


def test_an_older_bank_on_any_engine_upgrades_in_place(bank_url: str, tmp_path: Path) -> None:
    """A bank at 0001 (built by the migrations, filled with the fixture's rows) upgrades."""
    fixture = tmp_path / "fixture.sqlite"
    load_first_schema_bank(fixture)
    document = read_backup(fixture)  # the fixture's rows, via a scratch copy
    engine = create_engine(bank_url)
    try:
        with engine.begin() as connection:
            migrations.upgrade(connection, "0001")
        with engine.begin() as connection, Session(bind=connection) as session:
            restore_document(session, document)
            session.flush()
    finally:
        engine.dispose()
    assert recorded_revision(bank_url) == "0001"

    bank = open_bank(bank_url)
    try:
        assert schema_revision(bank.engine) == migrations.HEAD
        assert check_history(bank, Settings()) == []
        counts = {table: len(rows) for table, rows in bank_contents(bank).items()}
        assert counts["review_logs"] == 12 and counts["quiz_scores"] == 1
    finally:
        bank.dispose()
    if bank_url.startswith("sqlite"):
        assert list(tmp_path.glob("bank.sqlite.backup-0001-*.sqlite"))


def test_a_newer_bank_is_refused_and_left_alone(bank_url: str, tmp_path: Path) -> None:
    bank = open_bank(bank_url)
    bank.dispose()
    engine = create_engine(bank_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    finally:
        engine.dispose()
    files_before = sorted(tmp_path.iterdir())
    with pytest.raises(BankError) as raised:
        open_bank(bank_url)
    message = str(raised.value)
    assert "this bank was made by a newer quizapp (schema 9999); upgrade quizapp" in message
    assert "\n" not in message
    assert recorded_revision(bank_url) == "9999"
    assert sorted(tmp_path.iterdir()) == files_before  # no backup, nothing written


@pytest.mark.sqlite_only
def test_a_failed_upgrade_leaves_the_bank_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bank.sqlite"
    load_first_schema_bank(path)
    before = raw_rows(path)
    real_upgrade = migrations.upgrade

    def upgrade_then_crash(connection: Any, revision: str = "head") -> None:
        real_upgrade(connection, revision)  # the DDL runs, inside the upgrade transaction
        raise RuntimeError("power cut")

    monkeypatch.setattr(migrations, "upgrade", upgrade_then_crash)
    with pytest.raises(RuntimeError):
        open_bank(path)
    assert recorded_revision(f"sqlite:///{path}") == "0001"
    assert raw_rows(path) == before
    database = sqlite3.connect(path)
    try:
        indexes = {row[1] for row in database.execute("PRAGMA index_list(cards)")}
    finally:
        database.close()
    assert "ix_cards_learner_state_due" not in indexes  # the DDL was rolled back too


@pytest.mark.sqlite_only
def test_a_bank_from_before_versioning_counts_as_the_first_schema(tmp_path: Path) -> None:
    path = tmp_path / "bank.sqlite"
    load_first_schema_bank(path)
    database = sqlite3.connect(path)
    database.execute("DROP TABLE alembic_version")
    database.commit()
    database.close()
    bank = open_bank(path)
    try:
        assert schema_revision(bank.engine) == migrations.HEAD
    finally:
        bank.dispose()
    assert list(tmp_path.glob("bank.sqlite.backup-0001-*.sqlite"))


@pytest.mark.sqlite_only
def test_a_database_of_something_else_is_not_a_bank(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    database = sqlite3.connect(path)
    database.execute("CREATE TABLE recipes (name TEXT)")
    database.commit()
    database.close()
    with pytest.raises(BankError, match="not a quizapp bank"):
        open_bank(path)


@pytest.mark.sqlite_only
def test_opening_a_current_bank_does_not_import_alembic(tmp_path: Path) -> None:
    """Start-up stays fast: one query checks the version, Alembic is only loaded to upgrade."""
    path = tmp_path / "bank.sqlite"
    open_bank(path).dispose()
    code = (
        "import sys\n"
        "from question_bank.store import open_bank\n"
        f"open_bank({str(path)!r}).dispose()\n"
        "print('alembic' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_the_bank_fixture_runs_on_the_engine_under_test(
    bank_url: str, bank_engine: str, worker_id: str
) -> None:
    """The engine parametrisation: SQLite always; PostgreSQL (a database per test) when set."""
    bank = open_bank(bank_url)
    try:
        assert bank.engine.dialect.name == bank_engine
        with bank.transaction() as session:
            assert session.execute(text("SELECT COUNT(*) FROM learners")).scalar() == 0
        if bank_engine == "postgresql":
            assert (bank.engine.url.database or "").startswith(f"quizapp_{worker_id}_")
        else:
            assert bank.file is not None and bank.file.name == "bank.sqlite"
    finally:
        bank.dispose()


def test_several_programs_opening_a_new_bank_at_once_make_it_once(bank_url: str) -> None:
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def open_it() -> None:
        try:
            barrier.wait(timeout=60)
            open_bank(bank_url).dispose()
        except BaseException as error:  # collected and asserted on below
            errors.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    engine = create_engine(bank_url)
    try:
        with engine.connect() as connection:
            versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    finally:
        engine.dispose()
    assert versions == [(migrations.HEAD,)]
