"""A fact's answer as a card shows it: its display form, the other wordings a learner may
type, the distractor pool it draws from, and whether it is worth a card at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypedDict

from question_bank.facts.model import Fact
from question_bank.genders import name_gender
from question_bank.models import AnswerType
from question_bank.questions.checks import reported_speaker, vague_answer


class CardFields(TypedDict):
    """What every card of one fact says alike (the rest of a `QuestionDraft` is per form)."""

    answer: str
    sentence: str
    answer_span: tuple[int, int]
    section: str
    answer_type: AnswerType
    accepted_answers: tuple[str, ...]
    tags: tuple[str, ...]


def card_fields(fact: Fact) -> CardFields:
    """What every card of one fact says alike: its answer, sentence, span, section, tags."""
    return CardFields(
        answer=display_answer(fact),
        sentence=fact.sentence,
        answer_span=fact.span,
        section=fact.section,
        answer_type=fact.answer_type,
        accepted_answers=accepted_answers(fact),
        tags=(fact.answer_type.value, fact.role),
    )


_APPROX = re.compile(
    r"^(around|about|some|nearly|almost|approximately|roughly|over|more than|less than|"
    r"fewer than|up to|at least|just over|just under)\s+",
    re.IGNORECASE,
)


def display_answer(fact: Fact) -> str:
    """The answer as a card shows it: a common noun phrase opening its sentence is lowercased."""
    answer = fact.answer
    first = fact.tokens[0]
    common = first.tag_ not in ("NNP", "NNPS") and (not first.ent_type_ or first.pos_ == "NUM")
    if first.i == fact.sent.start and common:
        answer = answer[:1].lower() + answer[1:]  # "Two tourist railways" -> "two"
    return answer


def accepted_answers(fact: Fact) -> tuple[str, ...]:
    """Other wordings a learner may type: "700 troops" for "700", a surname for a full name."""
    answer = display_answer(fact)
    out: list[str] = []
    bare = _APPROX.sub("", answer)
    if bare != answer:
        out.append(bare)
    if fact.answer_type in (AnswerType.NUMBER, AnswerType.QUANTITY):
        root = fact.tokens.root
        if root.dep_ == "nummod" and root.head.i >= fact.end:
            out.append(f"{answer} {fact.sent.doc[fact.end : root.head.i + 1].text}")
    if fact.answer_type == AnswerType.PERSON and len(answer.split()) > 1 and " and " not in answer:
        out.append(answer.split()[-1])
    if answer.lower().startswith("the "):
        out.append(answer[4:])
    balanced = [o for o in out if o.count("(") == o.count(")")]
    return tuple(dict.fromkeys(o for o in balanced if o and o != answer))


NUMERIC = (AnswerType.NUMBER, AnswerType.QUANTITY, AnswerType.DATE)


def distinct_kind(fact: Fact) -> bool:
    """Answers whose wrong options are surely different things: names the recogniser typed,
    and numbers. Common-noun answers are not: an article names one referent with several nouns
    (troops / soldiers / forces), so its other noun phrases may be synonyms of the answer."""
    return bool(fact.label) or fact.answer_type in NUMERIC


def pool_key(fact: Fact) -> str:
    return f"{fact.answer_type.value}:{fact.label}"


def same_shape(pool: Sequence[str], fact: Fact) -> list[str]:
    """A full name gets full names as options ("Edward Harkness", not "Radcliffe")."""
    if fact.answer_type == AnswerType.PERSON and " " in fact.answer:
        return [p for p in pool if " " in p]
    return list(pool)


def _cut_word(fact: Fact) -> bool:
    """The answer starts or ends inside a written word ("non-[determinism]", "not-for-[profit]",
    "everyone[’s personal information]"): a gap there breaks the article's text."""
    text = fact.sentence
    start, end = fact.span
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or before in "-–—’'/":
        return True
    if not fact.answer[:1].isalnum() and fact.answer[:1] not in "$£€(\"“‘'":
        return True
    if after == "." and re.match(r"\.\s+[A-Z][a-z]{1,4}\.", text[end:]):
        return True  # "[Brig]. Gen. John Buford": a title's abbreviation, not the name
    if after in "’'" and not text[end + 1 : end + 2].isalnum():
        return True  # "fifteen [years]’ worth": the possessive is the word's own
    return after.isalnum() or (after in "-–—/" and text[end + 1 : end + 2].isalnum())


def trivial(fact: Fact) -> bool:
    """An answer that is most of its sentence, a word that teaches nothing, or who said it."""
    if _cut_word(fact) or vague_answer(fact) or reported_speaker(fact) or _relative_time(fact):
        return True
    words = [t for t in fact.sent if not t.is_punct]
    answer_words = [t for t in fact.tokens if not t.is_punct]
    if not answer_words or len(answer_words) * 2 > len(words):
        return True
    if len(answer_words) > 9:
        return True
    if re.search(r"\d\s+\d", fact.answer):
        return True  # "2010 8": two numbers run together by the entity recogniser
    # The same answer appears twice in the sentence: the gap would be given away ("three" in
    # "Sky Three" is another word, so the match is whole-word and case-sensitive).
    text = fact.sentence
    start, end = fact.span
    rest = text[:start] + " " + text[end:]
    return occurs_as_word(fact.answer, rest)


_RELATIVE_TIME = re.compile(
    r"\b(?:this|last|next|today|tonight|yesterday|tomorrow|later|earlier)\b|^(?:early |late |on )?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)$",
    re.IGNORECASE,
)


def _relative_time(fact: Fact) -> bool:
    """ "[4 o'clock this afternoon]", "on [Saturday]": a time told from the day the article was
    written, which a learner cannot place and need not learn."""
    return fact.answer_type == AnswerType.DATE and bool(_RELATIVE_TIME.search(fact.answer))


def mistyped_people(fact: Fact) -> bool:
    """ "Amelia and Muriel" typed a place or an organisation: two or more given names joined by
    "and" are people, and a question asking "which places" (or options of places) reads wrong."""
    if fact.answer_type in (AnswerType.PERSON, AnswerType.GROUP):
        return False
    items = [w.strip(",") for w in re.split(r",|\band\b", fact.answer) if w.strip(" ,")]
    return len(items) >= 2 and all(
        len(item.split()) == 1 and name_gender(item.strip()) is not None for item in items
    )


def occurs_as_word(word: str, text: str) -> bool:
    r"""`word` occurs in `text` with no word character on either side: the same answer as
    `re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)`, without compiling a pattern per
    answer (that compiled thousands of patterns per article and flushed re's cache; speed)."""
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        if (start == 0 or not _is_word_char(text[start - 1])) and (
            end == len(text) or not _is_word_char(text[end])
        ):
            return True
        start = text.find(word, start + 1)
    return False


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches in a str pattern (re's definition)
