"""The settings screen's FSRS panel: the learner's parameters, "Optimise" and "Optimal
retention" buttons, progress.

Attributes down, messages up: the panel shows what the screen tells it (`show_fit`,
`show_progress`, `show_result`) and posts `OptimisePanel.Requested` (or `RetentionRequested`)
when a button is pressed; the screen runs the work in a worker.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Label, ProgressBar, Static


class _PanelMessage(Message):
    """A request from the panel; `control` is the panel, so `@on(..., "#id")` selects it."""

    def __init__(self, panel: OptimisePanel) -> None:
        super().__init__()
        self.panel = panel

    @property
    def control(self) -> OptimisePanel:
        return self.panel


class OptimisePanel(Vertical):
    """FSRS parameters of one learner and the button that fits them to their history."""

    DEFAULT_CSS = """
    OptimisePanel { height: auto; margin-bottom: 1; }
    OptimisePanel .optimise-title { text-style: bold; }
    OptimisePanel #optimise-fit { color: $text-muted; }
    OptimisePanel Horizontal { height: auto; margin-top: 1; }
    OptimisePanel #retention-button { margin-left: 2; }
    OptimisePanel ProgressBar { margin-left: 2; width: 1fr; }
    OptimisePanel #optimise-progress-label { color: $text-muted; height: auto; }
    OptimisePanel #optimise-result { margin-top: 1; height: auto; }
    """

    class Requested(_PanelMessage):
        """The learner asked for an optimisation."""

    class RetentionRequested(_PanelMessage):
        """The learner asked for the optimal retention (workload against retention)."""

    def __init__(self, learner: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.learner = learner
        """Whose parameters the panel shows."""

    def compose(self) -> ComposeResult:
        yield Label(f"FSRS parameters for {self.learner}", classes="optimise-title")
        yield Static("", id="optimise-fit")
        with Horizontal():
            yield Button(f"Optimise for {self.learner}", id="optimise-button", compact=True)
            yield Button("Optimal retention", id="retention-button", compact=True)
            yield ProgressBar(total=6, show_eta=False, id="optimise-progress")
        yield Static("", id="optimise-progress-label")
        yield Static("", id="optimise-result")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False
        self.query_one("#optimise-progress-label").display = False

    @on(Button.Pressed, "#optimise-button")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Requested(self))

    @on(Button.Pressed, "#retention-button")
    def _retention_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.RetentionRequested(self))

    def show_fit(self, text: str) -> None:
        """What the learner is scheduled with now (defaults, or a fit and its figures)."""
        self.query_one("#optimise-fit", Static).update(text)

    def show_progress(self, step: int, steps: int, what: str) -> None:
        """A step of the optimisation: the button waits, the bar moves."""
        for button in self.query(Button):
            button.disabled = True
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=steps, progress=step)
        label = self.query_one("#optimise-progress-label", Static)
        label.display = True
        label.update(f"{what}…")

    def show_result(self, text: str, *, error: bool = False) -> None:
        """The optimisation's report (or why it was refused); the button works again."""
        for button in self.query(Button):
            button.disabled = False
        self.query_one(ProgressBar).display = False
        self.query_one("#optimise-progress-label").display = False
        result = self.query_one("#optimise-result", Static)
        result.set_class(error, "error")
        result.update(text)
