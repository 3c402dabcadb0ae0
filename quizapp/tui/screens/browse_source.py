"""What the browser shows: its columns, its filter choices, and `BrowseSource`, the rows of
one search for `LazyTable` (counted once, then read a page at a time as the table scrolls).

Split from `quizapp.tui.screens.browse` (the screen: keys, filters, actions on the selected
question); the reads themselves are `quizapp.study.browse`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from rich.text import Text

from question_bank.models import QuestionKind
from quizapp.study import browse
from quizapp.study.scope import LearnerScope
from quizapp.study.views import BROWSE_SORTS, STATE_NAMES, BrowseFilter, BrowseRow
from quizapp.tui.formatting import when_label
from quizapp.tui.widgets.lazy_table import Column

KINDS = tuple(kind.value for kind in QuestionKind)
KIND_LABELS = {"truefalse": "t/f"}
STATE_LABELS = {1: "learn", 3: "relearn"}
# The "Show" filter: each choice is a term of the search syntax, ANDed with the search box.
SHOW_CHOICES = (
    ("due today", "is:due"),
    ("new", "is:new"),
    ("learning", "is:learn"),
    ("review", "is:review"),
    ("flagged", "is:flagged"),
    ("suspended", "is:suspended"),
    ("buried", "is:buried"),
    ("leeches", "is:leech"),
    ("retired", "is:retired"),
)
COLUMNS = (
    Column("prompt", "Prompt", ratio=3),
    Column("answer", "Answer", ratio=1),
    Column("article", "Article", ratio=1),
    Column("kind", "Kind", 6),
    Column("state", "State", 7),
    Column("due", "Due", 8),
    Column("reviews", "Revs", 4, justify="right"),
    Column("lapses", "Laps", 4, justify="right"),
    Column("tags", "Tags", 10),
    Column("flags", "", 3),
)
# Columns that sort, in the order `o` steps through them: every one but the tags and marks.
SORTABLE = list(BROWSE_SORTS)


def _flags(row: BrowseRow) -> Text:
    text = Text()
    if row.suspended:
        text.append("S", style="bold yellow")
    if row.buried:
        text.append("B", style="bold cyan")
    if row.flagged:
        text.append("F", style="bold magenta")
    if row.leech:
        text.append("L", style="bold red")
    if row.retired:
        text.append("R", style="dim")
    return text


@dataclass
class BrowseSource:
    """The rows of one search, for `LazyTable`: counted once, read a page at a time."""

    scope: LearnerScope
    """Whose cards: the learner id comes from it, not from a lookup per keystroke."""
    filters: BrowseFilter
    now: datetime
    due_by: datetime
    total: int = 0
    first: list[BrowseRow] = field(default_factory=list)
    rows_by_id: dict[str, BrowseRow] = field(default_factory=dict)

    def prefetch(self, page: int) -> None:
        """Count and read the first page (in a worker, before the table shows it)."""
        self.total = browse.count(
            self.scope.bank, self.scope, self.filters, now=self.now, due_by=self.due_by
        )
        self.first = self._read(0, page)

    def _read(self, offset: int, limit: int) -> list[BrowseRow]:
        rows = browse.search(
            self.scope.bank,
            self.scope,
            self.filters,
            limit=limit,
            offset=offset,
            now=self.now,
            due_by=self.due_by,
            total=self.total,
        )
        self.rows_by_id.update((row.question_id, row) for row in rows)
        return rows

    def count(self) -> int:
        return self.total

    def rows(self, offset: int, limit: int) -> Sequence[BrowseRow]:
        if offset == 0 and self.first and limit <= len(self.first):
            first, self.first = self.first, []
            return first[:limit]
        return self._read(offset, limit)

    def recount(self) -> None:
        self.total = browse.count(
            self.scope.bank, self.scope, self.filters, now=self.now, due_by=self.due_by
        )

    def key(self, row: BrowseRow) -> str:
        return row.question_id

    def cells(self, row: BrowseRow) -> Sequence[Text]:
        return (
            Text(row.prompt),
            Text(row.answer),
            Text(row.article_title, style="dim"),
            Text(KIND_LABELS.get(row.kind, row.kind)),
            Text(STATE_LABELS.get(row.state, STATE_NAMES.get(row.state, "new"))),
            Text(when_label(row.due, self.now) if row.due else "new", style="dim"),
            Text(str(row.reps)),
            Text(str(row.lapses)),
            Text(" ".join(row.tags), style="italic"),
            _flags(row),
        )
