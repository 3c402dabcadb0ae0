"""The browse table's queries: search and filter all questions, sort, and the card operations
the browser offers (flag, bury, suspend, forget, tags, delete with its history).

Rows join each question with the learner's card (an outer join: a question never studied has
no card and shows as new). Pages come from LIMIT/OFFSET, by default in (article, position)
order, the order of the questions' article index, so a page does not sort the whole bank; the
browser asks for one page at a time as it scrolls (virtual scrolling), so no call ever reads
more than a page. Counts join only the tables their filters need. The search box's syntax is
parsed by `quizapp.study.search`; its terms become SQL here.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    String,
    and_,
    case,
    cast,
    delete,
    false,
    func,
    not_,
    or_,
    select,
)
from sqlalchemy.orm import Session

from question_bank.errors import QuestionBankError
from question_bank.store import Bank
from question_bank.store.content import DELETED_TAG
from question_bank.store.reader import QUESTION_COLUMNS, WIDTH, question_from_values
from question_bank.store.schema import (
    ArticleRow,
    CardRow,
    LearnerRow,
    QuestionRow,
    ReviewLogRow,
    utcnow,
)
from quizapp.study.learners import clean_name, get_or_create_learner
from quizapp.study.scope import LearnerScope
from quizapp.study.search import Search, Term, parse
from quizapp.study.views import (
    BROWSE_SORTS,
    STATE_LEARNING,
    STATE_NEW,
    STATE_RELEARNING,
    STATE_REVIEW,
    BrowseFilter,
    BrowseRow,
    State,
)


def _learner_id(session: Session, learner: str | LearnerScope) -> int | None:
    """The learner's id (an open scope has it), or None for a learner who has not studied yet
    (everything is new)."""
    if isinstance(learner, LearnerScope):
        return learner.learner_id
    return session.scalar(select(LearnerRow.id).where(LearnerRow.name == clean_name(learner)))


def _card_of(session: Session, learner: str | LearnerScope, question_id: str) -> CardRow | None:
    """The learner's card of the question (a learner named for the first time is created)."""
    if isinstance(learner, LearnerScope):
        learner_id = learner.learner_id
    else:
        learner_id = get_or_create_learner(session, learner)
    return session.scalars(
        select(CardRow).where(CardRow.learner_id == learner_id, CardRow.question_id == question_id)
    ).first()


def _text_match(text: str) -> ColumnElement[bool]:
    pattern = f"%{_escape_like(text)}%"
    return or_(
        QuestionRow.prompt.ilike(pattern, escape="\\"),
        QuestionRow.answer.ilike(pattern, escape="\\"),
        QuestionRow.source_sentence.ilike(pattern, escape="\\"),
        QuestionRow.id == text,
    )


def _available(now: datetime) -> ColumnElement[bool]:
    return and_(
        func.coalesce(CardRow.suspended, False).is_(False),
        or_(CardRow.buried_until.is_(None), CardRow.buried_until <= now),
    )


def _condition(term: Term, now: datetime, due_by: datetime) -> ColumnElement[bool]:
    """One search term as SQL (before its negation)."""
    card_state = func.coalesce(CardRow.state, STATE_NEW)
    if term.field == "text":
        return _text_match(term.value)
    if term.field == "kind":
        return QuestionRow.kind == term.value
    if term.field == "flag":
        flagged = func.coalesce(CardRow.flagged, False)
        return flagged.is_(term.value == "1")
    if term.field == "article":
        pattern = f"%{_escape_like(term.value)}%"
        return or_(
            ArticleRow.title.ilike(pattern, escape="\\"),
            ArticleRow.id.startswith(term.value, autoescape=True),
        )
    if term.field == "tag":
        # Tags are a JSON list: match one whole element, quotes included.
        pattern = f'%"{_escape_like(term.value)}"%'
        return cast(QuestionRow.tags, String).ilike(pattern, escape="\\")
    conditions: dict[str, ColumnElement[bool]] = {
        "due": and_(card_state != STATE_NEW, CardRow.due <= due_by, _available(now)),
        "new": card_state == STATE_NEW,
        "learn": card_state.in_((STATE_LEARNING, STATE_RELEARNING)),
        "review": card_state == STATE_REVIEW,
        "suspended": func.coalesce(CardRow.suspended, False).is_(True),
        "buried": and_(CardRow.buried_until.is_not(None), CardRow.buried_until > now),
        "flagged": func.coalesce(CardRow.flagged, False).is_(True),
        "leech": func.coalesce(CardRow.leech, False).is_(True),
        "retired": QuestionRow.retired.is_(True),
    }
    return conditions[term.value]


