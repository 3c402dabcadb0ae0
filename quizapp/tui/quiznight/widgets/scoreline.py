"""The countdown and the teams bar of the host screen: attributes in, nothing persisted."""

from __future__ import annotations

import math
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Digits, Static

WARN_SECONDS = 10
DANGER_SECONDS = 5


class QuizCountdown(Digits):
    """Seconds left in big digits: green, yellow from 10 s, red from 5 s and at zero."""

    DEFAULT_CSS = """
    QuizCountdown {
        width: auto;
        min-width: 8;
        padding: 0 1;
        text-style: bold;
        color: $success;
    }
    QuizCountdown.-warning { color: $warning; }
    QuizCountdown.-danger { color: $error; }
    QuizCountdown.-idle { color: $text-muted; }
    """

    remaining: reactive[float] = reactive(0.0)
    running: reactive[bool] = reactive(False)

    def show_time(self, remaining: float, running: bool) -> None:
        self.remaining = remaining
        self.running = running
        self._refresh_face()

    def _refresh_face(self) -> None:
        # Round up: a countdown reads 1 until the last second has really gone.
        seconds = max(0, math.ceil(self.remaining - 1e-9))
        face = f"{seconds // 60}:{seconds % 60:02d}"
        if face != self.value:  # the host ticks five times a second; redraw once a second
            self.update(face)
        self.set_class(seconds <= WARN_SECONDS and seconds > DANGER_SECONDS, "-warning")
        self.set_class(seconds <= DANGER_SECONDS, "-danger")
        self.set_class(not self.running and seconds > DANGER_SECONDS, "-idle")


@dataclass(frozen=True)
class TeamScore:
    """A team as the bar shows it: key number, name, total and its mark on this question."""

    number: int
    name: str
    points: float
    mark: str = ""  # "+1", "+1.5", "x" (wrong) or "" (no score yet)


def format_points(points: float) -> str:
    """3 -> "3", 1.5 -> "1.5", -2 -> "-2"."""
    return f"{points:g}"


class QuizTeamCard(Static):
    """One team: its key, name and score."""

    DEFAULT_CSS = """
    QuizTeamCard {
        width: 1fr;
        height: 3;
        border: solid $primary;
        padding: 0 1;
        content-align: center middle;
        text-align: center;
    }
    QuizTeamCard.-scored { border: heavy $success; }
    QuizTeamCard.-wrong { border: heavy $error; }
    """


class QuizTeamBar(Horizontal):
    """Every team with its total, always on screen."""

    DEFAULT_CSS = """
    QuizTeamBar {
        height: 3;
        width: 1fr;
    }
    """

    def __init__(self, teams: list[TeamScore], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._teams = teams

    def compose(self) -> ComposeResult:
        for team in self._teams:
            yield QuizTeamCard(id=f"quiz-team-{team.number}")

    def on_mount(self) -> None:
        self.show_teams(self._teams)

    def show_teams(self, teams: list[TeamScore]) -> None:
        self._teams = teams
        for team, card in zip(teams, self.query(QuizTeamCard), strict=False):
            text = Text.assemble(
                (f"{team.number} ", "dim"),
                (team.name, "bold"),
                "  ",
                (f" {format_points(team.points)} ", "bold reverse"),
            )
            if team.mark == "x":
                text.append("  ✗", "bold red")
            elif team.mark:
                text.append(f"  {team.mark}", "bold green")
            card.update(text)
            card.set_class(bool(team.mark) and team.mark != "x", "-scored")
            card.set_class(team.mark == "x", "-wrong")
