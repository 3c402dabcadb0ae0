"""Pick a player (to mark right or wrong by hand): type to filter, enter picks, escape cancels."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from quizapp.tui.dialogs.base import QuizModal


class QuizPlayerPickScreen(QuizModal[int | None]):
    """Dismisses with the chosen player's id, or None."""

    CSS_PATH = "../styles/quiz.tcss"
    BINDINGS = [
        # A priority binding: the focused filter field would take enter first and hide it from
        # the footer and from `?`.
        Binding("enter", "pick", "Pick", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    HELP_TITLE = "Pick a player"
    DIALOG_ID = "quiz-pick-dialog"
    DIALOG_CLASSES = "quiz-dialog"

    def __init__(self, title: str, players: list[tuple[int, str, str]]) -> None:
        """`players`: (id, nickname, what they answered) for each player."""
        super().__init__()
        self.title_text = title
        self.players = players

    def compose_dialog(self) -> ComposeResult:
        yield Static(self.title_text, classes="quiz-dialog-title")
        yield Input(placeholder="type to filter", id="quiz-pick-filter", max_length=20)
        yield OptionList(id="quiz-pick-players")
        yield Static("enter picks · escape cancels", classes="quiz-dialog-hint")

    def on_mount(self) -> None:
        self._show("")
        self.query_one(Input).focus()

    def _show(self, wanted: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        for player_id, nickname, answered in self.players:
            if wanted.casefold() in nickname.casefold():
                # The phones' text as plain Text, never markup.
                label = Text(nickname, style="bold")
                label.append(f"   {answered or '(no answer)'}", style="dim")
                options.add_option(Option(label, id=str(player_id)))
        if options.option_count:
            options.highlighted = 0

    @on(Input.Changed)
    def _filter(self, event: Input.Changed) -> None:
        self._show(event.value)

    @on(Input.Submitted)
    def _submit(self, _event: Input.Submitted) -> None:
        self.action_pick()

    def action_pick(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            self.dismiss(int(option.id or 0))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def key_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def key_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
