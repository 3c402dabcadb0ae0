"""The rules of a quiz night, as a plain state machine free of Textual and of the database.

A night goes through phases: it starts on the first question of round 1; each question is
shown, timed, revealed and scored; after the last question of a round the night shows the
scoreboard (`ROUND_END`); after the last round it is `FINISHED` and shows the podium.

Scoring (the issue's rules, with the settings `quiz_speed_bonus` and `quiz_double_final`):
- a correct answer earns 1 point; each team scores at most once per question;
- speed bonus: half a point more when the answer is awarded within the first third of the
  timer (the host pauses the timer when a team answers, then awards);
- double or nothing: in the final round a correct answer is worth double, and a team marked
  wrong loses what the question would have earned. In other rounds a wrong answer scores 0.
- undo takes back the last scoring action of the night, whichever question it was on.

Time comes from an injected clock (a function returning monotonic seconds), so tests drive the
timer without sleeping (`quizapp.quiznight.timer`). Persistence goes through a
`NightRecorder` (the bank implements it in `quizapp.quiznight.store`); the engine itself never
imports SQLAlchemy. The setup and the choice of questions are `quizapp.quiznight.plan`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Protocol

from question_bank.sanitize import terminal_safe
from quizapp.quiznight.plan import NightSetup, QuizNightError, QuizQuestion
from quizapp.quiznight.timer import QuestionTimer, Seconds

SPEED_BONUS = 0.5


class Phase(StrEnum):
    QUESTION = "question"  # a question is on screen (timer idle, running, paused or expired)
    REVEALED = "revealed"  # the answer is on screen; scoring goes on
    ROUND_END = "round_end"  # the scoreboard between rounds
    FINISHED = "finished"  # the podium


# --- persistence interface ---------------------------------------------------------------------


class NightRecorder(Protocol):
    """Where a night is saved as it goes. Each call is one unit of work (one commit)."""

    def night_started(self, setup: NightSetup) -> tuple[int, list[int]]:
        """Save the night and its teams; return the night id and the team ids in order."""
        ...

    def question_asked(self, question_id: str, round_number: int, position: int) -> int:
        """Save a question as asked; return its asked id."""
        ...

    def question_skipped(self, asked_id: int) -> None: ...

    def score_added(self, team_id: int, asked_id: int, points: float) -> int:
        """Save points for a team on an asked question; return the score id."""
        ...

    def score_removed(self, score_id: int) -> None: ...

    def night_finished(self) -> None: ...


class MemoryRecorder:
    """A recorder that keeps nothing but hands out ids: for tests and a night without a bank."""

    def __init__(self) -> None:
        self._next = 0
        self.finished = False

    def _id(self) -> int:
        self._next += 1
        return self._next

    def night_started(self, setup: NightSetup) -> tuple[int, list[int]]:
        return self._id(), [self._id() for _ in setup.teams]

    def question_asked(self, question_id: str, round_number: int, position: int) -> int:
        return self._id()

    def question_skipped(self, asked_id: int) -> None:
        return None

    def score_added(self, team_id: int, asked_id: int, points: float) -> int:
        return self._id()

    def score_removed(self, score_id: int) -> None:
        return None

    def night_finished(self) -> None:
        self.finished = True


# --- the night ---------------------------------------------------------------------------------


@dataclass(frozen=True)
@terminal_safe
class Team:
    index: int  # 0-based; the host scores it with key index + 1
    name: str
    team_id: int


@dataclass(frozen=True)
class ScoreEvent:
    """One scoring action: a team's points on one asked question."""

    score_id: int
    team_index: int
    asked_id: int
    round_number: int
    points: float


@dataclass(frozen=True)
class Standing:
    place: int  # 1-based; teams with equal points share a place
    team: Team
    points: float


@dataclass
class _Asked:
    question: QuizQuestion
    asked_id: int
    skipped: bool = False


