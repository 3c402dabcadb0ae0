"""What every quiz night screen shares: the quiz stylesheet and `?` for the keys."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import Screen

from quizapp.tui.dialogs.help import HelpScreen

ResultType = TypeVar("ResultType")


class QuizScreen(Screen[ResultType]):
    """A quiz night screen. Works in QuizApp or any other app: it brings its own help key."""

    CSS_PATH = "../../styles/quiz.tcss"
    BINDINGS = [Binding("question_mark", "help", "Help", key_display="?")]

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen.for_screen(self))
