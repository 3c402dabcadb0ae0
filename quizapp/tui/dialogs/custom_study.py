"""Custom study, from home: what to study beyond today's queue (Anki's "Custom Study").

A `ModalScreen[CustomStudy]`: the kind of session (extra new cards, forgotten cards, review
ahead, cram), how many days and cards, and optionally one article, one kind of card, one tag.
The caller starts the session (`quizapp.study.custom.CustomSession`).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Select, Static

from quizapp.study.custom import KINDS, CustomKind, CustomStudy
from quizapp.tui.dialogs.base import QuizModal
from quizapp.tui.widgets.inputs import QuizInput

CARD_KINDS = ("open", "cloze", "choice", "truefalse")
ALL = "*"
"""The value of "every article" and "any kind" in the selects."""


class CustomStudyScreen(QuizModal[CustomStudy | None]):
    """Dismisses with what to study, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "start", "Start"),
        Binding("escape", "cancel", "Cancel"),
    ]
    HELP_TITLE = "Custom study"
    DIALOG_ID = "custom-dialog"

    def __init__(self, articles: list[tuple[str, str]], article_id: str | None) -> None:
        super().__init__()
        self.articles = articles
        self.article_id = article_id

    def compose_dialog(self) -> ComposeResult:
        yield Static("Custom study", classes="dialog-title")
        # Compact widgets: the whole dialog fits an 80x24 terminal.
        with RadioSet(id="custom-kind", compact=True):
            for index, label in enumerate(KINDS.values()):
                yield RadioButton(label, value=index == 0)
        with Horizontal(classes="custom-row"):
            yield Label("Days", classes="custom-label")
            yield QuizInput(
                "1", id="custom-days", type="integer", classes="custom-number", compact=True
            )
            yield Label("Cards", classes="custom-label")
            yield QuizInput(
                "20", id="custom-limit", type="integer", classes="custom-number", compact=True
            )
        yield Select(
            [("Every article", ALL), *self.articles],
            value=self.article_id or ALL,
            allow_blank=False,
            id="custom-article",
            compact=True,
        )
        with Horizontal(classes="custom-row"):
            yield Select(
                [("Any kind of card", ALL), *((k, k) for k in CARD_KINDS)],
                value=ALL,
                allow_blank=False,
                id="custom-card-kind",
                compact=True,
            )
            yield QuizInput(placeholder="tag (optional)", id="custom-tag", compact=True)
        yield Static("", id="custom-hint", classes="dialog-hint")
        with Horizontal(classes="dialog-buttons"):
            yield Button("Start", id="custom-start", variant="primary", compact=True)
            yield Button("Cancel", id="custom-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()
        self._explain()

    @property
    def kind(self) -> CustomKind:
        index = self.query_one(RadioSet).pressed_index
        return list(KINDS)[max(0, index)]

    @on(RadioSet.Changed)
    def _kind_changed(self) -> None:
        self._explain()

    def _explain(self) -> None:
        kind = self.kind
        self.query_one("#custom-days", Input).disabled = kind not in ("forgotten", "ahead")
        hint = {
            "new": "New cards beyond today's limit; answered as usual.",
            "forgotten": "Cards you answered Again in the last N days; answers reschedule.",
            "ahead": "Reviews due in the next N days, studied early; answers reschedule.",
            "cram": "Any cards, as often as you like: nothing is rescheduled or logged.",
        }[kind]
        self._say(hint)

    def _say(self, text: str, *, error: bool = False) -> None:
        """The hint line says what the kind does, or what is wrong with the numbers."""
        hint = self.query_one("#custom-hint", Static)
        hint.set_class(error, "error")
        hint.update(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "custom-start":
            self.action_start()
        else:
            self.action_cancel()

    def action_start(self) -> None:
        try:
            days = int(self.query_one("#custom-days", Input).value or "1")
            limit = int(self.query_one("#custom-limit", Input).value or "0")
        except ValueError:
            self._say("Days and cards are whole numbers.", error=True)
            return
        if not 1 <= limit <= 9999:
            self._say("Cards: 1 to 9999.", error=True)
            return
        if not 1 <= days <= 365:
            self._say("Days: 1 to 365.", error=True)
            return
        article = self.query_one("#custom-article", Select).value
        card_kind = self.query_one("#custom-card-kind", Select).value
        tag = self.query_one("#custom-tag", Input).value.strip()
        self.dismiss(
            CustomStudy(
                kind=self.kind,
                days=days,
                limit=limit,
                article_id=None if article == ALL else str(article),
                card_kind=None if card_kind == ALL else str(card_kind),
                tag=tag or None,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
