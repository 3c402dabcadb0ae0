"""Pick one of a list in a modal (the article to merge into): dismisses with its id or None."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from quizapp.tui.dialogs.base import QuizModal


class PickScreen(QuizModal[str | None]):
    """enter picks the highlighted entry; escape cancels."""

    BINDINGS = [
        # A priority binding: the focused list would take enter first and hide it from the
        # footer and from `?`.
        Binding("enter", "pick", "Pick", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    HELP_TITLE = "Pick"
    DIALOG_ID = "pick-dialog"

    def __init__(self, title: str, choices: list[tuple[str, str]], hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.hint = hint

    def compose_dialog(self) -> ComposeResult:
        yield Static(self.title_text, classes="dialog-title")
        yield OptionList(
            *(Option(label, id=value) for label, value in self.choices), id="pick-list"
        )
        yield Static(
            f"{self.hint + ' · ' if self.hint else ''}enter or a click picks · escape cancels",
            classes="dialog-hint",
        )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_pick(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    def action_cancel(self) -> None:
        self.dismiss(None)
