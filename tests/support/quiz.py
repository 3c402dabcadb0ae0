"""The quiz-night fixture bank, shared by the quiz-night unit, functional and snapshot tests."""

from __future__ import annotations

from pathlib import Path

from question_bank.store import Bank
from question_bank.store.interchange import import_document, parse_document

QUIZ_BANK = Path(__file__).resolve().parent.parent / "data" / "quiz_bank.json"


def fill_quiz_bank(bank: Bank) -> None:
    """The hand-written quiz fixture: 2 articles, 22 questions of every kind."""
    document = parse_document(QUIZ_BANK.read_text(encoding="utf-8"))
    with bank.transaction() as session:
        import_document(session, document)
