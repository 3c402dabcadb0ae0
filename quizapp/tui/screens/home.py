"""Home: the articles with what is to study in each; from here to study, browse, stats...

The screens reached from here are imported when first opened, not with home: the stats
screen brings plotext, the study screen the distractor module, and home opens first.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from question_bank.errors import QuestionBankError
from quizapp.content.articles import (
    article_footprint,
    delete_article,
    merge_articles,
    rename_article,
)
from quizapp.settings import remember_learner
from quizapp.study import home_counts
from quizapp.study.counts import StudyCounts
from quizapp.study.learners import list_learners
from quizapp.study.views import ArticleCounts, DeckCounts
from quizapp.tui.context import app_context
from quizapp.tui.dialogs.add_card import open_add_card
from quizapp.tui.dialogs.confirm import ConfirmScreen
from quizapp.tui.dialogs.learner import LearnerScreen
from quizapp.tui.dialogs.pick import PickScreen
from quizapp.tui.dialogs.text_prompt import TextPromptScreen
from quizapp.tui.errors import WorkerErrors, reported
from quizapp.tui.widgets.counts_table import CountsTable
from quizapp.tui.widgets.key_hints import KeyHints
from quizapp.tui.widgets.study_status import counts_text


def forecast_text(tomorrow: int) -> Text:
    """Tomorrow's due cards and the key to the progress bars."""
    return Text.assemble(
        ("Tomorrow: ", "dim"),
        (f"{tomorrow}", "bold green" if tomorrow else "dim"),
        (" card due" if tomorrow == 1 else " cards due", "dim"),
        ("   ·   progress: ", "dim"),
        ("█ mature", "green"),
        ("  ", ""),
        ("█ young", "yellow"),
        ("  ", ""),
        ("░ new", "dim"),
    )


# The rows counted before the table is first drawn: more than the tallest terminal shows.
FIRST_ROWS = 60
# Then the others, this many articles per query, each part drawn as it comes.
LATER_ROWS = 250


def totals_text(
    learner: str, articles: int, today: DeckCounts | None, cards: int | None = None
) -> Text:
    """The header: what "study all" gives today (the daily limits hold across articles, so
    it is not the sum of the rows), and the size of the bank. `None`: still being counted."""
    text = Text()
    text.append(f"{learner}", style="bold")
    text.append(" — to study today: ", style="dim")
    if today is None:
        text.append("counting…", style="dim")
    else:
        text.append_text(counts_text(today.new, today.learning, today.due))
    noun = "article" if articles == 1 else "articles"
    size = "…" if cards is None else str(cards)
    text.append(f"   ({size} cards in {articles} {noun})", style="dim")
    return text


