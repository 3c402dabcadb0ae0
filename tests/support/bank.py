"""Test helpers shared by several test modules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from question_bank.store import Bank, open_bank
from question_bank.store.schema import Base
from quizapp.study.views import CardView


def bank_contents(bank: Bank) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: equal before and after means the bank is unchanged."""
    contents: dict[str, list[tuple[Any, ...]]] = {}
    with bank.transaction() as session:
        for table in Base.metadata.sorted_tables:
            rows = session.execute(select(table)).all()
            contents[table.name] = sorted((tuple(map(repr, row)) for row in rows), key=repr)
    return contents


def file_contents(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """`bank_contents` of the bank in a file, opened and closed again."""
    bank = open_bank(db)
    try:
        return bank_contents(bank)
    finally:
        bank.dispose()


def card_view(**fields: Any) -> CardView:
    """A CardView as the study service hands it out: a new open card unless `fields` say else."""
    defaults: dict[str, Any] = {
        "id": "q",
        "article_id": "a",
        "article_title": "A",
        "kind": "open",
        "prompt": "?",
        "answer": "",
        "accepted_answers": (),
        "choices": (),
        "source_sentence": "",
        "section": "",
        "answer_type": "thing",
        "state": 0,
        "due": None,
        "reps": 0,
        "lapses": 0,
        "flagged": False,
        "suspended": False,
        "leech": False,
    }
    return CardView(**{**defaults, **fields})
