"""Helpers for the export/import tests: run `quizapp` in-process, build the fixture bank.

`run_quizapp` calls the real console entry point (`quizapp.cli.main`) with patched argv, so
the tests see exactly what a user sees: exit code, stdout, and the one-line error on stderr.
No tests live here.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from quizapp.cli import main

DATA = Path(__file__).resolve().parent.parent / "data"
FIXTURE = DATA / "export_bank.json"
# The fixture's live (not retired) questions; q-open-retired must never be exported.
LIVE_IDS = (
    "q-open-danube",
    "q-cloze-vltava",
    "q-cloze-html",
    "q-choice-prague",
    "q-tf-danube",
    "q-tf-multiline",
    "q-choice-toolong",
    "q-choice-longanswer",
    "q-cloze-kfor",
    "q-open-kfor",
)


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str


def run_quizapp(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str
) -> CliResult:
    capsys.readouterr()
    monkeypatch.setattr(sys, "argv", ["quizapp", *args])
    code = 0
    try:
        main()
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    captured = capsys.readouterr()
    return CliResult(code, captured.out, captured.err)


def assert_one_line_error(result: CliResult, *fragments: str) -> None:
    assert result.code != 0, result
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("quizapp: error: "), lines[0]
    assert "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def fixture_bank(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Path:
    """A bank file holding tests/data/export_bank.json (imported through `quizapp import json`)."""
    db = tmp_path / "fixture.sqlite"
    result = run_quizapp(capsys, monkeypatch, "import", "json", str(FIXTURE), "--db", str(db))
    assert result.code == 0, result
    return db
