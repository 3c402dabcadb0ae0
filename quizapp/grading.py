"""Grading a typed answer with rapidfuzz: exact, close or wrong, and the rating it suggests."""

from __future__ import annotations

from quizapp.study_models import CardView, TypedGrade


def grade_typed(card: CardView, typed: str) -> TypedGrade:
    """Compare `typed` with the card's answer and accepted answers.

    Exact after normalisation (case, spacing, punctuation, accents) -> Good; close (rapidfuzz
    ratio >= 85 against any accepted answer) -> Hard; otherwise wrong -> Again. `diff` shows
    the difference against the closest accepted answer.
    """
    raise NotImplementedError
