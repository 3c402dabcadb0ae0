"""The true/false card: the fact's sentence with one surely-false option in the answer's
place (false) whenever one can be found, else the sentence as written (true); half the true
statements are then dropped (`balance_truefalse`), so that "always True" is a poor strategy.
"""

from __future__ import annotations

from collections.abc import Sequence

from question_bank.cards.answers import CardFields, display_answer, distinct_kind
from question_bank.cards.option_fit import option_fits
from question_bank.context import Context
from question_bank.distractors import pick_distractors, rng_for
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
    if fact.answer_type in counts and _bounded(fact):
        # "by 1700" -> "by 1699", "before he turned 15" -> "14", "around 1660" -> "1659": a
        # bound or an estimate moved is not surely false (judged "debatable" every time).
        return None
    if fact.answer_type == AnswerType.PERSON and not _full_name(answer):
        return None  # "Juno", "Nimrod": one capitalised word is often no person at all
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
    if fact.answer_type == AnswerType.PERSON and not _full_name(wrong[0]):
        return None  # "La Cage aux Folles received the award": the recogniser's "person"
    return wrong[0]


# Words before a number that make it a bound or an estimate rather than a value.
_BOUNDS = frozenset(
    """by before after until since around about approximately roughly nearly almost some over
    under more less least most than up within""".split()
)


def _bounded(fact: Fact) -> bool:
    """The number is a bound or an estimate: a word of _BOUNDS just before it, or its own
    first word ("around 1660" as the answer)."""
    first = fact.tokens[0]
    before = first.nbor(-1) if first.i > fact.sent.start else None
    words = {first.lower_} | ({before.lower_} if before is not None else set())
    return bool(words & _BOUNDS)


def _full_name(text: str) -> bool:
    """Two or more words, each capitalised, no digits: "Jens Stoltenberg", not "Juno" or "La
    Cage aux Folles"."""
    words = text.split()
    return len(words) >= 2 and all(
        w[:1].isupper() and not any(c.isdigit() for c in w) for w in words
    )


def balance_truefalse(drafts: list[QuestionDraft]) -> list[QuestionDraft]:
    """Half the true statements go, each by a coin seeded with its own sentence, so that an
    edit elsewhere in the article never changes which stay (a cap counted over the article
    did). Judged: 43 of 48 statements of eleven articles were true, so a learner answering
    "True" to everything scored about 90%; true statements still outnumber false ones (a false
    one needs a surely-false option), but no longer nine to one."""
    return [
        d
        for d in drafts
        if not (d.kind == QuestionKind.TRUEFALSE and d.answer == "True")
        or rng_for(d.sentence, "true statement").random() < TRUE_STATEMENTS_KEPT
    ]


# The share of true statements kept: on 24 judged articles, 130 true and 37 false statements
# before, about 65 and 37 after.
TRUE_STATEMENTS_KEPT = 0.5
