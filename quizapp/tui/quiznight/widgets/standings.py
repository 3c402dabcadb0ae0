"""The standings, as large as the screen allows: big letters on a projector, a table otherwise."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from quizapp.tui.quiznight.widgets.bigtext import CELL_WIDTH, LINE_HEIGHT, big_fits, big_row
from quizapp.tui.quiznight.widgets.scoreline import format_points

PLACE_STYLES = {1: "bold yellow", 2: "bold white", 3: "bold #cd7f32"}


@dataclass(frozen=True)
class StandingRow:
    """A team's line: its place (ties share one), name, points this round (or None), total."""

    place: int
    name: str
    round_points: float | None
    total: float


def _columns(rows: list[StandingRow], round_number: int | None) -> tuple[str, list[str]]:
    """Header and lines, aligned with spaces (the same text drawn small or big)."""
    name_width = max([4, *(len(row.name) for row in rows)])
    round_label = f"round {round_number}" if round_number is not None else ""
    header = f"{'place':>5}   {'team':<{name_width}}"
    if round_number is not None:
        header += f"{round_label:>9}"
    header += f"{'total':>8}"
    lines = []
    for row in rows:
        line = f"{row.place:>5}   {row.name:<{name_width}}"
        if round_number is not None:
            line += f"{format_points(row.round_points or 0):>9}"
        line += f"{format_points(row.total):>8}"
        lines.append(line)
    return header, lines


class QuizStandingsView(Widget):
    """Places, teams, this round's points and totals; big letters when they fit."""

    DEFAULT_CSS = """
    QuizStandingsView {
        width: 1fr;
        height: 1fr;
        content-align: center middle;
    }
    """

    rows: reactive[tuple[StandingRow, ...]] = reactive((), layout=True)
    round_number: reactive[int | None] = reactive(None)

    def _big_lines(self) -> list[str]:
        """Each team on one big line: place, name, round points, total (no header needed)."""
        rows = list(self.rows)
        if not rows:
            return []
        name_width = max(len(row.name) for row in rows)
        total_width = max(len(format_points(row.total)) for row in rows)
        lines = []
        for row in rows:
            line = (
                f"{row.place}  {row.name:<{name_width}}  {format_points(row.total):>{total_width}}"
            )
            if self.round_number is not None and row.round_points is not None:
                line += f"  (+{format_points(row.round_points)})"
            lines.append(line)
        return lines

    @property
    def is_big(self) -> bool:
        lines = self._big_lines()
        if not lines or not all(big_fits(line) for line in lines):
            return False
        longest = max(len(line) for line in lines) * CELL_WIDTH
        return longest <= self.size.width and len(lines) * LINE_HEIGHT <= self.size.height

    def render(self) -> RenderableType:
        rows = list(self.rows)
        text = Text(no_wrap=True, overflow="crop")
        if self.is_big:
            lines = self._big_lines()
            width = max(len(line) for line in lines)
            for index, (row, line) in enumerate(zip(rows, lines, strict=True)):
                if index:
                    text.append("\n\n")
                # padded to one width so the block centres as a whole, columns stay put
                text.append("\n".join(big_row(line.ljust(width))), PLACE_STYLES.get(row.place, ""))
            return text
        header, lines = _columns(rows, self.round_number)
        text.append(header, "bold dim")
        for row, line in zip(rows, lines, strict=True):
            text.append("\n")
            text.append(line, PLACE_STYLES.get(row.place, ""))
        return text
