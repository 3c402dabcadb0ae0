"""The bank as one JSON document (`quizapp export json` / `quizapp import json`).

The document is validated by pydantic models, so a malformed file is refused with the name of
the bad field before anything is written. Import is an upsert by id: importing into a bank that
already has the same ids updates them, never duplicates them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Annotated, Any, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import (
    ColumnDefault,
    Integer,
    Table,
    delete,
    insert,
    inspect,
    literal,
    select,
    text,
)
from sqlalchemy.orm import Session

from question_bank.errors import InterchangeError
from question_bank.models import QuestionKind, StoredQuestion
from question_bank.sanitize import clean_text
from question_bank.store.reader import read_questions
from question_bank.store.schema import ArticleRow, Base, QuestionRow, UTCDateTime, utcnow


def _as_utc(value: datetime) -> datetime:
    """Times in a bank document are UTC: one written without a zone is read as UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


UTCTime = Annotated[datetime, AfterValidator(_as_utc)]
# Text from a document is untrusted: terminal escapes, control characters and bidi overrides
# never enter the bank (question_bank.sanitize).
CleanStr = Annotated[str, AfterValidator(clean_text)]
# Bounded so that every engine stores what the model accepts: PostgreSQL's INTEGER is 32-bit
# (SQLite's 64-bit INTEGER would take more, and then fail on PostgreSQL only).
Position = Annotated[int, Field(ge=0, le=2**31 - 1)]
# A score is a ranking weight (0-1 from the generator); NaN and infinities are refused: SQLite
# stores NaN as NULL and fails on NOT NULL where PostgreSQL accepts it.
Score = Annotated[float, Field(ge=-1e6, le=1e6, allow_inf_nan=False)]

FORMAT: Literal["quizapp.bank"] = "quizapp.bank"
VERSION: Literal[1] = 1


class ArticleDocument(BaseModel):
    """An article in a bank document."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1, max_length=64)
    title: CleanStr
    source: CleanStr
    text: CleanStr = ""
    content_hash: str | None = None
    imported_at: UTCTime | None = None


class QuestionDocument(BaseModel):
    """A question in a bank document.

    Its keys are the read model's fields (`StoredQuestion`, in the same order; a test keeps
    them so), declared here again because a document is untrusted input: each field carries
    the bounds and cleaning it is validated with before anything is written.
    """

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1, max_length=32)
    article_id: str
    kind: QuestionKind
    prompt: CleanStr = Field(min_length=1)
    answer: CleanStr = Field(min_length=1)
    accepted_answers: list[CleanStr] = Field(default_factory=list)
    choices: list[CleanStr] = Field(default_factory=list)
    source_sentence: CleanStr = ""
    section: CleanStr = ""
    answer_type: str = Field(default="thing", max_length=32)
    score: Score = 0.0
    tags: list[CleanStr] = Field(default_factory=list)
    position: Position = 0
    retired: bool = False
    edited: bool = False


class BankDocument(BaseModel):
    """The whole bank: `{"format": "quizapp.bank", "version": 1, "articles": [...], ...}`."""

    model_config = ConfigDict(extra="ignore")

    format: Literal["quizapp.bank"] = FORMAT
    version: Literal[1] = VERSION
    exported_at: UTCTime | None = None
    articles: list[ArticleDocument]
    questions: list[QuestionDocument]


def parse_document(text: str | bytes) -> BankDocument:
    """Validate a JSON bank document; InterchangeError names the first bad field."""
    document = _validated(BankDocument, text)
    _check_references(document)
    return document


def export_document(session: Session, article_ids: list[str] | None = None) -> BankDocument:
    """The bank (or some of its articles) as a document."""
    article_query = select(ArticleRow).order_by(ArticleRow.imported_at, ArticleRow.id)
    chosen = [QuestionRow.article_id.in_(article_ids)] if article_ids else []
    if article_ids:
        article_query = article_query.where(ArticleRow.id.in_(article_ids))
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
    # The store's bulk reader, sorted here (article, sentence order; the id breaks ties).
    stored = sorted(read_questions(session, *chosen), key=_document_order)
    questions = [QuestionDocument.model_validate(q, from_attributes=True) for q in stored]
    return BankDocument(exported_at=utcnow(), articles=articles, questions=questions)


def _document_order(question: StoredQuestion) -> tuple[str, int, str]:
    return question.article_id, question.position, question.id


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


# -- Backups: the same document, with every row of every table ---------------------------------
#
# `quizapp backup` writes a BackupDocument: a bank document (same format and version, so
# `quizapp import json` still reads its articles and questions) that also carries learners,
# cards, the review history and every other table (quiz nights...), row by row, keyed by
# column name. Records allow extra fields, so a column added to the schema later travels in the
# backup without a change here; `restore_document` writes back every field that is a column.


class ArticleRecord(ArticleDocument):
    """An article with all its columns."""

    model_config = ConfigDict(extra="allow")

    updated_at: UTCTime | None = None


class QuestionRecord(QuestionDocument):
    """A question with all its columns."""

    model_config = ConfigDict(extra="allow")

    created_at: UTCTime | None = None
    updated_at: UTCTime | None = None


class LearnerRecord(BaseModel):
    """A learner."""

    model_config = ConfigDict(extra="allow")

    id: int
    name: str = Field(min_length=1, max_length=100)
    created_at: UTCTime | None = None


class CardRecord(BaseModel):
    """One learner's scheduling state for one question (the FSRS fields)."""

    model_config = ConfigDict(extra="allow")

    id: int
    learner_id: int
    question_id: str
    state: int = Field(ge=0, le=3)
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: UTCTime
    last_review: UTCTime | None = None
    reps: int = 0
    lapses: int = 0
    suspended: bool = False
    buried_until: UTCTime | None = None


