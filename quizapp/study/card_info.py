"""Card info: one card's whole story for one learner — every answer, its FSRS memory state
now, and the paragraph its sentence comes from (Anki's Card Info, for the browser and study)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from question_bank.errors import QuestionBankError
from question_bank.store import Bank
from question_bank.store.schema import ArticleRow, CardRow, LearnerRow, QuestionRow, ReviewLogRow
from quizapp.settings import Settings
from quizapp.study import scheduling
from quizapp.study.learners import clean_name
from quizapp.study.scheduling import CardState
from quizapp.study.views import STATE_NEW, CardInfo, CardView, ReviewEntry


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


def card_info(
    bank: Bank, settings: Settings, learner: str, question_id: str, now: datetime
) -> CardInfo:
    """Everything about one card as `learner` studies it, read in one transaction."""
    with bank.transaction() as session:
        question = session.get(QuestionRow, question_id)
        if question is None:
            raise QuestionBankError(f"no question {question_id!r} in the bank")
        article = session.get(ArticleRow, question.article_id)
        learner_id = session.scalar(
            select(LearnerRow.id).where(LearnerRow.name == clean_name(learner))
        )
        row = None
        logs: list[ReviewLogRow] = []
        if learner_id is not None:
            row = session.scalars(
                select(CardRow).where(
                    CardRow.learner_id == learner_id, CardRow.question_id == question_id
                )
            ).first()
            logs = list(
                session.scalars(
                    select(ReviewLogRow)
                    .where(
                        ReviewLogRow.learner_id == learner_id,
                        ReviewLogRow.question_id == question_id,
                    )
                    .order_by(ReviewLogRow.reviewed_at, ReviewLogRow.id)
                )
            )
        state = CardState.of_row(row)
        # The due date an answer set is the "before" state of the next answer (or, for the
        # last one, the card as it is now): the interval it gave runs from the answer to it.
        dues = [
            CardState.from_json((log.card_before or {}).get("card", {})).due for log in logs[1:]
        ]
        if logs:
            dues.append(state.due if state.state != STATE_NEW else None)
        reviews = tuple(
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
        retrievability = None
        if state.state != STATE_NEW and state.stability is not None:
            scheduler = scheduling.build_scheduler(settings)
            card = state.to_fsrs(1, now)
            retrievability = float(scheduler.get_card_retrievability(card, now))
        view = CardView(
            question_id=question.id,
            article_id=question.article_id,
            article_title=article.title if article is not None else "",
            kind=question.kind,
            prompt=question.prompt,
            answer=question.answer,
            accepted_answers=tuple(question.accepted_answers),
            choices=tuple(question.choices),
            source_sentence=question.source_sentence,
            section=question.section,
            answer_type=question.answer_type,
            state=state.state,
            due=state.due if state.state != STATE_NEW else None,
            reps=state.reps,
            lapses=state.lapses,
            flagged=state.flagged,
            suspended=state.suspended,
            leech=state.leech,
        )
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
