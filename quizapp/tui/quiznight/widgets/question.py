"""The question on the projector: as large as the screen allows, never clipped.

The widget lays itself out for the space it has, biggest first: the prompt and the options in
big drawn letters; the prompt big and the options in bold text; the same with the big lines
set closer (no blank row between them); only when even that does not fit, or a word is wider
than the screen, or a character has no big form, everything in bold text wrapped to the width.
Big letters are tried at any width: a long question wraps its big lines, so a narrow
terminal shows fewer letters per line, not smaller ones. `needed_height(width)` is the height
a layout needs, so tests can check that what is shown fits its region.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from question_bank.models import CLOZE_GAP
from quizapp.quiznight.plan import QuizQuestion
from quizapp.tui.quiznight.widgets.bigtext import big_fits, big_lines, big_wraps_whole

LETTERS = "ABCDEFGHIJ"
GAP_SHOWN = "_____"


@dataclass(frozen=True)
class _Layout:
    big_prompt: bool
    big_options: bool
    gap: int = 1  # blank rows between two big lines


_LAYOUTS = (
    _Layout(True, True),
    _Layout(True, False),
    _Layout(True, True, gap=0),
    _Layout(True, False, gap=0),
    _Layout(False, False),
)


def _centre_lines(lines: list[str], width: int) -> list[str]:
    return [" " * max(0, (width - len(line)) // 2) + line for line in lines]


class QuizQuestionView(Widget):
    """Shows a quiz question, its options A-D and, once revealed, the answer."""

    DEFAULT_CSS = """
    QuizQuestionView {
        height: 1fr;
        width: 100%;
        padding: 1 2;
        content-align: center middle;
    }
    """

    question: reactive[QuizQuestion | None] = reactive(None, layout=True)
    revealed: reactive[bool] = reactive(False)
    options_shown: reactive[bool] = reactive(True, layout=True)
    """False while another widget shows the options (the spread at a reveal on phones)."""

    # --- layout

    def _option_labels(self) -> list[tuple[str, str]]:
        question = self.question
        if question is None or not self.options_shown:
            return []
        return [(LETTERS[i], option) for i, option in enumerate(question.options)]

    def _prompt_text(self) -> str:
        question = self.question
        return "" if question is None else question.prompt.replace(CLOZE_GAP, GAP_SHOWN)

    def _answer_line(self) -> str:
        question = self.question
        if question is None:
            return ""
        for letter, option in self._option_labels():
            if option == question.answer:
                return f"Answer: {letter}  {option}"
        return f"Answer: {question.answer}"

    def _blocks(self, width: int, layout: _Layout) -> list[tuple[list[str], str]]:
        """(lines, style) blocks for a layout at a width, in order, centred, with spacing."""
        question = self.question
        if question is None or width <= 0:
            return []
        prompt = self._prompt_text()
        if layout.big_prompt:
            prompt_lines = big_lines(prompt, width, layout.gap)
        else:
            prompt_lines = textwrap.wrap(prompt, width) or [""]
        blocks: list[tuple[list[str], str]] = [(_centre_lines(prompt_lines, width), "bold")]
        options = self._option_labels()
        if options:
            option_blocks: list[tuple[list[str], str]] = []
            for letter, option in options:
                correct = self.revealed and option == question.answer
                wrong = self.revealed and not correct
                # Reversed half blocks would turn big letters inside out: big ones turn green.
                highlight = "bold green" if layout.big_options else "bold reverse green"
                style = highlight if correct else ("dim" if wrong else "bold")
                if layout.big_options:
                    lines = big_lines(f"{letter} {option}", width, layout.gap)
                else:
                    lines = textwrap.wrap(f"{letter}   {option}", width, subsequent_indent="    ")
                option_blocks.append((lines or [""], style))
            # The options stay left-aligned with each other, as a block centred under the prompt.
            widest = max(len(line) for lines, _ in option_blocks for line in lines)
            indent = " " * max(0, (width - widest) // 2)
            blocks.append(([""], ""))
            blocks.extend(
                ([indent + line.ljust(widest) for line in lines], style)
                for lines, style in option_blocks
            )
        if self.revealed:
            if layout.big_options:
                answer = big_lines(self._answer_line(), width, layout.gap)
            else:
                answer = textwrap.wrap(self._answer_line(), width) or [""]
            blocks.append(([""], ""))
            blocks.append((_centre_lines(answer, width), "bold green"))
        return blocks

    def _usable(self, layout: _Layout, width: int) -> bool:
        """Whether every text the layout draws big has big glyphs and keeps its words whole."""
        big_texts = [self._prompt_text()] if layout.big_prompt else []
        if layout.big_options:
            big_texts += [f"{letter} {option}" for letter, option in self._option_labels()]
            if self.revealed:
                big_texts.append(self._answer_line())
        return all(big_fits(text) and big_wraps_whole(text, width) for text in big_texts)

    def needed_height(self, width: int, layout: _Layout | None = None) -> int:
        """Rows the question needs at a width (with the layout chosen for the widget's size)."""
        chosen = layout or self.chosen_layout()
        return sum(len(lines) for lines, _ in self._blocks(width, chosen))

    def needed_width(self, width: int) -> int:
        """The widest line the chosen layout draws at a width."""
        blocks = self._blocks(width, self.chosen_layout())
        return max((len(line) for lines, _ in blocks for line in lines), default=0)

    def laid_out_lines(self) -> list[str]:
        """The lines the widget draws at its current size, in order (for checks and tests)."""
        blocks = self._blocks(self.size.width, self.chosen_layout())
        return [line for lines, _ in blocks for line in lines]

    def chosen_layout(self) -> _Layout:
        """The biggest layout that fits the widget's content area (bold text otherwise)."""
        width, height = self.size.width, self.size.height
        for layout in _LAYOUTS[:-1]:
            if self._usable(layout, width) and self.needed_height(width, layout) <= height:
                return layout
        return _LAYOUTS[-1]

    @property
    def is_big(self) -> bool:
        return self.chosen_layout().big_prompt

    # --- drawing

    def render(self) -> RenderableType:
        width = self.size.width
        parts: list[Text] = []
        for lines, style in self._blocks(width, self.chosen_layout()):
            text = Text(no_wrap=True, overflow="crop")
            for index, line in enumerate(lines):
                if index:
                    text.append("\n")
                body = line.lstrip(" ")
                # The centring spaces stay unstyled, so a highlighted option is a neat bar.
                text.append(line[: len(line) - len(body)])
                text.append(body, style)
            parts.append(text)
        return Group(*parts)

    def watch_revealed(self, _revealed: bool) -> None:
        self.refresh(layout=True)
