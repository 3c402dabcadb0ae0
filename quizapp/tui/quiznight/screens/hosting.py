"""What the two host screens share (teams scored by hand, or players on their phones).

The top bar (round and question, the hint line, the countdown), the host's last action echoed
on the hint line, the bell rung once when time is up, refused actions shown as notices, the
walk from a question to the scoreboard and the podium, and ending the night early. Each
screen says what it acts on (`actor`: the night, or the room around it) and what differs.
"""

from __future__ import annotations

from typing import Protocol

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from question_bank.errors import QuestionBankError
from question_bank.store import Bank
from quizapp.quiznight.engine import Phase, QuizNight
from quizapp.quiznight.plan import QuizNightError
from quizapp.quiznight.timer import QuestionTimer, Seconds, TimerState
from quizapp.tui.dialogs.confirm import ConfirmScreen
from quizapp.tui.formatting import KIND_LABELS
from quizapp.tui.quiznight.screens.base import QuizScreen
from quizapp.tui.quiznight.screens.podium import QuizPodiumScreen
from quizapp.tui.quiznight.screens.scoreboard import QuizScoreboardScreen
from quizapp.tui.quiznight.widgets.scoreline import QuizCountdown
from quizapp.tui.quiznight.widgets.standings import StandingRow

TICK_SECONDS = 0.2
SHORT_ROWS = 36  # below this many rows the chrome packs tighter, so the question stays big


class NightActor(Protocol):
    """What a host screen moves the night with: the night itself, or the players' room."""

    def next(self) -> object: ...


class QuizHostingScreen(QuizScreen[None]):
    """The part of a host screen that does not depend on who answers."""

    END_BODY = "The scores so far stand and the podium is shown."
    HINTS: dict[str, str] = {}
    """The hint line by moment: "revealed", or the timer's state ("idle", "running", ...)."""

    def __init__(
        self, night: QuizNight, actor: NightActor, *, clock: Seconds, bank: Bank | None
    ) -> None:
        super().__init__()
        self.night = night
        self.actor = actor
        self.clock = clock
        self.bank = bank  # handed on to the podium, which prints the night's answer sheet
        # The host's last scoring action, echoed on the hint line: a toast would cover the
        # teams bar, which the room must always see.
        self.said = ""
        self.bell_for: QuestionTimer | None = None
        self.hint_shown = ""

    def compose_top(self) -> ComposeResult:
        with Horizontal(id="quiz-host-top"):
            with Vertical(id="quiz-host-status"):
                yield Static(id="quiz-host-round")
                yield Static(id="quiz-host-hint")
            yield QuizCountdown("0:00", id="quiz-countdown")

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < SHORT_ROWS, "-short")

    # --- what each screen fills in

    def show_night(self) -> None:
        """Show the night as it now is (the question, the scores, the status)."""
        raise NotImplementedError

    def standings(self) -> tuple[StandingRow, ...] | None:
        """The rows of the scoreboard and podium (None: the night's own team standings)."""
        return None

    def moved(self) -> None:
        """Called when the night moves to another question, a scoreboard or the podium."""

    def closing(self) -> None:
        """Called as the podium takes over: the night is over."""

    # --- showing

    def show_status(self, status: str | None = None) -> None:
        """The round line: round, question and kind (or what the screen says instead)."""
        if status is None:
            night = self.night
            label = KIND_LABELS.get(night.question.kind, night.question.kind)
            status = (
                f"Round {night.round_number} of {night.round_count}  ·  "
                f"Question {night.question_number} of {night.round_size}  ·  {label}"
            )
            if night.double_or_nothing:
                status += "  ·  DOUBLE OR NOTHING"
        self.query_one("#quiz-host-round", Static).update(status)

    def show_countdown(self) -> TimerState:
        """Read the clock into the countdown; ring once when the time is up."""
        timer = self.night.timer
        state = timer.state
        self.query_one(QuizCountdown).show_time(timer.remaining, state is TimerState.RUNNING)
        if state is TimerState.EXPIRED and self.bell_for is not timer:
            self.bell_for = timer  # ring once per question, not at every tick
            self.app.bell()
        return state

    def timer_hint(self, state: TimerState, **counts: int) -> str:
        """The hint for this moment of the question, its {answered} and {of} filled in."""
        return self.HINTS["revealed" if self.night.revealed else str(state)].format(**counts)

    def show_hint(self, hint: str) -> None:
        if self.said:
            hint = f"{self.said} · {hint}"
        if hint != self.hint_shown:
            self.hint_shown = hint
            self.query_one("#quiz-host-hint", Static).update(Text(hint))

    def attempt(self, action: str, *args: int) -> bool:
        """Run an action of the actor; a refused one is a notice, never a crash."""
        try:
            getattr(self.actor, action)(*args)
        except QuizNightError as error:
            self.notify(str(error), severity="warning")
            return False
        except QuestionBankError as error:  # the bank is locked or gone: say so, keep playing
            self.notify(f"Not saved: {error}", severity="error", timeout=8)
            return False
        return True

    # --- moving on

    def action_skip(self) -> None:
        if self.attempt("skip"):
            self.after_move()

    def action_next(self) -> None:
        if self.attempt("next"):
            self.after_move()

    def after_move(self) -> None:
        """After next or skip: a new question, the scoreboard, or the podium."""
        night = self.night
        self.said = ""
        self.moved()
        if night.phase is Phase.ROUND_END and night.is_final_round:
            self.actor.next()  # the final scoreboard is the podium
        if night.phase is Phase.ROUND_END:
            scoreboard = QuizScoreboardScreen(night, rows=self.standings())
            self.app.push_screen(scoreboard, self._after_scoreboard)
        elif night.phase is Phase.FINISHED:
            self.to_podium()
        else:
            self.show_night()

    def _after_scoreboard(self, _result: None) -> None:
        self.actor.next()
        self.after_move()

    def to_podium(self) -> None:
        self.closing()
        self.app.switch_screen(QuizPodiumScreen(self.night, bank=self.bank, rows=self.standings()))

    def action_end_night(self) -> None:
        self.app.push_screen(
            ConfirmScreen("End the night now?", self.END_BODY, confirm_label="End night"),
            self._ended,
        )

    def _ended(self, confirmed: bool | None) -> None:
        if confirmed:
            self.end_now()
            self.to_podium()

    def end_now(self) -> None:
        """Stop the night where it is (the scores so far stand)."""
        self.night.finish_early()
