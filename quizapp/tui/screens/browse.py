"""Browse: every question in a table, with search and filters; edit, suspend, delete."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Select, Static
from textual.worker import get_current_worker

from question_bank.store.content import list_articles
from quizapp.study import browse
from quizapp.study.views import STATE_NAMES, BrowseFilter, BrowseRow
from quizapp.tui.context import app_context
from quizapp.tui.dialogs.confirm import ConfirmScreen
from quizapp.tui.dialogs.edit_card import CardEdit, EditCardScreen, save_edit
from quizapp.tui.errors import WorkerErrors, reported
from quizapp.tui.formatting import when_label
from quizapp.tui.widgets.inputs import QuizInput

PAGE = 500
KINDS = ("open", "cloze", "choice", "truefalse")
SUSPENDED_CHOICES = (("suspended", True), ("not suspended", False))


def _flags(row: BrowseRow) -> Text:
    text = Text()
    if row.suspended:
        text.append("S", style="bold yellow")
    if row.flagged:
        text.append("F", style="bold magenta")
    if row.leech:
        text.append("L", style="bold red")
    return text


class BrowseTable(DataTable[Text]):
    """The questions; enter opens the selected one in the editor."""

    BINDINGS = [Binding("enter", "select_cursor", "Edit")]


class BrowseScreen(Screen[None], WorkerErrors):
    """Search as you type; enter edits the selected question."""

    BINDINGS = [
        Binding("slash", "focus_search", "Search", key_display="/"),
        Binding("e", "edit", "Edit", show=False),
        Binding("s", "toggle_suspend", "Suspend/unsuspend"),
        Binding("d", "delete", "Delete"),
        Binding("escape", "back", "Back"),
    ]
    HELP_TITLE = "Browse"

    def __init__(self) -> None:
        super().__init__()
        self.filters = BrowseFilter()
        self.rows: dict[str, BrowseRow] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="browse-filters"):
            yield QuizInput(
                placeholder="/ search prompt, answer, sentence", id="browse-search", compact=True
            )
            yield Select[str](
                (),  # filled by `_read_articles`: on a big bank the list is a real query
                prompt="All articles",
                id="f-article",
                compact=True,
            )
            yield Select(((k, k) for k in KINDS), prompt="All kinds", id="f-kind", compact=True)
            yield Select(
                ((name, state) for state, name in STATE_NAMES.items()),
                prompt="All states",
                id="f-state",
                compact=True,
            )
            yield Select(SUSPENDED_CHOICES, prompt="Suspended: any", id="f-suspended", compact=True)
        yield BrowseTable(id="browse-table", cursor_type="row", zebra_stripes=True)
        yield Static("Searching…", id="browse-count")  # the loading state, until the rows come
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#browse-table", DataTable)
        table.add_column("Prompt", key="prompt", width=40)
        table.add_column("Answer", key="answer", width=16)
        # Fixed widths: the table never re-lays itself out when a search result arrives.
        table.add_column("Kind", key="kind", width=9)
        table.add_column("State", key="state", width=10)
        table.add_column("Due", key="due", width=9)
        table.add_column("", key="flags", width=3)
        table.focus()  # (no `loading` on the table: a loading widget gives up the focus)
        self._read_articles()
        self.reload()

    @work(thread=True, exclusive=True, group="browse-articles", exit_on_error=False)
    def _read_articles(self) -> None:
        articles = list_articles(app_context(self).bank)
        self.app.call_from_thread(self._show_articles, [(a.title[:40], a.id) for a in articles])

    def _show_articles(self, options: list[tuple[str, str]]) -> None:
        chooser = self.query_one("#f-article", Select)
        with chooser.prevent(Select.Changed):  # new options are not a new filter
            chooser.set_options(options)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Typing in the search box must not trigger s / d; enter there only searches.
        if action in ("edit", "toggle_suspend", "delete"):
            return isinstance(self.focused, DataTable)
        return True

    # -- filtering -------------------------------------------------------------------------

    @on(Input.Changed, "#browse-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.filters = replace(self.filters, text=event.value.strip())
        self.reload()

    @on(Input.Submitted, "#browse-search")
    def _search_submitted(self) -> None:
        self.query_one("#browse-table", DataTable).focus()

    @on(Select.Changed)
    def _filter_changed(self, event: Select.Changed) -> None:
        value: Any = None if event.value is Select.NULL else event.value
        field = {
            "f-article": "article_id",
            "f-kind": "kind",
            "f-state": "state",
            "f-suspended": "suspended",
        }.get(event.select.id or "")
        if field is not None:
            self.filters = replace(self.filters, **{field: value})
            self.reload()

    @work(thread=True, exclusive=True, group="browse", exit_on_error=False)
    def reload(self) -> None:
        """Search in a worker: a free-text search over a big bank is a real query."""
        scope = app_context(self).scope
        filters = self.filters
        rows = browse.search(scope.bank, scope, filters, limit=PAGE)
        total = browse.count(scope.bank, scope, filters)
        if not get_current_worker().is_cancelled:  # a newer query superseded this one
            self.app.call_from_thread(self._show_rows, rows, total)

    def _show_rows(self, rows: list[BrowseRow], total: int) -> None:
        table = self.query_one("#browse-table", DataTable)
        selected = self.selected_id
        now = app_context(self).clock()
        table.clear()
        self.rows = {row.question_id: row for row in rows}
        for row in rows:
            table.add_row(
                Text(row.prompt, no_wrap=True, overflow="ellipsis"),
                Text(row.answer, no_wrap=True, overflow="ellipsis"),
                Text(row.kind),
                Text(STATE_NAMES.get(row.state, "new")),
                Text(when_label(row.due, now) if row.due else "new", style="dim"),
                _flags(row),
                key=row.question_id,
            )
        if selected in self.rows:
            table.move_cursor(row=table.get_row_index(selected))
        shown = f"{len(rows)} of {total}" if total > len(rows) else f"{total}"
        self.query_one("#browse-count", Static).update(
            f"{shown} questions · S suspended · F flagged · L leech"
        )

    @property
    def selected_id(self) -> str | None:
        table = self.query_one("#browse-table", DataTable)
        if not table.row_count:
            return None
        value = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return value

    # -- actions ---------------------------------------------------------------------------

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_focus_search(self) -> None:
        self.query_one("#browse-search", Input).focus()

    @reported()
    def action_edit(self) -> None:
        question_id = self.selected_id
        if question_id is None:
            return
        service = app_context(self).study_service()
        card = service.card(question_id)

        def saved(edit: CardEdit | None) -> None:
            if edit is not None and save_edit(self, service, question_id, edit) is not None:
                self.reload()

        self.app.push_screen(EditCardScreen(card.prompt, card.answer, card.accepted_answers), saved)

    @reported()
    def action_toggle_suspend(self) -> None:
        question_id = self.selected_id
        if question_id is None:
            return
        row = self.rows[question_id]
        app_context(self).study_service().set_suspended(question_id, not row.suspended)
        self.notify("Unsuspended." if row.suspended else "Suspended.")
        self.reload()

    def action_delete(self) -> None:
        question_id = self.selected_id
        if question_id is None:
            return
        row = self.rows[question_id]

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._delete(question_id)

        self.app.push_screen(
            ConfirmScreen(
                "Delete this question and its review history?",
                row.prompt,
                confirm_label="Delete",
            ),
            confirmed,
        )

    @reported()
    def _delete(self, question_id: str) -> None:
        browse.delete_question(app_context(self).bank, question_id)
        self.notify("Question deleted.")
        self.reload()

    def action_back(self) -> None:
        app_context(self).leave_to_home()
