"""The home screen's rows: per article, what a session of that article would deliver now.

One statement for all rows (`article_rows`), not one per article, built so that its cost
follows what the rows show rather than the size of the bank:

- reviews and learning cards come from the learner's (learner, state, due) index, only the
  cards that are due (a few thousand when a learner is back from a break), never every card;
- new cards are counted per article up to the number the daily limit still allows (`cap`):
  each article's scan stops at `cap` distinct new sentences (one new card per source sentence a
  day, as the queue gives them), so an untouched article of hundreds of questions costs `cap`
  rows, and nothing is scanned once the day's new cards are done;
- question totals come from the article index alone, less the retired questions (few).

The figures are the queue's own definitions (`StudyService.counts` holds them equal over random
banks and histories: tests/unit/quizapp/test_counts.py): a learning card counts when it is due
within the learn-ahead limit, a review when it is due by the end of the study day, a new card
when no card of it is answered, suspended or buried and no sibling was met today.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, and_, case, exists, func, literal, not_, or_, select
from sqlalchemy.orm import Session

from question_bank.store.schema import MOMENT, ArticleRow, CardRow, QuestionRow
from quizapp.study.queries import LEARNING_STATES
from quizapp.study.scope import LearnerScope
from quizapp.study.views import STATE_NEW, STATE_REVIEW, ArticleCounts, DeckCounts


@dataclass(frozen=True)
class CountWindow:
    """When and how much: the instants and the daily limits left that decide what counts."""

    now: datetime
    learn_ahead_by: datetime
    """A learning card due by then counts (now + the learn-ahead limit)."""
    day_end: datetime
    """A review due by then counts (the last instant of the study day)."""
    new_left: int
    reviews_left: int


def article_list(session: Session) -> list[tuple[str, str]]:
    """Every article's (id, title), in the order the articles entered the bank: what the home
    screen lays out before any count (one read of the small articles table)."""
    rows = session.execute(
        select(ArticleRow.id, ArticleRow.title).order_by(ArticleRow.imported_at, ArticleRow.id)
    ).all()
    return [(article_id, title) for article_id, title in rows]


def article_rows(
    session: Session,
    learner_id: int,
    window: CountWindow,
    met_today: Iterable[tuple[str, str]],
    article_ids: Sequence[str] | None = None,
) -> list[ArticleCounts]:
    """Every article's row (or only those of `article_ids`), in the order the articles entered
    the bank.

    `met_today`: (article id, source sentence) of the sentences whose first card the learner
    met today; their other new cards wait for tomorrow. `article_ids` lets the home screen count
    the rows on screen first and the others after they are drawn: the new-card count costs a
    scan per article, so 2,000 articles cost 2,000 scans where a screenful costs 40.
    """
    only = list(article_ids) if article_ids is not None else None
    if only == []:
        return []
    now = literal(window.now, MOMENT)
    available = and_(
        CardRow.suspended.is_(False),
        or_(CardRow.buried_until.is_(None), CardRow.buried_until <= now),
    )
    # Due cards by article: one range of the (learner, state, due) index per kind of card,
    # or, for a screenful of articles, their reviews through their questions.
    due = _due_by_article(session, learner_id, (STATE_REVIEW,), window.day_end, available, only)
    ahead = window.learn_ahead_by
    learning = _due_by_article(session, learner_id, LEARNING_STATES, ahead, available)

    new_count: ColumnElement[int] = literal(0)
    if window.new_left > 0:
        new_count = _new_sentences(learner_id, window, met_today, available)
    listed = select(ArticleRow.id, ArticleRow.title, new_count.label("new"))
    counted = select(QuestionRow.article_id, func.count()).group_by(QuestionRow.article_id)
    retired = select(QuestionRow.article_id).where(QuestionRow.retired.is_(True))
    if only is not None:
        listed = listed.where(ArticleRow.id.in_(only))
        counted = counted.where(QuestionRow.article_id.in_(only))
        retired = retired.where(QuestionRow.article_id.in_(only))
    articles = session.execute(listed.order_by(ArticleRow.imported_at, ArticleRow.id)).all()
    totals = Counter(dict(session.execute(counted).all()))
    totals.subtract(session.scalars(retired))
    return [
        ArticleCounts(
            article_id=article_id,
            title=title,
            total=totals.get(article_id, 0),
            counts=DeckCounts(
                new=min(window.new_left, new or 0),
                learning=learning.get(article_id, 0),
                due=min(window.reviews_left, due.get(article_id, 0)),
            ),
        )
        for article_id, title, new in articles
    ]


# Up to this many articles, their due reviews are counted through their questions.
SCREENFUL = 100


def _due_by_article(
    session: Session,
    learner_id: int,
    states: tuple[int, ...],
    due_by: datetime,
    available: ColumnElement[bool],
    only: Sequence[str] | None = None,
) -> Counter[str]:
    """Available live cards in `states` due by `due_by`, counted per article (every article,
    or those of `only`: then perhaps others too, which the caller does not show).

    The plan walks the learner's due cards (a range of the (learner, state, due) index) and
    looks each one's question up, which costs the same whichever articles they belong to:
    4,500 overdue reviews are most of the home screen's first rows. For a screenful of
    articles (`only`, at most SCREENFUL) it starts from their questions instead (the article
    index) and looks each one's card up by question: a few thousand index probes, 3-6 times
    faster on the benchmark bank. SQLite has no statistics to choose that plan itself, so the
    learner and state conditions are wrapped in expressions that hide their indexes (the same
    rows either way; PostgreSQL plans by its statistics).
    """
    screenful = only is not None and len(only) <= SCREENFUL
    counted: Counter[str] = Counter()
    for state in states:  # one index range per state: `state IN (...)` walks more of it
        learner = CardRow.learner_id + 0 if screenful else CardRow.learner_id
        in_state = CardRow.state + 0 if screenful else CardRow.state
        statement = (
            select(QuestionRow.article_id, func.count())
            .select_from(CardRow)
            .join(QuestionRow, QuestionRow.id == CardRow.question_id)
            .where(
                learner == learner_id,
                in_state == state,
                CardRow.due <= literal(due_by, MOMENT),
                available,
                # Kept off the retired index: the due cards are few, the live questions many.
                func.coalesce(QuestionRow.retired, False).is_(False),
            )
            .group_by(QuestionRow.article_id)
        )
        if screenful and only is not None:
            statement = statement.where(QuestionRow.article_id.in_(only))
        counted.update(dict(session.execute(statement).all()))
    return counted


def _new_sentences(
    learner_id: int,
    window: CountWindow,
    met_today: Iterable[tuple[str, str]],
    available: ColumnElement[bool],
) -> ColumnElement[int]:
    """A scalar subquery per article row: its distinct new sentences, at most `new_left`."""
    question = QuestionRow.__table__.alias("new_question")
    taken = exists().where(
        CardRow.learner_id == learner_id,
        CardRow.question_id == question.c.id,
        or_(CardRow.state != STATE_NEW, not_(available)),
    )
    met = [
        and_(question.c.article_id == article, question.c.source_sentence == sentence)
        for article, sentence in met_today
    ]
    # A card without a sentence is a sentence of its own (see queries.sibling_key).
    sibling = case(
        (func.trim(question.c.source_sentence) != "", question.c.source_sentence),
        else_=question.c.id,
    )
    conditions = [
        question.c.article_id == ArticleRow.id,
        # Kept off the retired index, so each article is read through the article index.
        func.coalesce(question.c.retired, False).is_(False),
        ~taken,
    ]
    if met:
        conditions.append(not_(or_(*met)))
    scan = (
        select(sibling.label("sibling"))
        .where(*conditions)
        .distinct()
        .limit(window.new_left)
        .correlate(ArticleRow)
        .subquery()
    )
    return select(func.count()).select_from(scan).scalar_subquery()


@dataclass(frozen=True)
class Progress:
    """An article's cards for one learner: mature (interval of 21 days or more, as Anki
    counts them), young (answered, not mature) and new (never answered)."""

    mature: int
    young: int
    new: int


MATURE = timedelta(days=21)


def article_progress(scope: LearnerScope) -> dict[str, Progress]:
    """Every article's progress bar, in one grouped query over the learner's answered cards.

    Not part of the counts the home screen waits for: it reads every card of the learner
    (50,000 on the benchmark bank), so the screen asks for it after the counts are shown.
    """
    with scope.bank.transaction() as session:
        if session.get_bind().dialect.name == "sqlite":  # datetimes are text there
            interval = func.julianday(CardRow.due) - func.julianday(CardRow.last_review)
            long_enough = interval >= MATURE.days
        else:
            long_enough = CardRow.due - CardRow.last_review >= literal(MATURE)
        mature = case((and_(CardRow.state == STATE_REVIEW, long_enough), True), else_=False)
        totals = dict(
            session.execute(
                select(QuestionRow.article_id, func.count())
                .where(QuestionRow.retired.is_(False))
                .group_by(QuestionRow.article_id)
            ).all()
        )
        rows = session.execute(
            select(QuestionRow.article_id, mature, func.count())
            .select_from(CardRow)
            .join(QuestionRow, QuestionRow.id == CardRow.question_id)
            .where(
                CardRow.learner_id + 0 == scope.learner_id,
                CardRow.state != STATE_NEW,
                func.coalesce(QuestionRow.retired, False).is_(False),
            )
            .group_by(QuestionRow.article_id, mature)
        ).all()
    answered: dict[str, list[int]] = {}
    for article_id, is_mature, number in rows:
        answered.setdefault(article_id, [0, 0])[0 if is_mature else 1] += number
    return {
        article_id: Progress(
            mature=answered.get(article_id, [0, 0])[0],
            young=answered.get(article_id, [0, 0])[1],
            new=max(0, total - sum(answered.get(article_id, [0, 0]))),
        )
        for article_id, total in totals.items()
    }


def due_tomorrow(scope: LearnerScope) -> int:
    """Cards that will be due by the end of tomorrow's study day (the forecast Anki shows):
    reviews and learning cards, suspended ones left out."""
    now = scope.clock().astimezone(UTC)
    end = scope.day.next_start(now) + timedelta(days=1)
    with scope.bank.transaction() as session:
        number = session.scalar(
            select(func.count())
            .select_from(CardRow)
            .join(QuestionRow, QuestionRow.id == CardRow.question_id)
            .where(
                CardRow.learner_id == scope.learner_id,
                CardRow.state != STATE_NEW,
                CardRow.due < literal(end, MOMENT),
                CardRow.suspended.is_(False),
                func.coalesce(QuestionRow.retired, False).is_(False),
            )
        )
    return number or 0
