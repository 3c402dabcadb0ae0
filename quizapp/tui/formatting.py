"""Short human labels for intervals, durations and dates, as the screens show them."""

from __future__ import annotations

from datetime import datetime, timedelta


def interval_label(interval: timedelta) -> str:
    """An interval as Anki shows it on a grade button: "1m", "10m", "3h", "4d", "2mo", "1.5y"."""
    seconds = max(0.0, interval.total_seconds())
    minutes = seconds / 60
    if minutes < 1:
        return "<1m"
    if minutes < 60:
        return f"{round(minutes)}m"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)}h"
    days = hours / 24
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}".rstrip("0").rstrip(".") + "mo"
    return f"{days / 365:.1f}".rstrip("0").rstrip(".") + "y"


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
    return f"in {interval_label(moment - now)}"
