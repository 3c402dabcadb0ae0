"""Pick one of a list in a modal (the article to merge into): dismisses with its id or None."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class PickScreen(ModalScreen[str | None]):
    """enter picks the highlighted entry; escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    HELP_TITLE = "Pick"

    def __init__(self, title: str, choices: list[tuple[str, str]], hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-dialog", classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield OptionList(
                *(Option(label, id=value) for label, value in self.choices), id="pick-list"
            )
            yield Static(
                f"{self.hint + ' · ' if self.hint else ''}enter picks · escape cancels",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
