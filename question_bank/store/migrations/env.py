"""Alembic environment for the bank: runs on the connection `open_bank()` hands over.

When Alembic is run by hand (`python -m question_bank.store.migrations ...`), the connection comes
from the configured `sqlalchemy.url` instead. SQLite gets batch mode, since it cannot ALTER
most things in place.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from question_bank.store.schema import Base

config = context.config


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


given = config.attributes.get("connection")
if isinstance(given, Connection):
    run(given)
else:
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("no connection and no sqlalchemy.url for the migrations")
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            run(connection)
            connection.commit()
    finally:
        engine.dispose()
