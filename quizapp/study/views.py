"""Plain, frozen data types the study services hand to the UI.

The TUI never sees live ORM objects (DESIGN.md): every service in `quizapp.study.session`,
`quizapp.study.browse`, `quizapp.study.stats` and `quizapp.study.grading` returns these
dataclasses, built inside one short session and safe to keep after it is closed or to pass
between threads.

Datetimes are aware UTC; the UI converts to local time for display.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import IntEnum
from typing import Literal

from question_bank.models import QuestionId, StoredQuestion
from question_bank.sanitize import terminal_safe


class State(IntEnum):
    """A card's FSRS state (fsrs.State's values), plus NEW for a card never answered (fsrs
    has no "new" state). Integers in the bank; members compare equal to them."""

    NEW = 0
    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3


class Rating(IntEnum):
    """An answer's grade, fsrs.Rating's values."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


STATE_NEW, STATE_LEARNING, STATE_REVIEW, STATE_RELEARNING = State
STATE_NAMES: dict[int, str] = {state: state.name.lower() for state in State}
AGAIN, HARD, GOOD, EASY = Rating
RATING_LABELS: dict[int, str] = {rating: rating.name.capitalize() for rating in Rating}

Verdict = Literal["exact", "close", "wrong"]
DiffOp = Literal["equal", "insert", "delete", "replace"]


@dataclass(frozen=True, kw_only=True, slots=True)
@terminal_safe
class CardView(StoredQuestion):
    """A question as one learner studies it: the stored question (`StoredQuestion`: kind,
    prompt, answer, choices...; a cloze's prompt holds "[...]" where the gap is) and their
    scheduling state."""

    article_title: str
    state: State
    due: datetime | None
    """None for a card never answered."""
    reps: int
    lapses: int
    flagged: bool
    suspended: bool
    leech: bool

    @property
    def question_id(self) -> QuestionId:
        return self.id

    @property
    def state_name(self) -> str:
        return STATE_NAMES.get(self.state, "new")

    @property
    def is_new(self) -> bool:
        return self.state == STATE_NEW


@dataclass(frozen=True)
@terminal_safe
class DeckCounts:
    """Cards to study now, as Anki shows them: new (blue), learning (red), due reviews (green).

    New and due are capped by what the daily limits still allow today.
    """

    new: int
    learning: int
    due: int

    @property
    def total(self) -> int:
        return self.new + self.learning + self.due


@dataclass(frozen=True)
@terminal_safe
class ArticleCounts:
    """One row of the home screen: an article, its number of active cards, what is to study."""

    article_id: str
    title: str
    total: int
    counts: DeckCounts


@dataclass(frozen=True)
@terminal_safe
class GradePreview:
    """What one grade would do to the card shown: "Good · 3d"."""

    rating: int
    label: str
    """"Again", "Hard", "Good" or "Easy"."""
    interval: timedelta
    text: str
    """The interval, short: "1m", "10m", "3h", "3d", "1.2mo", "2.1y"."""


@dataclass(frozen=True)
@terminal_safe
class AnswerResult:
    """What an answer did: the card's next due date and interval, and whether it became a leech."""

    question_id: str
    rating: int
    due: datetime
    interval: timedelta
    became_leech: bool
    suspended: bool = False
    """True when the card was suspended by this answer (leech with leech_suspend on)."""


@dataclass(frozen=True)
@terminal_safe
class SessionSummary:
    """The end-of-session screen: how much, how well, how long, and when to come back."""

    studied: int
    correct: int
    """Answers not rated Again."""
    percent_correct: float
    seconds: float
    """Time spent answering (sum of answer durations)."""
    next_due: datetime | None
    """When the learner's next card falls due (None when nothing is scheduled)."""
    due_tomorrow: int
    """Cards due before the end of the next study day."""
    next_due_elsewhere: datetime | None = None
    """For a session of one article: when a card of another article falls due, if sooner."""
    next_due_elsewhere_title: str = ""
    """That other article's title."""


