"""Hostile and unusual reading through the real `quizapp generate`, in a subprocess.

Each case runs the console entry point as a user would, with a timeout (a FIFO or a device
must not hang it), and checks: one line on stderr, a non-zero exit, no traceback, and the bank
exactly as it was. The good cases (UTF-16, standard input, URLs, every format) end in a summary.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from question_bank.store import open_bank
from question_bank.store.content import list_articles
from tests.support.bank import file_contents
from tests.unit.question_bank.readers import http_server as http
from tests.unit.question_bank.readers.documents import STORM, news_page, write_pdf

TIMEOUT = 90


def quizapp(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "quizapp", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        check=False,
        timeout=TIMEOUT,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import SEED_ARTICLE

    db = tmp_path_factory.mktemp("bank") / "bank.sqlite"
    result = quizapp("generate", str(SEED_ARTICLE), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture
def db(seeded: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "bank.sqlite"
    shutil.copy(seeded, copy)
    return copy


def fifo(tmp: Path) -> str:
    path = tmp / "pipe.txt"
    os.mkfifo(path)
    return str(path)


def loop(tmp: Path) -> str:
    path = tmp / "loop.txt"
    path.symlink_to(path)
    return str(path)


def broken_pdf(tmp: Path) -> str:
    path = tmp / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\ntrailer")
    return str(path)


def encrypted_pdf(tmp: Path) -> str:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp / "secret.pdf"
    pdf = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("pw", "owner"))
    pdf.drawString(72, 720, "Secret text.")
    pdf.save()
    return str(path)


def zip_not_epub(tmp: Path) -> str:
    path = tmp / "book.epub"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return str(path)


def html_no_article(tmp: Path) -> str:
    path = tmp / "menu.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", "utf-8")
    return str(path)


def huge(tmp: Path) -> str:
    path = tmp / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(2 * 1024 * 1024)  # sparse: 2 MB of nothing, over a 1 MB cap
    return str(path)


CASES: dict[str, tuple[Callable[[Path], str], str]] = {
    "fifo": (fifo, "a FIFO (named pipe), not a file"),
    "device": (lambda tmp: "/dev/zero", "a character device, not a file"),
    "looping symlink": (loop, "a symbolic link that loops"),
    "broken pdf": (broken_pdf, "broken.pdf: a damaged PDF"),
    "encrypted pdf": (encrypted_pdf, "an encrypted PDF that needs a password"),
    "zip not epub": (zip_not_epub, "neither an EPUB nor a Word document"),
    "html without article": (html_no_article, "no article found"),
    "over the size cap": (huge, "over the 1 MB limit for an article; raise it with max_article_mb"),
}


def assert_refused(result: subprocess.CompletedProcess[bytes], fragment: str) -> None:
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode != 0
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("quizapp: error: ")
    assert "Traceback" not in stderr
    assert fragment in lines[0], lines[0]


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_input_is_one_line_and_the_bank_is_unchanged(
    db: Path, tmp_path: Path, case: str
) -> None:
    make, fragment = CASES[case]
    good = tmp_path / "good.txt"
    good.write_text("A good article\n\nThe Rhine flows into the North Sea.\n", "utf-8")
    before = file_contents(db)
    # A good file first: nothing of it may be written when a later source is refused.
    result = quizapp(
        "generate", str(good), make(tmp_path), "--db", str(db), env={"QUIZAPP_MAX_ARTICLE_MB": "1"}
    )
    assert_refused(result, fragment)
    assert file_contents(db) == before


def test_urls_that_fail_are_one_line_and_the_bank_is_unchanged(db: Path) -> None:
    before = file_contents(db)
    routes = {"/loop": http.redirect("/loop"), "/huge": http.declared_huge()}
    with http.serve(routes) as base:
        for path, fragment in [
            ("/missing", "HTTP 404 Not Found"),
            ("/loop", "more than 5 redirects"),
            ("/huge", "10 GB is over the 32 MB limit"),
        ]:
            assert_refused(quizapp("generate", base + path, "--db", str(db)), fragment)
    assert file_contents(db) == before


def test_a_url_generates_and_generating_it_again_updates_the_same_article(db: Path) -> None:
    with http.serve({"/storm": http.page(news_page(STORM).encode())}) as base:
        first = quizapp("generate", f"{base}/storm", "--db", str(db))
        again = quizapp("generate", f"{base}/storm", "--db", str(db))
    assert first.returncode == 0, first.stderr
    out = first.stdout.decode()
    assert out.startswith(STORM.title) and " new" in out
    assert again.returncode == 0, again.stderr
    assert "0 new" in again.stdout.decode() and "unchanged" in again.stdout.decode()
    bank = open_bank(db)
    try:
        sources = [article.source for article in list_articles(bank)]
    finally:
        bank.dispose()
    assert sources.count(f"{base}/storm") == 1


def test_standard_input_and_utf16_articles_generate(db: Path, tmp_path: Path) -> None:
    pasted = b"Pasted news\n\nThe Rhine flows into the North Sea at Rotterdam.\n"
    result = quizapp("generate", "-", "--db", str(db), stdin=pasted)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().startswith("Pasted news [")
    empty = quizapp("generate", "-", "--db", str(db), stdin=b"")
    assert_refused(empty, "standard input: empty")
    utf16 = tmp_path / "windows.txt"
    utf16.write_text("Notepad article\n\nThe Danube flows into the Black Sea.\n", "utf-16")
    result = quizapp("generate", str(utf16), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().startswith("Notepad article [")


def test_escapes_in_an_article_never_reach_the_terminal(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "evil.txt"
    path.write_text("Evil\x1b]0;pwned\x07 title\n\nThe Rhine\x1b[2J flows north.\n", "utf-8")
    result = quizapp("generate", str(path), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert b"\x1b" not in result.stdout and b"\x07" not in result.stdout
    assert result.stdout.decode().startswith("Evil title [")


def test_a_pdf_generates_through_the_command(db: Path, tmp_path: Path) -> None:
    pdf = write_pdf(STORM, tmp_path / "handout.pdf")
    result = quizapp("generate", str(pdf), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().startswith(STORM.title)
