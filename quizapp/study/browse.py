"""The browse table's queries: search and filter all questions, delete one with its history.

Rows join each question with the learner's card (an outer join: a question never studied has
no card and shows as new). Pages come from LIMIT/OFFSET in (article, position) order, the order
of the questions' article index, so a page does not sort the whole bank; counts join only the
tables their filters need.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.orm import Session

from question_bank.errors import QuestionBankError
from question_bank.store import Bank
from question_bank.store.content import DELETED_TAG
from question_bank.store.schema import (
    ArticleRow,
    CardRow,
    LearnerRow,
    QuestionRow,
    ReviewLogRow,
    utcnow,
)
from quizapp.study.learners import clean_name
from quizapp.study.scope import LearnerScope
from quizapp.study.views import STATE_NEW, BrowseFilter, BrowseRow


def _learner_id(session: Session, learner: str | LearnerScope) -> int | None:
    """The learner's id (an open scope has it), or None for a learner who has not studied yet
    (everything is new)."""
    if isinstance(learner, LearnerScope):
        return learner.learner_id
    return session.scalar(select(LearnerRow.id).where(LearnerRow.name == clean_name(learner)))


def _query(
    learner_id: int | None, filters: BrowseFilter, columns: list[Any], *, counting: bool = False
) -> Any:
    """The filtered questions; `counting` leaves out the joins a count does not need."""
    card_state = func.coalesce(CardRow.state, STATE_NEW)
    suspended = func.coalesce(CardRow.suspended, False)
    flagged = func.coalesce(CardRow.flagged, False)
    query = select(*columns).select_from(QuestionRow)
    if not counting:
        query = query.join(ArticleRow, ArticleRow.id == QuestionRow.article_id)
    by_card = filters.state is not None or filters.suspended is not None
    if not counting or by_card or filters.flagged is not None:
        query = query.outerjoin(
            CardRow,
            and_(
                CardRow.question_id == QuestionRow.id,
                # -1 matches no learner: a learner with no row has no cards.
                CardRow.learner_id == (learner_id if learner_id is not None else -1),
            ),
        )
    if not filters.include_retired:
        # A page walks the (article, position) order and stops at its LIMIT; SQLite's planner
        # (no statistics) would rather read every live question through the retired index and
        # sort them all, so the page hides that index. A count is best served by it.
        live = QuestionRow.retired if counting else func.coalesce(QuestionRow.retired, False)
        query = query.where(live.is_(False))
    text = filters.text.strip()
    if text:
        pattern = f"%{_escape_like(text)}%"
        query = query.where(
            or_(
                QuestionRow.prompt.ilike(pattern, escape="\\"),
                QuestionRow.answer.ilike(pattern, escape="\\"),
                QuestionRow.source_sentence.ilike(pattern, escape="\\"),
                QuestionRow.id == text,
            )
        )
    if filters.article_id is not None:
        query = query.where(QuestionRow.article_id == filters.article_id)
    if filters.kind is not None:
        query = query.where(QuestionRow.kind == filters.kind)
    if filters.state is not None:
        query = query.where(card_state == filters.state)
    if filters.suspended is not None:
        query = query.where(suspended.is_(filters.suspended))
    if filters.flagged is not None:
        query = query.where(flagged.is_(filters.flagged))
    return query


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search(
    bank: Bank,
    learner: str | LearnerScope,
    filters: BrowseFilter,
    limit: int = 200,
    offset: int = 0,
) -> list[BrowseRow]:
    """Questions matching the filter, ordered by article and position, one page."""
    columns: list[Any] = [
        QuestionRow.id,
        ArticleRow.title,
        QuestionRow.kind,
        QuestionRow.prompt,
        QuestionRow.answer,
        CardRow.state,
        CardRow.due,
        CardRow.suspended,
        CardRow.flagged,
        CardRow.lapses,
        CardRow.leech,
        QuestionRow.retired,
        QuestionRow.tags,
    ]
    with bank.transaction() as session:
        learner_id = _learner_id(session, learner)
        query = (
            _query(learner_id, filters, columns)
            .order_by(QuestionRow.article_id, QuestionRow.position, QuestionRow.id)
            .limit(max(0, limit))
            .offset(max(0, offset))
        )
        rows = session.execute(query).all()
    return [
        BrowseRow(
            question_id=qid,
            article_title=title,
            kind=kind,
            prompt=prompt,
            answer=answer,
            state=state if state is not None else STATE_NEW,
            # A never-answered card has no due date, even when a row exists (buried, flagged).
            due=due if state not in (None, STATE_NEW) else None,
            suspended=bool(suspended),
            flagged=bool(flagged),
            lapses=lapses or 0,
            leech=bool(leech),
            retired=bool(retired),
            tags=tuple(tags or ()),
        )
        for (
            qid,
            title,
            kind,
            prompt,
            answer,
            state,
            due,
            suspended,
            flagged,
            lapses,
            leech,
            retired,
            tags,
        ) in rows
    ]


def count(bank: Bank, learner: str | LearnerScope, filters: BrowseFilter) -> int:
    """How many questions match the filter (for "n of m")."""
    with bank.transaction() as session:
        learner_id = _learner_id(session, learner)
        subquery = _query(learner_id, filters, [QuestionRow.id], counting=True).subquery()
        return session.scalar(select(func.count()).select_from(subquery)) or 0


def delete_question(bank: Bank, question_id: str) -> None:
    """Delete a question's card and review log for every learner, in one transaction.

    The question row stays behind as a retired tombstone tagged "deleted": its id comes from
    its fact, so without it the next `quizapp generate` of the article would bring it back.
    """
    with bank.transaction() as session:
        question = session.get(QuestionRow, question_id)
        if question is None or DELETED_TAG in question.tags:
            raise QuestionBankError(f"no question {question_id!r} in the bank")
        # Explicit deletes rather than relying on ON DELETE CASCADE, which SQLite only honours
        # with foreign keys switched on for the connection.
        session.execute(delete(ReviewLogRow).where(ReviewLogRow.question_id == question_id))
        session.execute(delete(CardRow).where(CardRow.question_id == question_id))
        question.retired = True
        question.tags = [*question.tags, DELETED_TAG]
        question.updated_at = utcnow()
