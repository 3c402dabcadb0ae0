"""What a reader is given: the document's bytes, its names, and how much it may take in.

The library knows no settings file; the application builds one `ReadOptions` from its settings
and passes it down, with a hint naming the setting that raises the cap, so the error a user sees
says how to get past it.
"""

from __future__ import annotations

from dataclasses import dataclass

from question_bank.errors import ArticleError

MEGABYTE = 1024 * 1024
DEFAULT_MAX_BYTES = 32 * MEGABYTE


@dataclass(frozen=True)
class ReadOptions:
    """Limits for one reading: what a file, a download or standard input may be."""

    max_bytes: int = DEFAULT_MAX_BYTES
    """Largest input read, in bytes (a file, a download, stdin, an archive once unpacked)."""

    limit_hint: str = ""
    """How to raise `max_bytes`, appended to the error ("set max_article_mb to raise it")."""

    timeout_seconds: float = 20.0
    """A URL must connect, answer and finish downloading within this many seconds."""

    max_redirects: int = 5
    """Redirects followed before a URL is refused."""

    def too_large(self, name: str, size: int | None = None) -> ArticleError:
        """The error for an input over the cap, naming the cap and how to raise it."""
        what = f"{_megabytes(size)} is" if size is not None else "it is"
        hint = f"; {self.limit_hint}" if self.limit_hint else ""
        return ArticleError(
            f"{name}: {what} over the {_megabytes(self.max_bytes)} limit for an article{hint}"
        )


@dataclass(frozen=True)
class RawDocument:
    """A document's bytes before its format is known, with the names it goes by."""

    data: bytes
    source: str
    """What the article records as its source: an absolute path, a URL, `stdin:<hash>`."""
    name: str
    """What messages call it: the path or URL as the user typed it."""
    fallback_title: str
    """The title when the document has none (from the file name or the URL)."""
    options: ReadOptions
    charset: str = ""
    """The character set a web server declared, if any."""
    suffix: str = ""
    """The file name's suffix (".pdf"), only to word errors and break ties."""


def _megabytes(size: int) -> str:
    if size >= 1024 * MEGABYTE:
        return f"{size / (1024 * MEGABYTE):.3g} GB"
    if size >= MEGABYTE:
        return f"{size / MEGABYTE:.3g} MB"
    return f"{size / 1024:.3g} KB" if size >= 1024 else f"{size} bytes"
