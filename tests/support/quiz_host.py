"""The app with a fake phones' side: what the host-screen tests and the README's screenshots
drive (the room is real, the web server is not: no socket is opened)."""

from __future__ import annotations

from pathlib import Path

import quizapp.tui.app
from quizapp.quiznight.engine import QuizNight
from quizapp.quiznight.records import MemoryPlayerRecorder
from quizapp.quiznight.room import Room
from quizapp.tui.app import QuizApp


class FakePlayers:
    """The phones' side without a server: the room, a join address, and whether it closed."""

    join_url = "http://192.168.1.20:8765/"

    def __init__(self, night: QuizNight) -> None:
        self.room = Room(night, recorder=MemoryPlayerRecorder(), pin="314159")
        self.closed = False

    def describe(self) -> str:
        return f"listening on every interface, port 8765: phones join at {self.join_url}"

    def close(self) -> None:
        self.closed = True

    def close_soon(self, seconds: float = 3.0) -> None:
        self.closed = True


class PhonesApp(QuizApp):
    """The app with a fake phones' side (the setup screen asks the app for one first)."""

    CSS_PATH = str(Path(quizapp.tui.app.__file__).parent / "styles" / "quizapp.tcss")
    players: FakePlayers | None = None

    def open_players_night(self, night: QuizNight) -> FakePlayers:
        self.players = FakePlayers(night)
        return self.players
