"""`quizapp backup` and `quizapp restore`: a whole bank to one file and back.

Two kinds of backup file:
- a SQLite database, made with SQLite's online backup API (for SQLite banks): one consistent
  snapshot even while another quizapp is answering cards, and a bank you can open as it is;
- a JSON bank document with every table (any engine, PostgreSQL included): articles and
  questions in the `quizapp export json` format, plus learners, cards, the review history and
  quiz nights (`question_bank.store.interchange.BackupDocument`).

Restore reads either kind and replaces the bank's contents in one transaction. A backup from an
older quizapp is upgraded on a scratch copy first; the file itself is never modified. A bank
that already holds anything is only overwritten with `force`.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from sqlalchemy import func, select

from question_bank.errors import BankError, QuestionBankError
from question_bank.store import Bank, backup_sqlite, open_bank
from question_bank.store.interchange import (
    BackupDocument,
    backup_document,
    bank_is_empty,
    parse_backup,
    restore_document,
)
from question_bank.store.schema import Base

BackupFormat = Literal["sqlite", "json"]
SQLITE_HEADER = b"SQLite format 3\x00"


class BackupError(QuestionBankError):
    """A backup or restore cannot be done (unreadable file, non-empty bank without --force)."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    format: BackupFormat
    rows: dict[str, int]


def choose_format(bank: Bank, output: Path | None, wanted: BackupFormat | None) -> BackupFormat:
    """SQLite file banks back up as SQLite files, unless JSON is asked for (or `-o x.json`)."""
    if wanted is not None:
        if wanted == "sqlite" and bank.file is None:
            raise BackupError("a SQLite backup needs a SQLite bank file; use --format json")
        return wanted
    if output is not None and output.suffix.lower() == ".json":
        return "json"
    return "sqlite" if bank.file is not None else "json"


def default_backup_path(bank: Bank, backup_format: BackupFormat, now: datetime) -> Path:
    """`<bank>-backup-<UTC time>.sqlite|json`, in the current directory."""
    path = bank.file
    stem = path.stem if path is not None else (bank.engine.url.database or "bank")
    return Path(f"{stem}-backup-{now.strftime('%Y%m%dT%H%M%SZ')}.{backup_format}")


def backup_bank(bank: Bank, output: Path, backup_format: BackupFormat) -> BackupResult:
    """Write a backup of the whole bank to `output` (atomically: a temp name, then renamed)."""
    if output.is_dir():
        raise BackupError(f"{output}: is a directory; give a file name")
    if not output.parent.exists():
        raise BackupError(f"{output.parent}: no such directory")
    if backup_format == "sqlite":
        path = bank.file
        if path is None:
            raise BackupError("a SQLite backup needs a SQLite bank file; use --format json")
        if output.resolve() == path.resolve():
            raise BackupError(f"{output}: that is the bank itself")
        backup_sqlite(path, output)
        copy = open_bank(output, create=False)
        try:
            rows = count_rows(copy)
        finally:
            copy.dispose()
        return BackupResult(output, "sqlite", rows)
    document = backup_of(bank)
    partial = output.with_name(output.name + ".part")
    try:
        partial.write_text(document.model_dump_json(indent=1) + "\n", encoding="utf-8")
        partial.replace(output)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise BackupError(f"{output}: cannot write ({error.strerror})") from None
    return BackupResult(output, "json", _row_counts(document))


def backup_of(bank: Bank) -> BackupDocument:
    """The whole bank as one document, read from one snapshot even while others write."""
    with bank.transaction() as session:
        if bank.is_sqlite:
            # pysqlite would run each SELECT on its own; one explicit read transaction makes
            # every table come from the same WAL snapshot.
            session.connection().exec_driver_sql("BEGIN")
        else:
            # PostgreSQL's default (read committed) gives each statement its own snapshot.
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        return backup_document(session)


def read_backup(source: Path) -> BackupDocument:
    """A backup file (SQLite or JSON) as a document; the file itself is left untouched."""
    try:
        with source.open("rb") as file:
            head = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise BackupError(f"{source}: cannot read ({error.strerror})") from None
    if head != SQLITE_HEADER:
        try:
            return parse_backup(source.read_bytes())
        except OSError as error:
            raise BackupError(f"{source}: cannot read ({error.strerror})") from None
    with tempfile.TemporaryDirectory(prefix="quizapp-restore-") as scratch:
        # A scratch copy: opening it may upgrade an old backup's schema, never the file itself.
        copy = Path(scratch) / "backup.sqlite"
        backup_sqlite(source, copy)
        try:
            bank = open_bank(copy, create=False)
        except BankError as error:  # name the user's file, not the scratch copy
            reason = str(error).split(": ", 1)[-1]
            raise BackupError(f"{source}: {reason}") from None
        try:
            return backup_of(bank)
        finally:
            bank.dispose()


def restore_bank(bank: Bank, source: Path, *, force: bool = False) -> dict[str, int]:
    """Replace the bank's contents with the backup's, in one transaction; rows per table."""
    document = read_backup(source)
    with bank.transaction() as session:
        if not force and not bank_is_empty(session):
            raise BackupError(
                f"{bank.url}: the bank is not empty; restoring would replace everything in it "
                "(use --force)"
            )
        return restore_document(session, document)


def count_rows(bank: Bank) -> dict[str, int]:
    """Rows per table of the bank."""
    with bank.transaction() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }


def _row_counts(document: BackupDocument) -> dict[str, int]:
    counts = {
        "articles": len(document.articles),
        "questions": len(document.questions),
        "learners": len(document.learners),
        "cards": len(document.cards),
        "review_logs": len(document.review_logs),
        "learner_fsrs_params": len(document.learner_fsrs_params),
    }
    counts.update({name: len(rows) for name, rows in document.tables.items()})
    return counts
