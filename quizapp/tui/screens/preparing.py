"""First run: the bank is empty and the seed articles are being turned into cards."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, LoadingIndicator, Static


class PreparingScreen(Screen[None]):
    """Shown while the app fills an empty bank from the bundled seed articles."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="preparing"):
            yield Static("Preparing your first cards…", id="preparing-title")
            yield Static(
                "Reading the bundled article and writing its questions into your bank. "
                "This happens once.",
                id="preparing-detail",
            )
            yield LoadingIndicator()
        yield Footer(compact=True)
