"""One line of text in a modal (a new title, tags, a number of days): dismisses with the
text, or None when cancelled. The caller checks and saves it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from quizapp.tui.widgets.inputs import QuizInput


class TextPromptScreen(ModalScreen[str | None]):
    """Enter saves, escape cancels; `hint` says what the text means."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    HELP_TITLE = "Prompt"

    def __init__(self, title: str, value: str = "", hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-dialog", classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield QuizInput(self.value, id="prompt-input")
            yield Static(
                f"{self.hint + ' · ' if self.hint else ''}enter saves · escape cancels",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#prompt-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
