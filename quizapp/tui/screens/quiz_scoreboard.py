"""The scoreboard between rounds: places, this round's points and totals."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from quizapp.quiznight.engine import QuizNight
from quizapp.tui.widgets.quiz_scoreline import format_points

PLACE_STYLES = {1: "bold yellow", 2: "bold white", 3: "bold #cd7f32"}


def standings_table(night: QuizNight, round_number: int | None = None) -> Table:
    """The standings as a table; with a round number, that round's points too."""
    table = Table(expand=True, box=None, padding=(0, 2), header_style="bold dim")
    table.add_column("place", justify="right", width=5)
    table.add_column("team", ratio=1)
    if round_number is not None:
        table.add_column(f"round {round_number}", justify="right")
    table.add_column("total", justify="right")
    round_points = night.round_scores(round_number) if round_number is not None else []
    for standing in night.standings():
        style = PLACE_STYLES.get(standing.place, "")
        cells = [Text(str(standing.place), style=style), Text(standing.team.name, style=style)]
        if round_number is not None:
            cells.append(Text(format_points(round_points[standing.team.index])))
        cells.append(Text(format_points(standing.points), style="bold"))
        table.add_row(*cells)
    return table


class QuizScoreboardScreen(Screen[None]):
    """Shown after each round but the last; n (or enter) starts the next round."""

    CSS_PATH = "../quiz.tcss"
    HELP_TITLE = "Scoreboard"
    BINDINGS = [
        Binding("n,enter", "continue", "Next round"),
        Binding("question_mark", "help", "Help", key_display="?"),
    ]

    def __init__(self, night: QuizNight) -> None:
        super().__init__()
        self.night = night
        self.round_number = night.round_number

    def compose(self) -> ComposeResult:
        night = self.night
        with Vertical(id="quiz-scoreboard"):
            yield Static(
                f"Scoreboard after round {self.round_number} of {night.round_count}",
                id="quiz-scoreboard-title",
            )
            yield Static(standings_table(night, self.round_number), id="quiz-scoreboard-table")
            upcoming = self.round_number + 1
            note = f"Next: round {upcoming} of {night.round_count}"
            if night.setup.double_final and upcoming == night.round_count:
                note += " — the final, DOUBLE OR NOTHING: right doubles, wrong loses 2"
            yield Static(note + "  ·  press n", id="quiz-scoreboard-next")
        yield Footer()

    def action_continue(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        from quizapp.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen.for_screen(self))
