"""The host's screen when players answer on their phones, driven with the pilot: the lobby
with the QR code and PIN, "answered N of M" live, the spread and who was right at the reveal,
scoring by hand, standings, the podium; and setup's `?` listing every key.

The phones are the room's own calls here (the web server is tested on its own); the app
brings a fake phones' side, so no socket is opened.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from question_bank.store import Bank
from quizapp.quiznight.engine import Phase
from quizapp.quiznight.plan import NightSetup
from quizapp.settings import load_settings
from quizapp.tui.dialogs.help import HelpScreen
from quizapp.tui.dialogs.quiz_player_pick import QuizPlayerPickScreen
from quizapp.tui.quiznight.screens.players import QuizPlayersHostScreen
from quizapp.tui.quiznight.screens.podium import QuizPodiumScreen, podium_steps
from quizapp.tui.quiznight.widgets.biglabel import QuizBigLabel
from quizapp.tui.quiznight.widgets.join import QuizJoinPanel
from quizapp.tui.quiznight.widgets.spread import QuizSpreadView
from quizapp.tui.quiznight.widgets.standings import StandingRow
from tests.support.quiz import fill_quiz_bank
from tests.support.quiz_host import PhonesApp
from tests.support.tui import FixedClock, settled

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def make_app(bank: Bank, clock: FixedClock, **setup: object) -> PhonesApp:
    fill_quiz_bank(bank)
    night = NightSetup(
        teams=["Red", "Blue"], rounds=1, per_round=2, seed=1, kinds=("choice",), players=True
    )
    for key, value in setup.items():
        setattr(night, key, value)
    return PhonesApp(bank, load_settings(), start="quiz-night", clock=clock, quiz_setup=night)


def text_of(screen: QuizPlayersHostScreen, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def test_a_night_on_phones_from_lobby_to_podium(bank: Bank) -> None:
    app = make_app(bank, FixedClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)  # the setup reads the bank in a worker; start once it is read
        await pilot.press("ctrl+s")
        screen = app.screen
        assert isinstance(screen, QuizPlayersHostScreen)
        players = app.players
        assert players is not None
        room = players.room
        join = screen.query_one(QuizJoinPanel)
        assert join.display and join.pin == "314159"
        assert join.url_with_pin == "http://192.168.1.20:8765/?pin=314159"
        assert "█" in "".join(str(s) for s in join.render_lines(join.region)[:3])  # the QR code

        _ana, ana = room.join("314159", "Ana", "Red")
        _bo, bo = room.join("314159", "Bo [b]", "Blue")  # markup in a nickname stays text
        await pilot.pause(0.3)
        assert join.players == ("Ana", "Bo [b]")

        await pilot.press("space")  # leaves the lobby and starts the timer
        assert not room.in_lobby and not join.display
        question = room.night.question
        right = list(question.options).index(question.answer)
        room.answer(ana, option=right)
        await pilot.pause(0.3)
        assert "answered 1 of 2" in text_of(screen, "#quiz-join-line")
        room.answer(bo, option=(right + 1) % 4)
        await pilot.pause(0.3)
        assert "answered 2 of 2" in text_of(screen, "#quiz-join-line")

        await pilot.press("r")
        spread = screen.query_one(QuizSpreadView)
        assert spread.display and spread.spread is not None
        assert spread.spread.per_option[right] == 1 and spread.spread.right == ("Ana",)
        assert "Right: Ana" in str(spread.render())

        await pilot.press("a")  # the host marks Bo right by hand
        assert isinstance(app.screen, QuizPlayerPickScreen)
        await pilot.press("B", "o", "enter")
        assert room.player_totals() == {1: 1.0, 2: 1.0}
        assert "Bo [b] marked right" in text_of(screen, "#quiz-host-hint")
        await pilot.press("u")
        assert room.player_totals() == {1: 1.0, 2: 0.0}
        await pilot.press("2")  # a team point by hand for Blue
        assert room.team_totals() == [1.0, 1.0]

        await pilot.press("n", "n")
        await pilot.pause()
        assert isinstance(app.screen, QuizPodiumScreen)
        podium = app.screen
        assert room.night.phase is Phase.FINISHED and players.closed
        first = podium.query_one(".quiz-step-1 .quiz-step-names", QuizBigLabel).lines
        assert first == ("Red: 1", "Blue: 1")  # a tie shares the top step
        assert not podium.query(".quiz-step-2")  # two teams tied: no empty steps


async def test_a_solo_night_shows_the_leading_players(bank: Bank) -> None:
    app = make_app(bank, FixedClock(), teams=[])
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+s")
        screen = app.screen
        assert isinstance(screen, QuizPlayersHostScreen)
        room = screen.room
        _a, ana = room.join("314159", "Ana")
        await pilot.press("space")
        room.answer(ana, option=list(room.night.question.options).index(room.night.question.answer))
        await pilot.press("r")
        assert "1. Ana 1" in text_of(screen, "#quiz-leaders")


def test_the_podium_has_only_the_steps_someone_stands_on() -> None:
    rows = [StandingRow(1, "A", None, 3), StandingRow(2, "B", None, 1)]
    assert sorted(podium_steps(rows)) == [1, 2]
    tied = [
        StandingRow(1, "A", None, 2),
        StandingRow(1, "B", None, 2),
        StandingRow(3, "C", None, 0),
    ]
    assert sorted(podium_steps(tied)) == [1, 3]
    assert podium_steps([]) == {}


async def test_setup_help_lists_every_key(bank: Bank) -> None:
    app = make_app(bank, FixedClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = {item.key: item.description for item in app.screen.keys}
        assert keys["^s"] == "Start the night"
        for key in ("tab / shift+tab", "space", "enter", "e or f2", "d or delete"):
            assert key in keys, key


async def test_the_setup_offers_phones_and_solo(bank: Bank) -> None:
    app = make_app(bank, FixedClock(), players=False)
    async with app.run_test(size=(120, 40)) as pilot:
        checkbox = app.screen.query_one("#quiz-players")
        checkbox.focus()
        await pilot.press("space")
        assert app.screen.read_setup().players  # type: ignore[attr-defined]
        app.screen.query_one("#quiz-new-team", Input).focus()
