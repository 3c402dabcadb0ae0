"""Small dialogs of the quiz night: pick a team by its number, type a team's name."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from quizapp.tui.dialogs.base import QuizModal
from quizapp.tui.widgets.inputs import QuizInput


class QuizTeamPickScreen(QuizModal[int | None]):
    """Ask which team: 1-9 dismisses with that team's index, escape with None."""

    CSS_PATH = "../styles/quiz.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        *[Binding(str(n), f"pick({n - 1})", "Pick team", show=n == 1) for n in range(1, 10)],
    ]
    HELP_TITLE = "Which team"
    DIALOG_ID = "quiz-pick-dialog"
    DIALOG_CLASSES = "quiz-dialog"

    def __init__(self, question: str, teams: list[str]) -> None:
        super().__init__()
        self.question = question
        self.teams = teams

    def compose_dialog(self) -> ComposeResult:
        yield Static(self.question, classes="quiz-dialog-title")
        listing = Text()
        for number, name in enumerate(self.teams, start=1):
            listing.append(f"{number}", "bold reverse")
            listing.append(f"  {name}\n")
        yield Static(listing, id="quiz-pick-teams")
        yield Static("press the team's number · escape cancels", classes="quiz-dialog-hint")

    def action_pick(self, index: int) -> None:
        if index < len(self.teams):
            self.dismiss(index)

    def action_cancel(self) -> None:
        self.dismiss(None)


class QuizNameScreen(QuizModal[str | None]):
    """Type a name: enter dismisses with it, escape with None."""

    CSS_PATH = "../styles/quiz.tcss"
    BINDINGS = [
        # A priority binding: the focused field would take enter first and hide it from the
        # footer and from `?`.
        Binding("enter", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    HELP_TITLE = "Name"
    DIALOG_ID = "quiz-name-dialog"
    DIALOG_CLASSES = "quiz-dialog"

    def __init__(self, title: str, value: str = "", *, max_length: int = 40) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.max_length = max_length

    def compose_dialog(self) -> ComposeResult:
        yield Static(self.title_text, classes="quiz-dialog-title")
        yield QuizInput(self.value, id="quiz-name-input", max_length=self.max_length)
        yield Static("enter saves · escape cancels", classes="quiz-dialog-hint")

    def on_mount(self) -> None:
        name = self.query_one(QuizInput)
        name.focus()
        name.action_select_all()  # typing replaces the old name

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_save(self) -> None:
        self.dismiss(self.query_one(QuizInput).value)

    def action_cancel(self) -> None:
        self.dismiss(None)
