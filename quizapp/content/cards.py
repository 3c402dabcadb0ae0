"""Cards written by hand: a new open, cloze, choice or true/false question for an article.

A hand-made card carries the "manual" tag and is marked edited, so regenerating its article
neither retires it (no generated fact stands behind it) nor rewords it.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence

from sqlalchemy import func, select

from question_bank.errors import QuestionBankError
from question_bank.models import CLOZE_GAP, QuestionId, QuestionKind
from question_bank.store import Bank
from question_bank.store.content import MANUAL_TAG
from question_bank.store.schema import ArticleRow, QuestionRow, utcnow

KINDS = tuple(kind.value for kind in QuestionKind)


def _checked(
    kind: str, prompt: str, answer: str, wrong_options: Sequence[str]
) -> tuple[str, list[str]]:
    """The card's answer (a true/false one capitalised) and options, or QuestionBankError."""
    if kind not in KINDS:
        raise QuestionBankError(f"a card's kind is one of {', '.join(KINDS)}, not {kind!r}")
    if not prompt or not answer:
        raise QuestionBankError("a card needs a prompt and an answer")
    if kind == "cloze" and CLOZE_GAP not in prompt:
        raise QuestionBankError(f"a cloze card's prompt needs a {CLOZE_GAP} gap")
    choices: list[str] = []
    if kind == "choice":
        wrong = list(dict.fromkeys(o.strip() for o in wrong_options if o.strip()))
        wrong = [option for option in wrong if option != answer]
        if len(wrong) != 3:
            raise QuestionBankError("a choice card needs three different wrong options")
        choices = [answer, *wrong]
    if kind == "truefalse":
        answer = answer.capitalize()
        if answer not in ("True", "False"):
            raise QuestionBankError("a true/false card's answer is True or False")
    return answer, choices


def add_card(
    bank: Bank,
    article_id: str,
    kind: str,
    prompt: str,
    answer: str,
    *,
    wrong_options: Sequence[str] = (),
    accepted_answers: Sequence[str] = (),
    source_sentence: str = "",
) -> QuestionId:
    """Add a card to an article; returns its id. Raises QuestionBankError on a card that
    cannot work (a cloze without its gap, a choice without three wrong options...)."""
    prompt, answer = " ".join(prompt.split()), answer.strip()
    answer, choices = _checked(kind, prompt, answer, wrong_options)
    now = utcnow()
    digest = hashlib.sha256(f"{article_id}\0{kind}\0{prompt}\0{now.isoformat()}".encode())
    question_id = QuestionId("m" + digest.hexdigest()[:31])
    # The right option's place is drawn from the card's id, so it is not always first.
    random.Random(question_id).shuffle(choices)
    with bank.transaction() as session:
        if session.get(ArticleRow, article_id) is None:
            raise QuestionBankError(f"no article {article_id!r} in the bank")
        last = session.scalar(
            select(func.max(QuestionRow.position)).where(QuestionRow.article_id == article_id)
        )
        session.add(
            QuestionRow(
                id=question_id,
                article_id=article_id,
                kind=kind,
                prompt=prompt,
                answer=answer,
                accepted_answers=[a.strip() for a in accepted_answers if a.strip()],
                choices=choices,
                source_sentence=" ".join(source_sentence.split()),
                section="",
                answer_type="thing",
                score=1.0,
                tags=[MANUAL_TAG],
                position=(last if last is not None else -1) + 1,
                edited=True,
                created_at=now,
                updated_at=now,
            )
        )
    return question_id
