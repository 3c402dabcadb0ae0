"""Add article: a path, a web address or pasted text becomes cards, with the progress shown.

Reading and generating run in a thread worker (spaCy parses for seconds; a URL may take a
while to answer), which talks back only through messages: `Progress` as each stage starts and
as each batch of words is parsed and stored (so the bar moves within one long article),
`Finished` with every article's summary, `Failed` with the one-line reason (nothing was
written then: every source is read before the bank is touched).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, ProgressBar, Static

from question_bank.errors import QuestionBankError
from question_bank.sanitize import safe_for_terminal
from quizapp.tui.context import app_context
from quizapp.tui.widgets.inputs import QuizInput, QuizTextArea

if TYPE_CHECKING:
    from question_bank.models import Article
    from question_bank.store.content import GenerationSummary

INTRO = (
    "Type a file (.txt .md .html .pdf .epub .docx), a folder of them or a web address and "
    "press enter, or paste the article's text below and press ctrl+s."
)


@dataclass(frozen=True)
class AddedArticle:
    """One stored article, as the screen lists it."""

    title: str
    article_id: str
    cards: int
    added: int
    updated: int


class AddArticleScreen(Screen[None]):
    """Where an article comes in; generation runs in a worker and reports through messages."""

    BINDINGS = [
        Binding("ctrl+s", "add", "Add"),
        Binding("escape", "back", "Back"),
    ]
    HELP_TITLE = "Add article"

    class Progress(Message):
        """A stage began or went on: `done` of `total` words parsed and stored."""

        def __init__(self, stage: str, done: int = 0, total: int | None = None) -> None:
            super().__init__()
            self.stage = stage
            self.done = done
            self.total = total

    class Finished(Message):
        """Every article was read and stored."""

        def __init__(self, articles: list[AddedArticle]) -> None:
            super().__init__()
            self.articles = articles

    class Failed(Message):
        """Reading or generating failed; `reason` is one line, and the bank is unchanged."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def __init__(self) -> None:
        super().__init__()
        self.busy = False
        self.added: list[AddedArticle] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="add-article"):
            yield Static(INTRO, id="add-intro")
            yield QuizInput(placeholder="article.pdf, notes/ or https://…", id="add-source")
            yield QuizTextArea(
                id="add-text", soft_wrap=True, placeholder="…or paste the article's text here"
            )
            yield Static("", id="add-status")
            yield ProgressBar(id="add-progress", show_eta=False)
            yield Static("", id="add-results")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#add-progress", ProgressBar).display = False
        self.query_one("#add-source", Input).focus()

    @on(Input.Submitted, "#add-source")
    def _submitted(self) -> None:
        self.action_add()

    def action_add(self) -> None:
        if self.busy:
            self.notify("Still adding the last article…", severity="warning")
            return
        source = self.query_one("#add-source", Input).value
        pasted = self.query_one("#add-text", QuizTextArea).text
        self.busy = True
        self._status("Reading…")
        bar = self.query_one("#add-progress", ProgressBar)
        bar.display = True
        bar.update(total=None, progress=0)
        self.generate(source, pasted)

    @work(thread=True, exclusive=True, group="add-article", exit_on_error=False)
    def generate(self, source: str, pasted: str) -> None:
        """Read, then generate and store; spaCy is imported here, off the UI thread."""
        app = app_context(self)
        try:
            from quizapp.content.generation import generate_articles, read_for_adding

            articles = read_for_adding(app.settings, source=source, pasted=pasted)
            total = len(articles)
            noun = "article" if total == 1 else "articles"
            # The bar counts words parsed and stored: it moves within one long article too.
            words = max(1, sum(article.word_count for article in articles))
            making = f"Making cards from {total} {noun} ({words:,} words)…"
            self.post_message(self.Progress(making, 0, words))
            stored: list[AddedArticle] = []
            parsed = 0

            def progressed(article: Article, count: int) -> None:
                nonlocal parsed
                parsed += count
                self.post_message(self.Progress(making, parsed, words))

            def done(article: Article, summary: GenerationSummary) -> None:
                stored.append(
                    AddedArticle(
                        title=summary.title,
                        article_id=summary.article_id,
                        cards=summary.total,
                        added=summary.added,
                        updated=summary.updated,
                    )
                )
                stage = f"Stored {summary.title} ({len(stored)} of {total})"
                self.post_message(self.Progress(stage, parsed, words))

            generate_articles(
                app.bank,
                articles,
                spacy_model=app.settings.spacy_model,
                on_article=done,
                on_words=progressed,
            )
        except QuestionBankError as error:
            self.post_message(self.Failed(str(error)))
            return
        except Exception as error:  # a bug must not kill the app: say it, keep the screen
            self.post_message(self.Failed(f"could not add the article ({error})"))
            return
        self.post_message(self.Finished(stored))

    def on_add_article_screen_progress(self, message: Progress) -> None:
        self._status(message.stage)
        bar = self.query_one("#add-progress", ProgressBar)
        bar.update(total=message.total, progress=message.done)

    def on_add_article_screen_finished(self, message: Finished) -> None:
        self.busy = False
        self.added.extend(message.articles)
        self.query_one("#add-progress", ProgressBar).display = False
        cards = sum(article.cards for article in message.articles)
        self._status(f"Added {len(message.articles)} article(s), {cards} cards. Esc goes home.")
        lines = [
            f"{article.title} [{article.article_id[:8]}]: {article.cards} cards "
            f"({article.added} new, {article.updated} updated)"
            for article in self.added
        ]
        self.query_one("#add-results", Static).update(Text(safe_for_terminal("\n".join(lines))))
        self.query_one("#add-source", Input).value = ""
        self.query_one("#add-text", QuizTextArea).text = ""

    def on_add_article_screen_failed(self, message: Failed) -> None:
        self.busy = False
        self.query_one("#add-progress", ProgressBar).display = False
        self._status(message.reason, error=True)

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#add-status", Static)
        status.set_class(error, "error")
        # A file name or a page title is shown as text, never as markup or escapes.
        line = Text(safe_for_terminal(text))
        status.update(Text.assemble(("Not added: ", "bold"), line) if error else line)

    def action_back(self) -> None:
        app_context(self).leave_to_home()
