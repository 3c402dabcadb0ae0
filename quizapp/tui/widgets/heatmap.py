"""A GitHub-style calendar heatmap: one column per week, one row per weekday, shaded by count."""

from __future__ import annotations

import math
from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from quizapp.study.views import DayCount

SHADES = ("#2d333b", "#0e4429", "#006d32", "#26a641", "#39d353")
WEEKDAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "Sun")
CELL = "■ "


def shade_level(count: int, highest: int) -> int:
    """0 for no reviews, then 1-4 by the share of the busiest day."""
    if count <= 0 or highest <= 0:
        return 0
    return max(1, min(4, math.ceil(4 * count / highest)))


def month_labels(cells: Sequence[DayCount | None], weeks: int) -> str:
    """Month names above the week each month starts in; a newer month wins a tight spot."""
    width = weeks * len(CELL)
    months = [" "] * (width + 3)  # room for a label over the last week
    placed: list[int] = []
    last_month = None
    for week in range(weeks):
        first = next((c for c in cells[week * 7 : week * 7 + 7] if c is not None), None)
        if first is None or first.day.month == last_month:
            continue
        last_month = first.day.month
        start = week * len(CELL)
        if placed and placed[-1] + 4 > start:
            # Too close to the previous label (a month seen for a week or so): drop that one.
            months[placed[-1] : placed[-1] + 3] = [" "] * 3
            placed.pop()
        months[start : start + 3] = list(first.day.strftime("%b"))
        placed.append(start)
    return "".join(months).rstrip()


def heatmap_text(days: Sequence[DayCount]) -> Text:
    """Rows Monday..Sunday, columns weeks (oldest left), month names above their first week."""
    text = Text()
    if not days:
        text.append("No reviews yet.", style="dim")
        return text
    offset = days[0].day.weekday()  # pad so the first column starts on a Monday
    cells: list[DayCount | None] = [None] * offset + list(days)
    weeks = math.ceil(len(cells) / 7)
    highest = max(day.count for day in days)
    text.append("    " + month_labels(cells, weeks) + "\n", style="dim")
    for weekday in range(7):
        text.append(f"{WEEKDAY_LABELS[weekday]:<4}", style="dim")
        for week in range(weeks):
            index = week * 7 + weekday
            cell = cells[index] if index < len(cells) else None
            if cell is None:
                text.append("  ")
            else:
                text.append(CELL, style=SHADES[shade_level(cell.count, highest)])
        text.append("\n")
    text.append("    less ", style="dim")
    for shade in SHADES:
        text.append(CELL, style=shade)
    text.append("more", style="dim")
    return text


class ReviewHeatmap(Static):
    """Reviews per day over the last months; the stats screen hands it the days."""

    DEFAULT_CSS = """
    ReviewHeatmap { height: auto; }
    """

    def show(self, days: Sequence[DayCount]) -> None:
        self.update(heatmap_text(days))
