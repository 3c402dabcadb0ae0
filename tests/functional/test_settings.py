"""The settings screen: every setting shown with its docstring, edits saved to the TOML file."""

from __future__ import annotations

import io
import os
import tomllib
from pathlib import Path

import pytest
from textual.widgets import Button, Input, ProgressBar, Static, Switch

from question_bank.store import Bank
from quizapp.settings import Settings, field_help, load_settings
from quizapp.study.learners import fsrs_parameters, get_or_create_learner
from quizapp.study.optimise import DEFAULT_PARAMETERS
from quizapp.tui.app import QuizApp
from quizapp.tui.screens.settings import SettingsScreen
from quizapp.tui.widgets.labelled_switch import SwitchState
from quizapp.tui.widgets.optimise_panel import OptimisePanel
from tests.support.fsrs import FORGETFUL, simulated_cards, write_history
from tests.support.tui import make_app, press, screen_text, settle

pytestmark = pytest.mark.anyio


def config_file() -> Path:
    return Path(os.environ["QUIZAPP_CONFIG"])


async def test_every_setting_is_shown_with_its_doc(filled: Bank) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 32)) as pilot:
        await press(pilot, "comma")
        assert isinstance(app.screen, SettingsScreen)
        shown = " ".join(screen_text(app).split())
        for name, doc in field_help().items():
            assert name.replace("_", " ") in shown
            assert " ".join(doc.split()) in shown


async def test_saving_writes_the_toml_file_and_applies(filled: Bank) -> None:
    app = make_app(filled, settings=load_settings(learner="ana", db="/somewhere/else.sqlite"))
    async with app.run_test(size=(100, 32)) as pilot:
        await press(pilot, "comma")
        app.screen.query_one("#field-new_cards_per_day", Input).value = "5"
        app.screen.query_one("#field-learning_steps_minutes", Input).value = "1, 5, 30"
        app.screen.query_one("#field-enable_fuzzing", Switch).value = False
        await press(pilot, "ctrl+s")
        saved = tomllib.loads(config_file().read_text(encoding="utf-8"))
        assert saved["new_cards_per_day"] == 5
        assert saved["learning_steps_minutes"] == [1.0, 5.0, 30.0]
        assert saved["enable_fuzzing"] is False
        assert "db" not in saved  # a --db flag given for this run is not made permanent
        assert app.settings.new_cards_per_day == 5 and not app.settings.enable_fuzzing
        assert load_settings().new_cards_per_day == 5
        assert "Saved 3 setting(s)" in screen_text(app)


