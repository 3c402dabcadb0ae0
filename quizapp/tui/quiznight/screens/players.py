"""The host screen when players answer on their phones: lobby, question, reveal, standings.

The screen shows a `Room` (the rules are in `quizapp.quiznight.room`; the phones reach it
through the web server) and turns keys into the room's actions. In the lobby the join panel
fills the screen: the QR code of the address, the address, the PIN and who has joined. During
a question the big question stays on screen with "answered 12 of 20" and a join line below;
at the reveal the spread shows each option's count and who was right. The host keeps every
power of a night without phones: pause, skip, undo, and scoring by hand (a player right or
wrong, or points to a whole team with 1-9).
"""

from __future__ import annotations

from typing import Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Static

from question_bank.errors import QuestionBankError
from question_bank.store import Bank
from quizapp.quiznight.engine import Phase
from quizapp.quiznight.plan import QuizNightError
from quizapp.quiznight.room import Room
from quizapp.quiznight.timer import Seconds
from quizapp.tui.dialogs.quiz_player_pick import QuizPlayerPickScreen
from quizapp.tui.quiznight.screens.hosting import TICK_SECONDS, QuizHostingScreen
from quizapp.tui.quiznight.widgets.join import QuizJoinPanel, join_line
from quizapp.tui.quiznight.widgets.question import QuizQuestionView
from quizapp.tui.quiznight.widgets.scoreline import (
    QuizTeamBar,
    TeamScore,
    format_points,
)
from quizapp.tui.quiznight.widgets.spread import QuizSpreadView
from quizapp.tui.quiznight.widgets.standings import StandingRow

LEADERS = 5  # players shown under the question in a night without teams


class PlayersSide(Protocol):
    """The phones' side of the night as the screen needs it (`PlayersNight` in the app)."""

    room: Room

    @property
    def join_url(self) -> str: ...

    def describe(self) -> str: ...

    def close(self) -> None: ...

    def close_soon(self, seconds: float = 3.0) -> None: ...


def room_rows(room: Room, limit: int | None = None) -> tuple[StandingRow, ...]:
    """Standings for the scoreboard and podium: teams when the night has them, else players."""
    ranked = room.team_standings() if room.night.teams else room.player_standings()
    rows = tuple(StandingRow(r.place, r.name, None, r.points) for r in ranked)
    return rows[:limit] if limit is not None else rows


