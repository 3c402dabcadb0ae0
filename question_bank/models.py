"""Plain data passed along the data path: article -> facts -> question drafts -> the bank.

These are frozen dataclasses, free of the database and of spaCy, so that every stage can be
tested alone and the store can hand them to the UI. `StoredQuestion` is the one read model of
a question in the bank (`question_bank.store.reader` builds it); every view of a question (a
study card, a browse row, an export, a quiz-night question) is a StoredQuestion with a few
fields of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from operator import attrgetter
from typing import Any, NewType, Self

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

    Not a `StoredQuestion`: a draft has no id or position yet (the store derives them), and it
    carries what only the writer needs (the answer's span in its sentence).
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


@dataclass(frozen=True, slots=True)
class StoredQuestion:
    """A question as the bank holds it: the read model every view of a question builds on.

    Built by one reader (`question_bank.store.reader`), which also makes its text safe to show
    (`sanitize.clean_text`), whatever an older bank holds. Views add their own fields by
    subclassing it (a learner's card, a browse row, a quiz-night question) rather than
    declaring a question's fields again. The drafts the generator hands the store
    (`QuestionDraft`) and the notes an import reads are not StoredQuestions: they have no id
    and no place in the bank yet.

    `answer_type` stays a string: a bank document may bring any label (the JSON format allows
    32 characters), and an export hands it on unchanged; the generator's are `AnswerType`s.
    """

    id: QuestionId
    article_id: ArticleId
    kind: QuestionKind
    prompt: str
    answer: str
    accepted_answers: tuple[str, ...] = ()
    """Other answers a typed answer may match (the answer itself not included)."""
    choices: tuple[str, ...] = ()
    """A choice card's options in display order, the answer among them; empty for the rest."""
    source_sentence: str = ""
    section: str = ""
    answer_type: str = AnswerType.THING.value
    score: float = 0.0
    """The generator's confidence that the card reads well (0-1)."""
    tags: tuple[str, ...] = ()
    position: int = 0
    """The card's place in its article (sentence order)."""
    retired: bool = False
    """Its fact is gone from the article (or a person deleted it): kept for its history."""
    edited: bool = False
    """A person changed its wording: regenerating the article keeps theirs."""

    @classmethod
    def of(cls, question: StoredQuestion, **own: Any) -> Self:
        """A view of `question`: its fields, and the view's `own` ones (`CardView.of(q, ...)`)."""
        return cls(*_question_values(question), **own)

    def question_fields(self) -> dict[str, Any]:
        """The question's own fields by name (a view's extra fields left out)."""
        return dict(zip(QUESTION_FIELDS, _question_values(self), strict=True))


QUESTION_FIELDS: tuple[str, ...] = tuple(each.name for each in fields(StoredQuestion))
"""StoredQuestion's fields in order: the columns the reader selects, the JSON format's keys."""

# A question's field values as a tuple, in one C call (views of 200,000 questions are built).
_question_values = attrgetter(*QUESTION_FIELDS)
