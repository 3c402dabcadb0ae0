"""Anki decks into the bank: `.apkg` packages and Anki's "Notes in Plain Text" export.

Basic-like notes (any note type with two or more fields) become `open` questions (front ->
prompt, back -> answer); Cloze notes become one `cloze` question per cloze number, the cloze
shown as the bank's `[...]` gap with its text as the answer (other clozes of the note shown
filled in, hints dropped). quizapp's own "Multiple choice" notes (an Options field) and
"True or false? ..." Basic notes come back as choice and truefalse questions. HTML is stripped
to text, media references dropped (note by note: `quizapp.imports.anki_notes`).

Each deck becomes an article whose id is derived from the deck's name, and each question's id
from the article, the note's GUID (stable across Anki exports; for text exports without a GUID
column, the note's first field) and the cloze number, so importing a newer export of the same
deck updates its questions instead of duplicating them.

Packages are untrusted input. Before anything is extracted, every member is checked: a path that
is absolute or climbs out (`..`) refuses the package, as do declared sizes above
`MAX_TOTAL_BYTES` or a compression ratio above `MAX_RATIO` (zip bombs). Only the collection
database is extracted, streamed with a byte cap into a private temporary directory, under a
fixed name, and opened read-only. Every problem is a one-line `AnkiImportError`, raised before
the bank is touched; the bank write itself is one transaction.

Not supported: `collection.anki21b` (Anki 2.1.50+'s zstd-compressed format without the
"Support older Anki versions" option) needs zstd, which the standard library lacks; such a
package is refused with the way out (export again with that option ticked).
"""

from __future__ import annotations

import csv
import hashlib
import html
import os
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from question_bank.errors import QuestionBankError
from question_bank.store.interchange import ArticleDocument, BankDocument, QuestionDocument
from quizapp.imports.anki_notes import (
    AnkiImportError,
    ImportedDeck,
    NoteType,
    note_to_questions,
)
from quizapp.imports.files import MIB, check_size, open_regular

MAX_TOTAL_BYTES = 512 * 1024 * 1024  # declared uncompressed size of all members
MAX_COLLECTION_BYTES = 256 * 1024 * 1024  # the collection database itself
MAX_RATIO = 100  # uncompressed / compressed, for members bigger than RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_TEXT_BYTES = 64 * 1024 * 1024
# A collection is untrusted SQL: a recursive view or a huge table must not hang the import.
MAX_ROWS = 1_000_000  # notes, cards, note types, fields or decks read
MAX_SECONDS = 60.0  # of SQLite work on the collection
COLLECTION_NAMES = ("collection.anki21", "collection.anki2")
NEW_FORMAT = "collection.anki21b"


class _AnkiField(BaseModel):
    """A field of a note type in the legacy `col.models` JSON."""

    model_config = ConfigDict(extra="ignore")
    name: str = ""


class _AnkiModel(BaseModel):
    """A note type in the legacy `col.models` JSON (only what is read)."""

    model_config = ConfigDict(extra="ignore")
    name: str = ""
    type: int = 0
    flds: list[_AnkiField] = []


class _AnkiDeck(BaseModel):
    """A deck in the legacy `col.decks` JSON (only what is read)."""

    model_config = ConfigDict(extra="ignore")
    name: str = "Default"


_MODELS = TypeAdapter(dict[int, _AnkiModel])
_DECKS = TypeAdapter(dict[int, _AnkiDeck])


# --- .apkg ------------------------------------------------------------------------------------


def _unsafe_member(name: str) -> bool:
    if not name or "\x00" in name:
        return True
    posix, windows = PurePosixPath(name), PureWindowsPath(name)
    return (
        posix.is_absolute()
        or windows.is_absolute()
        or bool(windows.drive)
        or ".." in posix.parts
        or ".." in windows.parts
    )


def check_members(path: Path, members: Sequence[zipfile.ZipInfo]) -> None:
    """Refuse unsafe paths and zip bombs from the declared sizes, before extracting anything."""
    total = 0
    for info in members:
        if _unsafe_member(info.filename):
            raise AnkiImportError(
                f"{path}: refused: member {info.filename!r} would be written outside the package"
            )
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise AnkiImportError(
                f"{path}: refused: member {info.filename!r} expands {ratio:.0f}x "
                f"(more than {MAX_RATIO}x): looks like a zip bomb"
            )
    if total > MAX_TOTAL_BYTES:
        raise AnkiImportError(
            f"{path}: refused: members would expand to {total // (1024 * 1024)} MiB "
            f"(limit {MAX_TOTAL_BYTES // (1024 * 1024)} MiB)"
        )


