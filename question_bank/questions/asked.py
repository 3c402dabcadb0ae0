"""A fact's clause prepared for asking: its verb, subject and words, the references resolved,
and the wh-words that ask for the answer; or None when no question reads well from it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from question_bank.context import Context, lead_names_referent, substitutions
from question_bank.facts.model import Fact
from question_bank.models import AnswerType
from question_bank.questions.clause import (
    clause_subject,
    clause_tokens,
    clause_verb,
    dangling_pronoun,
    unaskable,
)
from question_bank.questions.wh_words import WhWords, copular_wh, counted_noun, wh_words_for
from question_bank.questions.wording import lead_in

if TYPE_CHECKING:
    from spacy.tokens import Token

QUOTES = frozenset({'"', "“", "”", "``", "''"})


@dataclass(frozen=True)
class AskedClause:
    """Everything a question form needs of the fact's clause."""

    fact: Fact
    verb: Token
    subject: Token
    path: list[Token]  # from the answer up to the verb
    tokens: list[Token]  # the clause without its side remarks
    answer_ids: set[int]
    subject_ids: set[int]  # the subject's words that stay in the clause
    subs: dict[int, str]  # token -> replacement (resolved pronouns and references)
    lead: str  # the sentence before, when the clause points back to it
    wh: WhWords
    number_noun: Token | None  # the noun a number answer counts


def asked_clause(fact: Fact, context: Context) -> AskedClause | None:
    """The fact's clause ready to ask, or None when no wh-question reads well from it."""
    verb, path = clause_verb(fact)
    if verb is None:
        return None
    subject = clause_subject(verb)
    if subject is None or unaskable(fact, verb, subject, path):
        return None
    tokens = clause_tokens(verb, fact)
    answer_ids = set(range(fact.start, fact.end))
    if _lost_in_the_clause(fact, verb, tokens, answer_ids):
        return None
    resolved = _resolved(fact, context, answer_ids)
    if resolved is None:
        return None
    subs, lead = resolved
    if dangling_pronoun(tokens, subs, answer_ids):
        return None
    subject_ids = {t.i for t in subject.subtree} & {t.i for t in tokens}
    _no_repeated_owner(fact, subs, subject_ids)
    number_noun = counted_noun(fact)
    wh = _asking_words(fact, verb, subject, answer_ids, number_noun)
    return AskedClause(
        fact, verb, subject, path, tokens, answer_ids, subject_ids, subs, lead, wh, number_noun
    )


def _lost_in_the_clause(fact: Fact, verb: Token, tokens: list[Token], answer_ids: set[int]) -> bool:
    """The clause cannot carry the question: what was said is dropped, the answer sits in a
    misparsed "and …" tail or outside the kept words, or the sentence quotes speech."""
    ids = {t.i for t in tokens}
    if any(
        c.dep_ == "ccomp" and c.i not in ids and not answer_ids & {t.i for t in c.subtree}
        for c in verb.children
    ):
        return True  # "…, the analyst said": what was said is gone, "say" asks nothing
    conjoined = [c.i for c in verb.children if c.dep_ in ("cc", "conj")]
    if conjoined and fact.start > min(conjoined):
        return True  # the answer sits in the tail of an "and …" clause the parse misplaced
    # Quoted speech turns into nonsense when reordered.
    return not answer_ids <= ids or verb.i not in ids or any(t.text in QUOTES for t in fact.sent)


def _resolved(
    fact: Fact, context: Context, answer_ids: set[int]
) -> tuple[dict[int, str], str] | None:
    """The sentence's references resolved, and the lead-in sentence when only a reference back
    ("the decision") is left unresolved; None when a pronoun cannot be resolved."""
    subs = substitutions(fact.sent, context, exclude=answer_ids)
    if subs is not None:
        return subs, ""
    subs = substitutions(fact.sent, context, exclude=answer_ids, references=False)
    lead = lead_in(fact.sent) or ""
    if subs is None or not lead or not lead_names_referent(fact.sent, context, answer_ids):
        return None
    return subs, lead


def _no_repeated_owner(fact: Fact, subs: dict[int, str], subject_ids: set[int]) -> None:
    """A resolved "his" that names the subject again stays "his": "Where did Tesla live most of
    his life?", not "…of Tesla's life"."""
    for index, text in list(subs.items()):
        others = " ".join(
            subs.get(i, fact.sent.doc[i].text) for i in sorted(subject_ids) if i != index
        )
        if text.endswith("’s") and text[:-2] and text[:-2] in others:
            del subs[index]


def _asking_words(
    fact: Fact, verb: Token, subject: Token, answer_ids: set[int], number_noun: Token | None
) -> WhWords:
    wh = copular_wh(fact, verb, wh_words_for(fact))
    if (
        fact.answer_type == AnswerType.NUMBER
        and number_noun is None
        and not (answer_ids & {t.i for t in subject.subtree})
    ):
        # "What number did Goldbach list as the first prime?", never "How many did…?"
        return WhWords("What number", "What number", "what number")
    return wh
