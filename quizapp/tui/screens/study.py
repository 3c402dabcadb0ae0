"""Study: one card at a time, in flip, type or choice mode, over the StudyService.

Phases: the question is shown; the learner reveals (flip), types (type) or picks an option
(choice); the answer, its source and the four grades with their intervals are shown; a grade
commits the answer and the next card comes. Answers are committed on the UI thread on purpose:
each is one short transaction, and doing it in order guarantees that a fast double key press
can never grade a card twice or grade the wrong card.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from quizapp.settings import STUDY_MODES
from quizapp.study.grading import grade_typed
from quizapp.study.views import (
    AGAIN,
    GOOD,
    RATING_LABELS,
    CardView,
    DeckCounts,
    GradePreview,
    TypedGrade,
)
from quizapp.tui.context import app_context
from quizapp.tui.dialogs.edit_card import CardEdit, EditCardScreen, save_edit
from quizapp.tui.errors import reported
from quizapp.tui.screens.summary import SummaryScreen
from quizapp.tui.widgets.card_view import CardPanel
from quizapp.tui.widgets.grade_bar import GradeBar
from quizapp.tui.widgets.inputs import QuizInput
from quizapp.tui.widgets.study_status import StudyStatus

GRADE = Binding.Group("Grade", compact=True)


class StudyScreen(Screen[None]):
    """A study session; q or escape ends it and shows the summary."""

    BINDINGS = [
        Binding("space", "reveal", "Show answer"),
        Binding("1", "grade(1)", "Again", group=GRADE),
        Binding("2", "grade(2)", "Hard", group=GRADE),
        Binding("3", "grade(3)", "Good", group=GRADE),
        Binding("4", "grade(4)", "Easy", group=GRADE),
        Binding("enter", "confirm", "Accept grade"),
        Binding("a", "choose(0)", "Option A", show=False),
        Binding("b", "choose(1)", "Option B", show=False),
        Binding("c", "choose(2)", "Option C", show=False),
        Binding("d", "choose(3)", "Option D", show=False),
        Binding("u,ctrl+z", "undo", "Undo", key_display="u"),
        # While the answer box has focus, u and q type letters: the footer shows the keys
        # that still work there.
        Binding("ctrl+z", "undo_while_typing", "Undo", key_display="^z"),
        Binding("minus", "bury", "Bury", key_display="-"),
        Binding("exclamation_mark", "suspend", "Suspend", key_display="!"),
        Binding("f", "flag", "Flag"),
        Binding("e", "edit", "Edit"),
        Binding("q,escape", "end", "End", key_display="q"),
        Binding("escape", "end_while_typing", "End", key_display="esc"),
    ]
    HELP_TITLE = "Study"

    def __init__(self, article_id: str | None = None, mode: str | None = None) -> None:
        super().__init__()
        self.article_id = article_id
        self.requested_mode = mode
        self.card: CardView | None = None
        self.revealed = False
        self.flagged = False
        self.chosen: int | None = None
        self.typed_grade: TypedGrade | None = None
        self.done = 0
        self.counts: DeckCounts | None = None

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield StudyStatus(id="study-status")
        with VerticalScroll(id="study-body"):
            yield CardPanel(id="study-card")
            yield QuizInput(placeholder="Type the answer, then enter", id="study-input")
            yield Static("", id="study-hint")
        with Vertical(id="study-grades"):
            yield GradeBar(id="grade-bar")
        yield Footer(compact=True)

    @reported(after=lambda screen: app_context(screen).leave_to_home())
    def on_mount(self) -> None:
        app = app_context(self)
        self.mode = self.requested_mode or app.settings.study_mode
        if self.mode not in STUDY_MODES:
            self.mode = "flip"
        self.clock = app.clock
        self.service = app.study_service()
        self.started_at = self.clock()
        self.shown_at = self.started_at
        self.set_interval(1.0, self._show_status)
        self._next_card()

    # -- what kind of answering the current card uses --------------------------------------

    @property
    def card_mode(self) -> str:
        """The mode for this card: choice mode falls back to flip for cards without options."""
        if self.mode == "choice" and (self.card is None or len(self.card.choices) < 2):
            return "flip"
        return self.mode

    @property
    def suggested(self) -> int | None:
        if self.typed_grade is not None:
            return self.typed_grade.suggested_rating
        if self.chosen is not None and self.card is not None:
            return GOOD if self.card.choices[self.chosen] == self.card.answer else AGAIN
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys that make sense now are active (and shown in the footer)."""
        has_card = self.card is not None
        typing = has_card and self.card_mode == "type" and not self.revealed
        if action in ("undo_while_typing", "end_while_typing"):
            return typing
        if typing and action in ("undo", "end", "bury", "suspend", "flag", "edit"):
            return False  # their letters go into the answer box
        if action == "reveal":
            return has_card and not self.revealed and self.card_mode == "flip"
        if action == "grade":
            return has_card and self.revealed
        if action == "confirm":
            return has_card and self.revealed and self.suggested is not None
        if action == "choose":
            return has_card and not self.revealed and self.card_mode == "choice"
        if action in ("bury", "suspend", "flag", "edit"):
            return has_card
        return True

    # -- showing ---------------------------------------------------------------------------

    @reported()
    def _next_card(self) -> None:
        card = self.service.next_card(self.article_id)
        if card is None:
            self._finish(all_done=True)
            return
        self._ask(card)
        # The card first, the "left" counts just after it is drawn: on a big bank the first
        # counts of a session cost more than the card itself.
        self.call_after_refresh(self._update_counts)

    @reported()
    def _update_counts(self) -> None:
        self.counts = self.service.counts(self.article_id)
        self._show_status()

    def _ask(self, card: CardView) -> None:
        self.card = card
        self.flagged = card.flagged
        self.revealed = False
        self.chosen = None
        self.typed_grade = None
        self.shown_at = self.clock()
        entry = self.query_one("#study-input", Input)
        typing = self.card_mode == "type"
        entry.display = typing
        entry.disabled = not typing
        entry.value = ""
        if typing:
            entry.focus()
        self._render_card()

    def _render_card(self) -> None:
        if self.card is None:
            return
        self.query_one(CardPanel).show(
            self.card,
            revealed=self.revealed,
            flagged=self.flagged,
            with_options=self.card_mode == "choice",
            chosen=self.chosen,
            grade=self.typed_grade,
        )
        bar = self.query_one(GradeBar)
        self.query_one("#study-grades").display = self.revealed
        if self.revealed:
            bar.show(self._previews(self.card.question_id) or [], self.suggested)
        self.query_one("#study-hint", Static).update(self._hint())
        self._show_status()
        self.refresh_bindings()

    def _hint(self) -> str:
        if self.revealed:
            if self.suggested is not None:
                label = RATING_LABELS[self.suggested]
                return f"enter: {label} (suggested) · 1-4 to grade differently"
            return "How well did you know it? 1 Again · 2 Hard · 3 Good · 4 Easy"
        if self.card_mode == "choice":
            return "a-d: pick an option"
        if self.card_mode == "type" and self.card is not None and self.card.kind == "truefalse":
            return "Type true or false and press enter (escape ends the session)"
        if self.card_mode == "type":
            return "Type the answer and press enter (escape ends the session)"
        return "space: show the answer"

    def _show_status(self) -> None:
        elapsed = self.clock() - self.started_at
        self.query_one(StudyStatus).show(
            self.done, self.counts, int(elapsed.total_seconds() * 1000), self.mode
        )

    # -- answering -------------------------------------------------------------------------

    def action_reveal(self) -> None:
        if self.card is not None and not self.revealed:
            self.revealed = True
            self._render_card()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.card is None or self.revealed or self.card_mode != "type":
            return
        self.typed_grade = grade_typed(self.card, event.value)
        self.revealed = True
        # Keys go to the screen again (enter confirms, 1-4 grade); the verdict shows what was typed.
        event.input.disabled = True
        event.input.display = False
        self._render_card()

    def action_choose(self, index: int) -> None:
        if self.card is None or self.revealed or index >= len(self.card.choices):
            return
        self.chosen = index
        self.revealed = True
        self._render_card()

    def action_confirm(self) -> None:
        if self.suggested is not None:
            self.action_grade(self.suggested)

    def on_grade_bar_graded(self, event: GradeBar.Graded) -> None:
        self.action_grade(event.rating)

    @reported()
    def _previews(self, question_id: str) -> list[GradePreview]:
        return self.service.previews(question_id)

    @reported("Answer not saved")
    def action_grade(self, rating: int) -> None:
        if self.card is None or not self.revealed:
            return
        typed: str | None = None
        if self.typed_grade is not None:
            typed = self.typed_grade.typed
        elif self.chosen is not None:
            typed = self.card.choices[self.chosen]
        duration = self.clock() - self.shown_at
        result = self.service.answer(
            self.card.question_id,
            rating,
            duration_ms=max(0, int(duration.total_seconds() * 1000)),
            mode=self.card_mode,
            typed=typed,
        )
        self.done += 1
        if result.became_leech:
            state = "suspended" if result.suspended else "tagged"
            self.notify(f"This card is a leech ({state}): consider editing it.", severity="warning")
        self._next_card()

    # -- card actions ----------------------------------------------------------------------

    @reported()
    def action_undo(self) -> None:
        card = self.service.undo()
        if card is None:
            self.notify("Nothing to undo.")
            return
        self.done = max(0, self.done - 1)
        self.notify("Last answer undone.")
        self._ask(card)
        self.call_after_refresh(self._update_counts)

    def action_bury(self) -> None:
        if self.card is None:
            return
        self._card_change(lambda qid: self.service.bury(qid), "Buried until tomorrow.")

    def action_suspend(self) -> None:
        if self.card is None:
            return
        self._card_change(
            lambda qid: self.service.set_suspended(qid, True),
            "Suspended (unsuspend it in Browse).",
        )

    @reported()
    def _card_change(self, change: Callable[[str], None], message: str) -> None:
        if self.card is None:
            return
        change(self.card.question_id)
        self.notify(message)
        self._next_card()

    @reported()
    def action_flag(self) -> None:
        if self.card is None:
            return
        self.service.set_flagged(self.card.question_id, not self.flagged)
        self.flagged = not self.flagged
        self.notify("Flagged." if self.flagged else "Flag removed.")
        self._render_card()

    def action_edit(self) -> None:
        card = self.card
        if card is None:
            return

        def saved(edit: CardEdit | None) -> None:
            if edit is None:
                return
            updated = save_edit(self, self.service, card.question_id, edit)
            if updated is not None and self.card is not None:
                self.card = updated
                self._render_card()

        self.app.push_screen(EditCardScreen(card.prompt, card.answer, card.accepted_answers), saved)

    # -- ending ----------------------------------------------------------------------------

    def action_undo_while_typing(self) -> None:
        self.action_undo()

    def action_end_while_typing(self) -> None:
        self.action_end()

    def action_end(self) -> None:
        self._finish(all_done=False)

    @reported(after=lambda screen: app_context(screen).leave_to_home())
    def _finish(self, *, all_done: bool) -> None:
        summary = self.service.summary()
        now: datetime = self.clock()
        self.app.switch_screen(SummaryScreen(summary, now, all_done=all_done))
