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
timer without sleeping. Persistence goes through a `NightRecorder` (the bank implements it in
`quizapp.quiznight.store`); the engine itself never imports SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Literal, Protocol

from question_bank.errors import QuestionBankError
from question_bank.sanitize import terminal_safe

Seconds = Callable[[], float]
"""Monotonic seconds; `time.monotonic` in the app, a settable fake in tests. (Not
`quizapp.clock.Clock`, which gives aware datetimes for the study services.)"""

Difficulty = Literal["any", "easy", "medium", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = ("any", "easy", "medium", "hard")

# The kinds a host can pick. A cloze card is asked aloud like an open question (the gap is read
# as "blank"), so it belongs to the `open` family at a quiz night.
QUIZ_KINDS: tuple[str, ...] = ("choice", "truefalse", "open")
KIND_FAMILY = {"choice": "choice", "truefalse": "truefalse", "open": "open", "cloze": "open"}

# How hard a kind is when the bank knows nothing else: recognising beats recalling.
KIND_DIFFICULTY = {"truefalse": 0.2, "choice": 0.35, "cloze": 0.6, "open": 0.65}

SPEED_BONUS = 0.5
MAX_TEAMS = 9  # teams are scored with the keys 1-9
MAX_TEAM_NAME = 40
ANY_INTERFACE = "0.0.0.0"  # where the players' web server listens by default
DEFAULT_PORT = 8765


class QuizNightError(QuestionBankError):
    """A quiz night cannot be set up or an action is not allowed now (one-line message)."""


class Phase(StrEnum):
    QUESTION = "question"  # a question is on screen (timer idle, running, paused or expired)
    REVEALED = "revealed"  # the answer is on screen; scoring goes on
    ROUND_END = "round_end"  # the scoreboard between rounds
    FINISHED = "finished"  # the podium


@dataclass(frozen=True)
@terminal_safe
class QuizQuestion:
    """A question as the night needs it, with its estimated difficulty in [0, 1]."""

    id: str
    article_id: str
    kind: str
    prompt: str
    answer: str
    choices: tuple[str, ...] = ()
    source_sentence: str = ""
    difficulty: float = 0.5
    accepted_answers: tuple[str, ...] = ()  # other spellings the typed-answer grader accepts
    position: int = 0  # the sentence's place in its article (the sampler spreads over it)

    @property
    def family(self) -> str:
        return KIND_FAMILY.get(self.kind, "open")

    @property
    def options(self) -> tuple[str, ...]:
        """What the room chooses from: A-D for choice, True/False for true-or-false."""
        if self.kind == "choice":
            return self.choices
        if self.kind == "truefalse":
            return ("True", "False")
        return ()


def estimate_difficulty(kind: str, score: float, fsrs_difficulty: float | None) -> float:
    """A question's difficulty in [0, 1] from its kind, its card score and FSRS history.

    The card score is the generator's confidence that the card is clear (higher is clearer, so
    easier). FSRS difficulty (1-10, averaged over learners) is what people actually found hard;
    where the bank has that history it dominates.
    """
    static = 0.5 * KIND_DIFFICULTY.get(kind, 0.6) + 0.5 * (1.0 - min(max(score, 0.0), 1.0))
    if fsrs_difficulty is None:
        return round(static, 4)
    learned = (min(max(fsrs_difficulty, 1.0), 10.0) - 1.0) / 9.0
    return round(0.3 * static + 0.7 * learned, 4)


@dataclass
class NightSetup:
    """Everything the setup screen (or the command line) decides before a night starts."""

    teams: list[str] = field(default_factory=lambda: ["Team 1", "Team 2"])
    article_ids: list[str] = field(default_factory=list)  # empty means every article
    rounds: int = 3
    per_round: int = 8
    timer_seconds: int = 30
    kinds: tuple[str, ...] = QUIZ_KINDS
    difficulty: Difficulty = "any"
    speed_bonus: bool = False
    double_final: bool = False
    seed: int | None = None
    name: str = "Quiz night"
    players: bool = False  # players answer on their phones (`quizapp.quiznight.room`)
    # Where the phones' web server listens: every interface, so phones on the network reach it.
    players_host: str = ANY_INTERFACE
    players_port: int = DEFAULT_PORT

    def add_team(self, name: str) -> None:
        clean = self._clean_name(name)
        if len(self.teams) >= MAX_TEAMS:
            raise QuizNightError(f"at most {MAX_TEAMS} teams (they are scored with keys 1-9)")
        self.teams.append(clean)

    def rename_team(self, index: int, name: str) -> None:
        self._check_index(index)
        clean = self._clean_name(name, ignore=index)
        self.teams[index] = clean

    def remove_team(self, index: int) -> None:
        self._check_index(index)
        del self.teams[index]

    def _check_index(self, index: int) -> None:
        if not 0 <= index < len(self.teams):
            raise QuizNightError(f"no team number {index + 1}")

    def _clean_name(self, name: str, ignore: int | None = None) -> str:
        clean = " ".join(name.split())
        if not clean:
            raise QuizNightError("a team needs a name")
        if len(clean) > MAX_TEAM_NAME:
            raise QuizNightError(f"team names are at most {MAX_TEAM_NAME} characters")
        others = [t.casefold() for i, t in enumerate(self.teams) if i != ignore]
        if clean.casefold() in others:
            raise QuizNightError(f"there is already a team called {clean!r}")
        return clean

    @property
    def questions_needed(self) -> int:
        return self.rounds * self.per_round

    def validate(self) -> None:
        """Refuse a setup no night can be played with, with the first reason."""
        # With players on their phones a night without teams is played solo.
        if len(self.teams) < 1 and not self.players:
            raise QuizNightError("add at least one team")
        if len(self.teams) > MAX_TEAMS:
            raise QuizNightError(f"at most {MAX_TEAMS} teams (they are scored with keys 1-9)")
        seen: set[str] = set()
        for team in self.teams:
            if not team.strip():
                raise QuizNightError("a team needs a name")
            if team.casefold() in seen:
                raise QuizNightError(f"two teams are called {team!r}")
            seen.add(team.casefold())
        if not 1 <= self.rounds <= 20:
            raise QuizNightError("rounds must be between 1 and 20")
        if not 1 <= self.per_round <= 50:
            raise QuizNightError("questions per round must be between 1 and 50")
        if not 5 <= self.timer_seconds <= 600:
            raise QuizNightError("the timer must be between 5 and 600 seconds")
        if not self.kinds:
            raise QuizNightError("pick at least one kind of question")
        unknown = [k for k in self.kinds if k not in QUIZ_KINDS]
        if unknown:
            raise QuizNightError(f"unknown question kind {unknown[0]!r} (use {QUIZ_KINDS})")
        if self.difficulty not in DIFFICULTIES:
            raise QuizNightError(f"difficulty must be one of {', '.join(DIFFICULTIES)}")

    def as_settings(self) -> dict[str, object]:
        """The setup as stored with the night (JSON)."""
        return {
            "articles": list(self.article_ids),
            "rounds": self.rounds,
            "per_round": self.per_round,
            "timer_seconds": self.timer_seconds,
            "kinds": list(self.kinds),
            "difficulty": self.difficulty,
            "speed_bonus": self.speed_bonus,
            "double_final": self.double_final,
            "seed": self.seed,
            "players": self.players,
        }


# --- choosing the questions -------------------------------------------------------------------


def eligible_questions(pool: Sequence[QuizQuestion], setup: NightSetup) -> list[QuizQuestion]:
    """The questions matching the setup's articles, kinds and difficulty band.

    Difficulty bands are thirds of the matching questions ranked by estimated difficulty (ties
    broken by id), so "easy" always means the easiest third of what the bank has, even when the
    bank has no review history and most estimates are equal.
    """
    articles = set(setup.article_ids)
    matching = [
        q
        for q in pool
        if (not articles or q.article_id in articles)
        and q.family in setup.kinds
        and (q.kind != "choice" or len(q.choices) >= 2)
    ]
    if setup.difficulty == "any" or not matching:
        return sorted(matching, key=lambda q: q.id)
    ranked = sorted(matching, key=lambda q: (q.difficulty, q.id))
    third = len(ranked) / 3
    band = {"easy": 0, "medium": 1, "hard": 2}[setup.difficulty]
    return ranked[round(band * third) : round((band + 1) * third)]


def order_questions(questions: Sequence[QuizQuestion], seed: int | None) -> list[QuizQuestion]:
    """Every question once, in a night's order: the shared sampler's (`quizapp.exports.sampler`).

    Articles interleaved, kinds mixed (cloze counts as open), spread across each article,
    seeded; questions sharing a source sentence (a cloze and an open card on the same fact
    give each other away) come after every sentence has had one, as the reserve.
    """
    from quizapp.exports.sampler import sample_order

    return sample_order(questions, seed, family=lambda kind: KIND_FAMILY.get(kind, "open"))


def plan_night(
    pool: Sequence[QuizQuestion], setup: NightSetup
) -> tuple[list[list[QuizQuestion]], list[QuizQuestion]]:
    """The rounds of the night and the reserve that replaces skipped questions."""
    setup.validate()
    eligible = eligible_questions(pool, setup)
    needed = setup.questions_needed
    if len(eligible) < needed:
        raise QuizNightError(
            f"only {len(eligible)} questions match this setup and {needed} are needed "
            f"({setup.rounds} rounds x {setup.per_round}): add articles or kinds, choose "
            "another difficulty or ask fewer questions"
        )
    ordered = order_questions(eligible, setup.seed)
    rounds = [ordered[i * setup.per_round : (i + 1) * setup.per_round] for i in range(setup.rounds)]
    return rounds, ordered[needed:]


# --- the timer --------------------------------------------------------------------------------


class TimerState(StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"
    EXPIRED = "expired"


class QuestionTimer:
    """A countdown for one question that reads an injected clock; nothing ticks by itself."""

    def __init__(self, seconds: float, clock: Seconds) -> None:
        self.seconds = float(seconds)
        self._clock = clock
        self._spent = 0.0  # seconds run before the current run started
        self._started_at: float | None = None  # clock time of the current run, if running

    @property
    def elapsed(self) -> float:
        running = 0.0 if self._started_at is None else self._clock() - self._started_at
        return min(self.seconds, self._spent + max(running, 0.0))

    @property
    def remaining(self) -> float:
        return max(0.0, self.seconds - self.elapsed)

    @property
    def state(self) -> TimerState:
        if self.elapsed >= self.seconds:
            return TimerState.EXPIRED
        if self._started_at is not None:
            return TimerState.RUNNING
        return TimerState.PAUSED if self._spent > 0 else TimerState.IDLE

    @property
    def started(self) -> bool:
        return self._started_at is not None or self._spent > 0

    def start(self) -> None:
        """Start or resume; does nothing if running or expired."""
        if self.state in (TimerState.IDLE, TimerState.PAUSED):
            self._started_at = self._clock()

    def pause(self) -> None:
        if self._started_at is not None:
            self._spent = self.elapsed
            self._started_at = None

    def toggle(self) -> None:
        if self._started_at is not None:
            self.pause()
        else:
            self.start()


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
