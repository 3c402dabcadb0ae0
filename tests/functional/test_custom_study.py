"""Custom study from home (C): extra new cards, forgotten cards, review ahead, cram.

What the learner sees (the dialog, the session's header and cards, the summary) and what it
does to the bank: rescheduling kinds answer as usual; cram writes nothing at all.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from textual.widgets import Input, RadioButton, RadioSet

from question_bank.store import Bank
from question_bank.store.schema import CardRow, ReviewLogRow
from quizapp.settings import load_settings
from quizapp.study.custom import CustomSession
from quizapp.tui.app import QuizApp
from quizapp.tui.dialogs.custom_study import CustomStudyScreen
from quizapp.tui.screens.home import HomeScreen
from quizapp.tui.screens.study import StudyScreen
from quizapp.tui.screens.summary import SummaryScreen
from tests.support.tui import (
    KFOR,
    MOON,
    START,
    FixedClock,
    logs,
    make_app,
    press,
    screen_text,
    settle,
    study_history,
)

pytestmark = pytest.mark.anyio

KIND_INDEX = {"new": 0, "forgotten": 1, "ahead": 2, "cram": 3}


def cards(bank: Bank) -> list[tuple[object, ...]]:
    """Every card row's scheduling state, to compare before and after."""
    with bank.transaction() as session:
        rows = session.scalars(select(CardRow).order_by(CardRow.question_id)).all()
        return [(r.question_id, r.state, r.due, r.stability, r.reps, r.lapses) for r in rows]


async def open_custom(
    app: QuizApp, pilot: object, kind: str, *, days: int = 1, limit: int = 20
) -> None:
    """From home: C, pick the kind, type days and cards, ctrl+s."""
    await press(pilot, "C")  # type: ignore[arg-type]
    dialog = app.screen
    assert isinstance(dialog, CustomStudyScreen)
    radios = dialog.query_one(RadioSet)
    radios.focus()
    for _ in range(KIND_INDEX[kind]):
        await press(pilot, "down")  # type: ignore[arg-type]
    await press(pilot, "enter")  # type: ignore[arg-type]
    assert dialog.kind == kind
    dialog.query_one("#custom-days", Input).value = str(days)
    dialog.query_one("#custom-limit", Input).value = str(limit)
    await press(pilot, "ctrl+s")  # type: ignore[arg-type]
    await settle(pilot)  # type: ignore[arg-type]


def shown_id(app: QuizApp) -> str:
    screen = app.screen
    assert isinstance(screen, StudyScreen) and screen.card is not None
    return screen.card.question_id


async def test_cram_an_article_changes_no_schedule_and_again_comes_back(filled: Bank) -> None:
    study_history(filled, days=3, per_day=2)
    before_cards, before_logs = cards(filled), len(logs(filled))
    app = make_app(filled)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "down")  # the Moon article
        await open_custom(app, pilot, "cram", limit=4)
        assert isinstance(app.screen, StudyScreen)
        text = screen_text(app)
        assert "Cram (schedules unchanged)" in text
        assert "Left 4" in text  # the Moon's four cards, whatever their state
        first = shown_id(app)
        await press(pilot, "space")
        assert "1 Again · soon" in screen_text(app) and "3 Good · done" in screen_text(app)
        await press(pilot, "1")  # Again: back after three others
        seen = [shown_id(app)]
        for _ in range(3):
            await press(pilot, "space", "3")
            seen.append(shown_id(app))
        assert first not in seen[:3] and seen[3] == first
        await press(pilot, "space", "3")
        assert isinstance(app.screen, SummaryScreen)
        assert "5" in screen_text(app)  # five answers in the summary
    assert cards(filled) == before_cards and len(logs(filled)) == before_logs


async def test_cram_undo_puts_the_card_back(filled: Bank) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await open_custom(app, pilot, "cram", limit=3)
        first = shown_id(app)
        await press(pilot, "space", "3")
        assert shown_id(app) != first
        await press(pilot, "u")
        assert shown_id(app) == first
        assert "Undone: answer." in str([n.message for n in app._notifications])
        await press(pilot, "U")
        assert shown_id(app) != first
    assert logs(filled) == []


