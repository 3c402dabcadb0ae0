"""FSRS correctness: what the study service stores equals what fsrs.Scheduler.review_card gives.

A sequence of ratings is answered through `StudyService` at injected times, and the same
ratings at the same times go through a plain `fsrs.Card` and `fsrs.Scheduler`; after every
answer the stored state, step, stability, difficulty, due date, last review and the interval
must be equal. With fuzz on, fsrs's `random()` is made to return the draw our seeded generator
made, and the results must still be equal.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import fsrs
import fsrs.scheduler as fsrs_scheduler
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from question_bank.store import Bank, open_bank
from quizapp.settings import Settings
from quizapp.study import scheduling
from quizapp.study.scheduling import CardState, format_interval, is_leech_lapse
from quizapp.study.session import StudyService
from tests.support.study import FakeClock, add_article, card_row

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def reference_scheduler(config: Settings) -> fsrs.Scheduler:
    """A plain fsrs.Scheduler built by hand from the settings (not by our code)."""
    return fsrs.Scheduler(
        desired_retention=config.desired_retention,
        learning_steps=[timedelta(minutes=m) for m in config.learning_steps_minutes],
        relearning_steps=[timedelta(minutes=m) for m in config.relearning_steps_minutes],
        maximum_interval=config.maximum_interval_days,
        enable_fuzzing=config.enable_fuzzing,
    )


def run_and_compare(
    bank: Bank,
    config: Settings,
    steps: list[tuple[int, timedelta]],
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> int:
    """Answer one card with (rating, wait) steps through the service and through fsrs; compare.

    Returns how many answers were compared.
    """
    qid = add_article(bank, "fsrs", 1)[0]
    clock = FakeClock(START)
    service = StudyService(bank, config, "me", clock=clock, timezone=UTC)
    reference = reference_scheduler(config)
    card = fsrs.Card(card_id=1, due=START)
    compared = 0
    for reps, (rating, wait) in enumerate(steps):
        clock.advance(seconds=wait.total_seconds())
        now = clock.now
        if monkeypatch is not None:
            draw = scheduling.fuzz_draw(scheduling.fuzz_seed(service.learner_id, qid, reps))
            monkeypatch.setattr(fsrs_scheduler, "random", lambda draw=draw: draw)
        card, _log = reference.review_card(card, fsrs.Rating(rating), now)
        if monkeypatch is not None:
            monkeypatch.undo()
        previews = {p.rating: p.interval for p in service.previews(qid)}
        result = service.answer(qid, rating, duration_ms=1000, mode="flip")
        row = card_row(bank, qid)
        assert row is not None
        assert row.state == int(card.state)
        assert row.step == card.step
        assert row.stability == card.stability
        assert row.difficulty == card.difficulty
        assert row.due == card.due == result.due
        assert row.last_review == card.last_review == now
        assert result.interval == card.due - now == previews[rating]
        assert row.reps == reps + 1
        compared += 1
    return compared


SEQUENCE = [
    (3, timedelta(0)),  # new -> learning step 1
    (3, timedelta(minutes=10)),  # graduates to review
    (3, timedelta(days=3)),  # review, on time
    (4, timedelta(days=9)),  # easy
    (1, timedelta(days=40)),  # forgotten: relearning, a lapse
    (2, timedelta(minutes=10)),  # hard in relearning
    (3, timedelta(minutes=10)),  # back to review
    (2, timedelta(days=2)),  # hard review
    (3, timedelta(hours=5)),  # reviewed again the same day: short-term stability
    (1, timedelta(days=1)),
    (1, timedelta(minutes=3)),
    (4, timedelta(minutes=1)),
]


def test_stored_cards_equal_fsrs_review_card_without_fuzz(bank: Bank) -> None:
    config = Settings(enable_fuzzing=False)
    assert run_and_compare(bank, config, SEQUENCE) == len(SEQUENCE)
    row = card_row(bank, "fsrs-q000")
    assert row is not None and row.lapses == 2  # two Again answers on a review-state card


def test_stored_cards_equal_fsrs_review_card_with_fuzz(
    bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = Settings(enable_fuzzing=True)
    assert run_and_compare(bank, config, SEQUENCE, monkeypatch) == len(SEQUENCE)


def test_settings_reach_the_scheduler(bank: Bank) -> None:
    config = Settings(
        enable_fuzzing=False,
        desired_retention=0.8,
        learning_steps_minutes=[2.0, 15.0, 60.0],
        relearning_steps_minutes=[5.0, 30.0],
        maximum_interval_days=20,
    )
    long_run = [*SEQUENCE, *[(4, timedelta(days=25))] * 5]
    assert run_and_compare(bank, config, long_run) == len(long_run)
    row = card_row(bank, "fsrs-q000")
    assert row is not None and row.last_review is not None and row.due is not None
    assert row.due - row.last_review <= timedelta(days=20)  # the maximum interval holds


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    steps=st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=4),
            st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400)),
        ),
        min_size=1,
        max_size=15,
    ),
    retention=st.floats(min_value=0.7, max_value=0.99),
)
def test_any_sequence_of_answers_matches_fsrs(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[int, timedelta]], retention: float
) -> None:
    path: Path = tmp_path_factory.mktemp("fsrs") / "bank.sqlite"
    bank = open_bank(path)
    try:
        config = Settings(enable_fuzzing=False, desired_retention=retention)
        assert run_and_compare(bank, config, steps) == len(steps)
    finally:
        bank.dispose()


def test_preview_of_a_new_card_shows_the_learning_steps(bank: Bank) -> None:
    qid = add_article(bank, "p", 1)[0]
    service = StudyService(
        bank, Settings(enable_fuzzing=False), "me", clock=FakeClock(START), timezone=UTC
    )
    previews = service.previews(qid)
    assert [p.label for p in previews] == ["Again", "Hard", "Good", "Easy"]
    assert [p.text for p in previews[:3]] == ["1m", "6m", "10m"]  # (1 + 10) / 2 for Hard
    assert previews[3].interval >= timedelta(days=1)
    assert card_row(bank, qid) is None  # a preview writes nothing


def test_card_state_round_trips_through_the_log_json() -> None:
    state = CardState(
        state=3,
        step=0,
        stability=1.25,
        difficulty=7.5,
        due=START,
        last_review=START - timedelta(days=3),
        reps=9,
        lapses=2,
        suspended=True,
        buried_until=START + timedelta(hours=1),
        flagged=True,
        leech=False,
    )
    assert CardState.from_json(state.to_json()) == state
    assert CardState.from_json(CardState().to_json()) == CardState()


@pytest.mark.parametrize(
    ("interval", "text"),
    [
        (timedelta(seconds=30), "30s"),
        (timedelta(minutes=1), "1m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(hours=3), "3h"),
        (timedelta(days=3), "3d"),
        (timedelta(days=36), "1.2mo"),
        (timedelta(days=800), "2.2y"),
    ],
)
def test_interval_text(interval: timedelta, text: str) -> None:
    assert format_interval(interval) == text


def test_leech_threshold_then_every_half_threshold() -> None:
    hits = [lapses for lapses in range(1, 25) if is_leech_lapse(lapses, 8)]
    assert hits == [8, 12, 16, 20, 24]
    assert [n for n in range(1, 5) if is_leech_lapse(n, 1)] == [1, 2, 3, 4]


def test_fuzz_is_deterministic_per_card_and_review(bank: Bank) -> None:
    config: Any = Settings(enable_fuzzing=True)
    scheduler = scheduling.build_scheduler(config)
    review_card = CardState(
        state=2, stability=40.0, difficulty=5.0, due=START, last_review=START - timedelta(40)
    )
    first = scheduling.review(scheduler, review_card, 3, START, seed=7)
    again = scheduling.review(scheduler, review_card, 3, START, seed=7)
    assert first.after == again.after
    others = {
        scheduling.review(scheduler, review_card, 3, START, seed=s).interval for s in range(30)
    }
    assert len(others) > 1  # the seed does spread due dates
