"""Open a bank: a SQLAlchemy engine and sessions over SQLite (default) or any SQLAlchemy URL.

SQLite gets WAL (readers never block the writer), foreign keys on and a busy timeout, so that
two processes can share one bank file. Every unit of work runs in its own session and
transaction (`Bank.transaction()`), so a bank is never left half-written.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from question_bank.errors import BankError
from question_bank.schema import Base

SQLITE_BUSY_TIMEOUT_S = 5.0


def bank_url(url_or_path: str | Path) -> str:
    """Turn `--db` input into a SQLAlchemy URL: a URL stays as it is, a path becomes sqlite."""
    text = str(url_or_path)
    if "://" in text:
        return text
    path = Path(text).expanduser()
    return f"sqlite:///{path}"


@dataclass
class Bank:
    """An open bank: the engine and a session factory. Cheap to pass around; thread-safe."""

    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on any error.

        Database errors surface as BankError with a one-line reason (locked, unreachable...).
        """
        session = self.sessions()
        try:
            with session.begin():
                yield session
        except DatabaseError as error:
            raise BankError(describe_database_error(error, self.url)) from error
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def open_bank(url_or_path: str | Path, *, create: bool = True) -> Bank:
    """Open (and, for a new bank, create) the bank at a file path or SQLAlchemy URL."""
    url = bank_url(url_or_path)
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        path = Path(url.removeprefix("sqlite:///"))
        if path.is_dir():
            raise BankError(f"{path}: is a directory, not a bank file")
        if not path.exists() and not create:
            raise BankError(f"{path}: no such bank")
        if not path.parent.exists():
            if not create:
                raise BankError(f"{path.parent}: no such directory")
            path.parent.mkdir(parents=True, exist_ok=True)
    engine = _create_engine(url)
    try:
        if create:
            Base.metadata.create_all(engine)
        else:
            inspect(engine).get_table_names()
    except DatabaseError as error:
        engine.dispose()
        raise BankError(describe_database_error(error, url)) from None
    except SQLAlchemyError as error:
        engine.dispose()
        raise BankError(f"{url}: cannot open the bank ({type(error).__name__})") from None
    return Bank(engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))


def _create_engine(url: str) -> Engine:
    kwargs: dict[str, Any] = {}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False}
    try:
        engine = create_engine(url, **kwargs)
    except NoSuchModuleError:
        scheme = url.split("://", 1)[0]
        raise BankError(f"unknown database URL scheme {scheme!r} in --db {url}") from None
    except (ArgumentError, ValueError):
        raise BankError(f"not a database URL or file path: {url}") from None
    except ModuleNotFoundError as error:
        raise BankError(f"the database driver for {url} is not installed ({error.name})") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
    if not _is_memory(dbapi_connection):
        cursor.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL is still durable against process crashes; only an OS crash or
        # power loss can lose the last transactions, never corrupt the file.
        cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _is_memory(dbapi_connection: Any) -> bool:
    cursor = dbapi_connection.cursor()
    try:
        rows = cursor.execute("PRAGMA database_list").fetchall()
    finally:
        cursor.close()
    return any(row[1] == "main" and not row[2] for row in rows)


def describe_database_error(error: DatabaseError, url: str) -> str:
    """One line for a database error a user can act on."""
    message = str(error.orig) if error.orig is not None else str(error)
    first = message.strip().splitlines()[0] if message.strip() else type(error).__name__
    if "locked" in first or "busy" in first:
        return (
            f"the bank is locked by another process (waited {SQLITE_BUSY_TIMEOUT_S:.0f} s): "
            "close the other quizapp and try again"
        )
    if "unable to open database file" in first:
        return f"{url}: cannot open the bank file"
    if "file is not a database" in first:
        return f"{url}: not a quizapp bank (not a SQLite database)"
    return f"{url}: {first}"
