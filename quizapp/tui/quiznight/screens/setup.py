"""Set up a quiz night: articles, teams, rounds, questions per round, timer, kinds, difficulty.

The screen takes the bank, the settings and the clock from the app (`AppContext`); the
command line's choices (`--teams`, `--rounds`...) arrive there as a `NightSetup`. It opens at
once: the articles and the question pool (a real query on a big bank) are read by a worker,
and the lists show a loading state until they arrive.
"""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Input,
    RadioSet,
    SelectionList,
    Static,
)

from question_bank.store import Bank
from quizapp.quiznight.engine import QuizNight
from quizapp.quiznight.plan import (
    DIFFICULTIES,
    QUIZ_KINDS,
    Difficulty,
    NightSetup,
    QuizNightError,
    QuizQuestion,
    eligible_questions,
    plan_night,
)
from quizapp.quiznight.store import ArticleChoice, BankRecorder, article_choices, load_pool
from quizapp.quiznight.timer import Seconds
from quizapp.settings import Settings
from quizapp.tui.context import app_context
from quizapp.tui.dialogs.quiz_prompts import QuizNameScreen
from quizapp.tui.errors import WorkerErrors
from quizapp.tui.formatting import FAMILY_LABELS
from quizapp.tui.quiznight.screens.base import QuizScreen
from quizapp.tui.quiznight.screens.host import QuizHostScreen
from quizapp.tui.quiznight.screens.players import PlayersSide, QuizPlayersHostScreen
from quizapp.tui.quiznight.widgets.teams import QuizTeamList
from quizapp.tui.quiznight.widgets.toggles import (
    QuizCheckbox,
    QuizRadioButton,
    QuizSelectionList,
)
from quizapp.tui.widgets.inputs import QuizInput


def default_setup(settings: Settings) -> NightSetup:
    """A night as the settings describe it, with two teams to rename."""
    return NightSetup(
        timer_seconds=settings.quiz_timer_seconds,
        speed_bonus=settings.quiz_speed_bonus,
        double_final=settings.quiz_double_final,
    )


