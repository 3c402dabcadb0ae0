"""Anki packages (.apkg) with genanki: a deck per article, four note types, stable ids.

The forms of one fact (its open, cloze, choice and true/false questions: one sentence, one
answer) are the cards of ONE note of type "quizapp Fact", a template per form, so Anki buries
them as siblings the way quizapp does. A question alone with its fact is a note of its own,
per question kind:

- `open` and `truefalse` -> note type "quizapp Basic" (Front, Back, Source). A true/false
  statement is asked as "True or false? <statement>".
- `cloze` -> "quizapp Cloze" (Text, Back Extra, Source): the bank's `[...]` gap becomes Anki's
  `{{c1::answer}}`, so each cloze note gives exactly one card.
- `choice` -> "quizapp Multiple choice" (Question, Options, Answer, Source): the lettered
  options on the front, the right one marked on the back.

Identity, so that a re-export updates notes in Anki instead of duplicating them:

- model ids come from a fixed string per note type, deck ids from the article id;
- a note's GUID comes from the question's stable id (which survives rewording and editing);
- a note's modification time is the newest `updated_at` of the exported questions, so Anki's
  default "update notes if newer" picks up edits, and the same bank gives the same file.

All text is HTML-escaped: a "<" in an article never becomes markup in Anki. Retired questions
(retired by a regeneration, or deleted in the browser) are exported with the tag
`quizapp::retired`, so that a user can find and delete them in Anki. What does not travel:
review history and scheduling state, flags, suspensions.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import re
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import genanki

from question_bank.models import CLOZE_GAP
from question_bank.store.reader import paused_gc
from quizapp.exports.source import ExportArticle, ExportQuestion

DECK_PREFIX = "quizapp::"
OPTION_LETTERS = "ABCDEFGH"

CSS = """\
.card { font-family: "Helvetica Neue", Arial, sans-serif; font-size: 20px; line-height: 1.45;
  color: #1d1d1f; background: #fff; text-align: left; max-width: 40em; margin: 0 auto; }
.cloze { font-weight: bold; color: #0a58ca; }
.options { margin: .6em 0; padding-left: 0; list-style: none; }
.options li { margin: .25em 0; }
.letter { display: inline-block; width: 1.6em; font-weight: bold; }
.answer { font-weight: bold; color: #146c43; }
.source { margin-top: 1.2em; font-size: 15px; color: #555; }
.source .section { font-style: italic; margin-top: .3em; }
"""

SOURCE_BLOCK = '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}'


def stable_id(text: str) -> int:
    """An id in genanki's recommended range [2**30, 2**31), derived from `text` (never random)."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


BASIC_MODEL = genanki.Model(
    stable_id("quizapp.anki.model.basic"),
    "quizapp Basic",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Front}}",
            "afmt": '{{FrontSide}}<hr id="answer"><div class="answer">{{Back}}</div>'
            + SOURCE_BLOCK,
        }
    ],
    css=CSS,
)

CLOZE_MODEL = genanki.Model(
    stable_id("quizapp.anki.model.cloze"),
    "quizapp Cloze",
    fields=[{"name": "Text"}, {"name": "Back Extra"}, {"name": "Source"}],
    templates=[
        {
            "name": "Cloze",
            "qfmt": "{{cloze:Text}}",
            "afmt": "{{cloze:Text}}<br>{{Back Extra}}" + SOURCE_BLOCK,
        }
    ],
    css=CSS,
    model_type=genanki.Model.CLOZE,
)

CHOICE_MODEL = genanki.Model(
    stable_id("quizapp.anki.model.choice"),
    "quizapp Multiple choice",
    fields=[{"name": "Question"}, {"name": "Options"}, {"name": "Answer"}, {"name": "Source"}],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Question}}{{Options}}",
            "afmt": '{{FrontSide}}<hr id="answer"><div class="answer">&#10004; {{Answer}}</div>'
            + SOURCE_BLOCK,
        }
    ],
    css=CSS,
)


def _form_template(name: str, front: str, back: str) -> dict[str, str]:
    return {"name": name, "qfmt": front, "afmt": back + SOURCE_BLOCK}


