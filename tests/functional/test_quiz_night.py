"""A quiz night driven from the keyboard with the pilot: setup, host, scoreboard, podium.

The app gets the fixture bank and a fake clock; the tests assert what the host and the room
see and what the bank holds afterwards.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region
from textual.widgets import Input, SelectionList

from question_bank.store import Bank
from quizapp.quiznight.engine import Phase
from quizapp.quiznight.plan import NightSetup
from quizapp.quiznight.store import list_results, load_pool
from quizapp.settings import load_settings
from quizapp.tui.app import QuizApp
from quizapp.tui.quiznight.screens.host import QuizHostScreen
from quizapp.tui.quiznight.screens.podium import QuizPodiumScreen
from quizapp.tui.quiznight.screens.scoreboard import QuizScoreboardScreen
from quizapp.tui.quiznight.screens.setup import QuizSetupScreen
from quizapp.tui.quiznight.widgets.biglabel import QuizBigLabel
from quizapp.tui.quiznight.widgets.question import QuizQuestionView
from quizapp.tui.quiznight.widgets.scoreline import QuizCountdown, QuizTeamCard
from quizapp.tui.quiznight.widgets.teams import QuizTeamList
from tests.support.quiz import fill_quiz_bank
from tests.support.tui import FixedClock, settled

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def make_app(bank: Bank, clock: FixedClock, **setup: object) -> QuizApp:
    """The app as `quizapp quiz-night --teams Red,Blue,Green --rounds 2 --per-round 3` opens."""
    fill_quiz_bank(bank)
    night = NightSetup(teams=["Red", "Blue", "Green"], rounds=2, per_round=3, seed=1)
    for key, value in setup.items():
        setattr(night, key, value)
    return QuizApp(bank, load_settings(), start="quiz-night", clock=clock, quiz_setup=night)


def record_notices(app: QuizApp) -> list[str]:
    """Every notice the app shows from now on (what the host reads in the toast)."""
    notices: list[str] = []
    show = app.notify

    def notify(message: str, **options: Any) -> None:
        notices.append(message)
        show(message, **options)

    app.notify = notify  # type: ignore[method-assign]
    return notices


def team_texts(app: QuizApp) -> list[str]:
    return [str(card.render()) for card in app.screen.query(QuizTeamCard)]


def host(app: QuizApp) -> QuizHostScreen:
    assert isinstance(app.screen, QuizHostScreen)
    return app.screen


async def test_a_whole_night_from_setup_to_podium(bank: Bank) -> None:
    clock = FixedClock()
    app = make_app(bank, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        setup = app.screen
        assert isinstance(setup, QuizSetupScreen)
        teams = setup.query_one(QuizTeamList)
        assert [str(teams.get_option_at_index(i).prompt) for i in range(3)] == [
            "1  Red",
            "2  Blue",
            "3  Green",
        ]
        await pilot.press("ctrl+s")
        screen = host(app)
        night = screen.night
        assert "Round 1 of 2" in str(screen.query_one("#quiz-host-round").render())
        view = screen.query_one(QuizQuestionView)
        assert view.question == night.question

        await pilot.press("space")
        clock.advance(seconds=4)
        await pilot.press("1")  # Red answers right, fast
        await pilot.press("2")
        await pilot.press("u")  # Blue was a mistake
        await pilot.press("x", "3")  # Green answered wrong
        await pilot.press("r")
        await pilot.pause()
        assert view.revealed
        assert night.scores() == [1, 0, 0]
        texts = team_texts(app)
        assert "Red   1   +1" in texts[0] and "Blue   0 " in texts[1] and texts[2].endswith("✗")
        assert "Green wrong (0)" in str(screen.query_one("#quiz-host-hint").render())

        await pilot.press("n", "n", "n")
        assert isinstance(app.screen, QuizScoreboardScreen)
        assert "after round 1 of 2" in str(app.screen.query_one("#quiz-scoreboard-title").render())
        await pilot.press("n")
        screen = host(app)
        assert night.round_number == 2 and night.question_number == 1
        await pilot.press("2", "n", "2", "n", "3", "n")
        await pilot.pause()
        assert isinstance(app.screen, QuizPodiumScreen)
        podium = app.screen
        first = podium.query_one(".quiz-step-1 .quiz-step-names", QuizBigLabel).lines
        second = podium.query_one(".quiz-step-2 .quiz-step-names", QuizBigLabel).lines
        assert first == ("Blue: 2",)
        assert second == ("Red: 1", "Green: 1")  # a tie shares the step
        assert night.phase is Phase.FINISHED

    [result] = list_results(bank)
    assert result.winners == ["Blue"] and result.finished_at is not None
    assert [(t.name, t.points) for t in result.teams] == [("Blue", 2), ("Red", 1), ("Green", 1)]


async def test_setup_edits_teams_from_the_keyboard(bank: Bank) -> None:
    app = make_app(bank, FixedClock())
    async with app.run_test(size=(100, 32)) as pilot:
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, QuizSetupScreen)
        screen.query_one("#quiz-new-team", Input).focus()
        await pilot.press(*"Yellow", "enter")
        assert screen.setup.teams == ["Red", "Blue", "Green", "Yellow"]
        screen.query_one(QuizTeamList).focus()
        await pilot.press("down", "e")  # rename team 2
        await pilot.press(*"Navy", "enter")  # the old name is selected: typing replaces it
        await pilot.pause()
        assert screen.setup.teams == ["Red", "Navy", "Green", "Yellow"]
        await pilot.press("d")  # remove Navy
        await pilot.pause()
        assert screen.setup.teams == ["Red", "Green", "Yellow"]
        await pilot.press("ctrl+s")
        assert [t.name for t in host(app).night.teams] == ["Red", "Green", "Yellow"]


async def test_setup_refuses_a_night_the_bank_cannot_fill(bank: Bank) -> None:
    app = make_app(bank, FixedClock())
    async with app.run_test(size=(100, 32)) as pilot:
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, QuizSetupScreen)
        rounds = screen.query_one("#quiz-per-round", Input)
        rounds.value = "20"
        # The status follows the Input.Changed message: on a loaded machine one pause may
        # come before it is handled, so wait for it (a bounded number of frames).
        for _ in range(40):
            await pilot.pause(0.05)
            status = str(screen.query_one("#quiz-setup-status").render())
            if "40 questions" in status:
                break
        assert "40 questions needed, 22 match" in status
        notices = record_notices(app)
        await pilot.press("ctrl+s")
        assert app.screen is screen  # still on setup; the notice says why
        assert any("only 22 questions match" in notice for notice in notices)


async def test_setup_kinds_and_articles_narrow_the_night(bank: Bank) -> None:
    app = make_app(bank, FixedClock())
    async with app.run_test(size=(100, 32)) as pilot:
        await settled(pilot)
        screen = app.screen
        assert isinstance(screen, QuizSetupScreen)
        kinds = screen.query_one("#quiz-kinds", SelectionList)
        kinds.deselect("open")
        kinds.deselect("truefalse")
        articles = screen.query_one("#quiz-articles", SelectionList)
        articles.deselect(articles.get_option_at_index(1).value)
        await pilot.pause()
        assert "4 match" in str(screen.query_one("#quiz-setup-status").render())
        screen.query_one("#quiz-per-round", Input).value = "2"
        await pilot.press("ctrl+s")
        night = host(app).night
        asked = night.round_questions(1) + night.round_questions(2)
        assert {q.kind for q in asked} == {"choice"}
        assert {q.article_id for q in asked} == {articles.get_option_at_index(0).value}


async def test_the_countdown_turns_yellow_then_red(bank: Bank) -> None:
    clock = FixedClock()
    app = make_app(bank, clock, timer_seconds=30)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+s")
        screen = host(app)
        countdown = screen.query_one(QuizCountdown)
        await pilot.press("space")
        clock.advance(seconds=15)
        screen.tick()
        assert countdown.value == "0:15" and not countdown.has_class("-warning", "-danger")
        clock.advance(seconds=6)
        screen.tick()
        assert countdown.value == "0:09" and countdown.has_class("-warning")
        clock.advance(seconds=5)
        screen.tick()
        assert countdown.value == "0:04" and countdown.has_class("-danger")
        clock.advance(seconds=10)
        screen.tick()
        assert countdown.value == "0:00"
        assert "Time is up" in str(screen.query_one("#quiz-host-hint").render())


async def test_double_or_nothing_final_from_the_keyboard(bank: Bank) -> None:
    app = make_app(bank, FixedClock(), double_final=True, per_round=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+s", "1", "n", "n")
        screen = host(app)
        assert "DOUBLE OR NOTHING" in str(screen.query_one("#quiz-host-round").render())
        await pilot.press("2", "x", "1")
        assert screen.night.scores() == [-1, 2, 0]


async def test_keys_that_do_not_apply_are_explained_not_fatal(bank: Bank) -> None:
    app = make_app(bank, FixedClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        messages = record_notices(app)
        await pilot.press("ctrl+s", "u", "9", "1", "s")
        assert "No score to undo." in messages
        assert "There is no team 9." in messages
        assert any("undo them before skipping" in m for m in messages)


async def test_ending_the_night_early_goes_to_the_podium(bank: Bank) -> None:
    app = make_app(bank, FixedClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+s", "3", "escape", "y")
        assert isinstance(app.screen, QuizPodiumScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, QuizSetupScreen)


async def test_help_lists_the_host_keys(bank: Bank) -> None:
    app = make_app(bank, FixedClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+s", "question_mark")
        from quizapp.tui.dialogs.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        keys = {item.key: item.description for item in app.screen.keys}
        assert keys["r"] == "Reveal" and keys["u"] == "Undo" and keys["x"] == "Wrong"
        assert keys["1"] == keys["9"] == "Award"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_fixture_question_fits_its_region(bank: Bank, size: tuple[int, int]) -> None:
    """No question of the fixture bank is clipped, revealed or not, small or big screen; the
    big letters wrap, so at 120x40 every one is big and at 80x24 every short one."""
    app = make_app(bank, FixedClock())
    async with app.run_test(size=size) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+s")
        screen = host(app)
        view = screen.query_one(QuizQuestionView)
        for question in load_pool(bank):
            for revealed in (False, True):
                view.question = question
                view.revealed = revealed
                await pilot.pause()
                width, height = view.size
                assert view.needed_height(width) <= height, (question.id, revealed)
                assert view.needed_width(width) <= width, (question.id, revealed)
                # and what reaches the screen is every line laid out, none cropped
                drawn = [
                    strip.text.strip()
                    for strip in view.render_lines(Region(0, 0, *view.outer_size))
                    if strip.text.strip()
                ]
                laid_out = [line.strip() for line in view.laid_out_lines() if line.strip()]
                assert drawn == laid_out, (question.id, revealed)
                if not view.is_big:
                    shown = " ".join(drawn)
                    assert all(option in shown for option in question.options)
                if size == (120, 40) or len(question.prompt) <= 50:
                    assert view.is_big, (question.id, revealed, len(question.prompt))


async def test_the_podium_prints_the_answer_sheet(bank: Bank, tmp_path: Path) -> None:
    app = make_app(bank, FixedClock(), rounds=1, per_round=2)
    sheet = tmp_path / "friday.html"
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+s", "1", "n", "2", "n")
        assert isinstance(app.screen, QuizPodiumScreen)
        await pilot.press("p")
        await pilot.press(*str(sheet), "enter")  # the suggested name is selected: typing replaces
        await pilot.pause()
        night = app.screen.night
    page = sheet.read_text(encoding="utf-8")
    assert "<h1>Quiz night 1</h1>" in page and "Answer key" in page
    for question in night.asked_questions:
        assert question.answer.split()[0] in page


async def test_home_n_opens_the_quiz_night_setup(bank: Bank) -> None:
    fill_quiz_bank(bank)
    app = QuizApp(bank, load_settings(), clock=FixedClock())
    async with app.run_test(size=(100, 32)) as pilot:
        await settled(pilot)
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizSetupScreen)
        assert screen.setup.teams == ["Team 1", "Team 2"]  # no command line: two to rename
        await pilot.press("escape")
        assert not isinstance(app.screen, QuizSetupScreen)


async def test_time_up_rings_the_bell_once(bank: Bank) -> None:
    clock = FixedClock()
    app = make_app(bank, clock, timer_seconds=10)
    rings: list[None] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        app.bell = lambda: rings.append(None)  # type: ignore[method-assign]
        await pilot.press("ctrl+s", "space")
        clock.advance(seconds=11)
        host(app).tick()
        host(app).tick()
        assert len(rings) == 1


@pytest.mark.sqlite_only
async def test_a_locked_bank_is_a_notice_and_the_score_stays_unsaved(bank: Bank) -> None:
    from sqlalchemy import func, select

    from question_bank.store.schema import QuizScoreRow
    from tests.support.tui import locked

    app = make_app(bank, FixedClock())
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        messages = record_notices(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        with locked(bank, Path(bank.engine.url.database or "")):
            await pilot.press("1")
            await pilot.pause()
        assert any(m.startswith("Not saved:") and "locked" in m for m in messages)
        assert isinstance(app.screen, QuizHostScreen)
        assert host(app).night.history == []
        await pilot.press("1")  # the lock is gone: the same key scores
        await pilot.pause()
        assert len(host(app).night.history) == 1
    with bank.transaction() as session:
        assert session.scalar(select(func.count()).select_from(QuizScoreRow)) == 1
