"""The host screen, made for a projector: the question big, the countdown, every team's score.

The screen only shows a `QuizNight` (the rules live in `quizapp.quiznight.engine`, which also
saves each action in the bank) and turns keys into its actions. The countdown is read from the
injected clock a few times a second; nothing here sleeps.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Static

from question_bank.errors import QuestionBankError
from question_bank.store import Bank
from quizapp.quiznight.engine import (
    Phase,
    QuestionTimer,
    QuizNight,
    QuizNightError,
    Seconds,
    TimerState,
)
from quizapp.tui.dialogs.confirm import ConfirmScreen
from quizapp.tui.dialogs.quiz_prompts import QuizTeamPickScreen
from quizapp.tui.formatting import KIND_LABELS
from quizapp.tui.quiznight.screens.base import QuizScreen
from quizapp.tui.quiznight.screens.podium import QuizPodiumScreen
from quizapp.tui.quiznight.screens.scoreboard import QuizScoreboardScreen
from quizapp.tui.quiznight.widgets.question import QuizQuestionView
from quizapp.tui.quiznight.widgets.scoreline import (
    QuizCountdown,
    QuizTeamBar,
    TeamScore,
    format_points,
)

TICK_SECONDS = 0.2


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


class QuizHostScreen(QuizScreen[None]):
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

    def __init__(self, night: QuizNight, *, clock: Seconds, bank: Bank | None = None) -> None:
        super().__init__()
        self.night = night
        self.clock = clock
        self.bank = bank  # handed on to the podium, which prints the night's answer sheet
        # The host's last scoring action, echoed on the hint line: a toast would cover the
        # teams bar, which the room must always see.
        self.said = ""
        self.bell_for: QuestionTimer | None = None
        self.hint_shown = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="quiz-host"):
            with Horizontal(id="quiz-host-top"):
                with Vertical(id="quiz-host-status"):
                    yield Static(id="quiz-host-round")
                    yield Static(id="quiz-host-hint")
                yield QuizCountdown("0:00", id="quiz-countdown")
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
        label = KIND_LABELS.get(night.question.kind, night.question.kind)
        status = (
            f"Round {night.round_number} of {night.round_count}  ·  "
            f"Question {night.question_number} of {night.round_size}  ·  {label}"
        )
        if night.double_or_nothing:
            status += "  ·  DOUBLE OR NOTHING"
        self.query_one("#quiz-host-round", Static).update(status)
        self.query_one(QuizTeamBar).show_teams(team_scores(night))
        self.tick()

    def tick(self) -> None:
        """Read the clock: the countdown, and the hint line that says what to do next."""
        timer = self.night.timer
        state = timer.state
        self.query_one(QuizCountdown).show_time(timer.remaining, state is TimerState.RUNNING)
        if self.night.revealed:
            hint = "1-9 award a team · x wrong · u undo · n next question"
        elif state is TimerState.EXPIRED:
            hint = "Time is up! · r reveal the answer"
            if self.bell_for is not timer:
                self.bell_for = timer  # ring once per question, not at every tick
                self.app.bell()
        elif state is TimerState.RUNNING:
            hint = "Answer now! · space pause · 1-9 award · r reveal"
        elif state is TimerState.PAUSED:
            hint = "Paused · space resume · 1-9 award · r reveal"
        else:
            hint = "space start the timer · r reveal · s skip · ? help"
        if self.said:
            hint = f"{self.said} · {hint}"
        if hint != self.hint_shown:
            self.hint_shown = hint
            self.query_one("#quiz-host-hint", Static).update(hint)

    def _attempt(self, action: str, *args: int) -> bool:
        """Run an engine action; a refused action is a notice, never a crash."""
        try:
            getattr(self.night, action)(*args)
        except QuizNightError as error:
            self.notify(str(error), severity="warning")
            return False
        except QuestionBankError as error:  # the bank is locked or gone: say so, keep playing
            self.notify(f"Not saved: {error}", severity="error", timeout=8)
            return False
        return True

    # --- keys

    def action_toggle_timer(self) -> None:
        if self._attempt("toggle_timer"):
            self.tick()

    def action_reveal(self) -> None:
        if self._attempt("reveal"):
            self.show_night()

    def action_award(self, team_index: int) -> None:
        if team_index >= len(self.night.teams):
            self.notify(f"There is no team {team_index + 1}.", severity="warning")
            return
        if self._attempt("award", team_index):
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
        if team_index is not None and self._attempt("mark_wrong", team_index):
            event = self.night.history[-1]
            self.said = f"{self.night.teams[team_index].name} wrong ({format_points(event.points)})"
            self.show_night()

    def action_undo(self) -> None:
        if not self.night.history:
            self.notify("No score to undo.", severity="warning")
            return
        event = self.night.history[-1]
        if self._attempt("undo"):
            team = self.night.teams[event.team_index]
            self.said = f"Undone: {format_points(event.points)} for {team.name}"
            self.show_night()

    def action_skip(self) -> None:
        if self._attempt("skip"):
            self.after_move()

    def action_next(self) -> None:
        if self._attempt("next"):
            self.after_move()

    def after_move(self) -> None:
        """After next or skip: a new question, the scoreboard, or the podium."""
        night = self.night
        self.said = ""
        if night.phase is Phase.ROUND_END and night.is_final_round:
            night.next()  # the final scoreboard is the podium
        if night.phase is Phase.ROUND_END:
            self.app.push_screen(QuizScoreboardScreen(night), self._after_scoreboard)
        elif night.phase is Phase.FINISHED:
            self.app.switch_screen(QuizPodiumScreen(night, bank=self.bank))
        else:
            self.show_night()

    def _after_scoreboard(self, _result: None) -> None:
        self.night.next()
        self.after_move()

    def action_end_night(self) -> None:
        self.app.push_screen(
            ConfirmScreen(
                "End the night now?",
                "The scores so far stand and the podium is shown.",
                confirm_label="End night",
            ),
            self._ended,
        )

    def _ended(self, confirmed: bool | None) -> None:
        if confirmed:
            self.night.finish_early()
            self.app.switch_screen(QuizPodiumScreen(self.night, bank=self.bank))
