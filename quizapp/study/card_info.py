"""Card info: one card's whole story for one learner — every answer, its FSRS memory state
now, and the paragraph its sentence comes from (Anki's Card Info, for the browser and study)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from question_bank.errors import QuestionBankError
from question_bank.store import Bank
from question_bank.store.schema import ArticleRow, CardRow, LearnerRow, QuestionRow, ReviewLogRow
from quizapp.settings import Settings
from quizapp.study import scheduling
from quizapp.study.learners import clean_name
from quizapp.study.scheduling import CardState
from quizapp.study.views import STATE_NEW, CardInfo, ReviewEntry


def paragraph_of(text: str, sentence: str) -> str:
    """The paragraph (blank-line separated block) of `text` holding `sentence`, or ""."""
    wanted = " ".join(sentence.split())
    if not wanted:
        return ""
    for block in text.split("\n\n"):
        joined = " ".join(block.split())
        if wanted in joined:
            return joined
    return ""


def _card_and_logs(
    session: Session, learner: str, question_id: str
) -> tuple[CardRow | None, list[ReviewLogRow]]:
    """The learner's card of the question and its review log, oldest first (a learner who
    never studied has neither)."""
    learner_id = session.scalar(select(LearnerRow.id).where(LearnerRow.name == clean_name(learner)))
    if learner_id is None:
        return None, []
    row = session.scalars(
        select(CardRow).where(CardRow.learner_id == learner_id, CardRow.question_id == question_id)
    ).first()
    logs = session.scalars(
        select(ReviewLogRow)
        .where(ReviewLogRow.learner_id == learner_id, ReviewLogRow.question_id == question_id)
        .order_by(ReviewLogRow.reviewed_at, ReviewLogRow.id)
    )
    return row, list(logs)


def _history(logs: list[ReviewLogRow], state: CardState) -> tuple[ReviewEntry, ...]:
    """Each answer with the interval it gave."""
    # The due date an answer set is the "before" state of the next answer (or, for the
    # last one, the card as it is now): the interval it gave runs from the answer to it.
    dues = [CardState.from_json((log.card_before or {}).get("card", {})).due for log in logs[1:]]
    if logs:
        dues.append(state.due if state.state != STATE_NEW else None)
    return tuple(
        ReviewEntry(
            reviewed_at=log.reviewed_at,
            rating=log.rating,
            state_before=log.state_before,
            interval=(due - log.reviewed_at) if due is not None else None,
            duration_ms=log.duration_ms,
            mode=log.mode,
            typed=log.typed,
        )
        for log, due in zip(logs, dues, strict=True)
    )


def card_info(
    bank: Bank, settings: Settings, learner: str, question_id: str, now: datetime
) -> CardInfo:
    """Everything about one card as `learner` studies it, read in one transaction."""
    with bank.transaction() as session:
        question = session.get(QuestionRow, question_id)
        if question is None:
            raise QuestionBankError(f"no question {question_id!r} in the bank")
        article = session.get(ArticleRow, question.article_id)
        row, logs = _card_and_logs(session, learner, question_id)
        state = CardState.of_row(row)
        reviews = _history(logs, state)
        retrievability = None
        if state.state != STATE_NEW and state.stability is not None:
            scheduler = scheduling.build_scheduler(settings)
            card = state.to_fsrs(1, now)
            retrievability = float(scheduler.get_card_retrievability(card, now))
        view = state.view_of(question, article.title if article is not None else "")
        return CardInfo(
            card=view,
            tags=tuple(question.tags),
            added=question.created_at,
            stability=state.stability if state.state != STATE_NEW else None,
            difficulty=state.difficulty if state.state != STATE_NEW else None,
            retrievability=retrievability,
            buried_until=state.buried_until
            if state.buried_until is not None and state.buried_until > now
            else None,
            reviews=reviews,
            paragraph=paragraph_of(
                article.text if article is not None else "", question.source_sentence
            ),
        )
