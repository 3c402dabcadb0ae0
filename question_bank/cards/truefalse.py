"""The true/false card: the fact's sentence as written (true) or with one surely-false
option in the answer's place (false), decided per fact by a seeded coin.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from question_bank.cards.answers import CardFields, display_answer, distinct_kind
from question_bank.cards.option_fit import option_fits
from question_bank.context import Context
from question_bank.distractors import pick_distractors, rng_for
from question_bank.facts.model import Fact
from question_bank.models import AnswerType, QuestionDraft, QuestionKind
from question_bank.questions.cloze import statement
from question_bank.sentence_index import SentenceIndex

if TYPE_CHECKING:
    pass


def truefalse_card(
    fact: Fact,
    context: Context,
    pool: Sequence[str],
    base: CardFields,
    fact_score: float,
    sentences: SentenceIndex | None = None,
) -> QuestionDraft | None:
    """The fact's statement, true or (by the fact's own seeded coin) with one surely-false
    option from `pool` in the answer's place; None when no such statement reads right
    (`sentences`: the part's, which a false statement must not agree with)."""
    key = (fact.sentence, fact.span, QuestionKind.TRUEFALSE.value)
    is_true = rng_for(*key).random() < 0.5
    shown: str | None = display_answer(fact)
    if not is_true:
        index = sentences or SentenceIndex()  # none given: the fact's paragraph only
        shown = _false_option(fact, pool, index, key)
    if shown is None:
        return None
    text = statement(fact, context, shown)
    if text is None or len(text.split()) > 35:
        return None
    fields = CardFields(**base)
    fields["answer"] = "True" if is_true else "False"
    fields["accepted_answers"] = ()
    return QuestionDraft(
        kind=QuestionKind.TRUEFALSE,
        prompt=text,
        choices=("True", "False"),
        score=round(fact_score * 0.7, 4),
        **fields,
    )


def _false_option(
    fact: Fact, pool: Sequence[str], sentences: SentenceIndex, key: tuple[str, tuple[int, int], str]
) -> str | None:
    """The wrong answer a false statement shows, or None when a swap would not read as a
    plausible, surely false fact."""
    first = fact.tokens[0]
    after_article = first.i > fact.sent.start and first.nbor(-1).lower_ in ("the", "a", "an")
    counts = (AnswerType.NUMBER, AnswerType.QUANTITY, AnswerType.DATE)
    if after_article and fact.answer_type not in counts:
        return None  # "to the Far East" -> "to the China"
    if fact.tokens.root.dep_ == "poss":
        return None  # "two of Tesla's uncles" -> "two of Charles-Ferdinand University's uncles"
    people = (AnswerType.PERSON, AnswerType.GROUP)
    if fact.answer_type in people and (after_article or first.tag_ == "NNPS"):
        # "to the Saxon" -> "to the Jan Hus", "are Kaleds" -> "are Pineda": never reads right.
        return None
    if not distinct_kind(fact):
        return None  # a common noun swapped for another may be a synonym: not surely false
    # Nothing the sentence already says: "Fresno's Communities and hipster Communities".
    avoid = fact.sentence[: fact.span[0]] + " " + fact.sentence[fact.span[1] :]
    wrong = pick_distractors(
        display_answer(fact),
        fact.answer_type,
        key=key,
        article_pool=pool,
        count=1,
        avoid=avoid,
        fits=lambda option: option_fits(fact, option, sentences, truefalse=True),
    )
    if not wrong:
        return None
    if after_article and wrong[0].split()[0].lower() in ("a", "an", "the", "several", "many"):
        return None  # "over the [years]" -> "over the a few decades"
    return wrong[0]
