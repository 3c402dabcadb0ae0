"""The final podium: first, second and third on their steps, then every team."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Static

from quizapp.quiznight.engine import QuizNight, Standing
from quizapp.tui.screens.quiz_base import QuizScreen
from quizapp.tui.screens.quiz_scoreboard import standings_table
from quizapp.tui.widgets.quiz_scoreline import format_points

PLACE_NAMES = {1: "1st", 2: "2nd", 3: "3rd"}


def podium_steps(standings: list[Standing]) -> dict[int, list[Standing]]:
    """Teams on each of the three steps; ties share a step (two firsts, then a third)."""
    steps: dict[int, list[Standing]] = {1: [], 2: [], 3: []}
    for standing in standings:
        if standing.place in steps:
            steps[standing.place].append(standing)
    return steps


class QuizPodiumScreen(QuizScreen[None]):
    """The end of the night. escape goes back, q quits."""

    HELP_TITLE = "Podium"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, night: QuizNight) -> None:
        super().__init__()
        self.night = night

    def compose(self) -> ComposeResult:
        steps = podium_steps(self.night.standings())
        with Vertical(id="quiz-podium"):
            yield Static("The winners", id="quiz-podium-title")
            with Horizontal(id="quiz-podium-steps"):
                for place in (2, 1, 3):  # the classic podium: the winner in the middle
                    with Vertical(classes=f"quiz-step quiz-step-{place}"):
                        yield Static(self._names(steps[place]), classes="quiz-step-names")
                        yield Static(
                            PLACE_NAMES[place], classes=f"quiz-step-block quiz-place-{place}"
                        )
            yield Static(standings_table(self.night), id="quiz-podium-table")
            yield Static(
                f"Night {self.night.night_id} is saved: `quizapp quiz-night --results` lists it, "
                f"`quizapp quiz-night --print {self.night.night_id} -o sheet.html` prints it.",
                id="quiz-podium-saved",
            )
        yield Footer()

    @staticmethod
    def _names(standings: list[Standing]) -> Text:
        text = Text(justify="center")
        for index, standing in enumerate(standings):
            if index:
                text.append("\n")
            text.append(f"{standing.team.name} · {format_points(standing.points)}", "bold")
        return text

    def action_back(self) -> None:
        self.dismiss(None)

    def action_quit(self) -> None:
        self.app.exit()
