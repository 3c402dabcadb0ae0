"""The four grades with the interval each would give: "1 Again · 1m" ... "4 Easy · 9d"."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Static

from quizapp.study.views import RATING_LABELS, GradePreview


class GradeButton(Static):
    """One grade; clicking it grades like its key does."""

    def __init__(self, rating: int) -> None:
        super().__init__(id=f"grade-{rating}", classes=f"grade grade-{rating}")
        self.rating = rating

    def on_click(self) -> None:
        self.post_message(GradeBar.Graded(self.rating))


class GradeBar(Horizontal):
    """Shows grade previews; the screen hides it until the answer is shown."""

    DEFAULT_CSS = """
    GradeBar { height: 3; align: center middle; }
    GradeBar > .grade {
        width: 1fr; height: 3; content-align: center middle; margin: 0 1;
        border: round $panel-lighten-2;
    }
    GradeBar > .grade-1 { color: $error; }
    GradeBar > .grade-2 { color: $warning; }
    GradeBar > .grade-3 { color: $success; }
    GradeBar > .grade-4 { color: $accent; }
    GradeBar > .suggested { border: heavy $accent; background: $accent 25%; text-style: bold; }
    """

    class Graded(Message):
        """A grade was clicked."""

        def __init__(self, rating: int) -> None:
            super().__init__()
            self.rating = rating

    def compose(self) -> ComposeResult:
        for rating in RATING_LABELS:
            yield GradeButton(rating)

    def show(self, previews: list[GradePreview], suggested: int | None = None) -> None:
        by_rating = {preview.rating: preview for preview in previews}
        for button in self.query(GradeButton):
            preview = by_rating.get(button.rating)
            label = Text()
            label.append(f"{button.rating} ", style="bold")
            label.append(RATING_LABELS[button.rating])
            if preview is not None:
                label.append(f" · {preview.text}")
            button.update(label)
            button.set_class(button.rating == suggested, "suggested")
