"""The stats screen: the figures it shows are the bank's."""

from __future__ import annotations

import pytest
from rich.console import Console

from question_bank.store import Bank
from quizapp.tui.screens.stats import StatsScreen
from quizapp.tui.widgets.heatmap import CELL, ReviewHeatmap
from tests.support.tui import logs, make_app, press, screen_text, settle, study_history

pytestmark = pytest.mark.anyio


async def test_stats_show_the_history(filled: Bank) -> None:
    study_history(filled, days=10, per_day=2)
    answers = logs(filled)
    app = make_app(filled, start="stats")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StatsScreen)
        shown = " ".join(screen_text(app).split())
        assert f"Reviews in all {len(answers)}" in shown
        assert "Reviews today 0" in shown
        assert "Study day 2026-01-15" in shown
        heatmap = app.screen.query_one(ReviewHeatmap)
        console = Console(width=120, record=True, color_system=None)
        console.print(heatmap.content)
        grid = console.export_text()
        assert grid.splitlines()[1].startswith("Mon")
        assert grid.count(CELL.strip()) >= 26 * 7  # 26 weeks of days, plus the legend

        await press(pilot, "r")
        assert f"Reviews in all {len(answers)}" in " ".join(screen_text(app).split())
        await press(pilot, "escape")
        assert not isinstance(app.screen, StatsScreen)


async def test_stats_on_a_learner_with_no_reviews(filled: Bank) -> None:
    app = make_app(filled, start="stats")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        shown = " ".join(screen_text(app).split())
        assert "New 12" in shown and "Reviews in all 0" in shown
        assert "True retention (30 d) — of 0 reviews" in shown
