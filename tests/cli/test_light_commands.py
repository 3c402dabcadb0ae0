"""Light commands stay light: `--help` imports no database, no spaCy, no TUI; `list` and
`export json` import no spaCy and no TUI (what each imports is checked, not how long it takes)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("spacy", "sqlalchemy", "alembic", "textual", "pydantic_settings", "fsrs", "faker")

PROBE = """
import json, sys
sys.argv = ["quizapp", *json.loads(sys.argv[1])]
from quizapp.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})), file=sys.stderr)
"""


def imported_by(*args: str, db: Path | None = None) -> set[str]:
    env_args = [*args, *(["--db", str(db)] if db is not None else [])]
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(env_args)],
        capture_output=True,
        text=True,
        check=False,
    )
    return set(json.loads(result.stderr.strip().splitlines()[-1]))


def test_help_imports_no_database_no_spacy_no_tui() -> None:
    assert imported_by("--help") & set(HEAVY) == set()


@pytest.mark.parametrize("command", [["list"], ["export", "json"]], ids=["list", "export"])
def test_list_and_export_import_no_spacy_no_tui(command: list[str], tmp_path: Path) -> None:
    modules = imported_by(*command, db=tmp_path / "bank.sqlite")
    assert "sqlalchemy" in modules  # they do read the bank
    assert modules & {"spacy", "textual", "fsrs", "faker"} == set()
