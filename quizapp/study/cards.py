"""`CardOperations`: what a learner does to one card outside the queue, as Anki's base scheduler.

Show a card, bury it (and its siblings) until tomorrow, suspend, flag, edit its wording. No
queue is built: the browse screen suspends a card with `CardOperations.for_scope(scope)`; a
`StudyService` runs the same operations and then takes the cards they hid out of its queue.
Every change that hides cards returns their ids (as Anki's operations return what changed),
so a caller updates only what it holds. Each call is one short transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from question_bank.models import CLOZE_GAP
from question_bank.sanitize import clean_text
from question_bank.store.schema import CardRow, QuestionRow
from quizapp.study.queries import LearnerQueries, StudyError
from quizapp.study.scope import LearnerScope
from quizapp.study.views import CardView


class CardOperations:
    """One learner's operations on single cards."""

    def __init__(self, queries: LearnerQueries) -> None:
        self.queries = queries

    @classmethod
    def for_scope(cls, scope: LearnerScope) -> CardOperations:
        """Operations for a learner outside any study session (the browse screen's)."""
        return cls(LearnerQueries(scope))

    def card(self, question_id: str) -> CardView:
        """One card as this learner sees it (for the browse screen and after an edit)."""
        q = self.queries
        with q.bank.transaction() as session:
            question, row = q.load(session, question_id)
            return q.view(session, question, row)

    def siblings(self, question_id: str) -> list[str]:
        """The other live cards of this card's source sentence (see `queries.sibling_key`)."""
        with self.queries.bank.transaction() as session:
            question = session.get(QuestionRow, question_id)
            if question is None or not question.source_sentence.strip():
                return []
            return list(
                session.scalars(
                    select(QuestionRow.id).where(
                        QuestionRow.article_id == question.article_id,
                        QuestionRow.source_sentence == question.source_sentence,
                        QuestionRow.id != question_id,
                        func.coalesce(QuestionRow.retired, False).is_(False),
                    )
                )
            )

    def bury(self, question_id: str) -> list[str]:
        """Hide the card, and its siblings, until the next study day starts; returns their ids."""
        until = self.queries.day.next_start(self.queries.now())
        self.update_card(question_id, buried_until=until)
        return [question_id, *self._bury_siblings(question_id, until)]

    def set_suspended(self, question_id: str, suspended: bool) -> list[str]:
        """Suspend (never shown until unsuspended) or unsuspend the card.

        Suspending buries the siblings for the day; returns the ids hidden (none on unsuspend).
        """
        self.update_card(question_id, suspended=suspended)
        if not suspended:
            return []
        until = self.queries.day.next_start(self.queries.now())
        return [question_id, *self._bury_siblings(question_id, until)]

    def set_flagged(self, question_id: str, flagged: bool) -> None:
        """Flag or unflag the card (a mark for the learner: "check this card")."""
        self.update_card(question_id, flagged=flagged)

    def edit(
        self, question_id: str, *, prompt: str, answer: str, accepted_answers: list[str]
    ) -> CardView:
        """Change the card's wording; marks the question edited so regeneration keeps it."""
        # What a person types or pastes is text like any other: no escapes into the bank.
        prompt, answer = clean_text(prompt).strip(), clean_text(answer).strip()
        accepted_answers = [clean_text(a) for a in accepted_answers]
        if not prompt:
            raise StudyError("a card needs a prompt")
        if not answer:
            raise StudyError("a card needs an answer")
        accepted = [a.strip() for a in accepted_answers if a.strip() and a.strip() != answer]
        q = self.queries
        with q.writing() as session:
            question, row = q.load(session, question_id)
            if question.kind == "cloze" and CLOZE_GAP not in prompt:
                raise StudyError(f"a cloze card's prompt needs a {CLOZE_GAP} gap")
            if question.kind == "choice" and answer != question.answer:
                # Keep the options consistent: the new answer takes the old one's place.
                question.choices = [answer if c == question.answer else c for c in question.choices]
            question.prompt = prompt
            question.answer = answer
            question.accepted_answers = list(dict.fromkeys(accepted))
            question.edited = True
            question.updated_at = q.now()
            session.flush()
            return q.view(session, question, row)

    def update_card(self, question_id: str, **values: Any) -> None:
        """Set fields of this learner's card, making the card on first contact."""
        q = self.queries
        with q.writing() as session:
            _question, row = q.load(session, question_id)
            if row is None:
                row = CardRow(learner_id=q.learner_id, question_id=question_id, due=q.now())
                session.add(row)
            for name, value in values.items():
                setattr(row, name, value)

    def _bury_siblings(self, question_id: str, until: datetime) -> list[str]:
        """As Anki does: burying or suspending a card buries its siblings for the day, so the
        same sentence does not come back in another form the same day."""
        siblings = self.siblings(question_id)
        if not siblings:
            return []
        q = self.queries
        with q.writing() as session:
            for sibling in siblings:
                row = q.card_row(session, sibling, lock=True)
                if row is None:
                    row = CardRow(learner_id=q.learner_id, question_id=sibling, due=q.now())
                    session.add(row)
                if row.buried_until is None or row.buried_until < until:
                    row.buried_until = until
        return siblings
