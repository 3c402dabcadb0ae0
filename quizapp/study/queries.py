"""`LearnerQueries`: the statements every study service runs for one learner.

The card operations (`cards`), the counts (`counts`), the queue (`queue`) and the study
session (`session`) all read the same rows the same way: a card that may be shown (not
suspended, not buried), due cards through the (learner, state, due) index, questions new to
the learner, today's limits left. They share one `LearnerQueries`, which builds each hot
statement once with bind parameters (building a SQLAlchemy expression costs more than SQLite
takes to run these indexed queries) and keeps the article titles it has read.

Queries are written for SQLite without ANALYZE statistics (quizapp never runs it): where its
planner would pick a poor index, the condition is wrapped in an expression.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, exists, func, or_, select
from sqlalchemy.orm import Session

from question_bank.errors import QuestionBankError
from question_bank.store.schema import MOMENT, ArticleRow, CardRow, QuestionRow, ReviewLogRow
from quizapp.study.scheduling import CardState
from quizapp.study.scope import LearnerScope
from quizapp.study.views import STATE_LEARNING, STATE_NEW, STATE_RELEARNING, STATE_REVIEW, CardView

# Anki's "learn ahead limit": with nothing else to study, a learning card due this soon is shown.
LEARN_AHEAD = timedelta(minutes=20)
LEARNING_STATES = (STATE_LEARNING, STATE_RELEARNING)

SiblingKey = tuple[str, ...]


class StudyError(QuestionBankError):
    """A study action refers to something that is not there (question gone, bad rating...)."""


def sibling_key(question_id: str, article_id: str, sentence: str) -> SiblingKey:
    """Cards of one source sentence are siblings; a card without a sentence is alone.

    Not only the forms of one fact: a sentence's facts give each other away ("30 KFOR soldiers
    from Hungary and Italy…" asked twice over), and a true/false card's answer ("False") does
    not even name its fact.
    """
    if not sentence.strip():
        return (question_id,)
    return (article_id, " ".join(sentence.split()))


def available(now: Any) -> ColumnElement[bool]:
    """A card row that may be shown: not suspended, not buried (`now`: value or bindparam)."""
    return and_(
        CardRow.suspended.is_(False),
        or_(CardRow.buried_until.is_(None), CardRow.buried_until <= now),
    )


def bind_values(now: datetime, due_by: datetime, article_id: str | None) -> dict[str, Any]:
    """The bind parameters of `due_query` and `new_query` (article_id only when scoped)."""
    params: dict[str, Any] = {"now": now, "due_by": due_by}
    if article_id is not None:
        params["article_id"] = article_id
    return params


class LearnerQueries:
    """One learner's statements over one bank, built once and reused (see the module doc)."""

    def __init__(self, scope: LearnerScope) -> None:
        self.scope = scope
        self.bank = scope.bank
        self.settings = scope.settings
        self.learner_id = scope.learner_id
        self.day = scope.day
        self.titles: dict[str, str] = {}
        self._statements: dict[tuple[Any, ...], Any] = {}

    # -- time ------------------------------------------------------------------------------

    def now(self) -> datetime:
        """The scope's clock, as aware UTC (a naive clock is a bug in the caller)."""
        now = self.scope.clock()
        if now.tzinfo is None:
            raise ValueError("the study clock must return aware datetimes")
        return now.astimezone(UTC)

    def day_end(self, now: datetime) -> datetime:
        """The last instant of the study day: reviews due by then are due today."""
        return self.day.next_start(now) - timedelta(microseconds=1)

    # -- transactions and statements -----------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A transaction that reads and then writes, serialised with other processes.

        pysqlite starts a transaction only at the first write, so the reads before it would
        see a state another process may change before our write lands (two processes
        answering the same card). On SQLite the transaction therefore starts with BEGIN
        IMMEDIATE: it takes the write lock first (waiting up to the busy timeout, then
        BankError "locked"), and reads and writes form one unit. PostgreSQL locks the card
        row instead (SELECT ... FOR UPDATE in `load`).
        """
        with self.bank.transaction() as session:
            if self.bank.is_sqlite:
                session.connection().exec_driver_sql("BEGIN IMMEDIATE")
            yield session

    def statement(self, key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
        """A statement built once per learner: the hot path only binds values."""
        statement = self._statements.get(key)
        if statement is None:
            statement = self._statements[key] = build()
        return statement

    # -- limits and due cards ----------------------------------------------------------

    def limits_left(self, session: Session, now: datetime) -> tuple[int, int]:
        """(new cards, reviews) the daily limits still allow today."""
        statement = self.statement(
            ("limits",),
            lambda: (
                select(ReviewLogRow.state_before, func.count())
                .where(
                    ReviewLogRow.learner_id == self.learner_id,
                    ReviewLogRow.reviewed_at >= bindparam("day_start", type_=MOMENT),
                )
                .group_by(ReviewLogRow.state_before)
            ),
        )
        rows = session.execute(statement, {"day_start": self.day.start(now)}).all()
        done: dict[int, int] = {state: number for state, number in rows}
        new_left = self.settings.new_cards_per_day - done.get(STATE_NEW, 0)
        reviews_left = self.settings.reviews_per_day - done.get(STATE_REVIEW, 0)
        return max(0, new_left), max(0, reviews_left)

    def due_query(self, states: tuple[int, ...], scoped: bool) -> Any:
        """Available cards in `states` due by :due_by (at :now), with their questions.

        Parameters: now, due_by and, when `scoped`, article_id.
        """
        # One article: start from its questions (a few hundred at most) and look each card
        # up by question. Wrapping learner_id and retired in expressions hides their indexes
        # from SQLite's planner (which has no statistics: quizapp never runs ANALYZE), so it
        # cannot choose to walk every due card, or every live question, of the whole bank.
        learner = CardRow.learner_id + 0 if scoped else CardRow.learner_id
        retired = func.coalesce(QuestionRow.retired, False) if scoped else QuestionRow.retired
        query = (
            select(CardRow, QuestionRow)
            .join(QuestionRow, QuestionRow.id == CardRow.question_id)
            .where(
                learner == self.learner_id,
                CardRow.state == states[0] if len(states) == 1 else CardRow.state.in_(states),
                CardRow.due <= bindparam("due_by", type_=MOMENT),
                available(bindparam("now", type_=MOMENT)),
                retired.is_(False),
            )
        )
        if scoped:
            query = query.where(QuestionRow.article_id == bindparam("article_id"))
        return query

    def due_card(
        self,
        session: Session,
        states: tuple[int, ...],
        article_id: str | None,
        now: datetime,
        due_by: datetime,
    ) -> tuple[QuestionRow, CardRow] | None:
        """The available card in `states` due first (by `due_by`), with its question."""
        scoped = article_id is not None
        params = bind_values(now, due_by, article_id)
        found: list[tuple[CardRow, QuestionRow]] = []
        # One query per state: each reads the (learner, state, due) index in due order and
        # stops at its first row; with `state IN (...)` SQLite would walk every overdue card.
        for state in states:
            statement = self.statement(
                ("due", state, scoped),
                lambda state=state: (
                    self.due_query((state,), scoped)  # type: ignore[misc]
                    .order_by(CardRow.due)
                    .limit(1)
                ),
            )
            row = session.execute(statement, params).first()
            if row is not None:
                found.append((row[0], row[1]))
        if not found:
            return None
        card, question = min(found, key=lambda pair: pair[0].due)
        return question, card

    def count_due(
        self,
        session: Session,
        states: tuple[int, ...],
        article_id: str | None,
        now: datetime,
        due_by: datetime | None = None,
    ) -> int:
        """Cards in `states` due by `due_by` (default: the end of the study day)."""
        scoped = article_id is not None
        statement = self.statement(
            ("count", states, scoped),
            lambda: select(func.count()).select_from(
                self.due_query(states, scoped).with_only_columns(CardRow.id).subquery()
            ),
        )
        params = bind_values(now, due_by or self.day_end(now), article_id)
        return session.scalar(statement, params) or 0

    def count_due_each(
        self,
        session: Session,
        states: tuple[int, ...],
        article_id: str | None,
        now: datetime,
        due_by: datetime,
    ) -> int:
        """`count_due` of each state, summed by one statement: a subquery per state keeps
        each to its own range of the (learner, state, due) index, and the study screen's
        "Left" after every grade pays for one round trip instead of one per state."""
        scoped = article_id is not None

        def build() -> Any:
            counts = [
                select(func.count())
                .select_from(
                    self.due_query((state,), scoped).with_only_columns(CardRow.id).subquery()
                )
                .scalar_subquery()
                for state in states
            ]
            total: ColumnElement[int] = counts[0]
            for count in counts[1:]:
                total = total + count
            return select(total)

        statement = self.statement(("count each", states, scoped), build)
        return session.scalar(statement, bind_values(now, due_by, article_id)) or 0

    # -- new cards ------------------------------------------------------------------------

    def new_query(self, scoped: bool) -> Any:
        """Questions new to this learner: no card, or a never-answered one that is available.

        Parameters: now and, when `scoped`, article_id.
        """
        now = bindparam("now", type_=MOMENT)
        taken = exists().where(
            CardRow.learner_id == self.learner_id,
            CardRow.question_id == QuestionRow.id,
            or_(CardRow.state != STATE_NEW, ~available(now)),
        )
        # Retired questions are few; an index on "retired" would make SQLite's planner (no
        # statistics) read every live question of the bank instead of one article's through
        # the article index. The expression hides that index.
        live = func.coalesce(QuestionRow.retired, False).is_(False)
        query = select(QuestionRow.id).where(live, ~taken)
        if scoped:
            query = query.where(QuestionRow.article_id == bindparam("article_id"))
        return query

    def introduced_today(self, session: Session, now: datetime) -> set[SiblingKey]:
        """Sibling keys of the sentences whose first card this learner met today."""
        statement = self.statement(
            ("introduced",),
            lambda: (
                select(
                    QuestionRow.id,
                    QuestionRow.article_id,
                    QuestionRow.source_sentence,
                )
                .join(ReviewLogRow, ReviewLogRow.question_id == QuestionRow.id)
                .where(
                    ReviewLogRow.learner_id == self.learner_id,
                    ReviewLogRow.reviewed_at >= bindparam("day_start", type_=MOMENT),
                    ReviewLogRow.state_before == STATE_NEW,
                )
            ),
        )
        rows = session.execute(statement, {"day_start": self.day.start(now)}).all()
        return {sibling_key(qid, article, sentence) for qid, article, sentence in rows}

    def article_order(self, session: Session) -> list[str]:
        """Every article id, in the order the articles entered the bank."""
        return list(
            session.scalars(select(ArticleRow.id).order_by(ArticleRow.imported_at, ArticleRow.id))
        )

    # -- one card ---------------------------------------------------------------------------

    def card_row(self, session: Session, question_id: str, lock: bool = False) -> CardRow | None:
        """This learner's card of the question (None: never touched); `lock` it for a write."""

        def build() -> Any:
            query = select(CardRow).where(
                CardRow.learner_id == self.learner_id,
                CardRow.question_id == bindparam("question_id"),
            )
            # Row lock (PostgreSQL; a no-op on SQLite, whose writers are serialised anyway):
            # two answers to one card queue up instead of the second overwriting the first's.
            return query.with_for_update() if lock else query

        statement = self.statement(("card", lock), build)
        return session.scalars(statement, {"question_id": question_id}).first()

    def load(self, session: Session, question_id: str) -> tuple[QuestionRow, CardRow | None]:
        """The question and this learner's card of it, locked; StudyError when it is gone."""
        question = session.get(QuestionRow, question_id)
        if question is None:
            raise StudyError(f"no question {question_id!r} in the bank (deleted?)")
        return question, self.card_row(session, question_id, lock=True)

    def title(self, session: Session, article_id: str) -> str:
        """The article's title, read once per learner's queries."""
        title = self.titles.get(article_id)
        if title is None:
            title = session.scalar(select(ArticleRow.title).where(ArticleRow.id == article_id))
            title = title or ""
            self.titles[article_id] = title
        return title

    def view(self, session: Session, question: QuestionRow, row: CardRow | None) -> CardView:
        """The frozen view of a question and its card, for the UI."""
        state = CardState.of_row(row)
        return state.view_of(question, self.title(session, question.article_id))
