"""Read articles from files: plain text and Markdown, single files or directories of them.

The title is the first line when a blank line follows it. Sections are either Markdown headings
(`## Heading`) or the seed format `N: <Heading> <Body>`, where the heading runs straight into the
body with no punctuation between them. The heading is split off and kept as the section label,
so it is never glued into a sentence.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from question_bank.errors import ArticleError
from question_bank.models import Article, Section

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")

_NUMBERED_SECTION = re.compile(r"^\s*(\d{1,3})\s*[:.)]\s+(?P<rest>\S.*)$")
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(?P<heading>.+?)\s*#*\s*$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
# Words that may start a heading's last word without ending the heading ("of", "in"...).
_HEADING_GLUE = frozenset(
    "a an and as at by for from in into of on or the to with amid after over under".split()
)
# Sentence openers that mark where a glued heading stops and the body starts.
_BODY_OPENERS = frozenset(
    """a an the as in on at after before since during while when although though but however
    according this that these those it its they their he she his her we our there here today
    yesterday on last following despite following recent many some most one two three several
    according""".split()
)


# Section labels that are often a heading on their own.
_ONE_WORD_HEADINGS = frozenset(
    """background context reactions reaction analysis introduction summary conclusion conclusions
    overview history aftermath timeline outlook update updates details casualties response
    consequences causes impact criticism investigation""".split()
)


def read_paths(paths: Iterable[Path]) -> list[Article]:
    """Read every article under the given files and directories, in a stable order."""
    articles: list[Article] = []
    for path in paths:
        files = list(_article_files(path))
        articles.extend(read_article(file) for file in files)
    return articles


def _article_files(path: Path) -> Iterator[Path]:
    if not path.exists():
        raise ArticleError(f"{path}: no such file or directory")
    if path.is_dir():
        files = sorted(
            p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
        )
        if not files:
            raise ArticleError(
                f"{path}: no articles in this directory (looked for {', '.join(ARTICLE_SUFFIXES)})"
            )
        yield from files
    else:
        yield path


def read_article(path: Path) -> Article:
    """Read one article file; raise ArticleError with a one-line reason when it is unusable."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ArticleError(f"{path}: is a directory") from None
    except OSError as error:
        raise ArticleError(f"{path}: cannot read ({error.strerror})") from None
    text = decode_article_bytes(raw, str(path))
    # The absolute path: "art/x.txt" and "/home/me/art/x.txt" are one article, so a changed
    # file keeps its history however its path was typed.
    source = str(path.resolve())
    return parse_article(text, source=source, fallback_title=_title_from_name(path))


def decode_article_bytes(raw: bytes, name: str) -> str:
    """Decode a file's bytes as UTF-8 text, refusing binary and undecodable files."""
    if b"\x00" in raw[:8192]:
        raise ArticleError(f"{name}: looks like a binary file, not an article")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleError(
            f"{name}: not UTF-8 text (undecodable byte at offset {error.start})"
        ) from None
    if not text.strip():
        raise ArticleError(f"{name}: the file is empty")
    return text


def parse_article(text: str, source: str, fallback_title: str = "Untitled") -> Article:
    """Split text into title and sections."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    title = fallback_title
    heading_match = _MARKDOWN_HEADING.match(lines[0]) if lines else None
    if heading_match and heading_match.group(1) == "#":
        title = heading_match.group("heading").strip()
        lines = lines[1:]
    elif len(lines) >= 2 and not lines[1].strip() and len(lines[0].split()) <= 30:
        title = _clean_inline(lines[0].strip())
        lines = lines[2:]
    sections = _sections(lines)
    if not any(section.paragraphs for section in sections):
        raise ArticleError(f"{source}: no text after the title")
    digest = hashlib.sha256(text.strip().encode("utf-8")).hexdigest()
    return Article(title=title, sections=tuple(sections), source=source, content_hash=digest)


def _sections(lines: list[str]) -> list[Section]:
    sections: list[Section] = []
    heading = ""
    paragraphs: list[str] = []
    current: list[str] = []

    def end_paragraph() -> None:
        if current:
            paragraph = _clean_inline(" ".join(part.strip() for part in current))
            if paragraph:
                paragraphs.append(paragraph)
            current.clear()

    def end_section() -> None:
        end_paragraph()
        if heading or paragraphs:
            sections.append(Section(heading=heading, paragraphs=tuple(paragraphs)))

    for index, line in enumerate(lines):
        stripped = line.strip()
        markdown = _MARKDOWN_HEADING.match(line)
        numbered = _NUMBERED_SECTION.match(line)
        next_line = lines[index + 1] if index + 1 < len(lines) else ""
        if markdown:
            end_section()
            heading, paragraphs = _clean_inline(markdown.group("heading")), []
        elif stripped and not current and _SETEXT_UNDERLINE.match(next_line):
            end_section()
            heading, paragraphs = _clean_inline(stripped), []
        elif _SETEXT_UNDERLINE.match(line) and sections is not None and not current and heading:
            continue
        elif numbered and not current:
            end_section()
            heading, body = split_glued_heading(numbered.group("rest"))
            paragraphs = []
            if body:
                current.append(body)
        elif not stripped or stripped.startswith(("```", "---", "***", "|")):
            end_paragraph()
        else:
            current.append(_strip_list_marker(stripped))
    end_section()
    return sections


def split_glued_heading(text: str) -> tuple[str, str]:
    """Split "Heading words Body sentence…" where the heading runs into the body.

    A heading is written in title or sentence case and has no final punctuation; the body starts
    with a capitalised word that opens a sentence. We take the earliest capitalised word, after at
    least two heading words, that begins a run which reads as a sentence: it is a common sentence
    opener ("As", "The", "Kosovo's"...), or it is followed by a lowercase verb-like word soon after.
    When nothing fits, the whole line is body text with no heading.
    """
    words = text.split()
    if len(words) < 4:
        return "", text
    best: int | None = None
    for index in range(2, min(len(words) - 1, 16)):
        word = words[index]
        previous = words[index - 1]
        if not word[:1].isupper() or previous.lower() in _HEADING_GLUE:
            continue
        if previous.endswith((".", ":", "?", "!")):
            best = index
            break
        if word.lower().strip("’'s,") in _BODY_OPENERS:
            best = index
            break
        if best is None and _reads_as_sentence(words[index:]):
            best = index
    if (
        best is None
        and words[0].rstrip(":.").lower() in _ONE_WORD_HEADINGS
        and len(words) >= 5
        and words[1][:1].isupper()
        and _reads_as_sentence(words[1:])
    ):
        best = 1  # "Background Kosovo declared…": a one-word section label
    if best is None:
        return "", text
    heading = " ".join(words[:best]).rstrip(":.")
    return heading, " ".join(words[best:])


def _reads_as_sentence(words: list[str]) -> bool:
    """A run of words reads as a sentence when a lowercase word follows within a few words
    and the run ends with sentence punctuation somewhere."""
    window = words[1:5]
    has_lower = any(w[:1].islower() for w in window)
    ends = any(w.endswith((".", "!", "?")) for w in words)
    return has_lower and ends


def _strip_list_marker(line: str) -> str:
    return re.sub(r"^([-*+]|\d+[.)])\s+", "", line)


def _clean_inline(text: str) -> str:
    """Drop Markdown emphasis, links and code marks, and wiki reference marks ("[citation
    needed]", "[12]"); collapse whitespace."""
    text = re.sub(r"\[(?:citation needed|clarification needed|update|\d{1,3})\]", "", text)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _title_from_name(path: Path) -> str:
    return path.stem.replace("_", " ").replace("-", " ").strip().capitalize() or "Untitled"
