"""The code is ruff- and mypy-clean, and the headless packages never import Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_lint_clean() -> None:
    result = run(str(BIN / "ruff"), "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_clean() -> None:
    result = run(str(BIN / "mypy"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_headless_modules_do_not_import_textual() -> None:
    headless = [
        "question_bank.article",
        "question_bank.bank",
        "question_bank.generator",
        "question_bank.interchange",
        "question_bank.store",
        "quizapp.cli",
        "quizapp.generation",
        "quizapp.settings",
    ]
    for optional in ("quizapp.scheduling", "quizapp.study", "quizapp.exports", "quizapp.quiznight"):
        if (ROOT / optional.replace(".", "/")).with_suffix(".py").exists() or (
            ROOT / optional.replace(".", "/")
        ).is_dir():
            headless.append(optional)
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in headless)
        + "print('textual' in sys.modules)"
    )
    result = run(sys.executable, "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_ruff_format_clean() -> None:
    result = run(str(BIN / "ruff"), "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr
