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
    reset: Annotated[
        bool,
        typer.Option("--reset", help="Schedule the learner with FSRS's default parameters again."),
    ] = False,
    db: DbOption = None,
) -> None:
    """Fit FSRS to the learner's review history; the new parameters schedule them from now on."""
    from quizapp.study.optimise import compute_optimal_retention, optimise, reset_parameters

    settings = settings_for(ctx, db, learner)
    with opened_bank(settings, create=False) as bank:
        if reset:
            was = reset_parameters(bank, settings.learner)
            if was is None:
                typer.echo(f"{settings.learner} is already scheduled with FSRS's defaults")
            else:
                typer.echo(
                    f"{settings.learner} is scheduled with FSRS's defaults again (the fit of "
                    f"{was.fitted_at:%Y-%m-%d} stays in the bank's history)"
                )
            return
        report = optimise(bank, settings, settings.learner)
        for line in report.lines():
            typer.echo(line)
        if optimal_retention:
            choice = compute_optimal_retention(bank, settings, settings.learner)
            for line in choice.lines(settings.desired_retention):
                typer.echo(line)