def _needs_card(filters: BrowseFilter, parsed: Search) -> bool:
    by_card = any(f is not None for f in (filters.state, filters.suspended, filters.flagged))
    terms = any(term.field in ("is", "flag") for term in parsed.terms)
    return by_card or terms or filters.sort in ("state", "due", "lapses", "reviews")


def _query(
    learner_id: int | None,
    filters: BrowseFilter,
    columns: list[Any],
    *,
    counting: bool = False,
    minimal: bool = False,
    now: datetime | None = None,
    due_by: datetime | None = None,
) -> Any:
    """The filtered questions; `counting` (a count) and `minimal` (a page's ids) leave out
    the joins their filters and sort do not need."""
    now = now or utcnow()
    due_by = due_by or now
    parsed = parse(filters.search)
    card_state = func.coalesce(CardRow.state, STATE_NEW)
    suspended = func.coalesce(CardRow.suspended, False)
    flagged = func.coalesce(CardRow.flagged, False)
    query = select(*columns).select_from(QuestionRow)
    lean = counting or minimal
    if not lean or any(term.field == "article" for term in parsed.terms):
        query = query.join(ArticleRow, ArticleRow.id == QuestionRow.article_id)
    if not lean or _needs_card(filters, parsed):
        query = query.outerjoin(
            CardRow,
            and_(
                CardRow.question_id == QuestionRow.id,
                # -1 matches no learner: a learner with no row has no cards.
                CardRow.learner_id == (learner_id if learner_id is not None else -1),
            ),
        )
    if not (
        filters.include_retired
        or any(t.field == "is" and t.value == "retired" for t in parsed.terms)
    ):
        # A page walks the (article, position) order and stops at its LIMIT; SQLite's planner
        # (no statistics) would rather read every live question through the retired index and
        # sort them all, so the page hides that index. A count is best served by it.
        live = QuestionRow.retired if counting else func.coalesce(QuestionRow.retired, False)
        query = query.where(live.is_(False))
    text = filters.text.strip()
    if text:
        query = query.where(_text_match(text))
    for term in parsed.terms:
        condition = _condition(term, now, due_by)
        # A negated card condition holds for questions without a card too (coalesce above);
        # `false()` guards the NULLs of an outer join that a bare NOT would leave unknown.
        query = query.where(not_(func.coalesce(condition, false())) if term.negated else condition)
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


def _order(filters: BrowseFilter) -> list[Any]:
    if filters.sort not in BROWSE_SORTS:
        raise QuestionBankError(f"cannot sort by {filters.sort!r} ({', '.join(BROWSE_SORTS)})")
    state = func.coalesce(CardRow.state, STATE_NEW)
    keys: dict[str, list[Any]] = {
        "article": [QuestionRow.article_id, QuestionRow.position],
        "prompt": [func.lower(QuestionRow.prompt)],
        "answer": [func.lower(QuestionRow.answer)],
        "kind": [QuestionRow.kind, QuestionRow.article_id, QuestionRow.position],
        "state": [state, QuestionRow.article_id, QuestionRow.position],
        # New cards have no due date: they sort after every scheduled one.
        "due": [case((state == STATE_NEW, 1), else_=0), CardRow.due],
        "lapses": [func.coalesce(CardRow.lapses, 0)],
        "reviews": [func.coalesce(CardRow.reps, 0)],
    }
    order = [*keys[filters.sort], QuestionRow.id]
    return [key.desc() for key in order] if filters.descending else order


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# What the browser's table shows, in the order `_row` reads it: the question (the store's
# read model), then its article's title and the learner's card.
_ROW_COLUMNS: list[Any] = [
    *QUESTION_COLUMNS,
    ArticleRow.title,
    CardRow.state,
    CardRow.due,
    CardRow.suspended,
    CardRow.flagged,
    CardRow.lapses,
    CardRow.leech,
    CardRow.buried_until,
    CardRow.reps,
]


def _row(values: Any, now: datetime) -> BrowseRow:
    """A row of `_ROW_COLUMNS` as the browser shows it."""
    title, state, due, suspended, flagged, lapses, leech, buried_until, reps = values[WIDTH:]
    return BrowseRow.of(
        question_from_values(values),
        article_title=title,
        state=State(state if state is not None else STATE_NEW),
        # A never-answered card has no due date, even when a row exists (buried, flagged).
        due=due if state not in (None, STATE_NEW) else None,
        suspended=bool(suspended),
        flagged=bool(flagged),
        lapses=lapses or 0,
        leech=bool(leech),
        buried=buried_until is not None and buried_until > now,
        reps=reps or 0,
    )


