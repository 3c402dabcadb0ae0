"""`quizapp articles rename|delete|merge` end to end, on the fixture bank."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def quizapp(*args: str, input_text: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizapp", *args],
        capture_output=True,
        text=True,
        check=False,
        input=input_text,
        timeout=120,
    )


def test_rename_delete_and_merge(tmp_path: Path) -> None:
    db = str(tmp_path / "bank.sqlite")
    assert quizapp("import", "json", str(DATA / "snapshot_bank.json"), "--db", db).returncode == 0
    result = quizapp("articles", "rename", "b2moon", "Apollo eleven", "--db", db)
    assert result.returncode == 0 and "to 'Apollo eleven'" in result.stdout, result.stderr
    result = quizapp("articles", "delete", "b2moon", "--db", db, "-y")
    assert result.returncode == 0 and "deleted 'Apollo eleven': 4 questions" in result.stdout
    listed = quizapp("list", "--db", db).stdout
    assert "Apollo" not in listed and "KFOR" in listed
    result = quizapp("articles", "merge", "a1kf", "nope", "--db", db)
    assert result.returncode == 1 and "no article with id 'nope'" in result.stderr
    refused = quizapp("articles", "delete", "a1kf", "--db", db, input_text="n\n")
    assert refused.returncode == 1 and "nothing deleted" in refused.stderr