class QuizPlayersHostScreen(QuizHostingScreen):
    """Runs a night whose players answer on their phones."""

    HELP_TITLE = "Quiz night host (players on their phones)"
    BINDINGS = [
        Binding("space", "toggle_timer", "Timer", key_display="space"),
        Binding("r", "reveal", "Reveal"),
        Binding("a", "player_right", "Right"),
        Binding("x", "player_wrong", "Wrong"),
        Binding("1", "award_team(0)", "Team +", key_display="1-9"),
        *[Binding(str(n), f"award_team({n - 1})", "Team +", show=False) for n in range(2, 10)],
        Binding("u", "undo", "Undo"),
        Binding("s", "skip", "Skip"),
        Binding("n", "next", "Next"),
        Binding("j", "toggle_join", "Join code"),
        Binding("escape", "end_night", "End"),
    ]

    END_BODY = "The scores so far stand, the podium is shown and the phones' server stops."
    HINTS = {
        "revealed": "a right / x wrong by hand · 1-9 team points · u undo · n next",
        "expired": "Time is up! {answered} of {of} answered · r reveal",
        "running": "Answer on your phones! {answered} of {of} · space pause · r reveal",
        "paused": "Paused · space resume · r reveal",
        "idle": "space start the timer · r reveal · s skip · j join code · ? help",
    }

    def __init__(self, players: PlayersSide, *, clock: Seconds, bank: Bank | None = None) -> None:
        super().__init__(players.room.night, players.room, clock=clock, bank=bank)
        self.players = players
        self.room = players.room
        self.join_shown = True  # the lobby shows the join panel

    def compose(self) -> ComposeResult:
        with Vertical(id="quiz-host"):
            yield from self.compose_top()
            yield QuizJoinPanel(id="quiz-join")
            yield QuizQuestionView(id="quiz-question")
            yield QuizSpreadView(id="quiz-spread")
            yield Static(id="quiz-join-line")
            if self.night.teams:
                yield QuizTeamBar(self.team_scores(), id="quiz-teams")
            else:
                yield Static(id="quiz-leaders")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        join = self.query_one(QuizJoinPanel)
        join.url = self.players.join_url
        join.pin = self.room.pin
        join.where = self.players.describe()
        self.show_night()
        self.set_interval(TICK_SECONDS, self.tick)

    def on_unmount(self) -> None:
        if self.night.phase is not Phase.FINISHED:
            self.players.close()  # the app is quitting mid-night: stop serving now

    # --- showing the night

    def team_scores(self) -> list[TeamScore]:
        totals = self.room.team_totals()
        return [
            TeamScore(team.index + 1, team.name, totals[team.index]) for team in self.night.teams
        ]

    def show_night(self) -> None:
        night, room = self.night, self.room
        lobby = room.in_lobby
        self.query_one(QuizJoinPanel).display = lobby or (self.join_shown and not night.revealed)
        view = self.query_one(QuizQuestionView)
        view.display = not lobby
        # The lobby's panel says all the line would: the code keeps the rows (80x24 needs them).
        self.query_one("#quiz-join-line").display = not lobby
        view.question = night.question
        view.revealed = night.revealed
        view.options_shown = not night.revealed  # the spread names each option with its bar
        self.show_status(f"{night.setup.name}: players are joining" if lobby else None)
        spread = self.query_one(QuizSpreadView)
        spread.display = night.revealed
        spread.options = night.question.options
        spread.answer = (
            night.question.answer
            if night.question.kind != "truefalse"
            else ("True" if night.question.answer.strip().casefold() == "true" else "False")
        )
        spread.revealed = night.revealed
        spread.spread = room.spread()
        if night.teams:
            self.query_one(QuizTeamBar).show_teams(self.team_scores())
        else:
            leaders = room_rows(room, LEADERS)
            line = Text()
            for row in leaders:
                line.append(f" {row.place}. ", "dim")
                line.append(row.name, "bold")  # a nickname: plain text, never markup
                line.append(f" {format_points(row.total)} ")
            self.query_one("#quiz-leaders", Static).update(line)
        self.tick()

    def tick(self) -> None:
        """Read the clock and the room: countdown, hint, answered count, who has joined."""
        room = self.room
        state = self.show_countdown()
        answered, of = room.answered_count()
        if room.in_lobby:
            self.query_one(QuizJoinPanel).players = tuple(p.nickname for p in room.players)
        self.query_one("#quiz-join-line", Static).update(
            join_line(self.players.join_url, room.pin, answered, of)
        )
        if room.in_lobby:
            hint = f"{of} joined · space start the first question · ? help"
        else:
            hint = self.timer_hint(state, answered=answered, of=of)
        self.show_hint(hint)

    # --- keys

    def action_toggle_timer(self) -> None:
        if self.room.in_lobby:
            self.join_shown = False  # the first question takes the screen; j brings the code back
        if self.attempt("toggle_timer"):
            self.show_night()

    def action_reveal(self) -> None:
        if self.attempt("reveal"):
            self.said = ""
            self.show_night()

    def _pick_player(self, title: str, then: str) -> None:
        if self.night.phase not in (Phase.QUESTION, Phase.REVEALED) or self.room.in_lobby:
            return
        if not self.room.players:
            self.notify("No player has joined yet.", severity="warning")
            return
        choices = []
        for player in self.room.players:
            answer = self.room.answer_of(player.id)
            choices.append((player.id, player.nickname, answer.text if answer else ""))

        def picked(player_id: int | None) -> None:
            if player_id is not None and self.attempt(then, player_id):
                name = next(p.nickname for p in self.room.players if p.id == player_id)
                verdict = "right" if then == "award" else "wrong"
                self.said = f"{name} marked {verdict}"
                self.show_night()

        self.app.push_screen(QuizPlayerPickScreen(title, choices), picked)

    def action_player_right(self) -> None:
        self._pick_player("Mark which player right?", "award")

    def action_player_wrong(self) -> None:
        self._pick_player("Mark which player wrong?", "mark_wrong")

    def action_award_team(self, team_index: int) -> None:
        if team_index >= len(self.night.teams):
            self.notify(f"There is no team {team_index + 1}.", severity="warning")
            return
        if self.attempt("award_team", team_index):
            event = self.night.history[-1]
            self.said = f"{self.night.teams[team_index].name} +{format_points(event.points)}"
            self.show_night()

    def action_undo(self) -> None:
        try:
            undone = self.room.undo()
        except QuizNightError as error:
            self.notify(str(error), severity="warning")
            return
        except QuestionBankError as error:
            self.notify(f"Not saved: {error}", severity="error", timeout=8)
            return
        self.said = f"Undone for {undone}"
        self.show_night()

    def action_next(self) -> None:
        if self.room.in_lobby:
            self.action_toggle_timer()
            return
        super().action_next()

    def action_toggle_join(self) -> None:
        self.join_shown = not self.join_shown
        self.show_night()

    # --- what differs from a night without phones

    def standings(self) -> tuple[StandingRow, ...]:
        return room_rows(self.room, 10)

    def moved(self) -> None:
        self.join_shown = False  # once the night is going, the question has the screen

    def closing(self) -> None:
        self.players.close_soon()  # the phones get the final standings, then the server stops

    def end_now(self) -> None:
        self.room.finish()
