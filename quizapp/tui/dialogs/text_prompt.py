"""One line of text in a modal (a new title, tags, a number of days): dismisses with the
text, or None when cancelled. The caller checks and saves it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from quizapp.tui.dialogs.base import QuizModal
from quizapp.tui.widgets.inputs import QuizInput


class TextPromptScreen(QuizModal[str | None]):
    """Enter saves, escape cancels; `hint` says what the text means."""

    BINDINGS = [
        # A priority binding: the focused field would take enter first and hide it from the
        # footer and from `?`.
        Binding("enter", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    HELP_TITLE = "Prompt"
    DIALOG_ID = "prompt-dialog"

    def __init__(self, title: str, value: str = "", hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.hint = hint

    def compose_dialog(self) -> ComposeResult:
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

    def action_save(self) -> None:
        self.dismiss(self.query_one("#prompt-input", Input).value)

    def action_cancel(self) -> None:
        self.dismiss(None)
