"""The scoreboard between rounds: places, this round's points and totals."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Static

from quizapp.quiznight.engine import QuizNight
from quizapp.tui.quiznight.screens.base import QuizScreen
from quizapp.tui.quiznight.widgets.standings import QuizStandingsView, StandingRow


def standing_rows(night: QuizNight, round_number: int | None = None) -> tuple[StandingRow, ...]:
    """The night's standings for the standings view; with a round, that round's points too."""
    round_points = night.round_scores(round_number) if round_number is not None else None
    return tuple(
        StandingRow(
            place=standing.place,
            name=standing.team.name,
            round_points=round_points[standing.team.index] if round_points else None,
            total=standing.points,
        )
        for standing in night.standings()
    )


class QuizScoreboardScreen(QuizScreen[None]):
    """Shown after each round but the last; n (or enter) starts the next round."""

    HELP_TITLE = "Scoreboard"
    BINDINGS = [
        Binding("n,enter", "continue", "Next round"),
    ]

    def __init__(self, night: QuizNight, *, rows: tuple[StandingRow, ...] | None = None) -> None:
        """`rows` replaces the night's team standings (a night with players on phones)."""
        super().__init__()
        self.night = night
        self.round_number = night.round_number
        self.rows = rows

    def compose(self) -> ComposeResult:
        night = self.night
        with Vertical(id="quiz-scoreboard"):
            yield Static(
                f"Scoreboard after round {self.round_number} of {night.round_count}",
                id="quiz-scoreboard-title",
            )
            standings = QuizStandingsView(id="quiz-scoreboard-table")
            if self.rows is None:
                standings.round_number = self.round_number
                standings.rows = standing_rows(night, self.round_number)
            else:
                standings.rows = self.rows
            yield standings
            upcoming = self.round_number + 1
            note = f"Next: round {upcoming} of {night.round_count}"
            if night.setup.double_final and upcoming == night.round_count:
                note += " — the final, DOUBLE OR NOTHING: right doubles, wrong loses 2"
            yield Static(note + "  ·  press n", id="quiz-scoreboard-next")
        yield Footer()

    def action_continue(self) -> None:
        self.dismiss(None)
