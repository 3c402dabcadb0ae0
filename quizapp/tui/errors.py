"""The TUI's one error path: a bank error is a notification, never a crash.

- Slow reads run in workers with `exit_on_error=False`. `WorkerErrors`, a mixin of every screen
  that starts workers, holds the one `Worker.StateChanged` handler: it clears the screen's
  loading state and shows a `QuestionBankError`; any other error is a bug and still crashes
  the app, as Textual does for a worker with `exit_on_error=True`.
- The short writes still made on the UI thread (answering a card, suspending one) are methods
  decorated with `@reported`, which shows a `QuestionBankError` the same way.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from textual import on
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from question_bank.errors import QuestionBankError

P = ParamSpec("P")
R = TypeVar("R")
W = TypeVar("W", bound=Widget)

NOTICE_SECONDS = 8  # long enough to read a sentence about a locked bank


def show_error(node: Widget, error: QuestionBankError, prefix: str = "") -> None:
    """The notification for a bank error (locked, gone, unreadable)."""
    message = f"{prefix}: {error}" if prefix else str(error)
    node.notify(message, severity="error", timeout=NOTICE_SECONDS)


class reported:
    """Run a UI-thread handler; a `QuestionBankError` becomes a notification (then `after`).

    The decorated call returns None when it failed, so callers that need its value check it.
    """

    def __init__(self, prefix: str = "", *, after: Callable[[Widget], object] | None = None):
        self.prefix = prefix
        self.after = after

    def __call__(
        self, method: Callable[Concatenate[W, P], R]
    ) -> Callable[Concatenate[W, P], R | None]:
        prefix, after = self.prefix, self.after

        @functools.wraps(method)
        def run(node: W, /, *args: P.args, **kwargs: P.kwargs) -> R | None:
            try:
                return method(node, *args, **kwargs)
            except QuestionBankError as error:
                show_error(node, error, prefix)
                if after is not None:
                    after(node)
                return None

        return run


class WorkerErrors(Widget):
    """Mixin for screens with workers: the one handler for every worker's failure."""

    @on(Worker.StateChanged)
    def _worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        for widget in self.query("*"):
            widget.loading = False  # nothing keeps spinning for a read that will not come
        error = event.worker.error
        if isinstance(error, QuestionBankError):
            show_error(self, error)
        elif error is not None:
            raise error
