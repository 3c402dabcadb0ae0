"""Hostile `import json` and `import anki` input, through the real entry point.

Non-regular files (a FIFO, /dev/zero), inputs past the size cap, numbers out of every engine's
range, NaN, duplicate ids, a byte order mark, and Anki collections of the wrong shape (note types
as a list, decks null, `notes` as a recursive view): one line on stderr, a non-zero exit, the bank
unchanged, nothing left in the temporary directory.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.hostile.harness import bank_json, file_digest, quizapp

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = json.loads((ROOT / "tests" / "data" / "export_bank.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def template_bank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small bank, filled once by `import json` (no spaCy: fast)."""
    folder = tmp_path_factory.mktemp("template")
    db = folder / "bank.sqlite"
    document = str(ROOT / "tests" / "data" / "export_bank.json")
    quizapp("import", "json", document, "--db", str(db), tmp=folder).assert_ok()
    assert not db.with_name("bank.sqlite-wal").exists()
    return db


@pytest.fixture
def bank(template_bank: Path, tmp_path: Path) -> Path:
    db = tmp_path / "bank.sqlite"
    shutil.copyfile(template_bank, db)
    return db


def _write(tmp_path: Path, document: Any, name: str = "doc.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def _refused_unchanged(
    bank: Path, tmp_path: Path, *args: str, fragments: tuple[str, ...] = ()
) -> str:
    """Refused before the bank is opened: the bank file is byte-identical."""
    before = file_digest(bank)
    line = quizapp(*args, "--db", str(bank), tmp=tmp_path).assert_refused(*fragments)
    assert file_digest(bank) == before
    return line


# -- not a regular file, or too big ----------------------------------------------------------


@pytest.mark.parametrize("command", ["json", "anki"])
def test_a_fifo_is_refused_not_waited_on(bank: Path, tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    _refused_unchanged(bank, tmp_path, "import", command, str(fifo), fragments=("FIFO",))


@pytest.mark.parametrize("command", ["json", "anki"])
def test_a_device_is_refused(bank: Path, tmp_path: Path, command: str) -> None:
    _refused_unchanged(bank, tmp_path, "import", command, "/dev/zero", fragments=("device",))


@pytest.mark.parametrize(("command", "name"), [("json", "big.json"), ("anki", "big.apkg")])
def test_past_the_size_cap_is_refused_naming_the_setting(
    bank: Path, tmp_path: Path, command: str, name: str
) -> None:
    big = tmp_path / name
    with big.open("wb") as sparse:  # a sparse file: 300 MiB on paper, nothing on disk
        sparse.truncate(300 * 1024 * 1024)
    _refused_unchanged(bank, tmp_path, "import", command, str(big), fragments=("max_import_mb",))


def test_the_cap_is_a_setting(bank: Path, tmp_path: Path) -> None:
    path = _write(tmp_path, DOCUMENT)
    run = quizapp(
        "import",
        "json",
        str(path),
        "--db",
        str(bank),
        tmp=tmp_path,
        env={"QUIZAPP_MAX_IMPORT_MB": "1"},
    )
    run.assert_ok()


def test_a_looping_symlink_is_named_as_such(bank: Path, tmp_path: Path) -> None:
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    _refused_unchanged(bank, tmp_path, "import", "json", str(loop), fragments=("link loop",))


# -- JSON documents --------------------------------------------------------------------------


def _variant(**question: Any) -> dict[str, Any]:
    document = copy.deepcopy(DOCUMENT)
    document["questions"][0].update(question)
    return document


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"position": 2**63}, "questions.0.position"),
        ({"position": 2**31}, "questions.0.position"),
        ({"position": -1}, "questions.0.position"),
        ({"score": 1e309}, "questions.0.score"),  # json.dumps writes Infinity
    ],
)
def test_numbers_out_of_range_are_refused_on_every_engine(
    bank: Path, tmp_path: Path, change: dict[str, Any], fragment: str
) -> None:
    path = _write(tmp_path, _variant(**change))
    _refused_unchanged(bank, tmp_path, "import", "json", str(path), fragments=(fragment,))


def test_nan_is_refused(bank: Path, tmp_path: Path) -> None:
    path = tmp_path / "nan.json"
    path.write_text(json.dumps(_variant(score=0.5)).replace('"score": 0.5', '"score": NaN'))
    _refused_unchanged(
        bank, tmp_path, "import", "json", str(path), fragments=("questions.0.score",)
    )


@pytest.mark.parametrize("table", ["questions", "articles"])
def test_duplicate_ids_are_refused_naming_both_places(
    bank: Path, tmp_path: Path, table: str
) -> None:
    document = copy.deepcopy(DOCUMENT)
    document[table].append(copy.deepcopy(document[table][0]))
    last = len(document[table]) - 1
    path = _write(tmp_path, document)
    _refused_unchanged(
        bank, tmp_path, "import", "json", str(path), fragments=(f"{table}.0", f"{table}.{last}")
    )


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(DOCUMENT).encode("utf-8"))
    quizapp(
        "import", "json", str(path), "--db", str(tmp_path / "new.sqlite"), tmp=tmp_path
    ).assert_ok()


