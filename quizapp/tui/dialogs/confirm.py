"""A yes/no question in a modal: `ConfirmScreen(...)` dismisses with True or False."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Static

from quizapp.tui.dialogs.base import QuizModal


class ConfirmScreen(QuizModal[bool]):
    """Ask before something that cannot be undone; y / enter confirm, n / escape cancel."""

    BINDINGS = [
        Binding("y", "confirm", "Yes"),
        Binding("n,escape", "cancel", "No"),
    ]
    HELP_TITLE = "Confirm"
    DIALOG_ID = "confirm-dialog"

    def __init__(self, question: str, detail: str = "", confirm_label: str = "Yes") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.confirm_label = confirm_label

    def compose_dialog(self) -> ComposeResult:
        yield Static(self.question, classes="dialog-title")
        if self.detail:
            yield Static(self.detail, id="confirm-detail", classes="dialog-body")
        with Horizontal(classes="dialog-buttons"):
            yield Button(f"{self.confirm_label} (y)", id="confirm-yes", variant="error")
            yield Button("Cancel (n)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
