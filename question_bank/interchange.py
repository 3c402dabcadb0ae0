"""The bank as one JSON document (`quizapp export json` / `quizapp import json`).

The document is validated by pydantic models, so a malformed file is refused with the name of
the bad field before anything is written. Import is an upsert by id: importing into a bank that
already has the same ids updates them, never duplicates them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from question_bank.errors import InterchangeError
from question_bank.models import QuestionKind
from question_bank.schema import ArticleRow, QuestionRow, utcnow

FORMAT: Literal["quizapp.bank"] = "quizapp.bank"
VERSION: Literal[1] = 1


class ArticleDocument(BaseModel):
    """An article in a bank document."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1, max_length=64)
    title: str
    source: str
    text: str = ""
    content_hash: str | None = None
    imported_at: datetime | None = None


class QuestionDocument(BaseModel):
    """A question in a bank document."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1, max_length=32)
    article_id: str
    kind: QuestionKind
    prompt: str = Field(min_length=1)
    answer: str = Field(min_length=1)
    accepted_answers: list[str] = Field(default_factory=list)
    choices: list[str] = Field(default_factory=list)
    source_sentence: str = ""
    section: str = ""
    answer_type: str = "thing"
    score: float = 0.0
    tags: list[str] = Field(default_factory=list)
    position: int = 0
    retired: bool = False
    edited: bool = False


class BankDocument(BaseModel):
    """The whole bank: `{"format": "quizapp.bank", "version": 1, "articles": [...], ...}`."""

    model_config = ConfigDict(extra="ignore")

    format: Literal["quizapp.bank"] = FORMAT
    version: Literal[1] = VERSION
    exported_at: datetime | None = None
    articles: list[ArticleDocument]
    questions: list[QuestionDocument]


def parse_document(text: str | bytes) -> BankDocument:
    """Validate a JSON bank document; InterchangeError names the first bad field."""
    try:
        document = BankDocument.model_validate_json(text)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "document"
        raise InterchangeError(f"invalid bank document at {where}: {first['msg']}") from None
    article_ids = {a.id for a in document.articles}
    for index, question in enumerate(document.questions):
        if question.article_id not in article_ids:
            raise InterchangeError(
                f"invalid bank document at questions.{index}.article_id: "
                f"no article {question.article_id!r} in the document"
            )
    return document


def export_document(session: Session, article_ids: list[str] | None = None) -> BankDocument:
    """The bank (or some of its articles) as a document."""
    article_query = select(ArticleRow).order_by(ArticleRow.imported_at, ArticleRow.id)
    question_query = select(QuestionRow).order_by(QuestionRow.article_id, QuestionRow.position)
    if article_ids:
        article_query = article_query.where(ArticleRow.id.in_(article_ids))
        question_query = question_query.where(QuestionRow.article_id.in_(article_ids))
    articles = [
        ArticleDocument(
            id=a.id,
            title=a.title,
            source=a.source,
            text=a.text,
            content_hash=a.content_hash,
            imported_at=a.imported_at,
        )
        for a in session.scalars(article_query)
    ]
    questions = [
        QuestionDocument.model_validate(q, from_attributes=True)
        for q in session.scalars(question_query)
    ]
    return BankDocument(exported_at=utcnow(), articles=articles, questions=questions)


def import_document(session: Session, document: BankDocument) -> tuple[int, int]:
    """Upsert a document's articles and questions; returns (added, updated) question counts."""
    now = utcnow()
    for article in document.articles:
        row = session.get(ArticleRow, article.id)
        if row is None:
            session.add(
                ArticleRow(
                    id=article.id,
                    title=article.title,
                    source=article.source,
                    text=article.text,
                    content_hash=article.content_hash or article.id,
                    imported_at=article.imported_at or now,
                    updated_at=now,
                )
            )
        else:
            row.title, row.source, row.text = article.title, article.source, article.text
            row.updated_at = now
    session.flush()
    added = updated = 0
    for question in document.questions:
        values = question.model_dump(exclude={"id"})
        values["kind"] = question.kind.value
        row_q = session.get(QuestionRow, question.id)
        if row_q is None:
            session.add(QuestionRow(id=question.id, created_at=now, updated_at=now, **values))
            added += 1
            continue
        changed = {k: v for k, v in values.items() if getattr(row_q, k) != v}
        if changed:
            if {"prompt", "answer", "accepted_answers"} & changed.keys():
                # An edited export is a person's edit: regeneration must keep it.
                changed["edited"] = True
            for key, value in changed.items():
                setattr(row_q, key, value)
            row_q.updated_at = now
            updated += 1
    return added, updated
