"""The `quizapp` command: Typer app assembled from one module per command group.

`main()` is the console script. It turns every QuestionBankError (bad input, locked bank, bad
settings) into a one-line message and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import os
import signal
import sys

import typer

from question_bank.errors import QuestionBankError
from quizapp.cli import (
    admin_commands,
    article_commands,
    bank_commands,
    optimise_commands,
    quiz_commands,
    transfer_commands,
    tui_commands,
)
from quizapp.cli.common import app, fail

bank_commands.register(app)
transfer_commands.register(app)
tui_commands.register(app)
quiz_commands.register(app)
admin_commands.register(app)
article_commands.register(app)
optimise_commands.register(app)


_MAIN_PID = os.getpid()


def _terminated(signum: int, _frame: object) -> None:
    # SIGTERM as an exception: `finally` blocks and context managers run, so temporary
    # directories are removed, transactions rolled back and parse workers stopped. A forked
    # parse worker inherits this handler; stopped by its parent (its task is not wanted) it
    # leaves at once and quietly: an exception there could land in the middle of an import
    # and print "Exception ignored …" under the parent's one-line error.
    if os.getpid() != _MAIN_PID:
        os._exit(128 + signum)
    raise SystemExit(128 + signum)


def main() -> None:
    """Entry point of the `quizapp` console script and of `python -m quizapp`."""
    global _MAIN_PID
    _MAIN_PID = os.getpid()
    signal.signal(signal.SIGTERM, _terminated)
    try:
        app(standalone_mode=False)
    except QuestionBankError as error:
        fail(str(error))
    except typer.Abort:
        sys.stderr.write("quizapp: aborted\n")
        sys.exit(130)
    except KeyboardInterrupt:
        sys.stderr.write("quizapp: interrupted\n")
        sys.exit(130)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except Exception as error:  # click's usage errors and anything a command let through
        import click

        # typer >= 0.29 vendors click: its usage errors derive from typer.TyperException.
        if isinstance(error, click.ClickException | typer.TyperException) and hasattr(
            error, "show"
        ):
            error.show()
            sys.exit(getattr(error, "exit_code", 2))
        raise
