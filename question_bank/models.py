"""Plain data passed along the data path: article -> facts -> question drafts.

These are frozen dataclasses, free of the database and of spaCy, so that every stage can be
tested alone and the store can hand them to the UI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NewType

QuestionId = NewType("QuestionId", str)
"""A question's stable id: a hash of (article, sentence, answer span, form), never of its
wording (`question_bank.store.content.question_id`), so a reworded card keeps its history."""
ArticleId = NewType("ArticleId", str)
"""An article's id: the start of its content hash."""

CLOZE_GAP = "[...]"
"""Where a cloze card's answer was cut from its sentence; exports and the UI find it by this."""


class QuestionKind(StrEnum):
    """The forms a fact can take as a card."""

    OPEN = "open"
    CLOZE = "cloze"
    CHOICE = "choice"
    TRUEFALSE = "truefalse"


class AnswerType(StrEnum):
    """What kind of thing an answer is; drives the wh-word and the distractors."""

    PERSON = "person"
    PLACE = "place"
    ORGANISATION = "organisation"
    DATE = "date"
    NUMBER = "number"
    QUANTITY = "quantity"
    GROUP = "group"
    EVENT = "event"
    THING = "thing"


@dataclass(frozen=True)
class Section:
    """A section of an article: an optional heading and its paragraphs."""

    heading: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Article:
    """An article as read from a file: title, sections, where it came from, a content hash."""

    title: str
    sections: tuple[Section, ...]
    source: str
    content_hash: str

    @property
    def text(self) -> str:
        """The body as plain text, headings on their own lines (headings never join sentences)."""
        parts: list[str] = []
        for section in self.sections:
            if section.heading:
                parts.append(section.heading)
            parts.extend(section.paragraphs)
        return "\n\n".join(parts)

    @property
    def paragraphs(self) -> list[tuple[str, str]]:
        """(section heading, paragraph) pairs in reading order."""
        return [(s.heading, p) for s in self.sections for p in s.paragraphs]

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for _, p in self.paragraphs)


@dataclass(frozen=True)
class QuestionDraft:
    """A generated card before it is stored.

    `sentence` and `answer_span` (the fact's answer as character offsets into the sentence)
    together with `kind` identify the card: the stable question id is derived from them and the
    article id, never from the wording, so a better generator rewords a card without losing its
    review history.
    """

    kind: QuestionKind
    prompt: str
    answer: str
    sentence: str
    answer_span: tuple[int, int]
    section: str
    answer_type: AnswerType
    score: float
    accepted_answers: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    tags: tuple[str, ...] = field(default_factory=tuple)
