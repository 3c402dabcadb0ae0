"""Schema migrations: Alembic revisions shipped inside the package, run by `open_bank()`.

No `alembic.ini` is needed: the configuration is built here, pointing at this directory. The
bank records its schema revision in Alembic's own `alembic_version` table.

`HEAD` and `REVISIONS` are plain constants so that opening a bank that is already current never
imports Alembic (start-up time matters); a unit test checks they match the scripts in
`versions/`. Adding a revision: `python -m question_bank.store.migrations revision "what changed"`
(autogenerates from schema.py against a bank at the current head), review the script, then
append its id to `REVISIONS`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Column, MetaData, String, Table

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

# Every revision, oldest first; the last one is the schema this program writes.
REVISIONS: tuple[str, ...] = ("0001", "0002", "0003_learner_fsrs_params", "0004_quiz_players")
HEAD = REVISIONS[-1]

SCRIPT_LOCATION = Path(__file__).resolve().parent

# Alembic's version table, declared the way Alembic creates it, so that a new bank can be
# stamped without importing Alembic. Kept out of the bank's own metadata on purpose.
version_table = Table(
    "alembic_version",
    MetaData(),
    Column("version_num", String(32), primary_key=True),
)


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """An Alembic configuration for the bank's migrations, with no ini file.

    `connection` (an open connection, in a transaction) is what `open_bank()` passes;
    `url` is for developers running Alembic commands against a bank.
    """
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    config.set_main_option("path_separator", "os")
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Run the migrations up to `revision` on `connection`, inside its transaction."""
    from alembic import command

    command.upgrade(alembic_config(connection), revision)


def stamp(connection: Connection, revision: str = "head") -> None:
    """Record `revision` as the bank's schema without running any migration."""
    from alembic import command

    command.stamp(alembic_config(connection), revision)


def script_revisions() -> list[str]:
    """The revisions in `versions/`, oldest first, as Alembic sees them."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    return [script.revision for script in reversed(list(scripts.walk_revisions()))]
