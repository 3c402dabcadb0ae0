"""Open a bank: a SQLAlchemy engine and sessions over SQLite (default) or any SQLAlchemy URL.

SQLite gets WAL (readers never block the writer), foreign keys on and a busy timeout, so that
two processes can share one bank file. Every unit of work runs in its own session and
transaction (`Bank.transaction()`), so a bank is never left half-written.

The bank records its schema revision (Alembic's `alembic_version` table); `open_bank()`
creates new banks at the current revision and upgrades older ones through
`question_bank.store.migrations`, importing Alembic only when there is something to upgrade.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, insert, inspect, select, text
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    NoSuchModuleError,
    OperationalError,
    ProgrammingError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from question_bank.errors import BankError
from question_bank.store import migrations
from question_bank.store.schema import Base

SQLITE_BUSY_TIMEOUT_S = 5.0
PG_CONNECT_TIMEOUT_S = 10


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
    was_empty_file: bool = False
    """The bank's file existed but was empty (0 bytes): it has just become a new bank."""

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def file(self) -> Path | None:
        """The bank's file (a SQLite bank on disk), or None."""
        database = self.engine.url.database
        if not self.is_sqlite or not database or database == ":memory:":
            return None
        return Path(database)

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


def open_bank(url_or_path: str | Path, *, create: bool = True, make_parents: bool = False) -> Bank:
    """Open the bank at a file path or SQLAlchemy URL, bringing its schema to this program's.

    A new SQLite bank file is only made in a folder that exists, unless `make_parents` (the
    default bank in the user data dir): a mistyped `--db` path is an error, not a new empty bank.

    A new (empty) bank is created at the current schema revision. A bank made by an older
    quizapp is upgraded in place by the Alembic migrations (a SQLite bank is backed up next to
    itself first); a bank made by a newer quizapp is refused and left untouched.
    """
    url = bank_url(url_or_path)
    path = sqlite_file(url)
    was_empty = False
    if path is not None:
        if path.is_dir():
            raise BankError(f"{path}: is a directory, not a bank file")
        if not path.exists() and not create:
            raise BankError(f"{path}: no such bank")
        if not path.parent.exists():
            if not (create and make_parents):
                raise BankError(f"{path.parent}: no such directory for the bank")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise BankError(f"{path.parent}: cannot create ({error.strerror})") from None
        if path.exists():
            # Before any engine touches it: connecting switches a file to WAL (its header
            # bytes change), so a file that will be refused is only ever read, read-only.
            was_empty = check_sqlite_file(path)
    read_only = path is not None and _read_only(url)
    if read_only:
        assert path is not None
        url = f"sqlite:///file:{path}?mode=ro&uri=true"
    engine = _create_engine(url, read_only=read_only)
    shown = engine.url.render_as_string(hide_password=True)
    try:
        if read_only:
            _check_head(engine, shown)
        else:
            _bring_to_head(engine, shown, path)
    except DatabaseError as error:
        engine.dispose()
        raise BankError(describe_database_error(error, shown)) from None
    except SQLAlchemyError as error:
        engine.dispose()
        raise BankError(f"{shown}: cannot open the bank ({type(error).__name__})") from None
    except BaseException:
        engine.dispose()
        raise
    return Bank(
        engine=engine,
        sessions=sessionmaker(engine, expire_on_commit=False),
        was_empty_file=was_empty,
    )


SQLITE_HEADER = b"SQLite format 3\x00"


def check_sqlite_file(path: Path) -> bool:
    """Refuse an existing file that is not a bank this quizapp can open, without writing to it.

    A file that is not SQLite, another application's database, a bank from a newer quizapp:
    each is refused by reading it read-only, so it stays byte-identical. True for an empty
    (0-byte) file, which will become a new bank.
    """
    import sqlite3

    try:
        with path.open("rb") as stream:
            header = stream.read(len(SQLITE_HEADER))
    except OSError as error:
        raise BankError(f"{path}: cannot read the bank ({error.strerror})") from None
    if not header:
        # Another quizapp may be creating this bank right now (SQLite makes the file first):
        # an empty file becomes a new bank, and the caller says so (`Bank.was_empty_file`).
        return True
    if header != SQLITE_HEADER:
        raise BankError(f"{path}: not a quizapp bank (not a SQLite database)")
    try:
        connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error:
        raise BankError(f"{path}: cannot open the bank file") from None
    try:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        version = migrations.version_table.name
        if version in tables:
            rows = [r[0] for r in connection.execute(f"SELECT version_num FROM {version}")]
            revision = ",".join(sorted(str(r) for r in rows)) if rows else None
            if revision is not None and revision not in migrations.REVISIONS:
                raise BankError(newer_bank_message(f"sqlite:///{path}", revision))
        elif tables and not {"articles", "questions"} <= tables:
            raise BankError(f"{path}: not a quizapp bank (it has other tables)")
    except sqlite3.DatabaseError as error:
        raise BankError(f"{path}: not a quizapp bank ({error})") from None
    finally:
        connection.close()
    return False