@dataclass(frozen=True)
@terminal_safe
class DiffSegment:
    """One piece of the difference between what was typed and what was expected."""

    op: DiffOp
    """"equal", "insert" (missing from the typed answer), "delete" (typed but not expected),
    "replace" (typed `typed`, expected `text`)."""
    text: str
    """The expected text of this segment (empty for "delete")."""
    typed: str = ""
    """The typed text of this segment (empty for "equal" and "insert")."""


@dataclass(frozen=True)
@terminal_safe
class TypedGrade:
    """A typed answer graded against the card: a verdict and the rating it suggests."""

    verdict: Verdict
    suggested_rating: int
    similarity: float
    """0-100, rapidfuzz ratio against the closest accepted answer (after normalisation)."""
    expected: str
    """The accepted answer the typed text was compared with (the closest)."""
    typed: str
    diff: tuple[DiffSegment, ...] = ()


@dataclass(frozen=True)
@terminal_safe
class DayCount:
    """A number for one local study day (reviews done, or cards falling due)."""

    day: date
    count: int


@dataclass(frozen=True)
@terminal_safe
class StateCounts:
    """The learner's cards by state; suspended cards are counted apart, not in their state."""

    new: int
    learning: int
    review: int
    relearning: int
    suspended: int

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review + self.relearning + self.suspended


@dataclass(frozen=True)
@terminal_safe
class StatsView:
    """Everything the stats screen shows."""

    learner: str
    today: date
    """The current local study day (it starts at day_starts_at_hour)."""
    states: StateCounts
    reviews_per_day: tuple[DayCount, ...]
    """The last 30 study days, oldest first, today last (zeros included)."""
    retention: float | None
    """True retention over 30 days: share of answers to review-state cards not rated Again
    (None when there were no such answers)."""
    retention_reviews: int
    """How many review-state answers the retention is computed from."""
    forecast: tuple[DayCount, ...]
    """Cards falling due on each of the next 30 study days, today first (overdue counted today)."""
    heatmap: tuple[DayCount, ...]
    """Reviews per day for the calendar heatmap (last 26 weeks, starting on a Monday)."""
    total_reviews: int
    studied_today: int


BROWSE_SORTS = ("article", "prompt", "answer", "kind", "state", "due", "lapses", "reviews")


@dataclass(frozen=True)
@terminal_safe
class BrowseFilter:
    """What the browse table shows: free text (prompt, answer, sentence), column filters, a
    search in the browser's syntax (`quizapp.study.search`) and the sort order."""

    text: str = ""
    article_id: str | None = None
    kind: str | None = None
    state: int | None = None
    """0 new, 1 learning, 2 review, 3 relearning; None for all."""
    suspended: bool | None = None
    """True only suspended, False only not suspended, None both."""
    flagged: bool | None = None
    include_retired: bool = False
    search: str = ""
    """Anki-like: `is:due -kind:cloze article:kosovo "press conference"`."""
    sort: str = "article"
    """One of BROWSE_SORTS; "article" is the bank's order (article, then sentence order)."""
    descending: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
@terminal_safe
class BrowseRow(CardView):
    """One row of the browse table: a learner's card, and whether it is buried."""

    buried: bool = False
    """Buried until a later study day (at the time of the search)."""


@dataclass(frozen=True)
class ReviewEntry:
    """One answer in a card's history (card info)."""

    reviewed_at: datetime
    rating: int
    state_before: int
    interval: timedelta | None
    """From this answer to the due date it set (None when the log does not say)."""
    duration_ms: int
    mode: str
    typed: str | None


@dataclass(frozen=True)
class CardInfo:
    """Everything the card info screen shows about one card of one learner."""

    card: CardView
    tags: tuple[str, ...]
    added: datetime
    stability: float | None
    """FSRS stability, in days (None for a card never answered)."""
    difficulty: float | None
    """FSRS difficulty, 1 (easy) to 10 (hard)."""
    retrievability: float | None
    """The chance of recalling it now, 0-1 (None for a card never answered)."""
    buried_until: datetime | None
    reviews: tuple[ReviewEntry, ...]
    """Oldest first."""
    paragraph: str
    """The article's paragraph holding the source sentence ("" when it cannot be found)."""
