"""A switch that says "on" or "off" beside it: a bare switch's knob position is easy to misread.

The `Switch` keeps the id given here, so a form reads `query_one("#id", Switch).value` as with a
bare switch. Clicking the word toggles the switch too (a bigger target for the mouse).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Click
from textual.widgets import Label, Switch


def state_word(value: bool) -> str:
    return "on" if value else "off"


class SwitchState(Label):
    """The word beside the switch; a click on it toggles the switch."""

    def on_click(self, event: Click) -> None:
        event.stop()
        if self.parent is not None:
            self.parent.query_one(Switch).toggle()


class LabelledSwitch(Horizontal):
    """A `Switch` (with the given id) followed by its state, "on" or "off"."""

    DEFAULT_CSS = """
    LabelledSwitch {
        height: 1;
        width: auto;
    }
    LabelledSwitch Switch {
        border: none;
        height: 1;
        padding: 0;
        width: auto;
    }
    LabelledSwitch SwitchState {
        margin-left: 1;
        width: 3;
    }
    LabelledSwitch SwitchState.-on {
        color: $success;
        text-style: bold;
    }
    LabelledSwitch SwitchState.-off {
        color: $text-muted;
    }
    """

    def __init__(self, value: bool, *, switch_id: str, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self._value = value
        self._switch_id = switch_id

    def compose(self) -> ComposeResult:
        yield Switch(self._value, id=self._switch_id)
        yield SwitchState(state_word(self._value), classes=f"-{state_word(self._value)}")

    @on(Switch.Changed)
    def _changed(self, event: Switch.Changed) -> None:
        label = self.query_one(SwitchState)
        label.update(state_word(event.value))
        label.set_class(event.value, "-on")
        label.set_class(not event.value, "-off")