# Anki makes a card for a template only when its front is not empty: a fact without a choice
# form gets no "Multiple choice" card. Field order is the form order.
FACT_MODEL = genanki.Model(
    stable_id("quizapp.anki.model.fact"),
    "quizapp Fact",
    fields=[
        {"name": "Open"},
        {"name": "Open answer"},
        {"name": "Cloze"},
        {"name": "Cloze answer"},
        {"name": "Choice"},
        {"name": "Options"},
        {"name": "Choice answer"},
        {"name": "Statement"},
        {"name": "Truth"},
        {"name": "Source"},
    ],
    templates=[
        _form_template(
            "Open",
            "{{Open}}",
            '{{FrontSide}}<hr id="answer"><div class="answer">{{Open answer}}</div>',
        ),
        _form_template("Cloze", "{{Cloze}}", "{{Cloze answer}}"),
        _form_template(
            "Multiple choice",
            "{{#Choice}}{{Choice}}{{Options}}{{/Choice}}",
            '{{FrontSide}}<hr id="answer"><div class="answer">&#10004; {{Choice answer}}</div>',
        ),
        _form_template(
            "True or false",
            "{{#Statement}}True or false? {{Statement}}{{/Statement}}",
            '{{FrontSide}}<hr id="answer"><div class="answer">{{Truth}}</div>',
        ),
    ],
    css=CSS,
)

MODELS = (BASIC_MODEL, CLOZE_MODEL, CHOICE_MODEL, FACT_MODEL)
RETIRED_TAG = "quizapp::retired"
FORMS = ("open", "cloze", "choice", "truefalse")


@dataclass(slots=True)
class NoteSpec:
    """One note before genanki: which model, its fields (HTML), tags and GUID (read-only)."""

    model: genanki.Model
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    guid: str


def escape(text: str) -> str:
    """Text as HTML element content (`&`, `<`, `>`); quotes need no escaping outside attributes.

    Three str.replace calls: faster than html.escape's five, which shows at 100,000 notes.
    """
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # Anki reads "{{c2::x}}" anywhere in a field as a cloze (a second card): a literal one in the
    # text must not be markup. The fields' own cloze is added after escaping.
    return escaped.replace("{{", "{&#123;") if "{{" in escaped else escaped


def deck_name(title: str) -> str:
    """`quizapp::<title>`; a `::` inside the title would make Anki nest decks, so it is broken."""
    clean = " ".join(title.split()).replace("::", ": :") or "Untitled"
    return DECK_PREFIX + clean


def deck_id(article_id: str) -> int:
    return stable_id("quizapp.anki.deck." + article_id)


def note_guid(question_id: str) -> str:
    return str(genanki.guid_for("quizapp", question_id))


def fact_guid(anchor_id: str) -> str:
    """A fact note's GUID, from its first form's question id (open, cloze, choice, true/false
    first): its own GUID space, so it never takes over the note of a question alone."""
    return str(genanki.guid_for("quizapp-fact", anchor_id))


@functools.lru_cache(maxsize=4096)
def tag(text: str) -> str:
    """An Anki tag: no spaces (Anki splits tags on whitespace), nothing empty."""
    return re.sub(r"\s+", "_", text.strip()) or "_"


def note_tags(question: ExportQuestion, article_title: str) -> tuple[str, ...]:
    """quizapp, article, kind and answer type tags, then the question's own (spaces -> _);
    `quizapp::retired` on a retired question."""
    tags = _tags(article_title, question.kind, question.answer_type, question.tags)
    return (*tags, RETIRED_TAG) if question.retired else tags


@functools.lru_cache(maxsize=4096)
def _tags(title: str, kind: str, answer_type: str, own: tuple[str, ...]) -> tuple[str, ...]:
    # Cached: a bank has few distinct combinations, and this runs once per note.
    tags = [
        "quizapp",
        "quizapp::article::" + tag(title),
        "quizapp::kind::" + tag(kind),
        "quizapp::type::" + tag(answer_type),
    ]
    tags.extend(tag(t) for t in own if t.strip())
    return tuple(dict.fromkeys(tags))


def source_html(question: ExportQuestion) -> str:
    """The Source field: the sentence the card came from, and its section."""
    parts = []
    if question.source_sentence:
        parts.append(f'<div class="sentence">{escape(question.source_sentence)}</div>')
    if question.section:
        parts.append(f'<div class="section">{escape(question.section)}</div>')
    return "".join(parts)


