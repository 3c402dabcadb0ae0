"""How the room answered, at the reveal: a bar per option with its count, and who was right."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from quizapp.quiznight.records import Spread

LETTERS = "ABCDEFGHIJ"
OPTION_STYLES = ("bold red", "bold blue", "bold yellow", "bold green")
BAR = 24


class QuizSpreadView(Widget):
    """The answer spread: option bars (choice, true/false) or right/wrong, then the right."""

    DEFAULT_CSS = """
    QuizSpreadView {
        height: auto;
        max-height: 8;
        padding: 0 2;
    }
    """

    spread: reactive[Spread | None] = reactive(None, layout=True)
    options: reactive[tuple[str, ...]] = reactive(())
    answer: reactive[str] = reactive("")
    revealed: reactive[bool] = reactive(False)

    def render(self) -> RenderableType:
        spread = self.spread
        text = Text(no_wrap=True, overflow="ellipsis")
        if spread is None:
            return text
        if not self.revealed:
            text.append(f" answered {spread.answered} of {spread.players} ", "bold reverse")
            return text
        most = max([1, *spread.per_option])
        # Each bar is named by its option, so the question above can leave the options out.
        names = [
            _shorten(f"{LETTERS[index]}  {label}" if len(self.options) > 2 else label)
            for index, label in enumerate(self.options)
        ]
        width = max((len(name) for name in names), default=0)
        for index, (label, count) in enumerate(zip(self.options, spread.per_option, strict=False)):
            right = label == self.answer
            style = OPTION_STYLES[index % len(OPTION_STYLES)]
            text.append(f"{names[index]:<{width}}  ", style)
            text.append("█" * max(0, round(BAR * count / most)) or "·", style)
            text.append(f" {count}", "bold")
            text.append("  ✓ right" if right else "", "bold green")
            text.append("\n")
        if not self.options:
            text.append(f"right {len(spread.right)}", "bold green")
            text.append(f"  ·  wrong {spread.wrong}", "bold red")
            text.append(f"  ·  no answer {spread.players - spread.answered}\n", "dim")
        text.append("Right: ", "bold green")
        # Nicknames are the phones' text: appended as plain text, never parsed as markup.
        shown = list(spread.right[:15])
        text.append(", ".join(shown) if shown else "nobody")
        if len(spread.right) > 15:
            text.append(f" and {len(spread.right) - 15} more")
        return text


def _shorten(name: str, limit: int = 32) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
