"""The study screen's card actions: undo and redo, bury, suspend, flag, edit, card info.

`CardActions` is the base of `quizapp.tui.screens.study.StudyScreen`: the actions a learner
takes on the card shown, each recorded as an undoable step of the session (`UndoStack`),
apart from showing and answering cards, which the study screen itself does.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from quizapp.study.session import StudyService
from quizapp.study.undo import UndoStack, card_step, question_step
from quizapp.study.views import CardView
from quizapp.tui.dialogs.edit_card import CardEdit, EditCardScreen, save_edit
from quizapp.tui.errors import reported
from quizapp.tui.screens.card_info import CardInfoScreen

__all__ = ["CardActions"]


class CardActions(Screen[None]):
    """Undoable actions on the card shown; the study screen shows and answers cards."""

    service: StudyService
    card: CardView | None
    flagged: bool
    done: int
    history: UndoStack

    def _ask(self, card: CardView) -> None:
        raise NotImplementedError

    def _next_card(self) -> None:
        raise NotImplementedError

    def _render_card(self) -> None:
        raise NotImplementedError

    def _update_counts(self) -> None:
        raise NotImplementedError

    @reported()
    def action_undo(self) -> None:
        """Take back the last action of the session (answer, bury, suspend, flag, edit)."""
        step = self.history.undo()
        if step is None:
            self._undo_earlier_answer()
            return
        if step.label == "Answer":
            self.done = max(0, self.done - 1)
        self.notify(f"Undone: {step.label.lower()}.")
        self._show_again(step.question_id)

    @reported()
    def _undo_earlier_answer(self) -> None:
        """Nothing done in this session: the learner's last answer in the bank (an earlier
        session's, even before a restart) can still be taken back."""
        card = self.service.undo()
        if card is None:
            self.notify("Nothing to undo.")
            return
        self.notify("Undone: answer (from an earlier session).")
        self._ask(card)
        self.call_after_refresh(self._update_counts)

    @reported()
    def action_redo(self) -> None:
        """Do the last undone action again."""
        step = self.history.redo()
        if step is None:
            self.notify("Nothing to redo.")
            return
        if step.label == "Answer":
            self.done += 1
        self.notify(f"Redone: {step.label.lower()}.")
        if step.label in ("Answer", "Bury", "Suspend"):
            self._next_card()  # the card is answered, buried or suspended again: move on
        else:
            self._show_again(step.question_id)

    @reported()
    def _show_again(self, question_id: str) -> None:
        """Ask the card an undo or redo was about (as Anki goes back to the undone card)."""
        card = self.service.card(question_id)
        self._ask(card)
        self.call_after_refresh(self._update_counts)

    def action_bury(self) -> None:
        if self.card is None:
            return
        self._card_change("Bury", lambda qid: self.service.bury(qid), "Buried until tomorrow.")

    def action_suspend(self) -> None:
        if self.card is None:
            return
        self._card_change(
            "Suspend",
            lambda qid: self.service.set_suspended(qid, True),
            "Suspended (unsuspend it in Browse).",
        )

    def _record(self, label: str, question_id: str, change: Callable[[], object]) -> None:
        """Make a change to a card as an undoable step (raises QuestionBankError)."""
        service = self.service
        self.history.push(
            card_step(
                service.bank,
                service.learner_id,
                label,
                question_id,
                service.siblings(question_id) if label in ("Bury", "Suspend") else (),
                change,
                service.forget_cache,
            )
        )

    @reported()
    def _card_change(self, label: str, change: Callable[[str], None], message: str) -> None:
        if self.card is None:
            return
        question_id = self.card.question_id
        self._record(label, question_id, lambda: change(question_id))
        self.notify(message)
        self._next_card()

    @reported()
    def action_flag(self) -> None:
        if self.card is None:
            return
        question_id, flagged = self.card.question_id, not self.flagged
        self._record("Flag", question_id, lambda: self.service.set_flagged(question_id, flagged))
        self.flagged = flagged
        self.notify("Flagged." if self.flagged else "Flag removed.")
        self._render_card()

    def action_edit(self) -> None:
        card = self.card
        if card is None:
            return

        def saved(edit: CardEdit | None) -> None:
            if edit is not None:
                self._save_edit(card.question_id, edit)

        self.app.push_screen(EditCardScreen(card.prompt, card.answer, card.accepted_answers), saved)

    @reported()
    def _save_edit(self, question_id: str, edit: CardEdit) -> None:
        edited: list[CardView | None] = []
        self.history.push(
            question_step(
                self.service.bank,
                "Edit",
                question_id,
                lambda: edited.append(save_edit(self, self.service.cards, question_id, edit)),
            )
        )
        updated = edited[0] if edited else None
        if updated is not None and self.card is not None:
            self.card = updated
            self._render_card()

    def action_info(self) -> None:
        if self.card is not None:
            self.app.push_screen(CardInfoScreen(self.card.question_id))
