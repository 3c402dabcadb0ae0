"""What every command shares: the Typer app, the `--db` and `--learner` options, errors."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, NoReturn

import typer

from question_bank.sanitize import safe_for_terminal
from question_bank.store import Bank, open_bank
from quizapp.settings import Settings, load_settings, unknown_setting_warnings

app = typer.Typer(
    name="quizapp",
    help="Learn any article by heart, in the terminal.",
    no_args_is_help=False,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Bank file path or SQLAlchemy URL (default: QUIZAPP_DB, then the user data dir).",
        show_default=False,
    ),
]
LearnerOption = Annotated[
    str | None,
    typer.Option(
        "--learner", help="Who is studying (default: the learner setting).", show_default=False
    ),
]


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a one-line error and exit non-zero."""
    # A message may quote a file name or a value from the input: never an escape sequence.
    message = safe_for_terminal(message)
    first_line = message.strip().splitlines()[0] if message.strip() else "error"
    sys.stderr.write(f"quizapp: error: {first_line}\n")
    sys.exit(code)


def warn(message: str) -> None:
    """A one-line warning on stderr; the command goes on."""
    sys.stderr.write(f"quizapp: warning: {safe_for_terminal(message)}\n")


_warned = False


def settings_for(db: str | None = None, learner: str | None = None) -> Settings:
    """Settings with the command's flags on top of env and config file."""
    global _warned
    settings = load_settings(db=db, learner=learner)
    if not _warned:  # some commands load settings twice: warn once
        _warned = True
        for line in unknown_setting_warnings():
            warn(line)
    return settings


@contextmanager
def opened_bank(settings: Settings, *, create: bool = True) -> Iterator[Bank]:
    """The settings' bank for one command, closed when the command is done (or fails)."""
    # Only the default bank's folder is made on demand; a --db path must point somewhere real.
    bank = open_bank(settings.bank_location(), create=create, make_parents=not settings.db)
    if bank.was_empty_file:
        warn(f"{bank.file}: was an empty file (0 bytes); it is now a new, empty bank")
    try:
        yield bank
    finally:
        bank.dispose()
