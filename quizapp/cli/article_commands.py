"""`quizapp articles rename|delete|merge`: manage the bank's articles (ids or id prefixes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from quizapp.cli.common import DbOption, fail, opened_bank, settings_for

if TYPE_CHECKING:
    from quizapp.settings import Settings

articles_app = typer.Typer(help="Rename, delete and merge articles.", no_args_is_help=True)
IdArgument = Annotated[str, typer.Argument(help="The article's id or an id prefix (quizapp list).")]


def register(app: typer.Typer) -> None:
    app.add_typer(articles_app, name="articles")


def _settings(ctx: typer.Context, db: str | None) -> Settings:
    return settings_for(ctx, db)


@articles_app.command("rename")
def articles_rename(
    ctx: typer.Context,
    article: IdArgument,
    title: Annotated[str, typer.Argument(help="The new title.")],
    db: DbOption = None,
) -> None:
    """Give an article a new title."""
    from quizapp.content.articles import rename_article

    with opened_bank(_settings(ctx, db)) as bank:
        old = rename_article(bank, article, title)
    typer.echo(f"renamed {old!r} to {' '.join(title.split())!r}")


@articles_app.command("delete")
def articles_delete(
    ctx: typer.Context,
    article: IdArgument,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    db: DbOption = None,
) -> None:
    """Delete an article with its questions and every learner's history of them (asks first)."""
    from quizapp.content.articles import article_footprint, delete_article

    with opened_bank(_settings(ctx, db)) as bank:
        if not yes:
            found = article_footprint(bank, article)
            question = (
                f"delete {found.title!r} with {found.questions} questions and {found.reviews} "
                "reviews? This cannot be undone"
            )
            if not typer.confirm(question, default=False):
                fail("nothing deleted")
        deleted = delete_article(bank, article)
    typer.echo(
        f"deleted {deleted.title!r}: {deleted.questions} questions, {deleted.reviews} reviews"
    )


@articles_app.command("merge")
def articles_merge(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="The article to merge (it disappears).")],
    into: Annotated[str, typer.Argument(help="The article that receives its questions.")],
    db: DbOption = None,
) -> None:
    """Move every question of SOURCE, with its history, into INTO; SOURCE is deleted."""
    from quizapp.content.articles import merge_articles

    with opened_bank(_settings(ctx, db)) as bank:
        merged = merge_articles(bank, source, into)
    typer.echo(
        f"merged {merged.source_title!r} into {merged.target_title!r}: "
        f"{merged.moved} questions moved with their history"
    )
