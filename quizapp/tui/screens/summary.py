"""The end of a session: cards studied, % correct, time spent, when the next cards fall due."""

from __future__ import annotations

from datetime import datetime

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from quizapp.study.views import SessionSummary
from quizapp.tui.context import app_context
from quizapp.tui.formatting import duration_label, when_label


def summary_table(
    summary: SessionSummary, now: datetime, elapsed_ms: int | None = None, scoped: bool = False
) -> Table:
    """The figures. `elapsed_ms` is the session's time, the same as the study screen's header
    showed; `scoped` says the session studied one article."""
    table = Table.grid(padding=(0, 3))
    table.add_column(style="dim", justify="right")
    table.add_column(style="bold")
    table.add_row("Cards studied", str(summary.studied))
    correct = f"{summary.percent_correct:.0f}%" if summary.studied else "—"
    table.add_row("Correct", Text(f"{correct}  ({summary.correct} of {summary.studied})"))
    spent = elapsed_ms if elapsed_ms is not None else summary.seconds * 1000
    table.add_row("Session time", duration_label(spent))
    where = " in this article" if scoped and summary.next_due is not None else ""
    table.add_row("Next card due", when_label(summary.next_due, now) + where)
    if summary.next_due_elsewhere is not None:
        title = summary.next_due_elsewhere_title
        short = title if len(title) <= 40 else title[:39] + "…"
        table.add_row(
            "Sooner elsewhere", f"{when_label(summary.next_due_elsewhere, now)} in “{short}”"
        )
    table.add_row("Due by tomorrow", str(summary.due_tomorrow))
    return table


class SummaryScreen(Screen[None]):
    """Shown when a session ends; enter or escape goes back home."""

    BINDINGS = [
        Binding("enter,escape", "back", "Back home", key_display="enter"),
        Binding("q", "quit", "Quit"),
    ]
    HELP_TITLE = "Session summary"

    def __init__(
        self,
        summary: SessionSummary,
        now: datetime,
        *,
        all_done: bool,
        elapsed_ms: int | None = None,
        scoped: bool = False,
    ) -> None:
        super().__init__()
        self.summary = summary
        self.now = now
        self.all_done = all_done
        self.elapsed_ms = elapsed_ms
        self.scoped = scoped

    def compose(self) -> ComposeResult:
        yield Header()
        with Center(), Vertical(id="summary", classes="panel"):
            here = " in this article" if self.scoped else ""
            if self.all_done and self.summary.studied:
                title = f"Done for today: nothing left to study{here} now."
            elif self.all_done:
                title = f"Nothing to study{here} now."
            else:
                title = "Session ended."
            yield Static(title, id="summary-title", classes="panel-title")
            figures = summary_table(self.summary, self.now, self.elapsed_ms, self.scoped)
            yield Static(figures, id="summary-figures")
        yield Footer(compact=True)

    def action_back(self) -> None:
        app_context(self).leave_to_home()

    async def action_quit(self) -> None:
        self.app.exit()
