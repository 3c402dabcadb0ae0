"""The home screen's table: articles with their new / learning / due counts."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from quizapp.study_models import ArticleCounts


class CountsTable(DataTable[Text]):
    """One row per article; enter on a row posts `CountsTable.Chosen` with its article id."""

    BINDINGS = [Binding("enter", "select_cursor", "Study")]
    TITLE_WIDTH = 56

    class Chosen(Message):
        """The learner chose an article to study."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        # Fixed widths: the table never re-lays itself out when the counts arrive.
        self.add_column(Text("Article"), key="title", width=self.TITLE_WIDTH)
        self.add_column(Text("New", justify="right"), key="new", width=6)
        self.add_column(Text("Learning", justify="right"), key="learning", width=8)
        self.add_column(Text("Due", justify="right"), key="due", width=6)
        self.add_column(Text("Cards", justify="right"), key="total", width=6)

    def show(self, rows: list[ArticleCounts]) -> None:
        """Replace the rows, keeping the cursor on the same article when it is still there."""
        selected = self.selected_article_id
        self.clear()
        for row in rows:
            counts = row.counts
            self.add_row(
                Text(_fit(row.title, self.TITLE_WIDTH)),
                _count(counts.new, "bold blue"),
                _count(counts.learning, "bold red"),
                _count(counts.due, "bold green"),
                Text(str(row.total), justify="right"),
                key=row.article_id,
            )
        if selected is not None and selected in {row.article_id for row in rows}:
            self.move_cursor(row=self.get_row_index(selected))

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
