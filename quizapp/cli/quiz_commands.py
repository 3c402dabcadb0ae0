"""`quizapp quiz-night`: host a quiz night in the TUI, list past nights, print a night's sheet.

Textual is imported only when the TUI really opens (`--results` and `--print` stay headless).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from question_bank.errors import QuestionBankError
from quizapp.cli.common import DbOption, opened_bank, settings_for
from quizapp.quiznight.plan import ANY_INTERFACE, DEFAULT_PORT, NightSetup, QuizNightError

if TYPE_CHECKING:
    from question_bank.store import Bank
    from quizapp.quiznight.store import NightResult, PlayerResult
    from quizapp.settings import Settings


# The command's options, one alias each, so that its signature reads as a list.
ArticleOption = Annotated[
    list[str] | None,
    typer.Option("--article", help="Ask from this article (id or prefix); repeatable."),
]
TeamsOption = Annotated[
    str | None,
    typer.Option("--teams", help='Team names, comma-separated: "Red,Blue,Green".'),
]
RoundsOption = Annotated[int, typer.Option("--rounds", help="Rounds in the night.")]
PerRoundOption = Annotated[int, typer.Option("--per-round", help="Questions per round.")]
TimerOption = Annotated[
    int | None,
    typer.Option(
        "--timer",
        help="Seconds per question (default: the quiz_timer_seconds setting).",
        show_default=False,
    ),
]
SeedOption = Annotated[
    int | None,
    typer.Option("--seed", help="Same seed, same questions in the same order."),
]
SpeedBonusOption = Annotated[
    bool | None,
    typer.Option(
        "--speed-bonus/--no-speed-bonus",
        help="Half a point more for answers in the first third of the timer.",
        show_default=False,
    ),
]
DoubleFinalOption = Annotated[
    bool | None,
    typer.Option(
        "--double-final/--no-double-final",
        help="The last round is double or nothing.",
        show_default=False,
    ),
]
PlayersOption = Annotated[
    bool,
    typer.Option(
        "--players",
        help="Players answer on their phones: join by QR code and PIN, live scores.",
    ),
]
SoloOption = Annotated[
    bool, typer.Option("--solo", help="With --players: no teams, everyone plays alone.")
]
HostOption = Annotated[
    str,
    typer.Option(
        "--host",
        help="With --players: the interface to listen on (default: every one, so phones "
        "on this network can reach it; 127.0.0.1 keeps it to this computer).",
    ),
]
PortOption = Annotated[int, typer.Option("--port", help="With --players: the port to listen on.")]
ResultsOption = Annotated[
    bool, typer.Option("--results", help="List past nights (date, teams, scores, winner).")
]
PrintNightOption = Annotated[
    int | None,
    typer.Option(
        "--print",
        metavar="NIGHT_ID",
        help="Print a night's questions as an answer sheet and answer key.",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--output",
        help="With --print: the file (.html, else Markdown); default standard output.",
    ),
]


def register(app: typer.Typer) -> None:
    app.command("quiz-night")(quiz_night_command)


def quiz_night_command(
    ctx: typer.Context,
    article: ArticleOption = None,
    teams: TeamsOption = None,
    rounds: RoundsOption = 3,
    per_round: PerRoundOption = 8,
    timer: TimerOption = None,
    seed: SeedOption = None,
    speed_bonus: SpeedBonusOption = None,
    double_final: DoubleFinalOption = None,
    players: PlayersOption = False,
    solo: SoloOption = False,
    host: HostOption = ANY_INTERFACE,
    port: PortOption = DEFAULT_PORT,
    results: ResultsOption = False,
    print_night: PrintNightOption = None,
    output: OutputOption = None,
    db: DbOption = None,
) -> None:
    """Host a quiz night for teams in the room: set up, play, scoreboard, podium."""
    from quizapp.content.articles import resolve_article_ids
    from quizapp.quiznight.store import list_results, player_results

    settings = settings_for(ctx, db)
    if results and print_night is not None:
        raise QuestionBankError("give either --results or --print, not both")
    if output is not None and print_night is None:
        raise QuestionBankError("-o/--output goes with --print NIGHT_ID")
    setup = night_setup(
        settings,
        teams=teams,
        rounds=rounds,
        per_round=per_round,
        timer=timer,
        seed=seed,
        speed_bonus=speed_bonus,
        double_final=double_final,
    )
    if (solo or host != ANY_INTERFACE or port != DEFAULT_PORT) and not players:
        raise QuestionBankError("--solo, --host and --port go with --players")
    if not 1 <= port <= 65535:
        raise QuestionBankError("--port: give a port between 1 and 65535")
    setup.players, setup.players_host, setup.players_port = players, host, port
    if solo:
        setup.teams = []
    with opened_bank(settings, create=not (results or print_night is not None)) as bank:
        if results:
            nights = list_results(bank)
            typer.echo(format_results(nights, {n.id: player_results(bank, n.id) for n in nights}))
            return
        if print_night is not None:
            print_sheet(bank, print_night, output)
            return
        if article:
            with bank.transaction() as session:
                setup.article_ids = resolve_article_ids(session, article)
        run_quiz_night(bank, settings, setup)


def night_setup(
    settings: Settings,
    *,
    teams: str | None,
    rounds: int,
    per_round: int,
    timer: int | None,
    seed: int | None,
    speed_bonus: bool | None,
    double_final: bool | None,
) -> NightSetup:
    """The night the flags describe, checked before anything opens."""
    setup = NightSetup(
        rounds=rounds,
        per_round=per_round,
        timer_seconds=timer if timer is not None else settings.quiz_timer_seconds,
        seed=seed,
        speed_bonus=settings.quiz_speed_bonus if speed_bonus is None else speed_bonus,
        double_final=settings.quiz_double_final if double_final is None else double_final,
    )
    if teams is not None:
        setup.teams = []
        for name in teams.split(","):
            if name.strip():
                setup.add_team(name)
        if not setup.teams:
            raise QuizNightError('--teams: give team names, like --teams "Red,Blue,Green"')
    setup.validate()
    return setup


def run_quiz_night(bank: Bank, settings: Settings, setup: NightSetup) -> None:
    """Open the TUI on the quiz night setup screen."""
    from quizapp.tui.app import QuizApp

    QuizApp(bank, settings, start="quiz-night", quiz_setup=setup).run()


def format_results(
    nights: list[NightResult], players: dict[int, list[PlayerResult]] | None = None
) -> str:
    """Past nights as text: one line each, newest first, then each night's players if any."""
    if not nights:
        return "No quiz nights yet: start one with `quizapp quiz-night`."
    lines = [f"{'night':>5}  {'date':<16}  {'asked':>5}  {'winner':<20}  scores"]
    for night in nights:
        date = night.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        winner = " & ".join(night.winners) or "-"
        if night.finished_at is None:
            winner += " (unfinished)"
        scores = ", ".join(f"{t.name} {t.points:g}" for t in night.teams)
        lines.append(f"{night.id:>5}  {date:<16}  {night.asked:>5}  {winner:<20}  {scores}")
        place, previous = 0, None
        for position, player in enumerate((players or {}).get(night.id, []), start=1):
            if player.points != previous:  # equal points share a place
                place, previous = position, player.points
            team = f" ({player.team})" if player.team else ""
            lines.append(
                f"{'':>5}  {place:>3}. {player.nickname}{team} {player.points:g}"
                f"  ({player.right} right of {player.answered} answered)"
            )
    return "\n".join(lines)


def print_sheet(bank: Bank, night_id: int, output: Path | None) -> None:
    """A night's questions as an answer sheet with its key, by the shared print export."""
    from quizapp.quiznight.printing import render_answer_sheet, write_answer_sheet

    if output is None:
        text, _count = render_answer_sheet(bank, night_id, html=False)
        sys.stdout.write(text)
        return
    count = write_answer_sheet(bank, night_id, output)
    typer.echo(f"printed quiz night {night_id} ({count} questions) to {output}", err=True)
