"""Rebuild tests/data/bank_schema_0001.sql: a small bank made with the first schema (0001).

The migration test loads this SQL into a fresh SQLite file and opens it with the current
quizapp, which must upgrade it in place and keep every row. Binary banks are not kept in git;
this dump is. Run it only when revision 0001 itself changes (never once banks exist):

    .venv/bin/python tests/data/make_bank_schema_0001.py
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

from sqlalchemy import create_engine

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy.orm import sessionmaker  # noqa: E402

from question_bank.store import migrations  # noqa: E402
from question_bank.store.engine import Bank, _create_engine  # noqa: E402
from tests.support.history import T0, add_quiz_night, import_questions, study  # noqa: E402

TARGET = Path(__file__).resolve().parent / "bank_schema_0001.sql"


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "bank.sqlite"
        url = f"sqlite:///{path}"
        engine = create_engine(url)
        with engine.begin() as connection:
            migrations.upgrade(connection, "0001")
        engine.dispose()
        # The bank as quizapp 0001 would use it: same engine set-up, no schema check.
        engine = _create_engine(url)
        bank = Bank(engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))
        import_questions(bank)
        study(bank, "Ann", 5, days=2)
        study(bank, "Bob", 2)
        add_quiz_night(bank)
        bank.dispose()
        database = sqlite3.connect(path)
        try:
            # Creation times come from the real clock: pin them so the dump is reproducible.
            stamp = T0.strftime("%Y-%m-%d %H:%M:%S.000000")
            with database:
                database.execute(
                    "UPDATE articles SET imported_at = ?, updated_at = ?", (stamp,) * 2
                )
                database.execute(
                    "UPDATE questions SET created_at = ?, updated_at = ?", (stamp,) * 2
                )
                database.execute("UPDATE learners SET created_at = ?", (stamp,))
            lines = list(database.iterdump())
        finally:
            database.close()
    TARGET.write_text(
        "-- A quizapp bank at schema revision 0001 (made by tests/data/make_bank_schema_0001.py).\n"
        + "\n".join(lines)
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {TARGET} ({len(lines)} statements)")


if __name__ == "__main__":
    main()
