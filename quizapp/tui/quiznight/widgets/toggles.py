"""A check box and a radio button that show their state by shape, not only by colour.

Textual draws an unticked box with the same "X" as a ticked one, in another colour: on a
projector, in a text capture or for a colour-blind host that reads as ticked. These draw
nothing inside when off.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, SelectionList
from textual.widgets._toggle_button import ToggleButton


class QuizCheckbox(Checkbox):
    """A check box: [X] when ticked, [ ] when not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "X" if self.value else " "
        return super()._button


class QuizRadioButton(RadioButton):
    """A radio button: ● when chosen, blank when not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else " "
        return super()._button


class QuizSelectionList(SelectionList[str]):
    """A selection list whose unticked entries show an empty box."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 2 or segments[1].text != ToggleButton.BUTTON_INNER:
            return strip
        style = segments[1].style
        index = style.meta.get("option") if style is not None else None
        if index is None or self.get_option_at_index(index).value in self.selected:
            return strip
        segments[1] = Segment(" ", style)
        return Strip(segments, strip.cell_length)