class HomeScreen(Screen[None], WorkerErrors):
    """Articles with new / learning / due counts, refreshed whenever the screen shows again."""

    # The footer shows what fits 80 columns; the others are on the key line (`KeyHints`).
    BINDINGS = [
        Binding("s", "study_all", "Study all"),
        Binding("a", "add_article", "Add article", show=False),
        Binding("l", "switch_learner", "Learner", show=False),
        Binding("b", "browse", "Browse"),
        Binding("c", "add_card", "Add card", show=False),
        Binding("C", "custom_study", "Custom study", key_display="C"),
        Binding("r", "rename", "Rename", show=False),
        Binding("m", "merge", "Merge", show=False),
        Binding("D", "delete_article", "Delete article", show=False),
        Binding("t", "stats", "Stats"),
        Binding("comma", "settings", "Settings", key_display=","),
        Binding("n", "quiz_night", "Quiz night", show=False),
        Binding("q", "quit", "Quit"),
    ]
    HELP_TITLE = "Home"

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"), Vertical(id="home-column"):
            yield Static("Loading…", id="home-totals")
            yield CountsTable(id="home-articles")
            yield Static("", id="home-forecast")
            yield KeyHints(self.BINDINGS, id="home-keys")  # the keys the footer has no room for
            yield Static("", id="home-empty")
        yield Footer(compact=True)

    def on_resize(self) -> None:
        # The table sizes itself to its columns; the titles take what the terminal leaves.
        self.query_one(CountsTable).fit_to(self.query_one("#home").content_size.width)

    def on_screen_resume(self) -> None:
        # `quizapp study` pushes the study screen straight over this one: skip the counts
        # query then, so it never competes with showing the first card.
        if self.is_active:
            self.refresh_counts()

    @work(thread=True, exclusive=True, group="home-counts", exit_on_error=False)
    def refresh_counts(self) -> None:
        """Counts come from a worker: on a big bank they are a real query.

        In parts, each drawn when it comes: the rows on screen first (a new-card count is a
        scan per article, so 2,000 articles cost 2,000 scans where a screenful costs 60),
        then the header's "study all" figures, then the other rows, then the progress bars.
        """
        app = app_context(self)
        counts = StudyCounts.for_scope(app.scope)  # counts need no study session
        listing = counts.article_list()
        ids = [article_id for article_id, _ in listing]
        rows = counts.article_counts(ids[:FIRST_ROWS])
        if get_current_worker().is_cancelled:  # a newer query superseded this one
            return
        learner = app.learner
        self.app.call_from_thread(self._show_rows, learner, rows, listing[FIRST_ROWS:])
        today = counts.counts()
        if get_current_worker().is_cancelled:
            return
        self.app.call_from_thread(self._show_totals, learner, len(ids), today, None)
        for start in range(FIRST_ROWS, len(ids), LATER_ROWS):
            part = counts.article_counts(ids[start : start + LATER_ROWS])
            if get_current_worker().is_cancelled:
                return
            rows.extend(part)
            self.app.call_from_thread(self.query_one(CountsTable).update_rows, part)
        cards = sum(row.total for row in rows)
        self.app.call_from_thread(self._show_totals, learner, len(ids), today, cards)
        # Then the slower figures: every card's maturity for the bars, tomorrow's forecast.
        try:
            progress = home_counts.article_progress(app.scope)
            tomorrow = home_counts.due_tomorrow(app.scope)
        except QuestionBankError:
            return  # the bars are a nicety; the counts are on screen
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_progress, progress, tomorrow)

    def _show_progress(self, progress: dict[str, home_counts.Progress], tomorrow: int) -> None:
        self.query_one(CountsTable).show_progress(progress)
        self.query_one("#home-forecast", Static).update(forecast_text(tomorrow))

    def _show_rows(
        self, learner: str, rows: list[ArticleCounts], pending: list[tuple[str, str]]
    ) -> None:
        articles = len(rows) + len(pending)
        self.query_one("#home-totals", Static).update(totals_text(learner, articles, None))
        self.query_one(CountsTable).show(rows, pending)
        self.query_one("#home-empty", Static).update(
            ""
            if articles
            else "The bank has no articles yet: press a to add one (a file, a web page or "
            "pasted text), or run `quizapp generate ARTICLE`."
        )

    def _show_totals(
        self, learner: str, articles: int, today: DeckCounts, cards: int | None
    ) -> None:
        text = totals_text(learner, articles, today, cards)
        self.query_one("#home-totals", Static).update(text)

    def on_counts_table_chosen(self, event: CountsTable.Chosen) -> None:
        self._study(event.article_id)

    def action_study_selected(self) -> None:
        article_id = self.query_one(CountsTable).selected_article_id
        self._study(article_id)

    def action_study_all(self) -> None:
        self._study(None)

    def _study(self, article_id: str | None) -> None:
        from quizapp.tui.screens.study import StudyScreen

        self.app.push_screen(StudyScreen(article_id=article_id))

    def action_switch_learner(self) -> None:
        app = app_context(self)
        names = self._learner_names()
        if names is None:
            return

        def chosen(name: str | None) -> None:
            if name and name != app.learner:
                self._switch_to(name)

        self.app.push_screen(LearnerScreen(names, app.learner), chosen)

    def action_custom_study(self) -> None:
        from quizapp.study.custom import CustomSession, CustomStudy
        from quizapp.tui.dialogs.custom_study import CustomStudyScreen
        from quizapp.tui.screens.study import StudyScreen

        table = self.query_one(CountsTable)
        articles = [(row.title[:50], row.article_id) for row in table.shown]
        selected = self._selected()

        def chosen(spec: CustomStudy | None) -> None:
            if spec is None:
                return
            try:
                session = CustomSession.start(app_context(self).scope, spec)
            except QuestionBankError as error:
                self.notify(str(error), severity="error")
                return
            if not session.chosen:
                self.notify(f"No cards for that: {spec.describe()}.", severity="warning")
                return
            self.notify(f"{spec.describe()}: {session.chosen} cards.")
            self.app.push_screen(StudyScreen(article_id=spec.article_id, session=session))

        self.app.push_screen(
            CustomStudyScreen(articles, selected.article_id if selected else None), chosen
        )

    @reported()
    def _learner_names(self) -> list[str]:
        app = app_context(self)
        names = list_learners(app.bank)
        return names if app.learner in names else sorted([*names, app.learner])

    @reported()
    def _switch_to(self, name: str) -> None:
        app_context(self).switch_learner(name)
        try:
            remember_learner(name)
        except (OSError, QuestionBankError) as error:  # studied as `name` all the same
            self.notify(f"Not remembered for next time: {error}", severity="warning")
        self.notify(f"Studying as {name}")
        self.refresh_counts()

    def action_add_article(self) -> None:
        from quizapp.tui.screens.add_article import AddArticleScreen

        self.app.push_screen(AddArticleScreen())

    def action_browse(self) -> None:
        from quizapp.tui.screens.browse import BrowseScreen

        self.app.push_screen(BrowseScreen())

    # -- articles --------------------------------------------------------------------------

    def _selected(self) -> ArticleCounts | None:
        return self.query_one(CountsTable).selected

    def action_add_card(self) -> None:
        selected = self._selected()
        open_add_card(self, selected.article_id if selected else None, self.refresh_counts)

    def action_rename(self) -> None:
        selected = self._selected()
        if selected is None:
            return

        def entered(title: str | None) -> None:
            if title is not None:
                self._rename(selected.article_id, title)

        self.app.push_screen(TextPromptScreen("Rename the article", selected.title), entered)

    @reported()
    def _rename(self, article_id: str, title: str) -> None:
        rename_article(app_context(self).bank, article_id, title)
        self.notify("Article renamed.")
        self.refresh_counts()

    @reported()
    def action_delete_article(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        found = article_footprint(app_context(self).bank, selected.article_id)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._delete(selected.article_id)

        self.app.push_screen(
            ConfirmScreen(
                "Delete this article, its questions and every learner's history of them?",
                f"{found.title} — {found.questions} questions, {found.reviews} reviews",
                confirm_label="Delete",
            ),
            confirmed,
        )

    @reported()
    def _delete(self, article_id: str) -> None:
        deleted = delete_article(app_context(self).bank, article_id)
        self.notify(f"Deleted {deleted.title!r} ({deleted.questions} questions).")
        self.refresh_counts()

    def action_merge(self) -> None:
        selected = self._selected()
        table = self.query_one(CountsTable)
        others = [
            (row.title[:60], row.article_id)
            for row in table.shown
            if selected is not None and row.article_id != selected.article_id
        ]
        if selected is None or not others:
            self.notify("Merging needs two articles.", severity="warning")
            return

        def picked(target: str | None) -> None:
            if target is not None:
                self._merge(selected.article_id, target)

        self.app.push_screen(
            PickScreen(
                f"Merge {selected.title[:40]!r} into…",
                others,
                "its questions and their history move; it is then deleted",
            ),
            picked,
        )

    @reported()
    def _merge(self, source: str, target: str) -> None:
        merged = merge_articles(app_context(self).bank, source, target)
        self.notify(f"Merged {merged.moved} questions into {merged.target_title!r}.")
        self.refresh_counts()

    def action_stats(self) -> None:
        from quizapp.tui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen())

    def action_settings(self) -> None:
        from quizapp.tui.screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen())

    def action_quiz_night(self) -> None:
        app_context(self).open_quiz_night()

    async def action_quit(self) -> None:
        self.app.exit()
