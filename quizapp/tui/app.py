"""The Textual application: owns the bank, the settings and the clock; pushes screens.

The app holds what every screen needs (attributes down): the open bank, the effective settings,
the learner and an injected clock. Screens build their services from these; nothing here knows
about cards. Start screens are looked up in `START_SCREENS`, imported lazily so that opening one
screen never pays for the others (and never imports spaCy). `quizapp study` opens the study
screen alone, so the first card shows sooner; leaving it (`leave_to_home`) builds home then.

Screens see the app through `quizapp.tui.context.AppContext`, a Protocol: they never import
this module, so the app can import them at the top (no cycle, an import-linter contract).
Quiz night: the Home screen (`n`) and `start="quiz-night"` push `QuizSetupScreen()`, which
reads the bank, settings, clock and the command line's `NightSetup` from the context.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from datetime import tzinfo
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.notifications import Notify
from textual.screen import Screen

from question_bank.errors import QuestionBankError
from question_bank.store import Bank
from quizapp.clock import Clock, utcnow
from quizapp.settings import Settings
from quizapp.tui.dialogs.base import QuizModal

if TYPE_CHECKING:
    from quizapp.quiznight.plan import NightSetup
    from quizapp.quiznight.timer import Seconds
    from quizapp.study.scope import LearnerScope
    from quizapp.study.session import StudyService


def _home(app: QuizApp) -> list[Screen[Any]]:
    from quizapp.tui.screens.home import HomeScreen

    return [HomeScreen()]


def _study(app: QuizApp) -> list[Screen[Any]]:
    from quizapp.tui.screens.study import StudyScreen

    # Alone: the first card shows sooner; leaving the session builds home (`leave_to_home`).
    return [StudyScreen(article_id=app.start_article_id, mode=app.start_mode)]


def _stats(app: QuizApp) -> list[Screen[Any]]:
    from quizapp.tui.screens.stats import StatsScreen

    return [StatsScreen()]


def _browse(app: QuizApp) -> list[Screen[Any]]:
    from quizapp.tui.screens.browse import BrowseScreen

    return [BrowseScreen()]


def _quiz_night(app: QuizApp) -> list[Screen[Any]]:
    from quizapp.tui.quiznight.screens.setup import QuizSetupScreen

    return [*_home(app), QuizSetupScreen()]


START_SCREENS: dict[str, Callable[[QuizApp], list[Screen[Any]]]] = {
    "home": _home,
    "study": _study,
    "stats": _stats,
    "browse": _browse,
    "quiz-night": _quiz_night,
}


def _seconds_of(clock: Clock) -> Seconds:
    return lambda: clock().timestamp()


class QuizApp(App[None]):
    """quizapp's TUI. `start` names the first screen: home, study, stats, browse, quiz-night.

    It provides `AppContext` (`quizapp.tui.context`), what every screen needs of it.
    """

    CSS_PATH = "styles/quizapp.tcss"
    TITLE = "quizapp"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        # F1 too: a text field takes `?` as a character (the footer shows F1 there).
        Binding("f1", "help", "Help"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        bank: Bank,
        settings: Settings,
        *,
        start: str = "home",
        article_id: str | None = None,
        mode: str | None = None,
        clock: Clock = utcnow,
        timer: Seconds | None = None,
        timezone: tzinfo | None = None,
        quiz_setup: NightSetup | None = None,
    ) -> None:
        if start not in START_SCREENS:
            raise ValueError(f"unknown start screen {start!r}")
        super().__init__()
        self.bank = bank
        self.settings = settings
        self.clock = clock
        # The quiz night counts down in monotonic seconds; a test that injects a clock moves the
        # countdown with it.
        self.timer: Seconds = timer or (time.monotonic if clock is utcnow else _seconds_of(clock))
        self.timezone = timezone
        self.start = start
        self.start_article_id = article_id
        self.start_mode = mode
        # The quiz night the command line asked for (a quiznight NightSetup): the setup screen
        # opens with its teams, rounds and timer.
        self.quiz_setup = quiz_setup
        self._scope: LearnerScope | None = None  # opened in on_mount, once per learner
        self.startup_error: str | None = None

    @property
    def scope(self) -> LearnerScope:
        """The current learner's scope, handed to every service the screens build."""
        if self._scope is None:  # AttributeError: hasattr() (a Protocol check) says "not yet"
            raise AttributeError("the learner's scope is opened when the app mounts")
        return self._scope

    @property
    def learner(self) -> str:
        """Who is studying: the settings' learner, which follows every switch."""
        return self.settings.learner

    def study_service(self) -> StudyService:
        """A study service for the current learner; one per session (it sums that session)."""
        from quizapp.study.session import StudyService

        return StudyService.for_scope(self.scope)

    def switch_learner(self, name: str) -> None:
        self._open_scope(self.settings.model_copy(update={"learner": name}))
        self.sub_title = f"learner: {self.learner}"

    def _open_scope(self, settings: Settings) -> None:
        # Opened once per learner, up front, on the UI thread (the learner is created if new):
        # services built later in workers and on the UI thread only read it, and never race
        # to insert the same learner.
        from quizapp.study.scope import LearnerScope

        self._scope = LearnerScope.open(
            self.bank, settings, settings.learner, clock=self.clock, timezone=self.timezone
        )
        self.settings = settings.model_copy(update={"learner": self._scope.learner})

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings from now on (the settings screen saved them)."""
        self.settings = settings.model_copy(update={"learner": self.learner})
        self._scope = self.scope.with_settings(self.settings)

    def on_mount(self) -> None:
        self.sub_title = f"learner: {self.learner}"
        from quizapp.content.seeding import bank_is_empty

        try:
            self._open_scope(self.settings)
            empty = bank_is_empty(self.bank)
        except QuestionBankError as error:
            # A locked or unreadable bank at start: the CLI prints it as one line and exits 1.
            self.startup_error = str(error)
            self.exit(return_code=1)
            return
        if empty:
            from quizapp.tui.screens.preparing import PreparingScreen

            self.push_screen(PreparingScreen())
            self._seed()
        else:
            self._open_start()

    @work(thread=True, exclusive=True, group="seed")
    def _seed(self) -> None:
        # spaCy is imported here, in the worker, only on the first run of an empty bank.
        from quizapp.content.seeding import seed_if_empty

        try:
            seed_if_empty(self.bank, spacy_model=self.settings.spacy_model)
        except Exception as error:  # shown to the user; the app stays usable on an empty bank
            self.call_from_thread(
                self.notify, f"Could not prepare cards: {error}", severity="error"
            )
        self.call_from_thread(self._seeded)

    def _seeded(self) -> None:
        self.pop_screen()
        self._open_start()

    def on_ready(self) -> None:
        """The first frame is drawn: collect garbage again if the command line held it off for
        the start (`quizapp.cli.tui_commands.run_tui`). What the start built is frozen first,
        so later collections, during a study session, never walk those objects again (they
        cost a few milliseconds between a grade and the next card drawn, on a big bank)."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    def _open_start(self) -> None:
        for screen in START_SCREENS[self.start](self):
            self.push_screen(screen)

    def leave_to_home(self) -> None:
        """Back home from a screen: pop it, or, for a start screen opened alone, replace it."""
        if len(self.screen_stack) > 2:  # Textual's default screen, home, then this one
            self.pop_screen()
            return
        from quizapp.tui.screens.home import HomeScreen

        self.switch_screen(HomeScreen())

    def open_quiz_night(self) -> None:
        from quizapp.tui.quiznight.screens.setup import QuizSetupScreen

        self.push_screen(QuizSetupScreen())

    def action_help(self) -> None:
        """`?` shows the keys of the screen on top; on the help itself, it closes it."""
        from quizapp.tui.dialogs.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen.for_screen(self.screen))

    def on_notify(self, event: Notify) -> None:
        """A notification raised while a dialog is open is shown in the dialog, not as a toast.

        Textual draws toasts on the top screen, over a dialog's fields and buttons; a dialog
        (`QuizModal`) has a notice line of its own. This runs before `App`'s own handler,
        which `prevent_default` skips (the same notification is not toasted later).
        """
        screen = self.screen
        if isinstance(screen, QuizModal) and screen.is_mounted:
            screen.show_notice(event.notification)
            event.prevent_default()
