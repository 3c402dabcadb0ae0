"""Study: one card at a time, in flip, type or choice mode, over the StudyService.

Phases: the question is shown; the learner reveals (flip), types (type) or picks an option
(choice); the answer, its source and the four grades with their intervals are shown; a grade
commits the answer and the next card comes. Answers are committed on the UI thread on purpose:
each is one short transaction, and doing it in order guarantees that a fast double key press
can never grade a card twice or grade the wrong card.
"""

from __future__ import annotations

from datetime import datetime

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Header, Input, Static

from quizapp.study.counts import StudyCounts
from quizapp.study.custom import CustomSession, answer_undo_step
from quizapp.study.scope import LearnerScope
from quizapp.study.session import StudyService
from quizapp.study.undo import UndoStack
from quizapp.study.views import (
    AGAIN,
    GOOD,
    RATING_LABELS,
    AnswerResult,
    CardView,
    DeckCounts,
    GradePreview,
    SessionSummary,
    TypedGrade,
)
from quizapp.tui.context import app_context
from quizapp.tui.errors import reported
from quizapp.tui.screens.study_actions import CardActions
from quizapp.tui.screens.summary import SummaryScreen
from quizapp.tui.widgets.card_view import OPTION_KEYS, CardPanel
from quizapp.tui.widgets.grade_bar import GradeBar
from quizapp.tui.widgets.inputs import QuizInput
from quizapp.tui.widgets.key_footer import KeyFooter
from quizapp.tui.widgets.study_status import StudyStatus

MODES = ("flip", "type", "choice")


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


GRADE = Binding.Group("Grade", compact=True)


