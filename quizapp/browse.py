"""The browse table's queries: search and filter all questions, delete one with its history."""

from __future__ import annotations

from question_bank.store import Bank
from quizapp.study_models import BrowseFilter, BrowseRow


def search(
    bank: Bank, learner: str, filters: BrowseFilter, limit: int = 200, offset: int = 0
) -> list[BrowseRow]:
    """Questions matching the filter, ordered by article and position, one page."""
    raise NotImplementedError


def count(bank: Bank, learner: str, filters: BrowseFilter) -> int:
    """How many questions match the filter (for "n of m")."""
    raise NotImplementedError


def delete_question(bank: Bank, question_id: str) -> None:
    """Delete a question with its cards and review logs, in one transaction."""
    raise NotImplementedError
