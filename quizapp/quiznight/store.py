"""A quiz night in the bank: the questions to choose from, the night as it is played, results.

Every scoring action is its own transaction (`BankRecorder`), so a crash or a closed laptop
loses at most the action in flight, and the saved night always adds up. Plain dataclasses go
out to the screens, never live ORM rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update

from question_bank.errors import QuestionBankError
from question_bank.models import StoredQuestion
from question_bank.sanitize import terminal_safe
from question_bank.store import Bank
from question_bank.store.content import list_articles
from question_bank.store.reader import read_questions, stored_question
from question_bank.store.schema import (
    CardRow,
    QuestionRow,
    QuizAnswerRow,
    QuizAskedRow,
    QuizNightRow,
    QuizPlayerRow,
    QuizScoreRow,
    QuizTeamRow,
    utcnow,
)
from quizapp.quiznight.plan import (
    KIND_FAMILY,
    NightSetup,
    QuizNightError,
    QuizQuestion,
    estimate_difficulty,
)
from quizapp.quiznight.records import Answer, Result

Now = Callable[[], datetime]


@dataclass(frozen=True)
@terminal_safe
class ArticleChoice:
    """An article the host can pick, with how many quiz questions it offers by kind family."""

    id: str
    title: str
    by_family: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_family.values())


def article_choices(bank: Bank) -> list[ArticleChoice]:
    """Every article with live questions, oldest first: the bank's listing (`list_articles`),
    its kinds counted by the family a night asks them in."""
    choices = []
    for article in list_articles(bank):
        families: dict[str, int] = {}
        for kind, count in article.by_kind.items():
            family = KIND_FAMILY.get(kind, "open")
            families[family] = families.get(family, 0) + count
        if families:
            choices.append(ArticleChoice(id=article.id, title=article.title, by_family=families))
    return choices


def load_pool(bank: Bank, article_ids: Sequence[str] = ()) -> list[QuizQuestion]:
    """The live questions of the articles (all when none given), with estimated difficulty,
    in id order."""
    live = [QuestionRow.retired.is_(False)]
    if article_ids:
        live.append(QuestionRow.article_id.in_(list(article_ids)))
    with bank.transaction() as session:
        # The store's bulk reader: a pool of 200,000 is read as plain tuples, not ORM rows.
        questions = read_questions(session, *live)
        history: dict[str, float] = dict(
            session.execute(
                select(CardRow.question_id, func.avg(CardRow.difficulty))
                .where(CardRow.difficulty.is_not(None))
                .group_by(CardRow.question_id)
            ).all()
        )
    questions.sort(key=_by_id)
    return [_quiz_question(question, history.get(question.id)) for question in questions]


def _by_id(question: StoredQuestion) -> str:
    return question.id


def _quiz_question(question: StoredQuestion, fsrs_difficulty: float | None = None) -> QuizQuestion:
    """The question with its difficulty, from its kind, score and the learners' FSRS history."""
    known = float(fsrs_difficulty) if fsrs_difficulty is not None else None
    difficulty = estimate_difficulty(question.kind, question.score, known)
    return QuizQuestion.of(question, difficulty=difficulty)


class BankRecorder:
    """Saves a night in the bank as it is played: one transaction per action."""

    def __init__(self, bank: Bank, now: Now = utcnow) -> None:
        self._bank = bank
        self._now = now
        self.night_id: int | None = None

    def night_started(self, setup: NightSetup) -> tuple[int, list[int]]:
        with self._bank.transaction() as session:
            night = QuizNightRow(
                name=setup.name, settings=setup.as_settings(), started_at=self._now()
            )
            session.add(night)
            session.flush()
            teams = [
                QuizTeamRow(night_id=night.id, name=name, position=index)
                for index, name in enumerate(setup.teams)
            ]
            session.add_all(teams)
            session.flush()
            self.night_id = night.id
            return night.id, [team.id for team in teams]

    def question_asked(self, question_id: str, round_number: int, position: int) -> int:
        return self._insert(
            QuizAskedRow(
                night_id=self._night(),
                question_id=question_id,
                round_number=round_number,
                position=position,
            )
        )

    def question_skipped(self, asked_id: int) -> None:
        with self._bank.transaction() as session:
            asked = session.get(QuizAskedRow, asked_id)
            if asked is not None:
                asked.skipped = True

    def score_added(self, team_id: int, asked_id: int, points: float) -> int:
        return self._insert(
            QuizScoreRow(
                night_id=self._night(),
                team_id=team_id,
                asked_id=asked_id,
                points=points,
                awarded_at=self._now(),
            )
        )

    def _insert(self, row: QuizAskedRow | QuizScoreRow) -> int:
        """Add one row in its own transaction (committed at once) and return its id."""
        with self._bank.transaction() as session:
            session.add(row)
            session.flush()
            return row.id

    def score_removed(self, score_id: int) -> None:
        with self._bank.transaction() as session:
            session.execute(delete(QuizScoreRow).where(QuizScoreRow.id == score_id))

    def night_finished(self) -> None:
        with self._bank.transaction() as session:
            night = session.get(QuizNightRow, self._night())
            if night is not None:
                night.finished_at = self._now()

    def _night(self) -> int:
        if self.night_id is None:
            raise QuizNightError("the night has not started")
        return self.night_id