class StudyScreen(CardActions):
    """A study session; q or escape ends it and shows the summary."""

    BINDINGS = [
        Binding("space", "reveal", "Show answer"),
        Binding("1", "grade(1)", "Again", group=GRADE),
        Binding("2", "grade(2)", "Hard", group=GRADE),
        Binding("3", "grade(3)", "Good", group=GRADE),
        Binding("4", "grade(4)", "Easy", group=GRADE),
        Binding("enter", "confirm", "Accept grade"),
        # On a true/false card not yet answered, t and f answer it (f flags again afterwards).
        Binding("t", "truth('True')", "True"),
        Binding("f", "truth('False')", "False"),
        Binding("a", "choose(0)", "Option A", show=False),
        Binding("b", "choose(1)", "Option B", show=False),
        Binding("c", "choose(2)", "Option C", show=False),
        Binding("d", "choose(3)", "Option D", show=False),
        Binding("u,ctrl+z", "undo", "Undo", key_display="u"),
        Binding("U,ctrl+y", "redo", "Redo", key_display="U", show=False),
        # While the answer box has focus, u and q type letters: the footer shows the keys
        # that still work there.
        Binding("ctrl+z", "undo_while_typing", "Undo", key_display="^z"),
        Binding("ctrl+y", "redo_while_typing", "Redo", key_display="^y", show=False),
        Binding("minus", "bury", "Bury", key_display="-"),
        Binding("exclamation_mark", "suspend", "Suspend", key_display="!"),
        Binding("f,asterisk", "flag", "Flag"),
        Binding("e", "edit", "Edit"),
        Binding("i", "info", "Card info"),
        Binding("q,escape", "end", "End", key_display="q"),
        Binding("escape", "end_while_typing", "End", key_display="esc"),
    ]
    HELP_TITLE = "Study"

    def __init__(
        self,
        article_id: str | None = None,
        mode: str | None = None,
        session: StudyService | None = None,
    ) -> None:
        super().__init__()
        self.article_id = article_id
        self.requested_mode = mode
        self.custom = session
        """A custom study session (`quizapp.study.custom.CustomSession`) instead of the day's."""
        self.card: CardView | None = None
        self.revealed = False
        self.flagged = False
        self.chosen: int | None = None
        self.options: tuple[str, ...] = ()
        """The options shown in choice mode (the card's own, or built for it)."""
        self.picked: str | None = None
        """What the learner answered with a key: an option's text, or True / False."""
        self.typed_grade: TypedGrade | None = None
        # Renders of the card asked for, and the last one drawn on screen (see `seen`).
        self._rendered = 0
        self._drawn = 0
        self.done = 0
        self.counts: DeckCounts | None = None
        self.history = UndoStack()
        """Every action of this session, to undo and redo in reverse order."""
        self._version = 0
        """Cards asked so far: a count read in a worker is used only if none came since."""
        self._counting = False

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield StudyStatus(id="study-status")
        # A centred column of readable width, the grades right under the card (not at the
        # bottom of a tall terminal, forty empty rows away).
        with VerticalScroll(id="study-body"), Vertical(id="study-column"):
            yield CardPanel(id="study-card")
            yield QuizInput(placeholder="Type the answer, then enter", id="study-input")
            yield Static("", id="study-hint")
            with Vertical(id="study-grades"):
                yield GradeBar(id="grade-bar")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        app = app_context(self)
        self.mode = self.requested_mode or app.settings.study_mode
        if self.mode not in MODES:
            self.mode = "flip"
        self.clock = app.clock
        service = self.custom or self._open_service()
        if service is None:
            return
        self.service = service
        self.started_at = self.clock()
        self.shown_at = self.started_at
        self.set_interval(1.0, self._show_status)
        self._next_card()

    @reported(after=lambda screen: app_context(screen).leave_to_home())
    def _open_service(self) -> StudyService:
        return app_context(self).study_service()

    # -- what kind of answering the current card uses --------------------------------------

    @property
    def card_mode(self) -> str:
        """The mode for this card: choice mode falls back to flip only for a card no options
        could be found for (see `quizapp.study.options`)."""
        if self.mode == "choice" and (self.card is None or len(self.options) < 2):
            return "flip"
        return self.mode

    @property
    def asks_truth(self) -> bool:
        """A true/false card waiting for t or f (in flip and choice mode)."""
        return (
            self.card is not None
            and self.card.kind == "truefalse"
            and not self.revealed
            and self.card_mode in ("flip", "choice")
        )

    @property
    def suggested(self) -> int | None:
        if self.typed_grade is not None:
            return self.typed_grade.suggested_rating
        if self.picked is not None and self.card is not None:
            return GOOD if _plain(self.picked) == _plain(self.card.answer) else AGAIN
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys that make sense now are active (and shown in the footer)."""
        has_card = self.card is not None
        typing = has_card and self.card_mode == "type" and not self.revealed
        if action in ("undo_while_typing", "end_while_typing", "redo_while_typing"):
            return typing
        if action == "truth":
            return self.asks_truth
        if action == "flag" and self.asks_truth:
            return False  # f answers "false" until the card is answered
        if typing and action in ("undo", "redo", "end", "bury", "suspend", "flag", "edit", "info"):
            return False  # their letters go into the answer box
        if action == "reveal":
            return has_card and not self.revealed and self.card_mode == "flip"
        if action == "grade":
            return has_card and self.revealed
        if action == "confirm":
            return has_card and self.revealed and self.suggested is not None
        if action == "choose":
            return has_card and not self.revealed and self.card_mode == "choice"
        if action in ("bury", "suspend", "flag", "edit", "info"):
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
        if self.counts is None and self.custom is None and not self._counting:
            # The first "Left" of a session scans for new cards, which on a big bank costs
            # more than the card itself (0.2-0.5 s): a worker counts while the card shows,
            # and the session takes its scan over (`_counted`).
            self._counting = True
            self._count_first(app_context(self).scope, self.article_id, self._version)
            return
        # The card first, the "left" counts just after it is drawn.
        self.call_after_refresh(self._update_counts)

    @work(thread=True, exclusive=True, group="study-counts", exit_on_error=False)
    def _count_first(self, scope: LearnerScope, article_id: str | None, version: int) -> None:
        """The session's first counts, from a `StudyCounts` of its own (the same figures)."""
        counts = StudyCounts.for_scope(scope)
        figures = counts.counts(article_id)
        self.app.call_from_thread(self._counted, counts, figures, version)

    def _counted(self, counts: StudyCounts, figures: DeckCounts, version: int) -> None:
        self._counting = False
        if version != self._version:  # a card changed meanwhile: these figures are old
            self._update_counts()
            return
        self.service.adopt_counts(counts)
        self.counts = figures
        self._show_status()

    @reported()
    def _update_counts(self) -> None:
        self.counts = self.service.counts(self.article_id)
        self._show_status()

    def _ask(self, card: CardView) -> None:
        self._version += 1  # what the learner did changes what is left (see `_counted`)
        self.card = card
        self.flagged = card.flagged
        self.revealed = False
        self.chosen = None
        self.picked = None
        self.typed_grade = None
        self.options = ()
        if self.mode == "choice":
            self.options = self._choice_options(card) or ()
        self.shown_at = self.clock()
        entry = self.query_one("#study-input", Input)
        typing = self.card_mode == "type"
        entry.display = typing
        entry.disabled = not typing
        entry.value = ""
        if typing:
            entry.focus()
        self._render_card()

    @reported()
    def _choice_options(self, card: CardView) -> tuple[str, ...]:
        # Imported on first use: the distractor modules are for choice mode only.
        from quizapp.study.options import choice_options

        return choice_options(app_context(self).bank, card)

    def _render_card(self) -> None:
        if self.card is None:
            return
        # A key counts only for what has been on screen for at least one frame: keys typed ahead
        # must not reveal or grade a card the learner never saw (as in Anki).
        self._rendered += 1
        self.call_after_refresh(self._mark_drawn, self._rendered)
        self.query_one(CardPanel).show(
            self.card,
            revealed=self.revealed,
            flagged=self.flagged,
            with_options=self.card_mode == "choice",
            chosen=self.chosen,
            grade=self.typed_grade,
            options=self.options,
            picked=self.picked,
        )
        bar = self.query_one(GradeBar)
        self.query_one("#study-grades").display = self.revealed
        if self.revealed:
            bar.show(self._previews(self.card.question_id) or [], self.suggested)
        hint, text = self.query_one("#study-hint", Static), self._hint()
        if hint.content != text:  # the same hint card after card: no new layout for it
            hint.update(text)
        self._show_status()
        self.refresh_bindings()

    @reported()
    def _previews(self, question_id: str) -> list[GradePreview]:
        return self.service.previews(question_id)

    def _mark_drawn(self, rendered: int) -> None:
        self._drawn = rendered

    @property
    def seen(self) -> bool:
        """Whether the card, as it is now (question, or answer once revealed), has been drawn."""
        return self._drawn == self._rendered

    def _hint(self) -> str:
        if self.revealed:
            if self.suggested is not None:
                label = RATING_LABELS[self.suggested]
                return f"enter: {label} (suggested) · 1-4 to grade differently"
            return "How well did you know it? 1 Again · 2 Hard · 3 Good · 4 Easy"
        if self.card_mode == "choice" and self.asks_truth:
            return "t true · f false (or a / b)"
        if self.card_mode == "choice":
            return f"a-{OPTION_KEYS[len(self.options) - 1]}: pick an option"
        if self.asks_truth:
            return "t true · f false · space: show the answer"
        if self.card_mode == "type" and self.card is not None and self.card.kind == "truefalse":
            return "Type true or false and press enter (escape ends the session)"
        if self.card_mode == "type":
            return "Type the answer and press enter (escape ends the session)"
        return "space: show the answer"

    def _show_status(self) -> None:
        elapsed = self.clock() - self.started_at
        custom = self.custom.spec.describe() if isinstance(self.custom, CustomSession) else ""
        elapsed_ms = int(elapsed.total_seconds() * 1000)
        self.query_one(StudyStatus).show(self.done, self.counts, elapsed_ms, self.mode, custom)

    # -- answering -------------------------------------------------------------------------

    def action_reveal(self) -> None:
        if self.card is not None and not self.revealed and self.seen:
            self.revealed = True
            self._render_card()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.card is None or self.revealed or self.card_mode != "type" or not self.seen:
            return
        from quizapp.study.grading import grade_typed  # rapidfuzz: for type mode only

        self.typed_grade = grade_typed(self.card, event.value)
        self.revealed = True
        # Keys go to the screen again (enter confirms, 1-4 grade); the verdict shows what was typed.
        event.input.disabled = True
        event.input.display = False
        self._render_card()

    def action_choose(self, index: int) -> None:
        if self.card is None or self.revealed or index >= len(self.options) or not self.seen:
            return
        self.chosen = index
        self.picked = self.options[index]
        self.revealed = True
        self._render_card()

    def action_truth(self, value: str) -> None:
        if not self.asks_truth or not self.seen:
            return
        if value in self.options:
            self.chosen = self.options.index(value)
        self.picked = value
        self.revealed = True
        self._render_card()

    def action_confirm(self) -> None:
        if self.suggested is not None:
            self.action_grade(self.suggested)

    def on_grade_bar_graded(self, event: GradeBar.Graded) -> None:
        self.action_grade(event.rating)

    def action_grade(self, rating: int) -> None:
        if self.card is None or not self.revealed or not self.seen:
            return
        typed: str | None = None
        if self.typed_grade is not None:
            typed = self.typed_grade.typed
        elif self.picked is not None:
            typed = self.picked
        duration = self.clock() - self.shown_at
        result = self._answer(
            self.card, rating, typed, max(0, int(duration.total_seconds() * 1000))
        )
        if result is None:
            return
        self.history.push(answer_undo_step(self.service, self.card.question_id, rating))
        self.done += 1
        if result.became_leech:
            state = "suspended" if result.suspended else "tagged"
            self.notify(f"This card is a leech ({state}): consider editing it.", severity="warning")
        self._next_card()

    @reported("Answer not saved")
    def _answer(
        self, card: CardView, rating: int, typed: str | None, duration_ms: int
    ) -> AnswerResult:
        return self.service.answer(
            card.question_id, rating, duration_ms=duration_ms, mode=self.card_mode, typed=typed
        )

    # -- ending ----------------------------------------------------------------------------

    def action_undo_while_typing(self) -> None:
        self.action_undo()

    def action_redo_while_typing(self) -> None:
        self.action_redo()

    def action_end_while_typing(self) -> None:
        self.action_end()

    def action_end(self) -> None:
        self._finish(all_done=False)

    def _finish(self, *, all_done: bool) -> None:
        summary = self._summary()
        if summary is None:
            return
        now: datetime = self.clock()
        # The one time shown: the header's session time, to the same second.
        elapsed = int((now - self.started_at).total_seconds() * 1000)
        self.app.switch_screen(
            SummaryScreen(
                summary,
                now,
                all_done=all_done,
                elapsed_ms=elapsed,
                scoped=self.article_id is not None,
            )
        )

    @reported(after=lambda screen: app_context(screen).leave_to_home())
    def _summary(self) -> SessionSummary:
        return self.service.summary(self.article_id)
