"""A small app that hosts only the quiz night screens (the setup screen first).

`quizapp quiz-night` runs it; tests and snapshots use it too, with a fixed clock.
"""

from __future__ import annotations

import time

from textual.app import App
from textual.binding import Binding

from question_bank.store import Bank
from quizapp.quiznight.engine import Clock, NightSetup
from quizapp.settings import Settings
from quizapp.tui.screens.quiz_setup import QuizSetupScreen


class QuizNightApp(App[None]):
    """Quiz night only: setup, host, scoreboard, podium."""

    TITLE = "quizapp quiz night"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]

    def __init__(
        self,
        bank: Bank,
        settings: Settings,
        *,
        setup: NightSetup | None = None,
        clock: Clock = time.monotonic,
    ) -> None:
        super().__init__()
        self.bank = bank
        self.settings = settings
        self.quiz_clock = clock
        self.quiz_setup = setup

    def on_mount(self) -> None:
        self.push_screen(
            QuizSetupScreen(self.bank, self.settings, clock=self.quiz_clock, setup=self.quiz_setup)
        )
