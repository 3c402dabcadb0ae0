"""Developer tool: autogenerate a new migration from schema.py.

    python -m question_bank.store.migrations revision "add learners.archived" [--id 0002]

Builds a scratch SQLite bank at the current head, diffs it against `question_bank.store.schema`,
and writes the new script to `versions/`. Review it (SQLite and PostgreSQL must both run it),
then add its id to `REVISIONS` in `question_bank/store/migrations/__init__.py`.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from sqlalchemy import create_engine

from question_bank.store.migrations import alembic_config, script_revisions


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m question_bank.store.migrations")
    commands = parser.add_subparsers(dest="command", required=True)
    revision = commands.add_parser("revision", help="autogenerate a revision from schema.py")
    revision.add_argument("message")
    revision.add_argument("--id", help="revision id (default: the next 4-digit number)")
    commands.add_parser("heads", help="list the revisions in versions/")
    args = parser.parse_args()
    if args.command == "heads":
        print(" ".join(script_revisions()))
        return
    from alembic import command

    rev_id = args.id or f"{len(script_revisions()) + 1:04d}"
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{Path(scratch) / 'scratch.sqlite'}"
        engine = create_engine(url)
        try:
            with engine.begin() as connection:
                if script_revisions():
                    command.upgrade(alembic_config(connection), "head")
                command.revision(
                    alembic_config(connection), args.message, autogenerate=True, rev_id=rev_id
                )
        finally:
            engine.dispose()


if __name__ == "__main__":
    main()
