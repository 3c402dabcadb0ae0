"""`?`: every key of the current screen, with what it does."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from quizapp.tui.dialogs.base import QuizModal


@dataclass(frozen=True)
class KeyHelp:
    """One key of a screen: what to press and what it does."""

    key: str
    description: str


def _declared_actions(node: object) -> set[str]:
    """Actions bound by quizapp's own classes (not Textual's generic scrolling and copying)."""
    actions: set[str] = set()
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("quizapp."):
            continue
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding):
                actions.add(binding.action)
    return actions


def keys_of(screen: Screen[Any]) -> list[KeyHelp]:
    """The keys of a screen: its own, its focused widget's and the app's, as quizapp binds them."""
    seen: set[tuple[str, str]] = set()
    keys: list[KeyHelp] = []
    declared: dict[int, set[str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        description = binding.description or binding.tooltip
        if not description or not active.enabled:
            continue
        actions = declared.setdefault(id(active.node), _declared_actions(active.node))
        if binding.action not in actions:
            continue
        # The real key, not the footer's short form: "u" and "ctrl+z" both undo, and both show.
        display = screen.app.get_key_display(replace(binding, key_display=None))
        if (display, description) in seen:
            continue
        seen.add((display, description))
        keys.append(KeyHelp(display, description))
    return keys


class HelpScreen(QuizModal[None]):
    """A modal listing keys; escape, q or ? (F1) closes it (`QuizApp.action_help`)."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
    ]
    DIALOG_ID = "help-dialog"
    # `?` (and F1) close the help again (`QuizApp.action_help`); esc says it in the footer.
    HELP_BINDINGS = (
        Binding("question_mark", "app.help", "Close", show=False, key_display="?"),
        Binding("f1", "app.help", "Close", show=False),
    )

    def __init__(self, title: str, keys: list[KeyHelp]) -> None:
        super().__init__()
        self.title_text = title
        self.keys = keys

    @classmethod
    def for_screen(cls, screen: Screen[Any]) -> HelpScreen:
        title = getattr(screen, "HELP_TITLE", None) or type(screen).__name__.removesuffix("Screen")
        keys = keys_of(screen)
        # Keys of widgets that are not focused now (a list's own keys) are declared by the
        # screen, so that `?` lists every key wherever the focus is.
        shown = {(k.key, k.description) for k in keys}
        for key, description in getattr(screen, "HELP_EXTRA", ()):
            if (key, description) not in shown:
                keys.append(KeyHelp(key, description))
        return cls(f"Keys: {title}", keys)

    def compose_dialog(self) -> ComposeResult:
        yield Static(self.title_text, classes="dialog-title")
        table: DataTable[str] = DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)
        table.add_columns("key", "does")
        for item in self.keys:
            table.add_row(item.key, item.description)
        yield table
        yield Static("escape closes", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
