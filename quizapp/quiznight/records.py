"""What a room of players is made of: its limits, players, answers, results, the spread of a
question and ranked standings, and the `PlayerRecorder` it saves them through (with an
in-memory one for tests and nights without a bank); tokens, the PIN and cleaned text.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from quizapp.quiznight.plan import QuizNightError, QuizQuestion
from quizapp.study.grading import grade_typed

MAX_NICKNAME = 20
MAX_ANSWER = 200
MAX_PLAYERS = 300
PIN_DIGITS = 6


class RoomError(QuizNightError):
    """A player's request the room refuses; `code` says which rule (the server maps it)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Player:
    id: int  # the bank's id for the player row
    nickname: str
    team_index: int | None  # None plays solo
    token_hash: str


@dataclass(frozen=True)
class Answer:
    """What one player answered to one asked question, and how far into the timer."""

    player_id: int
    asked_id: int
    option: int | None  # choice / true-false: the option's index
    text: str  # the option's label or what was typed
    elapsed: float


@dataclass(frozen=True)
class Result:
    """A player's result on one asked question: graded at the reveal or set by the host."""

    player_id: int
    asked_id: int
    correct: bool
    points: float
    by_host: bool = False


@dataclass(frozen=True)
class Spread:
    """How the room answered the current question, for the host's reveal."""

    answered: int
    players: int
    per_option: tuple[int, ...]  # counts per option (choice, true/false); empty for open
    right: tuple[str, ...]  # nicknames of the players who were right
    wrong: int


@dataclass(frozen=True)
class Ranked:
    place: int  # equal points share a place (1, 1, 3)
    name: str
    points: float
    player_id: int | None = None
    team_index: int | None = None


class PlayerRecorder(Protocol):
    """Where the room saves its players and their answers (each call one unit of work)."""

    def player_joined(self, nickname: str, team_index: int | None, token_hash: str) -> int:
        """Save a player; return their id."""
        ...

    def answer_received(self, answer: Answer) -> None: ...

    def results_set(self, results: Sequence[Result]) -> None:
        """Save graded or hand-set results (replacing any earlier result of the same pair)."""
        ...

    def result_removed(self, player_id: int, asked_id: int) -> None:
        """Forget a player's result on a question (an undone hand award with nothing before)."""
        ...


class MemoryPlayerRecorder:
    """Keeps players, answers and results in lists: for tests and a night without a bank."""

    def __init__(self) -> None:
        self.players: list[tuple[str, int | None]] = []
        self.answers: list[Answer] = []
        self.results: dict[tuple[int, int], Result] = {}

    def player_joined(self, nickname: str, team_index: int | None, token_hash: str) -> int:
        self.players.append((nickname, team_index))
        return len(self.players)

    def answer_received(self, answer: Answer) -> None:
        self.answers.append(answer)

    def answers_received(self, answers: Sequence[Answer]) -> None:
        self.answers.extend(answers)

    def results_set(self, results: Sequence[Result]) -> None:
        for result in results:
            self.results[(result.player_id, result.asked_id)] = result

    def result_removed(self, player_id: int, asked_id: int) -> None:
        self.results.pop((player_id, asked_id), None)


def hash_token(token: str) -> str:
    """What the bank keeps of a token: its SHA-256, so a copied bank impersonates nobody."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_pin() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(PIN_DIGITS))


def new_token() -> str:
    return secrets.token_urlsafe(24)


def clean_text(text: str, limit: int, *, what: str) -> str:
    """One line of printable text with single spaces, refused past `limit` characters."""
    if len(text) > limit * 4:  # refuse absurd input before normalising it
        raise RoomError("too_long", f"{what} is at most {limit} characters")
    kept = "".join(
        ch if unicodedata.category(ch)[0] not in "CZ" or ch == " " else " "
        for ch in unicodedata.normalize("NFC", text)
    )
    clean = " ".join(kept.split())
    if len(clean) > limit:
        raise RoomError("too_long", f"{what} is at most {limit} characters")
    return clean


def truth_label(answer: str) -> str:
    """A true/false card's answer as the option label it matches ("True" or "False")."""
    return "True" if answer.strip().casefold() in ("true", "t", "yes") else "False"


def shown_answer(question: QuizQuestion) -> str:
    """The answer as a phone shows it at the reveal (a true/false card's as its option)."""
    return truth_label(question.answer) if question.kind == "truefalse" else question.answer


def ranked(rows: list[tuple[str, float, int | None, int | None]]) -> list[Ranked]:
    """Places for rows already sorted best first; equal points share a place."""
    ranked: list[Ranked] = []
    for position, (name, points, player_id, team_index) in enumerate(rows):
        place = ranked[-1].place if ranked and ranked[-1].points == points else position + 1
        ranked.append(Ranked(place, name, points, player_id, team_index))
    return ranked


def is_right(question: QuizQuestion, answer: Answer) -> bool:
    """An answer graded: an option exactly, typed text as type mode grades it (close is right)."""
    if question.options:
        return answer.option is not None and question.options[answer.option] == (
            question.answer if question.kind == "choice" else truth_label(question.answer)
        )
    return grade_typed(question, answer.text).verdict in ("exact", "close")
