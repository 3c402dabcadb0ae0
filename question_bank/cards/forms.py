"""The cards one fact yields: open, cloze, choice and true/false, each only when it reads
well (a card that would be broken, ambiguous or leak its answer is not made).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from question_bank.candidates import Candidate
from question_bank.cards.answers import (
    NUMERIC,
    accepted_answers,
    display_answer,
    distinct_kind,
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

if TYPE_CHECKING:
    from spacy.tokens import Doc


def fact_cards(
    candidate: Candidate,
    pools: Mapping[str, Sequence[str]],
    known: Mapping[str, Sequence[str]],
    docs: Sequence[Doc] = (),
) -> list[QuestionDraft]:
    """The cards one fact yields, each only when it reads well."""
    fact = candidate.best
    context = candidate.context
    answer = display_answer(fact)
    if trivial(fact):
        return []
    renderings: list[Rendering] = []
    for each in sorted(candidate.facts, key=lambda f: -f.score):
        for rendering in open_questions(each, context):
            if rendering.text not in {r.text for r in renderings}:
                renderings.append(rendering)
    renderings.sort(key=lambda r: -r.quality)
    sentence, span = fact.sentence, fact.span
    base = dict(
        answer=answer,
        sentence=sentence,
        answer_span=span,
        section=fact.section,
        answer_type=fact.answer_type,
        accepted_answers=accepted_answers(fact),
        tags=(fact.answer_type.value, fact.role),
    )
    fact_score = min(1.0, 0.35 + candidate.worth)
    cards: list[QuestionDraft] = []
    if renderings:
        best = renderings[0]
        cards.append(
            QuestionDraft(
                kind=QuestionKind.OPEN,
                prompt=best.text,
                score=round(fact_score * (0.5 + 0.5 * best.quality), 4),
                **base,  # type: ignore[arg-type]
            )
        )
    gapped = cloze(fact, context)
    # A gap may share a word with its sentence ("a fire that started as [a kitchen fire]"):
    # a hint, not a giveaway, unless most of the answer is there. One of a pair ("Kosovo and
    # [Serbia]") is half the answer given away.
    pair = " and " in answer or " & " in answer
    if gapped is not None and not leaks(answer, gapped, majority=not pair):
        cards.append(
            QuestionDraft(
                kind=QuestionKind.CLOZE,
                prompt=gapped,
                score=round(fact_score * 0.8, 4),
                **base,  # type: ignore[arg-type]
            )
        )
    if not cards:
        return []
    # pick_distractors skips entries alike the answer; the pools are shared, sorted and unique.
    # Options share the answer's entity label (a town for a town, never a river or a stadium);
    # numbers and dates may borrow from their answer type.
    same_label = pools.get(pool_key(fact), [])
    if len(same_label) < 4 and fact.answer_type in NUMERIC:
        same_label = pools.get(fact.answer_type.value, [])
    pool = same_shape(same_label, fact)
    bank_pool = known.get(fact.answer_type.value, [])
    if renderings and distinct_kind(fact):
        rendering = renderings[1] if len(renderings) > 1 else renderings[0]
        wrong = pick_distractors(
            answer,
            fact.answer_type,
            key=(sentence, span, QuestionKind.CHOICE.value),
            article_pool=pool,
            bank_pool=bank_pool,
            avoid=rendering.text,
            fits=lambda option: option_fits(fact, option, docs),
        )
        if len(wrong) == 3:
            options = [answer, *wrong]
            rng_for(sentence, span, "choice-order").shuffle(options)
            cards.append(
                QuestionDraft(
                    kind=QuestionKind.CHOICE,
                    prompt=rendering.text,
                    choices=tuple(options),
                    score=round(fact_score * (0.5 + 0.5 * rendering.quality) * 0.95, 4),
                    **base,  # type: ignore[arg-type]
                )
            )
    truefalse = None
    if fact.answer_type != AnswerType.THING:
        # A false statement about a "thing" swaps in an unrelated phrase: trivially false.
        truefalse = truefalse_card(fact, context, pool, bank_pool, base, fact_score, docs)
    if truefalse is not None:
        cards.append(truefalse)
    return cards
