"""Find articles by id or id prefix, as users type them on the command line."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from question_bank.errors import QuestionBankError
from question_bank.store.schema import ArticleRow


def resolve_article_ids(session: Session, given: Sequence[str]) -> list[str]:
    """Full article ids for ids or unambiguous prefixes; a clear error for the others."""
    ids: list[str] = []
    for prefix in given:
        matches = session.scalars(
            select(ArticleRow.id).where(ArticleRow.id.startswith(prefix, autoescape=True))
        ).all()
        if not matches:
            raise QuestionBankError(f"no article with id {prefix!r} (see `quizapp list`)")
        if len(matches) > 1:
            raise QuestionBankError(f"article id {prefix!r} is ambiguous: give more characters")
        ids.append(matches[0])
    return ids
