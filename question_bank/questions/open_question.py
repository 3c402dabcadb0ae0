"""The open form: a fact's wh-question, built from the dependency parse of its clause.

The answer as subject takes the wh-phrase's place; anything the verb governs is fronted
(`fronting`); anything more deeply embedded is asked in place (`in_situ`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from question_bank.context import Context
from question_bank.facts.model import Fact
from question_bank.facts.spans import coordinated_outside
from question_bank.models import AnswerType
from question_bank.nlp import verb_lemma
from question_bank.questions.asked import AskedClause, asked_clause
from question_bank.questions.checks import acceptable, leaks, mistyped_date
from question_bank.questions.clause import AUX_DEPS, connected
from question_bank.questions.fronting import fronted_question, phrase_ids
from question_bank.questions.in_situ import in_situ_question
from question_bank.questions.wh_words import how_many_phrase
from question_bank.questions.wording import Rendering, finish_question, render_tokens, with_lead

if TYPE_CHECKING:
    from spacy.tokens import Token


def open_questions(fact: Fact, context: Context) -> list[Rendering]:
    """Natural wh-questions for a fact, best first; empty when none reads well."""
    out: list[Rendering] = []
    if fact.role == "title" and fact.description:
        words = fact.description.split()
        if (
            not re.search(r"[^\W\d_]{3,}", fact.description)
            or " and " in fact.description
            or len(words) < 2
        ):
            return out  # "Who is 1811–81?", "… the Beyoncé and childhood friend?", "… motions?"
        if re.fullmatch(r"(?:aged?\s+)?\d{1,3}(?:-years?-old)?", fact.description.strip(), re.I):
            return out  # "Who is age 9?": an interviewee's age is not worth learning
        desc = _capital_description(fact.description)
        out.append(Rendering(f"Who is {desc}?", 0.95, "title"))
        return out
    if mistyped_date(fact):
        return out  # "What had the settlers begun arriving in?" — the 870s
    if _comparison_baseline(fact) or _half_of_range(fact) or _time_of_a_noun(fact):
        return out
    if coordinated_outside(fact.tokens.root, fact.start, fact.end):
        # "When did Keitany win the New York City Marathon? — 2014" from "in 2014, 2015, and
        # 2016": one item of a list answers the question only in part.
        return out
    if any(t.lower_ == "that" and any(c.dep_ == "prep" for c in t.children) for t in fact.sent):
        return out  # "When was the last coronation at the Abbey that of Queen Elizabeth II?"
    built = _clause_question(fact, context)
    if built is not None:
        out.append(built)
    return [
        Rendering(r.lead + r.text, r.quality, r.form, r.lead) if r.lead else r
        for r in out
        if acceptable(r.text, fact)
        and not (r.lead and leaks(fact.answer, r.lead))
        and not _another_time_kept(r.text, fact)
    ]


_RANGE_WORDS = frozenset("to – - — until through till".split())


def _half_of_range(fact: Fact) -> bool:
    """ "as governor from [1999] to 2005": one end of a span answers "when" only in part (and
    2000 is as right an option)."""
    doc, sent = fact.sent.doc, fact.sent
    after = doc[fact.end : min(fact.end + 2, sent.end)]
    if len(after) == 2 and after[0].lower_ in _RANGE_WORDS and after[1].like_num:
        return True
    before = doc[max(fact.start - 2, sent.start) : fact.start]
    return len(before) == 2 and before[1].lower_ in _RANGE_WORDS and before[0].like_num


def _time_of_a_noun(fact: Fact) -> bool:
    """ "… until the opening of the Symphony Hall in [1900]": the time belongs to "the opening",
    not to the clause's verb; "When did the Orchestra give its inaugural concert…?" asks the
    wrong thing."""
    if fact.answer_type != AnswerType.DATE:
        return False
    root = fact.tokens.root
    preposition = root.head
    return (
        root.dep_ == "pobj"
        and preposition.dep_ == "prep"
        and preposition.head.pos_ in ("NOUN", "PROPN")
        and preposition.head.dep_ in ("pobj", "dobj")
    )


def _comparison_baseline(fact: Fact) -> bool:
    """ "its worst defeat since [1987]", "the highest level since [2008]": the time a superlative
    is measured from, not when anything happened ("Since when did Labour suffer its worst
    defeat?")."""
    root = fact.tokens.root
    preposition = root.head
    if root.dep_ != "pobj" or preposition.lower_ != "since":
        return False
    head = preposition.head
    if head.tag_ in ("JJS", "RBS"):
        return True
    # "since" may hang on the verb ("suffered its worst defeat since 1987"): its object counts.
    nouns = [head, *(c for c in head.children if c.dep_ in ("dobj", "attr", "nsubj"))]
    return any(
        c.dep_ == "amod" and (c.tag_ == "JJS" or c.lower_ == "first")
        for noun in nouns
        for c in noun.children
    )


def _another_time_kept(question: str, fact: Fact) -> bool:
    """A "when" question that keeps another time of its sentence ("When was Yellowstone
    designated seven years after the Civil War?"): it asks a time while stating one. Or one
    asked of a rank ("When was Oersted the first person to isolate aluminium?")."""
    if not question.startswith(("When ", "In which year ", "What year ")):
        return False
    if re.match(r"When (?:was|were|is|are) [^?]*\bthe (?:first|last|only)\b", question):
        return True
    others = [
        e.text
        for e in fact.sent.ents
        if e.label_ == "DATE" and not (e.start < fact.end and fact.start < e.end)
    ]
    return any(other in question for other in others)


def _clause_question(fact: Fact, context: Context) -> Rendering | None:
    clause = asked_clause(fact, context)
    if clause is None:
        return None
    if clause.answer_ids & clause.subject_ids:
        return _subject_question(clause)
    return fronted_question(clause)


def _subject_question(clause: AskedClause) -> Rendering | None:
    """The answer is (or counts) the subject: the wh-phrase takes its place, no inversion."""
    fact, tokens = clause.fact, clause.tokens
    leftover = [
        t
        for t in tokens
        if t.i in clause.subject_ids
        and t.i not in clause.answer_ids
        and not t.is_punct
        and t.dep_ != "det"
    ]
    number_noun = clause.number_noun
    if number_noun is None and not leftover:
        return _wh_subject_question(clause)
    if number_noun is not None and number_noun.i == clause.subject.i:
        phrase = how_many_phrase(fact, number_noun)
        if phrase is None:
            return None
        noun_ids = phrase_ids(number_noun)
        rest = [t for t in tokens if t.i not in noun_ids]
        if not connected(rest, noun_ids, clause.verb, clause.subject):
            return None
        text = phrase + " " + render_tokens(rest, clause.subs)
        return Rendering(finish_question(text), 0.9, "how-many", clause.lead)
    return with_lead(in_situ_question(fact, tokens, clause.subs, clause.wh, 0.6), clause.lead)


def _wh_subject_question(clause: AskedClause) -> Rendering | None:
    """The answer is the whole subject: "Who announced the decision…?"."""
    fact, verb, subject, wh = clause.fact, clause.verb, clause.subject, clause.wh
    if wh.subject in ("How many", "When", "How long"):
        # "How many are from Italy?": how many what? "When was 0.16 °C warmer than 2014?": a
        # time that is the subject is not asked "when" (a bare year is asked "What year").
        return None
    if fact.role == "chunk" and fact.tokens.root.pos_ == "PROPN":
        return None  # "What created…? — Developer William Smilie": a name, not a what
    if verb_lemma(verb) == "be" and any(
        c.dep_ == "attr" and c.pos_ == "PROPN" for c in verb.children
    ):
        return None  # "What was Balch Avenue on the south?": asks backwards
    if verb_lemma(verb) == "be" and any(
        c.dep_ in ("advcl", "ccomp", "attr") and c.left_edge.tag_ == "WRB" for c in verb.children
    ):
        return None  # "What has been where England's monarchs have been crowned?"
    rest = [t for t in clause.tokens if t.i not in clause.subject_ids]
    if not connected(rest, clause.subject_ids, verb, subject):
        return None
    if any(t.i < subject.left_edge.i for t in rest):
        return None  # "What By the Middle Ages included 1…?": an opener left between
    plural_predicate = any(c.dep_ == "attr" and c.tag_ in ("NNS", "NNPS") for c in verb.children)
    agreed = (
        _agree_singular(rest, clause.subs, verb)
        if wh.subject.startswith(("Which", "What")) and not plural_predicate
        else clause.subs
    )  # "What are semisynthetic modifications…?", never "What is … modifications"
    if agreed is None:
        return None
    text = wh.subject + " " + render_tokens(rest, agreed)
    return Rendering(finish_question(text), 0.9, "subject", clause.lead)


_SINGULAR_AUX = {"are": "is", "were": "was", "have": "has", "do": "does"}


def _agree_singular(
    rest: list[Token], subs: Mapping[int, str], verb: Token
) -> dict[int, str] | None:
    """ "Which organisation do collect…" -> "does": a singular wh-subject takes a singular verb.
    None when the plural form is the main verb ("collect"), which we do not inflect."""
    first = next((t for t in rest if t.head.i == verb.i and t.dep_ in AUX_DEPS), verb)
    if first.tag_ != "VBP" and first.lower_ not in _SINGULAR_AUX:
        return dict(subs)
    singular = _SINGULAR_AUX.get(first.lower_)
    if singular is None:
        return None
    agreed = dict(subs)
    agreed[first.i] = singular
    return agreed


def _capital_description(description: str) -> str:
    words = description.split()
    if words and words[0][:1].isupper() and words[0].lower() in ("the", "a", "an"):
        words[0] = words[0].lower()
    return " ".join(words)
