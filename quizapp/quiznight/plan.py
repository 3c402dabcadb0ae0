"""Planning a quiz night: the questions a night asks, the host's setup, and choosing them.

The setup is checked before a night starts (`NightSetup.validate`); the questions matching it
are banded by difficulty and put in the shared sampler's order (`quizapp.exports.sampler`),
the first `rounds x per_round` for the night and the rest as the reserve that replaces
skipped ones. Nothing here keeps state or touches the bank.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from question_bank.errors import QuestionBankError
from question_bank.models import StoredQuestion

Difficulty = Literal["any", "easy", "medium", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = ("any", "easy", "medium", "hard")

# The kinds a host can pick. A cloze card is asked aloud like an open question (the gap is read
# as "blank"), so it belongs to the `open` family at a quiz night.
QUIZ_KINDS: tuple[str, ...] = ("choice", "truefalse", "open")
KIND_FAMILY = {"choice": "choice", "truefalse": "truefalse", "open": "open", "cloze": "open"}

# How hard a kind is when the bank knows nothing else: recognising beats recalling.
KIND_DIFFICULTY = {"truefalse": 0.2, "choice": 0.35, "cloze": 0.6, "open": 0.65}

MAX_TEAMS = 9  # teams are scored with the keys 1-9
MAX_TEAM_NAME = 40
ANY_INTERFACE = "0.0.0.0"  # where the players' web server listens by default
DEFAULT_PORT = 8765


class QuizNightError(QuestionBankError):
    """A quiz night cannot be set up or an action is not allowed now (one-line message)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class QuizQuestion(StoredQuestion):
    """A question as the night needs it: the stored question and its estimated difficulty.

    Its text is safe to show as it comes: the store's reader cleans it (`question_bank.store.
    reader`), and a pool of 200,000 is not cleaned a second time.
    """

    difficulty: float = 0.5
    """In [0, 1] (`estimate_difficulty`)."""

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


# --- choosing the questions-------------------------------------------------------------------


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
