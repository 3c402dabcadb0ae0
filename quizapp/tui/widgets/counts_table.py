"""The home screen's table: articles with their progress and new / learning / due counts.

The title column takes what the terminal leaves after the counts: at 80 columns titles are
cut with an ellipsis and every count stays in view; on a wide terminal titles are whole.

The counts come in parts: `show` lays out every article with the rows counted so far (the
screenful on view) and a "…" for the others, and `update_rows` fills those in as they are
counted, so a bank of 2,000 articles shows its first rows as soon as they are known.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from quizapp.study.home_counts import Progress
from quizapp.study.views import ArticleCounts, DeckCounts

COLUMNS = ("title", "progress", "new", "learning", "due", "total")
HEADINGS = ("Article", "Progress", "New", "Learn", "Due", "Cards")
WIDTHS = (0, 10, 5, 5, 5, 6)
"""Fixed widths of the count columns (the title's is worked out from the terminal's width)."""
BAR = 10
MIN_TITLE, MAX_TITLE = 16, 120
# Each column's cells have one cell of padding either side; the scrollbar takes two more.
CHROME = 2 * len(COLUMNS) + 2


def progress_bar(progress: Progress | None, width: int = BAR) -> Text:
    """Mature (green), young (yellow) and new (dim) cards as one bar, as parts of the whole."""
    if progress is None:
        return Text("")
    total = progress.mature + progress.young + progress.new
    if total == 0:
        return Text("")
    mature = round(width * progress.mature / total)
    young = min(width - mature, round(width * progress.young / total))
    if progress.young and not young and mature < width:
        young = 1  # a started article never looks untouched
    text = Text()
    text.append("█" * mature, style="green")
    text.append("█" * young, style="yellow")
    text.append("░" * (width - mature - young), style="dim")
    return text


class CountsTable(DataTable[Text]):
    """One row per article; enter on a row posts `CountsTable.Chosen` with its article id."""

    BINDINGS = [Binding("enter", "select_cursor", "Study")]

    class Chosen(Message):
        """The learner chose an article to study."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    _shown: dict[str, ArticleCounts] | None = None
    _pending: frozenset[str] = frozenset()
    """Rows drawn with "…": not counted yet."""
    _progress: dict[str, Progress] | None = None
    title_width = MIN_TITLE

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        # Fixed widths: the table never re-lays itself out when the counts arrive.
        for column, label, width in zip(COLUMNS, HEADINGS, WIDTHS, strict=True):
            heading = Text(label, justify="left" if column in ("title", "progress") else "right")
            self.add_column(heading, key=column, width=width or self.title_width)

    def fit_to(self, width: int) -> None:
        """The room the table may take changed (the terminal was resized)."""
        self.room = width
        self._fit_titles()

    room = 0
    """The width the screen gives the table (it sizes itself to its columns within it)."""

    def _fit_titles(self) -> None:
        """Give the title column what the counts leave, up to the longest title."""
        available = (self.room or self.size.width) - sum(WIDTHS) - CHROME
        longest = max((len(row.title) for row in (self._shown or {}).values()), default=0)
        width = max(MIN_TITLE, min(available, MAX_TITLE, max(longest, len(HEADINGS[0]))))
        if width == self.title_width or "title" not in self.columns:
            return
        self.title_width = width
        self.columns["title"].width = width  # type: ignore[index]
        shown = self._shown or {}
        for key in self.rows:  # the rows drawn so far (none yet while `show` adds them)
            row = shown.get(key.value or "")
            if row is not None:
                self.update_cell(key, "title", self._title(row))
        self.refresh()

    def show(self, rows: list[ArticleCounts], pending: Sequence[tuple[str, str]] = ()) -> None:
        """Show the rows, then the (article id, title) of those not counted yet, keeping the
        cursor on the same article when it is still there."""
        shown = {row.article_id: row for row in rows}
        for article_id, title in pending:
            shown[article_id] = ArticleCounts(article_id, title, 0, _PENDING)
        if [key.value for key in self.rows] == list(shown) and self._shown is not None:
            # Same articles as before (back from a session): touch only the counts that
            # changed, and keep the old figures of those still being counted (they are
            # replaced as they come); re-adding thousands of rows would stall the screen.
            self.update_rows(rows)
            return
        selected = self.selected_article_id
        self.clear()
        self._pending = frozenset(article_id for article_id, _ in pending)
        self._shown = shown
        self.title_width = 0  # the rows' titles decide it again
        self._fit_titles()
        for row in shown.values():
            self.add_row(*self._cells(row), key=row.article_id)
        if selected is not None and selected in shown:
            self.move_cursor(row=self.get_row_index(selected))

    def update_rows(self, rows: list[ArticleCounts]) -> None:
        """New counts for rows already on screen (the next part of the counts)."""
        shown = self._shown if self._shown is not None else {}
        for row in rows:
            if row.article_id not in shown:
                continue
            if shown[row.article_id] != row or row.article_id in self._pending:
                shown[row.article_id] = row
                for column, cell in zip(COLUMNS, self._cells(row), strict=True):
                    self.update_cell(row.article_id, column, cell)
        self._shown = shown
        self._pending = self._pending - {row.article_id for row in rows}

    @property
    def counting(self) -> bool:
        """Some rows still wait for their counts."""
        return bool(self._pending)

    def show_progress(self, progress: dict[str, Progress]) -> None:
        """Draw each article's progress bar (it comes after the counts: a slower query)."""
        self._progress = progress
        for article_id in self._shown or {}:
            self.update_cell(article_id, "progress", progress_bar(progress.get(article_id)))

    def _title(self, row: ArticleCounts) -> Text:
        return Text(_fit(row.title, self.title_width))

    def _cells(self, row: ArticleCounts) -> tuple[Text, ...]:
        counts = row.counts
        if counts is _PENDING:
            waiting = Text("…", style="dim", justify="right")
            bar = progress_bar((self._progress or {}).get(row.article_id))
            return (self._title(row), bar, waiting, waiting, waiting, waiting)
        return (
            self._title(row),
            progress_bar((self._progress or {}).get(row.article_id)),
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


_PENDING = DeckCounts(new=0, learning=0, due=0)
"""The counts of a row not counted yet (compared by identity: drawn as "…")."""


def _fit(title: str, width: int) -> str:
    """Long titles are cut with an ellipsis so the counts always stay in view."""
    return title if len(title) <= width else title[: width - 1].rstrip() + "…"


def _count(value: int, style: str) -> Text:
    return Text(str(value), style=style if value else "dim", justify="right")
