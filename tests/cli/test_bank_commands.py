"""`quizapp generate / list / export json / import json` end to end, and every bad input.

These run the real console entry point in a subprocess, as a user would, and check that bad
input gives one line on stderr, a non-zero exit, no traceback, and an unchanged bank.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.bank import file_contents


def quizapp(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizapp", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture
def seeded_db(tmp_path: Path, seed_article: Path) -> Path:
    db = tmp_path / "bank.sqlite"
    result = quizapp("generate", str(seed_article), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


def assert_one_line_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("quizapp: error: ")
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_generate_prints_a_summary_per_article(tmp_path: Path, seed_article: Path) -> None:
    db = tmp_path / "bank.sqlite"
    result = quizapp("generate", str(seed_article), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "NATO strengthens KFOR" in result.stdout
    assert "cards (" in result.stdout and "new" in result.stdout
    listing = quizapp("list", "--db", str(db))
    assert "NATO strengthens KFOR" in listing.stdout
    assert "total" in listing.stdout


def test_generate_several_articles_shows_progress(tmp_path: Path, seed_article: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "one.md").write_text(
        "# The Moon landing\n\nApollo 11 landed on the Moon on 20 July 1969. "
        "Neil Armstrong was the first person to walk on the lunar surface.\n",
        encoding="utf-8",
    )
    (folder / "two.txt").write_text(seed_article.read_text(encoding="utf-8"), encoding="utf-8")
    result = quizapp("generate", str(folder), "--db", str(tmp_path / "b.sqlite"))
    assert result.returncode == 0, result.stderr
    assert "The Moon landing" in result.stdout and "NATO strengthens" in result.stdout
    assert "2/2" in result.stdout


def test_environment_variable_sets_default_bank(
    tmp_path: Path, seed_article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "env-bank.sqlite"
    monkeypatch.setenv("QUIZAPP_DB", str(db))
    assert quizapp("generate", str(seed_article)).returncode == 0
    assert db.exists()
    assert "NATO" in quizapp("list").stdout


def test_sqlalchemy_url_works_as_db(tmp_path: Path, seed_article: Path) -> None:
    url = f"sqlite:///{tmp_path / 'url.sqlite'}"
    assert quizapp("generate", str(seed_article), "--db", url).returncode == 0
    assert "NATO" in quizapp("list", "--db", url).stdout


def test_export_and_import_json_through_the_cli(seeded_db: Path, tmp_path: Path) -> None:
    stdout_export = quizapp("export", "json", "--db", str(seeded_db))
    assert stdout_export.returncode == 0
    document = json.loads(stdout_export.stdout)
    assert document["format"] == "quizapp.bank"
    out = tmp_path / "bank.json"
    assert quizapp("export", "json", "-o", str(out), "--db", str(seeded_db)).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["questions"] == document["questions"]
    other = tmp_path / "other.sqlite"
    imported = quizapp("import", "json", str(out), "--db", str(other))
    assert imported.returncode == 0, imported.stderr
    assert f"{len(document['questions'])} questions added" in imported.stdout
    again = quizapp("import", "json", str(out), "--db", str(other))
    assert "0 questions added, 0 updated" in again.stdout


def test_python_dash_m_works() -> None:
    result = quizapp("--help")
    assert result.returncode == 0
    assert "generate" in result.stdout


BAD_ARTICLES = {
    "empty": (b"", "empty"),
    "whitespace": (b"  \n\n \n", "empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    "latin1": ("Caf\u00e9 society\n\nThe caf\u00e9 opened in 1920.".encode("latin-1"), "UTF-8"),
    "title only": (b"Just a title\n\n", "no text"),
}


@pytest.mark.parametrize("case", sorted(BAD_ARTICLES))
def test_bad_article_files_are_refused_and_bank_unchanged(
    case: str, seeded_db: Path, tmp_path: Path
) -> None:
    data, fragment = BAD_ARTICLES[case]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data)
    before = file_contents(seeded_db)
    result = quizapp("generate", str(bad), "--db", str(seeded_db))
    assert_one_line_error(result, str(bad), fragment)
    assert file_contents(seeded_db) == before


def test_one_bad_file_among_good_ones_writes_nothing(
    seeded_db: Path, tmp_path: Path, seed_article: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Volcanoes\n\nMount Etna erupted in 2021 near Catania.", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    before = file_contents(seeded_db)
    result = quizapp("generate", str(good), str(bad), "--db", str(seeded_db))
    assert_one_line_error(result, "empty")
    assert file_contents(seeded_db) == before


def test_missing_path(seeded_db: Path, tmp_path: Path) -> None:
    before = file_contents(seeded_db)
    result = quizapp("generate", str(tmp_path / "nope.txt"), "--db", str(seeded_db))
    assert_one_line_error(result, "no such file")
    assert file_contents(seeded_db) == before


def test_directory_without_articles(seeded_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "empty-dir"
    folder.mkdir()
    (folder / "picture.png").write_bytes(b"\x89PNG")
    result = quizapp("generate", str(folder), "--db", str(seeded_db))
    assert_one_line_error(result, "no articles")


@pytest.mark.parametrize(
    ("db", "fragment"),
    [
        ("nosuchdb://user@host/bank", "unknown database URL scheme"),
        ("postgresql+nosuchdriver://u@localhost/x", "unknown database URL scheme"),
    ],
)
def test_unknown_database_url(db: str, fragment: str, seed_article: Path) -> None:
    result = quizapp("generate", str(seed_article), "--db", db)
    assert_one_line_error(result, fragment)


def test_db_that_is_not_a_bank(tmp_path: Path, seed_article: Path) -> None:
    not_a_bank = tmp_path / "notes.sqlite"
    not_a_bank.write_text("these are my notes, not a database\n" * 100, encoding="utf-8")
    result = quizapp("generate", str(seed_article), "--db", str(not_a_bank))
    assert_one_line_error(result, "not a quizapp bank")
    assert not_a_bank.read_text(encoding="utf-8").startswith("these are my notes")


def test_db_that_is_a_directory(tmp_path: Path, seed_article: Path) -> None:
    result = quizapp("list", "--db", str(tmp_path))
    assert_one_line_error(result, "is a directory")


def test_malformed_json_import_names_field_and_writes_nothing(
    seeded_db: Path, tmp_path: Path
) -> None:
    document = json.loads(quizapp("export", "json", "--db", str(seeded_db)).stdout)
    document["questions"][3]["kind"] = "essay"
    document["questions"][0]["prompt"] = "changed, but must not be written"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    before = file_contents(seeded_db)
    result = quizapp("import", "json", str(bad), "--db", str(seeded_db))
    assert_one_line_error(result, "questions.3.kind")
    assert file_contents(seeded_db) == before


def test_import_missing_file(tmp_path: Path) -> None:
    result = quizapp("import", "json", str(tmp_path / "none.json"), "--db", str(tmp_path / "b"))
    assert_one_line_error(result, "none.json")


def test_db_in_a_missing_folder_is_an_error_not_a_new_bank(tmp_path: Path) -> None:
    result = quizapp("list", "--db", str(tmp_path / "typo" / "bank.sqlite"))
    assert_one_line_error(result, "no such directory")
    assert not (tmp_path / "typo").exists()


def test_dash_output_means_standard_output(seeded_db: Path, tmp_path: Path) -> None:
    result = quizapp("export", "json", "-o", "-", "--db", str(seeded_db), cwd=tmp_path)
    assert json.loads(result.stdout)["format"] == "quizapp.bank"
    assert not (tmp_path / "-").exists()
