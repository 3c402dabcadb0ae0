"""Browse: every question of the bank in one lazily drawn table, with Anki-like search.

The table (`LazyTable`) holds no rows: it asks `BrowseSource` for the page in view, so
200,000 questions open and scroll as fast as 20. The first count and page of a search come
from a worker (a text search over a big bank is a real query); later pages are one indexed
LIMIT/OFFSET each. From here: edit, card info, flag, suspend, bury, forget, reschedule, tags,
delete and a new card by hand.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Input, Select, Static
from textual.worker import get_current_worker

from quizapp.study import browse
from quizapp.study.cards import CardOperations
from quizapp.study.search import SearchError, parse
from quizapp.study.undo import UndoStack, card_step, delete_step, question_step
from quizapp.study.views import BrowseFilter, BrowseRow, CardView
from quizapp.tui.context import app_context
from quizapp.tui.dialogs.add_card import open_add_card
from quizapp.tui.dialogs.confirm import ConfirmScreen
from quizapp.tui.dialogs.edit_card import CardEdit, EditCardScreen, save_edit
from quizapp.tui.dialogs.text_prompt import TextPromptScreen
from quizapp.tui.errors import WorkerErrors, reported
from quizapp.tui.screens.browse_source import (
    COLUMNS,
    KINDS,
    SHOW_CHOICES,
    SORTABLE,
    BrowseSource,
)
from quizapp.tui.screens.card_info import CardInfoScreen
from quizapp.tui.widgets.inputs import QuizInput
from quizapp.tui.widgets.key_footer import KeyFooter
from quizapp.tui.widgets.lazy_table import LazyTable


class BrowseScreen(Screen[None], WorkerErrors):
    """Search as you type; enter edits the selected question, i shows its card info."""

    BINDINGS = [
        Binding("slash", "focus_search", "Search", key_display="/"),
        Binding("e", "edit", "Edit", show=False),
        Binding("i", "info", "Info"),
        Binding("f", "flag", "Flag"),
        Binding("s", "toggle_suspend", "Suspend"),
        Binding("minus", "toggle_bury", "Bury", key_display="-"),
        Binding("n", "forget", "Forget"),
        Binding("r", "reschedule", "Due in…"),
        Binding("t", "tags", "Tags"),
        Binding("d", "delete", "Delete"),
        Binding("a", "add", "Add card"),
        Binding("u,ctrl+z", "undo", "Undo", key_display="u"),
        Binding("U,ctrl+y", "redo", "Redo", key_display="U", show=False),
        Binding("o", "sort", "Sort"),
        Binding("O", "reverse", "Reverse", show=False),
        Binding("escape", "back", "Back"),
    ]
    HELP_TITLE = "Browse"
    PAGE = 100

    def __init__(self, search: str = "") -> None:
        super().__init__()
        self.filters = BrowseFilter(search=search)
        self.search_text = search
        self.show_term = ""
        self.source: BrowseSource | None = None
        self.history = UndoStack()
        """This screen's actions, to undo and redo in reverse order."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="browse-filters"):
            yield QuizInput(
                self.search_text,
                placeholder='/ search: words "a phrase" is:due flag:1 kind:choice -tag:x',
                id="browse-search",
                compact=True,
            )
            yield Select(
                [],  # filled by `_load_articles` when first focused: a read, not on opening
                prompt="All articles",
                id="f-article",
                compact=True,
            )
            yield Select(((k, k) for k in KINDS), prompt="All kinds", id="f-kind", compact=True)
            yield Select(SHOW_CHOICES, prompt="Show: all", id="f-show", compact=True)
        yield LazyTable[BrowseRow](COLUMNS, id="browse-table")
        yield Static("", id="browse-count")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        table = self.table
        table.sort_column = self.filters.sort
        table.focus()
        self.query_one("#browse-count", Static).update("Searching…")
        self.reload()

    articles_loaded = False
    """Whether the article filter has its choices (read when it is first focused)."""

    @on(events.DescendantFocus, "#f-article")
    def _article_filter_focused(self) -> None:
        # The choices (2,000 titles on a big bank, and as many options in the list) only when
        # the learner goes to the filter: opening the browser pays for the rows alone.
        if not self.articles_loaded:
            self.articles_loaded = True
            self.query_one("#f-article", Select).prompt = "Reading articles…"
            self._load_articles()

    @work(thread=True, exclusive=True, group="browse-articles", exit_on_error=False)
    def _load_articles(self) -> None:
        """The article filter's choices, read in a worker (0.2 s on a big bank)."""
        articles = browse.article_titles(app_context(self).bank)
        options = [(title[:40], article_id) for article_id, title in articles]
        self.app.call_from_thread(self._show_articles, options)

    def _show_articles(self, options: list[tuple[str, str]]) -> None:
        articles = self.query_one("#f-article", Select)
        articles.set_options(options)
        articles.prompt = "All articles"

    @property
    def table(self) -> LazyTable[BrowseRow]:
        return self.query_one("#browse-table", LazyTable)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Typing in the search box must not trigger the letter keys; enter there only searches.
        if action in ("focus_search", "back"):
            return True
        if action in ("add", "sort", "reverse", "undo", "redo"):
            return not isinstance(self.focused, Input)
        return isinstance(self.focused, LazyTable) or None

    # -- filtering -------------------------------------------------------------------------

    @on(Input.Changed, "#browse-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.search_text = event.value
        self._apply_search()

    def _apply_search(self) -> None:
        query = " ".join(part for part in (self.search_text, self.show_term) if part.strip())
        try:
            parse(query)
        except SearchError as error:
            self.query_one("#browse-count", Static).update(Text(str(error), style="red"))
            return
        self.filters = replace(self.filters, search=query)
        self.reload()

    @on(Input.Submitted, "#browse-search")
    def _search_submitted(self) -> None:
        self.table.focus()

    @on(Select.Changed)
    def _filter_changed(self, event: Select.Changed) -> None:
        value: Any = None if event.value is Select.NULL else event.value
        if event.select.id == "f-show":
            self.show_term = value or ""
            self._apply_search()
            return
        name = {"f-article": "article_id", "f-kind": "kind"}.get(event.select.id or "")
        if name is not None:
            self.filters = replace(self.filters, **{name: value})
            self.reload()

    def _new_source(self) -> BrowseSource:
        scope = app_context(self).scope
        now = scope.clock()
        due_by = scope.day.next_start(now) - timedelta(microseconds=1)
        return BrowseSource(scope, self.filters, now, due_by)

    @work(thread=True, exclusive=True, group="browse", exit_on_error=False)
    def reload(self, keep: str | None = None) -> None:
        """Count and read the first page in a worker; the table then reads pages as it scrolls."""
        source = self._new_source()
        source.prefetch(self.PAGE)
        if not get_current_worker().is_cancelled:  # a newer query superseded this one
            self.app.call_from_thread(self._show, source, keep)

    def _show(self, source: BrowseSource, keep: str | None) -> None:
        self.source = source
        self.table.load(source, keep=keep or self.selected_id)
        self._show_count()

    def _show_count(self) -> None:
        total = self.source.total if self.source is not None else 0
        noun = "question" if total == 1 else "questions"
        self.query_one("#browse-count", Static).update(
            f"{total} {noun} · sorted by {self.filters.sort}"
            f"{' (reversed)' if self.filters.descending else ''}"
            " · S suspended · B buried · F flagged · L leech · R retired"
        )

    @property
    def selected_id(self) -> str | None:
        return self.table.cursor_key

    @property
    def selected_row(self) -> BrowseRow | None:
        return self.table.cursor_row

    def _changed(self, message: str) -> None:
        """After an action on the selected row: say so and redraw it (the place is kept)."""
        if message:
            self.notify(message)
        self._recount()
        self.table.refresh_rows()
        self._show_count()

    @reported()
    def _recount(self) -> None:
        if self.source is not None:
            self.source.recount()

    # -- sorting ---------------------------------------------------------------------------

    def on_lazy_table_sort_clicked(self, event: LazyTable.SortClicked) -> None:
        if event.column not in SORTABLE:
            return
        if event.column == self.filters.sort:
            self.action_reverse()
            return
        self._sort(event.column, descending=False)

    def action_sort(self) -> None:
        index = SORTABLE.index(self.filters.sort) if self.filters.sort in SORTABLE else -1
        self._sort(SORTABLE[(index + 1) % len(SORTABLE)], descending=False)

    def action_reverse(self) -> None:
        self._sort(self.filters.sort, descending=not self.filters.descending)

    def _sort(self, column: str, *, descending: bool) -> None:
        self.filters = replace(self.filters, sort=column, descending=descending)
        self.table.sort_column = column
        self.table.sort_descending = descending
        self.reload()

    # -- actions ---------------------------------------------------------------------------

    def on_lazy_table_selected(self, event: LazyTable.Selected) -> None:
        event.stop()
        self.action_edit()

    def action_focus_search(self) -> None:
        self.query_one("#browse-search", Input).focus()

    def action_edit(self) -> None:
        question_id = self.selected_id
        if question_id is None:
            return
        service = CardOperations.for_scope(app_context(self).scope)
        card = self._read_card(service, question_id)
        if card is None:
            return

        def saved(edit: CardEdit | None) -> None:
            if edit is not None:
                self._question_action(
                    "Edit", lambda r: save_edit(self, service, question_id, edit), ""
                )

        self.app.push_screen(EditCardScreen(card.prompt, card.answer, card.accepted_answers), saved)

    @reported()
    def _read_card(self, service: CardOperations, question_id: str) -> CardView:
        return service.card(question_id)

    def action_info(self) -> None:
        if self.selected_id is not None:
            self.app.push_screen(CardInfoScreen(self.selected_id))

    @reported()
    def _card_action(self, change: Any, message: str, label: str = "") -> None:
        """Change the selected card (flag, suspend, bury, forget...) as an undoable step."""
        row = self.selected_row
        if row is None:
            return
        if label:
            scope = app_context(self).scope
            service = CardOperations.for_scope(scope)
            siblings = service.siblings(row.question_id) if label in ("Bury", "Suspend") else []
            self.history.push(
                card_step(
                    scope.bank,
                    scope.learner_id,
                    label,
                    row.question_id,
                    siblings,
                    lambda: change(row),
                )
            )
        else:
            change(row)
        self._changed(message)

    @reported()
    def _question_action(self, label: str, change: Any, message: str) -> None:
        """Change the selected question (tags, wording) as an undoable step."""
        row = self.selected_row
        if row is None:
            return
        self.history.push(
            question_step(app_context(self).bank, label, row.question_id, lambda: change(row))
        )
        self._changed(message)

    def action_undo(self) -> None:
        self._step(self.history.undo, "Undone", "Nothing to undo.")

    def action_redo(self) -> None:
        self._step(self.history.redo, "Redone", "Nothing to redo.")

    @reported()
    def _step(self, run: Any, done: str, nothing: str) -> None:
        step = run()
        if step is None:
            self.notify(nothing)
            return
        self._changed(f"{done}: {step.label.lower()}.")

    def action_flag(self) -> None:
        service = CardOperations.for_scope(app_context(self).scope)
        row = self.selected_row
        self._card_action(
            lambda r: service.set_flagged(r.question_id, not r.flagged),
            "Flag removed." if row is not None and row.flagged else "Flagged.",
            "Flag",
        )

    def action_toggle_suspend(self) -> None:
        service = CardOperations.for_scope(app_context(self).scope)
        row = self.selected_row
        suspended = row is not None and row.suspended
        self._card_action(
            lambda r: service.set_suspended(r.question_id, not r.suspended),
            "Unsuspended." if suspended else "Suspended.",
            "Unsuspend" if suspended else "Suspend",
        )

    def action_toggle_bury(self) -> None:
        app = app_context(self)
        service = CardOperations.for_scope(app.scope)
        row = self.selected_row
        if row is not None and row.buried:
            self._card_action(
                lambda r: browse.unbury(app.bank, app.scope, r.question_id), "Unburied.", "Unbury"
            )
        else:
            self._card_action(
                lambda r: service.bury(r.question_id), "Buried until tomorrow.", "Bury"
            )

    def action_forget(self) -> None:
        app = app_context(self)
        self._card_action(
            lambda r: browse.forget(app.bank, app.scope, r.question_id),
            "Forgotten: the card is new again (its history stays).",
            "Forget",
        )

    def action_reschedule(self) -> None:
        row = self.selected_row
        if row is None:
            return
        app = app_context(self)

        def entered(text: str | None) -> None:
            if text is None:
                return
            try:
                days = int(text.strip())
            except ValueError:
                self.notify(f"{text!r} is not a number of days", severity="error")
                return
            due = app.clock() + timedelta(days=max(0, days))
            self._card_action(
                lambda r: browse.reschedule(app.bank, app.scope, r.question_id, due),
                "Due today." if days <= 0 else f"Due in {days} day{'s' if days != 1 else ''}.",
                "Reschedule",
            )

        self.app.push_screen(TextPromptScreen("Due in how many days?", "1", "0 is today"), entered)

    def action_tags(self) -> None:
        row = self.selected_row
        if row is None:
            return
        app = app_context(self)

        def entered(text: str | None) -> None:
            if text is not None:
                self._question_action(
                    "Tags",
                    lambda r: browse.set_tags(app.bank, r.question_id, text.split()),
                    "Tags saved.",
                )

        self.app.push_screen(
            TextPromptScreen("Tags", " ".join(row.tags), "separated by spaces"), entered
        )

    def action_add(self) -> None:
        row = self.selected_row
        open_add_card(self, row.article_id if row is not None else None, self.reload)

    def action_delete(self) -> None:
        row = self.selected_row
        if row is None:
            return
        question_id = row.question_id

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._delete(question_id)

        self.app.push_screen(
            ConfirmScreen(
                "Delete this question and its review history? (u undoes it)",
                row.prompt,
                confirm_label="Delete",
            ),
            confirmed,
        )

    @reported()
    def _delete(self, question_id: str) -> None:
        bank = app_context(self).bank
        self.history.push(
            delete_step(bank, question_id, lambda: browse.delete_question(bank, question_id))
        )
        self._changed("Question deleted.")

    def action_back(self) -> None:
        app_context(self).leave_to_home()
