"""FSRS scheduling through the `fsrs` package (FSRS-6), and our card state around it.

The bank's `cards` row carries the fsrs.Card fields plus what fsrs leaves to the application
(reps, lapses, suspended, buried, flagged, leech). `CardState` is a plain snapshot of a row:
it converts to and from `fsrs.Card`, and to and from the JSON stored in `review_logs.card_before`
so that undo restores a card exactly.

Every review goes through `fsrs.Scheduler.review_card`; the only thing added is where fuzz
draws its random number from. fsrs draws it from the global `random`, which would make the
interval shown on the "Good · 12d" button differ from the one the answer then gives, and tests
non-deterministic. Here the draw comes from a generator seeded by (learner, question, reps), as
Anki seeds fuzz by card id and reps, so a preview and the answer that follows agree.
"""

from __future__ import annotations

import hashlib
import random
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import fsrs
import fsrs.scheduler as fsrs_scheduler
from fsrs.scheduler import DEFAULT_PARAMETERS, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

from question_bank.store.reader import stored_question
from question_bank.store.schema import CardRow, QuestionRow
from quizapp.settings import Settings
from quizapp.study.views import (
    AGAIN,
    RATING_LABELS,
    STATE_NEW,
    STATE_REVIEW,
    CardView,
    GradePreview,
    Rating,
    State,
)

RATINGS = tuple(Rating)

__all__ = [
    "DEFAULT_PARAMETERS",
    "RATINGS",
    "STATE_FIELDS",
    "CardState",
    "Review",
    "build_scheduler",
    "clamp_parameters",
    "format_interval",
    "fuzz_draw",
    "fuzz_seed",
    "is_leech_lapse",
    "previews",
    "review",
]

# Fields of CardRow that make up a card's scheduling state (what undo restores).
STATE_FIELDS = (
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "reps",
    "lapses",
    "suspended",
    "buried_until",
    "flagged",
    "leech",
)
_DATETIME_FIELDS = ("due", "last_review", "buried_until")

# fsrs reads `random()` from its module; swapping it is serialised so threads never mix draws.
_FUZZ_LOCK = threading.Lock()


@dataclass(frozen=True)
class CardState:
    """A card's scheduling state for one learner; state 0 means never answered."""

    state: int = STATE_NEW
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0
    suspended: bool = False
    buried_until: datetime | None = None
    flagged: bool = False
    leech: bool = False

    @classmethod
    def of_row(cls, row: CardRow | None) -> CardState:
        """The state of a bank row; no row is a new card."""
        if row is None:
            return cls()
        return cls(**{name: getattr(row, name) for name in STATE_FIELDS})

    def view_of(self, question: QuestionRow, article_title: str) -> CardView:
        """The frozen view of `question` in this state, as screens and services hand it on."""
        return CardView.of(
            stored_question(question),
            article_title=article_title,
            state=State(self.state),
            due=self.due if self.state != STATE_NEW else None,
            reps=self.reps,
            lapses=self.lapses,
            flagged=self.flagged,
            suspended=self.suspended,
            leech=self.leech,
        )

    def apply_to(self, row: CardRow) -> None:
        """Write this state into a bank row."""
        for name in STATE_FIELDS:
            value = getattr(self, name)
            if name == "due" and value is None:
                continue  # a never-answered card keeps the row's creation time as due
            setattr(row, name, value)

    def to_json(self) -> dict[str, Any]:
        """JSON-safe dict (datetimes as ISO 8601 UTC) for `review_logs.card_before`."""
        data = asdict(self)
        for name in _DATETIME_FIELDS:
            value = data[name]
            data[name] = value.astimezone(UTC).isoformat() if value is not None else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CardState:
        """Inverse of `to_json`; unknown keys are ignored."""
        values = {name: data[name] for name in STATE_FIELDS if name in data}
        for name in _DATETIME_FIELDS:
            if values.get(name) is not None:
                values[name] = datetime.fromisoformat(values[name]).astimezone(UTC)
        return cls(**values)

    def to_fsrs(self, card_id: int, now: datetime) -> fsrs.Card:
        """The fsrs.Card for this state; a new card is fsrs's fresh Learning card, due now."""
        if self.state == STATE_NEW:
            # card_id is always given: fsrs.Card() without one sleeps 1 ms to make an id.
            return fsrs.Card(card_id=card_id, state=fsrs.State.Learning, step=0, due=now)
        return fsrs.Card(
            card_id=card_id,
            state=fsrs.State(self.state),
            step=self.step,
            stability=self.stability,
            difficulty=self.difficulty,
            due=self.due if self.due is not None else now,
            last_review=self.last_review,
        )


@dataclass(frozen=True)
class Review:
    """The outcome of one rating: the card's new state and the interval it was given."""

    before: CardState
    after: CardState
    rating: int
    interval: timedelta
    lapse: bool
    """A card in review state forgotten (rated Again): counts towards leeches."""


