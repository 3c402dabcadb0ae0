"""A table over any number of rows: it draws only the lines on screen and asks for pages.

Textual's DataTable holds every row it shows, so a bank of 200,000 questions would take
seconds to fill it. This table knows only how many rows there are; as it scrolls it asks its
`RowSource` for the pages that come into view (cached, so scrolling back costs nothing) and
renders each visible line itself (the Line API). The source belongs to the screen, which
reads the bank: the widget never touches the database.

The header line stays put; clicking a heading (or the screen's sort key) posts
`SortClicked`; enter or a double click posts `Selected`; moving the cursor posts
`Highlighted`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

RowT = TypeVar("RowT")
PAGE = 100


@dataclass(frozen=True)
class Column:
    """A column: its key, heading, width in cells (None: shares the space left) and alignment."""

    key: str
    label: str
    width: int | None = None
    justify: str = "left"
    ratio: int = 1
    """A flexible column's share of the space left (its weight)."""


class RowSource(Protocol[RowT]):
    """Where the rows come from (the screen's view of a query)."""

    def count(self) -> int:
        """How many rows there are."""
        ...

    def rows(self, offset: int, limit: int) -> Sequence[RowT]:
        """Rows offset .. offset + limit - 1, in display order."""
        ...

    def key(self, row: RowT) -> str:
        """A stable id for the row (it follows the cursor across reloads)."""
        ...

    def cells(self, row: RowT) -> Sequence[Text]:
        """The row's cells, one per column."""
        ...


