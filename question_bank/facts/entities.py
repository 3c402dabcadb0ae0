"""Named entities as answers: who, where, when, which organisation, how many.

Scores are how often a person asked about such an entity (measured on SQuAD dev passages),
adjusted by the entity's syntactic role.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from question_bank.facts.model import Fact, answer_type_for
from question_bank.facts.spans import (
    half_quoted,
    in_list,
    is_conversion,
    piece_of_name,
    span_root,
    trim_entity,
)
from question_bank.lexicon import CURRENCY_SIGNS, MAGNITUDE_SUFFIXES, MONTHS, PRONOUNS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# How likely a learner (and a quiz writer) wants this entity as an answer.
# Measured on SQuAD dev passages: the share of such candidates that a person asked about.
ENTITY_SCORES: dict[str, float] = {
    "PERSON": 0.42,
    "DATE": 0.45,
    "CARDINAL": 0.32,
    "MONEY": 0.5,
    "PERCENT": 0.5,
    "QUANTITY": 0.5,
    "GPE": 0.3,
    "LOC": 0.33,
    "ORG": 0.33,
    "FAC": 0.33,
    "EVENT": 0.25,
    "WORK_OF_ART": 0.38,
    "LAW": 0.3,
    "NORP": 0.15,
    "PRODUCT": 0.25,
    "LANGUAGE": 0.25,
    "TIME": 0.1,
    # A rank the sentence states ("is ranked fourth"); "the first landing" is skipped below.
    "ORDINAL": 0.3,
}

# Score adjustments by the answer's syntactic role (same measurement).
ENTITY_DEP_BONUS: dict[str, float] = {"poss": -0.15, "nmod": -0.1, "attr": 0.2, "compound": -0.05}

_DIGIT = re.compile(r"\d")


def entity_spans(sent: Span) -> list[tuple[int, int, str, bool]]:
    """Entity token spans; two same-label entities joined by "and" become one plural answer."""
    ents = [e for e in sent.ents]
    out: list[tuple[int, int, str, bool]] = []
    index = 0
    while index < len(ents):
        ent = ents[index]
        if index + 1 < len(ents):
            nxt = ents[index + 1]
            between = sent.doc[ent.end : nxt.start]
            if (
                nxt.label_ == ent.label_
                and ent.label_ in ("GPE", "LOC", "PERSON", "ORG", "NORP")
                and [t.lower_ for t in between] in (["and"], [",", "and"], ["or"])
                and nxt.root.head.i == ent.root.i
            ):
                out.append((ent.start, nxt.end, ent.label_ + "+", True))
                index += 2
                continue
        start, end = trim_entity(sent, ent.start, ent.end)
        label = ent.label_
        if label in ("MONEY", "CARDINAL", "QUANTITY") and start < end:
            start, end, money = _with_currency(sent, start, end)
            label = "MONEY" if money else label
        if label in _NAME_LABELS:
            start, end = _name_edges(sent, start, end, label)
        if label == "DATE" and end < sent.end and sent.doc[end].text.upper() in _ERAS:
            end += 1  # "the 7th century BC": without its era the key is a different century
        if start < end:
            out.append((start, end, label, False))
        index += 1
    return out


_ERAS = frozenset("BC BCE AD CE B.C. A.D. B.C.E. C.E.".split())

_NAME_LABELS = frozenset("PERSON ORG GPE NORP FAC LOC".split())

# Words the recogniser takes into a name at the start of a sentence ("Youngster Umar Manaf",
# "Striker Igor Angulo"): what the person is, not their name.
_DESCRIPTORS = frozenset(
    """youngster veteran striker forward midfielder defender goalkeeper keeper winger captain
    coach manager skipper substitute rookie teenager star champion player actor actress singer
    author writer poet painter composer director producer senator governor president minister
    chancellor mayor judge professor doctor dr general colonel sergeant officer""".split()
)
_SCORE = re.compile(r"\d+[-–]\d+$")


def _name_edges(sent: Span, start: int, end: int, label: str) -> tuple[int, int]:
    """A name without a score glued on ("Fulham 2-1") or, for a person, the descriptor before
    it ("Youngster Umar Manaf"): the key a learner is asked for is the name."""
    doc = sent.doc
    tail = doc[max(start + 1, end - 3) : end].text.replace(" ", "")
    score = _SCORE.search(tail)
    if score is not None:
        # "Fulham 2-1" (but "Apollo 11" and "Windows 95" keep their numbers)
        while end - 1 > start and (doc[end - 1].like_num or doc[end - 1].text in "-–"):
            end -= 1
    if label == "PERSON" and end - start > 2 and doc[start].lower_ in _DESCRIPTORS:
        start += 1
    return start, end


def stated_rank(root: Token, length: int) -> bool:
    """ "is ranked fourth", "finished third": an ordinal a verb states, the kind of rank a reader
    is asked about; not "first"/"last", which mostly mean "earliest"."""
    if length > 1 or root.lower_ in ("first", "last"):
        return False
    return root.head.pos_ in ("VERB", "AUX") and root.dep_ in ("oprd", "advmod", "attr", "acomp")


def _with_currency(sent: Span, start: int, end: int) -> tuple[int, int, bool]:
    """ "£30m" is tokenised "£ 30 m" and recognised as "30": the sum keeps its currency sign and
    its attached "m"/"bn" suffix."""
    doc = sent.doc
    money = False
    if (
        start > sent.start
        and doc[start - 1].text in CURRENCY_SIGNS
        and not doc[start - 1].whitespace_
    ):
        start -= 1
        money = True
    last = doc[end - 1]
    if end < sent.end and not last.whitespace_ and doc[end].lower_ in MAGNITUDE_SUFFIXES:
        end += 1
    return start, end, money or doc[start].text in CURRENCY_SIGNS


def entity_facts(sent: Span, section: str) -> list[Fact]:
    """The sentence's named entities that can be answers, each scored by its label and role."""
    facts: list[Fact] = []
    for start, end, label, plural in entity_spans(sent):
        pair = label.endswith("+")
        label = label.rstrip("+")
        ent_score = _entity_score(sent, start, end, label)
        if ent_score is None:
            continue
        if pair:
            ent_score += 0.1  # "Hungary and Italy": a pair is a fact of its own, rarely a list
        facts.append(
            Fact(
                sent=sent,
                section=section,
                start=start,
                end=end,
                answer_type=answer_type_for(label),
                role="entity",
                score=ent_score,
                label=label,
                plural=plural,
            )
        )
    return facts