class QuizNight:
    """A night in progress: the current question, its timer, the scores, the phase."""

    def __init__(
        self,
        setup: NightSetup,
        rounds: Sequence[Sequence[QuizQuestion]],
        *,
        clock: Seconds,
        recorder: NightRecorder | None = None,
        reserve: Sequence[QuizQuestion] = (),
    ) -> None:
        setup.validate()
        if len(rounds) != setup.rounds or any(len(r) == 0 for r in rounds):
            raise QuizNightError("every round needs at least one question")
        ids = [q.id for r in rounds for q in r]
        if len(set(ids)) != len(ids):
            raise QuizNightError("a question appears twice in the night")
        self.setup = replace(setup, teams=list(setup.teams), kinds=tuple(setup.kinds))
        self._rounds = [list(r) for r in rounds]
        self._reserve = [q for q in reserve if q.id not in set(ids)]
        self._clock = clock
        self._recorder: NightRecorder = recorder if recorder is not None else MemoryRecorder()
        self.night_id, team_ids = self._recorder.night_started(self.setup)
        self.teams = [
            Team(index=i, name=name, team_id=team_id)
            for i, (name, team_id) in enumerate(zip(self.setup.teams, team_ids, strict=True))
        ]
        self.round_index = 0
        self.question_index = 0
        self.phase = Phase.QUESTION
        self.history: list[ScoreEvent] = []
        self._asked: list[_Asked] = []
        self.timer = QuestionTimer(self.setup.timer_seconds, clock)
        self._ask_current()

    # --- what is on screen

    @property
    def round_number(self) -> int:
        return self.round_index + 1

    @property
    def round_count(self) -> int:
        return len(self._rounds)

    @property
    def round_size(self) -> int:
        return len(self._rounds[self.round_index])

    @property
    def question_number(self) -> int:
        return self.question_index + 1

    @property
    def question(self) -> QuizQuestion:
        return self._rounds[self.round_index][self.question_index]

    @property
    def revealed(self) -> bool:
        return self.phase is Phase.REVEALED

    @property
    def is_final_round(self) -> bool:
        return self.round_index == len(self._rounds) - 1

    @property
    def double_or_nothing(self) -> bool:
        """Whether the current round is the double-or-nothing final."""
        return self.setup.double_final and self.is_final_round and len(self._rounds) > 1

    @property
    def current_asked_id(self) -> int:
        return self._asked[-1].asked_id

    def round_questions(self, round_number: int) -> list[QuizQuestion]:
        """The questions planned for a round (1-based), skipped ones already replaced."""
        return list(self._rounds[round_number - 1])

    @property
    def asked_questions(self) -> list[QuizQuestion]:
        """The questions asked so far (skipped ones included), in order."""
        return [a.question for a in self._asked]

    def scores(self) -> list[float]:
        """Each team's total, by team index."""
        totals = [0.0] * len(self.teams)
        for event in self.history:
            totals[event.team_index] += event.points
        return totals

    def round_scores(self, round_number: int) -> list[float]:
        totals = [0.0] * len(self.teams)
        for event in self.history:
            if event.round_number == round_number:
                totals[event.team_index] += event.points
        return totals

    def standings(self) -> list[Standing]:
        """Teams by points, best first; equal points share a place (1, 1, 3)."""
        totals = self.scores()
        order = sorted(self.teams, key=lambda t: (-totals[t.index], t.index))
        standings: list[Standing] = []
        for position, team in enumerate(order):
            if standings and totals[team.index] == standings[-1].points:
                place = standings[-1].place
            else:
                place = position + 1
            standings.append(Standing(place=place, team=team, points=totals[team.index]))
        return standings

    def team_result(self, team_index: int) -> ScoreEvent | None:
        """The team's score on the current question, if it has one."""
        asked = self.current_asked_id
        for event in self.history:
            if event.asked_id == asked and event.team_index == team_index:
                return event
        return None

    # --- the host's actions

    def toggle_timer(self) -> None:
        self._require(Phase.QUESTION, Phase.REVEALED, action="run the timer")
        self.timer.toggle()

    def reveal(self) -> None:
        self._require(Phase.QUESTION, Phase.REVEALED, action="reveal the answer")
        self.timer.pause()
        self.phase = Phase.REVEALED

    def points_for_correct(self) -> float:
        """What a correct answer earns now (speed bonus read from the timer)."""
        points = 1.0
        if (
            self.setup.speed_bonus
            and self.timer.started
            and self.timer.elapsed <= self.timer.seconds / 3
        ):
            points += SPEED_BONUS
        if self.double_or_nothing:
            points *= 2
        return points

    def award(self, team_index: int) -> ScoreEvent:
        """A correct answer for the team on the current question."""
        return self._score(team_index, self.points_for_correct(), action="award points")

    def mark_wrong(self, team_index: int) -> ScoreEvent:
        """A wrong answer: 0 points, or minus the stake in the double-or-nothing final."""
        points = -2.0 if self.double_or_nothing else 0.0
        return self._score(team_index, points, action="mark an answer")

    def undo(self) -> ScoreEvent:
        """Take back the last scoring action of the night."""
        if self.phase is Phase.FINISHED:
            raise QuizNightError("the night is over: scores are final")
        if not self.history:
            raise QuizNightError("no score to undo")
        event = self.history[-1]
        self._recorder.score_removed(event.score_id)  # saved first: a failed save changes nothing
        self.history.pop()
        return event

    def skip(self) -> QuizQuestion:
        """Drop the current question (a bad one) for the next in reserve, or go on without it."""
        self._require(Phase.QUESTION, Phase.REVEALED, action="skip a question")
        asked = self._asked[-1]
        if any(e.asked_id == asked.asked_id for e in self.history):
            raise QuizNightError("this question has scores: undo them before skipping it")
        current_round = self._rounds[self.round_index]
        if not self._reserve and len(current_round) == 1:
            raise QuizNightError("no question left to replace it: press n to move on")
        self._recorder.question_skipped(asked.asked_id)  # saved first, as in undo
        asked.skipped = True
        skipped = asked.question
        if self._reserve:
            current_round[self.question_index] = self._reserve.pop(0)
            self._start_question()
        else:
            del current_round[self.question_index]
            if self.question_index < len(current_round):
                self._start_question()
            else:
                self.question_index -= 1  # stay on a valid index until the round ends
                self._end_round()
        return skipped

    def next(self) -> Phase:
        """Move on: next question, the scoreboard after a round, the podium after the last."""
        if self.phase is Phase.FINISHED:
            raise QuizNightError("the night is over")
        if self.phase is Phase.ROUND_END:
            if self.is_final_round:
                self._finish()
            else:
                self.round_index += 1
                self.question_index = 0
                self._start_question()
            return self.phase
        if self.question_index + 1 < self.round_size:
            self.question_index += 1
            self._start_question()
        else:
            self._end_round()
        return self.phase

    def finish_early(self) -> None:
        """End the night now (the host ran out of time); scores so far stand."""
        if self.phase is not Phase.FINISHED:
            self._finish()

    # --- inner steps

    def _score(self, team_index: int, points: float, *, action: str) -> ScoreEvent:
        self._require(Phase.QUESTION, Phase.REVEALED, action=action)
        if not 0 <= team_index < len(self.teams):
            raise QuizNightError(f"no team number {team_index + 1}")
        team = self.teams[team_index]
        if self.team_result(team_index) is not None:
            raise QuizNightError(f"{team.name} already has a score on this question (u undoes)")
        asked_id = self.current_asked_id
        score_id = self._recorder.score_added(team.team_id, asked_id, points)
        event = ScoreEvent(
            score_id=score_id,
            team_index=team_index,
            asked_id=asked_id,
            round_number=self.round_number,
            points=points,
        )
        self.history.append(event)
        return event

    def _require(self, *phases: Phase, action: str) -> None:
        if self.phase not in phases:
            where = {
                Phase.ROUND_END: "between rounds",
                Phase.FINISHED: "after the night is over",
            }.get(self.phase, "now")
            raise QuizNightError(f"cannot {action} {where}")

    def _start_question(self) -> None:
        self.phase = Phase.QUESTION
        self.timer = QuestionTimer(self.setup.timer_seconds, self._clock)
        self._ask_current()

    def _ask_current(self) -> None:
        asked_id = self._recorder.question_asked(
            self.question.id, self.round_number, self.question_number
        )
        self._asked.append(_Asked(question=self.question, asked_id=asked_id))

    def _end_round(self) -> None:
        self.timer.pause()
        self.phase = Phase.ROUND_END

    def _finish(self) -> None:
        self.timer.pause()
        self.phase = Phase.FINISHED
        self._recorder.night_finished()