def _read_only(url: str) -> bool:
    """`sqlite:///bank.sqlite?mode=ro`: the bank is only read (SQLite's own URI parameter)."""
    query = url.split("?", 1)[1] if "?" in url else ""
    return "mode=ro" in query.split("&")


def _check_head(engine: Engine, shown: str) -> None:
    """A read-only bank is used as it is: it must be at this quizapp's schema already."""
    with engine.connect() as connection:
        revision = _read_revision(connection)
    if revision != migrations.HEAD:
        raise BankError(
            f"{shown}: opened read-only, but the bank needs "
            + ("creating" if revision is None else f"an upgrade from schema {revision}")
        )


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite bank URL, or None for an in-memory bank or another engine."""
    if not url.startswith("sqlite:///"):
        return None
    location = url.removeprefix("sqlite:///").split("?", 1)[0]
    if location in ("", ":memory:"):
        return None
    return Path(location)


def schema_revision(engine: Engine) -> str | None:
    """The schema revision a bank records (None when it records none)."""
    with engine.connect() as connection:
        return _read_revision(connection)


def backup_sqlite(source: Path, target: Path) -> None:
    """Copy a SQLite bank with SQLite's online backup API.

    The copy is one consistent snapshot even while another process writes to the bank (in WAL
    mode the backup's read transaction never blocks the writer). The target is written under a
    temporary name and renamed, so a crash never leaves half a backup.
    """
    import sqlite3

    partial = target.with_name(target.name + ".part")
    try:
        partial.unlink(missing_ok=True)
        # Read-only, so a backup can never change the bank; as_uri() escapes "?", "#", spaces.
        source_uri = source.resolve().as_uri() + "?mode=ro"
        source_db = sqlite3.connect(source_uri, uri=True, timeout=SQLITE_BUSY_TIMEOUT_S)
        try:
            target_db = sqlite3.connect(partial)
            try:
                source_db.backup(target_db)
                # A standalone file: no -wal/-shm companions needed to read it.
                target_db.execute("PRAGMA journal_mode=DELETE")
            finally:
                target_db.close()
        finally:
            source_db.close()
        partial.replace(target)
    except (sqlite3.Error, OSError) as error:
        partial.unlink(missing_ok=True)
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise BankError(f"{source}: backup to {target} failed ({reason})") from None


def upgrade_backup_path(path: Path, revision: str, now: datetime | None = None) -> Path:
    """Where a SQLite bank is copied before an upgrade: `<bank>.backup-<rev>-<time>.sqlite`."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.backup-{revision}-{stamp}.sqlite")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.backup-{revision}-{stamp}-{number}.sqlite")
        number += 1
    return candidate


def newer_bank_message(shown_url: str, revision: str) -> str:
    return (
        f"{shown_url}: this bank was made by a newer quizapp (schema {revision}); upgrade quizapp"
    )


def _read_revision(connection: Connection, *, in_transaction: bool = False) -> str | None:
    """The recorded revision (None when there is none), with one query when there is one.

    Outside a transaction the SELECT is simply tried (the everyday case costs one query); inside
    one (under the schema lock) a failed statement would abort it, so the table is looked up
    first.
    """
    table = migrations.version_table
    if in_transaction:
        if not inspect(connection).has_table(table.name):
            return None
        rows = connection.execute(select(table.c.version_num)).scalars().all()
    else:
        try:
            rows = connection.execute(select(table.c.version_num)).scalars().all()
        except (OperationalError, ProgrammingError):
            connection.rollback()
            if inspect(connection).has_table(table.name):
                raise
            return None
    return ",".join(sorted(rows)) if rows else None


