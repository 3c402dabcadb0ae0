"""Opening what a path names: regular files only, a size cap, every oddity named (issue 10)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from question_bank.errors import ArticleError
from question_bank.readers import ReadOptions, read, read_article

ARTICLE = "The Danube\n\nThe Danube flows through Vienna and Budapest.\n"


def test_a_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    # Opening a FIFO with no writer blocks forever; reaching this assertion proves it was not.
    with pytest.raises(ArticleError, match=r"a FIFO \(named pipe\), not a file"):
        read([fifo])


def test_a_device_is_refused() -> None:
    with pytest.raises(ArticleError, match="a character device, not a file"):
        read([Path("/dev/zero")])


def test_a_looping_symlink_says_so(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    with pytest.raises(ArticleError, match="a symbolic link that loops"):
        read([loop])


def test_a_dangling_symlink_names_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    with pytest.raises(ArticleError, match=r"a symbolic link to .*gone\.txt, which does not exist"):
        read([link])


def test_a_symlink_to_an_article_is_read(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text(ARTICLE, "utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert read_article(link).title == "The Danube"


def test_directories_skip_fifos_and_broken_links(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    os.mkfifo(tmp_path / "b.txt")
    (tmp_path / "c.txt").symlink_to(tmp_path / "c.txt")
    assert [a.title for a in read([tmp_path])] == ["The Danube"]


def test_the_size_cap_is_checked_before_reading_and_names_the_setting(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Title\n\n" + "word " * 300_000, "utf-8")
    options = ReadOptions(max_bytes=1024 * 1024, limit_hint="raise it with max_article_mb")
    with pytest.raises(
        ArticleError, match=r"big\.txt: 1.43 MB is over the 1 MB limit .*raise it with max_article"
    ):
        read([big], options)
    assert read([big], ReadOptions(max_bytes=2 * 1024 * 1024))


def test_standard_input_is_read_and_capped() -> None:
    [article] = read(["-"], stdin=io.BytesIO(ARTICLE.encode()))
    assert article.title == "The Danube"
    assert article.source.startswith("stdin:")
    with pytest.raises(ArticleError, match="standard input: it is over the 1 KB limit"):
        read(["-"], ReadOptions(max_bytes=1024), stdin=io.BytesIO(b"x" * 5000))
    with pytest.raises(ArticleError, match="standard input: empty"):
        read(["-"], stdin=io.BytesIO(b"  \n"))


def test_pasting_another_text_is_another_article_and_the_same_text_the_same() -> None:
    [first] = read(["-"], stdin=io.BytesIO(ARTICLE.encode()))
    [again] = read(["-"], stdin=io.BytesIO(ARTICLE.encode()))
    [other] = read(["-"], stdin=io.BytesIO(b"Other\n\nThe Rhine flows to the North Sea.\n"))
    assert first.source == again.source != other.source


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_utf16_and_utf32_articles_are_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "unicode.txt"
    text = "Ærø and Ōsaka\n\nThe ferry to Ærø leaves at 9:00 — on time.\n"
    # utf-16-le/-be write no BOM: they are recognised by their zero bytes.
    path.write_bytes(text.encode(encoding))
    article = read_article(path)
    assert article.title == "Ærø and Ōsaka"
    assert article.paragraphs == [("", "The ferry to Ærø leaves at 9:00 — on time.")]


def test_latin1_is_named_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Caf\xe9\n\nThe caf\xe9 opened in 1901.\n".encode("latin-1"))
    with pytest.raises(ArticleError, match=r"not UTF-8 text .*save it as UTF-8"):
        read([path])


def test_a_host_name_without_a_scheme_gets_a_hint() -> None:
    with pytest.raises(ArticleError, match=r"no such file .*needs its full URL \(https://"):
        read(["en.wikipedia.org/wiki/Danube"])
