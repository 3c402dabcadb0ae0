"""Edit a card's wording in a modal: prompt, answer, accepted answers (one per line)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from quizapp.study.cards import CardOperations
from quizapp.study.views import CardView
from quizapp.tui.dialogs.base import QuizModal
from quizapp.tui.errors import reported
from quizapp.tui.widgets.inputs import QuizInput, QuizTextArea


@dataclass(frozen=True)
class CardEdit:
    """The new wording the learner saved."""

    prompt: str
    answer: str
    accepted_answers: list[str]


@reported()
def save_edit(node: Widget, service: CardOperations, question_id: str, edit: CardEdit) -> CardView:
    """Persist an edit (a session's `cards`, or the browser's); a bank error is shown and
    None returned."""
    card = service.edit(
        question_id,
        prompt=edit.prompt,
        answer=edit.answer,
        accepted_answers=edit.accepted_answers,
    )
    node.notify("Card saved.")
    return card


class EditCardScreen(QuizModal[CardEdit | None]):
    """Dismisses with the edit, or None when cancelled. The caller persists it."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]
    HELP_TITLE = "Edit card"
    DIALOG_ID = "edit-dialog"

    def __init__(
        self, prompt: str, answer: str, accepted_answers: tuple[str, ...] | list[str]
    ) -> None:
        super().__init__()
        self.prompt = prompt
        self.answer = answer
        self.accepted_answers = list(accepted_answers)

    def compose_dialog(self) -> ComposeResult:
        # Compact fields: the whole dialog, buttons included, fits an 80x24 terminal.
        yield Static("Edit card", classes="dialog-title")
        yield Label("Prompt")
        yield QuizTextArea(self.prompt, id="edit-prompt", compact=True)
        yield Label("Answer")
        yield QuizInput(self.answer, id="edit-answer", compact=True)
        yield Label("Also accept (one per line)")
        yield QuizTextArea("\n".join(self.accepted_answers), id="edit-accepted", compact=True)
        yield Static("", id="edit-error", classes="error")
        with Horizontal(classes="dialog-buttons"):
            yield Button("Save (ctrl+s)", id="edit-save", variant="primary", compact=True)
            yield Button("Cancel (esc)", id="edit-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#edit-prompt", QuizTextArea).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "edit-save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        # A prompt is one line; the text area only wraps it so the whole prompt is in view.
        prompt = " ".join(self.query_one("#edit-prompt", QuizTextArea).text.split())
        answer = self.query_one("#edit-answer", Input).value.strip()
        accepted_text = self.query_one("#edit-accepted", QuizTextArea).text
        if not prompt or not answer:
            self.query_one("#edit-error", Static).update("A card needs a prompt and an answer.")
            return
        accepted = [line.strip() for line in accepted_text.splitlines() if line.strip()]
        self.dismiss(CardEdit(prompt=prompt, answer=answer, accepted_answers=accepted))

    def action_cancel(self) -> None:
        self.dismiss(None)
