"""The card being studied: prompt (cloze gap highlighted), options, answer, and its source.

The screen decides what to show (question, answer, typed verdict, chosen option); this widget
only renders it. Content is always built as `rich.text.Text`, never as markup, because card
text holds square brackets ("[...]") that markup would swallow.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from question_bank.models import CLOZE_GAP
from question_bank.sanitize import safe_for_terminal
from quizapp.study.views import CardView, TypedGrade

GAP_SHOWN = "[ … ]"
OPTION_KEYS = "abcd"

VERDICT_STYLES = {"exact": "bold green", "close": "bold yellow", "wrong": "bold red"}
VERDICT_LABELS = {"exact": "Exact", "close": "Close", "wrong": "Wrong"}


TRUE_OR_FALSE = "True or false? "


def prompt_text(card: CardView, revealed: bool) -> Text:
    """The prompt; a cloze gap is highlighted, and filled with the answer once revealed; a
    true/false statement is asked "True or false? …", as the exports ask it."""
    text = Text()
    if card.kind == "truefalse":
        text.append(TRUE_OR_FALSE, style="bold cyan")
    parts = card.prompt.split(CLOZE_GAP)
    for index, part in enumerate(parts):
        text.append(part)
        if index < len(parts) - 1:
            if revealed:
                text.append(card.answer, style="bold black on green")
            else:
                text.append(GAP_SHOWN, style="bold black on yellow")
    return text


def options_text(choices: tuple[str, ...], answer: str, chosen: int | None, revealed: bool) -> Text:
    """Options "a) ..." to "d) ..."; once answered, the right one green, a wrong pick red."""
    text = Text()
    for index, choice in enumerate(choices[: len(OPTION_KEYS)]):
        if index:
            text.append("\n")
        style = ""
        mark = "  "
        if revealed and choice == answer:
            style, mark = "bold green", "✓ "
        elif revealed and index == chosen:
            style, mark = "bold red", "✗ "
        start = len(text)
        text.append(mark)
        text.append(f"{OPTION_KEYS[index]}) ", style="bold")
        # Choice-mode options of a card that is not a choice card come from its siblings'
        # choices, not from the card's own (already cleaned) fields: cleaned here as well.
        text.append(safe_for_terminal(choice), style=style)
        if not revealed:
            # A click on the option chooses it, as its key does (Textual runs "@click"
            # actions). Only before the answer: a link's colour would hide the green and red.
            action = {"@click": f"screen.choose({index})"}
            text.stylize(Style.from_meta(action), start, len(text))
    return text


def diff_text(grade: TypedGrade) -> Text:
    """What was typed against what was expected: missing text green, extra text struck red."""
    text = Text()
    text.append(f"{VERDICT_LABELS[grade.verdict]}", style=VERDICT_STYLES[grade.verdict])
    text.append(f"  ({grade.similarity:.0f}% similar)\n", style="dim")
    text.append("You typed: ", style="dim")
    text.append(grade.typed or "(nothing)")
    if grade.verdict != "close" or not grade.diff:
        # Only a near miss gets a letter-by-letter difference; for a wrong answer it is noise.
        return text
    text.append("\nDifference: ", style="dim")
    for segment in grade.diff:
        if segment.op == "equal":
            text.append(segment.text)
        elif segment.op == "insert":
            text.append(segment.text, style="bold black on green")
        elif segment.op == "delete":
            text.append(segment.typed, style="strike red")
        else:
            text.append(segment.typed, style="strike red")
            text.append(segment.text, style="bold black on green")
    return text


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def repeats_the_prompt(card: CardView) -> bool:
    """The source sentence says nothing the card does not: a cloze of the whole sentence,
    its gap filled once revealed, or a true/false statement of the sentence as written."""
    sentence = _words(card.source_sentence)
    if not sentence:
        return True
    return _words(card.prompt.replace(CLOZE_GAP, card.answer)) == sentence


def source_text(card: CardView) -> Text:
    """Where this comes from: the article and section, and the sentence the card was made
    from, unless the card already shows that very sentence."""
    text = Text()
    text.append("Where this comes from", style="bold")
    where = " · ".join(part for part in (card.article_title, card.section) if part)
    if where:
        text.append(f"  {where}", style="dim")
    if repeats_the_prompt(card):
        return text
    text.append("\n")
    sentence = card.source_sentence
    start = sentence.find(card.answer) if card.answer else -1
    if start >= 0:
        text.append(sentence[:start], style="italic")
        text.append(card.answer, style="bold italic underline")
        text.append(sentence[start + len(card.answer) :], style="italic")
    else:
        text.append(sentence, style="italic")
    return text


def meta_text(card: CardView, flagged: bool) -> Text:
    text = Text()
    text.append(card.kind, style="bold")
    text.append(f" · {card.state_name}", style="dim")
    if card.lapses:
        text.append(f" · {card.lapses} lapses", style="dim")
    if flagged:
        text.append(" · ⚑ flagged", style="bold magenta")
    if card.leech:
        text.append(" · leech", style="bold red")
    return text


class CardPanel(Vertical):
    """Shows one card. The study screen calls `show(...)` whenever something changes."""

    DEFAULT_CSS = """
    CardPanel { height: auto; padding: 1 2; }
    CardPanel > #card-meta { color: $text-muted; margin-bottom: 1; }
    CardPanel > #card-prompt { text-style: bold; margin-bottom: 1; }
    CardPanel > #card-options { margin-bottom: 1; }
    /* Options are clickable ("@click"): not underlined like links, highlighted under the mouse. */
    CardPanel > #card-options {
        link-style: none; link-style-hover: bold; link-background-hover: $accent 30%;
    }
    CardPanel > #card-answer { margin-bottom: 1; }
    CardPanel > #card-source { border-left: thick $accent; padding-left: 1; }
    CardPanel > #card-options, CardPanel > #card-answer, CardPanel > #card-source {
        display: none;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._texts: dict[str, Text] = {}
        """What each part shows now (see `_set`)."""

    def compose(self) -> ComposeResult:
        yield Static(id="card-meta")
        yield Static(id="card-prompt")
        yield Static(id="card-options")
        yield Static(id="card-answer")
        yield Static(id="card-source")

    def show(
        self,
        card: CardView,
        *,
        revealed: bool,
        flagged: bool,
        with_options: bool = False,
        chosen: int | None = None,
        grade: TypedGrade | None = None,
        options: tuple[str, ...] | None = None,
        picked: str | None = None,
    ) -> None:
        """Render the card: the question, or (revealed) the answer and its source.

        `options` are the choices shown in choice mode (the card's own by default); `picked` is
        what the learner answered with a key (an option, or true/false), shown with the answer.
        """
        # Parts are shown and hidden through `display`, not a CSS class: a class change
        # restyles the widget (a pass over the stylesheet) on every card, on the path from a
        # grade to the next card drawn.
        self._set("#card-meta", meta_text(card, flagged))
        self._set("#card-prompt", prompt_text(card, revealed))
        options_widget = self.query_one("#card-options", Static)
        options_widget.display = with_options
        if with_options:
            shown = card.choices if options is None else options
            self._set("#card-options", options_text(shown, card.answer, chosen, revealed))
        answer = self.query_one("#card-answer", Static)
        source = self.query_one("#card-source", Static)
        answer.display = revealed
        source.display = revealed
        if revealed:
            body = Text()
            if grade is not None:
                body.append_text(diff_text(grade))
                body.append("\n")
            elif picked is not None and not with_options:
                right = (
                    " ".join(picked.split()).casefold() == " ".join(card.answer.split()).casefold()
                )
                body.append("You said: ", style="dim")
                body.append(picked, style="bold green" if right else "bold red")
                body.append(
                    " ✓\n" if right else " ✗\n", style="bold green" if right else "bold red"
                )
            body.append("Answer: ", style="dim")
            body.append(card.answer, style="bold green")
            others = [a for a in card.accepted_answers if a != card.answer]
            if others:
                body.append(f"  (also: {', '.join(others)})", style="dim")
            self._set("#card-answer", body)
            self._set("#card-source", source_text(card))

    def _set(self, selector: str, text: Text) -> None:
        """Update a part only when its text changed (each update lays the screen out again)."""
        widget = self.query_one(selector, Static)
        if self._texts.get(selector) != text:
            self._texts[selector] = text
            widget.update(text)
