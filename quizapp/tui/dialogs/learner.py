"""Switch learner: pick someone who studies this bank, or type a new name."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from question_bank.errors import QuestionBankError
from quizapp.study.learners import clean_name
from quizapp.tui.dialogs.base import QuizModal
from quizapp.tui.widgets.inputs import QuizInput


class LearnerScreen(QuizModal[str | None]):
    """Dismisses with the chosen learner's name, or None when cancelled."""

    BINDINGS = [
        # A priority binding: the focused list or name field would take enter first and hide
        # it from the footer and from `?`.
        Binding("enter", "choose", "Choose", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    HELP_TITLE = "Switch learner"
    DIALOG_ID = "learner-dialog"

    def __init__(self, learners: list[str], current: str) -> None:
        super().__init__()
        self.learners = learners
        self.current = current

    def compose_dialog(self) -> ComposeResult:
        yield Static("Who is studying?", classes="dialog-title")
        yield OptionList(
            *(
                Option(f"{name}{'  (current)' if name == self.current else ''}", id=name)
                for name in self.learners
            ),
            id="learner-list",
        )
        yield Static("or a new learner:", classes="dialog-hint")
        yield QuizInput(placeholder="name, then enter", id="learner-new")
        yield Static("", id="learner-error", classes="error")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.learners:
            if self.current in self.learners:
                options.highlighted = self.learners.index(self.current)
            options.focus()
        else:
            self.query_one("#learner-new", Input).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._new_learner(event.value)

    def action_choose(self) -> None:
        options = self.query_one(OptionList)
        if options.has_focus and options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)
        else:
            self._new_learner(self.query_one("#learner-new", Input).value)

    def _new_learner(self, typed: str) -> None:
        try:
            name = clean_name(typed)
        except QuestionBankError as error:
            self.query_one("#learner-error", Static).update(str(error))
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)
