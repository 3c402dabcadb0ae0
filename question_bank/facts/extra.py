"""Extra candidates for the learned answer ranker to weigh: the phrases the rules pass over
(bare and vague noun phrases, whole argument phrases, adjective complements, minor entities),
scored 0 so that the rule score says "no" and only the ranker can lift them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from question_bank.facts.entities import ENTITY_SCORES
from question_bank.facts.model import Fact, answer_type_for, noun_answer_type, noun_base
from question_bank.facts.spans import (
    half_quoted,
    is_conversion,
    piece_of_name,
    trim_entity,
    trim_phrase,
)
from question_bank.lexicon import PRONOUNS, REFERRING_NOUNS, TIME_NOUNS, VAGUE_HEADS
from question_bank.models import AnswerType

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Extra candidates for the learned ranker: whole phrases in these roles, at most this long.
PHRASE_ROLES = frozenset("dobj pobj nsubj nsubjpass attr appos oprd dative agent".split())

MAX_EXTRA_WORDS = 9


def extra_facts(sent: Span, section: str, found: list[Fact]) -> list[Fact]:
    """Candidates the rules above pass over, for the learned ranker to weigh (score 0, so the
    rule score says "no"): bare and vague noun phrases, whole argument phrases with their
    modifiers ("several regional colleges and universities"), adjective complements
    ("paramagnetic") and the entities the rules skip ("Catholic", "fourth").

    Only what can never make a card is refused here: pronouns, torn quotations or brackets,
    pieces of a longer name, answers longer than a card can gap.
    """
    spans = {(f.start, f.end) for f in found}
    # An entity already asked about is the answer, not a phrase around it ("700" rather than
    # "700 troops": the phrase repeats the entity elsewhere gapped or leaks it); a pair the rules
    # joined ("wages and profits") is asked as a pair.
    held = [(f.start, f.end) for f in found if f.role == "entity" or f.plural]
    out: list[Fact] = []
    for start, end, role, answer_type, label in _extra_spans(sent):
        start, end = trim_phrase(sent, start, end)
        if end <= start or (start, end) in spans or _never_extra(sent, start, end, held):
            continue
        spans.add((start, end))
        plural = sent.doc[start:end].root.tag_ in ("NNS", "NNPS")
        out.append(
            Fact(
                sent=sent,
                section=section,
                start=start,
                end=end,
                answer_type=answer_type,
                role=role,
                score=0.0,
                label=label,
                plural=plural,
            )
        )
    return out


def _extra_spans(sent: Span) -> Iterator[tuple[int, int, str, AnswerType, str]]:
    """(start, end, role, answer type, entity label) of every extra candidate, untrimmed:
    minor entities, noun phrases and their whole argument phrases, adjectives."""
    for ent in sent.ents:
        if ent.label_ in ENTITY_SCORES:
            start, end = trim_entity(sent, ent.start, ent.end)
            if ent.label_ in ("CARDINAL", "QUANTITY") and is_conversion(sent, start):
                continue  # "110 °F ([43.3] °C)": the same measure again, not a fact
            yield start, end, "entity_minor", answer_type_for(ent.label_), ent.label_
    for chunk in sent.noun_chunks:
        head = chunk.root
        yield chunk.start, chunk.end, "noun", noun_answer_type(head), ""
        if head.dep_ in PHRASE_ROLES:
            left, right = head.left_edge.i, head.right_edge.i + 1
            if right - left > len(chunk):
                yield left, right, "phrase", noun_answer_type(head), ""
    for token in sent:
        if token.pos_ == "ADJ" and token.dep_ in ("acomp", "amod", "oprd"):
            left = min([token.i, *(c.i for c in token.lefts if c.dep_ == "advmod")])
            yield left, token.i + 1, "adjective", AnswerType.THING, ""


def _never_extra(sent: Span, start: int, end: int, held: list[tuple[int, int]]) -> bool:
    """A span that can never make a card: too long, only stop words, a pronoun or vague head, a
    lone noun pointing elsewhere, around or inside a held answer, torn quotes or brackets, or a
    piece of a longer name."""
    tokens = sent.doc[start:end]
    words = [t for t in tokens if not t.is_punct]
    if not words or len(words) > MAX_EXTRA_WORDS or all(t.is_stop for t in words):
        return True
    head = tokens.root
    if head.lower_ in PRONOUNS or head.pos_ == "PRON" or noun_base(head) in VAGUE_HEADS:
        return True
    content = [t for t in words if not t.is_stop]
    if len(content) == 1 and head.pos_ == "NOUN" and not _specific_noun(tokens, head):
        return True  # "the country", "that moment", "the plan": pointing elsewhere, not a fact
    for left, right in held:
        if (start <= left and right <= end) or (left <= start and end <= right):
            return True
    text = tokens.text
    if half_quoted(text) or text.count("(") != text.count(")"):
        return True
    return piece_of_name(sent, start, end)


def _specific_noun(tokens: Span, head: Token) -> bool:
    """A lone noun that names something: not a referring noun, a stretch of time, or a noun
    whose "the"/"that" points elsewhere in the text."""
    if head.lower_ in REFERRING_NOUNS or noun_base(head) in TIME_NOUNS:
        return False
    return not any(t.dep_ == "det" and t.lower_ not in ("a", "an") for t in tokens)