class ReviewLogRecord(BaseModel):
    """One answer in the review history."""

    model_config = ConfigDict(extra="allow")

    id: int
    learner_id: int
    question_id: str
    rating: int = Field(ge=1, le=4)
    reviewed_at: UTCTime
    duration_ms: int = 0
    mode: str = "flip"
    typed: str | None = None
    state_before: int = 0
    state_after: int = 0
    card_before: dict[str, Any] = Field(default_factory=dict)


class LearnerFsrsParamsRecord(BaseModel):
    """FSRS parameters fitted to a learner's history (one optimisation)."""

    model_config = ConfigDict(extra="allow")

    id: int
    learner_id: int
    # Finite numbers (JSON's NaN/Infinity extensions refused); bounds are the scheduler's job.
    parameters: list[Annotated[float, Field(allow_inf_nan=False)]] = Field(
        min_length=21, max_length=21
    )
    fitted_at: UTCTime
    reviews: int = Field(default=0, ge=0)
    report: dict[str, Any] = Field(default_factory=dict)


BankDocumentT = TypeVar("BankDocumentT", bound=BankDocument)


class BackupDocument(BankDocument):
    """A bank document with the whole bank: history and every other table included."""

    # Narrower records than the plain document's (pydantic validates them as such).
    articles: list[ArticleRecord]  # type: ignore[assignment]
    questions: list[QuestionRecord]  # type: ignore[assignment]
    learners: list[LearnerRecord] = Field(default_factory=list)
    cards: list[CardRecord] = Field(default_factory=list)
    review_logs: list[ReviewLogRecord] = Field(default_factory=list)
    learner_fsrs_params: list[LearnerFsrsParamsRecord] = Field(default_factory=list)
    """Each learner's fitted FSRS parameters (absent from backups made before they existed)."""
    tables: dict[str, list[dict[str, Any]]] = Field(default_factory=dict)
    """Every other table (quiz nights, teams, questions asked, scores...), rows by column name."""


# The tables with a list of their own in a BackupDocument; every other one goes in `tables`.
_NAMED: dict[str, type[BaseModel]] = {
    "articles": ArticleRecord,
    "questions": QuestionRecord,
    "learners": LearnerRecord,
    "cards": CardRecord,
    "review_logs": ReviewLogRecord,
    "learner_fsrs_params": LearnerFsrsParamsRecord,
}


def parse_backup(text: str | bytes) -> BackupDocument:
    """Validate a backup (or plain bank) document, references between its lists included."""
    document = _validated(BackupDocument, text)
    _check_references(document)
    learners = {learner.id for learner in document.learners}
    questions = {question.id for question in document.questions}
    history: list[tuple[str, Sequence[CardRecord | ReviewLogRecord]]] = [
        ("cards", document.cards),
        ("review_logs", document.review_logs),
    ]
    for name, rows in history:
        for index, row in enumerate(rows):
            if row.learner_id not in learners:
                raise InterchangeError(
                    f"invalid bank document at {name}.{index}.learner_id: "
                    f"no learner {row.learner_id} in the document"
                )
            if row.question_id not in questions:
                raise InterchangeError(
                    f"invalid bank document at {name}.{index}.question_id: "
                    f"no question {row.question_id!r} in the document"
                )
    for index, fitted in enumerate(document.learner_fsrs_params):
        if fitted.learner_id not in learners:
            raise InterchangeError(
                f"invalid bank document at learner_fsrs_params.{index}.learner_id: "
                f"no learner {fitted.learner_id} in the document"
            )
    unknown = set(document.tables) - {t.name for t in Base.metadata.sorted_tables}
    if unknown:
        raise InterchangeError(f"invalid bank document: unknown table {sorted(unknown)[0]!r}")
    return document


def backup_document(session: Session) -> BackupDocument:
    """Every row of every table of the bank, in one consistent read (the caller's transaction)."""
    named: dict[str, list[Any]] = {}
    others: dict[str, list[dict[str, Any]]] = {}
    for table in Base.metadata.sorted_tables:
        order = list(table.primary_key.columns)
        rows = [dict(row) for row in session.execute(select(table).order_by(*order)).mappings()]
        record = _NAMED.get(table.name)
        if record is None:
            others[table.name] = rows
        else:
            named[table.name] = [record.model_validate(row) for row in rows]
    return BackupDocument.model_validate({"exported_at": utcnow(), "tables": others, **named})