def cloze_text(prompt: str, answer: str) -> str:
    """The `[...]` gap as `{{c1::answer}}`, everything HTML-escaped.

    Anki reads `::` inside a cloze as the start of a hint and `}}` as its end, so those are
    written as character references: Anki shows them, but does not parse them.
    """
    safe_answer = escape(answer).replace("::", ":&#58;").replace("}}", "}&#125;")
    cloze = "{{c1::" + safe_answer + "}}"
    if CLOZE_GAP in prompt:
        return cloze.join(escape(part) for part in prompt.split(CLOZE_GAP))
    # A prompt without a gap (edited by hand): gap the answer where it appears, or append it.
    index = prompt.find(answer) if answer else -1
    if index >= 0:
        before, after = prompt[:index], prompt[index + len(answer) :]
        return escape(before) + cloze + escape(after)
    return escape(prompt) + " " + cloze


def options_html(choices: Sequence[str]) -> str:
    items = "".join(
        f'<li><span class="letter">{letter}.</span> {escape(choice)}</li>'
        for letter, choice in zip(OPTION_LETTERS, choices, strict=False)
    )
    return f'<ol class="options">{items}</ol>'


def choice_answer(question: ExportQuestion) -> str:
    """`B. Pristina`: the right option with its letter (just the answer if it is not listed)."""
    for letter, choice in zip(OPTION_LETTERS, question.choices, strict=False):
        if choice == question.answer:
            return f"{letter}. {escape(choice)}"
    return escape(question.answer)


def note_spec(question: ExportQuestion, article_title: str) -> NoteSpec:
    """The Anki note for one question."""
    source = source_html(question)
    tags = note_tags(question, article_title)
    guid = note_guid(question.id)
    if question.kind == "cloze":
        text = cloze_text(question.prompt, question.answer)
        return NoteSpec(CLOZE_MODEL, (text, "", source), tags, guid)
    if question.kind == "choice" and len(question.choices) >= 2:
        fields = (
            escape(question.prompt),
            options_html(question.choices),
            choice_answer(question),
            source,
        )
        return NoteSpec(CHOICE_MODEL, fields, tags, guid)
    front = escape(question.prompt)
    if question.kind == "truefalse":
        front = "True or false? " + front
    return NoteSpec(BASIC_MODEL, (front, escape(question.answer), source), tags, guid)


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


def _sentence_key(question: ExportQuestion) -> tuple[str, str, str]:
    return (
        question.article_id,
        _plain(question.source_sentence),
        "retired" if question.retired else "live",
    )


def fact_groups(questions: Sequence[ExportQuestion]) -> list[list[ExportQuestion]]:
    """The questions grouped by fact, in the order each fact first appears: one sentence and
    one answer (a true/false statement joins the fact of its sentence whose answer it states).
    A group holds at most one question of each kind (a second open question of the same fact
    starts a group of its own); live and retired questions never share a group."""
    keyed: dict[tuple[str, ...], list[ExportQuestion]] = {}
    by_sentence: dict[tuple[str, str, str], list[tuple[str, ...]]] = {}
    statements: list[ExportQuestion] = []
    for question in questions:
        if question.kind == "truefalse" or not question.source_sentence.strip():
            statements.append(question)
            continue
        sentence = _sentence_key(question)
        key = (*sentence, _plain(question.answer))
        if key not in keyed:
            keyed[key] = []
            by_sentence.setdefault(sentence, []).append(key)
        keyed[key].append(question)
    for question in statements:
        sentence = _sentence_key(question)
        statement = _plain(question.prompt)
        home = next(
            (key for key in by_sentence.get(sentence, ()) if key[-1] and key[-1] in statement),
            None,
        )
        if home is None or not question.source_sentence.strip():
            keyed[(question.id,)] = [question]
        else:
            keyed[home].append(question)
    groups: list[list[ExportQuestion]] = []
    for members in keyed.values():
        slots: list[dict[str, ExportQuestion]] = []
        for question in members:
            slot = next((s for s in slots if question.kind not in s), None)
            if slot is None:
                slot = {}
                slots.append(slot)
            slot[question.kind] = question
        groups.extend(list(slot.values()) for slot in slots)
    order = {question.id: number for number, question in enumerate(questions)}
    groups.sort(key=lambda group: min(order[q.id] for q in group))
    return groups


