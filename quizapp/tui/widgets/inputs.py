"""Text inputs that do not blink in headless runs (tests and snapshots stay deterministic)."""

from __future__ import annotations

from textual.widgets import Input, TextArea


class QuizInput(Input):
    """An `Input` whose cursor blinks in a terminal but not under the test pilot."""

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.cursor_blink = False


class QuizTextArea(TextArea):
    """A `TextArea` whose cursor blinks in a terminal but not under the test pilot."""

    def on_mount(self) -> None:
        if self.app.is_headless:
            self.cursor_blink = False
