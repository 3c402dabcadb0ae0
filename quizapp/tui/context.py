"""Typed access from a screen to the QuizApp it runs in (bank, settings, clock, learner)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.dom import DOMNode

if TYPE_CHECKING:
    from quizapp.tui.app import QuizApp


def quiz_app(node: DOMNode) -> QuizApp:
    """The running QuizApp; screens read their attributes from it (attributes down)."""
    from quizapp.tui.app import QuizApp

    app = node.app
    if not isinstance(app, QuizApp):
        raise TypeError("quizapp screens run inside QuizApp")
    return app
