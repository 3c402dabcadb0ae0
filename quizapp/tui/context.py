"""What screens need of the app they run in, as a Protocol, so that screens never import it.

`QuizApp` (`quizapp.tui.app`) provides it; a screen reaches it through `app_context(self)`.
The app imports the screens and never the other way round: an import-linter contract
(`tui.app` > `tui.screens`/`tui.dialogs` > `tui.widgets`) keeps it so.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.dom import DOMNode

if TYPE_CHECKING:
    from question_bank.store import Bank
    from quizapp.clock import Clock
    from quizapp.quiznight.plan import NightSetup
    from quizapp.quiznight.timer import Seconds
    from quizapp.settings import Settings
    from quizapp.study.scope import LearnerScope
    from quizapp.study.session import StudyService


@runtime_checkable
class AppContext(Protocol):
    """The app as the screens see it: attributes down, a few navigation calls."""

    bank: Bank
    """The open bank every service works on."""
    settings: Settings
    """The effective settings (the settings screen replaces them through `apply_settings`)."""
    clock: Clock
    """Now, as an aware UTC datetime; tests inject a fixed one."""
    timer: Seconds
    """Monotonic seconds for the quiz night's countdowns (derived from `clock` in tests)."""
    timezone: tzinfo | None
    """The zone study days are counted in (None: the machine's)."""

    @property
    def learner(self) -> str:
        """Who is studying (the scope's learner)."""
        ...

    @property
    def scope(self) -> LearnerScope:
        """The current learner's scope (bank, settings, learner id, clock, day), built once."""
        ...

    quiz_setup: NightSetup | None
    """The quiz night the command line asked for, if any (the setup screen starts from it)."""

    def study_service(self) -> StudyService:
        """A study service for the current learner."""
        ...

    def switch_learner(self, name: str) -> None:
        """Study as `name` from now on (created if new)."""
        ...

    def apply_settings(self, settings: Settings) -> None:
        """Use `settings` from now on."""
        ...

    def leave_to_home(self) -> None:
        """Back to the home screen."""
        ...

    def open_quiz_night(self) -> None:
        """Push the quiz night's setup screen."""
        ...


def app_context(node: DOMNode) -> AppContext:
    """The running app, as what screens need of it (attributes down)."""
    app = node.app
    if not isinstance(app, AppContext):
        raise TypeError("quizapp screens run inside an app that provides AppContext")
    return app
