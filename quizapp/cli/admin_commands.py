"""`quizapp learners`, `quizapp backup`, `quizapp restore`, `quizapp class-stats`: shared banks.

Commands for whoever keeps a bank that several people study (a family, a class): who the
learners are, how each of them is doing, and a backup of everything.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quizapp.cli.common import DbOption, fail, opened_bank, settings_for

if TYPE_CHECKING:
    from quizapp.content.backup import BackupFormat
    from quizapp.settings import Settings

learners_app = typer.Typer(help="The people who study this bank.", no_args_is_help=True)


class FormatChoice(StrEnum):
    sqlite = "sqlite"
    json = "json"


NameArgument = Annotated[str, typer.Argument(help="The learner's name.")]


def register(app: typer.Typer) -> None:
    app.add_typer(learners_app, name="learners")
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)
    app.command("class-stats")(class_stats_command)


def _settings(ctx: typer.Context, db: str | None) -> Settings:
    return settings_for(ctx, db)


@learners_app.command("add")
def learners_add(ctx: typer.Context, name: NameArgument, db: DbOption = None) -> None:
    """Add a learner (`--learner NAME` on study commands also adds one on first use)."""
    from quizapp.study.learner_admin import add_learner

    with opened_bank(_settings(ctx, db)) as bank:
        stored = add_learner(bank, name)
    typer.echo(f"added learner {stored!r}")


@learners_app.command("list")
def learners_list(ctx: typer.Context, db: DbOption = None) -> None:
    """Every learner with their cards, reviews and last study time."""
    from quizapp.study.learner_admin import learner_infos

    with opened_bank(_settings(ctx, db)) as bank:
        infos = learner_infos(bank)
    if not infos:
        typer.echo("no learners yet: `quizapp learners add NAME`, or study with --learner NAME")
        return
    width = max(len(info.name) for info in infos)
    for info in infos:
        last = info.last_review.strftime("%Y-%m-%d %H:%M") if info.last_review else "never"
        typer.echo(
            f"{info.name.ljust(width)}  {info.cards:>6} cards  {info.reviews:>7} reviews  "
            f"last studied {last}"
        )


@learners_app.command("remove")
def learners_remove(
    ctx: typer.Context,
    name: NameArgument,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    db: DbOption = None,
) -> None:
    """Remove a learner with all their cards and review history (asks first)."""
    from quizapp.study.learner_admin import learner_history, remove_learner

    with opened_bank(_settings(ctx, db)) as bank:
        if not yes:
            history = learner_history(bank, name)
            question = (
                f"remove learner {history.name!r} with {history.cards} cards and "
                f"{history.reviews} reviews? This cannot be undone"
            )
            if not typer.confirm(question, default=False):
                fail("nothing removed")
        removed = remove_learner(bank, name)
    typer.echo(
        f"removed learner {removed.name!r}: {removed.cards} cards, {removed.reviews} reviews"
    )


def backup_command(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Backup file (default: <bank>-backup-<time>.sqlite or .json here).",
        ),
    ] = None,
    backup_format: Annotated[
        FormatChoice | None,
        typer.Option(
            "--format",
            help="sqlite (SQLite banks; a copy you can open) or json (any engine). "
            "Default: sqlite for a SQLite bank, json otherwise or for -o *.json.",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Back up the whole bank: questions, learners, cards, review history, quiz nights."""
    from question_bank.store.schema import utcnow
    from quizapp.content.backup import backup_bank, choose_format, default_backup_path

    with opened_bank(_settings(ctx, db)) as bank:
        wanted: BackupFormat | None = None
        if backup_format is not None:
            wanted = "sqlite" if backup_format is FormatChoice.sqlite else "json"
        chosen = choose_format(bank, output, wanted)
        target = output or default_backup_path(bank, chosen, utcnow())
        result = backup_bank(bank, target, chosen)
    typer.echo(f"backed up {_describe(result.rows)} to {result.path} ({result.format})")


def restore_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A file made by `quizapp backup` (or export).")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace everything in a bank that is not empty.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Restore a backup into the bank (one transaction; a non-empty bank needs --force)."""
    from quizapp.content.backup import restore_bank as restore_into

    if not file.is_file():
        fail(f"{file}: no such backup file")
    with opened_bank(_settings(ctx, db)) as bank:
        rows = restore_into(bank, file, force=force)
    typer.echo(f"restored {_describe(rows)} from {file}")


def class_stats_command(ctx: typer.Context, db: DbOption = None) -> None:
    """A teacher's view: each learner's progress, retention (30 days) and due load."""
    typer.echo(class_stats_text(_settings(ctx, db)))


def class_stats_text(settings: Settings) -> str:
    """The class view as a plain-text table (also behind `quizapp stats --class`)."""
    from question_bank.store.schema import utcnow
    from quizapp.study.class_stats import class_view, format_class_view

    with opened_bank(settings) as bank:
        view = class_view(bank, utcnow(), day_starts_at_hour=settings.day_starts_at_hour)
    return format_class_view(view)


def _describe(rows: dict[str, int]) -> str:
    shown = ("articles", "questions", "learners", "cards", "review_logs", "quiz_nights")
    return ", ".join(f"{rows.get(name, 0)} {name.replace('_', ' ')}" for name in shown)
