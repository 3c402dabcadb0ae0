"""Anki notes as quizapp questions: note types, fields, HTML and clozes to plain text.

The package and text-export readers (`quizapp.imports.anki`) hand every note here with its
note type and field values; `note_to_questions` adds what the note gives to its deck: Basic-like
notes as `open` questions, Cloze notes one `cloze` question per cloze number (the bank's
`[...]` gap, hints dropped), quizapp's own Multiple choice, True/false and Fact notes back as
the kinds they were exported from.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from question_bank.errors import QuestionBankError
from question_bank.models import CLOZE_GAP, QuestionKind
from question_bank.sanitize import clean_text

_GAP_MARK = "\ue000"  # a private-use character: kept by clean_text, removed from the input

_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
_HIDDEN_BLOCKS = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BREAKS = re.compile(r"<br\s*/?>|</(?:div|p|li|tr|h\d)\s*>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")
_SOUND = re.compile(r"\[sound:[^\]]*\]")
_OPTION = re.compile(r"<li\b[^>]*>(.*?)</li>", re.IGNORECASE | re.DOTALL)
_SENTENCE = re.compile(r'<div class="sentence">(.*?)</div>', re.DOTALL)
_LETTER = re.compile(r"^[A-H]\.\s+")
TRUE_OR_FALSE = "True or false? "
RETIRED_TAG = "quizapp::retired"
# quizapp's "Fact" note type: a field pair per form of one fact (see quizapp.exports.anki).
FACT_FORMS = (
    ("open", QuestionKind.OPEN, "open answer"),
    ("cloze", QuestionKind.CLOZE, "cloze answer"),
    ("choice", QuestionKind.CHOICE, "choice answer"),
    ("statement", QuestionKind.TRUEFALSE, "truth"),
)
_CLOZE_SPAN = re.compile(r'<span class="cloze">(.*?)</span>', re.DOTALL)


class AnkiImportError(QuestionBankError):
    """An Anki package or text export cannot be imported (the message says why, on one line)."""


@dataclass(frozen=True)
class ImportedNote:
    """A note as read from Anki, already turned into plain text.

    Not a `StoredQuestion`: a note has no question id, article or position yet (`to_document`
    derives them from the deck and the note's key) and carries what only the import needs
    (the note's key, a cloze's number). It becomes a bank document's question first, so an
    import is validated like any JSON document.
    """

    key: str  # GUID, or the first field when the export has none
    kind: QuestionKind
    prompt: str
    answer: str
    source_sentence: str
    tags: tuple[str, ...] = ()
    ordinal: int = 0  # the cloze number for cloze questions
    choices: tuple[str, ...] = ()


@dataclass
class ImportedDeck:
    """A deck: its name and its notes (one entry per cloze of a cloze note)."""

    name: str
    notes: list[ImportedNote] = field(default_factory=list)
    skipped: int = 0  # notes with no usable front/back or cloze
    retired: int = 0  # quizapp's own notes of retired questions (tagged quizapp::retired)


@dataclass(frozen=True)
class NoteType:
    name: str
    is_cloze: bool
    field_names: tuple[str, ...]


def html_to_text(value: str) -> str:
    """Field HTML as one line of plain text: tags and media dropped, entities decoded."""
    text = _HIDDEN_BLOCKS.sub(" ", value)
    text = _BREAKS.sub(" ", text)
    text = _TAGS.sub("", text)
    text = _SOUND.sub("", text)
    # Entities may spell control characters ("&#27;"): cleaned after decoding.
    return " ".join(clean_text(html.unescape(text)).split())


def cloze_notes(key: str, text_html: str, tags: tuple[str, ...]) -> list[ImportedNote]:
    """One cloze question per cloze number in the field."""
    text_html = text_html.replace(_GAP_MARK, "")
    numbers = sorted({int(m.group(1)) for m in _CLOZE.finditer(text_html)})
    full = html_to_text(_CLOZE.sub(lambda m: m.group(2), text_html))
    notes = []
    for number in numbers:
        answers: list[str] = []

        def gap(match: re.Match[str], number: int = number, answers: list[str] = answers) -> str:
            if int(match.group(1)) != number:
                return match.group(2)
            answers.append(html_to_text(match.group(2)))
            return _GAP_MARK  # survives HTML stripping; becomes the [...] gap afterwards

        prompt = html_to_text(_CLOZE.sub(gap, text_html)).replace(_GAP_MARK, CLOZE_GAP)
        answer = " … ".join(dict.fromkeys(a for a in answers if a))
        if not answer or CLOZE_GAP not in prompt:
            continue
        notes.append(
            ImportedNote(
                key=key,
                kind=QuestionKind.CLOZE,
                prompt=prompt,
                answer=answer,
                source_sentence=full,
                tags=tags,
                ordinal=number,
            )
        )
    return notes


def pick_field(
    names: Sequence[str], values: Sequence[str], wanted: Sequence[str], default: int
) -> str:
    lowered = [n.lower() for n in names]
    for name in wanted:
        if name in lowered and lowered.index(name) < len(values):
            return values[lowered.index(name)]
    return values[default] if default < len(values) else ""


def note_to_questions(
    deck: ImportedDeck, note_type: NoteType, key: str, values: Sequence[str], tags: tuple[str, ...]
) -> None:
    """Add the questions a note gives to the deck (or count it as skipped)."""
    names = note_type.field_names or tuple(f"Field {i + 1}" for i in range(len(values)))
    if RETIRED_TAG in tags:
        deck.retired += 1  # retired in the bank it came from: not a card to learn
        return
    if {"open", "cloze", "choice", "statement"} <= {n.lower() for n in names}:
        fact_questions(deck, names, key, values, tags)
        return
    if note_type.is_cloze or any(_CLOZE.search(v) for v in values[:1]):
        text = pick_field(names, values, ("text",), 0)
        made = cloze_notes(key, text, tags)
        if made:
            deck.notes.extend(made)
        else:
            deck.skipped += 1
        return
    front = html_to_text(pick_field(names, values, ("front", "question"), 0))
    back = html_to_text(pick_field(names, values, ("back", "answer"), 1))
    source_html = pick_field(names, values, ("source",), len(values))
    sentence = _SENTENCE.search(source_html)  # quizapp's Source field: sentence, then section
    source = html_to_text(sentence.group(1) if sentence else source_html)
    if not front or not back:
        deck.skipped += 1
        return
    kind = QuestionKind.OPEN
    choices: tuple[str, ...] = ()
    options_html = pick_field(names, values, ("options",), len(values))
    if options_html:  # quizapp's own Multiple choice notes: options back, letter off
        options = _OPTION.findall(options_html)
        choices = tuple(_LETTER.sub("", html_to_text(o), count=1) for o in options)
        answer = _LETTER.sub("", back, count=1)
        if len(choices) >= 2 and answer in choices:
            kind, back = QuestionKind.CHOICE, answer
        else:
            choices = ()
    elif front.startswith(TRUE_OR_FALSE) and back in {"True", "False"}:  # quizapp's true/false
        kind, front = QuestionKind.TRUEFALSE, front.removeprefix(TRUE_OR_FALSE)
    deck.notes.append(
        ImportedNote(
            key=key,
            kind=kind,
            prompt=front,
            answer=back,
            source_sentence=source,
            tags=tags,
            choices=choices,
        )
    )


def fact_questions(
    deck: ImportedDeck, names: Sequence[str], key: str, values: Sequence[str], tags: tuple[str, ...]
) -> None:
    """A quizapp Fact note: a question per form it holds (its key names the form)."""
    source_html = pick_field(names, values, ("source",), len(values))
    sentence = _SENTENCE.search(source_html)
    source = html_to_text(sentence.group(1) if sentence else source_html)
    made = 0
    for front_name, kind, back_name in FACT_FORMS:
        front_html = pick_field(names, values, (front_name,), len(values))
        back = html_to_text(pick_field(names, values, (back_name,), len(values)))
        if kind == QuestionKind.CLOZE:
            # Front: the sentence with a gap; back: the sentence with the answer in the gap.
            front_html = _CLOZE_SPAN.sub(CLOZE_GAP, front_html)
            filled = _CLOZE_SPAN.search(pick_field(names, values, (back_name,), len(values)))
            back = html_to_text(filled.group(1)) if filled else ""
        front = html_to_text(front_html)
        if not front or not back:
            continue
        choices: tuple[str, ...] = ()
        if kind == QuestionKind.CHOICE:
            options = _OPTION.findall(pick_field(names, values, ("options",), len(values)))
            choices = tuple(_LETTER.sub("", html_to_text(o), count=1) for o in options)
            back = _LETTER.sub("", back.removeprefix("✔").strip(), count=1)
        deck.notes.append(
            ImportedNote(
                key=f"{key}\x1f{front_name}",
                kind=kind,
                prompt=front,
                answer=back,
                source_sentence=source,
                tags=tags,
                choices=choices,
            )
        )
        made += 1
    if not made:
        deck.skipped += 1