def _extract_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> None:
    """Stream one member to `target`, stopping at MAX_COLLECTION_BYTES whatever it declares."""
    written = 0
    with archive.open(info) as source, target.open("wb") as sink:
        while chunk := source.read(1024 * 1024):
            written += len(chunk)
            if written > MAX_COLLECTION_BYTES:
                raise AnkiImportError(
                    f"refused: the collection expands past {MAX_COLLECTION_BYTES // (1024 * 1024)}"
                    " MiB"
                )
            sink.write(chunk)


def read_apkg(path: Path, stream: Any = None) -> list[ImportedDeck]:
    """The decks of an .apkg, with their notes as questions (`stream`: the file, opened)."""
    try:
        archive = zipfile.ZipFile(stream if stream is not None else path)
    except FileNotFoundError:
        raise AnkiImportError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise AnkiImportError(f"{path}: is a directory, not an Anki package") from None
    except (zipfile.BadZipFile, OSError, ValueError):
        raise AnkiImportError(f"{path}: not an Anki package (not a zip file)") from None
    with archive, tempfile.TemporaryDirectory(prefix="quizapp-apkg-") as private:
        members = archive.infolist()
        check_members(path, members)
        by_name = {info.filename: info for info in members}
        chosen = next((by_name[n] for n in COLLECTION_NAMES if n in by_name), None)
        if NEW_FORMAT in by_name and "collection.anki21" not in by_name:
            # The collection.anki2 next to an anki21b is a stub telling old Ankis to update.
            raise AnkiImportError(
                f"{path}: made by Anki 2.1.50+ in its compressed format (collection.anki21b), "
                "which quizapp cannot read; in Anki, export again with "
                '"Support older Anki versions" ticked'
            )
        if chosen is None:
            raise AnkiImportError(f"{path}: not an Anki package (no collection inside the zip)")
        database = Path(private) / "collection.sqlite"
        try:
            _extract_capped(archive, chosen, database)
        except AnkiImportError as error:
            raise AnkiImportError(f"{path}: {error}") from None
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
            raise AnkiImportError(
                f"{path}: broken Anki package (cannot extract the collection: {error})"
            ) from None
        return read_collection(path, database)


def _rows(connection: sqlite3.Connection, query: str) -> list[Any]:
    """At most MAX_ROWS rows of a query (the collection's own tables, read-only)."""
    rows = connection.execute(f"{query} LIMIT {MAX_ROWS + 1}").fetchall()
    if len(rows) > MAX_ROWS:
        table = query.split(" FROM ", 1)[1].split()[0]
        raise AnkiImportError(f"refused: more than {MAX_ROWS} rows in {table}")
    return rows


def _deadline_handler(seconds: float) -> Any:
    """A SQLite progress handler that stops any statement once the time is up."""
    deadline = time.monotonic() + seconds

    def over() -> int:
        return 1 if time.monotonic() > deadline else 0

    return over


