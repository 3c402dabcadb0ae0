"""`quizapp` (no subcommand), `quizapp study`, `quizapp stats`, `quizapp browse`: the TUI.

Textual is imported only when a TUI is really opened, so the other commands stay fast.
"""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from question_bank.errors import QuestionBankError
from quizapp.cli.common import (
    DbOption,
    GlobalOptions,
    LearnerOption,
    opened_bank,
    settings_for,
)

if TYPE_CHECKING:
    from question_bank.store import Bank
    from quizapp.settings import Settings
    from quizapp.study.views import StatsView

ArticleOption = Annotated[
    str | None,
    typer.Option(
        "--article", help="Study only this article (id or id prefix).", show_default=False
    ),
]
ModeOption = Annotated[
    str | None,
    typer.Option(
        "--mode", help="flip, type or choice (default: the study_mode setting).", show_default=False
    ),
]


def register(app: typer.Typer) -> None:
    app.callback(invoke_without_command=True)(main_callback)
    app.command("study")(study_command)
    app.command("stats")(stats_command)
    app.command("browse")(browse_command)


def main_callback(ctx: typer.Context, db: DbOption = None, learner: LearnerOption = None) -> None:
    """Learn any article by heart, in the terminal. With no command: open the study app."""
    ctx.obj = GlobalOptions(db=db, learner=learner)  # every command's settings_for(ctx) reads it
    if ctx.invoked_subcommand is None:
        run_tui(settings_for(ctx), start="home")


def study_command(
    ctx: typer.Context,
    article: ArticleOption = None,
    mode: ModeOption = None,
    db: DbOption = None,
    learner: LearnerOption = None,
) -> None:
    """Study the cards due now (all articles, or one) in the TUI."""
    # Checked here rather than by an Enum type: a one-line error like every other bad input.
    from quizapp.settings import STUDY_MODES

    if mode is not None and mode not in STUDY_MODES:
        raise QuestionBankError(f"--mode must be one of {', '.join(STUDY_MODES)} (not {mode!r})")
    run_tui(settings_for(ctx, db, learner), start="study", article=article, mode=mode)


def stats_command(
    ctx: typer.Context,
    db: DbOption = None,
    learner: LearnerOption = None,
    class_view: Annotated[
        bool, typer.Option("--class", help="Every learner's progress, retention and due load.")
    ] = False,
) -> None:
    """Show study statistics (as text when the output is not a terminal)."""
    from question_bank.store.schema import utcnow

    settings = settings_for(ctx, db, learner)
    if class_view:  # the teacher's table (quizapp.study.class_stats), always plain text
        from quizapp.cli.admin_commands import class_stats_text

        typer.echo(class_stats_text(settings))
        return
    if sys.stdout.isatty():
        run_tui(settings, start="stats")
        return
    from quizapp.study.stats import stats

    with opened_bank(settings) as bank:
        view = stats(
            bank, settings.learner, utcnow(), day_starts_at_hour=settings.day_starts_at_hour
        )
    typer.echo(format_stats(view))


def browse_command(ctx: typer.Context, db: DbOption = None, learner: LearnerOption = None) -> None:
    """Browse, search and edit every question in the TUI."""
    run_tui(settings_for(ctx, db, learner), start="browse")


def run_tui(
    settings: Settings, *, start: str, article: str | None = None, mode: str | None = None
) -> None:
    """Open the bank and run the TUI on it until the user quits."""
    # No cyclic garbage collection until the first frame is drawn (QuizApp.on_ready enables it
    # again, with what start-up built frozen): start-up only builds objects that live as long
    # as the process (modules, classes, the engine, the widgets), so every collection of it is
    # wasted work, about a tenth of the start's CPU (SQLAlchemy's and Textual's imports).
    gc.disable()
    try:
        with opened_bank(settings) as bank:
            article_id = _resolve_article(bank, article) if article else None
            from quizapp.tui.app import QuizApp

            app = QuizApp(bank, settings, start=start, article_id=article_id, mode=mode)
            app.run()
    finally:
        gc.enable()
    if app.startup_error:
        raise QuestionBankError(app.startup_error)
    if app.return_code:  # a crash inside the TUI (Textual printed it): never exit 0
        sys.exit(app.return_code)


def _resolve_article(bank: Bank, given: str) -> str:
    from quizapp.content.articles import resolve_article_ids

    with bank.transaction() as session:
        return resolve_article_ids(session, [given])[0]


def format_stats(view: StatsView) -> str:
    """The stats screen as plain text, for pipes and scripts."""
    states = view.states
    retention = (
        f"{view.retention * 100:.1f}% of {view.retention_reviews} reviews"
        if view.retention is not None
        else "no reviews yet"
    )
    forecast = " ".join(str(day.count) for day in view.forecast[:7])
    reviews = " ".join(str(day.count) for day in view.reviews_per_day[-7:])
    return "\n".join(
        [
            f"learner: {view.learner}   study day: {view.today.isoformat()}",
            f"cards: {states.total} (new {states.new}, learning {states.learning}, "
            f"review {states.review}, relearning {states.relearning}, "
            f"suspended {states.suspended})",
            f"reviews: {view.total_reviews} in all, {view.studied_today} today",
            f"last 7 days: {reviews}",
            f"true retention (30 days): {retention}",
            f"due next 7 days: {forecast}",
        ]
    )