class BankPlayerRecorder:
    """Saves a night's players, their answers and results: one transaction per call.

    `answers_received` writes a batch in one transaction (the players' server groups the
    answers that arrive together, so a hundred phones make a few commits, not a hundred).
    """

    def __init__(
        self, bank: Bank, night_id: int, team_ids: Sequence[int], now: Now = utcnow
    ) -> None:
        self._bank = bank
        self._night_id = night_id
        self._team_ids = list(team_ids)
        self._now = now

    def player_joined(self, nickname: str, team_index: int | None, token_hash: str) -> int:
        with self._bank.transaction() as session:
            row = QuizPlayerRow(
                night_id=self._night_id,
                team_id=None if team_index is None else self._team_ids[team_index],
                nickname=nickname,
                token_hash=token_hash,
                joined_at=self._now(),
            )
            session.add(row)
            session.flush()
            return row.id

    def answer_received(self, answer: Answer) -> None:
        self.answers_received([answer])

    def answers_received(self, answers: Sequence[Answer]) -> None:
        # One bulk INSERT (executemany), not a unit of work of a hundred objects: the writer
        # thread shares the interpreter with the server's event loop.
        now = self._now()
        with self._bank.transaction() as session:
            session.execute(
                insert(QuizAnswerRow),
                [
                    {
                        "night_id": self._night_id,
                        "asked_id": a.asked_id,
                        "player_id": a.player_id,
                        "option": a.option,
                        "answer": a.text,
                        "elapsed": a.elapsed,
                        "answered_at": now,
                        "points": 0.0,
                        "by_host": False,
                    }
                    for a in answers
                ],
            )

    def results_set(self, results: Sequence[Result]) -> None:
        with self._bank.transaction() as session:
            existing = {
                (player_id, asked_id): row_id
                for row_id, player_id, asked_id in session.execute(
                    select(QuizAnswerRow.id, QuizAnswerRow.player_id, QuizAnswerRow.asked_id).where(
                        QuizAnswerRow.night_id == self._night_id,
                        QuizAnswerRow.asked_id.in_({r.asked_id for r in results}),
                    )
                )
            }
            graded = [
                {"correct": r.correct, "points": r.points, "by_host": r.by_host} for r in results
            ]
            keys = [(r.player_id, r.asked_id) for r in results]
            updates = [
                {"id": existing[key], **grade}
                for key, grade in zip(keys, graded, strict=True)
                if key in existing
            ]
            added = [  # awarded by hand without an answer
                {"night_id": self._night_id, "player_id": key[0], "asked_id": key[1], **grade}
                for key, grade in zip(keys, graded, strict=True)
                if key not in existing
            ]
            if updates:
                session.execute(update(QuizAnswerRow), updates)
            if added:
                session.execute(insert(QuizAnswerRow), added)

    def result_removed(self, player_id: int, asked_id: int) -> None:
        with self._bank.transaction() as session:
            session.execute(
                delete(QuizAnswerRow).where(
                    QuizAnswerRow.player_id == player_id,
                    QuizAnswerRow.asked_id == asked_id,
                    QuizAnswerRow.answer.is_(None),
                )
            )
            session.execute(
                update(QuizAnswerRow)
                .where(QuizAnswerRow.player_id == player_id, QuizAnswerRow.asked_id == asked_id)
                .values(correct=None, points=0.0, by_host=False)
            )


@dataclass(frozen=True)
class PlayerResult:
    """A player's night, as `--results` lists it."""

    nickname: str
    team: str | None
    points: float
    right: int
    answered: int


