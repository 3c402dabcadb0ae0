"""The home screen's table: articles with their new / learning / due counts."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from quizapp.study.views import ArticleCounts

COLUMNS = ("title", "new", "learning", "due", "total")
HEADINGS = ("Article", "New", "Learning", "Due", "Cards")


class CountsTable(DataTable[Text]):
    """One row per article; enter on a row posts `CountsTable.Chosen` with its article id."""

    BINDINGS = [Binding("enter", "select_cursor", "Study")]
    TITLE_WIDTH = 56

    class Chosen(Message):
        """The learner chose an article to study."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    _shown: dict[str, ArticleCounts] | None = None

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        # Fixed widths: the table never re-lays itself out when the counts arrive.
        widths = (self.TITLE_WIDTH, 6, 8, 6, 6)
        for column, label, width in zip(COLUMNS, HEADINGS, widths, strict=True):
            heading = Text(label, justify="left" if column == "title" else "right")
            self.add_column(heading, key=column, width=width)

    def show(self, rows: list[ArticleCounts]) -> None:
        """Show the rows, keeping the cursor on the same article when it is still there."""
        shown = {row.article_id: row for row in rows}
        if [key.value for key in self.rows] == list(shown) and self._shown is not None:
            # Same articles as before (back from a session): touch only the counts that
            # changed; re-adding thousands of rows on a big bank would stall the screen.
            for article_id, row in shown.items():
                if self._shown.get(article_id) != row:
                    for column, cell in zip(COLUMNS, self._cells(row), strict=True):
                        self.update_cell(article_id, column, cell)
            self._shown = shown
            return
        selected = self.selected_article_id
        self.clear()
        for row in rows:
            self.add_row(*self._cells(row), key=row.article_id)
        self._shown = shown
        if selected is not None and selected in shown:
            self.move_cursor(row=self.get_row_index(selected))

    def _cells(self, row: ArticleCounts) -> tuple[Text, ...]:
        counts = row.counts
        return (
            Text(_fit(row.title, self.TITLE_WIDTH)),
            _count(counts.new, "bold blue"),
            _count(counts.learning, "bold red"),
            _count(counts.due, "bold green"),
            Text(str(row.total), justify="right"),
        )

    @property
    def shown(self) -> list[ArticleCounts]:
        """The rows on screen, in order."""
        return list((self._shown or {}).values())

    @property
    def selected(self) -> ArticleCounts | None:
        article_id = self.selected_article_id
        return (self._shown or {}).get(article_id) if article_id is not None else None

    @property
    def selected_article_id(self) -> str | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return key.value

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Chosen(event.row_key.value))


def _fit(title: str, width: int) -> str:
    """Long titles are cut with an ellipsis so the counts always stay in view."""
    return title if len(title) <= width else title[: width - 1].rstrip() + "…"


def _count(value: int, style: str) -> Text:
    return Text(str(value), style=style if value else "dim", justify="right")
