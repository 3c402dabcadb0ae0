"""A line of the keys a screen's footer has no room for: "a Add article · l Learner · …".

The footer shows what fits 80 columns; the other keys were in `?` only, where a new user never
looks. These lines list a screen's bindings declared `show=False`, as the footer draws keys,
`per_line` to a line (a line break never splits a key from what it does). A click on one runs
it, as a click on the footer does.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Static


class KeyHints(Static):
    """The hidden (`show=False`) keys among `bindings`, each clickable."""

    DEFAULT_CSS = """
    KeyHints {
        height: auto;
        link-color: $text-muted;
        link-style: none;
        link-style-hover: bold;
        link-background-hover: $accent 30%;
    }
    """

    def __init__(
        self, bindings: Iterable[BindingType], *, per_line: int = 4, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.hidden = [b for b in bindings if isinstance(b, Binding) and not b.show]
        self.per_line = per_line

    def on_mount(self) -> None:
        text = Text()
        for index, binding in enumerate(self.hidden):
            if index:
                text.append("\n" if index % self.per_line == 0 else "  ")
            start = len(text)
            text.append(self.app.get_key_display(binding), style="bold")
            text.append(f" {binding.description}")
            text.stylize(Style.from_meta({"@click": f"screen.{binding.action}"}), start, len(text))
        self.update(text)
