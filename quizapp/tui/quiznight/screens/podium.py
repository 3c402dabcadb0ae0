"""The final podium: first, second and third on their steps, then every team."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Static

from question_bank.store import Bank
from quizapp.quiznight.engine import QuizNight
from quizapp.quiznight.printing import write_answer_sheet
from quizapp.tui.dialogs.quiz_prompts import QuizNameScreen
from quizapp.tui.errors import reported
from quizapp.tui.quiznight.screens.base import QuizScreen
from quizapp.tui.quiznight.screens.scoreboard import standing_rows
from quizapp.tui.quiznight.widgets.biglabel import QuizBigLabel
from quizapp.tui.quiznight.widgets.scoreline import format_points
from quizapp.tui.quiznight.widgets.standings import QuizStandingsView, StandingRow

PLACE_NAMES = {1: "1st", 2: "2nd", 3: "3rd"}


def podium_steps(standings: Sequence[StandingRow]) -> dict[int, list[StandingRow]]:
    """Who stands on each of the three steps; ties share a step (two firsts, then a third).

    Only the steps someone stands on are there: two teams make a two-step podium, and a tie
    for first leaves no second step.
    """
    steps: dict[int, list[StandingRow]] = {}
    for standing in standings:
        if standing.place <= 3:
            steps.setdefault(standing.place, []).append(standing)
    return steps


class QuizPodiumScreen(QuizScreen[None]):
    """The end of the night. escape goes back, q quits."""

    HELP_TITLE = "Podium"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("p", "print_sheet", "Print sheet"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        night: QuizNight,
        *,
        bank: Bank | None = None,
        rows: tuple[StandingRow, ...] | None = None,
    ) -> None:
        """`rows` replaces the night's team standings (a night with players on phones)."""
        super().__init__()
        self.night = night
        self.bank = bank
        self.rows = rows if rows is not None else standing_rows(night)

    def compose(self) -> ComposeResult:
        steps = podium_steps(self.rows)
        with Vertical(id="quiz-podium"):
            yield Static("The winners", id="quiz-podium-title")
            with Horizontal(id="quiz-podium-steps"):
                # The classic podium, the winner in the middle; steps nobody stands on go.
                for place in (p for p in (2, 1, 3) if p in steps):
                    with Vertical(classes=f"quiz-step quiz-step-{place}"):
                        names = QuizBigLabel(classes="quiz-step-names")
                        names.lines = tuple(
                            f"{standing.name}: {format_points(standing.total)}"
                            for standing in steps[place]
                        )
                        yield names
                        yield Static(
                            PLACE_NAMES[place], classes=f"quiz-step-block quiz-place-{place}"
                        )
            standings = QuizStandingsView(id="quiz-podium-table")
            standings.rows = self.rows
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