def build_scheduler(
    settings: Settings, parameters: Sequence[float] | None = None
) -> fsrs.Scheduler:
    """The fsrs.Scheduler for these settings (retention, steps, maximum interval, fuzz).

    `parameters` are the learner's own FSRS weights (`quizapp optimize`); None means fsrs's
    defaults.
    """
    return fsrs.Scheduler(
        # Clamped: a restored or hand-edited set slightly out of bounds must not stop studying.
        parameters=clamp_parameters(parameters) if parameters is not None else DEFAULT_PARAMETERS,
        desired_retention=settings.desired_retention,
        learning_steps=tuple(timedelta(minutes=m) for m in settings.learning_steps_minutes),
        relearning_steps=tuple(timedelta(minutes=m) for m in settings.relearning_steps_minutes),
        maximum_interval=settings.maximum_interval_days,
        enable_fuzzing=settings.enable_fuzzing,
    )


def clamp_parameters(parameters: Sequence[float]) -> tuple[float, ...]:
    """FSRS weights inside the bounds fsrs.Scheduler accepts (an optimiser's may round past)."""
    if len(parameters) != len(DEFAULT_PARAMETERS):
        raise ValueError(f"FSRS-6 has {len(DEFAULT_PARAMETERS)} parameters, not {len(parameters)}")
    return tuple(
        min(max(float(value), low), high)
        for value, low, high in zip(
            parameters, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS, strict=True
        )
    )


def fuzz_seed(learner_id: int, question_id: str, reps: int) -> int:
    """Seed of the fuzz draw for one review of one card: stable across processes."""
    key = f"{learner_id}\x1f{question_id}\x1f{reps}".encode()
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big")


def fuzz_draw(seed: int) -> float:
    """The number fsrs's fuzz gets from `random()` for this seed."""
    return random.Random(seed).random()


def review(
    scheduler: fsrs.Scheduler,
    before: CardState,
    rating: int,
    now: datetime,
    *,
    seed: int,
    card_id: int = 0,
) -> Review:
    """Rate a card at `now` (aware UTC) with fsrs.Scheduler.review_card."""
    if rating not in RATINGS:
        raise ValueError(f"rating must be 1-4, not {rating}")
    now = now.astimezone(UTC)  # fsrs insists on tzinfo == timezone.utc
    card = before.to_fsrs(card_id, now)
    if scheduler.enable_fuzzing:
        draw = fuzz_draw(seed)
        with _FUZZ_LOCK:
            saved = fsrs_scheduler.random
            fsrs_scheduler.random = lambda: draw
            try:
                after_card, _log = scheduler.review_card(card, fsrs.Rating(rating), now)
            finally:
                fsrs_scheduler.random = saved
    else:
        after_card, _log = scheduler.review_card(card, fsrs.Rating(rating), now)
    lapse = before.state == STATE_REVIEW and rating == AGAIN
    after = replace(
        before,
        state=int(after_card.state),
        step=after_card.step,
        stability=after_card.stability,
        difficulty=after_card.difficulty,
        due=after_card.due,
        last_review=after_card.last_review,
        reps=before.reps + 1,
        lapses=before.lapses + (1 if lapse else 0),
    )
    return Review(
        before=before, after=after, rating=rating, interval=after_card.due - now, lapse=lapse
    )


def is_leech_lapse(lapses: int, threshold: int) -> bool:
    """Whether a lapse bringing the card to `lapses` makes it a leech (again).

    As in Anki: at the threshold, then every half threshold after it (8, 12, 16... for 8),
    so a leech the learner unsuspended is caught again if it keeps failing.
    """
    if lapses < threshold:
        return False
    return (lapses - threshold) % max(1, (threshold + 1) // 2) == 0


def format_interval(interval: timedelta) -> str:
    """An interval as a button shows it: "45s", "10m", "3h", "3d", "1.2mo", "2.1y"."""
    seconds = max(0.0, interval.total_seconds())
    if seconds < 60:
        return f"{round(seconds)}s"
    minutes = seconds / 60
    if minutes < 60:
        return f"{round(minutes)}m"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)}h"
    days = hours / 24
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo"
    return f"{days / 365:.1f}y"


def previews(
    scheduler: fsrs.Scheduler, before: CardState, now: datetime, *, seed: int
) -> list[GradePreview]:
    """What each of the four ratings would give the card at `now`."""
    result = []
    for rating in RATINGS:
        outcome = review(scheduler, before, rating, now, seed=seed)
        result.append(
            GradePreview(
                rating=rating,
                label=RATING_LABELS[rating],
                interval=outcome.interval,
                text=format_interval(outcome.interval),
            )
        )
    return result