def bank_is_empty(session: Session) -> bool:
    """True when no table of the bank holds a row."""
    return all(
        session.execute(select(literal(1)).select_from(table).limit(1)).first() is None
        for table in Base.metadata.sorted_tables
    )


def restore_document(session: Session, document: BackupDocument) -> dict[str, int]:
    """Replace the bank's contents with the document's, in the caller's transaction.

    Rows keep their ids, so cards and history point at the same learners and questions as in
    the backed-up bank. Returns the number of rows written per table.
    """
    # A table the bank does not have yet (a bank below the schema head, as in the migration
    # tests) is skipped when the document has nothing for it; rows for it would fail loudly.
    present = set(inspect(session.connection()).get_table_names())
    tables = [
        table
        for table in Base.metadata.sorted_tables
        if table.name in present or _document_rows(document, table.name)
    ]
    for table in reversed(tables):
        session.execute(delete(table))
    written: dict[str, int] = {}
    for table in tables:
        if table.name in _NAMED:
            records: list[BaseModel] = getattr(document, table.name)
            rows = [record.model_dump() for record in records]
        else:
            rows = document.tables.get(table.name, [])
        if table.name == "articles":
            for row in rows:
                row["content_hash"] = row.get("content_hash") or row["id"]
        if table.name == "questions":
            for row in rows:
                row["kind"] = QuestionKind(row["kind"]).value
        values = [_column_values(table, row) for row in rows]
        if values:
            session.execute(insert(table), values)
        written[table.name] = len(values)
    _advance_sequences(session, tables)
    return written


def _document_rows(document: BackupDocument, name: str) -> list[Any]:
    rows: list[Any] = getattr(document, name) if name in _NAMED else document.tables.get(name, [])
    return rows


def _validated(model: type[BankDocumentT], text: str | bytes) -> BankDocumentT:
    # A UTF-8 byte order mark (Windows editors write one) is not part of the document.
    if isinstance(text, bytes):
        text = text.removeprefix(b"\xef\xbb\xbf")
    else:
        text = text.removeprefix("\ufeff")
    try:
        return model.model_validate_json(text)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "document"
        raise InterchangeError(f"invalid bank document at {where}: {first['msg']}") from None


def _check_unique(name: str, ids: Sequence[str]) -> None:
    """Two entries with one id would silently merge (the second overwriting the first)."""
    first_at: dict[str, int] = {}
    for index, each in enumerate(ids):
        if each in first_at:
            raise InterchangeError(
                f"invalid bank document: {name}.{first_at[each]} and {name}.{index} "
                f"have the same id {each!r}"
            )
        first_at[each] = index


def _check_references(document: BankDocument) -> None:
    _check_unique("articles", [a.id for a in document.articles])
    _check_unique("questions", [q.id for q in document.questions])
    article_ids = {a.id for a in document.articles}
    for index, question in enumerate(document.questions):
        if question.article_id not in article_ids:
            raise InterchangeError(
                f"invalid bank document at questions.{index}.article_id: "
                f"no article {question.article_id!r} in the document"
            )


def _column_values(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """The row as values for every column of the table.

    Datetimes are parsed back from JSON text; a field the document leaves out (or null) where
    the column needs a value gets the column's default, as a new row would (a hand-made
    document without `created_at`, a backup from before a column existed).
    """
    values: dict[str, Any] = {}
    for column in table.columns:
        value = row.get(column.name)
        if value is None and not column.nullable and isinstance(column.default, ColumnDefault):
            default = column.default
            # SQLAlchemy wraps a callable default to take the execution context.
            value = default.arg(None) if default.is_callable else default.arg
        elif isinstance(column.type, UTCDateTime) and value is not None:
            if isinstance(value, str):
                try:
                    value = datetime.fromisoformat(value)
                except ValueError:
                    raise InterchangeError(
                        f"invalid bank document at {table.name}.{column.name}: not a date {value!r}"
                    ) from None
            if isinstance(value, datetime) and value.tzinfo is None:
                value = value.replace(tzinfo=UTC)  # times in a bank document are UTC
        values[column.name] = value
    return values


def _advance_sequences(session: Session, tables: list[Table]) -> None:
    """PostgreSQL: move each id sequence past the restored ids, so new rows get fresh ids."""
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite's INTEGER PRIMARY KEY continues from the largest id by itself
    for table in tables:
        key = list(table.primary_key.columns)
        if len(key) != 1 or not isinstance(key[0].type, Integer):
            continue
        session.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:table, :column), "
                f"COALESCE((SELECT MAX({key[0].name}) FROM {table.name}), 0) + 1, false)"
            ),
            {"table": table.name, "column": key[0].name},
        )
