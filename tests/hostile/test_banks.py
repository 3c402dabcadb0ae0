"""Banks that must be refused, or only read, stay byte-identical.

A bank from a newer quizapp, another application's SQLite file, an empty file, a file that is
not SQLite: one line on stderr and not one byte changed (connecting would switch the file to WAL
first). `sqlite:///bank?mode=ro` is honoured: read without a warning, never written.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.hostile.harness import file_digest, quizapp

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def template_bank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    db = folder / "bank.sqlite"
    document = str(ROOT / "tests" / "data" / "export_bank.json")
    quizapp("import", "json", document, "--db", str(db), tmp=folder).assert_ok()
    return db


@pytest.fixture
def bank(template_bank: Path, tmp_path: Path) -> Path:
    db = tmp_path / "bank.sqlite"
    shutil.copyfile(template_bank, db)
    return db


def _rollback_journal(db: Path) -> None:
    """As another program leaves a SQLite file: journal_mode=DELETE (header bytes 18-19 = 1)."""
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA journal_mode=DELETE")
    connection.close()


def _newer(db: Path) -> None:
    connection = sqlite3.connect(db)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.execute("PRAGMA journal_mode=DELETE")
    connection.close()


def _foreign(db: Path) -> None:
    db.unlink()
    connection = sqlite3.connect(db)
    with connection:
        connection.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        connection.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    connection.close()


def _empty(db: Path) -> None:
    db.write_bytes(b"")


def _not_sqlite(db: Path) -> None:
    db.write_bytes(b"%PDF-1.7\n" + b"x" * 5000)


@pytest.mark.parametrize(
    ("spoil", "fragment"),
    [
        (_newer, "newer quizapp"),
        (_foreign, "not a quizapp bank"),
        (_not_sqlite, "not a SQLite database"),
    ],
    ids=["newer", "foreign", "not-sqlite"],
)
def test_a_refused_file_stays_byte_identical(
    bank: Path, tmp_path: Path, spoil: object, fragment: str
) -> None:
    spoil(bank)  # type: ignore[operator]
    before = file_digest(bank)
    quizapp("list", "--db", str(bank), tmp=tmp_path).assert_refused(fragment)
    assert file_digest(bank) == before


def test_an_empty_file_becomes_a_bank_and_quizapp_says_so(bank: Path, tmp_path: Path) -> None:
    _empty(bank)
    run = quizapp("list", "--db", str(bank), tmp=tmp_path)
    run.assert_ok()
    assert run.stderr.startswith("quizapp: warning: ") and "was an empty file" in run.stderr
    assert "empty" in run.stdout


@pytest.mark.parametrize("command", [["import", "json", "DOC"], ["export", "json"]])
def test_every_command_refuses_a_newer_bank_untouched(
    bank: Path, tmp_path: Path, command: list[str]
) -> None:
    _newer(bank)
    before = file_digest(bank)
    document = str(ROOT / "tests" / "data" / "export_bank.json")
    args = [document if part == "DOC" else part for part in command]
    quizapp(*args, "--db", str(bank), tmp=tmp_path).assert_refused("newer quizapp")
    assert file_digest(bank) == before


def test_read_only_url_is_honoured_without_warnings(bank: Path, tmp_path: Path) -> None:
    _rollback_journal(bank)
    before = file_digest(bank)
    url = f"sqlite:///{bank}?mode=ro"
    run = quizapp("list", "--db", url, tmp=tmp_path)
    run.assert_ok()
    assert run.stderr == ""
    assert "Rivers" in run.stdout
    document = str(ROOT / "tests" / "data" / "export_bank.json")
    quizapp("import", "json", document, "--db", url, tmp=tmp_path).assert_refused("readonly")
    assert file_digest(bank) == before