def search(
    bank: Bank,
    learner: str | LearnerScope,
    filters: BrowseFilter,
    limit: int = 200,
    offset: int = 0,
    *,
    now: datetime | None = None,
    due_by: datetime | None = None,
    total: int | None = None,
) -> list[BrowseRow]:
    """One page of the questions matching the filter, in its sort order.

    `now` (default: the clock) decides what is buried; `due_by` (default: now) what is due,
    the end of the study day for "due today". With `total` (the count of the same filter),
    a page in the second half is read from the end, backwards: OFFSET walks every row it
    skips, so the last page of 200,000 would otherwise cost as much as reading them all.
    The page's ids are found first with only the joins the filter needs, then joined with
    everything the table shows (a deferred join: OFFSET skips cheap rows).
    """
    now = now or utcnow()
    limit, offset = max(0, limit), max(0, offset)
    order = _order(filters)
    backwards = total is not None and offset > total // 2
    if backwards:
        assert total is not None
        limit = max(0, min(limit, total - offset))
        offset = max(0, total - offset - limit)
        flipped = replace(filters, descending=not filters.descending)
        order = _order(flipped)
    with bank.transaction() as session:
        learner_id = _learner_id(session, learner)
        page = (
            _query(learner_id, filters, [QuestionRow.id], minimal=True, now=now, due_by=due_by)
            .order_by(*order)
            .limit(limit)
            .offset(offset)
        )
        query = (
            _query(learner_id, filters, _ROW_COLUMNS, now=now, due_by=due_by)
            .where(QuestionRow.id.in_(page.scalar_subquery()))
            .order_by(*order)
        )
        rows = list(session.execute(query).all())
        if backwards:
            rows.reverse()
    return [_row(values, now) for values in rows]


def article_titles(bank: Bank) -> list[tuple[str, str]]:
    """(id, title) of every article, by title: the browser's article filter (cheap, unlike
    counting each article's questions)."""
    with bank.transaction() as session:
        rows = session.execute(
            select(ArticleRow.id, ArticleRow.title).order_by(func.lower(ArticleRow.title))
        ).all()
    return [(article_id, title) for article_id, title in rows]


def count(
    bank: Bank,
    learner: str | LearnerScope,
    filters: BrowseFilter,
    *,
    now: datetime | None = None,
    due_by: datetime | None = None,
) -> int:
    """How many questions match the filter (for "n of m", and the table's scroll height)."""
    with bank.transaction() as session:
        learner_id = _learner_id(session, learner)
        query = _query(learner_id, filters, [QuestionRow.id], counting=True, now=now, due_by=due_by)
        return session.scalar(select(func.count()).select_from(query.subquery())) or 0


def set_tags(bank: Bank, question_id: str, tags: list[str]) -> tuple[str, ...]:
    """Replace a question's tags (spaces become "_", as Anki's tags cannot hold spaces)."""
    cleaned = list(dict.fromkeys("_".join(tag.split()) for tag in tags if tag.strip()))
    with bank.transaction() as session:
        question = session.get(QuestionRow, question_id)
        if question is None or (question.retired and DELETED_TAG in question.tags):
            raise QuestionBankError(f"no question {question_id!r} in the bank")
        if DELETED_TAG in cleaned:
            raise QuestionBankError(f"{DELETED_TAG!r} is quizapp's own tag for deleted cards")
        question.tags = cleaned
        question.updated_at = utcnow()
    return tuple(cleaned)


def forget(bank: Bank, learner: str | LearnerScope, question_id: str) -> None:
    """Make the card new again for this learner (Anki's "Forget"): its schedule is reset; its
    review history, flag and suspension stay."""
    with bank.transaction() as session:
        row = _card_of(session, learner, question_id)
        if session.get(QuestionRow, question_id) is None:
            raise QuestionBankError(f"no question {question_id!r} in the bank")
        if row is None:
            return
        row.state, row.step, row.stability, row.difficulty = STATE_NEW, None, None, None
        row.reps, row.lapses, row.last_review, row.leech = 0, 0, None, False
        row.due = utcnow()


def reschedule(bank: Bank, learner: str | LearnerScope, question_id: str, due: datetime) -> None:
    """Set a studied card's due date by hand (Anki's "Set due date"); new cards stay new."""
    with bank.transaction() as session:
        row = _card_of(session, learner, question_id)
        if row is None or row.state == STATE_NEW:
            raise QuestionBankError("a new card has no schedule to change: study it first")
        row.due = due


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


def unbury(bank: Bank, learner: str | LearnerScope, question_id: str) -> None:
    """Show a buried card again today."""
    with bank.transaction() as session:
        row = _card_of(session, learner, question_id)
        if row is not None:
            row.buried_until = None
