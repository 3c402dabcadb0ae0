"""Every setting with its docstring, editable; ctrl+s saves them to the TOML config file."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import ValidationError
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, Label, Select, Static, Switch

from quizapp.settings import Settings, field_help, file_settings, save_settings
from quizapp.study.learners import FsrsParameters, learner_fsrs_parameters
from quizapp.tui.context import app_context
from quizapp.tui.widgets.inputs import QuizInput
from quizapp.tui.widgets.labelled_switch import LabelledSwitch
from quizapp.tui.widgets.optimise_panel import OptimisePanel

if typing.TYPE_CHECKING:
    from quizapp.study.optimise import OptimisationReport


def _choices(name: str) -> tuple[str, ...] | None:
    annotation = Settings.model_fields[name].annotation
    if typing.get_origin(annotation) is typing.Literal:
        return tuple(str(arg) for arg in typing.get_args(annotation))
    return None


def _as_text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(f"{item:g}" if isinstance(item, float) else str(item) for item in value)
    return str(value)


def _parse(name: str, text: str) -> object:
    """Turn what was typed into a value pydantic can validate (lists are comma-separated)."""
    if typing.get_origin(Settings.model_fields[name].annotation) is list:
        return [part.strip() for part in text.split(",") if part.strip()]
    return text.strip()


def fit_text(fit: FsrsParameters | None) -> str:
    """One line on what the learner is scheduled with."""
    if fit is None:
        return "Scheduled with FSRS's default parameters (not optimised yet)."
    if fit.report.get("reset"):
        return f"Scheduled with FSRS's default parameters (reset on {fit.fitted_at:%Y-%m-%d})."
    text = f"Optimised on {fit.fitted_at:%Y-%m-%d} from {fit.reviews:,} reviews"
    before, after = fit.report.get("before"), fit.report.get("after")
    if isinstance(before, dict) and isinstance(after, dict):
        text += (
            f": log loss {before['log_loss']:.4f} → {after['log_loss']:.4f}, "
            f"RMSE (bins) {before['rmse_bins']:.4f} → {after['rmse_bins']:.4f}"
        )
    return text + "."


class SettingsScreen(Screen[None]):
    """Edit settings; they apply at once and persist in the config file."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "back", "Back"),
        Binding("ctrl+o", "optimise", "Optimise FSRS"),
    ]
    HELP_TITLE = "Settings"

    def compose(self) -> ComposeResult:
        settings = app_context(self).settings
        docs = field_help()
        yield Header()
        # The list scrolls to whatever field has the focus; it is no tab stop of its own, so the
        # first tab (and the screen's first focus) lands on the first setting.
        settings_list = VerticalScroll(id="settings-list")
        settings_list.can_focus = False
        with settings_list:
            for name in Settings.model_fields:
                value = getattr(settings, name)
                with Horizontal(classes="setting", id=f"setting-{name}"):
                    with Vertical(classes="setting-text"):
                        yield Label(name.replace("_", " "), classes="setting-name")
                        yield Static(docs.get(name, ""), classes="setting-doc")
                    yield self._editor(name, value)
            yield OptimisePanel(app_context(self).learner, id="optimise-panel")
        yield Static("", id="settings-status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        app = app_context(self)
        fit = learner_fsrs_parameters(app.bank, app.learner)
        self.query_one(OptimisePanel).show_fit(fit_text(fit))

    @on(OptimisePanel.Requested)
    def _optimise_requested(self) -> None:
        self.action_optimise()

    @on(OptimisePanel.RetentionRequested)
    def _retention_requested(self) -> None:
        panel = self.query_one(OptimisePanel)
        panel.show_progress(0, 1, "simulating a year at desired retentions 0.70-0.95")
        self.optimal_retention()

    @work(thread=True, exclusive=True, group="optimise", exit_on_error=False)
    def optimal_retention(self) -> None:
        """Workload against retention and fsrs-rs's optimal retention, for the learner."""
        from quizapp.study.optimise import compute_optimal_retention

        app = app_context(self)
        panel = self.query_one(OptimisePanel)
        try:
            choice = compute_optimal_retention(
                app.bank, app.settings, app.learner, timezone=app.timezone
            )
        except Exception as error:  # shown, and the buttons work again
            self.app.call_from_thread(panel.show_result, str(error), error=True)
            return
        text = "\n".join(choice.lines(app.settings.desired_retention))
        self.app.call_from_thread(panel.show_result, text)

    def action_optimise(self) -> None:
        """Fit the learner's FSRS parameters (the panel's button, or ctrl+o)."""
        panel = self.query_one(OptimisePanel)
        panel.scroll_visible()
        panel.show_progress(0, 6, "starting")
        self.optimise_fsrs()

    @work(thread=True, exclusive=True, group="optimise", exit_on_error=False)
    def optimise_fsrs(self) -> None:
        """Fit FSRS to the learner's history (quizapp.study.optimise), reporting each step."""
        from quizapp.study.optimise import optimise  # fsrs_rs_python, loaded when first needed

        app = app_context(self)
        panel = self.query_one(OptimisePanel)

        def progress(step: int, steps: int, what: str) -> None:
            self.app.call_from_thread(panel.show_progress, step, steps, what)

        try:
            report = optimise(
                app.bank,
                app.settings,
                app.learner,
                clock=app.clock,
                timezone=app.timezone,
                progress=progress,
            )
        except Exception as error:  # a refusal (too little history) or a failure: shown
            self.app.call_from_thread(panel.show_result, str(error), error=True)
            return
        self.app.call_from_thread(self._optimised, report)

    def _optimised(self, report: OptimisationReport) -> None:
        panel = self.query_one(OptimisePanel)
        panel.show_result("\n".join(report.lines()))
        app = app_context(self)
        panel.show_fit(fit_text(learner_fsrs_parameters(app.bank, app.learner)))

    def _editor(self, name: str, value: Any) -> Widget:
        widget_id = f"field-{name}"
        if isinstance(value, bool):
            # In a box as wide as the other editors, so every editor starts in one column; the
            # word beside it says "on" or "off".
            return Horizontal(
                LabelledSwitch(value, switch_id=widget_id), classes="setting-editor switch-box"
            )
        choices = _choices(name)
        if choices is not None:
            return Select(
                ((c, c) for c in choices),
                value=str(value),
                allow_blank=False,
                id=widget_id,
                compact=True,
                classes="setting-editor",
            )
        return QuizInput(_as_text(value), id=widget_id, compact=True, classes="setting-editor")

    def edited_values(self) -> dict[str, object]:
        """The fields whose editor differs from the current settings, parsed."""
        settings = app_context(self).settings
        changed: dict[str, object] = {}
        for name in Settings.model_fields:
            current = getattr(settings, name)
            editor = self.query_one(f"#field-{name}")
            new: object
            if isinstance(editor, Switch | Select):
                new = editor.value
            else:
                assert isinstance(editor, Input)
                if editor.value.strip() == _as_text(current):
                    continue
                new = _parse(name, editor.value)
            if new != current:
                changed[name] = new
        return changed

    def action_save(self) -> None:
        status = self.query_one("#settings-status", Static)
        changed = self.edited_values()
        if not changed:
            status.update("Nothing changed.")
            return
        settings = app_context(self).settings
        effective = settings.model_copy()
        # The file gets what it held plus these edits: never a one-off --db or QUIZAPP_* value.
        stored = file_settings()
        try:
            for name, value in changed.items():
                setattr(effective, name, value)
                setattr(stored, name, getattr(effective, name))
        except ValidationError as error:
            first = error.errors()[0]
            status.update(f"{name.replace('_', ' ')}: {first['msg']}")
            status.add_class("error")
            return
        path = save_settings(stored)
        app_context(self).apply_settings(effective)
        status.remove_class("error")
        later = {"db", "learner"} & changed.keys()
        note = f" ({', '.join(sorted(later))}: from the next start)" if later else ""
        status.update(f"Saved {len(changed)} setting(s) to {path}{note}")
        self.notify(f"Settings saved to {path}")

    def action_back(self) -> None:
        self.dismiss(None)
