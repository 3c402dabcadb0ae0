"""The question on the projector: as large as the screen allows, never clipped.

The widget lays itself out for the space it has: the prompt (and the options) in big drawn
letters when they fit, else in bold text wrapped to the width. `needed_height(width)` is the
height a layout needs, so tests can check that what is shown fits its region.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from quizapp.quiznight.engine import QuizQuestion
from quizapp.tui.widgets.quiz_bigtext import big_fits, big_lines

LETTERS = "ABCDEFGHIJ"
GAP = "[...]"
GAP_SHOWN = "_____"


@dataclass(frozen=True)
class _Layout:
    big_prompt: bool
    big_options: bool


_LAYOUTS = (_Layout(True, True), _Layout(True, False), _Layout(False, False))


class QuizQuestionView(Widget):
    """Shows a quiz question, its options A-D and, once revealed, the answer."""

    DEFAULT_CSS = """
    QuizQuestionView {
        height: 1fr;
        width: 1fr;
        padding: 1 2;
        content-align: center middle;
    }
    """

    question: reactive[QuizQuestion | None] = reactive(None, layout=True)
    revealed: reactive[bool] = reactive(False)

    # --- layout

    def _option_labels(self) -> list[tuple[str, str]]:
        question = self.question
        if question is None:
            return []
        return [(LETTERS[i], option) for i, option in enumerate(question.options)]

    def _prompt_text(self) -> str:
        question = self.question
        return "" if question is None else question.prompt.replace(GAP, GAP_SHOWN)

    def _answer_line(self) -> str:
        question = self.question
        if question is None:
            return ""
        for letter, option in self._option_labels():
            if option == question.answer:
                return f"Answer: {letter}  {option}"
        return f"Answer: {question.answer}"

    def _blocks(self, width: int, layout: _Layout) -> list[tuple[list[str], str, str]]:
        """(lines, style, justify) blocks for a layout at a width, in order, with spacing."""
        question = self.question
        if question is None or width <= 0:
            return []
        prompt = self._prompt_text()
        blocks: list[tuple[list[str], str, str]] = []
        if layout.big_prompt:
            blocks.append((big_lines(prompt, width), "bold", "center"))
        else:
            blocks.append((textwrap.wrap(prompt, width) or [""], "bold", "center"))
        options = self._option_labels()
        if options:
            blocks.append(([""], "", "left"))
            for letter, option in options:
                correct = self.revealed and option == question.answer
                wrong = self.revealed and not correct
                style = "bold reverse green" if correct else ("dim" if wrong else "bold")
                if layout.big_options:
                    blocks.append((big_lines(f"{letter} {option}", width), style, "left"))
                else:
                    blocks.append(
                        (
                            textwrap.wrap(f"{letter}   {option}", width, subsequent_indent="    ")
                            or [""],
                            style,
                            "left",
                        )
                    )
        if self.revealed:
            blocks.append(([""], "", "left"))
            blocks.append(
                (textwrap.wrap(self._answer_line(), width) or [""], "bold green", "center")
            )
        return blocks

    def _usable(self, layout: _Layout) -> bool:
        if layout.big_prompt and not big_fits(self._prompt_text()):
            return False
        return not layout.big_options or all(
            big_fits(f"{letter} {option}") for letter, option in self._option_labels()
        )

    def needed_height(self, width: int, layout: _Layout | None = None) -> int:
        """Rows the question needs at a width (with the layout chosen for the widget's size)."""
        chosen = layout or self.chosen_layout()
        return sum(len(lines) for lines, _, _ in self._blocks(width, chosen))

    def needed_width(self, width: int) -> int:
        """The widest line the chosen layout draws at a width."""
        blocks = self._blocks(width, self.chosen_layout())
        return max((len(line) for lines, _, _ in blocks for line in lines), default=0)

    def chosen_layout(self) -> _Layout:
        """The biggest layout that fits the widget's content area (bold text otherwise)."""
        width, height = self.size.width, self.size.height
        # Big letters only when at least 24 of them fit on a line: narrower, and a question
        # becomes a column of fragments that is harder to read than plain text.
        if width >= 24 * 4:
            for layout in _LAYOUTS[:-1]:
                if self._usable(layout) and self.needed_height(width, layout) <= height:
                    return layout
        return _LAYOUTS[-1]

    @property
    def is_big(self) -> bool:
        return self.chosen_layout().big_prompt

    # --- drawing

    def render(self) -> RenderableType:
        width = self.size.width
        parts: list[Text] = []
        for lines, style, justify in self._blocks(width, self.chosen_layout()):
            text = Text("\n".join(lines), style=style, no_wrap=True, overflow="crop")
            if justify == "center":
                text.justify = "center"
            parts.append(text)
        return Group(*parts)

    def watch_revealed(self, _revealed: bool) -> None:
        self.refresh(layout=True)
