"""Write a card by hand: its article, kind, prompt, answer and (for choice) wrong options."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static

from question_bank.errors import QuestionBankError
from question_bank.store.content import list_articles
from quizapp.content.cards import KINDS, add_card
from quizapp.tui.context import app_context
from quizapp.tui.dialogs.base import QuizModal
from quizapp.tui.widgets.inputs import QuizInput

KIND_HINTS = {
    "open": "A question; the answer is what the learner types or recalls.",
    "cloze": "A sentence with [...] where the answer goes.",
    "choice": "A question with the answer and three wrong options.",
    "truefalse": "A statement; the answer is True or False.",
}


@dataclass(frozen=True)
class NewCard:
    """What the learner wrote; the caller saves it."""

    article_id: str
    kind: str
    prompt: str
    answer: str
    wrong_options: tuple[str, ...]


class AddCardScreen(QuizModal[NewCard | None]):
    """Dismisses with the new card, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]
    HELP_TITLE = "Add card"
    DIALOG_ID = "add-dialog"

    def __init__(
        self,
        articles: list[tuple[str, str]],
        article_id: str | None,
        save: Callable[[NewCard], object] | None = None,
    ) -> None:
        """`save` stores the card; a `QuestionBankError` it raises is shown in the dialog."""
        super().__init__()
        self.articles = articles
        self.article_id = article_id or (articles[0][1] if articles else None)
        self.save = save

    def compose_dialog(self) -> ComposeResult:
        # Compact fields, a label beside each: the whole dialog, a choice card's wrong options
        # and the buttons included, fits an 80x24 terminal.
        yield Static("Add a card", classes="dialog-title")
        with Horizontal(classes="add-row"):
            yield Label("Article", classes="add-label")
            yield Select(
                self.articles,
                value=self.article_id or Select.NULL,
                id="add-card-article",
                allow_blank=False,
                compact=True,
            )
        with Horizontal(classes="add-row"):
            yield Label("Kind", classes="add-label")
            yield Select(
                ((k, k) for k in KINDS),
                value="open",
                id="add-kind",
                allow_blank=False,
                compact=True,
            )
        yield Static(KIND_HINTS["open"], id="add-hint", classes="dialog-hint")
        with Horizontal(classes="add-row", id="add-prompt-row"):
            yield Label("Prompt", classes="add-label")
            yield QuizInput(id="add-prompt", compact=True)
        with Horizontal(classes="add-row"):
            yield Label("Answer", classes="add-label")
            yield QuizInput(id="add-answer", compact=True)
        with Vertical(id="add-options"):
            for number in range(3):
                with Horizontal(classes="add-row"):
                    yield Label(f"Wrong {number + 1}", classes="add-label")
                    yield QuizInput(
                        id=f"add-wrong-{number}",
                        placeholder=f"wrong option {number + 1}",
                        compact=True,
                    )
        yield Static("", id="add-error", classes="error")
        with Horizontal(classes="dialog-buttons"):
            yield Button("Save (ctrl+s)", id="add-save", variant="primary", compact=True)
            yield Button("Cancel (esc)", id="add-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#add-options").display = False
        self.query_one("#add-prompt", Input).focus()

    @on(Select.Changed, "#add-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        kind = str(event.value)
        self.query_one("#add-options").display = kind == "choice"
        self.query_one("#add-hint", Static).update(KIND_HINTS.get(kind, ""))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter moves on to the next field, and saves from the last one: a card is not saved
        # half-written because enter was pressed after its prompt.
        event.stop()
        fields = [
            field
            for field in self.query(Input)
            if all(node.display for node in field.ancestors_with_self if isinstance(node, Widget))
        ]
        if fields and event.input is not fields[-1]:
            self.focus_next()
        else:
            self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add-save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        article = self.query_one("#add-card-article", Select).value
        if article is Select.NULL:
            self.query_one("#add-error", Static).update("Choose an article first.")
            return
        card = NewCard(
            article_id=str(article),
            kind=str(self.query_one("#add-kind", Select).value),
            prompt=self.query_one("#add-prompt", Input).value,
            answer=self.query_one("#add-answer", Input).value,
            wrong_options=tuple(self.query_one(f"#add-wrong-{n}", Input).value for n in range(3)),
        )
        if self.save is not None:
            try:
                self.save(card)
            except QuestionBankError as error:
                # Said in the dialog, which stays open with what was written.
                self.query_one("#add-error", Static).update(str(error))
                return
        self.dismiss(card)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _short(title: str, width: int = 50) -> str:
    """A title that fits the dialog's select on one line at 80 columns."""
    return title if len(title) <= width else title[: width - 1].rstrip() + "…"


def open_add_card(node: Widget, article_id: str | None, added: Callable[[], object]) -> None:
    """Ask for a card and save it; a card that cannot work is said in the dialog, which stays
    open until the card is saved or the learner cancels."""
    app = app_context(node)
    articles = [(_short(a.title), a.id) for a in list_articles(app.bank)]
    if not articles:
        node.notify("Add an article first (quizapp generate).", severity="warning")
        return

    def save(card: NewCard) -> None:
        add_card(
            app.bank,
            card.article_id,
            card.kind,
            card.prompt,
            card.answer,
            wrong_options=card.wrong_options,
        )

    def done(card: NewCard | None) -> None:
        if card is not None:
            node.notify("Card added.")
            added()

    node.app.push_screen(AddCardScreen(articles, article_id, save), done)
