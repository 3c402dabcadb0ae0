"""Noun phrases as answers: objects, complements, causes ("due to X"), and pairs joined by
"and"; never pronouns, vague heads or references back ("the country").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from question_bank.facts.model import Fact, noun_answer_type, noun_base
from question_bank.facts.spans import half_quoted, piece_of_name
from question_bank.lexicon import PRONOUNS, REFERRING_NOUNS, TIME_NOUNS, VAGUE_HEADS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

CAUSE_MARKERS = ("due to", "because of", "owing to", "as a result of", "thanks to")

NOUN_CHUNK_ROLES: dict[str, float] = {
    "dobj": 0.17,
    "attr": 0.17,
    "oprd": 0.17,
    "pobj": 0.18,
    "nsubj": 0.24,
    "nsubjpass": 0.22,
    "appos": 0.17,
    "conj": 0.15,
    "dative": 0.17,
    "agent": 0.2,
}

CHUNK_HEAD_BONUS: dict[str, float] = {
    "advcl": 0.07,
    "agent": 0.1,
    "nsubj": 0.1,
    "relcl": -0.05,
    "acl": -0.08,
    "pcomp": -0.08,
}

# A bare common noun ("patents", "chastity") is an answer only as a verb's argument, and ranks
# below descriptive phrases: most bare nouns are not what a reader is asked about.
SINGLE_NOUN_ROLES = frozenset("dobj nsubj nsubjpass pobj attr".split())

SINGLE_NOUN_PENALTY = -0.08


def chunk_fact(sent: Span, section: str, chunk: Span, taken: set[int]) -> Fact | None:
    """A noun phrase as an answer: objects, complements, causes; not pronouns or vague words."""
    head = chunk.root
    if head.lower_ in PRONOUNS or head.pos_ == "PRON":
        return None
    if any(t.i in taken for t in chunk):
        return None
    start = _chunk_start(chunk)
    tokens = chunk.doc[start : chunk.end]
    words = [t for t in tokens if not t.is_punct]
    if not words or (noun_base(head) in VAGUE_HEADS and len(words) <= 2):
        return None
    content = [t for t in words if not t.is_stop]
    if not content or half_quoted(tokens.text):
        return None
    if tokens.text.count("(") != tokens.text.count(")"):
        return None  # "110 °F (43.3 °C": a bracket torn apart
    if piece_of_name(sent, start, chunk.end):
        return None
    if len(content) == 1 and head.lower_ in REFERRING_NOUNS:
        return None  # "the country": a reference, resolved in questions, never an answer
    single = len(content) == 1 and head.pos_ == "NOUN" and role_for(head) != "cause"
    if single and not _bare_noun_answer(chunk, head):
        return None  # "the trees", "the right", "over the years": too vague to ask about
    scored = _chunk_score(head, len(words), single)
    if scored is None:
        return None
    role, score = scored
    return Fact(
        sent=sent,
        section=section,
        start=start,
        end=chunk.end,
        answer_type=noun_answer_type(head),
        role=role,
        score=min(score, 0.95),
        plural=head.tag_ in ("NNS", "NNPS"),
    )


def _chunk_start(chunk: Span) -> int:
    """Where the answer starts: "both [BSkyB]", "[(0.52/sq mi]": the phrase without its leading
    "both" or a bracket it never closes (an article "the"/"a" stays)."""
    start, end = chunk.start, chunk.end
    while start < end - 1 and (
        chunk.doc[start].dep_ in ("det", "poss", "predet", "preconj")
        or chunk.doc[start].text in ("(", "[")
    ):
        if chunk.doc[start].lower_ in ("the", "a", "an"):
            break
        start += 1
    return start


def _chunk_score(head: Token, words: int, single: bool) -> tuple[str, float] | None:
    """The phrase's role ("chunk" or "cause") and rule score; None for a role never asked."""
    role_score = NOUN_CHUNK_ROLES.get(head.dep_)
    if role_score is None:
        return None
    if single:
        role_score += SINGLE_NOUN_PENALTY
    role = "chunk"
    prep = head.head if head.dep_ == "pobj" else None
    if prep is not None and _prep_phrase(prep) in CAUSE_MARKERS:
        role, role_score = "cause", 0.45
    # Descriptive phrases ("a moist broadleaf forest") make better answers than bare nouns.
    score = role_score + CHUNK_HEAD_BONUS.get(head.head.dep_, 0.0)
    if words >= 3:
        score += 0.07
    elif words == 1:
        score -= 0.06
    if words > 7:
        score -= 0.1
    return role, score


def chunk_pair(first: Span, second: Span) -> Span | None:
    """ "wages and profits", "Confucian propriety and ancestor veneration": two noun phrases
    joined by "and" answer one question together; an item of a longer list does not."""
    doc = first.doc
    between = [t.lower_ for t in doc[first.end : second.start]]
    if between != ["and"] or second.root.head.i != first.root.i or second.root.dep_ != "conj":
        return None
    if first.root.dep_ == "conj" or any(c.dep_ == "conj" for c in second.root.children):
        return None
    if first.root.pos_ != "NOUN" or second.root.pos_ != "NOUN":
        return None  # names are paired by the entity recogniser's spans
    if any(c.dep_ == "prep" for c in second.root.rights):
        return None  # "their [resignation and the withdrawal] of the police": a phrase cut short
    return doc[first.start : second.end]


def _bare_noun_answer(chunk: Span, head: Token) -> bool:
    """A lone common noun worth asking about: a verb's argument with no "the"/"that" pointing
    elsewhere ("his [patents]", "accounts of [women]"), not a stretch of time ("over the years")
    and not the head of an "of" phrase ("[jettison] of the descent stage")."""
    if len(head) < 5 or head.dep_ not in SINGLE_NOUN_ROLES or noun_base(head) in TIME_NOUNS:
        return False
    if any(t.dep_ == "det" and t.lower_ not in ("a", "an") for t in chunk):
        return False
    return not any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)


def role_for(head: Token) -> str:
    if head.dep_ == "pobj" and _prep_phrase(head.head) in CAUSE_MARKERS:
        return "cause"
    return "chunk"


def _prep_phrase(prep: Token) -> str:
    """The multiword preposition a token belongs to: "due to", "because of", "as a result of"."""
    head = prep.head
    if head.lower_ in ("due", "because", "owing", "thanks") and head.i == prep.i - 1:
        return f"{head.lower_} {prep.lower_}"
    if prep.lower_ == "of" and head.lower_ == "result" and head.head.lower_ == "as":
        return "as a result of"
    return prep.lower_


def chunk_facts(sent: Span, section: str, taken: set[int]) -> list[Fact]:
    """The sentence's noun phrases that can be answers, over tokens no earlier fact took; two
    joined by "and" answer together. `taken` grows by each fact found."""
    facts: list[Fact] = []
    chunks = list(sent.noun_chunks)
    skip = -1
    for index, chunk in enumerate(chunks):
        if index == skip:
            continue
        joined = chunk_pair(chunk, chunks[index + 1]) if index + 1 < len(chunks) else None
        fact = chunk_fact(sent, section, joined, taken) if joined is not None else None
        if fact is not None:
            fact.plural = True
            skip = index + 1
        else:
            fact = chunk_fact(sent, section, chunk, taken)
        if fact is not None:
            facts.append(fact)
            taken.update(range(fact.start, fact.end))
    return facts
