"""The host screen, made for a projector: the question big, the countdown, every team's score.

The screen only shows a `QuizNight` (the rules live in `quizapp.quiznight.engine`, which also
saves each action in the bank) and turns keys into its actions. The countdown is read from the
injected clock a few times a second; nothing here sleeps. What it shares with the host screen
of a night on phones is in `hosting`.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer

from question_bank.store import Bank
from quizapp.quiznight.engine import Phase, QuizNight
from quizapp.quiznight.timer import Seconds
from quizapp.tui.dialogs.quiz_prompts import QuizTeamPickScreen
from quizapp.tui.quiznight.screens.hosting import TICK_SECONDS, QuizHostingScreen
from quizapp.tui.quiznight.widgets.question import QuizQuestionView
from quizapp.tui.quiznight.widgets.scoreline import QuizTeamBar, TeamScore, format_points


def team_scores(night: QuizNight) -> list[TeamScore]:
    """The teams bar's content: totals and each team's mark on the current question."""
    totals = night.scores()
    on_question = night.phase in (Phase.QUESTION, Phase.REVEALED)
    scores: list[TeamScore] = []
    for team in night.teams:
        mark = ""
        event = night.team_result(team.index) if on_question else None
        if event is not None:
            mark = "x" if event.points <= 0 else f"+{format_points(event.points)}"
        scores.append(TeamScore(team.index + 1, team.name, totals[team.index], mark))
    return scores


class QuizHostScreen(QuizHostingScreen):
    """Runs a night: space times, r reveals, 1-9 award, x marks wrong, u undoes, n moves on."""

    HELP_TITLE = "Quiz night host"
    BINDINGS = [
        Binding("space", "toggle_timer", "Timer", key_display="space"),
        Binding("r", "reveal", "Reveal"),
        Binding("1", "award(0)", "Award", key_display="1-9"),
        *[Binding(str(n), f"award({n - 1})", "Award", show=False) for n in range(2, 10)],
        Binding("x", "mark_wrong", "Wrong"),
        Binding("u", "undo", "Undo"),
        Binding("s", "skip", "Skip"),
        Binding("n", "next", "Next"),
        Binding("escape", "end_night", "End"),
    ]

    HINTS = {
        "revealed": "1-9 award a team · x wrong · u undo · n next question",
        "expired": "Time is up! · r reveal the answer",
        "running": "Answer now! · space pause · 1-9 award · r reveal",
        "paused": "Paused · space resume · 1-9 award · r reveal",
        "idle": "space start the timer · r reveal · s skip · ? help",
    }

    def __init__(self, night: QuizNight, *, clock: Seconds, bank: Bank | None = None) -> None:
        super().__init__(night, night, clock=clock, bank=bank)

    def compose(self) -> ComposeResult:
        with Vertical(id="quiz-host"):
            yield from self.compose_top()
            yield QuizQuestionView(id="quiz-question")
            yield QuizTeamBar(team_scores(self.night), id="quiz-teams")
        # compact: every key of the host fits the footer of an 80-column terminal
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show_night()
        self.set_interval(TICK_SECONDS, self.tick)

    # --- showing the night

    def show_night(self) -> None:
        night = self.night
        view = self.query_one(QuizQuestionView)
        view.question = night.question
        view.revealed = night.revealed
        self.show_status()
        self.query_one(QuizTeamBar).show_teams(team_scores(night))
        self.tick()

    def tick(self) -> None:
        """Read the clock: the countdown, and the hint line that says what to do next."""
        self.show_hint(self.timer_hint(self.show_countdown()))

    # --- keys

    def action_toggle_timer(self) -> None:
        if self.attempt("toggle_timer"):
            self.tick()

    def action_reveal(self) -> None:
        if self.attempt("reveal"):
            self.show_night()

    def action_award(self, team_index: int) -> None:
        if team_index >= len(self.night.teams):
            self.notify(f"There is no team {team_index + 1}.", severity="warning")
            return
        if self.attempt("award", team_index):
            event = self.night.history[-1]
            team = self.night.teams[team_index]
            self.said = f"{team.name} +{format_points(event.points)}"
            self.show_night()

    def action_mark_wrong(self) -> None:
        if self.night.phase not in (Phase.QUESTION, Phase.REVEALED):
            return
        stake = " (loses 2: double or nothing)" if self.night.double_or_nothing else ""
        self.app.push_screen(
            QuizTeamPickScreen(
                f"Which team answered wrong?{stake}",
                [team.name for team in self.night.teams],
            ),
            self._marked_wrong,
        )

    def _marked_wrong(self, team_index: int | None) -> None:
        if team_index is not None and self.attempt("mark_wrong", team_index):
            event = self.night.history[-1]
            self.said = f"{self.night.teams[team_index].name} wrong ({format_points(event.points)})"
            self.show_night()

    def action_undo(self) -> None:
        if not self.night.history:
            self.notify("No score to undo.", severity="warning")
            return
        event = self.night.history[-1]
        if self.attempt("undo"):
            team = self.night.teams[event.team_index]
            self.said = f"Undone: {format_points(event.points)} for {team.name}"
            self.show_night()
