"""Card info: a card's memory state, its whole review history and its sentence in context."""

from __future__ import annotations

from datetime import tzinfo

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from quizapp.study.card_info import card_info
from quizapp.study.scheduling import format_interval
from quizapp.study.views import RATING_LABELS, STATE_NAMES, CardInfo
from quizapp.tui.context import app_context
from quizapp.tui.errors import reported
from quizapp.tui.formatting import duration_label, when_label

RATING_STYLES = {1: "red", 2: "yellow", 3: "green", 4: "cyan"}


def facts_table(info: CardInfo, now_label: str) -> Table:
    """The card's figures: where it is from, its state and FSRS memory state now."""
    card = info.card
    table = Table.grid(padding=(0, 2))
    table.add_column(style="dim", justify="right")
    table.add_column()
    table.add_row("Article", card.article_title)
    table.add_row("Kind", card.kind)
    table.add_row("Added", info.added.strftime("%Y-%m-%d"))
    state = STATE_NAMES.get(card.state, "new")
    marks = [
        word
        for word, on in (
            ("suspended", card.suspended),
            ("buried", info.buried_until is not None),
            ("flagged", card.flagged),
            ("leech", card.leech),
        )
        if on
    ]
    table.add_row("State", ", ".join([state, *marks]))
    table.add_row("Due", now_label)
    table.add_row("Reviews", f"{card.reps} ({card.lapses} lapses)")
    if info.stability is not None:
        table.add_row("Stability", f"{info.stability:.1f} days")
    if info.difficulty is not None:
        table.add_row("Difficulty", f"{info.difficulty:.1f} / 10")
    if info.retrievability is not None:
        table.add_row("Retrievability", f"{info.retrievability:.0%} (chance of recall now)")
    table.add_row("Tags", " ".join(info.tags) or "—")
    return table


def history_table(info: CardInfo, zone: tzinfo | None) -> Table | Text:
    """Every answer, oldest first: when, grade, interval it gave, time taken, what was typed."""
    if not info.reviews:
        return Text("Never answered.", style="dim")
    table = Table(box=None, padding=(0, 1), header_style="bold")
    for heading in ("Date", "Grade", "From", "Interval", "Time", "Mode", "Typed"):
        table.add_column(heading)
    for review in info.reviews:
        table.add_row(
            review.reviewed_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            Text(RATING_LABELS.get(review.rating, "?"), style=RATING_STYLES.get(review.rating, "")),
            STATE_NAMES.get(review.state_before, "new"),
            format_interval(review.interval) if review.interval is not None else "—",
            duration_label(review.duration_ms),
            review.mode,
            review.typed or "",
        )
    return table


def source_text(info: CardInfo) -> Text:
    """The paragraph with the card's sentence in bold (or the sentence alone)."""
    sentence = " ".join(info.card.source_sentence.split())
    paragraph = info.paragraph or sentence
    text = Text(paragraph)
    start = paragraph.find(sentence) if sentence else -1
    if start >= 0:
        text.stylize("bold", start, start + len(sentence))
    if info.card.section:
        text = Text(f"{info.card.section}\n", style="dim") + text
    return text


class CardInfoScreen(Screen[None]):
    """One card's info; escape goes back."""

    BINDINGS = [Binding("escape,q,i", "back", "Back", key_display="esc")]
    HELP_TITLE = "Card info"

    def __init__(self, question_id: str) -> None:
        super().__init__()
        self.question_id = question_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="card-info"):
            yield Static("", id="info-card", classes="panel")
            yield Static("Details", classes="section-title")
            yield Static("", id="info-facts")
            yield Static("Source", classes="section-title")
            yield Static("", id="info-source")
            yield Static("History", classes="section-title")
            yield Static("", id="info-history")
        yield Footer(compact=True)

    @reported(after=lambda screen: screen.app.pop_screen())
    def on_mount(self) -> None:
        app = app_context(self)
        now = app.clock()
        info = card_info(app.bank, app.settings, app.learner, self.question_id, now)
        self.info = info
        card = info.card
        header = Text(card.prompt, style="bold")
        header.append("\n")
        header.append(card.answer, style="green")
        if card.choices:
            header.append("\n" + " · ".join(card.choices), style="dim")
        self.query_one("#info-card", Static).update(header)
        due = "new" if card.due is None else when_label(card.due, now)
        self.query_one("#info-facts", Static).update(facts_table(info, due))
        self.query_one("#info-source", Static).update(source_text(info))
        self.query_one("#info-history", Static).update(history_table(info, app.timezone))

    def action_back(self) -> None:
        self.app.pop_screen()
