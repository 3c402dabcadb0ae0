"""The layering of DESIGN.md holds: import-linter's contracts (pyproject.toml) are all kept.

question_bank never imports quizapp or Textual; only quizapp.tui imports Textual; quizapp.tui
never imports SQLAlchemy or the bank's tables; tui.app > tui.screens/tui.dialogs > tui.widgets;
no import cycles between sibling modules or packages anywhere.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def test_import_contracts_are_kept() -> None:
    result = subprocess.run(
        [str(BIN / "lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_every_layering_rule_of_the_design_has_a_contract() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    kinds = sorted(contract["type"] for contract in config["contracts"])
    assert kinds == ["acyclic_siblings", "forbidden", "forbidden", "forbidden", "layers"]