class QuizSetupScreen(QuizScreen[None], WorkerErrors):
    """The first screen of a quiz night; ctrl+s starts it."""

    HELP_TITLE = "Quiz night setup"
    HELP_EXTRA = (
        ("tab / shift+tab", "Next / previous field"),
        ("space", "Tick or untick (articles, kinds, options)"),
        ("up / down", "Move in a list"),
        ("enter", "Add the typed team (in the new-team box)"),
        ("e or f2", "Rename the highlighted team (in the team list)"),
        ("d or delete", "Remove the highlighted team (in the team list)"),
    )
    BINDINGS = [
        Binding("ctrl+s", "start", "Start the night"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.setup = NightSetup()
        self.articles: list[ArticleChoice] = []
        self.pool: list[QuizQuestion] = []
        self.loaded = False
        """Whether the question pool is read (the articles come first, see `_read_bank`)."""
        self._recount_due = False

    # --- what the screen works on: the app's

    @property
    def bank(self) -> Bank:
        return app_context(self).bank

    @property
    def settings(self) -> Settings:
        return app_context(self).settings

    @property
    def clock(self) -> Seconds:
        """Monotonic seconds for the question timer: the app's `timer`."""
        return app_context(self).timer

    def compose(self) -> ComposeResult:
        initial = app_context(self).quiz_setup
        if initial is not None:
            self.setup = replace(initial, teams=list(initial.teams))
        else:
            self.setup = default_setup(self.settings)
        with Vertical(id="quiz-setup"):
            yield Static("Quiz night — set up", id="quiz-setup-title")
            with Horizontal(id="quiz-setup-columns"):
                with Vertical(id="quiz-setup-left"):
                    yield from self._compose_questions()
                with Vertical(id="quiz-setup-right"):
                    yield from self._compose_night()
        yield Footer()

    def _compose_questions(self) -> ComposeResult:
        """The left column: which articles, kinds and difficulty the questions come from."""
        articles: QuizSelectionList = QuizSelectionList(id="quiz-articles", compact=True)
        articles.border_title = "Articles (space ticks)"
        articles.loading = True
        yield articles
        kinds: QuizSelectionList = QuizSelectionList(id="quiz-kinds", compact=True)
        kinds.border_title = "Kinds"
        kinds.loading = True
        yield kinds
        with RadioSet(id="quiz-difficulty", compact=True) as difficulty:
            difficulty.border_title = "Difficulty"
            for level in DIFFICULTIES:
                yield QuizRadioButton(level, value=level == self.setup.difficulty)

    def _compose_night(self) -> ComposeResult:
        """The right column: teams, numbers, the night's rules, the status and Start."""
        teams = QuizTeamList(id="quiz-team-list", compact=True)
        teams.border_title = "Teams (e rename, d remove)"
        yield teams
        yield QuizInput(
            placeholder="add a team: type a name, enter",
            id="quiz-new-team",
            max_length=40,
            compact=True,
        )
        # Two rows, so that every number stays visible in an 80-column terminal.
        with Horizontal(classes="quiz-numbers"):
            yield Static("Rounds", classes="quiz-label")
            yield self._number("quiz-rounds", self.setup.rounds)
            yield Static("Questions per round", classes="quiz-label")
            yield self._number("quiz-per-round", self.setup.per_round)
        with Horizontal(classes="quiz-numbers"):
            yield Static("Seconds per question", classes="quiz-label")
            yield self._number("quiz-timer", self.setup.timer_seconds)
        for label, value, widget_id in (
            ("Speed bonus: +½ when fast", self.setup.speed_bonus, "quiz-speed-bonus"),
            ("Final round: double or nothing", self.setup.double_final, "quiz-double-final"),
            ("Players answer on their phones", self.setup.players, "quiz-players"),
        ):
            yield QuizCheckbox(label, value, id=widget_id, compact=True)
        yield Static(id="quiz-setup-status")
        yield Button("Start the night (ctrl+s)", id="quiz-start", variant="success")

    @staticmethod
    def _number(widget_id: str, value: int) -> QuizInput:
        return QuizInput(str(value), id=widget_id, type="integer", max_length=3, compact=True)

    def on_key(self) -> None:
        self._keyed = True  # the host is at the form: the articles' arrival leaves the focus

    def on_mount(self) -> None:
        self._keyed = False
        self.query_one(QuizTeamList).show_teams(self.setup.teams)
        self.query_one("#quiz-articles").focus()
        self.update_status()
        self._read_bank(self.bank)

    @work(thread=True, exclusive=True, group="quiz-setup", exit_on_error=False)
    def _read_bank(self, bank: Bank) -> None:
        """The articles (a grouped count), then the whole question pool (seconds on a
        200,000-question bank): the lists fill as soon as the articles are read, and the
        status line says the pool is still being read until it is."""
        articles = article_choices(bank)
        self.app.call_from_thread(self._show_articles, articles)
        pool = load_pool(bank)
        self.app.call_from_thread(self._show_pool, pool)

    def _show_articles(self, articles: list[ArticleChoice]) -> None:
        self.articles = articles
        chosen = set(self.setup.article_ids) or {a.id for a in articles}
        family_counts = {kind: 0 for kind in QUIZ_KINDS}
        for article in articles:
            for family, count in article.by_family.items():
                family_counts[family] = family_counts.get(family, 0) + count
        listed = self.query_one("#quiz-articles", SelectionList)
        listed.add_options([(f"{a.title} ({a.total})", a.id, a.id in chosen) for a in articles])
        kinds = self.query_one("#quiz-kinds", SelectionList)
        kinds.add_options(
            [
                (f"{FAMILY_LABELS[k]} ({family_counts.get(k, 0)})", k, k in self.setup.kinds)
                for k in QUIZ_KINDS
            ]
        )
        listed.loading = kinds.loading = False
        if self.focused is None or not self._keyed:
            # The form starts at its article list, as at mount; a loading list gives up the
            # focus to the next field, so it is taken back unless the host already moved on.
            listed.focus()
        for options in (listed, kinds):
            if options.option_count and options.highlighted is None:
                options.highlighted = 0  # as when the options are there at mount
        self.update_status()

    def _show_pool(self, pool: list[QuizQuestion]) -> None:
        self.pool, self.loaded = pool, True
        self.update_status()

    # --- reading the form

    def read_setup(self) -> NightSetup:
        """The night the form describes (not yet validated)."""
        articles = self.query_one("#quiz-articles", SelectionList).selected
        kinds = self.query_one("#quiz-kinds", SelectionList).selected
        difficulty_set = self.query_one("#quiz-difficulty", RadioSet)
        index = difficulty_set.pressed_index
        difficulty = cast(Difficulty, DIFFICULTIES[index] if index >= 0 else "any")
        return replace(
            self.setup,
            teams=list(self.setup.teams),
            # every article ticked is the same as "all", and stays all as the bank grows
            article_ids=[] if len(articles) == len(self.articles) else list(articles),
            kinds=tuple(k for k in QUIZ_KINDS if k in kinds),
            difficulty=difficulty,
            rounds=self._read_int("#quiz-rounds", "rounds"),
            per_round=self._read_int("#quiz-per-round", "questions per round"),
            timer_seconds=self._read_int("#quiz-timer", "the timer"),
            speed_bonus=self.query_one("#quiz-speed-bonus", Checkbox).value,
            double_final=self.query_one("#quiz-double-final", Checkbox).value,
            players=self.query_one("#quiz-players", Checkbox).value,
        )

    def _read_int(self, selector: str, what: str) -> int:
        value = self.query_one(selector, Input).value.strip()
        if not value.isdigit():
            raise QuizNightError(f"{what}: type a whole number")
        return int(value)

    def update_status(self) -> None:
        """How many questions the night needs and how many the bank offers for this setup."""
        status = self.query_one("#quiz-setup-status", Static)
        if not self.loaded:
            reading = "the question pool" if self.articles else "the bank"
            status.update(f"[dim]Reading {reading}…[/]")
            return
        try:
            setup = self.read_setup()
            setup.validate()
        except QuizNightError as error:
            status.update(f"[b red]{error}[/]")
            return
        matching = len(eligible_questions(self.pool, setup))
        needed = setup.questions_needed
        colour = "green" if matching >= needed else "red"
        teams = f"{len(setup.teams)} teams" if setup.teams else "players play solo"
        phones = " · on phones" if setup.players else ""
        status.update(f"[{colour}]{needed} questions needed, {matching} match[/] · {teams}{phones}")

    def on_selection_list_selected_changed(self, _event: SelectionList.SelectedChanged) -> None:
        # Filling the lists ticks every article: one SelectedChanged each, 2,000 on the big
        # benchmark bank, and each recount filters the whole pool (minutes of UI thread). One
        # recount after the burst says the same.
        if not self._recount_due:
            self._recount_due = True
            self.call_after_refresh(self._recount)

    def _recount(self) -> None:
        self._recount_due = False
        self.update_status()

    def on_radio_set_changed(self, _event: RadioSet.Changed) -> None:
        self.update_status()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "quiz-new-team":
            self.update_status()

    def on_checkbox_changed(self, _event: Checkbox.Changed) -> None:
        self.update_status()

    # --- teams

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "quiz-new-team":
            try:
                self.setup.add_team(event.value)
            except QuizNightError as error:
                self.notify(str(error), severity="warning")
                return
            event.input.value = ""
            self._teams_changed()
        else:
            self.action_start()

    def on_quiz_team_list_rename_requested(self, event: QuizTeamList.RenameRequested) -> None:
        index = event.index

        def renamed(name: str | None) -> None:
            if name is None:
                return
            try:
                self.setup.rename_team(index, name)
            except QuizNightError as error:
                self.notify(str(error), severity="warning")
                return
            self._teams_changed()

        self.app.push_screen(
            QuizNameScreen(f"Rename team {index + 1}", self.setup.teams[index]), renamed
        )

    def on_quiz_team_list_remove_requested(self, event: QuizTeamList.RemoveRequested) -> None:
        try:
            self.setup.remove_team(event.index)
        except QuizNightError as error:
            self.notify(str(error), severity="warning")
            return
        self._teams_changed()

    def _teams_changed(self) -> None:
        self.query_one(QuizTeamList).show_teams(self.setup.teams)
        self.update_status()

    # --- starting

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "quiz-start":
            self.action_start()

    def action_start(self) -> None:
        if not self.loaded:
            self.notify("Still reading the bank: a moment.", severity="warning")
            return
        try:
            setup = self.read_setup()
            rounds, reserve = plan_night(self.pool, setup)
            night = QuizNight(
                setup,
                rounds,
                reserve=reserve,
                clock=self.clock,
                recorder=BankRecorder(self.bank),
            )
            players = self._open_players(night) if setup.players else None
        except QuizNightError as error:
            self.notify(str(error), severity="error", timeout=6)
            return
        self.setup = setup
        if players is None:
            self.app.push_screen(QuizHostScreen(night, clock=self.clock, bank=self.bank))
            return
        self.notify(players.describe(), timeout=8)
        self.app.push_screen(QuizPlayersHostScreen(players, clock=self.clock, bank=self.bank))

    def _open_players(self, night: QuizNight) -> PlayersSide:
        """The phones' side of the night: the room and its web server, listening."""
        opener = getattr(self.app, "open_players_night", None)
        if callable(opener):  # tests (and other apps) bring their own
            return cast(PlayersSide, opener(night))
        from quizapp.quiznight.server import open_players_night

        setup = night.setup
        return open_players_night(
            self.bank, night, host=setup.players_host, port=setup.players_port
        )

    def action_back(self) -> None:
        # The app knows where "back" goes (home, even when the night was its first screen).
        app_context(self).leave_to_home()
