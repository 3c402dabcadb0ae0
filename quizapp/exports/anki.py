"""Anki packages (.apkg) with genanki: a deck per article, three note types, stable ids.

Mapping, per question kind:

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

All text is HTML-escaped: a "<" in an article never becomes markup in Anki. What does not
travel: review history and scheduling state, flags, suspensions, retired questions.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import genanki

from question_bank.models import CLOZE_GAP
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

MODELS = (BASIC_MODEL, CLOZE_MODEL, CHOICE_MODEL)


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
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def deck_name(title: str) -> str:
    """`quizapp::<title>`; a `::` inside the title would make Anki nest decks, so it is broken."""
    clean = " ".join(title.split()).replace("::", ": :") or "Untitled"
    return DECK_PREFIX + clean


def deck_id(article_id: str) -> int:
    return stable_id("quizapp.anki.deck." + article_id)


def note_guid(question_id: str) -> str:
    return str(genanki.guid_for("quizapp", question_id))


@functools.lru_cache(maxsize=4096)
def tag(text: str) -> str:
    """An Anki tag: no spaces (Anki splits tags on whitespace), nothing empty."""
    return re.sub(r"\s+", "_", text.strip()) or "_"


def note_tags(question: ExportQuestion, article_title: str) -> tuple[str, ...]:
    """quizapp, article, kind and answer type tags, then the question's own (spaces -> _)."""
    return _tags(article_title, question.kind, question.answer_type, question.tags)


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


def note_specs(article: ExportArticle) -> list[NoteSpec]:
    return [note_spec(question, article.title) for question in article.questions]


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


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector during a bulk build (restored afterwards).

    An export allocates hundreds of thousands of small, acyclic objects (rows, fields, notes);
    each allocation burst triggers a collection that walks them all again, which costs as
    much as the mapping itself. Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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
            package.write_to_file(str(temporary), timestamp=when)
        temporary.replace(output)
    finally:
        temporary.unlink(missing_ok=True)
    return sum(len(deck.notes) for deck in package.decks)
