"""The open form: a fact's wh-question, built from the dependency parse of its clause.

The answer as subject takes the wh-phrase's place; anything the verb governs is fronted
(`fronting`); anything more deeply embedded is asked in place (`in_situ`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from question_bank.context import (
    Context,
    substitutions,
)
from question_bank.facts.model import Fact
from question_bank.models import AnswerType
from question_bank.nlp import verb_lemma
from question_bank.questions.checks import acceptable, leaks, mistyped_date
from question_bank.questions.clause import (
    AUX_DEPS,
    clause_subject,
    clause_tokens,
    clause_verb,
    connected,
    dangling_pronoun,
    unaskable,
)
from question_bank.questions.fronting import (
    ADVERBIAL_WH,
    cause_phrase,
    frontable,
    invert,
    locative_phrase,
    phrase_ids,
    whole_phrase,
)
from question_bank.questions.in_situ import in_situ_question
from question_bank.questions.wh_words import (
    WhWords,
    copular_wh,
    counted_noun,
    how_many_phrase,
    is_duration,
    wh_words_for,
)
from question_bank.questions.wording import (
    Rendering,
    finish_question,
    lead_in,
    render_tokens,
    with_lead,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

QUOTES = frozenset({'"', "“", "”", "``", "''"})


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
        desc = _capital_description(fact.description)
        out.append(Rendering(f"Who is {desc}?", 0.95, "title"))
        return out
    if mistyped_date(fact):
        return out  # "What had the settlers begun arriving in?" — the 870s
    built = _clause_question(fact, context)
    if built is not None:
        out.append(built)
    return [
        Rendering(r.lead + r.text, r.quality, r.form, r.lead) if r.lead else r
        for r in out
        if acceptable(r.text, fact) and not (r.lead and leaks(fact.answer, r.lead))
    ]


def _clause_question(fact: Fact, context: Context) -> Rendering | None:
    verb, path = clause_verb(fact)
    if verb is None:
        return None
    subject = clause_subject(verb)
    if subject is None or unaskable(fact, verb, subject, path):
        return None
    tokens = clause_tokens(verb, fact)
    ids = {t.i for t in tokens}
    answer_ids = set(range(fact.start, fact.end))
    if any(
        c.dep_ == "ccomp" and c.i not in ids and not answer_ids & {t.i for t in c.subtree}
        for c in verb.children
    ):
        return None  # "…, the analyst said": what was said is gone, "say" asks nothing
    conjoined = [c.i for c in verb.children if c.dep_ in ("cc", "conj")]
    if conjoined and fact.start > min(conjoined):
        return None  # the answer sits in the tail of an "and …" clause the parse misplaced
    if not answer_ids <= ids or verb.i not in ids or any(t.text in QUOTES for t in fact.sent):
        return None  # quoted speech turns into nonsense when reordered
    subs = substitutions(fact.sent, context, exclude=answer_ids)
    lead = ""
    if subs is None:
        # Only a reference back ("the decision") left unresolved: the sentence before leads in.
        subs = substitutions(fact.sent, context, exclude=answer_ids, references=False)
        lead = lead_in(fact.sent) or ""
        if subs is None or not lead:
            return None
    if dangling_pronoun(tokens, subs, answer_ids):
        return None
    subject_ids = {t.i for t in subject.subtree} & ids
    for index, text in list(subs.items()):
        others = " ".join(
            subs.get(i, fact.sent.doc[i].text) for i in sorted(subject_ids) if i != index
        )
        if text.endswith("’s") and text[:-2] and text[:-2] in others:
            del subs[index]  # "Where did Tesla live most of his life?", not "…of Tesla's life"
    wh = copular_wh(fact, verb, wh_words_for(fact))
    number_noun = counted_noun(fact)
    if (
        fact.answer_type == AnswerType.NUMBER
        and number_noun is None
        and not (answer_ids & {t.i for t in subject.subtree})
    ):
        # "What number did Goldbach list as the first prime?", never "How many did…?"
        wh = WhWords("What number", "What number", "what number")

    # 1. The answer is (or counts) the subject: no inversion.
    if answer_ids & subject_ids:
        leftover = [
            t
            for t in tokens
            if t.i in subject_ids and t.i not in answer_ids and not t.is_punct and t.dep_ != "det"
        ]
        if number_noun is None and not leftover:
            if wh.subject == "How many":
                return None  # "How many are from Italy?": how many what?
            if fact.role == "chunk" and fact.tokens.root.pos_ == "PROPN":
                return None  # "What created…? — Developer William Smilie": a name, not a what
            if verb_lemma(verb) == "be" and any(
                c.dep_ == "attr" and c.pos_ == "PROPN" for c in verb.children
            ):
                return None  # "What was Balch Avenue on the south?": asks backwards
            rest = [t for t in tokens if t.i not in subject_ids]
            if not connected(rest, subject_ids, verb, subject):
                return None
            if any(t.i < subject.left_edge.i for t in rest):
                return None  # "What By the Middle Ages included 1…?": an opener left between
            plural_predicate = any(
                c.dep_ == "attr" and c.tag_ in ("NNS", "NNPS") for c in verb.children
            )
            agreed = (
                _agree_singular(rest, subs, verb)
                if wh.subject.startswith(("Which", "What")) and not plural_predicate
                else subs
            )  # "What are semisynthetic modifications…?", never "What is … modifications"
            if agreed is None:
                return None
            text = wh.subject + " " + render_tokens(rest, agreed)
            return Rendering(finish_question(text), 0.9, "subject", lead)
        if number_noun is not None and number_noun.i == subject.i:
            phrase = how_many_phrase(fact, number_noun)
            if phrase is None:
                return None
            noun_ids = phrase_ids(number_noun)
            rest = [t for t in tokens if t.i not in noun_ids]
            if not connected(rest, noun_ids, verb, subject):
                return None
            text = phrase + " " + render_tokens(rest, subs)
            return Rendering(finish_question(text), 0.9, "how-many", lead)
        return with_lead(in_situ_question(fact, tokens, subs, wh, 0.6), lead)

    # 2. Fronting: find what moves to the front.
    root = fact.tokens.root
    if (
        fact.answer_type == AnswerType.DATE
        and is_duration(fact.answer)
        and root.dep_ == "pobj"
        and root.head.lower_ not in ("for", "during", "over")
    ):
        return None  # "within three years": neither "when" nor "how long" asks it right
    if (
        verb_lemma(verb) == "be"
        and any(c.dep_ == "attr" for c in verb.children)
        and root.dep_ == "pobj"
        and fact.answer_type not in (AnswerType.PLACE, AnswerType.DATE)
    ):
        return None  # "By what is oxygen the third-most abundant element?": a copula's adjunct
    moved: set[int]
    front: str
    locative = locative_phrase(fact, verb, path)
    cause = cause_phrase(fact, verb) if fact.role == "cause" else None
    if cause is not None:
        moved = {t.i for t in cause.subtree}
        front = "Why"
        quality = 0.85
    elif locative is not None:
        prep, front = locative
        moved = {t.i for t in prep.subtree}
        quality = 0.9
    elif number_noun is not None and frontable(number_noun, verb):
        moved = phrase_ids(number_noun)
        how_many = how_many_phrase(fact, number_noun)
        if how_many is None:
            return None
        front = how_many
        head = number_noun.head
        if number_noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.i == verb.i:
            moved |= {head.i}
            front = head.lower_.capitalize() + " " + front[0].lower() + front[1:]
        quality = 0.85
    elif frontable(fact.tokens.root, verb) and whole_phrase(fact):
        root = fact.tokens.root
        moved = {t.i for t in root.subtree}
        front = wh.object
        prep = root.head
        ids_after = sorted(t.i for t in tokens if t.i > prep.i and t.i not in moved)
        crowded = bool(ids_after) and root.doc[ids_after[0]].pos_ == "ADP"
        if (
            root.dep_ == "pobj"
            and prep.head.i == verb.i
            and (prep.i < verb.i or prep.i > verb.i + 1 or crowded)
        ):
            # An adjunct phrase moves whole: "From which country did the disease spread?"
            if wh.in_situ in ("when", "where"):
                return None  # "As when does the record give…?": only since/until/by + when
            moved |= {prep.i}
            front = prep.lower_.capitalize() + " " + wh.in_situ
        quality = 0.8
    else:
        return with_lead(in_situ_question(fact, tokens, subs, wh, 0.55), lead)
    rest = [t for t in tokens if t.i not in moved]
    top = fact.tokens.root
    if top.dep_ == "pobj" and top.head.i not in moved and top.head.i not in {t.i for t in rest}:
        return None  # "What do vertebrates possess the system?": the answer's "as" was lost
    if not connected(rest, moved, verb, subject) or any(t.i in answer_ids for t in rest):
        return None  # a word of the answer left behind ("From how much … m year-earlier?")
    if (front in ADVERBIAL_WH or front.split()[0] in ADVERBIAL_WH) and any(
        t.dep_ in ("prep", "agent") and not any(c.i in {r.i for r in rest} for c in t.children)
        for t in rest
    ):
        return None  # "When was the church rebuilt between?": "when" replaces a whole phrase
    subject_at = next((n for n, t in enumerate(rest) if t.i == subject.left_edge.i), 0)
    if any(t.dep_ not in AUX_DEPS for t in rest[:subject_at]):
        return None  # "When was Australia After the founding of … divided": a stranded opener
    inverted = invert(verb, subject, rest, subs)
    if inverted is None:
        return None
    text = front + " " + inverted
    return Rendering(finish_question(text), quality, "fronted", lead)


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