class LazyTable(ScrollView, Generic[RowT], can_focus=True):
    """Rows drawn on demand from a `RowSource`; a cursor row; a fixed header."""

    DEFAULT_CSS = """
    LazyTable {
        height: 1fr;
        scrollbar-gutter: stable;
    }
    LazyTable > .lazy-table--header {
        text-style: bold;
        background: $panel;
    }
    LazyTable > .lazy-table--cursor {
        background: $accent 40%;
    }
    LazyTable:focus > .lazy-table--cursor {
        background: $accent;
        color: $text;
    }
    LazyTable > .lazy-table--odd {
        background: $surface;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "lazy-table--header",
        "lazy-table--cursor",
        "lazy-table--odd",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    cursor: reactive[int] = reactive(0)

    class Selected(Message):
        """Enter or a double click on a row."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    class Highlighted(Message):
        """The cursor moved to another row."""

        def __init__(self, key: str | None) -> None:
            super().__init__()
            self.key = key

    class SortClicked(Message):
        """A heading was clicked: sort by this column."""

        def __init__(self, column: str) -> None:
            super().__init__()
            self.column = column

    def __init__(self, columns: Sequence[Column], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.columns = list(columns)
        self.source: RowSource[RowT] | None = None
        self.row_count = 0
        self.sort_column: str | None = None
        self.sort_descending = False
        self._pages: dict[int, Sequence[RowT]] = {}

    # -- data ------------------------------------------------------------------------------

    def load(self, source: RowSource[RowT], *, keep: str | None = None) -> None:
        """Show `source` (a new search or sort): count it, drop cached pages, keep the
        cursor on row `keep` when it is among the first page, else on the first row."""
        self.source = source
        self._pages.clear()
        self.row_count = source.count()
        self.virtual_size = Size(self.size.width, self.row_count + 1)
        cursor = 0
        if keep is not None:
            for index, row in enumerate(self._page(0)):
                if source.key(row) == keep:
                    cursor = index
                    break
        self.cursor = min(cursor, max(0, self.row_count - 1))
        self.scroll_to(y=0, animate=False, immediate=True)
        self._follow()
        self.refresh()
        self.post_message(self.Highlighted(self.cursor_key))

    def refresh_rows(self) -> None:
        """Read the shown rows again (after a change to one of them), keeping the place."""
        if self.source is None:
            return
        self._pages.clear()
        self.row_count = self.source.count()
        self.virtual_size = Size(self.size.width, self.row_count + 1)
        self.cursor = min(self.cursor, max(0, self.row_count - 1))
        self.refresh()

    def row(self, index: int) -> RowT | None:
        if self.source is None or not 0 <= index < self.row_count:
            return None
        page = self._page(index // PAGE)
        offset = index % PAGE
        return page[offset] if offset < len(page) else None

    @property
    def cursor_row(self) -> RowT | None:
        return self.row(self.cursor)

    @property
    def cursor_key(self) -> str | None:
        row = self.cursor_row
        return self.source.key(row) if row is not None and self.source is not None else None

    def _page(self, number: int) -> Sequence[RowT]:
        page = self._pages.get(number)
        if page is None and self.source is not None:
            page = self._pages[number] = self.source.rows(number * PAGE, PAGE)
        return page or ()

    # -- moving ----------------------------------------------------------------------------

    @property
    def _body_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def watch_cursor(self, old: int, new: int) -> None:
        if old != new:
            self._follow()
            self.refresh()
            self.post_message(self.Highlighted(self.cursor_key))

    def _follow(self) -> None:
        """Scroll so that the cursor row is on screen."""
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + self._body_height:
            self.scroll_to(y=self.cursor - self._body_height + 1, animate=False, immediate=True)

    def move_to(self, index: int) -> None:
        self.cursor = max(0, min(index, self.row_count - 1))

    def action_cursor(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        self.move_to(self.cursor + step * self._body_height)

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(self.row_count - 1)

    def action_select(self) -> None:
        key = self.cursor_key
        if key is not None:
            self.post_message(self.Selected(key))

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            column = self._column_at(offset.x)
            if column is not None:
                self.post_message(self.SortClicked(column))
            return
        index = round(self.scroll_y) + offset.y - 1
        if 0 <= index < self.row_count:
            self.cursor = index
            if event.chain >= 2:
                self.action_select()

    def _column_at(self, x: int) -> str | None:
        start = 0
        for column, width in zip(self.columns, self._widths(), strict=True):
            if start <= x < start + width + 1:
                return column.key
            start += width + 1
        return None

    # -- drawing ---------------------------------------------------------------------------

    def _widths(self) -> list[int]:
        total = self.scrollable_content_region.width
        fixed = sum(column.width or 0 for column in self.columns) + len(self.columns) - 1
        weights = sum(column.ratio for column in self.columns if column.width is None)
        left = max(0, total - fixed)
        return [
            column.width if column.width is not None else max(6, left * column.ratio // weights)
            for column in self.columns
        ]

    def _line(self, cells: Sequence[Text], style: Style, width: int) -> Strip:
        line = Text(no_wrap=True, end="")
        for index, (cell, size) in enumerate(zip(cells, self._widths(), strict=False)):
            piece = cell.copy()
            piece.truncate(size, overflow="ellipsis")
            padding = " " * (size - piece.cell_len)
            justified = self.columns[index].justify == "right"
            piece = Text(padding) + piece if justified else piece + Text(padding)
            line.append_text(piece)
            line.append(" ")
        segments = [
            Segment(segment.text, style + segment.style if segment.style else style)
            for segment in line.render(self.app.console)
            if segment.text != "\n"
        ]
        return Strip(segments).crop_extend(0, width, style)

    def _heading(self, column: Column) -> Text:
        label = column.label
        if column.key == self.sort_column:
            label += " ▼" if self.sort_descending else " ▲"
        return Text(label, justify="left")

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            style = self.get_component_rich_style("lazy-table--header")
            return self._line([self._heading(c) for c in self.columns], style, width)
        index = round(self.scroll_y) + y - 1
        base = self.rich_style
        row = self.row(index)
        if row is None or self.source is None:
            return Strip.blank(width, base)
        if index == self.cursor:
            style = base + self.get_component_rich_style("lazy-table--cursor")
        elif index % 2:
            style = base + self.get_component_rich_style("lazy-table--odd")
        else:
            style = base
        return self._line(self.source.cells(row), style, width)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.row_count + 1)
        self._follow()
