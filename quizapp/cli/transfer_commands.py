"""`quizapp export FORMAT` and `quizapp import FORMAT`: the bank in and out of other tools.

Exports: json (the lossless bank document), anki (.apkg), quizlet (TSV), csv, kahoot (.xlsx)
and print (a quiz sheet as HTML or Markdown). Imports: json, anki (.apkg or Anki's text
export). Every export but anki (retired questions tagged quizapp::retired, to delete them in
Anki) and json (lossless) leaves retired questions out; the mappings live in `quizapp.exports`,
the Anki reader in `quizapp.imports.anki`; these commands only read, call and write.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from question_bank.errors import InterchangeError, QuestionBankError
from question_bank.models import QuestionKind
from question_bank.sanitize import safe_for_terminal
from quizapp.cli.common import DbOption, opened_bank, settings_for
from quizapp.exports.sampler import DEFAULT_COUNT

if TYPE_CHECKING:
    from quizapp.exports.source import ExportArticle

export_app = typer.Typer(help="Export the bank to other tools.", no_args_is_help=True)
import_app = typer.Typer(help="Import questions into the bank.", no_args_is_help=True)

OutputOption = Annotated[
    Path | None, typer.Option("-o", "--output", help="Output file (default: standard output).")
]
RequiredOutput = Annotated[Path, typer.Option("-o", "--output", help="Output file.")]
ArticleOption = Annotated[
    list[str] | None,
    typer.Option("--article", help="Only this article (id or id prefix); repeatable."),
]


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
    app.add_typer(import_app, name="import")


def check_output(output: Path | None) -> None:
    """Refuse an output path that cannot be written, before any work is done."""
    if output is None:
        return
    if output.is_dir():
        raise QuestionBankError(f"{output}: is a directory; give a file name")
    if not output.parent.is_dir():
        raise QuestionBankError(f"{output.parent}: no such directory")


def write_output(data: str | bytes, output: Path | None) -> None:
    """Write to the file atomically, or to stdout when no file (or `-`) is given."""
    if output is None or str(output) == "-":
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    temporary = output.with_name(output.name + ".part")
    try:
        if isinstance(data, bytes):
            temporary.write_bytes(data)
        else:
            temporary.write_text(data, encoding="utf-8")
        temporary.replace(output)
    except OSError as error:
        raise QuestionBankError(f"{output}: cannot write ({error.strerror or error})") from None
    finally:
        temporary.unlink(missing_ok=True)


@export_app.command("json")
def export_json(
    ctx: typer.Context,
    output: OutputOption = None,
    article: ArticleOption = None,
    db: DbOption = None,
) -> None:
    """The whole bank as one JSON document (format quizapp.bank, version 1)."""
    from question_bank.store.interchange import export_document
    from quizapp.content.articles import resolve_article_ids

    check_output(output)
    with opened_bank(settings_for(ctx, db)) as bank, bank.transaction() as session:
        ids = resolve_article_ids(session, article) if article else None
        document = export_document(session, ids)
    write_output(document.model_dump_json(indent=2) + "\n", output)
    if output is not None:
        typer.echo(
            f"exported {len(document.articles)} articles, {len(document.questions)} questions "
            f"to {output}",
            err=True,
        )


@import_app.command("json")
def import_json(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A bank document made by `quizapp export json`.")],
    db: DbOption = None,
) -> None:
    """Read a JSON bank document back; same ids are updated, never duplicated."""
    from question_bank.store.interchange import import_document, parse_document
    from quizapp.imports.files import MIB, read_capped

    settings = settings_for(ctx, db)
    try:
        raw = read_capped(file, "a JSON document", settings.max_import_mb * MIB, "max_import_mb")
    except QuestionBankError as error:
        raise InterchangeError(str(error)) from None
    document = parse_document(raw)
    with opened_bank(settings) as bank, bank.transaction() as session:
        added, updated = import_document(session, document)
    typer.echo(
        f"imported {len(document.articles)} articles: {added} questions added, {updated} updated"
    )


def load_export(
    ctx: typer.Context,
    db: str | None,
    article: list[str] | None,
    output: Path | None,
    *,
    retired: bool = False,
) -> list[ExportArticle]:
    """The chosen articles with their live questions (and retired ones, with `retired`); an
    error when there is nothing to export.

    The output path is checked first, so a typo in it costs no time.
    """
    from quizapp.content.articles import resolve_article_ids

    check_output(output)
    from quizapp.exports.source import load_articles

    with opened_bank(settings_for(ctx, db)) as bank, bank.transaction() as session:
        ids = resolve_article_ids(session, article) if article else None
        articles = load_articles(session, ids, retired=retired)
    if not any(q for a in articles for q in a.questions if not q.retired):
        raise QuestionBankError("nothing to export: no questions (run `quizapp generate` first)")
    return articles


def question_count(articles: list[ExportArticle]) -> int:
    return sum(len(a.questions) for a in articles)


def _say_written(what: str, output: Path | None) -> None:
    # The summary goes to stderr, so that stdout stays clean when the export itself goes there.
    typer.echo(f"exported {what}" + (f" to {output}" if output is not None else ""), err=True)


def _export_text(
    ctx: typer.Context,
    render: Callable[[list[ExportArticle]], str],
    noun: str,
    output: Path | None,
    article: list[str] | None,
    db: str | None,
) -> None:
    """Read, render to text, write (to stdout without -o), and say how many went out."""
    articles = load_export(ctx, db, article, output)
    write_output(render(articles), output)
    _say_written(f"{question_count(articles)} {noun}", output)


@export_app.command("anki")
def export_anki(
    ctx: typer.Context, output: RequiredOutput, article: ArticleOption = None, db: DbOption = None
) -> None:
    """An Anki package (.apkg): a deck per article, a note per fact; re-exports update notes,
    never duplicate. Retired questions come too, tagged quizapp::retired, to delete in Anki."""
    from quizapp.exports.anki import RETIRED_TAG, paused_gc, write_apkg

    with paused_gc():
        articles = load_export(ctx, db, article, output, retired=True)
        try:
            notes = write_apkg(articles, output)
        except OSError as error:
            raise QuestionBankError(f"{output}: cannot write ({error.strerror or error})") from None
    kinds = Counter(q.kind for a in articles for q in a.questions if not q.retired)
    retired = sum(1 for a in articles for q in a.questions if q.retired)
    detail = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    decks = sum(1 for a in articles if a.questions)
    tagged = f"; {retired} retired questions tagged {RETIRED_TAG}" if retired else ""
    _say_written(f"{notes} notes ({detail}) in {decks} decks{tagged}", output)


@export_app.command("quizlet")
def export_quizlet(
    ctx: typer.Context,
    output: OutputOption = None,
    article: ArticleOption = None,
    db: DbOption = None,
) -> None:
    """Quizlet import text: a card a line, term TAB definition (tabs/line breaks escaped)."""
    from quizapp.exports.quizlet import render_quizlet

    _export_text(ctx, render_quizlet, "cards", output, article, db)


@export_app.command("csv")
def export_csv(
    ctx: typer.Context,
    output: OutputOption = None,
    article: ArticleOption = None,
    db: DbOption = None,
) -> None:
    """Every field of every question as CSV with a header row (list fields as JSON arrays)."""
    from quizapp.exports.table import render_csv

    _export_text(ctx, render_csv, "questions", output, article, db)


LimitOption = Annotated[
    int,
    typer.Option("--limit", min=1, help="How many questions (a classroom quiz: 20 by default)."),
]
AllOption = Annotated[
    bool, typer.Option("--all", help="Every question instead of a --limit sample.")
]
SeedOption = Annotated[
    int | None, typer.Option("--seed", help="Same seed, same questions in the same order.")
]


@export_app.command("kahoot")
def export_kahoot(
    ctx: typer.Context,
    output: RequiredOutput,
    time_limit: Annotated[
        int,
        typer.Option(
            "--time-limit", help="Seconds per question: 5, 10, 20, 30, 60, 90, 120 or 240."
        ),
    ] = 20,
    limit: LimitOption = DEFAULT_COUNT,
    every: AllOption = False,
    seed: SeedOption = None,
    article: ArticleOption = None,
    db: DbOption = None,
) -> None:
    """Kahoot's quiz spreadsheet (.xlsx): choice and true/false questions within its limits.

    A classroom-sized quiz by default: --limit questions (20), one per sentence, spread across
    the article, kinds mixed, shuffled with --seed; --all writes every question that fits.
    """
    from quizapp.exports.kahoot import check_time_limit, render_kahoot

    try:
        check_time_limit(time_limit)
    except ValueError as error:
        raise QuestionBankError(str(error)) from None
    articles = load_export(ctx, db, article, output)
    data, plan = render_kahoot(
        articles, time_limit=time_limit, count=None if every else limit, seed=seed
    )
    reasons = []
    if plan.skipped_kind:
        reasons.append(f"{plan.skipped_kind} open/cloze (Kahoot needs answer options)")
    if plan.skipped_too_long:
        reasons.append(
            f"{plan.skipped_too_long} too long (question > 120 or answer > 75 characters)"
        )
    if plan.skipped_no_answer:
        reasons.append(f"{plan.skipped_no_answer} with the answer missing from the options")
    skipped = f"skipped {plan.skipped}: " + "; ".join(reasons) if reasons else ""
    if not plan.rows:
        raise QuestionBankError(f"no question fits Kahoot, nothing written ({skipped})")
    write_output(data, output)
    typer.echo(f"exported {len(plan.rows)} questions to {output}")
    if skipped:
        typer.echo(skipped)


class PrintFormat(StrEnum):
    HTML = "html"
    MARKDOWN = "markdown"


@export_app.command("print")
def export_print(
    ctx: typer.Context,
    output: OutputOption = None,
    format_: Annotated[
        PrintFormat | None,
        typer.Option("--format", help="html or markdown (default: from the file name, else html)."),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Heading (default: the article title).")
    ] = None,
    answer_key: Annotated[
        bool, typer.Option("--answer-key/--no-answer-key", help="Add the answer key page.")
    ] = True,
    kind: Annotated[
        list[QuestionKind] | None,
        typer.Option(
            "--kind", help="Only questions of this kind (open, cloze, choice, truefalse)."
        ),
    ] = None,
    limit: LimitOption = DEFAULT_COUNT,
    every: AllOption = False,
    seed: SeedOption = None,
    article: ArticleOption = None,
    db: DbOption = None,
) -> None:
    """A printable quiz sheet: numbered questions, options, the answer key on its own page.

    A classroom-sized quiz by default: --limit questions (20), one per sentence, spread across
    the article, kinds mixed, shuffled with --seed; --all prints every question in text order.
    """
    from quizapp.exports.printable import (
        items_from_questions,
        render_quiz_html,
        render_quiz_markdown,
    )
    from quizapp.exports.sampler import sample
    from quizapp.exports.source import all_questions

    if format_ is None:
        markdown = output is not None and output.suffix.lower() in {".md", ".markdown"}
        format_ = PrintFormat.MARKDOWN if markdown else PrintFormat.HTML
    articles = load_export(ctx, db, article, output)
    with_questions = [a for a in articles if a.questions]
    heading = title or (with_questions[0].title if len(with_questions) == 1 else "Quiz")
    questions = all_questions(articles)
    if kind:
        wanted = {k.value for k in kind}
        questions = [q for q in questions if q.kind in wanted]
        if not questions:
            raise QuestionBankError(f"no {' or '.join(sorted(wanted))} questions to print")
    items = items_from_questions(questions if every else sample(questions, limit, seed))
    render = render_quiz_markdown if format_ is PrintFormat.MARKDOWN else render_quiz_html
    write_output(render(heading, items, answer_key=answer_key), output)
    _say_written(f"a quiz of {len(items)} questions ({format_.value})", output)


@import_app.command("anki")
def import_anki(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="An Anki package (.apkg) or Anki's Notes in Plain Text (.txt).")
    ],
    db: DbOption = None,
) -> None:
    """Basic and Cloze notes from Anki become questions, an article per deck."""
    from question_bank.store.interchange import import_document
    from quizapp.imports.anki import read_anki_file, to_document
    from quizapp.imports.files import MIB

    settings = settings_for(ctx, db)
    # Everything is read and checked before the bank is opened.
    decks = read_anki_file(file, max_bytes=settings.max_import_mb * MIB)
    document = to_document(decks, file)
    skipped = sum(d.skipped for d in decks)
    retired = sum(d.retired for d in decks)
    with opened_bank(settings) as bank, bank.transaction() as session:
        added, updated = import_document(session, document)
    line = (
        f"imported {len(document.articles)} decks from {safe_for_terminal(file.name)}: "
        f"{added} questions added, {updated} updated"
    )
    if skipped:
        line += f"; skipped {skipped} notes (no front/back or cloze text)"
    if retired:
        line += f"; left out {retired} notes tagged quizapp::retired"
    typer.echo(line)
