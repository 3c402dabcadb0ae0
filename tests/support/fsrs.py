"""Simulated review histories for the optimiser's tests, written straight into the review log.

A learner with known FSRS parameters studies cards scheduled by FSRS's defaults (as quizapp
schedules before any optimisation): each review is recalled with the probability the learner's
own forgetting curve gives, then rated. Seeded, so the same call gives the same history.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import fsrs_rs_python as fsrs_rs

from question_bank.store import Bank
from question_bank.store.schema import ArticleRow, QuestionRow, ReviewLogRow
from quizapp.study.learners import get_or_create_learner
from quizapp.study.optimise import forgetting_curve

START = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}

# A learner who forgets faster than FSRS's defaults assume and whose curve is steeper.
FORGETFUL = tuple(
    w * scale
    for w, scale in zip(
        fsrs_rs.DEFAULT_PARAMETERS,
        [0.5, 0.6, 0.5, 0.7] + [1.0] * 4 + [0.8] + [1.0] * 11 + [2.0],
        strict=True,
    )
)


def simulated_cards(
    parameters: Sequence[float], cards: int, days: int, *, seed: int, new_per_day: int = 10
) -> list[list[tuple[int, int]]]:
    """Per card, its reviews as (study day, rating)."""
    rng = random.Random(seed)
    truth = fsrs_rs.FSRS(list(parameters))
    scheduler = fsrs_rs.FSRS(list(fsrs_rs.DEFAULT_PARAMETERS))
    result = []
    for card in range(cards):
        day = card // new_per_day
        true_state = app_state = None
        last = day
        reviews: list[tuple[int, int]] = []
        while day < days:
            elapsed = day - last
            if true_state is None:
                rating = rng.choices((1, 2, 3, 4), (0.2, 0.1, 0.6, 0.1))[0]
            elif rng.random() > forgetting_curve(parameters, elapsed, true_state.stability):
                rating = 1
            else:
                rating = rng.choices((2, 3, 4), (0.15, 0.75, 0.10))[0]
            reviews.append((day, rating))
            name = RATING_NAMES[rating]
            true_state = getattr(truth.next_states(true_state, 0.9, elapsed), name).memory
            scheduled = getattr(scheduler.next_states(app_state, 0.9, elapsed), name)
            app_state = scheduled.memory
            last, day = day, day + max(1, round(scheduled.interval))
        if reviews:
            result.append(reviews)
    return result


def write_history(bank: Bank, learner: str, cards: list[list[tuple[int, int]]]) -> None:
    """The cards' reviews as `learner`'s review log, one question per card (made if missing)."""
    with bank.transaction() as session:
        learner_id = get_or_create_learner(session, learner)
        if session.get(ArticleRow, "sim") is None:
            session.add(
                ArticleRow(id="sim", title="Simulated", source="sim", text="", content_hash="sim")
            )
            session.flush()
        existing = set(
            session.scalars(QuestionRow.__table__.select().with_only_columns(QuestionRow.id))
        )
        logs = []
        for number, reviews in enumerate(cards):
            question_id = f"sim{number:05d}"
            if question_id not in existing:
                session.add(
                    QuestionRow(
                        id=question_id,
                        article_id="sim",
                        kind="open",
                        prompt=f"Question {number}?",
                        answer=str(number),
                        source_sentence="",
                        position=number,
                    )
                )
                existing.add(question_id)
            for index, (day, rating) in enumerate(reviews):
                logs.append(
                    ReviewLogRow(
                        learner_id=learner_id,
                        question_id=question_id,
                        rating=rating,
                        reviewed_at=START + timedelta(days=day, seconds=index),
                        state_before=0 if index == 0 else 2,
                        state_after=2,
                    )
                )
        session.flush()
        session.add_all(logs)
