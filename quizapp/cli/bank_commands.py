"""`quizapp generate` and `quizapp list`: fill the bank from articles and show what it holds."""

from __future__ import annotations

import sys
from collections.abc import Generator
from contextlib import closing
from typing import TYPE_CHECKING, Annotated

import typer

from question_bank.models import Article, QuestionKind
from question_bank.sanitize import safe_for_terminal
from quizapp.cli.common import DbOption, opened_bank, settings_for

if TYPE_CHECKING:
    from rich.console import Console

    from question_bank.generator import ArticleBatch
    from question_bank.store import Bank
    from question_bank.store.content import GenerationSummary

KIND_ORDER = [kind.value for kind in QuestionKind]


def register(app: typer.Typer) -> None:
    app.command("generate")(generate_command)
    app.command("list")(list_command)


def generate_command(
    ctx: typer.Context,
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Articles: files (.txt .md .html .pdf .epub .docx), directories of them, "
            "http(s) URLs, or - for standard input.",
            metavar="SOURCE",
        ),
    ],
    db: DbOption = None,
) -> None:
    """Generate question cards from articles into the bank."""
    from question_bank.readers import STDIN, read
    from quizapp.content.generation import reading_options, start_generation

    settings = settings_for(ctx, db)
    if STDIN in sources and sys.stdin.isatty():
        sys.stderr.write("Reading the article from standard input; end it with Ctrl-D.\n")
    # Every source is read and checked before the bank is touched.
    articles = read(sources, reading_options(settings))
    # Generation starts now, in worker processes that load the pipeline on the other core while
    # this one imports the store and opens the bank (start-up time of a fresh process; speed).
    started = start_generation(articles, spacy_model=settings.spacy_model)
    with closing(started):  # the bank refused, or any failure: the workers stop
        from rich.console import Console

        from quizapp.content.articles import duplicate_warnings
        from quizapp.content.generation import generate_articles

        console = Console(soft_wrap=True)  # a summary is one line, even in a narrow pipe
        with opened_bank(settings) as bank:
            for warning in duplicate_warnings(bank, articles):
                typer.echo(f"quizapp: warning: {warning}", err=True)
            words = sum(article.word_count for article in articles)
            if len(articles) > 1 or words >= PROGRESS_WORDS:
                _generate_with_progress(bank, articles, started, console, words)
            else:
                summaries = generate_articles(bank, articles, started=started)
                for article, summary in zip(articles, summaries, strict=True):
                    console.print(format_summary(article, summary), highlight=False, markup=False)


# From this many words a single article gets a progress bar (it takes more than a few seconds).
PROGRESS_WORDS = 20_000


def _generate_with_progress(
    bank: Bank,
    articles: list[Article],
    started: Generator[ArticleBatch, None, None],
    console: Console,
    words: int,
) -> None:
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from quizapp.content.generation import generate_articles

    progress = Progress(
        TextColumn("[bold]generating"),
        BarColumn(),
        TextColumn("{task.fields[articles]}"),
        TextColumn("{task.completed:,.0f}/{task.total:,.0f} words"),
        TimeElapsedColumn(),
        TextColumn("{task.description}", markup=False),
        console=console,
        transient=False,
    )
    with progress:
        finished = 0
        task = progress.add_task("", total=max(words, 1), articles=f"0/{len(articles)}")

        def parsed(article: Article, count: int) -> None:
            title = safe_for_terminal(article.title)[:40]
            progress.update(task, advance=count, description=title)

        def done(article: Article, summary: GenerationSummary) -> None:
            nonlocal finished
            finished += 1
            progress.console.print(format_summary(article, summary), highlight=False, markup=False)
            progress.update(task, articles=f"{finished}/{len(articles)}")

        generate_articles(bank, articles, on_article=done, on_words=parsed, started=started)


def format_summary(article: Article, summary: GenerationSummary) -> str:
    """One line per article: title, cards by kind, and what changed in the bank."""
    kinds = ", ".join(f"{summary.by_kind[k]} {k}" for k in KIND_ORDER if summary.by_kind[k])
    changes = [f"{summary.added} new"]
    if summary.updated:
        changes.append(f"{summary.updated} updated")
    if summary.unchanged:
        changes.append(f"{summary.unchanged} unchanged")
    if summary.retired:
        changes.append(f"{summary.retired} retired")
    return (
        f"{safe_for_terminal(article.title)} [{summary.article_id[:8]}]: {summary.total} cards "
        f"({kinds or 'none'}); {', '.join(changes)}"
    )


def list_command(ctx: typer.Context, db: DbOption = None) -> None:
    """List the bank's articles with their card counts."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from question_bank.store.content import list_articles

    settings = settings_for(ctx, db)
    with opened_bank(settings) as bank:
        articles = list_articles(bank)
    if not articles:
        typer.echo("The bank is empty: add articles with `quizapp generate PATH`.")
        return
    table = Table("id", "title", *KIND_ORDER, "total", box=None, header_style="bold")
    for article in articles:
        table.add_row(
            article.id[:8],
            Text(safe_for_terminal(article.title)),
            *(str(article.by_kind.get(kind, 0)) for kind in KIND_ORDER),
            str(article.total),
        )
    Console().print(table)
