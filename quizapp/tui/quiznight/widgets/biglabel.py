"""A short label (a winner's name) in big letters when the width allows, bold text otherwise."""

from __future__ import annotations

import textwrap

from rich.console import RenderableType
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from quizapp.tui.quiznight.widgets.bigtext import CELL_WIDTH, big_fits, big_row


class QuizBigLabel(Widget):
    """Lines of text, each drawn big if every line fits the width; centred."""

    DEFAULT_CSS = """
    QuizBigLabel {
        width: 1fr;
        height: auto;
    }
    """

    lines: reactive[tuple[str, ...]] = reactive((), layout=True)

    def is_big_at(self, width: int) -> bool:
        return bool(self.lines) and all(
            big_fits(line) and len(line) * CELL_WIDTH <= width for line in self.lines
        )

    def _rows(self, width: int) -> list[str]:
        if self.is_big_at(width):
            rows: list[str] = []
            for line in self.lines:
                rows.extend(big_row(line))
            return rows
        return [row for line in self.lines for row in (textwrap.wrap(line, width) or [""])]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # The height follows from the width alone, so the layout never depends on itself.
        return len(self._rows(width))

    def render(self) -> RenderableType:
        width = self.size.width
        text = Text(no_wrap=True, overflow="crop", style="bold")
        for index, row in enumerate(self._rows(width)):
            if index:
                text.append("\n")
            # Centred by the row's full width, trailing blanks kept: the three rows of a big
            # letter line share one offset (here and under a `text-align: center`), else the
            # letters shear.
            text.append(" " * max(0, (width - len(row)) // 2) + row)
        return text