def player_results(bank: Bank, night_id: int) -> list[PlayerResult]:
    """A night's players, best first, with their points and right answers (skips left out)."""
    with bank.transaction() as session:
        teams = dict(
            session.execute(
                select(QuizTeamRow.id, QuizTeamRow.name).where(QuizTeamRow.night_id == night_id)
            ).all()
        )
        players = session.scalars(
            select(QuizPlayerRow)
            .where(QuizPlayerRow.night_id == night_id)
            .order_by(QuizPlayerRow.id)
        ).all()
        answers = session.execute(
            select(
                QuizAnswerRow.player_id,
                QuizAnswerRow.answer,
                QuizAnswerRow.correct,
                QuizAnswerRow.points,
            )
            .join(QuizAskedRow, QuizAskedRow.id == QuizAnswerRow.asked_id)
            .where(QuizAnswerRow.night_id == night_id, QuizAskedRow.skipped.is_(False))
        ).all()
        totals: dict[int, list[float]] = {p.id: [0.0, 0, 0] for p in players}
        for player_id, answer, correct, points in answers:
            total = totals[player_id]
            total[0] += points
            total[1] += 1 if correct else 0
            total[2] += 1 if answer is not None else 0
        results = [
            PlayerResult(
                nickname=p.nickname,
                team=None if p.team_id is None else teams.get(p.team_id),
                points=totals[p.id][0],
                right=int(totals[p.id][1]),
                answered=int(totals[p.id][2]),
            )
            for p in players
        ]
    return sorted(results, key=lambda r: (-r.points, r.nickname.casefold()))


@dataclass(frozen=True)
class TeamResult:
    name: str
    points: float


@dataclass(frozen=True)
class NightResult:
    """A past night as `quizapp quiz-night --results` lists it."""

    id: int
    name: str
    started_at: datetime
    finished_at: datetime | None
    teams: tuple[TeamResult, ...]  # best first
    asked: int

    @property
    def winners(self) -> list[str]:
        """The team(s) with the most points; none when nobody scored."""
        if not self.teams or self.teams[0].points <= 0:
            return []
        best = self.teams[0].points
        return [t.name for t in self.teams if t.points == best]


def list_results(bank: Bank) -> list[NightResult]:
    """Every saved night, newest first, with each team's total."""
    with bank.transaction() as session:
        nights = session.scalars(
            select(QuizNightRow).order_by(QuizNightRow.started_at.desc(), QuizNightRow.id.desc())
        ).all()
        teams = session.scalars(select(QuizTeamRow).order_by(QuizTeamRow.position)).all()
        totals = dict(
            session.execute(
                select(QuizScoreRow.team_id, func.sum(QuizScoreRow.points)).group_by(
                    QuizScoreRow.team_id
                )
            ).all()
        )
        # Players' points count for their team (the phones' nights).
        for team_id, points in session.execute(
            select(QuizPlayerRow.team_id, func.sum(QuizAnswerRow.points))
            .join(QuizAnswerRow, QuizAnswerRow.player_id == QuizPlayerRow.id)
            .where(QuizPlayerRow.team_id.is_not(None))
            .group_by(QuizPlayerRow.team_id)
        ).all():
            if team_id is not None:
                totals[team_id] = (totals.get(team_id) or 0.0) + (points or 0.0)
        asked = dict(
            session.execute(
                select(QuizAskedRow.night_id, func.count())
                .where(QuizAskedRow.skipped.is_(False))
                .group_by(QuizAskedRow.night_id)
            ).all()
        )
    by_night: dict[int, list[TeamResult]] = {}
    for team in teams:
        by_night.setdefault(team.night_id, []).append(
            TeamResult(name=team.name, points=float(totals.get(team.id) or 0.0))
        )
    return [
        NightResult(
            id=night.id,
            name=night.name,
            started_at=night.started_at,
            finished_at=night.finished_at,
            teams=tuple(sorted(by_night.get(night.id, []), key=lambda t: -t.points)),
            asked=int(asked.get(night.id, 0)),
        )
        for night in nights
    ]


@dataclass(frozen=True)
class NightQuestion:
    """A question asked at a night, for its answer sheet and key."""

    round_number: int
    position: int
    question: QuizQuestion


def night_questions(bank: Bank, night_id: int) -> list[NightQuestion]:
    """The questions a night asked (skipped ones left out), in round and position order."""
    with bank.transaction() as session:
        if session.get(QuizNightRow, night_id) is None:
            raise QuestionBankError(
                f"no quiz night {night_id} in this bank (see `quizapp quiz-night --results`)"
            )
        rows = session.execute(
            select(QuizAskedRow, QuestionRow)
            .join(QuestionRow, QuestionRow.id == QuizAskedRow.question_id)
            .where(QuizAskedRow.night_id == night_id, QuizAskedRow.skipped.is_(False))
            .order_by(QuizAskedRow.round_number, QuizAskedRow.position, QuizAskedRow.id)
        ).all()
        return [
            NightQuestion(
                round_number=asked.round_number,
                position=asked.position,
                question=QuizQuestion.of(stored_question(row)),
            )
            for asked, row in rows
        ]
