"""The TUI's commands from a shell: text stats when piped, one-line errors, lazy imports."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from question_bank.store import open_bank
from tests.support.tui import fill_bank, study_history

QUIZAPP = Path(sys.executable).parent / "quizapp"


def run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QUIZAPP_DB": str(db)}
    return subprocess.run(
        [str(QUIZAPP), *args], capture_output=True, text=True, env=env, check=False, timeout=120
    )


def fixture_db(tmp_path: Path, history: bool = False) -> Path:
    path = tmp_path / "cli.sqlite"
    bank = open_bank(path)
    fill_bank(bank)
    if history:
        study_history(bank, days=3, per_day=2)
    bank.dispose()
    return path


def test_stats_piped_prints_text(tmp_path: Path) -> None:
    db = fixture_db(tmp_path, history=True)
    result = run("stats", "--learner", "ana", db=db)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("learner: ana")
    assert lines[1].startswith("cards: 12 (")
    assert any(line.startswith("true retention (30 days): ") for line in lines)


def test_unknown_article_is_a_one_line_error(tmp_path: Path) -> None:
    result = run("study", "--article", "zzzz", db=fixture_db(tmp_path))
    assert result.returncode == 1
    assert result.stderr == "quizapp: error: no article with id 'zzzz' (see `quizapp list`)\n"


def test_bad_mode_is_a_one_line_error(tmp_path: Path) -> None:
    result = run("study", "--mode", "guess", db=fixture_db(tmp_path))
    assert result.returncode == 1
    assert result.stderr == (
        "quizapp: error: --mode must be one of flip, type, choice (not 'guess')\n"
    )


def test_opening_the_tui_never_imports_spacy() -> None:
    code = (
        "import sys\n"
        "import quizapp.cli, quizapp.tui.app\n"
        "from quizapp.tui.screens import home, study, summary, browse, stats, settings\n"
        "from quizapp.tui.dialogs import help\n"
        "assert 'spacy' not in sys.modules, 'spacy imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_global_db_and_learner_options_reach_every_command(tmp_path: Path) -> None:
    db = fixture_db(tmp_path, history=True)
    env = {k: v for k, v in os.environ.items() if k != "QUIZAPP_DB"}
    result = subprocess.run(
        [str(QUIZAPP), "--db", str(db), "--learner", "ana", "stats"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("learner: ana")
    assert "cards: 12 (" in result.stdout
