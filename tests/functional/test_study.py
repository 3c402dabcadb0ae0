"""The study screen driven from the keyboard: what it shows and what reaches the bank."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input

from question_bank.store import Bank, open_bank
from question_bank.store.schema import QuestionRow
from quizapp.settings import load_settings
from quizapp.study.session import StudyService
from quizapp.tui.app import QuizApp
from quizapp.tui.dialogs.edit_card import EditCardScreen
from quizapp.tui.screens.study import StudyScreen
from quizapp.tui.screens.summary import SummaryScreen
from quizapp.tui.widgets.grade_bar import GradeBar
from tests.support.tui import (
    KFOR,
    MOON,
    FixedClock,
    card_row,
    fill_bank,
    locked,
    logs,
    make_app,
    press,
    question_row,
    screen_text,
    settle,
)

pytestmark = pytest.mark.anyio

FIRST = "a1kfq0000000"  # the cloze card "... by [...]." (answer "700 troops")
SECOND = "a1kfq0100000"  # "Who announced the decision ...?" (answer "Jens Stoltenberg")


@pytest.fixture
def sqlite_bank(tmp_path: Path) -> Iterator[Bank]:
    opened = open_bank(tmp_path / "study.sqlite")
    fill_bank(opened)
    yield opened
    opened.dispose()


def study(app: QuizApp) -> StudyScreen:
    screen = app.screen
    assert isinstance(screen, StudyScreen)
    return screen


def shown_id(app: QuizApp) -> str:
    """The question id of the card on screen."""
    card = study(app).card
    assert card is not None
    return card.question_id


async def test_flip_reveal_then_grade_logs_one_answer(filled: Bank) -> None:
    clock = FixedClock()
    app = make_app(filled, clock, start="study")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert shown_id(app) == FIRST
        shown = screen_text(app)
        assert "[ … ]" in shown and "700 troops" not in shown  # the gap, not the answer
        assert "Done 0  Left 8" in shown
        await press(pilot, "3")  # grading before the answer is shown does nothing
        assert logs(filled) == []

        await press(pilot, "space")
        shown = screen_text(app)
        assert "Answer: 700 troops" in shown
        assert "Where this comes from" in shown
        assert "NATO to increase KFOR mission" in shown  # the section
        grades = [str(b.render()) for b in app.screen.query_one(GradeBar).children]
        assert grades == ["1 Again · 1m", "2 Hard · 6m", "3 Good · 10m", "4 Easy · 10d"]

        clock.advance(seconds=7)
        await press(pilot, "3")
        answers = logs(filled)
        assert [(a.question_id, a.rating, a.mode, a.duration_ms) for a in answers] == [
            (FIRST, 3, "flip", 7000)
        ]
        assert shown_id(app) == SECOND
        assert "Done 1  Left 8" in screen_text(app)  # 7 new (one per sentence) + the learning card
        row = card_row(filled, FIRST)
        assert row is not None and row.state == 1  # learning, due at the 10-minute step
        assert abs((row.due - clock.now) - timedelta(minutes=10)) < timedelta(seconds=1)


async def test_undo_restores_the_card_and_removes_its_log(filled: Bank) -> None:
    app = make_app(filled, start="study")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "space", "4")
        assert len(logs(filled)) == 1
        await press(pilot, "u")
        assert logs(filled) == []
        row = card_row(filled, FIRST)
        assert row is None or row.state == 0
        assert shown_id(app) == FIRST
        assert "Done 0" in screen_text(app)
        await press(pilot, "ctrl+z")  # nothing left to undo: no change, no crash
        assert logs(filled) == []


async def test_bury_suspend_and_flag_are_saved(filled: Bank) -> None:
    app = make_app(filled, start="study")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "f")
        assert "flagged" in screen_text(app)
        flagged = card_row(filled, FIRST)
        assert flagged is not None and flagged.flagged

        await press(pilot, "minus")
        buried = card_row(filled, FIRST)
        assert buried is not None and buried.buried_until is not None
        assert shown_id(app) == SECOND

        await press(pilot, "exclamation_mark")
        suspended = card_row(filled, SECOND)
        assert suspended is not None and suspended.suspended
        assert shown_id(app) not in (FIRST, SECOND)
        assert logs(filled) == []  # none of these is an answer


async def test_edit_modal_saves_the_new_wording(filled: Bank) -> None:
    app = make_app(filled, start="study")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        assert isinstance(app.screen, EditCardScreen)
        answer = app.screen.query_one("#edit-answer", Input)
        answer.value = "seven hundred troops"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, StudyScreen)
        saved = question_row(filled, FIRST)
        assert saved is not None and saved.answer == "seven hundred troops" and saved.edited
        await press(pilot, "space")
        assert "Answer: seven hundred troops" in screen_text(app)

        await press(pilot, "e", "escape")  # cancel keeps the card as it is
        unchanged = question_row(filled, FIRST)
        assert unchanged is not None and unchanged.answer == "seven hundred troops"


async def test_type_mode_grades_typing_and_suggests_a_rating(filled: Bank) -> None:
    app = make_app(filled, start="study", mode="type")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        entry = app.screen.query_one("#study-input", Input)
        assert entry.has_focus
        await pilot.press(*"700 troops")
        await press(pilot, "enter")
        shown = screen_text(app)
        assert "Exact" in shown and "enter: Good (suggested)" in shown
        await press(pilot, "enter")  # accept the suggestion
        assert [(a.rating, a.mode, a.typed) for a in logs(filled)] == [(3, "type", "700 troops")]

        await pilot.press(*"Jens Stoltenbrg")
        await press(pilot, "enter")
        assert "Close" in screen_text(app)
        await press(pilot, "1")  # the learner overrides the suggested Hard
        assert [a.rating for a in logs(filled)] == [3, 1]
        assert logs(filled)[-1].typed == "Jens Stoltenbrg"


async def test_while_typing_the_footer_offers_only_keys_that_work(filled: Bank) -> None:
    app = make_app(filled, start="study", mode="type")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press(*"700 troops")
        await press(pilot, "enter", "enter")  # graded and accepted: one answer
        assert len(logs(filled)) == 1
        typing = {
            key: binding.description
            for key, (_, binding, enabled, _) in app.active_bindings.items()
            if enabled and binding.show
        }
        assert "u" not in typing and "q" not in typing and "minus" not in typing
        assert typing.get("ctrl+z") == "Undo" and typing.get("escape") == "End"
        await press(pilot, "ctrl+z")  # undo works with the cursor in the answer box
        assert logs(filled) == []
        await press(pilot, "escape")
        assert isinstance(app.screen, SummaryScreen)


async def test_choice_mode_picks_options_by_letter(filled: Bank) -> None:
    app = make_app(filled, start="study", mode="choice", article_id=MOON)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "a) Columbia" in shown and "b) Eagle" in shown
        await press(pilot, "b")
        shown = screen_text(app)
        assert "✓ b) Eagle" in shown and "enter: Good (suggested)" in shown
        await press(pilot, "enter")
        await press(pilot, "a")  # wrong: Buzz Aldrin stayed on the Moon
        assert "✗ a) Buzz Aldrin" in screen_text(app)
        await press(pilot, "enter")
        assert [(a.rating, a.mode, a.typed) for a in logs(filled)] == [
            (3, "choice", "Eagle"),
            (1, "choice", "Buzz Aldrin"),
        ]
        # The third card is a cloze: choice mode asks it with four options too, built from
        # distractors of its answer's type (nearby quantities here).
        shown = screen_text(app)
        assert "d) " in shown and "21.5 kilograms" in shown
        assert "space: show the answer" not in shown
        await press(pilot, "a", "enter")
        assert logs(filled)[-1].mode == "choice"


async def test_choice_mode_gives_every_card_four_options(filled: Bank) -> None:
    """Issue 12, wrong today 1: choice mode showed no options on open and cloze cards."""
    app = make_app(filled, start="study", mode="choice")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        kinds = []
        for _ in range(7):
            screen = app.screen
            assert isinstance(screen, StudyScreen) and screen.card is not None
            kinds.append(screen.card.kind)
            expected = {2} if screen.card.kind == "truefalse" else {4}
            if screen.card.answer_type == "person":
                # No invented people among options (7f1cfdb, judged giveaways): a person with
                # only two real rivals in the bank is asked with three options.
                expected = {3, 4}
            assert len(screen.options) in expected, screen.card
            assert screen.card.answer in screen.options
            await press(pilot, "a", "3")
        assert {"open", "cloze"} <= set(kinds)
        assert {log.mode for log in logs(filled)} == {"choice"}


async def test_true_false_says_so_and_takes_t_and_f(filled: Bank) -> None:
    """Issue 12, wrong today 5: a bare statement in flip mode, and no t/f keys."""
    clock = FixedClock()
    # The true/false card's sentence also has a choice card, which would come first.
    with filled.transaction() as session:
        choice = session.get(QuestionRow, "a1kfq0300000")
        assert choice is not None
        choice.retired = True
    app = make_app(filled, clock, start="study", article_id=KFOR)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        for _ in range(6):
            assert screen.card is not None
            if screen.card.kind == "truefalse":
                break
            await press(pilot, "space", "3")
        assert screen.card is not None and screen.card.kind == "truefalse"
        shown = screen_text(app)
        assert "True or false? " in shown and "t true · f false" in shown
        await press(pilot, "f")  # the statement is true: "false" is wrong
        shown = screen_text(app)
        assert "You said: False ✗" in shown and "enter: Again (suggested)" in shown
        await press(pilot, "enter")
        assert logs(filled)[-1].typed == "False" and logs(filled)[-1].rating == 1


async def test_only_the_chosen_article_is_studied(filled: Bank) -> None:
    app = make_app(filled, start="study", article_id=KFOR)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert "Left 5" in screen_text(app)  # the article's 5 sentences: one new card each
        for _ in range(5):
            await press(pilot, "space", "4")
        assert {a.question_id[:4] for a in logs(filled)} == {"a1kf"}


async def test_ending_shows_the_summary(sqlite_bank: Bank) -> None:
    clock = FixedClock()
    app = make_app(sqlite_bank, clock, start="study")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        for grade in ("3", "1"):
            clock.advance(seconds=30)
            await press(pilot, "space", grade)
        await press(pilot, "q")
        assert isinstance(app.screen, SummaryScreen)
        shown = " ".join(screen_text(app).split())
        assert "Cards studied 2" in shown
        assert "Correct 50% (1 of 2)" in shown
        assert "Session time 1:00" in shown
        assert "Next card due in 1m" in shown  # the card rated Again comes back in a minute
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "HomeScreen"


async def test_a_locked_bank_is_a_message_not_a_crash(sqlite_bank: Bank, tmp_path: Path) -> None:
    app = make_app(sqlite_bank, start="study")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "space")
        with locked(sqlite_bank, tmp_path / "study.sqlite"):
            await press(pilot, "3")
        messages = [n.message for n in app._notifications]
        assert any("Answer not saved: the bank is locked" in m for m in messages), messages
        assert isinstance(app.screen, StudyScreen) and app.screen.revealed  # still on the card
        await press(pilot, "3")  # the lock is gone: the same grade now goes through
        assert [a.rating for a in logs(sqlite_bank)] == [3]


def served_today(bank: Bank, clock: FixedClock) -> list[str]:
    """Every card a new session would serve today (answering each Good)."""
    service = StudyService(bank, load_settings(learner="ana"), "ana", clock=clock, timezone=UTC)
    seen: list[str] = []
    while (card := service.next_card()) is not None and len(seen) < 50:
        seen.append(card.question_id)
        service.answer(card.question_id, 4, duration_ms=1, mode="flip")
    return seen


async def test_burying_or_suspending_buries_the_siblings(filled: Bank) -> None:
    """Issue 12, wrong today 3: after a bury and a suspend, siblings came the same day."""
    clock = FixedClock()
    app = make_app(filled, clock, start="study", article_id=KFOR)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        done = []
        for _ in range(6):
            assert screen.card is not None
            if screen.card.question_id in ("a1kfq0100000", "a1kfq0300000"):
                key = "minus" if screen.card.question_id == "a1kfq0100000" else "exclamation_mark"
                done.append(screen.card.question_id)
                await press(pilot, key)
            else:
                await press(pilot, "space", "3")
            if len(done) == 2:
                break
        assert sorted(done) == ["a1kfq0100000", "a1kfq0300000"]
    # Siblings: q01 (open), q02 (open) and q07 (cloze) share a sentence; so do q03 and q05.
    later_today = served_today(filled, FixedClock(clock.now + timedelta(hours=2)))
    assert not {"a1kfq0200000", "a1kfq0700000", "a1kfq0500000"} & set(later_today)
    tomorrow = served_today(filled, FixedClock(clock.now + timedelta(days=1)))
    assert {"a1kfq0100000", "a1kfq0200000"} & set(tomorrow)


async def test_undo_and_redo_every_action_in_reverse_order(filled: Bank) -> None:
    """Issue 12, wrong today 4: grade, suspend, u undid the grade and left the suspend."""
    app = make_app(filled, start="study", article_id=KFOR)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.card is not None
        first = screen.card.question_id
        await press(pilot, "space", "3")
        assert screen.card is not None
        second = screen.card.question_id
        await press(pilot, "f")  # flag the second card, then suspend it
        await press(pilot, "exclamation_mark")
        row = card_row(filled, second)
        assert row is not None and row.suspended and row.flagged
        await press(pilot, "u")
        assert "Undone: suspend." in str([n.message for n in app._notifications])
        row = card_row(filled, second)
        assert row is not None and not row.suspended and row.flagged
        assert screen.card is not None and screen.card.question_id == second
        await press(pilot, "u")  # the flag: the card had no row before it
        row = card_row(filled, second)
        assert row is None or not row.flagged
        await press(pilot, "u")  # the answer
        assert logs(filled) == [] and screen.card is not None
        assert screen.card.question_id == first and screen.done == 0
        await press(pilot, "u")
        assert "Nothing to undo." in str([n.message for n in app._notifications])
        await press(pilot, "U")  # redo the answer, as it was
        assert [(log.question_id, log.rating) for log in logs(filled)] == [(first, 3)]
        await press(pilot, "U", "U")  # the flag, the suspension
        row = card_row(filled, second)
        assert row is not None and row.suspended and row.flagged
        await press(pilot, "U")
        assert "Nothing to redo." in str([n.message for n in app._notifications])


async def test_undo_an_edit(filled: Bank) -> None:
    app = make_app(filled, start="study", article_id=KFOR)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen) and screen.card is not None
        question_id, prompt = screen.card.question_id, screen.card.prompt
        await press(pilot, "e")
        assert isinstance(app.screen, EditCardScreen)
        app.screen.query_one("#edit-answer", Input).value = "seven hundred troops"
        await press(pilot, "ctrl+s")
        edited = question_row(filled, question_id)
        assert edited is not None and edited.answer == "seven hundred troops"
        await press(pilot, "u")
        restored = question_row(filled, question_id)
        assert restored is not None and restored.answer == "700 troops"
        assert restored.prompt == prompt and not restored.edited
        await press(pilot, "U")
        again = question_row(filled, question_id)
        assert again is not None and again.answer == "seven hundred troops"
