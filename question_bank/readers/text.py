"""Plain text and the seed format: title line, numbered sections with glued headings, lists.

The title is the first line when a blank line follows it. Sections are the seed format
`N: <Heading> <Body>`, where the heading runs straight into the body with no punctuation between
them, or Markdown-style headings (people type `## Heading` in .txt files too). The heading is
split off and kept as the section label, so it is never glued into a sentence.

A paragraph is a run of non-blank lines. A list item (`- `, `* `, `• `, `1. `, `a) `) is a
paragraph of its own, so each item is one sentence, never a run-on of all of them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from question_bank.models import Article
from question_bank.readers.cleaning import ArticleBuilder, clean_inline
from question_bank.readers.detect import decode_text
from question_bank.readers.raw import RawDocument

_NUMBERED_SECTION = re.compile(r"^\s*(\d{1,3})\s*(?P<mark>[:.)])\s+(?P<rest>\S.*)$")
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(?P<heading>.+?)\s*#*\s*$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+•‣◦▪·–]|\(?(?:\d{1,3}|[a-z])[.)])\s+(?=\S)")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
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

Inline = Callable[[str], str]


def read_text(document: RawDocument) -> list[Article]:
    """Read plain text (UTF-8, or UTF-16/32 with a BOM)."""
    text = decode_text(document.data, document.name)
    return [parse_article(text, document.source, document.fallback_title, markdown=False)]


def parse_article(
    text: str, source: str, fallback_title: str = "Untitled", *, markdown: bool | None = None
) -> Article:
    """Split text into title and sections; `markdown=None` tells Markdown from its signs."""
    from question_bank.readers import markdown as md

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if markdown is None:
        markdown = md.looks_like_markdown(text)
    lines = md.strip_blocks(text.split("\n")) if markdown else text.split("\n")
    inline: Inline = md.strip_inline if markdown else _plain_inline
    # The hash is of the text as written, so an article's id is the same as it always was.
    digest = hashlib.sha256(text.strip().encode("utf-8")).hexdigest()
    return parse_lines(lines, source, fallback_title, inline=inline, content_hash=digest)


def parse_lines(
    lines: list[str], source: str, fallback_title: str, *, inline: Inline, content_hash: str
) -> Article:
    """The block structure shared by plain text and Markdown."""
    while lines and not lines[0].strip():
        lines = lines[1:]
    builder = ArticleBuilder(source=source)
    heading_match = _MARKDOWN_HEADING.match(lines[0]) if lines else None
    if heading_match and heading_match.group(1) == "#":
        builder.title = inline(heading_match.group("heading").strip())
        lines = lines[1:]
    elif len(lines) >= 2 and not lines[1].strip() and len(lines[0].split()) <= 30:
        builder.title = inline(lines[0].strip())
        lines = lines[2:]
    _blocks(lines, builder, inline)
    return builder.build(fallback_title=fallback_title, content_hash=content_hash)


def _blocks(lines: list[str], builder: ArticleBuilder, inline: Inline) -> None:
    current: list[str] = []
    heading_seen = False

    def end_paragraph() -> None:
        if current:
            builder.paragraph(inline(" ".join(part.strip() for part in current)))
            current.clear()

    for index, line in enumerate(lines):
        stripped = line.strip()
        markdown = _MARKDOWN_HEADING.match(line)
        numbered = _NUMBERED_SECTION.match(line)
        next_line = lines[index + 1] if index + 1 < len(lines) else ""
        if markdown:
            end_paragraph()
            builder.heading(inline(markdown.group("heading")))
            heading_seen = True
        elif stripped and not current and _SETEXT_UNDERLINE.match(next_line):
            end_paragraph()
            builder.heading(inline(stripped))
            heading_seen = True
        elif _SETEXT_UNDERLINE.match(line) and not current and heading_seen:
            continue
        elif numbered and not current and _is_seed_section(numbered):
            end_paragraph()
            heading, body = split_glued_heading(numbered.group("rest"))
            if heading:
                builder.heading(heading)
            else:
                builder.section_break()
            heading_seen = bool(heading)
            if body:
                current.append(body)
        elif not stripped or stripped.startswith(("```", "|")) or _RULE.match(line):
            end_paragraph()
        elif _LIST_MARKER.match(line):
            end_paragraph()  # each item is a paragraph of its own: one sentence per item
            current.append(_LIST_MARKER.sub("", line, count=1))
        else:
            current.append(stripped)
    end_paragraph()


def _is_seed_section(match: re.Match[str]) -> bool:
    """A "1: Heading Body" line is a section; "1. Something" is one only when a heading splits,
    else it is an item of a numbered list."""
    return match.group("mark") == ":" or bool(split_glued_heading(match.group("rest"))[0])


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


def _plain_inline(text: str) -> str:
    """Plain text is kept as written: an asterisk or an underscore is the author's."""
    return clean_inline(text)
