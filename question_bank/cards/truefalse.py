"""The true/false card: the fact's sentence with one surely-false option in the answer's
place (false) whenever one can be found, else the sentence as written (true); an article's
statements are then balanced (`balance_truefalse`), so that "always True" is no strategy.
"""

from __future__ import annotations

from collections.abc import Sequence

from question_bank.cards.answers import CardFields, display_answer, distinct_kind
from question_bank.cards.option_fit import option_fits
from question_bank.context import Context
from question_bank.distractors import pick_distractors
from question_bank.facts.model import Fact
from question_bank.models import AnswerType, QuestionDraft, QuestionKind
from question_bank.questions.cloze import statement
from question_bank.sentence_index import SentenceIndex


def truefalse_card(
    fact: Fact,
    context: Context,
    pool: Sequence[str],
    base: CardFields,
    fact_score: float,
    sentences: SentenceIndex | None = None,
) -> QuestionDraft | None:
    """The fact's statement: false with a surely-false option from `pool` in the answer's place
    whenever one reads right, else true; None when neither does (`sentences`: the part's, which
    a false statement must not agree with)."""
    index = sentences or SentenceIndex()  # none given: the fact's paragraph only
    # A false statement whenever one can be made surely false, else the sentence as written:
    # a coin per fact left nine in ten statements true (a fact's false form fails more often,
    # and every fact of a sentence shares one true form), so "always True" scored 90%.
    wrong = _false_answer(fact, pool, index)
    is_true = wrong is None
    shown = display_answer(fact) if wrong is None else wrong
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


def _false_answer(fact: Fact, pool: Sequence[str], index: SentenceIndex) -> str | None:
    """An option that makes the fact's sentence surely false and still reads right, if any."""
    answer = display_answer(fact)
    key = (fact.sentence, fact.span, QuestionKind.TRUEFALSE.value)
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
        answer,
        fact.answer_type,
        key=key,
        article_pool=pool,
        count=1,
        avoid=avoid,
        fits=lambda option: option_fits(fact, option, index, truefalse=True),
    )
    if not wrong:
        return None
    if after_article and wrong[0].split()[0].lower() in ("a", "an", "the", "several", "many"):
        return None  # "over the [years]" -> "over the a few decades"
    return wrong[0]


def balance_truefalse(drafts: list[QuestionDraft]) -> list[QuestionDraft]:
    """At most one true statement more than false ones: the lowest-scored true statements go.
    (Judged: 43 of 48 statements of eleven articles were true, so a learner answering "True"
    to everything scored about 90%.)"""

    def truth(card: QuestionDraft) -> bool:
        return card.kind == QuestionKind.TRUEFALSE and card.answer == "True"

    false = sum(1 for d in drafts if d.kind == QuestionKind.TRUEFALSE and d.answer == "False")
    true = sorted((d for d in drafts if truth(d)), key=lambda d: -d.score)
    dropped = {id(d) for d in true[false + 1 :]}
    return [d for d in drafts if id(d) not in dropped]
