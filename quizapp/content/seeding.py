"""Fill an empty bank from the bundled seed articles (first run of `quizapp`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from question_bank.store import Bank
from question_bank.store.schema import ArticleRow
from quizapp import paths

if TYPE_CHECKING:  # the writer's module imports rapidfuzz: not for every start's bank check
    from question_bank.store.content import GenerationSummary


def bank_is_empty(bank: Bank) -> bool:
    with bank.transaction() as session:
        return session.scalars(select(ArticleRow.id).limit(1)).first() is None


def seed_if_empty(bank: Bank, spacy_model: str = "") -> list[GenerationSummary]:
    """Generate the seed articles into the bank when it has no article yet."""
    if not bank_is_empty(bank):
        return []
    seeds = paths.seed_articles()
    if not seeds:
        return []
    # Here, not at the top: every start of the app asks `bank_is_empty`, and the generator
    # (readers, the NLP wrapper, the question modules) is 0.2 s of imports it needs only once.
    from quizapp.content.generation import generate_files

    return generate_files(bank, seeds, spacy_model=spacy_model)
