"""The list of teams on the setup screen: e renames, d removes (it asks the screen to)."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class QuizTeamList(OptionList):
    """Teams in playing order, numbered as the host will score them (1-9)."""

    BINDINGS = [
        Binding("e,f2", "rename", "Rename team"),
        Binding("d,delete", "remove", "Remove team"),
    ]

    class RenameRequested(Message):
        """The host wants to rename the team at `index`."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class RemoveRequested(Message):
        """The host wants to remove the team at `index`."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def show_teams(self, teams: list[str]) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(
            [Option(f"{number}  {name}") for number, name in enumerate(teams, start=1)]
        )
        if teams:
            self.highlighted = min(highlighted or 0, len(teams) - 1)

    def action_rename(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.RenameRequested(self.highlighted))

    def action_remove(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.RemoveRequested(self.highlighted))
