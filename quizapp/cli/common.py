"""What every command shares: the Typer app, the `--db` and `--learner` options, errors.

`quizapp --db X list` must mean the same bank as `quizapp list --db X`: the root callback puts
the global options in Typer's `ctx.obj` (`GlobalOptions`), and `settings_for(ctx, ...)` lays a
command's own flags over them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from question_bank.sanitize import safe_for_terminal

if TYPE_CHECKING:
    from question_bank.store import Bank
    from quizapp.settings import Settings


app = typer.Typer(
    name="quizapp",
    help="Learn any article by heart, in the terminal.",
    no_args_is_help=False,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: rich and markdown-it cost more than the rest of --help
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


@dataclass(frozen=True)
class GlobalOptions:
    """The options given before the command (`quizapp --db X --learner Y COMMAND`)."""

    db: str | None = None
    learner: str | None = None


def warn(message: str) -> None:
    """A one-line warning on stderr; the command goes on."""
    sys.stderr.write(f"quizapp: warning: {safe_for_terminal(message)}\n")


_warned = False


def settings_for(
    ctx: typer.Context | None, db: str | None = None, learner: str | None = None
) -> Settings:
    """Settings: the command's flags over the global ones (ctx.obj), over env and config."""
    from quizapp.settings import load_settings, unknown_setting_warnings

    global _warned
    given = ctx.find_object(GlobalOptions) if ctx is not None else None
    if given is not None:
        db = db if db is not None else given.db
        learner = learner if learner is not None else given.learner
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
    from question_bank.store import open_bank

    bank = open_bank(settings.bank_location(), create=create, make_parents=not settings.db)
    if bank.was_empty_file:
        warn(f"{bank.file}: was an empty file (0 bytes); it is now a new, empty bank")
    try:
        yield bank
    finally:
        bank.dispose()
