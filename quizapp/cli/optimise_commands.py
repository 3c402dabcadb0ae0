"""`quizapp optimize`: fit FSRS parameters to a learner's own review history.

fsrs_rs_python is imported by the command alone (through quizapp.study.optimise), so other commands
never load it.
"""

from __future__ import annotations

from typing import Annotated

import typer

from quizapp.cli.common import DbOption, LearnerOption, opened_bank, settings_for


def register(app: typer.Typer) -> None:
    app.command("optimize")(optimize_command)


def optimize_command(
    ctx: typer.Context,
    learner: LearnerOption = None,
    optimal_retention: Annotated[
        bool,
        typer.Option(
            "--optimal-retention",
            help="Also simulate a year at several desired retentions (workload vs retention) "
            "and print the optimal one.",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Fit FSRS to the learner's review history; the new parameters schedule them from now on."""
    from quizapp.study.optimise import compute_optimal_retention, optimise

    settings = settings_for(ctx, db, learner)
    with opened_bank(settings, create=False) as bank:
        report = optimise(bank, settings, settings.learner)
        for line in report.lines():
            typer.echo(line)
        if optimal_retention:
            choice = compute_optimal_retention(bank, settings, settings.learner)
            typer.echo(
                "desired retention  retention  reviews/day  minutes/day  remembered  "
                "minutes/remembered"
            )
            for row in choice.rows:
                typer.echo(
                    f"{row.desired_retention:>17.2f}  {row.retention:>9.1%}  "
                    f"{row.reviews_per_day:>11.0f}  {row.minutes_per_day:>11.0f}  "
                    f"{row.memorised:>10.0f}  {row.minutes_per_card:>18.1f}"
                )
            typer.echo(
                f"optimal retention (fsrs-rs, your limits and habits): {choice.optimal:.2f} "
                f"(desired retention is {settings.desired_retention:.2f}; set it in settings)"
            )
