"""Test helpers shared by several test modules."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from question_bank.schema import Base
from question_bank.store import Bank


def bank_contents(bank: Bank) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: equal before and after means the bank is unchanged."""
    contents: dict[str, list[tuple[Any, ...]]] = {}
    with bank.transaction() as session:
        for table in Base.metadata.sorted_tables:
            rows = session.execute(select(table)).all()
            contents[table.name] = sorted((tuple(map(repr, row)) for row in rows), key=repr)
    return contents