async def test_forgotten_cards_are_those_answered_again_and_answers_reschedule(
    filled: Bank,
) -> None:
    study_history(filled, days=6, per_day=2)
    since = START - timedelta(days=4)
    with filled.transaction() as session:
        forgotten = set(
            session.scalars(
                select(ReviewLogRow.question_id).where(
                    ReviewLogRow.rating == 1, ReviewLogRow.reviewed_at >= since.replace(hour=4)
                )
            )
        )
    assert forgotten
    app = make_app(filled)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await open_custom(app, pilot, "forgotten", days=5)
        screen = app.screen
        assert isinstance(screen, StudyScreen) and isinstance(screen.custom, CustomSession)
        assert "Forgotten in the last 5 days" in screen_text(app)
        assert f"Left {len(forgotten)}" in screen_text(app)
        shown = shown_id(app)
        assert shown in forgotten
        count = len(logs(filled))
        await press(pilot, "space", "3")
        assert len(logs(filled)) == count + 1  # an ordinary answer, logged and rescheduled


async def test_review_ahead_gives_the_reviews_due_in_the_next_days(filled: Bank) -> None:
    study_history(filled, days=10, per_day=3)
    clock = FixedClock()
    end_of_today = START.replace(hour=4) + timedelta(days=1)
    with filled.transaction() as session:
        ahead = set(
            session.scalars(
                select(CardRow.question_id).where(
                    CardRow.state == 2,
                    CardRow.due >= end_of_today,
                    CardRow.due < end_of_today + timedelta(days=30),
                )
            )
        )
    assert ahead
    app = make_app(filled, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await open_custom(app, pilot, "ahead", days=30)
        assert "Review ahead 30 days" in screen_text(app)
        question = shown_id(app)
        assert question in ahead
        due_before = next(c[2] for c in cards(filled) if c[0] == question)
        await press(pilot, "space", "3")
        due_after = next(c[2] for c in cards(filled) if c[0] == question)
        assert due_after != due_before  # studied early: rescheduled from today


async def test_extra_new_cards_beyond_the_daily_limit(filled: Bank) -> None:
    settings = load_settings(learner="ana").model_copy(update={"new_cards_per_day": 1})
    app = make_app(filled, settings=settings)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "s", "space", "4")  # today's one new card, then done
        assert isinstance(app.screen, SummaryScreen)
        await press(pilot, "escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "0 new" in screen_text(app)
        await open_custom(app, pilot, "new", limit=2)
        assert "Extra new cards" in screen_text(app) and "Left 2" in screen_text(app)
        card = app.screen.card  # type: ignore[attr-defined]
        assert card is not None and card.is_new
        await press(pilot, "space", "3")  # Good: learning, due in minutes, so it stays
        assert "1 learning" in screen_text(app)
        await press(pilot, "space", "4")
        assert shown_id(app) == card.question_id  # the learning card, once the other is done
        await press(pilot, "space", "4")
        assert isinstance(app.screen, SummaryScreen)
    assert len(logs(filled)) == 4


async def test_nothing_to_study_says_so_and_stays_home(filled: Bank) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await open_custom(app, pilot, "forgotten", days=3)
        assert isinstance(app.screen, HomeScreen)
        assert "No cards for that" in str([n.message for n in app._notifications])


async def test_the_dialog_narrows_to_an_article_kind_and_tag(filled: Bank) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await press(pilot, "C")
        dialog = app.screen
        assert isinstance(dialog, CustomStudyScreen)
        labels = [str(button.label) for button in dialog.query(RadioButton)]
        assert labels[0] == "Extra new cards today" and labels[3].startswith("Cram")
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        scope = app.scope
    from quizapp.study.custom import CustomStudy, select_cards

    moon = select_cards(scope, CustomStudy("cram", limit=99, article_id=MOON), START)
    kfor = select_cards(scope, CustomStudy("cram", limit=99, article_id=KFOR), START)
    choice = select_cards(scope, CustomStudy("cram", limit=99, card_kind="choice"), START)
    assert len(moon) == 4 and len(kfor) == 8
    assert choice and set(choice) <= set(moon) | set(kfor) and len(choice) < 12
