"""Stats: cards by state, reviews per day, true retention, due forecast, review heatmap."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, LoadingIndicator, Static
from textual.worker import get_current_worker

from quizapp.study.stats import stats
from quizapp.study.views import StatsView
from quizapp.tui.context import app_context
from quizapp.tui.errors import WorkerErrors
from quizapp.tui.widgets.day_chart import DayChart
from quizapp.tui.widgets.heatmap import ReviewHeatmap


def overview_table(view: StatsView) -> Table:
    """Cards by state and the headline figures, side by side."""
    states = view.states
    table = Table.grid(padding=(0, 2))
    for _ in range(4):
        table.add_column()
    retention = (
        Text(f"{view.retention * 100:.1f}%", style="bold")
        if view.retention is not None
        else Text("—", style="dim")
    )
    table.add_row(
        Text("New", style="blue"),
        Text(str(states.new), style="bold"),
        Text("True retention (30 d)", style="dim"),
        retention + Text(f"  of {view.retention_reviews} reviews", style="dim"),
    )
    table.add_row(
        Text("Learning", style="red"),
        Text(str(states.learning), style="bold"),
        Text("Reviews today", style="dim"),
        Text(str(view.studied_today), style="bold"),
    )
    table.add_row(
        Text("Review", style="green"),
        Text(str(states.review), style="bold"),
        Text("Reviews in all", style="dim"),
        Text(str(view.total_reviews), style="bold"),
    )
    table.add_row(
        Text("Relearning", style="yellow"),
        Text(str(states.relearning), style="bold"),
        Text("Study day", style="dim"),
        Text(view.today.isoformat(), style="bold"),
    )
    table.add_row(
        Text("Suspended", style="dim"),
        Text(str(states.suspended), style="bold"),
        Text("Learner", style="dim"),
        Text(view.learner, style="bold"),
    )
    return table


class StatsScreen(Screen[None], WorkerErrors):
    """The figures are computed in a worker (a real query on a big bank)."""

    BINDINGS = [
        Binding("r", "reload", "Refresh"),
        Binding("escape,q", "back", "Back", key_display="esc"),
    ]
    HELP_TITLE = "Stats"

    def compose(self) -> ComposeResult:
        yield Header()
        yield LoadingIndicator(id="stats-loading")
        with VerticalScroll(id="stats-body"):
            yield Static(id="stats-overview", classes="panel")
            with Horizontal(id="stats-charts"):
                yield DayChart("Reviews per day (last 30 days)", "green", id="stats-reviews")
                yield DayChart("Due forecast (next 30 days)", "blue", id="stats-forecast")
            yield Static("Reviews by day", classes="section-title")
            yield ReviewHeatmap(id="stats-heatmap")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#stats-body").display = False
        self.action_reload()

    def action_reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="stats", exit_on_error=False)
    def load(self) -> None:
        scope = app_context(self).scope
        view = stats(
            scope.bank,
            scope.learner,
            scope.clock(),
            day_starts_at_hour=scope.settings.day_starts_at_hour,
            timezone=scope.day.zone,
        )
        if not get_current_worker().is_cancelled:  # a newer query superseded this one
            self.app.call_from_thread(self.show, view)

    def show(self, view: StatsView) -> None:
        self.query_one("#stats-loading").display = False
        self.query_one("#stats-body").display = True
        self.query_one("#stats-overview", Static).update(overview_table(view))
        reviews = view.reviews_per_day
        self.query_one("#stats-reviews", DayChart).show(reviews, -(len(reviews) - 1))
        self.query_one("#stats-forecast", DayChart).show(view.forecast, 0)
        self.query_one(ReviewHeatmap).show(view.heatmap)

    def action_back(self) -> None:
        app_context(self).leave_to_home()