def _bring_to_head(engine: Engine, shown: str, path: Path | None) -> None:
    with engine.connect() as connection:
        revision = _read_revision(connection)
        if revision == migrations.HEAD:
            return  # the everyday case: one query, no Alembic import
        if revision is not None and revision not in migrations.REVISIONS:
            raise BankError(newer_bank_message(shown, revision))
        if revision is None:
            revision = _unversioned_revision(connection, shown)
    if revision is not None and revision != migrations.HEAD and path is not None:
        backup_sqlite(path, upgrade_backup_path(path, revision))
    with _schema_transaction(engine, path) as connection:
        # Again under the lock: another process may have created or upgraded it meanwhile.
        revision = _read_revision(connection, in_transaction=True)
        if revision == migrations.HEAD:
            return
        if revision is not None and revision not in migrations.REVISIONS:
            raise BankError(newer_bank_message(shown, revision))
        if revision is None:
            revision = _unversioned_revision(connection, shown)
            if revision is None:
                Base.metadata.create_all(connection)
                migrations.version_table.create(connection)
                connection.execute(
                    insert(migrations.version_table).values(version_num=migrations.HEAD)
                )
                return
            migrations.stamp(connection, revision)
        migrations.upgrade(connection, migrations.HEAD)
        if connection.dialect.name == "sqlite":
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise BankError(f"{shown}: upgrade left broken references in {broken[0][0]}")


def _unversioned_revision(connection: Connection, shown: str) -> str | None:
    """A bank with no recorded revision: None if empty, else the first schema's revision.

    Banks made before the schema was versioned have the first revision's tables.
    """
    tables = set(inspect(connection).get_table_names())
    if not tables - {migrations.version_table.name}:
        return None
    if not {"articles", "questions"} <= tables:
        raise BankError(f"{shown}: not a quizapp bank (it has other tables)")
    return migrations.REVISIONS[0]


@contextmanager
def _schema_transaction(engine: Engine, path: Path | None) -> Iterator[Connection]:
    """One transaction that holds the bank's schema lock while it is created or upgraded.

    SQLite: a separate connection that begins with BEGIN IMMEDIATE (the write lock, and DDL
    inside the transaction, which pysqlite would otherwise autocommit), with foreign keys off as
    Alembic's batch mode needs (tables are rebuilt). PostgreSQL: a transaction-scoped advisory
    lock; its DDL is transactional anyway. Either way a failed upgrade leaves the bank as it was.
    """
    if path is None:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
            yield connection
        return
    lock_engine = create_engine(
        engine.url,
        poolclass=NullPool,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S, "isolation_level": None},
    )

    @event.listens_for(lock_engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        dbapi_connection.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
        dbapi_connection.execute("PRAGMA journal_mode=WAL")

    @event.listens_for(lock_engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        with lock_engine.begin() as connection:
            yield connection
    finally:
        lock_engine.dispose()


# Any fixed number: every quizapp takes the same advisory lock to change a PostgreSQL schema.
_LOCK_KEY = 0x7175697A


def _create_engine(url: str, *, read_only: bool = False) -> Engine:
    kwargs: dict[str, Any] = {}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False}
    elif url.startswith("postgresql"):
        # A shared server: connections may be dropped by restarts or idle timeouts, so test
        # each one before use; fail fast when the server is unreachable.
        kwargs["pool_pre_ping"] = True
        kwargs["connect_args"] = {"connect_timeout": PG_CONNECT_TIMEOUT_S}
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
        event.listen(engine, "connect", _sqlite_read_pragmas if read_only else _sqlite_pragmas)
    return engine


# Read through a memory map rather than read() calls into SQLite's own 2 MB page cache: a bank
# of 200,000 questions is 130 MB, and a query that visits pages all over it (the home screen's
# counts) spends most of its time copying pages in. Mapping is address space, not memory.
SQLITE_MMAP_BYTES = 1 << 30


def _sqlite_read_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # No journal mode switch: that is a write, which a read-only bank must never see.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
    cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
    cursor.close()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
    if not _is_memory(dbapi_connection):
        cursor.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL is still durable against process crashes; only an OS crash or
        # power loss can lose the last transactions, never corrupt the file.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
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
