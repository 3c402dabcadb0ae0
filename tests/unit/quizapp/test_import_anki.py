"""`quizapp import anki`: decks made in Anki (or by `quizapp export anki`) come into the bank.

Real Anki files are made with the `anki` package (a legacy .apkg, a new-format .apkg and a
"Notes in Plain Text" export). Every bad input — not a zip, no collection, a corrupted
database, a zip bomb, a member path escaping the target, an empty text export — gives one line
on stderr, a non-zero exit, and leaves the bank exactly as it was.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import genanki
import pytest
from anki.collection import Collection, ExportAnkiPackageOptions

from question_bank.store import open_bank
from quizapp.imports.anki import AnkiImportError, check_members, read_anki_file
from tests.support.bank import file_contents
from tests.support.exports import (
    CliResult,
    assert_one_line_error,
    fixture_bank,
    run_quizapp,
)


@pytest.fixture
def anki_files(tmp_path: Path) -> Iterator[dict[str, Path]]:
    """A small Anki collection exported three ways, as Anki itself writes them."""
    folder = tmp_path / "anki"
    folder.mkdir()
    col = Collection(str(folder / "collection.anki2"))
    try:
        deck = col.decks.id("Geography::Europe")
        assert deck is not None
        basic, cloze = col.models.by_name("Basic"), col.models.by_name("Cloze")
        assert basic is not None and cloze is not None
        note = col.new_note(basic)
        note["Front"], note["Back"] = "What is the capital of <b>France</b>?", "Paris &amp; more"
        note.tags = ["geo", "europe"]
        col.add_note(note, deck)
        note = col.new_note(cloze)
        note["Text"] = "{{c1::Paris}} lies on the {{c2::Seine::river}}.<br>It is big."
        col.add_note(note, deck)
        note = col.new_note(basic)
        note["Front"], note["Back"] = "Tab\tand\nnewline", 'say "hi"'
        col.add_note(note, deck)
        files = {
            "legacy": folder / "legacy.apkg",
            "new": folder / "new.apkg",
            "text": folder / "notes.txt",
        }
        for name, legacy in (("legacy", True), ("new", False)):
            options = ExportAnkiPackageOptions(
                legacy=legacy, with_scheduling=False, with_media=False, with_deck_configs=False
            )
            col.export_anki_package(out_path=str(files[name]), options=options, limit=None)
        col.export_note_csv(
            out_path=str(files["text"]),
            limit=None,
            with_html=True,
            with_tags=True,
            with_deck=True,
            with_notetype=True,
            with_guid=True,
        )
    finally:
        col.close()
    yield files


def questions(db: Path) -> list[tuple[str, str, str, str]]:
    """(article title, kind, prompt, answer) of every question, in order."""
    from sqlalchemy import select

    from question_bank.store.schema import ArticleRow, QuestionRow

    bank = open_bank(db)
    try:
        with bank.transaction() as session:
            rows = session.execute(
                select(ArticleRow.title, QuestionRow.kind, QuestionRow.prompt, QuestionRow.answer)
                .join(QuestionRow.article)
                .order_by(QuestionRow.position)
            ).all()
    finally:
        bank.dispose()
    return [tuple(row) for row in rows]  # type: ignore[misc]


EXPECTED_FROM_ANKI = [
    ("Geography::Europe", "open", "What is the capital of France?", "Paris & more"),
    ("Geography::Europe", "cloze", "[...] lies on the Seine. It is big.", "Paris"),
    ("Geography::Europe", "cloze", "Paris lies on the [...]. It is big.", "Seine"),
    ("Geography::Europe", "open", "Tab and newline", 'say "hi"'),
]


@pytest.mark.parametrize("kind", ["legacy", "text"])
def test_anki_decks_become_questions(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    anki_files: dict[str, Path],
    kind: str,
) -> None:
    db = tmp_path / "bank.sqlite"
    result = run_quizapp(
        capsys, monkeypatch, "import", "anki", str(anki_files[kind]), "--db", str(db)
    )
    assert result.code == 0, result
    assert "4 questions added" in result.out
    assert questions(db) == EXPECTED_FROM_ANKI
    # A newer export of the same deck updates; the same one changes nothing.
    again = run_quizapp(
        capsys, monkeypatch, "import", "anki", str(anki_files[kind]), "--db", str(db)
    )
    assert "0 questions added, 0 updated" in again.out
    assert questions(db) == EXPECTED_FROM_ANKI


def test_package_and_text_export_of_one_deck_give_the_same_questions(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    anki_files: dict[str, Path],
) -> None:
    """Both carry Anki's GUIDs, so the ids match and one import updates the other's cards."""
    db = tmp_path / "bank.sqlite"
    run_quizapp(capsys, monkeypatch, "import", "anki", str(anki_files["legacy"]), "--db", str(db))
    result = run_quizapp(
        capsys, monkeypatch, "import", "anki", str(anki_files["text"]), "--db", str(db)
    )
    assert "0 questions added" in result.out
    assert len(questions(db)) == 4


def test_new_format_package_is_refused_with_the_way_out(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    anki_files: dict[str, Path],
) -> None:
    db = fixture_bank(capsys, monkeypatch, tmp_path)
    before = file_contents(db)
    result = run_quizapp(
        capsys, monkeypatch, "import", "anki", str(anki_files["new"]), "--db", str(db)
    )
    assert_one_line_error(result, "collection.anki21b", "Support older Anki versions")
    assert file_contents(db) == before


def test_quizapp_package_round_trips_through_the_importer(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    source = fixture_bank(capsys, monkeypatch, tmp_path)
    package = tmp_path / "deck.apkg"
    run_quizapp(capsys, monkeypatch, "export", "anki", "--db", str(source), "-o", str(package))
    db = tmp_path / "other.sqlite"
    result = run_quizapp(capsys, monkeypatch, "import", "anki", str(package), "--db", str(db))
    assert result.code == 0, result
    assert "imported 2 decks" in result.out and "10 questions added" in result.out
    got = {(title, kind, prompt, answer) for title, kind, prompt, answer in questions(db)}
    assert (
        "Rivers & <Bridges> of Europe",
        "cloze",
        "The Charles Bridge crosses the [...] in Prague.",
        "Vltava",
    ) in got
    # HTML-escaped on the way out, unescaped on the way in: the text is the bank's text.
    assert (
        "Rivers & <Bridges> of Europe",
        "cloze",
        "In HTML, a <b> tag & an [...] entity look alike to some.",
        "&amp;",
    ) in got
    assert ("Kosovo : : KFOR", "open", "Which alliance leads KFOR?", "NATO") in got
    # quizapp's own multiple-choice and true/false notes come back as such.
    assert (
        "Rivers & <Bridges> of Europe",
        "choice",
        "Which river does the Charles Bridge cross?",
        "Vltava",
    ) in got
    assert (
        "Rivers & <Bridges> of Europe",
        "truefalse",
        "The Danube flows through ten countries.",
        "True",
    ) in got


# --- bad input ---------------------------------------------------------------------------------


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def valid_collection(anki_files: dict[str, Path]) -> bytes:
    with zipfile.ZipFile(anki_files["legacy"]) as archive:
        return archive.read("collection.anki21")


def bad_inputs(tmp_path: Path, anki_files: dict[str, Path]) -> dict[str, tuple[Path, str]]:
    """name -> (file, a fragment the error line must contain)."""
    good = valid_collection(anki_files)
    not_zip = tmp_path / "notzip.apkg"
    not_zip.write_text("this is not a zip file\n", encoding="utf-8")
    empty_text = tmp_path / "empty.txt"
    empty_text.write_text("", encoding="utf-8")
    headers_only = tmp_path / "headers.txt"
    headers_only.write_text("#separator:tab\n#html:true\n", encoding="utf-8")
    return {
        "not a zip": (not_zip, "not a zip file"),
        "no collection": (
            write_zip(tmp_path / "nocol.apkg", {"media": b"{}", "readme.txt": b"hello"}),
            "no collection inside",
        ),
        "corrupted sqlite": (
            write_zip(tmp_path / "corrupt.apkg", {"collection.anki2": b"SQLite? no. " * 500}),
            "not a readable SQLite database",
        ),
        "truncated sqlite": (
            write_zip(tmp_path / "truncated.apkg", {"collection.anki21": good[: len(good) // 3]}),
            "broken Anki package",
        ),
        "zip bomb": (
            write_zip(tmp_path / "bomb.apkg", {"collection.anki2": bytes(40 * 1024 * 1024)}),
            "zip bomb",
        ),
        "path traversal": (
            write_zip(
                tmp_path / "traversal.apkg",
                {"collection.anki21": good, "../../escaped.txt": b"owned"},
            ),
            "outside the package",
        ),
        "absolute path": (
            write_zip(
                tmp_path / "absolute.apkg",
                {"collection.anki21": good, str(tmp_path / "absolute-escape.txt"): b"owned"},
            ),
            "outside the package",
        ),
        "empty text export": (empty_text, "no notes"),
        "headers only": (headers_only, "no notes"),
        "missing file": (tmp_path / "nope.apkg", "no such file"),
        "binary text": (write_bytes(tmp_path / "binary.txt", b"\x00\xff\x00garbage"), "not"),
    }


def write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


BAD = [
    "not a zip",
    "no collection",
    "corrupted sqlite",
    "truncated sqlite",
    "zip bomb",
    "path traversal",
    "absolute path",
    "empty text export",
    "headers only",
    "missing file",
    "binary text",
]


@pytest.mark.parametrize("case", BAD)
def test_bad_input_is_one_line_and_writes_nothing(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    anki_files: dict[str, Path],
    case: str,
) -> None:
    db = fixture_bank(capsys, monkeypatch, tmp_path)
    before = file_contents(db)
    work = tmp_path / "work" / "deep"
    work.mkdir(parents=True)
    file, fragment = bad_inputs(work, anki_files)[case]
    monkeypatch.chdir(work)  # a careless extractor would write ../../escaped.txt next to here
    result: CliResult = run_quizapp(
        capsys, monkeypatch, "import", "anki", str(file), "--db", str(db)
    )
    assert_one_line_error(result, fragment)
    assert file_contents(db) == before
    assert not list(tmp_path.rglob("escaped.txt"))
    assert not (tmp_path / "work" / "absolute-escape.txt").exists()


def test_declared_sizes_beyond_the_cap_refuse_the_package_before_extracting(
    tmp_path: Path,
) -> None:
    """Many members each under the ratio limit can still add up: the total is capped too."""
    members = []
    for index in range(6):
        info = zipfile.ZipInfo(f"part{index}")
        info.file_size, info.compress_size = 100 * 1024 * 1024, 10 * 1024 * 1024  # 10:1 each
        members.append(info)
    with pytest.raises(AnkiImportError, match="would expand to 600 MiB"):
        check_members(tmp_path / "big.apkg", members)


def test_empty_package_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db = fixture_bank(capsys, monkeypatch, tmp_path)
    before = file_contents(db)
    package = tmp_path / "empty.apkg"
    genanki.Package([genanki.Deck(1234567890, "Empty")]).write_to_file(str(package))
    result = run_quizapp(capsys, monkeypatch, "import", "anki", str(package), "--db", str(db))
    assert_one_line_error(result, "no Basic or Cloze notes")
    assert file_contents(db) == before


def test_text_export_without_html_with_its_own_separator_and_deck(tmp_path: Path) -> None:
    export = tmp_path / "words.txt"
    export.write_text(
        "#separator:semicolon\n#html:false\n#deck:French words\n#notetype:Basic\n"
        'chat;cat\n"pain; bread";bread <french>\nlonely front\n',
        encoding="utf-8",
    )
    [deck] = read_anki_file(export)
    assert deck.name == "French words"
    assert [(n.prompt, n.answer) for n in deck.notes] == [
        ("chat", "cat"),
        ("pain; bread", "bread <french>"),  # plain text stays text: "<french>" is not a tag
    ]
    assert deck.skipped == 1  # a note with a front and no back
