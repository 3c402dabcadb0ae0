"""The scoreboard between rounds: places, this round's points and totals."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Static

from quizapp.quiznight.engine import QuizNight
from quizapp.tui.screens.quiz_base import QuizScreen
from quizapp.tui.widgets.quiz_scoreline import format_points

PLACE_STYLES = {1: "bold yellow", 2: "bold white", 3: "bold #cd7f32"}


def standings_table(night: QuizNight, round_number: int | None = None) -> Text:
    """The standings as aligned text; with a round number, that round's points too."""
    standings = night.standings()
    name_width = max([4, *(len(s.team.name) for s in standings)])
    round_points = night.round_scores(round_number) if round_number is not None else []
    round_header = f"{'round ' + str(round_number):>9}" if round_number is not None else ""
    # no_wrap: wrapping would eat the spaces that right-align the numbers
    text = Text(no_wrap=True)
    text.append(f"{'place':>5}   {'team':<{name_width}}{round_header}{'total':>8}\n", "bold dim")
    for standing in standings:
        style = PLACE_STYLES.get(standing.place, "")
        text.append(f"{standing.place:>5}   {standing.team.name:<{name_width}}", style)
        if round_number is not None:
            text.append(f"{format_points(round_points[standing.team.index]):>9}")
        text.append(f"{format_points(standing.points):>8}\n", "bold")
    text.rstrip()
    return text


class QuizScoreboardScreen(QuizScreen[None]):
    """Shown after each round but the last; n (or enter) starts the next round."""

    HELP_TITLE = "Scoreboard"
    BINDINGS = [
        Binding("n,enter", "continue", "Next round"),
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
