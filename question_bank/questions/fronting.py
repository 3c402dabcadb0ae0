"""Fronted questions: the wh-phrase moves to the front and the subject inverts with the first
auxiliary, or with "do" when there is none ("Where did Jens Stoltenberg announce…?", "Since when
has KFOR been deployed in Kosovo?", "Why …?" for a cause).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from question_bank.facts.model import Fact
from question_bank.models import AnswerType
from question_bank.nlp import verb_lemma
from question_bank.questions.asked import AskedClause
from question_bank.questions.clause import AUX_DEPS, SUBJECT_DEPS, connected
from question_bank.questions.in_situ import in_situ_question
from question_bank.questions.wh_words import how_many_phrase, is_duration
from question_bank.questions.wording import Rendering, finish_question, render_tokens, with_lead

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
    # The comma closing an aside the subject opened ("a French father-and-son, Pierre and
    # Ernest Michaux,") stays with the subject when the auxiliary moves before it.
    subject_ids |= {t.i for t in tokens if t.text == "," and t.i == subject.right_edge.i + 1}
    auxes = [t for t in tokens if t.head.i == verb.i and t.dep_ in AUX_DEPS and t.i < verb.i]
    subject_tokens = [t for t in tokens if t.i in subject_ids]
    others = [t for t in tokens if t.i not in subject_ids]
    if subject.i > verb.i:
        return None  # inverted already ("Among them was X"): leave to the cloze
    if any(t.dep_ in SUBJECT_DEPS and t.head.i == verb.i for t in others):
        return None  # "When do unsuccessful attempts the Church of England send…?": two subjects
    if auxes:
        first = auxes[0]
        if first.lower_ in ("to",) or verb_lemma(first) not in AUXILIARIES:
            # "the castle became increasingly valued": the parser's passive "auxiliary" is a
            # main verb, which never inverts ("When became the castle…?")
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


# Verbs that invert with the subject in a question ("When was…", "Where had…", "Could…").
AUXILIARIES = frozenset(
    """be have do will would can could may might must shall should ought get
    'd ’d 'll ’ll wo ca""".split()
)


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


@dataclass(frozen=True)
class _Front:
    """What moves to the front of a question, the words that replace it, and how well such a
    question tends to read."""

    moved: set[int]
    words: str
    quality: float


# What a clause that fronts nothing well returns: no question at all (not one asked in place).
_REFUSED = _Front(set(), "", 0.0)


def fronted_question(clause: AskedClause) -> Rendering | None:
    """The answer is governed by the verb: its phrase moves to the front as a wh-phrase and the
    subject inverts; asked in place when nothing can move."""
    fact = clause.fact
    if _never_fronted(clause):
        return None
    front = _front(clause)
    if front is None:
        in_situ = in_situ_question(fact, clause.tokens, clause.subs, clause.wh, 0.55)
        return with_lead(in_situ, clause.lead)
    if front is _REFUSED:
        return None
    rest = [t for t in clause.tokens if t.i not in front.moved]
    if not _reads_well(clause, rest, front):
        return None
    inverted = invert(clause.verb, clause.subject, rest, clause.subs)
    if inverted is None:
        return None
    text = front.words + " " + inverted
    return Rendering(finish_question(text), front.quality, "fronted", clause.lead)


def _never_fronted(clause: AskedClause) -> bool:
    fact, verb = clause.fact, clause.verb
    root = fact.tokens.root
    if (
        fact.answer_type == AnswerType.DATE
        and is_duration(fact.answer)
        and root.dep_ == "pobj"
        and root.head.lower_ not in ("for", "during", "over")
    ):
        return True  # "within three years": neither "when" nor "how long" asks it right
    # "By what is oxygen the third-most abundant element?": a copula's adjunct
    return (
        verb_lemma(verb) == "be"
        and any(c.dep_ == "attr" for c in verb.children)
        and root.dep_ == "pobj"
        and fact.answer_type not in (AnswerType.PLACE, AnswerType.DATE)
    )


def _front(clause: AskedClause) -> _Front | None:
    """What moves to the front: a cause ("why"), a place or time phrase ("where", "since
    when"), a counted noun phrase ("how many soldiers"), or the answer's own phrase; None when
    nothing can move (the question is asked in place)."""
    fact, verb, number_noun = clause.fact, clause.verb, clause.number_noun
    cause = cause_phrase(fact, verb) if fact.role == "cause" else None
    if cause is not None:
        return _Front({t.i for t in cause.subtree}, "Why", 0.85)
    locative = locative_phrase(fact, verb, clause.path)
    if locative is not None:
        prep, words = locative
        return _Front({t.i for t in prep.subtree}, words, 0.9)
    if number_noun is not None and frontable(number_noun, verb):
        return _counted_front(clause, number_noun)
    if frontable(fact.tokens.root, verb) and whole_phrase(fact):
        return _phrase_front(clause)
    return None


def _counted_front(clause: AskedClause, number_noun: Token) -> _Front:
    """ "How many soldiers …", or "From how many countries …" with the preposition moved too."""
    how_many = how_many_phrase(clause.fact, number_noun)
    if how_many is None:
        return _REFUSED
    moved = phrase_ids(number_noun)
    words = how_many
    head = number_noun.head
    if number_noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.i == clause.verb.i:
        moved |= {head.i}
        words = head.lower_.capitalize() + " " + words[0].lower() + words[1:]
    return _Front(moved, words, 0.85)


def _phrase_front(clause: AskedClause) -> _Front:
    """The answer's phrase moves whole; an adjunct with its preposition ("From which country
    did the disease spread?")."""
    verb, wh = clause.verb, clause.wh
    root = clause.fact.tokens.root
    moved = {t.i for t in root.subtree}
    words = wh.object
    prep = root.head
    ids_after = sorted(t.i for t in clause.tokens if t.i > prep.i and t.i not in moved)
    crowded = bool(ids_after) and root.doc[ids_after[0]].pos_ == "ADP"
    if (
        root.dep_ == "pobj"
        and prep.head.i == verb.i
        and (prep.i < verb.i or prep.i > verb.i + 1 or crowded)
    ):
        if wh.in_situ in ("when", "where"):
            return _REFUSED  # "As when does the record give…?": only since/until/by + when
        moved |= {prep.i}
        words = prep.lower_.capitalize() + " " + wh.in_situ
    return _Front(moved, words, 0.8)


def _reads_well(clause: AskedClause, rest: list[Token], front: _Front) -> bool:
    """What stays behind the fronted phrase still reads as a clause."""
    moved = front.moved
    top = clause.fact.tokens.root
    if top.dep_ == "pobj" and top.head.i not in moved and top.head.i not in {t.i for t in rest}:
        return False  # "What do vertebrates possess the system?": the answer's "as" was lost
    if not connected(rest, moved, clause.verb, clause.subject) or any(
        t.i in clause.answer_ids for t in rest
    ):
        return False  # a word of the answer left behind ("From how much … m year-earlier?")
    if (front.words in ADVERBIAL_WH or front.words.split()[0] in ADVERBIAL_WH) and any(
        t.dep_ in ("prep", "agent") and not any(c.i in {r.i for r in rest} for c in t.children)
        for t in rest
    ):
        return False  # "When was the church rebuilt between?": "when" replaces a whole phrase
    subject_at = next((n for n, t in enumerate(rest) if t.i == clause.subject.left_edge.i), 0)
    # "When was Australia After the founding of … divided": a stranded opener
    return not any(t.dep_ not in AUX_DEPS for t in rest[:subject_at])