async def test_environment_values_are_not_saved(
    filled: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`quizapp --db X --learner Y` passes its options through QUIZAPP_*: one run only."""
    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text("reviews_per_day = 150\n", encoding="utf-8")
    monkeypatch.setenv("QUIZAPP_DB", "/tmp/one-off.sqlite")
    monkeypatch.setenv("QUIZAPP_LEARNER", "guest")
    app = make_app(filled, settings=load_settings())
    async with app.run_test(size=(100, 32)) as pilot:
        await press(pilot, "comma")
        app.screen.query_one("#field-new_cards_per_day", Input).value = "7"
        await press(pilot, "ctrl+s")
    saved = tomllib.loads(config_file().read_text(encoding="utf-8"))
    assert saved == {"reviews_per_day": 150, "new_cards_per_day": 7}


async def test_a_bad_value_is_refused_with_a_message(filled: Bank) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 32)) as pilot:
        await press(pilot, "comma")
        app.screen.query_one("#field-desired_retention", Input).value = "1.5"
        await press(pilot, "ctrl+s")
        assert "desired retention: Input should be less than or equal to 0.99" in screen_text(app)
        assert not config_file().exists()
        assert app.settings.desired_retention == load_settings().desired_retention == 0.9


async def test_the_optimise_button_fits_the_learners_parameters(filled: Bank) -> None:
    """The button runs the optimiser in a worker; the panel shows progress, then the report."""
    write_history(filled, "ana", simulated_cards(FORGETFUL, cards=120, days=365, seed=3))
    app = make_app(filled)
    async with app.run_test(size=(100, 32)) as pilot:
        await press(pilot, "comma")
        panel = app.screen.query_one(OptimisePanel)
        assert "FSRS's default parameters (not optimised yet)" in panel_text(panel)
        steps: list[tuple[float | None, float | None]] = []
        bar = panel.query_one(ProgressBar)
        original = panel.show_progress

        def watched(step: int, total: int, what: str) -> None:
            original(step, total, what)
            steps.append((bar.progress, bar.total))

        panel.show_progress = watched  # type: ignore[method-assign]
        button = panel.query_one("#optimise-button", Button)
        button.focus()
        await press(pilot, "enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert steps[0] == (0, 6) and steps[-1] == (6, 6)
        shown = panel_text(panel)
        assert "saved: ana is scheduled with these parameters from now on" in shown
        assert "log loss" in shown and "RMSE (bins)" in shown
        assert "Optimised on 2026-01-15 from " in shown
        assert not button.disabled and not bar.display
    with filled.transaction() as session:
        fit = fsrs_parameters(session, get_or_create_learner(session, "ana"))
    assert fit is not None and fit.parameters != DEFAULT_PARAMETERS


async def test_the_optimise_button_refuses_too_little_history(filled: Bank) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 32)) as pilot:
        await press(pilot, "comma")
        panel = app.screen.query_one(OptimisePanel)
        await press(pilot, "ctrl+o")  # the footer's "Optimise FSRS", as the button does
        await app.workers.wait_for_complete()
        await settle(pilot)
        shown = panel_text(panel)
        assert "not enough history to optimise 'ana': 0 reviews on a later day" in shown
        assert panel.query_one("#optimise-result").has_class("error")
    with filled.transaction() as session:
        assert fsrs_parameters(session, get_or_create_learner(session, "ana")) is None


def panel_text(panel: OptimisePanel) -> str:
    from rich.console import Console

    console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    for widget in panel.query(Static):
        console.print(widget.content)
    return " ".join(console.export_text().split())


async def test_the_optimal_retention_button_shows_workload_against_retention(
    filled: Bank,
) -> None:
    write_history(filled, "ana", simulated_cards(FORGETFUL, cards=60, days=200, seed=3))
    app = make_app(filled)
    async with app.run_test(size=(100, 32)) as pilot:
        await press(pilot, "comma")
        panel = app.screen.query_one(OptimisePanel)
        panel.query_one("#retention-button", Button).focus()
        await press(pilot, "enter")
        await app.workers.wait_for_complete()
        await settle(pilot)
        shown = panel_text(panel)
        assert "desired retention retention reviews/day minutes/day remembered" in shown
        assert "optimal retention (fsrs-rs, your limits and habits): 0." in shown
        assert all(not button.disabled for button in panel.query(Button))


def switch_word(app: QuizApp, name: str) -> str:
    """The word the learner sees beside a setting's switch."""
    box = app.screen.query_one(f"#setting-{name}")
    return str(box.query_one(SwitchState).render()).strip()


async def test_a_switch_says_on_or_off_and_follows_space_and_clicks(filled: Bank) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 32)) as pilot:
        await press(pilot, "comma")
        switch = app.screen.query_one("#field-enable_fuzzing", Switch)
        assert switch.value and switch_word(app, "enable_fuzzing") == "on"
        assert switch_word(app, "leech_suspend") == ("on" if app.settings.leech_suspend else "off")
        switch.focus()
        await press(pilot, "space")
        assert not switch.value and switch_word(app, "enable_fuzzing") == "off"
        # The mouse: the switch itself, and the word beside it (a bigger target).
        await pilot.click("#field-enable_fuzzing")
        assert switch.value and switch_word(app, "enable_fuzzing") == "on"
        await pilot.click("#setting-enable_fuzzing SwitchState")
        assert not switch.value and switch_word(app, "enable_fuzzing") == "off"
        await press(pilot, "ctrl+s")
        assert app.settings.enable_fuzzing is False


async def test_tab_goes_through_the_settings_in_the_order_shown(filled: Bank) -> None:
    app = make_app(filled)
    async with app.run_test(size=(100, 32)) as pilot:
        await press(pilot, "comma")
        # The first setting has the focus, not the scrolling list around them.
        editors = [f"field-{name}" for name in Settings.model_fields]
        visited = []
        for _ in editors:
            assert app.focused is not None
            visited.append(app.focused.id)
            await press(pilot, "tab")
        assert visited == editors
        # Then the FSRS panel's buttons, then round to the first setting again.
        assert app.focused is not None and app.focused.id == "optimise-button"
        await press(pilot, "tab", "tab")
        assert app.focused is not None and app.focused.id == editors[0]
        # Every editor tabbed to is scrolled into view.
        await press(pilot, "shift+tab", "shift+tab", "shift+tab")
        await pilot.pause()
        last = app.screen.query_one(f"#{editors[-1]}")
        assert app.focused is last
        assert app.screen.query_one("#settings-list").region.contains_region(last.region)
