"""Shared by the players' tests: a fake clock, a small question pool, a room around a night,
and a room whose night, players and answers are saved in a bank."""

from __future__ import annotations

from question_bank.store import Bank
from quizapp.quiznight.engine import QuizNight
from quizapp.quiznight.plan import NightSetup, QuizQuestion, plan_night
from quizapp.quiznight.records import PlayerRecorder
from quizapp.quiznight.room import Room
from quizapp.quiznight.store import BankPlayerRecorder, BankRecorder, load_pool
from quizapp.quiznight.timer import Seconds
from quizapp.quiznight.writer import QueuedRecorder


class FakeClock:
    """Monotonic seconds that move only when a test says so."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_pool() -> list[QuizQuestion]:
    """Questions of every kind, each from its own sentence; the answers are easy to spot."""
    pool = []
    for n in range(6):
        pool.append(
            QuizQuestion(
                id=f"choice-{n}",
                article_id="article",
                kind="choice",
                prompt=f"Which option is number {n}?",
                answer=f"Rightanswer{n}",
                choices=("Wrong one", f"Rightanswer{n}", "Wrong two", "Wrong three"),
                source_sentence=f"choice sentence {n}",
            )
        )
        pool.append(
            QuizQuestion(
                id=f"truefalse-{n}",
                article_id="article",
                kind="truefalse",
                prompt=f"Statement {n} holds.",
                answer="False",
                source_sentence=f"truefalse sentence {n}",
            )
        )
        pool.append(
            QuizQuestion(
                id=f"open-{n}",
                article_id="article",
                kind="open",
                prompt=f"Who led mission {n}?",
                answer=f"Neil Armstrong{n}",
                accepted_answers=(f"Armstrong{n}",),
                source_sentence=f"open sentence {n}",
            )
        )
    return pool


def question_of_kind(kind: str) -> list[QuizQuestion]:
    return [q for q in make_pool() if q.kind == kind]


def make_room(
    clock: FakeClock,
    *,
    teams: list[str] | None = None,
    kind: str | None = None,
    recorder: PlayerRecorder | None = None,
    pin: str = "123456",
    **options: object,
) -> Room:
    """A room on a night of one round; `kind` keeps questions of one kind only."""
    setup = NightSetup(
        teams=list(teams) if teams is not None else ["Red", "Blue"],
        rounds=1,
        per_round=3,
        seed=3,
        timer_seconds=30,
        players=True,
    )
    for key, value in options.items():
        setattr(setup, key, value)
    pool = question_of_kind(kind) if kind else make_pool()
    rounds, reserve = plan_night(pool, setup)
    night = QuizNight(setup, rounds, reserve=reserve, clock=clock)
    tokens = iter(f"token-{n}" for n in range(10_000))
    return Room(night, recorder=recorder, pin=pin, token_factory=lambda: next(tokens))


def bank_room(
    bank: Bank,
    setup: NightSetup,
    clock: Seconds,
    *,
    recorder: type[BankPlayerRecorder] = BankPlayerRecorder,
    pin: str | None = None,
) -> tuple[Room, QueuedRecorder]:
    """A night saved in `bank` and its room, saving through the writer thread (close it)."""
    rounds, reserve = plan_night(load_pool(bank), setup)
    night = QuizNight(setup, rounds, reserve=reserve, clock=clock, recorder=BankRecorder(bank))
    writer = QueuedRecorder(recorder(bank, night.night_id, [t.team_id for t in night.teams]))
    return Room(night, recorder=writer, pin=pin), writer
