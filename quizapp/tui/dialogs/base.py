"""The base of every dialog: its own footer of keys, `?` help, and notices in place of toasts.

A `ModalScreen` hides the app's bindings and is drawn over the screen below, whose footer then
shows keys that do nothing in the dialog. So every dialog yields its own compact footer and
binds `?` (and F1, for when the focus is in a text field that takes `?`) to the app's help.

Textual draws a toast on the top screen, over whatever is there: over a dialog it hides the
dialog's fields and buttons. A dialog hides the toasts drawn on it and shows a notification
raised while it is open on a line of its own, docked above its footer, so the dialog's box is
laid out in what is left and never covered (`QuizApp.on_notify` hands the notification over).
Toasts still live when the dialog opens come back on the screen below once it closes, if
their time has not run out.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.notifications import Notification
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

ResultType = TypeVar("ResultType")


class DialogNotice(Static):
    """The latest notification raised while the dialog is open; hidden until there is one."""

    DEFAULT_CSS = """
    DialogNotice {
        display: none;
        width: 100%;
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $panel;
        color: $text;
    }
    DialogNotice.-shown {
        display: block;
    }
    DialogNotice.-warning {
        color: $warning;
    }
    DialogNotice.-error {
        color: $error;
        text-style: bold;
    }
    """

    def show(self, notification: Notification) -> None:
        # As a toast renders it: markup only when the caller asked for it (never user text).
        body = (
            Content.from_markup(notification.message)
            if notification.markup
            else Content(notification.message)
        )
        if notification.title:
            body = Content.assemble((f"{notification.title}: ", "bold"), body)
        self.update(body)
        for severity in ("information", "warning", "error"):
            self.set_class(notification.severity == severity, f"-{severity}")
        self.add_class("-shown")


class QuizModal(ModalScreen[ResultType]):
    """A dialog: subclasses yield their content in `compose_dialog`, inside the dialog box.

    The box gets `DIALOG_ID` and `DIALOG_CLASSES` (the app's `.dialog` style, or the quiz
    night's `.quiz-dialog`); the notice line and the footer are added here.
    """

    DEFAULT_CSS = """
    /* Toasts are drawn over the dialog otherwise; its notice line shows them instead. */
    QuizModal Toast {
        visibility: hidden;
    }
    QuizModal .dialog-bottom {
        dock: bottom;
        height: auto;
    }
    QuizModal .dialog-bottom Footer {
        dock: none;
    }
    """
    HELP_BINDINGS: ClassVar[tuple[Binding, ...]] = (
        Binding("question_mark", "app.help", "Help", key_display="?"),
        # Where a text field has the focus, it takes `?`, and the footer shows F1 instead.
        Binding("f1", "app.help", "Help"),
    )
    """The app's `?`, hidden by the modal, and F1."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Help goes last in each dialog's own keys, where the app's other screens show it; it
        # is added before Textual merges the class's bindings (in `super().__init_subclass__`).
        own = cls.__dict__.get("BINDINGS", [])
        if not any(isinstance(b, Binding) and b.action == "app.help" for b in own):
            cls.BINDINGS = [*own, *cls.HELP_BINDINGS]
        super().__init_subclass__(**kwargs)

    DIALOG_ID: ClassVar[str] = "dialog"
    DIALOG_CLASSES: ClassVar[str] = "dialog"

    def compose(self) -> ComposeResult:
        # Docked widgets on one edge overlap: the notice and the footer share one docked box.
        with Vertical(classes="dialog-bottom"):
            yield DialogNotice(id="dialog-notice")
            yield Footer(compact=True)
        with Vertical(id=self.DIALOG_ID, classes=self.DIALOG_CLASSES):
            yield from self.compose_dialog()

    def compose_dialog(self) -> ComposeResult:
        """The dialog's own widgets."""
        raise NotImplementedError
        yield  # pragma: no cover

    def show_notice(self, notification: Notification) -> None:
        """Show a notification in the dialog's notice line (the app calls this)."""
        self.query_one(DialogNotice).show(notification)
