"""`quizapp export anki`: the package imports into real Anki (the `anki` package's backend).

Checked in a fresh Anki collection: one note per exported question, the fields and note types
per kind, cloze notes giving one card each with the gap in the right place, decks and tags; and
that a re-export after an edit (made through `quizapp import json`) updates the note in Anki
instead of adding a second one.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER
from sqlalchemy import update

from question_bank.store import open_bank
from question_bank.store.schema import QuestionRow
from quizapp.content.generation import generate_files
from quizapp.exports.anki import deck_id, fact_guid, note_guid, stable_id
from tests.support.exports import LIVE_IDS, fixture_bank, run_quizapp

# The fixture bank's notes: 10 live questions, of which two facts have two forms (one note
# each), and one retired question.
NOTES = 9


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    yield col
    col.close()


def import_into_anki(col: Collection, package: Path) -> None:
    # Anki's defaults: update a note when the incoming one is newer; no scheduling.
    options = ImportAnkiPackageOptions(
        update_notes=IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER, with_scheduling=False
    )
    col.import_anki_package(ImportAnkiPackageRequest(package_path=str(package), options=options))


def notes_by_guid(col: Collection) -> dict[str, dict[str, object]]:
    notes: dict[str, dict[str, object]] = {}
    for nid in col.find_notes(""):
        note = col.get_note(nid)
        note_type = note.note_type()
        assert note_type is not None
        cards = note.cards()
        notes[note.guid] = {
            "model": note_type["name"],
            "fields": dict(note.items()),
            "tags": list(note.tags),
            "cards": [
                (visible(card.question()), visible(card.answer()), col.decks.name(card.did))
                for card in cards
            ],
        }
    return notes


def visible(card_html: str) -> str:
    """What the learner reads on a rendered card: no stylesheet, no tags or attributes."""
    return html.unescape(re.sub(r"<[^>]+>", " ", card_html.split("</style>")[-1]))


def backdate(db: Path) -> None:
    """The bank was generated a while ago (so an edit now is newer, to the second)."""
    bank = open_bank(db)
    try:
        with bank.transaction() as session:
            session.execute(update(QuestionRow).values(updated_at=datetime(2026, 1, 1, tzinfo=UTC)))
    finally:
        bank.dispose()


def test_fixture_bank_imports_into_anki_with_the_right_notes(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    collection: Collection,
) -> None:
    db = fixture_bank(capsys, monkeypatch, tmp_path)
    package = tmp_path / "deck.apkg"
    result = run_quizapp(capsys, monkeypatch, "export", "anki", "--db", str(db), "-o", str(package))
    assert result.code == 0, result
    # 10 live questions, two facts of two forms each (one note apiece), one retired question.
    assert "exported 9 notes" in result.err
    assert "1 retired questions tagged quizapp::retired" in result.err

    import_into_anki(collection, package)
    notes = notes_by_guid(collection)
    assert collection.note_count() == 9
    alone = set(LIVE_IDS) - {"q-open-danube", "q-tf-danube", "q-cloze-vltava", "q-choice-prague"}
    assert set(notes) == {note_guid(q) for q in alone} | {
        fact_guid("q-open-danube"),
        fact_guid("q-cloze-vltava"),
        note_guid("q-open-retired"),
    }
    retired = notes[note_guid("q-open-retired")]
    assert "quizapp::retired" in retired["tags"]  # type: ignore[operator]
    assert not any(
        "quizapp::retired" in n["tags"]
        for g, n in notes.items()
        if g != note_guid("q-open-retired")
    )  # type: ignore[operator]

    # The open and true/false forms of one fact: one note, two cards (siblings in Anki).
    danube = notes[fact_guid("q-open-danube")]
    assert danube["model"] == "quizapp Fact"
    fields = danube["fields"]
    assert fields["Open"] == "Through how many countries does the Danube flow?"  # type: ignore[index]
    assert fields["Open answer"] == "ten" and fields["Truth"] == "True"  # type: ignore[index]
    assert fields["Statement"] == "The Danube flows through ten countries."  # type: ignore[index]
    assert fields["Cloze"] == "" and fields["Choice"] == ""  # type: ignore[index]
    assert fields["Source"] == (  # type: ignore[index]
        '<div class="sentence">The Danube flows through ten countries.</div>'
        '<div class="section">Rivers</div>'
    )
    assert set(danube["tags"]) >= {  # type: ignore[call-overload]
        "quizapp",
        "quizapp::kind::open",
        "quizapp::kind::truefalse",
        "quizapp::type::number",
        "quizapp::article::Rivers_&_<Bridges>_of_Europe",
        "geography",
        "big_rivers",
    }
    (open_card, truefalse_card) = danube["cards"]  # type: ignore[misc]
    question, answer, deck = open_card
    assert deck == "quizapp::Rivers & <Bridges> of Europe"
    assert "Through how many countries" in question and "ten" not in question
    assert "ten" in answer and "The Danube flows through ten countries." in answer
    question, answer, _ = truefalse_card
    assert "True or false? The Danube flows through ten countries." in question
    assert "True" in answer.split("True or false?")[-1]

    # The cloze and choice forms of the Vltava fact: one note, two cards.
    vltava = notes[fact_guid("q-cloze-vltava")]
    assert vltava["model"] == "quizapp Fact"
    assert vltava["fields"]["Cloze"] == (  # type: ignore[index]
        'The Charles Bridge crosses the <span class="cloze">[...]</span> in Prague.'
    )
    (cloze_card, choice_card) = vltava["cards"]  # type: ignore[misc]
    question, answer, _ = cloze_card
    assert "Vltava" not in question and "[...]" in question
    assert "crosses the Vltava in Prague" in answer
    question, answer, _ = choice_card
    assert "C.  Elbe" in question and "✔" not in question
    assert "✔ B. Vltava" in answer

    # Text is HTML-escaped: markup in the bank stays text in Anki, in the gap too.
    markup = notes[note_guid("q-cloze-html")]
    assert markup["fields"]["Text"] == (  # type: ignore[index]
        "In HTML, a &lt;b&gt; tag &amp; an {{c1::&amp;amp;}} entity look alike\tto some."
    )
    [(question, answer, _)] = markup["cards"]  # type: ignore[misc]
    assert "a <b> tag & an  [...]" in question  # the learner reads "<b>": it is not markup
    assert "&amp;" in answer  # the answer is the text "&amp;", as the bank has it

    choice = notes[note_guid("q-choice-longanswer")]  # a choice question alone with its fact
    assert choice["model"] == "quizapp Multiple choice"
    fields = choice["fields"]
    assert fields["Question"] == "Where does the Vltava end?"  # type: ignore[index]
    [(question, answer, _)] = choice["cards"]  # type: ignore[misc]
    assert "✔" not in question and "✔" in answer

    # "::" in a title would nest decks in Anki: it is broken up.
    kfor = notes[note_guid("q-cloze-kfor")]
    assert kfor["cards"][0][2] == "quizapp::Kosovo : : KFOR"  # type: ignore[index]
    decks = {d.name for d in collection.decks.all_names_and_ids()}
    assert decks >= {"quizapp::Rivers & <Bridges> of Europe", "quizapp::Kosovo : : KFOR"}


def test_reexport_after_an_edit_updates_the_note_instead_of_duplicating(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    collection: Collection,
) -> None:
    db = fixture_bank(capsys, monkeypatch, tmp_path)
    backdate(db)
    first = tmp_path / "first.apkg"
    assert run_quizapp(capsys, monkeypatch, "export", "anki", "--db", str(db), "-o", str(first))
    import_into_anki(collection, first)
    assert collection.note_count() == NOTES

    # A teacher edits one card in an exported JSON document and imports it back.
    exported = tmp_path / "bank.json"
    result = run_quizapp(
        capsys, monkeypatch, "export", "json", "--db", str(db), "-o", str(exported)
    )
    assert result.code == 0, result
    document = json.loads(exported.read_text(encoding="utf-8"))
    [card] = [q for q in document["questions"] if q["id"] == "q-cloze-vltava"]
    card["prompt"] = "In Prague, the Charles Bridge spans the [...] river."
    exported.write_text(json.dumps(document), encoding="utf-8")
    result = run_quizapp(capsys, monkeypatch, "import", "json", str(exported), "--db", str(db))
    assert result.code == 0 and "1 updated" in result.out, result

    second = tmp_path / "second.apkg"
    assert run_quizapp(capsys, monkeypatch, "export", "anki", "--db", str(db), "-o", str(second))
    import_into_anki(collection, second)

    assert collection.note_count() == NOTES
    notes = notes_by_guid(collection)
    edited = notes[fact_guid("q-cloze-vltava")]
    assert edited["fields"]["Cloze"] == (  # type: ignore[index]
        'In Prague, the Charles Bridge spans the <span class="cloze">[...]</span> river.'
    )
    (question, _, _), _choice = edited["cards"]  # type: ignore[misc]
    assert "spans the" in question
    # Model and deck ids are fixed, so Anki did not make copies of the note types or decks.
    names = [m.name for m in collection.models.all_names_and_ids()]
    assert names.count("quizapp Cloze") == 1
    decks = [d.name for d in collection.decks.all_names_and_ids()]
    assert sorted(d for d in decks if d.startswith("quizapp::")) == [
        "quizapp::Kosovo : : KFOR",
        "quizapp::Rivers & <Bridges> of Europe",
    ]
    assert collection.models.by_name("quizapp Cloze")["id"] == stable_id(  # type: ignore[index]
        "quizapp.anki.model.cloze"
    )


def test_same_bank_gives_the_same_package(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """No randomness and no clock in the notes: re-exporting an unchanged bank changes nothing."""
    import sqlite3
    import zipfile

    db = fixture_bank(capsys, monkeypatch, tmp_path)
    rows = []
    for name in ("a.apkg", "b.apkg"):
        path = tmp_path / name
        assert run_quizapp(capsys, monkeypatch, "export", "anki", "--db", str(db), "-o", str(path))
        with zipfile.ZipFile(path) as archive:
            (tmp_path / f"{name}.db").write_bytes(archive.read("collection.anki2"))
        connection = sqlite3.connect(tmp_path / f"{name}.db")
        rows.append(connection.execute("SELECT id, guid, mid, mod, flds FROM notes").fetchall())
        [decks_json] = connection.execute("SELECT decks FROM col").fetchone()
        connection.close()
    assert rows[0] == rows[1] and len(rows[0]) == NOTES
    # Deck ids come from the article ids (Anki also matches decks by name on import).
    deck_ids = {int(key) for key in json.loads(decks_json)}
    assert deck_ids >= {
        deck_id("e4f1x7ure0000000000000000000a001"),
        deck_id("e4f1x7ure0000000000000000000b002"),
    }


def test_seed_bank_exports_to_anki(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    seed_article: Path,
    collection: Collection,
) -> None:
    """The generated seed bank, as a user would export it: every card arrives, clozes work."""
    db = tmp_path / "seed.sqlite"
    bank = open_bank(db)
    try:
        [summary] = generate_files(bank, [seed_article])
    finally:
        bank.dispose()
    package = tmp_path / "seed.apkg"
    result = run_quizapp(capsys, monkeypatch, "export", "anki", "--db", str(db), "-o", str(package))
    assert result.code == 0, result
    import_into_anki(collection, package)
    notes = notes_by_guid(collection)
    # Every card arrives: a fact's forms are the cards of one note.
    assert sum(len(note["cards"]) for note in notes.values()) == summary.total  # type: ignore[arg-type]
    assert any(note["model"] == "quizapp Fact" for note in notes.values())
    for note in notes.values():
        assert note["cards"], note
        if note["model"] == "quizapp Cloze":
            assert note["fields"]["Text"].count("{{c1::") >= 1  # type: ignore[index,attr-defined]
            assert len(note["cards"]) == 1  # type: ignore[arg-type]
            question, answer, deck = note["cards"][0]  # type: ignore[index]
            hidden = re.search(r"\{\{c1::(.*?)\}\}", note["fields"]["Text"])  # type: ignore[index,call-overload]
            assert hidden is not None
            assert "[...]" in question and html.unescape(hidden.group(1)) in answer
            assert deck.startswith("quizapp::NATO")
