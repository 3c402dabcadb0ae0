"""Options for choice mode: every card is asked with four options, not only choice cards.

A choice card keeps its own options. A true/false card is asked "True or false?" with those
two. Any other card borrows the options of its fact's choice form (same sentence, same answer)
when it has one; otherwise its wrong options come from the generator's distractor rules
(`question_bank.distractors`): numbers near the right one, other answers of the same type
from its article and then the bank, made-up months, weekdays and countries last (never made-up
people or companies: a person with fewer than three real rivals in the bank is asked with the
options there are). They are drawn with a seed from the card's id, so a card shows the same
options every time it comes back.
"""

from __future__ import annotations

import random

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from question_bank.distractors import pick_distractors
from question_bank.models import CLOZE_GAP, AnswerType, QuestionKind
from question_bank.sanitize import safe_for_terminal
from question_bank.store import Bank
from question_bank.store.schema import QuestionRow
from quizapp.study.views import CardView

OPTIONS = 4
TRUE_FALSE = ("True", "False")
# Answers read per source when looking for wrong options: enough to draw from, few to read.
POOL = 60
LIVE = func.coalesce(QuestionRow.retired, False).is_(False)


def choice_options(bank: Bank, card: CardView) -> tuple[str, ...]:
    """The card's options in choice mode (see the module docstring), safe for a terminal.

    Borrowed and drawn options come from other rows of the bank, which may hold anything.
    """
    return tuple(safe_for_terminal(option) for option in _choice_options(bank, card))


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


def _sibling_choices(session: Session, card: CardView) -> tuple[str, ...]:
    """The options of the card's fact's choice form (same sentence, same answer), if any."""
    answer = _plain(card.answer)
    sibling = session.scalars(
        select(QuestionRow.choices).where(
            QuestionRow.article_id == card.article_id,
            QuestionRow.kind == QuestionKind.CHOICE,
            QuestionRow.source_sentence == card.source_sentence,
            LIVE,
        )
    ).all()
    for choices in sibling:
        if any(_plain(choice) == answer for choice in choices) and len(choices) >= 2:
            return tuple(choices)
    return ()


def _answer_pools(session: Session, card: CardView) -> list[list[str]]:
    """Answers of the card's type: from its article, then from the rest of the bank."""
    kinds = (QuestionKind.OPEN, QuestionKind.CLOZE, QuestionKind.CHOICE)
    scopes = (QuestionRow.article_id == card.article_id, QuestionRow.article_id != card.article_id)
    return [
        list(
            session.scalars(
                select(QuestionRow.answer)
                .where(
                    scope,
                    QuestionRow.answer_type == card.answer_type,
                    QuestionRow.kind.in_(kinds),
                    LIVE,
                )
                .distinct()
                .limit(POOL)
            )
        )
        for scope in scopes
    ]


def _choice_options(bank: Bank, card: CardView) -> tuple[str, ...]:
    """The options to show `card` with in choice mode, the answer among them; () when fewer
    than two can be found (the card is then asked as in flip mode)."""
    if card.kind == QuestionKind.TRUEFALSE:
        return TRUE_FALSE
    if card.kind == QuestionKind.CHOICE and len(card.choices) >= 2:
        return card.choices
    with bank.transaction() as session:
        borrowed = _sibling_choices(session, card)
        if borrowed:
            return borrowed
        pools = _answer_pools(session, card)
    try:
        answer_type = AnswerType(card.answer_type)
    except ValueError:
        answer_type = AnswerType.THING
    # The generator's own rules: same type, nearby numbers, never the answer or its synonyms,
    # nothing the question mentions; Faker when the bank has too few.
    picked = pick_distractors(
        card.answer,
        answer_type,
        key=("study-options", card.question_id),
        article_pool=pools[0],
        bank_pool=pools[1],
        count=OPTIONS - 1,
        avoid=card.prompt.replace(CLOZE_GAP, " "),
        fill=True,
    )
    draw = random.Random(card.question_id)
    if not picked:
        return ()
    options = [card.answer, *picked]
    draw.shuffle(options)
    return tuple(options)
