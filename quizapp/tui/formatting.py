"""Short labels for intervals, durations, dates and kinds of question, as the screens show them."""

from __future__ import annotations

from datetime import datetime

from quizapp.study.scheduling import format_interval


def duration_label(milliseconds: int | float) -> str:
    """Elapsed time as "m:ss" (or "h:mm:ss" past an hour)."""
    total = int(milliseconds // 1000)
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"


def when_label(moment: datetime | None, now: datetime) -> str:
    """When something falls due, relative to now: "now", "in 10m", "in 3d"."""
    if moment is None:
        return "nothing scheduled"
    if moment <= now:
        return "now"
    return f"in {format_interval(moment - now)}"


KIND_LABELS = {
    "choice": "multiple choice",
    "truefalse": "true or false",
    "open": "open question",
    "cloze": "fill the gap",
}
"""What each kind of question is called on screen."""
FAMILY_LABELS = {
    "choice": KIND_LABELS["choice"],
    "truefalse": KIND_LABELS["truefalse"],
    "open": "open / gap",  # the quiz night asks open and cloze questions alike
}
"""The quiz night's families of kinds (`quizapp.quiznight.engine.KIND_FAMILY`)."""
