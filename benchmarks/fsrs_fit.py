"""How well `quizapp optimize` recovers learners it could not have seen: simulated ground truth.

Each simulated learner has known FSRS-6 parameters (FSRS's defaults, perturbed with a seed).
They study cards that quizapp schedules with FSRS's *default* parameters, as it does before any
optimisation; each review is recalled with the probability the learner's own forgetting curve
gives (R = (1 + factor * t / S) ** -w20, S from the learner's true memory state), then rated
Hard/Good/Easy with the learner's habits, or Again when forgotten. Reviews are whole days apart
(no same-day learning steps), so w17-w19 (short-term stability) are not exercised and are left
out of the parameter error.

The first 80% of the simulated days train the optimiser (quizapp.study.optimise.fit_parameters,
i.e. fsrs-rs); the reviews of the last 20% are held out. Printed per learner:
- parameter error: mean |w - w_true| over w0-w16 and w20, each divided by the width of its
  allowed range, for FSRS's defaults and for the fit;
- retrievability error: RMSE between predicted and true recall probability on held-out reviews;
- held-out log loss with the true parameters (the floor), the defaults and the fit, and the
  gain (defaults' log loss minus the fit's); the fit must beat the defaults for every learner.
Then the time of one `quizapp optimize` (read log, evaluate, fit, simulate, save) on a
10,000-review history in a SQLite bank, and of the fit alone. The machine is shared by
several engineers' test runs, so timings are loaded figures; `--py-fsrs-python PY` also times
py-fsrs's torch optimiser on the same reviews, in another interpreter that has
`fsrs[optimizer]` installed, for the install-weight-vs-speed comparison.

    python benchmarks/fsrs_fit.py [--learners 6] [--seed 1] [--py-fsrs-python /path/python]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs_rs_python as fsrs_rs
from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

from question_bank.store import open_bank
from question_bank.store.schema import ArticleRow, LearnerRow, QuestionRow, ReviewLogRow
from quizapp.settings import Settings
from quizapp.study.optimise import (
    DEFAULT_PARAMETERS,
    fit_parameters,
    forgetting_curve,
    optimise,
    training_items,
)

RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}
IDENTIFIABLE = [*range(17), 20]  # w17-w19 need same-day reviews, which the simulation has none of
START = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


@dataclass
class Learner:
    name: str
    parameters: tuple[float, ...]
    first_ratings: tuple[float, float, float, float]
    pass_ratings: tuple[float, float, float]
    cards: int
    days: int


@dataclass
class Review:
    day: int
    rating: int
    delta: int
    true_recall: float  # the learner's real probability of recall at this review (1 if new)


def make_learners(count: int, seed: int) -> list[Learner]:
    rng = random.Random(seed)
    learners = []
    for number in range(count):
        weights = list(DEFAULT_PARAMETERS)
        for index in range(4):  # first stabilities: who remembers a new card how long
            weights[index] *= math.exp(rng.gauss(0, 0.6))
        for index in range(4, 17):
            weights[index] *= math.exp(rng.gauss(0, 0.25))
        weights[20] = rng.uniform(0.1, 0.6)  # the shape of the forgetting curve
        weights = [
            min(max(w, low), high)
            for w, low, high in zip(
                weights, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True
            )
        ]
        again = rng.uniform(0.1, 0.35)
        hard = rng.uniform(0.03, 0.2)
        easy = rng.uniform(0.03, 0.2)
        first = (again, hard, 1 - again - hard - easy, easy)
        pass_hard, pass_easy = rng.uniform(0.05, 0.3), rng.uniform(0.02, 0.2)
        learners.append(
            Learner(
                name=f"learner{number + 1}",
                parameters=tuple(weights),
                first_ratings=first,
                pass_ratings=(pass_hard, 1 - pass_hard - pass_easy, pass_easy),
                cards=rng.choice((1200, 1600, 2000)),
                days=365,
            )
        )
    return learners


def simulate(learner: Learner, seed: int) -> list[list[Review]]:
    """The learner's reviews, card by card, scheduled by FSRS's defaults at retention 0.9."""
    rng = random.Random(seed)
    truth = fsrs_rs.FSRS(list(learner.parameters))
    app = fsrs_rs.FSRS(list(DEFAULT_PARAMETERS))
    # New cards every day over the first 70% of the days, so the held-out 20% has reviews
    # of young and old cards alike.
    per_day = max(1, math.ceil(learner.cards / (learner.days * 0.7)))
    cards = []
    for card in range(learner.cards):
        day = last = card // per_day
        true_state = app_state = None
        reviews: list[Review] = []
        while day < learner.days:
            delta = day - last
            if true_state is None:
                recall = 1.0
                rating = rng.choices((1, 2, 3, 4), learner.first_ratings)[0]
            else:
                recall = forgetting_curve(learner.parameters, delta, true_state.stability)
                if rng.random() > recall:
                    rating = 1
                else:
                    rating = rng.choices((2, 3, 4), learner.pass_ratings)[0]
            reviews.append(Review(day, rating, delta, recall))
            name = RATING_NAMES[rating]
            true_state = getattr(truth.next_states(true_state, 0.9, delta), name).memory
            scheduled = getattr(app.next_states(app_state, 0.9, delta), name)
            app_state = scheduled.memory
            last, day = day, day + max(1, round(scheduled.interval))
        cards.append(reviews)
    return cards


def as_pairs(cards: list[list[Review]]) -> list[list[tuple[int, int]]]:
    return [[(r.rating, r.delta) for r in reviews] for reviews in cards]


def held_out(
    parameters: tuple[float, ...], cards: list[list[Review]], split_day: int
) -> tuple[list[float], list[float], list[int]]:
    """Predicted recall, true recall and outcome of every held-out review (day >= split)."""
    model = fsrs_rs.FSRS(list(parameters))
    predicted, true, outcome = [], [], []
    whole = [c for c in cards if len(c) > 1]
    items = [fsrs_rs.FSRSItem([fsrs_rs.FSRSReview(r.rating, r.delta) for r in c]) for c in whole]
    for reviews, states in zip(whole, model.historical_memory_state_batch(items), strict=True):
        for end in range(1, len(reviews)):
            review = reviews[end]
            if review.day >= split_day and review.delta > 0:
                stability = states[end - 1].stability
                predicted.append(forgetting_curve(parameters, review.delta, stability))
                true.append(review.true_recall)
                outcome.append(int(review.rating > 1))
    return predicted, true, outcome


def log_loss(predicted: list[float], outcome: list[int]) -> float:
    total = 0.0
    for p, y in zip(predicted, outcome, strict=True):
        p = min(max(p, 1e-6), 1 - 1e-6)
        total -= y * math.log(p) + (1 - y) * math.log(1 - p)
    return total / len(predicted)


def rmse(a: list[float], b: list[float]) -> float:
    return math.sqrt(sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) / len(a))


def parameter_error(parameters: tuple[float, ...], truth: tuple[float, ...]) -> float:
    return sum(
        abs(parameters[i] - truth[i]) / (UPPER_BOUNDS_PARAMETERS[i] - LOWER_BOUNDS_PARAMETERS[i])
        for i in IDENTIFIABLE
    ) / len(IDENTIFIABLE)


def evaluate_learners(count: int, seed: int) -> bool:
    print(
        f"{'learner':<10}{'reviews':>8}{'train':>7}{'test':>6}"
        f"{'param err def/fit':>19}{'R rmse def/fit':>16}{'log loss true/def/fit':>24}"
        f"{'gain':>9}{'fit time':>10}"
    )
    all_better = True
    for number, learner in enumerate(make_learners(count, seed)):
        cards = simulate(learner, seed * 1000 + number)
        split_day = int(learner.days * 0.8)
        train = [[r for r in reviews if r.day < split_day] for reviews in cards]
        items = training_items(as_pairs([t for t in train if t]))
        started = time.perf_counter()
        fitted = fit_parameters(items, learner.name)
        elapsed = time.perf_counter() - started
        figures = {}
        for label, parameters in (
            ("true", learner.parameters),
            ("default", DEFAULT_PARAMETERS),
            ("fitted", fitted),
        ):
            predicted, true, outcome = held_out(parameters, cards, split_day)
            figures[label] = (log_loss(predicted, outcome), rmse(predicted, true), len(outcome))
        better = figures["fitted"][0] < figures["default"][0]
        all_better &= better
        reviews = sum(len(c) for c in cards)
        print(
            f"{learner.name:<10}{reviews:>8}{len(items):>7}{figures['fitted'][2]:>6}"
            f"{parameter_error(DEFAULT_PARAMETERS, learner.parameters):>10.3f}"
            f"{parameter_error(fitted, learner.parameters):>9.3f}"
            f"{figures['default'][1]:>8.3f}{figures['fitted'][1]:>8.3f}"
            f"{figures['true'][0]:>10.4f}{figures['default'][0]:>7.4f}{figures['fitted'][0]:>7.4f}"
            f"{figures['default'][0] - figures['fitted'][0]:>9.5f}"
            f"{elapsed:>9.2f}s  {'fit beats defaults' if better else 'FIT DOES NOT BEAT DEFAULTS'}"
        )
    print(f"fitted beats defaults on held-out log loss for every learner: {all_better}")
    return all_better


def ten_thousand_reviews(seed: int) -> list[list[Review]]:
    """A history of exactly 10,000 reviews (whole cards, the last one cut short)."""
    learner = make_learners(1, seed + 99)[0]
    learner.cards = 2500
    cards = simulate(learner, seed)
    kept, total = [], 0
    for card in cards:
        if total + len(card) >= 10_000:
            kept.append(card[: 10_000 - total])
            break
        kept.append(card)
        total += len(card)
    return kept


def time_optimise(cards: list[list[Review]]) -> None:
    reviews = sum(len(c) for c in cards)
    with tempfile.TemporaryDirectory() as scratch:
        bank = open_bank(Path(scratch) / "bank.sqlite")
        try:
            with bank.transaction() as session:
                learner = LearnerRow(name="sim")
                session.add(learner)
                session.add(ArticleRow(id="a", title="A", source="a", text="", content_hash="a"))
                session.flush()
                for number in range(len(cards)):
                    session.add(
                        QuestionRow(
                            id=f"q{number:05d}",
                            article_id="a",
                            kind="open",
                            prompt="?",
                            answer="!",
                            source_sentence="",
                        )
                    )
                session.flush()
                session.add_all(
                    ReviewLogRow(
                        learner_id=learner.id,
                        question_id=f"q{number:05d}",
                        rating=review.rating,
                        reviewed_at=START + timedelta(days=review.day, seconds=index),
                        state_before=0 if index == 0 else 2,
                    )
                    for number, card in enumerate(cards)
                    for index, review in enumerate(card)
                )
            started = time.perf_counter()
            report = optimise(bank, Settings(), "sim", timezone=UTC)
            whole = time.perf_counter() - started
        finally:
            bank.dispose()
    items = training_items(as_pairs(cards))
    started = time.perf_counter()
    fit_parameters(items)
    fit = time.perf_counter() - started
    print(
        f"quizapp optimize on {reviews} reviews ({report.items} training items): {whole:.2f} s "
        f"end to end (read log, evaluate, fit, simulate a year twice, save); the fit alone "
        f"{fit:.2f} s  [shared, loaded machine]"
    )
    print(f"  under 30 s: {whole < 30}")


PY_FSRS_TIMER = """
import json, sys, time
from datetime import datetime
from fsrs import Rating, ReviewLog
from fsrs.optimizer import Optimizer
logs = [ReviewLog(card_id=c, rating=Rating(r), review_datetime=datetime.fromisoformat(t),
                  review_duration=None) for c, r, t in json.load(open(sys.argv[1]))]
started = time.perf_counter()
Optimizer(logs).compute_optimal_parameters()
print(f"{time.perf_counter() - started:.2f}")
"""


def time_py_fsrs(python: str, cards: list[list[Review]]) -> None:
    rows = [
        (number + 1, review.rating, (START + timedelta(days=review.day)).isoformat())
        for number, card in enumerate(cards)
        for review in card
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
        json.dump(rows, file)
    done = subprocess.run(
        [python, "-c", PY_FSRS_TIMER, file.name], capture_output=True, text=True, check=False
    )
    Path(file.name).unlink()
    if done.returncode != 0:
        print(f"py-fsrs optimiser: failed: {done.stderr.strip().splitlines()[-1:]}")
        return
    print(
        f"py-fsrs (torch) optimiser on the same {len(rows)} reviews: {done.stdout.strip()} s "
        "[same loaded machine]"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--py-fsrs-python", help="an interpreter with fsrs[optimizer] installed")
    args = parser.parse_args()
    ok = evaluate_learners(args.learners, args.seed)
    cards = ten_thousand_reviews(args.seed)
    time_optimise(cards)
    if args.py_fsrs_python:
        time_py_fsrs(args.py_fsrs_python, cards)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
