"""`quizapp export FORMAT` and `quizapp import FORMAT`: the bank in and out of other tools."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from question_bank.errors import InterchangeError
from question_bank.interchange import export_document, import_document, parse_document
from quizapp.cli.common import DbOption, open_settings_bank, settings_for

export_app = typer.Typer(help="Export the bank to other tools.", no_args_is_help=True)
import_app = typer.Typer(help="Import questions into the bank.", no_args_is_help=True)

OutputOption = Annotated[
    Path | None, typer.Option("-o", "--output", help="Output file (default: standard output).")
]
ArticleOption = Annotated[
    list[str] | None,
    typer.Option("--article", help="Only this article (id or id prefix); repeatable."),
]


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
    app.add_typer(import_app, name="import")


def write_output(data: str | bytes, output: Path | None) -> None:
    """Write to the file atomically, or to stdout when no file is given."""
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    temporary = output.with_name(output.name + ".part")
    if isinstance(data, bytes):
        temporary.write_bytes(data)
    else:
        temporary.write_text(data, encoding="utf-8")
    temporary.replace(output)


@export_app.command("json")
def export_json(
    output: OutputOption = None, article: ArticleOption = None, db: DbOption = None
) -> None:
    """The whole bank as one JSON document (format quizapp.bank, version 1)."""
    from quizapp.articles import resolve_article_ids

    bank = open_settings_bank(settings_for(db=db))
    try:
        with bank.transaction() as session:
            ids = resolve_article_ids(session, article) if article else None
            document = export_document(session, ids)
    finally:
        bank.dispose()
    write_output(document.model_dump_json(indent=2) + "\n", output)
    if output is not None:
        typer.echo(
            f"exported {len(document.articles)} articles, {len(document.questions)} questions "
            f"to {output}",
            err=True,
        )


@import_app.command("json")
def import_json(
    file: Annotated[Path, typer.Argument(help="A bank document made by `quizapp export json`.")],
    db: DbOption = None,
) -> None:
    """Read a JSON bank document back; same ids are updated, never duplicated."""
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise InterchangeError(f"{file}: cannot read ({error.strerror})") from None
    document = parse_document(raw)
    bank = open_settings_bank(settings_for(db=db))
    try:
        with bank.transaction() as session:
            added, updated = import_document(session, document)
    finally:
        bank.dispose()
    typer.echo(
        f"imported {len(document.articles)} articles: {added} questions added, {updated} updated"
    )