def fact_note_spec(group: Sequence[ExportQuestion], article_title: str) -> NoteSpec:
    """One "quizapp Fact" note for the forms of one fact (two or more questions)."""
    forms: dict[str, ExportQuestion] = {question.kind: question for question in group}
    anchor = next(forms[kind] for kind in FORMS if kind in forms)
    fields = [""] * 10
    if (open_ := forms.get("open")) is not None:
        fields[0], fields[1] = escape(open_.prompt), escape(open_.answer)
    if (cloze := forms.get("cloze")) is not None:
        gap = '<span class="cloze">[...]</span>'
        shown = f'<span class="cloze">{escape(cloze.answer)}</span>'
        parts = [escape(part) for part in cloze.prompt.split(CLOZE_GAP)]
        if len(parts) == 1:
            parts.append("")
        fields[2], fields[3] = gap.join(parts), shown.join(parts)
    if (choice := forms.get("choice")) is not None:
        fields[4] = escape(choice.prompt)
        fields[5] = options_html(choice.choices)
        fields[6] = choice_answer(choice)
    if (truth := forms.get("truefalse")) is not None:
        fields[7], fields[8] = escape(truth.prompt), escape(truth.answer)
    fields[9] = source_html(anchor)
    tags = tuple(dict.fromkeys(tag for q in group for tag in note_tags(q, article_title)))
    return NoteSpec(FACT_MODEL, tuple(fields), tags, fact_guid(anchor.id))


def note_specs(article: ExportArticle) -> list[NoteSpec]:
    specs = []
    for group in fact_groups(article.questions):
        if len(group) == 1:
            specs.append(note_spec(group[0], article.title))
        else:
            specs.append(fact_note_spec(group, article.title))
    return specs


def package_timestamp(articles: Iterable[ExportArticle]) -> float | None:
    """The newest `updated_at` among the questions: the notes' modification time."""
    times = [a.updated_at for a in articles if a.questions and a.updated_at is not None]
    return max(times).timestamp() if times else None


class EscapedNote(genanki.Note):
    """A genanki note whose fields quizapp built itself, with every text HTML-escaped.

    genanki runs a regex over every field of every note to warn about unescaped markup; our
    fields are escaped text inside our own fixed tags, so the check can only cost time
    (a tenth of the export at 100,000 notes).
    """

    def _check_invalid_html_tags_in_fields(self) -> None:
        return None


def build_package(articles: Sequence[ExportArticle]) -> genanki.Package:
    """A genanki package: one deck per article (articles without questions are left out)."""
    decks = []
    for article in articles:
        if not article.questions:
            continue
        deck = genanki.Deck(deck_id(article.id), deck_name(article.title))
        for model in MODELS:
            deck.add_model(model)
        for spec in note_specs(article):
            deck.add_note(
                EscapedNote(
                    model=spec.model, fields=list(spec.fields), tags=spec.tags, guid=spec.guid
                )
            )
        decks.append(deck)
    return genanki.Package(decks)


def write_apkg(
    articles: Sequence[ExportArticle], output: Path, *, timestamp: float | None = None
) -> int:
    """Write the .apkg atomically (a `.part` file renamed over `output`); returns the note count.

    `timestamp` (seconds since the epoch) is the notes' modification time; by default the
    newest `updated_at` of the exported questions, so the same bank always gives the same notes.
    """
    when = timestamp if timestamp is not None else package_timestamp(articles)
    temporary = output.with_name(output.name + ".part")
    try:
        with paused_gc():
            package = build_package(articles)
            _write_package(package, temporary, time.time() if when is None else when)
        temporary.replace(output)
    finally:
        temporary.unlink(missing_ok=True)
    return sum(len(deck.notes) for deck in package.decks)


def _write_package(package: genanki.Package, target: Path, timestamp: float) -> None:
    """genanki's `write_to_file`, with its collection in a private directory removed afterwards.

    genanki writes the collection to a `mkstemp()` file it never deletes: a full copy of the
    deck left in the temporary directory on every export.
    """
    with tempfile.TemporaryDirectory(prefix="quizapp-anki-") as private:
        database = Path(private) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            package.write_to_db(
                connection.cursor(), timestamp, itertools.count(int(timestamp * 1000))
            )
            connection.commit()
        finally:
            connection.close()
        with zipfile.ZipFile(target, "w") as archive:
            archive.write(database, "collection.anki2")
            archive.writestr("media", json.dumps({}))
