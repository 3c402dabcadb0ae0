"""The final podium: first, second and third on their steps, then every team."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Static

from question_bank.store import Bank
from quizapp.quiznight.engine import QuizNight, Standing
from quizapp.quiznight.printing import write_answer_sheet
from quizapp.tui.dialogs.quiz_prompts import QuizNameScreen
from quizapp.tui.errors import reported
from quizapp.tui.quiznight.screens.base import QuizScreen
from quizapp.tui.quiznight.screens.scoreboard import standing_rows
from quizapp.tui.quiznight.widgets.biglabel import QuizBigLabel
from quizapp.tui.quiznight.widgets.scoreline import format_points
from quizapp.tui.quiznight.widgets.standings import QuizStandingsView

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
        Binding("p", "print_sheet", "Print sheet"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, night: QuizNight, *, bank: Bank | None = None) -> None:
        super().__init__()
        self.night = night
        self.bank = bank

    def compose(self) -> ComposeResult:
        steps = podium_steps(self.night.standings())
        with Vertical(id="quiz-podium"):
            yield Static("The winners", id="quiz-podium-title")
            with Horizontal(id="quiz-podium-steps"):
                for place in (2, 1, 3):  # the classic podium: the winner in the middle
                    with Vertical(classes=f"quiz-step quiz-step-{place}"):
                        names = QuizBigLabel(classes="quiz-step-names")
                        names.lines = tuple(
                            f"{standing.team.name}: {format_points(standing.points)}"
                            for standing in steps[place]
                        )
                        yield names
                        yield Static(
                            PLACE_NAMES[place], classes=f"quiz-step-block quiz-place-{place}"
                        )
            standings = QuizStandingsView(id="quiz-podium-table")
            standings.rows = standing_rows(self.night)
            yield standings
            yield Static(
                f"Night {self.night.night_id} is saved: `quizapp quiz-night --results` lists it; "
                "p prints its answer sheet and key.",
                id="quiz-podium-saved",
            )
        yield Footer()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_print_sheet(self) -> None:
        if self.bank is None:
            self.notify("This night is not in a bank: nothing to print.", severity="warning")
            return
        self.app.push_screen(
            QuizNameScreen(
                "Save the answer sheet and key as (.html, else Markdown)",
                f"quiz-night-{self.night.night_id}.html",
                max_length=400,
            ),
            self._print_to,
        )

    @reported()
    def _print_to(self, name: str | None) -> None:
        if not name or not name.strip() or self.bank is None:
            return
        path = Path(name.strip()).expanduser()
        count = write_answer_sheet(self.bank, self.night.night_id, path)
        self.notify(f"Printed {count} questions and the key to {path}", timeout=6)

    def action_quit(self) -> None:
        self.app.exit()
