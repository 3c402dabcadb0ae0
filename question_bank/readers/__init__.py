"""Readers: a file, a URL, standard input or pasted text becomes `Article`s.

One module per format (text, markdown, html, pdf, epub, docx) plus `url` for fetching, `detect`
for telling formats apart by their bytes, `files` for opening paths safely and `cleaning` for
what every reader does to its text. Every reader returns the same `Article` model, so nothing
downstream knows the format. The heavy libraries (trafilatura, pdfminer.six, ebooklib,
python-docx, httpx) are imported only when their format is read.

Bad input is an `ArticleError` with a one-line message; nothing is read half-way.
"""

from __future__ import annotations

import hashlib
import importlib
import re
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from question_bank.errors import ArticleError
from question_bank.models import Article
from question_bank.readers.detect import SUFFIXES, Format, sniff
from question_bank.readers.files import check_exists, files_under, read_file_bytes
from question_bank.readers.raw import DEFAULT_MAX_BYTES, RawDocument, ReadOptions
from question_bank.readers.text import parse_article, split_glued_heading

__all__ = [
    "ARTICLE_SUFFIXES",
    "DEFAULT_MAX_BYTES",
    "STDIN",
    "Format",
    "ReadOptions",
    "is_url",
    "parse_article",
    "read",
    "read_article",
    "read_bytes",
    "read_pasted",
    "read_paths",
    "split_glued_heading",
]

ARTICLE_SUFFIXES = tuple(SUFFIXES)
STDIN = "-"
"""The source name that means standard input (`quizapp generate -`)."""

# Format -> (module, function): imported on first use, so reading a .txt never loads lxml.
_READERS: dict[Format, tuple[str, str]] = {
    Format.TEXT: ("question_bank.readers.text", "read_text"),
    Format.MARKDOWN: ("question_bank.readers.markdown", "read_markdown"),
    Format.HTML: ("question_bank.readers.html", "read_html"),
    Format.PDF: ("question_bank.readers.pdf", "read_pdf"),
    Format.EPUB: ("question_bank.readers.epub", "read_epub"),
    Format.DOCX: ("question_bank.readers.docx", "read_docx"),
}
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_LOOKS_LIKE_HOST = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/|$)")


def is_url(source: str | Path) -> bool:
    """A string with a scheme ("https://…"); only http(s) is fetched, others are refused."""
    return isinstance(source, str) and bool(_URL.match(source.strip()))


def read(
    sources: Iterable[str | Path],
    options: ReadOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
) -> list[Article]:
    """Read every source, in order: files, directories of them, URLs, or `-` for stdin.

    Everything is read before anything is returned, so a caller can refuse the whole batch
    (and leave the bank untouched) when one source is bad.
    """
    options = options or ReadOptions()
    articles: list[Article] = []
    for source in sources:
        if isinstance(source, str) and source == STDIN:
            articles.extend(_read_stdin(stdin, options))
        elif is_url(source):
            from question_bank.readers.url import read_url

            articles.extend(read_url(str(source).strip(), options))
        else:
            articles.extend(_read_path(Path(source), options))
    return articles


def read_paths(paths: Iterable[str | Path], options: ReadOptions | None = None) -> list[Article]:
    """Read files and directories (and URLs or `-`): the same as `read`."""
    return read(paths, options)


def read_article(path: str | Path, options: ReadOptions | None = None) -> Article:
    """Read a document that holds one article (an e-book holds one per chapter: use `read`)."""
    articles = read([path], options)
    if len(articles) != 1:
        raise ArticleError(f"{path}: holds {len(articles)} articles, not one")
    return articles[0]


def read_pasted(text: str, options: ReadOptions | None = None) -> list[Article]:
    """Articles from pasted text (the TUI's "add article"): read like standard input."""
    return _read_anonymous(text.encode("utf-8"), "pasted text", "pasted", options or ReadOptions())


def read_bytes(document: RawDocument) -> list[Article]:
    """Read a document's bytes in whatever format they are."""
    kind = sniff(document.data, document.name, document.suffix)
    return reader_for(kind)(document)


def reader_for(kind: Format) -> Callable[[RawDocument], list[Article]]:
    """The reader function of a format, imported now."""
    module_name, function = _READERS[kind]
    reader: Callable[[RawDocument], list[Article]] = getattr(
        importlib.import_module(module_name), function
    )
    return reader


def _read_path(path: Path, options: ReadOptions) -> list[Article]:
    try:
        status = check_exists(path)
    except ArticleError as error:
        if not path.is_symlink() and _LOOKS_LIKE_HOST.match(str(path)):
            raise ArticleError(f"{error}; a web page needs its full URL (https://…)") from None
        raise
    if stat.S_ISDIR(status.st_mode):
        files = list(files_under(path, ARTICLE_SUFFIXES))
        if not files:
            raise ArticleError(
                f"{path}: no articles in this directory (looked for {', '.join(ARTICLE_SUFFIXES)})"
            )
        return [article for file in files for article in _read_file(file, options)]
    return _read_file(path, options)


def _read_file(path: Path, options: ReadOptions) -> list[Article]:
    raw = read_file_bytes(path, options)
    # The absolute path: "art/x.txt" and "/home/me/art/x.txt" are one article, so a changed
    # file keeps its history however its path was typed.
    document = RawDocument(
        data=raw,
        source=str(path.resolve()),
        name=str(path),
        fallback_title=_title_from_name(path.stem),
        options=options,
        suffix=path.suffix,
    )
    if not raw.strip():
        raise ArticleError(f"{path}: the file is empty")
    return read_bytes(document)


def _read_stdin(stdin: BinaryIO | None, options: ReadOptions) -> list[Article]:
    from question_bank.readers.files import read_stream_bytes

    stream = stdin if stdin is not None else sys.stdin.buffer
    raw = read_stream_bytes(stream, "standard input", options)
    return _read_anonymous(raw, "standard input", "stdin", options)


def _read_anonymous(raw: bytes, name: str, scheme: str, options: ReadOptions) -> list[Article]:
    """Text with no file behind it: its source names its content, so pasting the same text
    twice updates one article, and pasting another text never overwrites the first."""
    if len(raw) > options.max_bytes:
        raise options.too_large(name, len(raw))
    if not raw.strip():
        raise ArticleError(f"{name}: empty, there is nothing to read")
    digest = hashlib.sha256(raw).hexdigest()[:16]
    document = RawDocument(
        data=raw,
        source=f"{scheme}:{digest}",
        name=name,
        fallback_title="Pasted text",
        options=options,
    )
    return read_bytes(document)


def _title_from_name(stem: str) -> str:
    return stem.replace("_", " ").replace("-", " ").strip().capitalize() or "Untitled"
