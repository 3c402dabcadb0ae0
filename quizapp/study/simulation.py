"""A year of study simulated by fsrs-rs: what some FSRS parameters predict for a learner.

`forecast` runs fsrs-rs's simulator at a desired retention with the learner's limits, learning
steps and rating habits (`simulator_config`); the optimiser (`quizapp.study.optimise`) compares
the parameters in use with the fitted ones this way, and `RetentionChoice` lays several desired
retentions side by side, as Anki's simulator does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import fsrs_rs_python as fsrs_rs
from sqlalchemy import func, select

from question_bank.store import Bank
from question_bank.store.schema import QuestionRow
from quizapp.settings import Settings

SIMULATED_DAYS = 365
# The simulator's deck: the bank's questions, capped so that a huge bank still answers quickly.
MAX_SIMULATED_DECK = 10_000
# Rating habits come from the history once it has this many first answers / passed reviews.
MIN_RATINGS_FOR_HABITS = 50


class RatingHabits(Protocol):
    """What the simulator takes from a learner's history (`optimise.History` has it)."""

    @property
    def rating_counts(self) -> Mapping[str, Counter[int]]:
        """Ratings of first answers ("first") and of passed reviews ("recall")."""
        ...


@dataclass(frozen=True)
class RetentionForecast:
    """The simulator's year of study at the desired retention with some parameters."""

    desired_retention: float
    retention: float
    """Share of simulated reviews recalled: the retention the parameters predict."""
    reviews_per_day: float
    minutes_per_day: float
    memorised: float
    """Expected number of cards remembered at the end of the simulated year."""

    @property
    def minutes_per_card(self) -> float:
        """Study time over the year per card remembered at its end: the cost of retention."""
        return self.minutes_per_day * SIMULATED_DAYS / self.memorised if self.memorised else 0.0


def simulator_config(
    bank: Bank, settings: Settings, history: RatingHabits | None = None
) -> fsrs_rs.SimulatorConfig:
    """fsrs-rs's simulator set up as this learner studies: their limits, steps and habits."""
    config = fsrs_rs.default_simulator_config()
    with bank.transaction() as session:
        questions = session.scalar(
            select(func.count()).select_from(QuestionRow).where(QuestionRow.retired == False)  # noqa: E712
        )
    config.deck_size = max(1, min(MAX_SIMULATED_DECK, questions or 0))
    config.learn_span = SIMULATED_DAYS
    config.learn_limit = settings.new_cards_per_day
    config.review_limit = settings.reviews_per_day
    config.max_ivl = float(settings.maximum_interval_days)
    config.learning_step_count = len(settings.learning_steps_minutes)
    config.relearning_step_count = len(settings.relearning_steps_minutes)
    if history is not None:
        first = history.rating_counts["first"]
        if sum(first.values()) >= MIN_RATINGS_FOR_HABITS:
            config.first_rating_prob = _shares(first, (1, 2, 3, 4))
        recall = history.rating_counts["recall"]
        if sum(recall.values()) >= MIN_RATINGS_FOR_HABITS:
            config.review_rating_prob = _shares(recall, (2, 3, 4))
    return config


def _shares(counts: Counter[int], ratings: tuple[int, ...]) -> list[float]:
    # Add-one smoothing: a rating never pressed yet still gets a small chance.
    total = sum(counts[r] + 1 for r in ratings)
    return [(counts[r] + 1) / total for r in ratings]


def forecast(
    parameters: Sequence[float],
    desired_retention: float,
    config: fsrs_rs.SimulatorConfig,
    *,
    seed: int = 42,
) -> RetentionForecast:
    """Simulate a year of study at `desired_retention`, taking `parameters` as the truth."""
    result = fsrs_rs.simulate(list(parameters), desired_retention, config, seed=seed)
    reviews = sum(result.review_cnt_per_day)
    days = max(1, len(result.review_cnt_per_day))
    return RetentionForecast(
        desired_retention=desired_retention,
        retention=sum(result.correct_cnt_per_day) / reviews if reviews else 0.0,
        reviews_per_day=reviews / days,
        minutes_per_day=sum(result.cost_per_day) / days / 60,
        memorised=result.memorized_cnt_per_day[-1] if result.memorized_cnt_per_day else 0.0,
    )


@dataclass(frozen=True)
class RetentionChoice:
    """Workload against retention, as Anki's simulator shows it, and the library's optimum."""

    optimal: float
    """fsrs-rs's `optimal_retention` for this learner's parameters and limits."""
    rows: list[RetentionForecast]

    def lines(self, desired_retention: float) -> list[str]:
        """The table and the optimum, as the CLI and the settings screen show them."""
        lines = [
            "desired retention  retention  reviews/day  minutes/day  remembered  minutes/remembered"
        ]
        for row in self.rows:
            lines.append(
                f"{row.desired_retention:>17.2f}  {row.retention:>9.1%}  "
                f"{row.reviews_per_day:>11.0f}  {row.minutes_per_day:>11.0f}  "
                f"{row.memorised:>10.0f}  {row.minutes_per_card:>18.1f}"
            )
        lines.append(
            f"optimal retention (fsrs-rs, your limits and habits): {self.optimal:.2f} "
            f"(desired retention is {desired_retention:.2f}; set it in settings)"
        )
        return lines


RETENTIONS = (0.70, 0.75, 0.80, 0.85, 0.90, 0.95)