def read_collection(path: Path, database: Path) -> list[ImportedDeck]:
    """Decks and notes from an extracted collection (schema 11, or 18 with its own tables)."""
    try:
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    except sqlite3.Error:
        raise AnkiImportError(f"{path}: broken Anki package (cannot open the collection)") from None
    # Interrupts a statement (a recursive view, a cross join) that outlasts the budget.
    connection.set_progress_handler(_deadline_handler(MAX_SECONDS), 10_000)
    try:
        # Real tables only: a view named "notes" could run any query (a recursive one never ends).
        tables = {
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if not {"notes", "cards"} <= tables:
            raise AnkiImportError(f"{path}: broken Anki package (the collection has no notes)")
        note_types, deck_names = _note_types_and_decks(connection, tables)
        # The deck of a note is the deck of its first card.
        deck_of: dict[int, int] = {}
        for nid, did in _rows(connection, "SELECT nid, did FROM cards ORDER BY nid, ord DESC"):
            deck_of[int(nid)] = int(did)  # ord DESC: the last write per note is its first card
        decks: dict[str, ImportedDeck] = {}
        for guid, mid, tags, flds, nid in _rows(
            connection, "SELECT guid, mid, tags, flds, id FROM notes ORDER BY id"
        ):
            note_type = note_types.get(mid, NoteType("", False, ()))
            name = deck_names.get(deck_of.get(nid, 1), "Default")
            deck = decks.setdefault(name, ImportedDeck(name))
            values = str(flds).split("\x1f")
            note_to_questions(deck, note_type, str(guid), values, tuple(str(tags).split()))
    except sqlite3.OperationalError as error:
        if "interrupted" in str(error):
            raise AnkiImportError(
                f"{path}: refused: reading the collection took over {MAX_SECONDS:.0f} s"
            ) from None
        raise AnkiImportError(
            f"{path}: broken Anki package (the collection is not a readable SQLite database: "
            f"{error})"
        ) from None
    except sqlite3.DatabaseError as error:
        raise AnkiImportError(
            f"{path}: broken Anki package (the collection is not a readable SQLite database: "
            f"{error})"
        ) from None
    except AnkiImportError as error:
        message = str(error)
        raise AnkiImportError(
            message if message.startswith(str(path)) else f"{path}: {message}"
        ) from None
    except (ValueError, KeyError, TypeError, OverflowError) as error:
        raise AnkiImportError(f"{path}: broken Anki package ({error})") from None
    finally:
        connection.close()
    return list(decks.values())


def _note_types_and_decks(
    connection: sqlite3.Connection, tables: set[str]
) -> tuple[dict[int, NoteType], dict[int, str]]:
    if "notetypes" in tables and "decks" in tables:  # schema 18 (anki21 from a recent Anki)
        names: dict[int, list[str]] = {}
        if "fields" in tables:
            for ntid, name in _rows(connection, "SELECT ntid, name FROM fields ORDER BY ntid, ord"):
                names.setdefault(int(ntid), []).append(str(name))
        note_types = {
            int(ntid): NoteType(str(name), "cloze" in str(name).lower(), tuple(names.get(ntid, [])))
            for ntid, name in _rows(connection, "SELECT id, name FROM notetypes")
        }
        decks = {int(i): str(n) for i, n in _rows(connection, "SELECT id, name FROM decks")}
        # Schema 18 separates nested deck names with \x1f instead of "::".
        return note_types, {i: n.replace("\x1f", "::") for i, n in decks.items()}
    if "col" not in tables:
        raise AnkiImportError("broken Anki package (the collection has no note types)")
    row = connection.execute("SELECT models, decks FROM col LIMIT 1").fetchone()
    if row is None:
        raise AnkiImportError("broken Anki package (the collection has no note types)")
    models = _validated_json(_MODELS, row[0], "col.models")
    decks_json = _validated_json(_DECKS, row[1], "col.decks")
    note_types = {
        mid: NoteType(model.name, model.type == 1, tuple(f.name for f in model.flds))
        for mid, model in models.items()
    }
    return note_types, {did: deck.name for did, deck in decks_json.items()}


def _validated_json(adapter: TypeAdapter[Any], raw: object, where: str) -> Any:
    """A JSON column of `col` checked against the shape quizapp reads."""
    if not isinstance(raw, str | bytes):
        raise AnkiImportError(f"broken Anki package ({where} is not JSON text)")
    try:
        return adapter.validate_json(raw)
    except ValidationError as error:
        first = error.errors()[0]
        at = ".".join(str(part) for part in first["loc"])
        detail = f"{where}.{at}" if at else where
        raise AnkiImportError(f"broken Anki package ({detail}: {first['msg']})") from None


# --- Notes in Plain Text ----------------------------------------------------------------------

SEPARATORS = {
    "tab": "\t",
    "comma": ",",
    "semicolon": ";",
    "pipe": "|",
    "colon": ":",
    "space": " ",
}


def _export_text(path: Path, raw: bytes | None) -> str:
    """The text export's content, size-capped and checked to be UTF-8 text."""
    if raw is None:
        try:
            if path.stat().st_size > MAX_TEXT_BYTES:
                raise AnkiImportError(f"{path}: refused: larger than {MAX_TEXT_BYTES // 2**20} MiB")
            raw = path.read_bytes()
        except FileNotFoundError:
            raise AnkiImportError(f"{path}: no such file") from None
        except OSError as error:
            raise AnkiImportError(f"{path}: cannot read ({error.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AnkiImportError(f"{path}: not an Anki text export (not UTF-8 text)") from None
    if "\x00" in text:
        raise AnkiImportError(f"{path}: not an Anki text export (binary data)")
    return text


def read_text_export(path: Path, raw: bytes | None = None) -> list[ImportedDeck]:
    """Decks from Anki's "Notes in Plain Text" export (`#separator:tab`, `#html:true`, ...)."""
    text = _export_text(path, raw)
    headers: dict[str, str] = {}
    body_lines: list[str] = []
    lines = text.splitlines(keepends=True)
    index = 0
    while index < len(lines) and lines[index].startswith("#"):
        key, _, value = lines[index][1:].strip().partition(":")
        headers[key.strip().lower()] = value.strip()
        index += 1
    body_lines = lines[index:]
    separator = SEPARATORS.get(headers.get("separator", "tab").lower(), "\t")
    html_fields = headers.get("html", "false").lower() == "true"

    def column(name: str) -> int | None:
        value = headers.get(name)
        return int(value) - 1 if value and value.isdigit() and int(value) > 0 else None

    notetype_col, deck_col = column("notetype column"), column("deck column")
    tags_col, guid_col = column("tags column"), column("guid column")
    special = {c for c in (notetype_col, deck_col, tags_col, guid_col) if c is not None}
    default_deck = headers.get("deck") or path.stem
    default_type = headers.get("notetype", "")
    decks: dict[str, ImportedDeck] = {}
    reader = csv.reader(body_lines, delimiter=separator, quotechar='"', strict=False)
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue

        def cell(i: int | None, cells: list[str] = cells) -> str:
            return cells[i] if i is not None and i < len(cells) else ""

        values = [c for i, c in enumerate(cells) if i not in special]
        if not html_fields:
            values = [html.escape(v) for v in values]
        type_name = cell(notetype_col) or default_type
        deck = decks.setdefault(
            cell(deck_col) or default_deck, ImportedDeck(cell(deck_col) or default_deck)
        )
        key = cell(guid_col) or (values[0] if values else "")
        note_type = NoteType(type_name, "cloze" in type_name.lower(), ())
        note_to_questions(deck, note_type, key, values, tuple(cell(tags_col).split()))
    found = [d for d in decks.values() if d.notes or d.skipped]
    if not found:
        raise AnkiImportError(f"{path}: no notes in this Anki text export")
    return found


# --- into the bank ----------------------------------------------------------------------------


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def deck_article_id(deck_name: str) -> str:
    """The article id of an imported deck: derived from its name, stable across exports."""
    return _digest("anki-deck", deck_name)[:32]


def to_document(decks: Sequence[ImportedDeck], source: Path) -> BankDocument:
    """The decks as a bank document, ready for `import_document` (an upsert by id)."""
    articles: list[ArticleDocument] = []
    questions: list[QuestionDocument] = []
    for deck in decks:
        if not deck.notes:
            continue
        article_id = deck_article_id(deck.name)
        title = deck.name.removeprefix("quizapp::") or deck.name
        text = "\n\n".join(dict.fromkeys(n.source_sentence or n.prompt for n in deck.notes))
        articles.append(
            ArticleDocument(
                id=article_id,
                title=title,
                source=str(source),
                text=text,
                content_hash=_digest(text)[:32],
            )
        )
        seen: set[str] = set()
        for position, note in enumerate(deck.notes):
            question_id = _digest(article_id, note.key, note.kind.value, str(note.ordinal))[:24]
            if question_id in seen:  # the same note twice in one export: keep the first
                continue
            seen.add(question_id)
            questions.append(
                QuestionDocument(
                    id=question_id,
                    article_id=article_id,
                    kind=note.kind,
                    prompt=note.prompt,
                    answer=note.answer,
                    choices=list(note.choices),
                    source_sentence=note.source_sentence,
                    section=title,
                    tags=["anki", *note.tags],
                    position=position,
                )
            )
    if not questions:
        raise AnkiImportError(f"{source}: no Basic or Cloze notes to import")
    return BankDocument(articles=articles, questions=questions)


def read_anki_file(path: Path, max_bytes: int = MAX_TOTAL_BYTES) -> list[ImportedDeck]:
    """An .apkg/.colpkg (a zip) or a text export, told apart by content, not by name.

    The file must be a regular file no larger than `max_bytes` (the max_import_mb setting).
    """
    try:
        descriptor = open_regular(path, "an Anki package or text export")
    except QuestionBankError as error:
        raise AnkiImportError(str(error)) from None
    with os.fdopen(descriptor, "rb") as stream:
        try:
            size = check_size(path, descriptor, max_bytes, "max_import_mb")
            is_zip = zipfile.is_zipfile(stream)
            stream.seek(0)
            if is_zip or path.suffix.lower() in {".apkg", ".colpkg"}:
                return read_apkg(path, stream)
            if size > min(max_bytes, MAX_TEXT_BYTES):
                raise AnkiImportError(
                    f"{path}: refused: a text export over {min(max_bytes, MAX_TEXT_BYTES) // MIB}"
                    " MiB"
                )
            raw = stream.read()
        except QuestionBankError as error:
            raise AnkiImportError(str(error)) from None
        except OSError as error:
            raise AnkiImportError(f"{path}: cannot read ({error.strerror or error})") from None
    return read_text_export(path, raw)