def test_escapes_in_a_document_never_enter_the_bank(tmp_path: Path) -> None:
    path = _write(tmp_path, _variant(prompt="Hi\x1b]0;owned\x07 there\x1b[2J?\u202e"))
    db = tmp_path / "new.sqlite"
    quizapp("import", "json", str(path), "--db", str(db), tmp=tmp_path).assert_ok()
    stored = (
        sqlite3.connect(db)
        .execute("SELECT prompt FROM questions WHERE id = 'q-open-danube'")
        .fetchone()[0]
    )
    assert stored == "Hi there?"


# -- Anki collections ------------------------------------------------------------------------


def _apkg(
    tmp_path: Path,
    *,
    models: Any = None,
    decks: Any = None,
    notes_view: bool = False,
    name: str = "deck.apkg",
) -> Path:
    """A legacy collection.anki2 with one Basic note, shaped as the caller says."""
    database = tmp_path / f"{name}.anki2"
    database.unlink(missing_ok=True)
    connection = sqlite3.connect(database)
    basic = {"1": {"name": "Basic", "type": 0, "flds": [{"name": "Front"}, {"name": "Back"}]}}
    default_decks = {"1": {"name": "Default"}}
    connection.execute("CREATE TABLE col (models TEXT, decks TEXT)")
    connection.execute(
        "INSERT INTO col VALUES (?, ?)",
        (
            json.dumps(basic if models is None else models),
            json.dumps(default_decks if decks is None else decks) if decks != "null" else "null",
        ),
    )
    connection.execute("CREATE TABLE cards (nid INTEGER, did INTEGER, ord INTEGER)")
    connection.execute("INSERT INTO cards VALUES (1, 1, 0)")
    if notes_view:
        connection.execute(
            "CREATE VIEW notes AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)"
            " SELECT 'g' AS guid, 1 AS mid, '' AS tags, 'a\x1fb' AS flds, n AS id FROM r"
        )
    else:
        connection.execute(
            "CREATE TABLE notes (id INTEGER, guid TEXT, mid INTEGER, tags TEXT, flds TEXT)"
        )
        connection.execute(
            "INSERT INTO notes VALUES (1, 'g1', 1, '', ?)",
            ("Capital of France?\x1b]0;owned\x07\x1fParis &#27;[2J",),
        )
    connection.commit()
    connection.close()
    package = tmp_path / name
    with zipfile.ZipFile(package, "w") as archive:
        archive.write(database, "collection.anki2")
    database.unlink()
    return package


@pytest.mark.parametrize(
    ("shape", "fragment"),
    [
        ({"models": [{"name": "Basic"}]}, "col.models"),
        ({"models": {"1": "Basic"}}, "col.models.1"),
        ({"models": {"1": {"name": "Basic", "flds": ["Front"]}}}, "col.models.1.flds"),
        ({"decks": "null"}, "col.decks"),
        ({"decks": {"1": 7}}, "col.decks.1"),
        ({"notes_view": True}, "no notes"),
    ],
    ids=["models-list", "models-strings", "fields-strings", "decks-null", "decks-int", "view"],
)
def test_a_hostile_collection_is_refused(
    bank: Path, tmp_path: Path, shape: dict[str, Any], fragment: str
) -> None:
    package = _apkg(tmp_path, **shape)
    _refused_unchanged(bank, tmp_path, "import", "anki", str(package), fragments=(fragment,))


def test_anki_text_is_cleaned_on_the_way_in(tmp_path: Path) -> None:
    package = _apkg(tmp_path)
    db = tmp_path / "new.sqlite"
    quizapp("import", "anki", str(package), "--db", str(db), tmp=tmp_path).assert_ok()
    prompt, answer = sqlite3.connect(db).execute("SELECT prompt, answer FROM questions").fetchone()
    assert (prompt, answer) == ("Capital of France?", "Paris [2J")


def test_every_engine_refuses_the_same_documents(bank_url: str, tmp_path: Path) -> None:
    """SQLite and PostgreSQL (when the suite has one) give the same answer to the same input."""
    quizapp(
        "import", "json", str(_write(tmp_path, DOCUMENT)), "--db", bank_url, tmp=tmp_path
    ).assert_ok()
    before = bank_json(bank_url, tmp_path)
    duplicate = copy.deepcopy(DOCUMENT)
    duplicate["questions"].append(copy.deepcopy(duplicate["questions"][0]))
    nan = tmp_path / "nan.json"
    nan.write_text(json.dumps(_variant(score=0.5)).replace('"score": 0.5', '"score": NaN'))
    cases = [
        (_write(tmp_path, _variant(position=2**63), "big.json"), "questions.0.position"),
        (nan, "questions.0.score"),
        (_write(tmp_path, duplicate, "dup.json"), "have the same id"),
    ]
    for path, fragment in cases:
        quizapp("import", "json", str(path), "--db", bank_url, tmp=tmp_path).assert_refused(
            fragment
        )
    assert bank_json(bank_url, tmp_path) == before
