"""What a fact is: one answer inside one sentence, with its type and the tokens around it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from question_bank.lexicon import PERSON_NOUNS
from question_bank.models import AnswerType

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

ENTITY_TYPES: dict[str, AnswerType] = {
    "PERSON": AnswerType.PERSON,
    "GPE": AnswerType.PLACE,
    "LOC": AnswerType.PLACE,
    "FAC": AnswerType.PLACE,
    "ORG": AnswerType.ORGANISATION,
    "DATE": AnswerType.DATE,
    "TIME": AnswerType.DATE,
    "CARDINAL": AnswerType.NUMBER,
    "QUANTITY": AnswerType.QUANTITY,
    "MONEY": AnswerType.QUANTITY,
    "PERCENT": AnswerType.QUANTITY,
    "NORP": AnswerType.GROUP,
    "EVENT": AnswerType.EVENT,
    "WORK_OF_ART": AnswerType.THING,
    "LAW": AnswerType.THING,
    "PRODUCT": AnswerType.THING,
    "LANGUAGE": AnswerType.THING,
    "ORDINAL": AnswerType.THING,
}


@dataclass
class Fact:
    """One answer inside one sentence, with what the question builder needs.

    `start`/`end` are token indices into the sentence's Doc; `span` are character offsets into
    `sentence` (the stable identity of the fact); `role` says how it was found.
    """

    sent: Span = field(repr=False)
    section: str
    start: int
    end: int
    answer_type: AnswerType
    role: str
    score: float
    label: str = ""
    # Appositions and titles: what the answer is named as ("NATO's Secretary-General").
    description: str = ""
    plural: bool = False

    @cached_property
    def sentence(self) -> str:
        return self.sent.text

    @cached_property
    def span(self) -> tuple[int, int]:
        doc = self.sent.doc
        base = self.sent.start_char
        last = doc[self.end - 1]
        end = last.idx + len(last) - base
        glued_stop = len(last) > 2 and last.text.endswith(".") and last.text.count(".") == 1
        if last.i == self.sent.end - 1 and glued_stop:
            end -= 1  # "BSkyB." tokenised with the sentence's full stop: the answer stops before it
        return doc[self.start].idx - base, end

    @property
    def answer(self) -> str:
        start, end = self.span
        return self.sentence[start:end]

    @cached_property
    def tokens(self) -> Span:
        # Cached as `span` is (a fact's tokens never change): read ~15 times per fact (speed).
        return self.sent.doc[self.start : self.end]


def noun_base(token: Token) -> str:
    """A plural noun's singular, roughly ("soldiers" -> "soldier"); no lemmatizer needed."""
    lower = token.lower_
    if token.tag_ not in ("NNS", "NNPS"):
        return lower
    if lower.endswith("ies"):
        return lower[:-3] + "y"
    if lower.endswith("men"):
        return lower[:-3] + "man"
    return lower[:-1] if lower.endswith("s") else lower


def answer_type_for(ent_label: str) -> AnswerType:
    return ENTITY_TYPES.get(ent_label, AnswerType.THING)


def noun_answer_type(head: Token) -> AnswerType:
    """A common noun phrase's answer type: people for a noun naming people ("soldiers" are a
    group, "the president" a person), else a thing."""
    if noun_base(head) in PERSON_NOUNS or head.lower_ in PERSON_NOUNS:
        return AnswerType.GROUP if head.tag_ in ("NNS", "NNPS") else AnswerType.PERSON
    return AnswerType.THING
