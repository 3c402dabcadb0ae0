"""The cards one fact yields: open, cloze, choice and true/false, each only when it reads
well (a card that would be broken, ambiguous or leak its answer is not made).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from question_bank.candidates import Candidate
from question_bank.cards.answers import (
    NUMERIC,
    CardFields,
    card_fields,
    display_answer,
    distinct_kind,
    mistyped_people,
    occurs_as_word,
    pool_key,
    same_shape,
    trivial,
)
from question_bank.cards.option_fit import option_fits
from question_bank.cards.truefalse import truefalse_card
from question_bank.distractors import pick_distractors, rng_for
from question_bank.models import AnswerType, QuestionDraft, QuestionKind
from question_bank.questions.checks import leaks
from question_bank.questions.cloze import cloze
from question_bank.questions.open_question import open_questions
from question_bank.questions.wording import Rendering
from question_bank.sentence_index import SentenceIndex

if TYPE_CHECKING:
    from question_bank.facts.model import Fact


def fact_cards(
    candidate: Candidate,
    pools: Mapping[str, Sequence[str]],
    sentences: SentenceIndex,
) -> list[QuestionDraft]:
    """The cards one fact yields, each only when it reads well: the open question and the
    cloze first; a choice and a true/false card only beside one of them (`sentences`: the
    part's, which a wrong option must not agree with)."""
    fact = candidate.best
    if trivial(fact):
        return []
    # People the recogniser typed as places are asked only as a gap: "which places" is wrong.
    people_as_places = mistyped_people(fact)
    renderings = [] if people_as_places else _renderings(candidate)
    base = card_fields(fact)
    fact_score = min(1.0, 0.35 + candidate.worth)
    cards: list[QuestionDraft] = []
    if renderings:
        best = renderings[0]
        score = round(fact_score * (0.5 + 0.5 * best.quality), 4)
        cards.append(QuestionDraft(kind=QuestionKind.OPEN, prompt=best.text, score=score, **base))
    gapped = _cloze_prompt(candidate)
    if gapped is not None:
        score = round(fact_score * 0.8, 4)
        cards.append(QuestionDraft(kind=QuestionKind.CLOZE, prompt=gapped, score=score, **base))
    if not cards:
        return []
    pool = _option_pool(fact, pools)
    if renderings and distinct_kind(fact):
        # The choice card asks the second-best wording, so that it is not the open card again.
        rendering = renderings[1] if len(renderings) > 1 else renderings[0]
        choice = _choice_card(fact, rendering, pool, base, fact_score, sentences)
        if choice is not None:
            cards.append(choice)
    if fact.answer_type != AnswerType.THING and not people_as_places:
        # A false statement about a "thing" swaps in an unrelated phrase: trivially false.
        context = candidate.context
        truefalse = truefalse_card(fact, context, pool, base, fact_score, sentences)
        if truefalse is not None:
            cards.append(truefalse)
    return cards


def _renderings(candidate: Candidate) -> list[Rendering]:
    """Every distinct wh-question of the candidate's facts, best-reading first."""
    renderings: list[Rendering] = []
    for each in sorted(candidate.facts, key=lambda f: -f.score):
        for rendering in open_questions(each, candidate.context):
            if rendering.text not in {r.text for r in renderings}:
                renderings.append(rendering)
    renderings.sort(key=lambda r: -r.quality)
    return renderings


def _cloze_prompt(candidate: Candidate) -> str | None:
    """The gapped sentence, unless it gives the answer away. A gap may share a word with its
    sentence ("a fire that started as [a kitchen fire]"): a hint, not a giveaway, unless most of
    the answer is there. One of a pair ("Kosovo and [Serbia]") is half the answer given away."""
    fact = candidate.best
    if fact.answer_type == AnswerType.THING and not fact.label:
        # A gap over a common-noun phrase ("[devastation]", "[compelling financial benefits]",
        # "on [an aggressive timeline]") has other fair fillers and rarely holds the fact:
        # blind judges accepted 37% of the stored ones (final-3 to final-6), against 80-90% for
        # names, numbers and dates. Such a fact is asked as a question or not at all.
        return None
    answer = display_answer(fact)
    gapped = cloze(fact, candidate.context)
    pair = " and " in answer or " & " in answer
    if gapped is None or leaks(answer, gapped, majority=not pair):
        return None
    names = _NAME_WORD.findall(answer)
    if names and (
        any(occurs_as_word(name, gapped) for name in names) or leaks(" ".join(names), gapped)
    ):
        # "the [Plague of Justinian] (named after … Justinian)", "gaoligongensis … the [Mount
        # Gaoligong] flying squirrel": a name, or a word built on it, gives it away
        return None
    if _ALIAS_AFTER.match(fact.sentence[fact.span[1] :]):
        return None  # "the mouth of the [Rio de la Plata], or River Plate": its other name
    return gapped


# A capitalised word of four letters or more: a word of a name, distinctive enough that seeing
# it beside the gap names the answer.
# The answer's other name right after it: ", or River Plate", " (or the Plate)".
# Or a gloss in brackets ("[...] (ICC)", "[...] [vahl-paw-lee-CHEL-lah]"), but not a number
# or a year ("[...] (1998)"), which glosses nothing.
_ALIAS_AFTER = re.compile(
    r"\s*(?:(?:,|\()\s*or\s+(?:the\s+)?[A-Z]|[(\[](?![\d–-]+[)\]])[^)\]]{2,40}[)\]])"
)
_NAME_WORD = re.compile(r"\b[A-Z][\w’'-]{3,}")


def _option_pool(fact: Fact, pools: Mapping[str, Sequence[str]]) -> list[str]:
    """The article's answers a wrong option may be drawn from: of the answer's entity label (a
    town for a town, never a river or a stadium); numbers and dates may borrow from their answer
    type. pick_distractors skips entries alike the answer; the pools are shared, sorted, unique."""
    same_label = pools.get(pool_key(fact), [])
    if len(same_label) < 4 and fact.answer_type in NUMERIC:
        same_label = pools.get(fact.answer_type.value, [])
    return same_shape(same_label, fact)


def _choice_card(
    fact: Fact,
    rendering: Rendering,
    pool: Sequence[str],
    base: CardFields,
    fact_score: float,
    sentences: SentenceIndex,
) -> QuestionDraft | None:
    """The question with four options, the answer among three wrong ones that fit its place;
    None when three such options cannot be found."""
    answer = base["answer"]
    sentence, span = fact.sentence, fact.span
    wrong = pick_distractors(
        answer,
        fact.answer_type,
        key=(sentence, span, QuestionKind.CHOICE.value),
        article_pool=pool,
        avoid=rendering.text,
        fits=lambda option: option_fits(fact, option, sentences),
    )
    if len(wrong) != 3 or not all(option.strip() for option in wrong):
        return None  # an empty option ("80-year | 120-year | 100-year | ") is never shown
    options = [answer, *wrong]
    rng_for(sentence, span, "choice-order").shuffle(options)
    return QuestionDraft(
        kind=QuestionKind.CHOICE,
        prompt=rendering.text,
        choices=tuple(options),
        score=round(fact_score * (0.5 + 0.5 * rendering.quality) * 0.95, 4),
        **base,
    )
