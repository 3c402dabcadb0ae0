"""Home: the articles with what is to study in each; from here to study, browse, stats..."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from quizapp.study.learners import list_learners
from quizapp.study.views import ArticleCounts, DeckCounts
from quizapp.tui.context import app_context
from quizapp.tui.dialogs.learner import LearnerScreen
from quizapp.tui.errors import WorkerErrors, reported
from quizapp.tui.screens.browse import BrowseScreen
from quizapp.tui.screens.settings import SettingsScreen
from quizapp.tui.screens.stats import StatsScreen
from quizapp.tui.screens.study import StudyScreen
from quizapp.tui.widgets.counts_table import CountsTable
from quizapp.tui.widgets.study_status import counts_text


def totals_text(learner: str, rows: list[ArticleCounts], today: DeckCounts) -> Text:
    """The header: what "study all" gives today (the daily limits hold across articles, so
    it is not the sum of the rows), and the size of the bank."""
    text = Text()
    text.append(f"{learner}", style="bold")
    text.append(" — to study today: ", style="dim")
    text.append_text(counts_text(today.new, today.learning, today.due))
    articles = "article" if len(rows) == 1 else "articles"
    text.append(
        f"   ({sum(row.total for row in rows)} cards in {len(rows)} {articles})", style="dim"
    )
    return text


class HomeScreen(Screen[None], WorkerErrors):
    """Articles with new / learning / due counts, refreshed whenever the screen shows again."""

    BINDINGS = [
        Binding("s", "study_all", "Study all"),
        Binding("a", "add_article", "Add article"),
        Binding("l", "switch_learner", "Learner"),
        Binding("b", "browse", "Browse"),
        Binding("t", "stats", "Stats"),
        Binding("comma", "settings", "Settings", key_display=","),
        Binding("n", "quiz_night", "Quiz night"),
        Binding("q", "quit", "Quit"),
    ]
    HELP_TITLE = "Home"

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static("Loading…", id="home-totals")
            yield CountsTable(id="home-articles")
            yield Static("", id="home-empty")
        yield Footer(compact=True)

    def on_screen_resume(self) -> None:
        # `quizapp study` pushes the study screen straight over this one: skip the counts
        # query then, so it never competes with showing the first card.
        if self.is_active:
            self.refresh_counts()

    @work(thread=True, exclusive=True, group="home-counts", exit_on_error=False)
    def refresh_counts(self) -> None:
        """Counts come from a worker: on a big bank they are a real query."""
        app = app_context(self)
        service = app.study_service()
        rows = service.article_counts()
        today = service.counts()
        if not get_current_worker().is_cancelled:  # a newer query superseded this one
            self.app.call_from_thread(self._show_counts, app.learner, rows, today)

    def _show_counts(self, learner: str, rows: list[ArticleCounts], today: DeckCounts) -> None:
        self.query_one("#home-totals", Static).update(totals_text(learner, rows, today))
        self.query_one(CountsTable).show(rows)
        self.query_one("#home-empty", Static).update(
            ""
            if rows
            else "The bank has no articles yet: press a to add one (a file, a web page or "
            "pasted text), or run `quizapp generate ARTICLE`."
        )

    def on_counts_table_chosen(self, event: CountsTable.Chosen) -> None:
        self._study(event.article_id)

    def action_study_selected(self) -> None:
        article_id = self.query_one(CountsTable).selected_article_id
        self._study(article_id)

    def action_study_all(self) -> None:
        self._study(None)

    def _study(self, article_id: str | None) -> None:
        self.app.push_screen(StudyScreen(article_id=article_id))

    @reported()
    def action_switch_learner(self) -> None:
        app = app_context(self)
        names = list_learners(app.bank)
        if app.learner not in names:
            names = sorted([*names, app.learner])
        self.app.push_screen(LearnerScreen(names, app.learner), self._switch_to)

    @reported()
    def _switch_to(self, name: str | None) -> None:
        if name and name != app_context(self).learner:
            app_context(self).switch_learner(name)
            self.notify(f"Studying as {name}")
            self.refresh_counts()

    def action_add_article(self) -> None:
        from quizapp.tui.screens.add_article import AddArticleScreen

        self.app.push_screen(AddArticleScreen())

    def action_browse(self) -> None:
        self.app.push_screen(BrowseScreen())

    def action_stats(self) -> None:
        self.app.push_screen(StatsScreen())

    def action_settings(self) -> None:
        self.app.push_screen(SettingsScreen())

    def action_quiz_night(self) -> None:
        app_context(self).open_quiz_night()

    async def action_quit(self) -> None:
        self.app.exit()
