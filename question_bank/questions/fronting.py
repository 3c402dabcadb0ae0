"""Fronted questions: the wh-phrase moves to the front and the subject inverts with the first
auxiliary, or with "do" when there is none ("Where did Jens Stoltenberg announce…?", "Since when
has KFOR been deployed in Kosovo?", "Why …?" for a cause).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from question_bank.facts.model import Fact
from question_bank.models import AnswerType
from question_bank.nlp import verb_lemma
from question_bank.questions.clause import AUX_DEPS, SUBJECT_DEPS
from question_bank.questions.wh_words import is_duration
from question_bank.questions.wording import render_tokens

if TYPE_CHECKING:
    from spacy.tokens import Token

# Prepositions whose phrase answers "where" / "when" as a whole.
PLACE_PREPS = frozenset("in at near inside within throughout across".split())

TIME_PREPS = frozenset("in on at during for".split())

TIME_PREP_PHRASES = {"since": "Since when", "until": "Until when", "by": "By when"}

# Dependency links a fronted wh-phrase may move across (not out of noun phrases).
FRONTABLE_PATH = frozenset("dobj attr acomp oprd xcomp prep pobj dative agent".split())

# Wh-words that stand for a whole adverbial phrase: none leaves a preposition behind.
ADVERBIAL_WH = frozenset({"When", "Where", "Why", "How long"})

# Verbs whose past tense looks like their present: the tagger often calls the past "VBP".
SAME_PAST_FORM = frozenset(
    "put set cut hit let cost shut spread read beat hurt quit split burst cast bet".split()
)


def invert(verb: Token, subject: Token, tokens: list[Token], subs: dict[int, str]) -> str | None:
    """Subject–auxiliary inversion, with do-support when the verb has no auxiliary."""
    subject_ids = {t.i for t in subject.subtree}
    auxes = [t for t in tokens if t.head.i == verb.i and t.dep_ in AUX_DEPS and t.i < verb.i]
    subject_tokens = [t for t in tokens if t.i in subject_ids]
    others = [t for t in tokens if t.i not in subject_ids]
    if subject.i > verb.i:
        return None  # inverted already ("Among them was X"): leave to the cloze
    if any(t.dep_ in SUBJECT_DEPS and t.head.i == verb.i for t in others):
        return None  # "When do unsuccessful attempts the Church of England send…?": two subjects
    if auxes:
        first = auxes[0]
        if first.lower_ in ("to",):
            return None
        rest = [t for t in others if t.i != first.i]
        return (
            f"{_aux_text(first)} {render_tokens(subject_tokens, subs, lower_first=True)} "
            f"{render_tokens(rest, subs)}"
        )
    lemma = verb_lemma(verb)
    if lemma == "be":
        rest = [t for t in others if t.i != verb.i]
        return (
            f"{_aux_text(verb)} {render_tokens(subject_tokens, subs, lower_first=True)} "
            f"{render_tokens(rest, subs)}"
        )
    do = {"VBD": "did", "VBZ": "does", "VBP": "do"}.get(verb.tag_)
    past_story = any(t.tag_ == "VBD" for t in verb.sent)
    if do == "do" and verb.lower_ in SAME_PAST_FORM and past_story:
        do = "did"  # "two uncles put together enough money" in a past-tense story
    if do is None:
        return None
    local = dict(subs)
    local[verb.i] = lemma.lower()
    subject_text = render_tokens(subject_tokens, subs, lower_first=True)
    return f"{do} {subject_text} {render_tokens(others, local)}"


def _aux_text(aux: Token) -> str:
    text = aux.lower_
    return {"ca": "can", "wo": "will", "'s": "is", "’s": "is", "'re": "are", "'ve": "have"}.get(
        text, text
    )


def phrase_ids(noun: Token) -> set[int]:
    return {t.i for t in noun.subtree}


def frontable(token: Token, verb: Token) -> bool:
    """The constituent can move to the front: only verb/complement/preposition links above it."""
    node = token
    while node.i != verb.i:
        if node.dep_ not in FRONTABLE_PATH:
            return False
        if node.dep_ == "pobj" and node.head.head.pos_ in ("NOUN", "PROPN"):
            return False  # out of a noun phrase ("the community of [X]")
        node = node.head
        if node.head.i == node.i and node.i != verb.i:
            return False
    return True


def whole_phrase(fact: Fact) -> bool:
    """The answer is its noun phrase (give or take "the"), so moving the phrase moves the answer."""
    root = fact.tokens.root
    sub = [t for t in root.subtree if not t.is_punct]
    outside = [t for t in sub if not fact.start <= t.i < fact.end and t.dep_ not in ("det",)]
    return not outside


CAUSE_WORDS = frozenset("as a result of because due to owing thanks".split())


def cause_phrase(fact: Fact, verb: Token) -> Token | None:
    """The top of "as a result of X" / "because of X" when it modifies the verb: asked "why"."""
    node = fact.tokens.root
    while node.head.i != node.i and node.head.i != verb.i:
        node = node.head
        if node.lower_ not in CAUSE_WORDS:
            return None
    if node.head.i != verb.i or node.lower_ not in CAUSE_WORDS or node.dep_ != "prep":
        return None
    return node


def locative_phrase(fact: Fact, verb: Token, path: list[Token]) -> tuple[Token, str] | None:
    """A "in Oslo" / "in 2008" / "since 1999" phrase to replace with where/when."""
    if fact.answer_type == AnswerType.PLACE:
        preps = PLACE_PREPS
    elif fact.answer_type == AnswerType.DATE:
        preps = TIME_PREPS | set(TIME_PREP_PHRASES)
    else:
        return None
    for node in path:
        if node.dep_ != "prep" or node.lower_ not in preps:
            continue
        head = node.head
        attached = head.i == verb.i or (head.dep_ in ("acomp", "xcomp") and head.head.i == verb.i)
        if not attached and head.dep_ == "pobj" and head.head.dep_ == "prep":
            attached = head.head.head.i == verb.i  # "during a press conference in Oslo"
        if not attached and head.dep_ == "dobj" and head.head.i == verb.i:
            attached = node.i > head.i  # "attacked two cars … in Leposavic"
        if not attached and head.dep_ == "pobj" and head.head.dep_ == "prep":
            grand = head.head.head
            attached = grand.dep_ == "dobj" and grand.head.i == verb.i
        if not attached:
            return None
        pobj = [c for c in node.children if c.dep_ == "pobj"]
        if not pobj or not (
            pobj[0].i <= fact.tokens.root.i <= pobj[-1].i
            or fact.tokens.root.i in {t.i for t in pobj[0].subtree}
        ):
            return None
        # The answer must be the phrase's object (or the proper name in "the community of X").
        if fact.answer_type == AnswerType.PLACE:
            return node, "Where"
        if is_duration(fact.answer):
            return node, "How long" if node.lower_ in ("for", "during") else "When"
        if node.lower_ in TIME_PREP_PHRASES:
            return node, TIME_PREP_PHRASES[node.lower_]
        return node, "When"
    return None