def _entity_score(sent: Span, start: int, end: int, label: str) -> float | None:
    """How likely the entity is asked about, or None when it is no answer at all."""
    ent_score = ENTITY_SCORES.get(label)
    if ent_score is None or _never_an_answer(sent, start, end, label):
        return None
    root = span_root(sent, start, end)
    if label == "CARDINAL" and root.dep_ == "nummod" and root.head.pos_ in ("NOUN", "PROPN"):
        ent_score += 0.08  # "30 soldiers": a count with its unit asks "how many"
    text = sent.doc[start:end].text
    if label == "DATE" and not _DIGIT.search(text):
        # "years", "Monday", "that year": vague on their own; "June", "two days" are not.
        named = any(t.like_num or t.lower_ in MONTHS for t in sent.doc[start:end])
        ent_score -= 0.05 if named else 0.2
    ent_score += ENTITY_DEP_BONUS.get(root.dep_, 0.0)
    if in_list(root):
        ent_score -= 0.08  # one item of "France, Spain, Portugal and England": ambiguous
    if root.dep_ in ("nsubj", "nsubjpass") and end - start >= 2:
        ent_score += 0.2
    return ent_score


def _never_an_answer(sent: Span, start: int, end: int, label: str) -> bool:
    """An entity span that would make a broken card: a modifier, half a quotation, a pronoun,
    a list, a piece of a name, a unit conversion or a misread temperature."""
    root = span_root(sent, start, end)
    if label == "NORP" and root.dep_ in ("amod", "compound"):
        return True  # "Serbian protesters": an adjective, not an answer
    if label == "ORDINAL" and not stated_rank(root, end - start):
        return True  # "the first manned landing", "first developed": a modifier, not a rank
    if label in ("CARDINAL",) and root.head.lower_ in ("one",):
        return True
    text = sent.doc[start:end].text
    if half_quoted(text):
        return True  # 'the "spiritual home': half a quotation
    if text.lower() in PRONOUNS or text.lower() in ("today", "now", "yesterday"):
        return True
    if "," in text and label in ("PERSON", "ORG", "NORP"):
        return True  # "Oliver Lodge, and John Stone": a list, not one answer
    if piece_of_name(sent, start, end):
        return True
    if label in ("CARDINAL", "QUANTITY") and is_conversion(sent, start):
        return True  # "110 °F ([43.3] °C)": the same measure in other units, not a fact
    after = sent.doc[end] if end < sent.end else None
    # "January to 82" of "… 53 F in January to 82 F in July": a misread
    return label == "DATE" and after is not None and (after.text == "°" or after.text in "FCK")
