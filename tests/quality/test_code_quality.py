"""The code is ruff- and mypy-clean, and the headless packages never import Textual."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_lint_clean() -> None:
    result = run(str(BIN / "ruff"), "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_clean() -> None:
    result = run(str(BIN / "mypy"))
    assert result.returncode == 0, result.stdout + result.stderr


def _modules(package: str, *, skip: tuple[str, ...] = ()) -> list[str]:
    """Every module of a package, found on disk (so a new module is checked without a list)."""
    root = ROOT / package
    names = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if "migrations.versions" in name or name.endswith(("migrations.env", "__main__")):
            continue  # Alembic's env and revision scripts run under Alembic; __main__ runs the CLI
        if not any(name == s or name.startswith(s + ".") for s in skip):
            names.append(name)
    return names


def _imported_after(modules: list[str], prefix: str) -> list[str]:
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == {prefix!r})))"
    )
    result = run(sys.executable, "-c", code)
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout))


def test_headless_modules_do_not_import_textual() -> None:
    """DESIGN.md: inside quizapp only quizapp.tui imports Textual."""
    headless = _modules("question_bank") + _modules("quizapp", skip=("quizapp.tui",))
    assert "quizapp.study.session" in headless and "quizapp.cli" in headless
    assert _imported_after(headless, "textual") == []


def test_question_bank_knows_nothing_of_quizapp() -> None:
    """DESIGN.md: question_bank is the library; it never imports the application."""
    library = _modules("question_bank")
    assert "question_bank.generator" in library
    assert _imported_after(library, "quizapp") == []


def test_ruff_format_clean() -> None:
    result = run(str(BIN / "ruff"), "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr
