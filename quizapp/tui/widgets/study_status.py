"""The study screen's status line: progress (done / left), counts, mode and time spent."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from quizapp.study.views import DeckCounts
from quizapp.tui.formatting import duration_label


def counts_text(new: int, learning: int, due: int) -> Text:
    """ "3 new · 1 learning · 5 due" in Anki's colours (blue, red, green)."""
    text = Text()
    text.append(f"{new} new", style="bold blue")
    text.append(" · ", style="dim")
    text.append(f"{learning} learning", style="bold red")
    text.append(" · ", style="dim")
    text.append(f"{due} due", style="bold green")
    return text


def status_text(
    done: int, counts: DeckCounts | None, elapsed_ms: int, mode: str, custom: str = ""
) -> Text:
    """The line; `custom` names a custom study session ("Cram (schedules unchanged)")."""
    text = Text()
    if custom:
        text.append(f"{custom}  ", style="bold magenta")
    text.append("Done ", style="dim")
    text.append(str(done), style="bold")
    if counts is not None:
        text.append("  Left ", style="dim")
        text.append(str(counts.total), style="bold")
        text.append("  (", style="dim")
        text.append_text(counts_text(counts.new, counts.learning, counts.due))
        text.append(")", style="dim")
    text.append("  time ", style="dim")
    text.append(duration_label(elapsed_ms), style="bold")
    text.append(f"  mode: {mode}", style="dim")
    return text


class StudyStatus(Static):
    """A one-line status; the screen calls `show` after every answer and every second."""

    DEFAULT_CSS = """
    StudyStatus { height: 1; padding: 0 2; background: $boost; }
    """

    _shown: Text | None = None

    def show(
        self, done: int, counts: DeckCounts | None, elapsed_ms: int, mode: str, custom: str = ""
    ) -> None:
        text = status_text(done, counts, elapsed_ms, mode, custom)
        if text == self._shown:
            return
        self._shown = text
        # One line, as wide as the screen whatever it says: a new text only repaints the line.
        # A layout (Static.update's default) would reflow the whole screen every second.
        self.update(text, layout=False)
