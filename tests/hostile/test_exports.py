"""Every export format, and `quizapp list`, on a bank holding hostile text.

The bank is written as an older quizapp (or another tool) could have left it: terminal escapes,
control characters and bidi overrides inside prompts, answers, options and titles, a literal
`{{c2::x}}`, HTML and Markdown markup, separators, and a prompt that is a spreadsheet formula.
Each export runs through the real entry point; none may carry an escape or a control character,
markup of the target format must stay text, and nothing may be left in the temporary directory.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from quizapp.exports.anki import stable_id
from tests.hostile.harness import quizapp

ROOT = Path(__file__).resolve().parents[2]
ESCAPES = "\x1b]0;owned\x07\x1b[2J\x1b[H\x9b31m\u202e\x00\x08"
# Anything but tab, newline (and, in CRLF files, carriage return) is a control character here.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def hostile_bank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bank whose rows hold raw escapes, as if written before text was cleaned."""
    folder = tmp_path_factory.mktemp("hostile")
    db = folder / "bank.sqlite"
    document = str(ROOT / "tests" / "data" / "export_bank.json")
    quizapp("import", "json", document, "--db", str(db), tmp=folder).assert_ok()
    connection = sqlite3.connect(db)
    with connection:
        connection.execute("UPDATE articles SET title = title || ?", (ESCAPES,))
        connection.execute(
            "UPDATE questions SET prompt = ? || prompt || ?, answer = answer || ?, "
            "source_sentence = source_sentence || ? || ' {{c2::x}} <b>bold</b> *em* a,b\tc'",
            ('=HYPERLINK("http://x")', ESCAPES + " {{c2::x}} <script>", ESCAPES, ESCAPES),
        )
        connection.execute(
            "UPDATE questions SET choices = ? WHERE kind = 'choice'",
            (json.dumps(["Danube" + ESCAPES, "=1+1", "Rhine", "Elbe"]),),
        )
        connection.execute(
            "UPDATE questions SET answer = 'Danube' || ? WHERE kind = 'choice'", (ESCAPES,)
        )
    connection.close()
    return db


def _bank(hostile_bank: Path, tmp_path: Path) -> Path:
    db = tmp_path / "bank.sqlite"
    shutil.copyfile(hostile_bank, db)
    return db


def _assert_clean(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text
    found = CONTROL.search(text)
    assert found is None, repr(text[max(0, found.start() - 30) : found.end() + 30])


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["export", "csv"], "bank.csv"),
        (["export", "quizlet"], "bank.tsv"),
        (["export", "print", "--format", "html"], "quiz.html"),
        (["export", "print", "--format", "markdown"], "quiz.md"),
    ],
    ids=["csv", "tsv", "html", "md"],
)
def test_text_exports_carry_no_escape(
    hostile_bank: Path, tmp_path: Path, command: list[str], name: str
) -> None:
    db, output = _bank(hostile_bank, tmp_path), tmp_path / name
    quizapp(*command, "-o", str(output), "--db", str(db), tmp=tmp_path).assert_ok()
    text = output.read_text("utf-8")
    _assert_clean(text)
    if name == "quiz.html":
        assert "<script>" not in text and "&lt;script&gt;" in text
    if name == "quiz.md":
        assert "\\<script\\>" in text and "\\{\\{c2::x\\}\\}" in text


def test_csv_cells_are_never_formulas_and_separators_stay_inside(
    hostile_bank: Path, tmp_path: Path
) -> None:
    db, output = _bank(hostile_bank, tmp_path), tmp_path / "bank.csv"
    quizapp("export", "csv", "-o", str(output), "--db", str(db), tmp=tmp_path).assert_ok()
    rows = list(csv.DictReader(io.StringIO(output.read_text("utf-8-sig"))))
    assert rows and all(row["prompt"].startswith("'=HYPERLINK") for row in rows)
    assert all(row["source_sentence"].endswith("a,b\tc") for row in rows)  # one cell each
    for row in rows:
        assert not any(cell.startswith(("=", "+", "@")) for cell in row.values())


def test_kahoot_writes_text_never_formulas(hostile_bank: Path, tmp_path: Path) -> None:
    db, output = _bank(hostile_bank, tmp_path), tmp_path / "quiz.xlsx"
    run = quizapp("export", "kahoot", "-o", str(output), "--db", str(db), tmp=tmp_path)
    run.assert_ok()  # openpyxl's IllegalCharacterError on control characters: gone
    sheet = load_workbook(output).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(c.value.startswith("=") for c in cells)  # the hostile option, as text
    for cell in cells:
        _assert_clean(cell.value)
        assert cell.data_type == "s", (cell.coordinate, cell.value)


def test_anki_fields_have_one_cloze_and_no_escape(hostile_bank: Path, tmp_path: Path) -> None:
    db, output = _bank(hostile_bank, tmp_path), tmp_path / "deck.apkg"
    run = quizapp("export", "anki", "-o", str(output), "--db", str(db), tmp=tmp_path)
    run.assert_ok()  # and genanki's mkstemp copy of the deck is not left in TMPDIR
    with zipfile.ZipFile(output) as archive:
        (tmp_path / "collection.anki2").write_bytes(archive.read("collection.anki2"))
    connection = sqlite3.connect(tmp_path / "collection.anki2")
    notes = connection.execute("SELECT id, mid, flds FROM notes").fetchall()
    cards = connection.execute("SELECT nid, ord FROM cards").fetchall()
    connection.close()
    # The literal {{c2::x}} made no second card of a cloze note (a "quizapp Fact" note has a
    # card per form of its fact, from its own templates).
    cloze = stable_id("quizapp.anki.model.cloze")
    cloze_notes = {nid for nid, mid, _ in notes if mid == cloze}
    assert cloze_notes
    assert all(ord_ == 0 for nid, ord_ in cards if nid in cloze_notes)
    for _, _, fields in notes:
        _assert_clean(fields.replace("\x1f", "\n"))
        assert "{{c2::" not in fields


def test_json_export_round_trips_clean(hostile_bank: Path, tmp_path: Path) -> None:
    db = _bank(hostile_bank, tmp_path)
    run = quizapp("export", "json", "--db", str(db), tmp=tmp_path)
    run.assert_ok()
    document = tmp_path / "bank.json"
    document.write_text(run.stdout, encoding="utf-8")
    fresh = tmp_path / "fresh.sqlite"
    quizapp("import", "json", str(document), "--db", str(fresh), tmp=tmp_path).assert_ok()
    connection = sqlite3.connect(fresh)
    for (prompt,) in connection.execute("SELECT prompt FROM questions"):
        _assert_clean(prompt)
    connection.close()


def test_list_prints_no_escape(hostile_bank: Path, tmp_path: Path) -> None:
    db = _bank(hostile_bank, tmp_path)
    run = quizapp("list", "--db", str(db), tmp=tmp_path)
    run.assert_ok()
    assert "Rivers" in run.stdout
    _assert_clean(run.stdout)
