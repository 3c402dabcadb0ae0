"""How the room joins: the QR code of the join address, the address itself and the PIN.

Big in the lobby (the code, the address, the PIN and who has joined); a single line during
the questions, so latecomers can still join while the question keeps the screen.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from quizapp.quiznight.qr import qr_lines


class QuizJoinPanel(Widget):
    """The QR code beside the address, PIN and the players who have joined."""

    DEFAULT_CSS = """
    QuizJoinPanel {
        width: 1fr;
        height: 1fr;
        padding: 1 2;
    }
    """

    url: reactive[str] = reactive("", layout=True)
    pin: reactive[str] = reactive("")
    where: reactive[str] = reactive("")
    players: reactive[tuple[str, ...]] = reactive(())

    def render(self) -> RenderableType:
        code = qr_lines(self.url_with_pin) if self.url else []
        info = Text()
        info.append("Join on your phone\n\n", "bold")
        info.append("Scan the code, or open\n")
        info.append(f"{self.url}\n\n", "bold underline")
        info.append("Game PIN  ")
        info.append(f" {self.pin} ", "bold reverse")
        info.append("\n\n")
        count = len(self.players)
        info.append(f"{count} player{'s' if count != 1 else ''} in: ", "bold")
        # Nicknames come from the phones: plain Text, never markup.
        info.append(", ".join(self.players) or "nobody yet")
        info.append("\n\n")
        info.append(self.where, "dim")
        info.append("\nspace starts the first question", "dim")
        if not code:
            return info
        qr = Text("\n".join(code), style="bold white on black", no_wrap=True, overflow="crop")
        width = max(0, self.size.width - len(code[0]) - 3)
        if width < 24:  # too narrow for both side by side: the code above the text
            return Group(qr, Text(""), info)
        table = Table.grid(padding=(0, 3))
        table.add_column(no_wrap=True)
        table.add_column(width=width)
        table.add_row(qr, info)
        return table

    @property
    def url_with_pin(self) -> str:
        """What the code holds: the address with the PIN filled in for whoever scans it."""
        return f"{self.url}?pin={self.pin}" if self.url else ""


def join_line(url: str, pin: str, answered: int, players: int) -> Text:
    """The one-line reminder during questions: who answered, and how to join."""
    line = Text()
    line.append(f" answered {answered} of {players} ", "bold reverse")
    line.append("   join: ")
    line.append(url, "bold")
    line.append("  PIN ")
    line.append(pin, "bold")
    return line
