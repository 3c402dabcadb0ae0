"""Markdown: the plain-text block structure plus Markdown's own syntax removed.

Front matter, fenced code, HTML comments and tables are not prose and go; images go with their
alt text (a caption, not the article's prose); links keep their text; emphasis and code marks
go. Footnote references (`[^1]`) and footnote definitions go like any note marker.
"""

from __future__ import annotations

import re

from question_bank.models import Article
from question_bank.readers.cleaning import clean_inline
from question_bank.readers.detect import decode_text, looks_like_markdown
from question_bank.readers.raw import RawDocument

__all__ = ["looks_like_markdown", "read_markdown", "strip_blocks", "strip_inline"]

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_FOOTNOTE_DEFINITION = re.compile(r"^\s{0,3}\[\^[^\]]+\]:")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REFERENCE_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_INLINE_HTML = re.compile(r"</?(?:[a-zA-Z][\w-]*)(?:\s[^<>]*)?/?>")
_EMPHASIS = re.compile(
    r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\3(?![\w*])"
)
_CODE = re.compile(r"`+([^`]*)`+")


def read_markdown(document: RawDocument) -> list[Article]:
    """Read Markdown (UTF-8, or UTF-16/32 with a BOM)."""
    from question_bank.readers.text import parse_article

    text = decode_text(document.data, document.name)
    return [parse_article(text, document.source, document.fallback_title, markdown=True)]


def strip_blocks(lines: list[str]) -> list[str]:
    """Lines with front matter, fenced code, HTML comments and footnote definitions removed."""
    kept: list[str] = []
    index = 0
    if lines and lines[0].strip() == "---":  # YAML front matter
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), 0)
        index = end + 1 if end else 0
    fence = ""
    in_comment = False
    for line in lines[index:]:
        if fence:
            if line.strip().startswith(fence):
                fence = ""
            kept.append("")
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)
            kept.append("")
            continue
        if in_comment or line.lstrip().startswith("<!--"):
            in_comment = "-->" not in line
            kept.append("")
            continue
        if _FOOTNOTE_DEFINITION.match(line):
            kept.append("")
            continue
        stripped = line.lstrip()
        kept.append(stripped[1:].lstrip() if stripped.startswith(">") else line)  # a quote
    return kept


def strip_inline(text: str) -> str:
    """A Markdown paragraph or heading as prose."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REFERENCE_LINK.sub(r"\1", text)
    text = _FOOTNOTE_REF.sub("", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _INLINE_HTML.sub("", text)
    text = _CODE.sub(r"\1", text)
    previous = None
    while previous != text:  # nested emphasis ("***x***")
        previous = text
        text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(4) or "", text)
    return clean_inline(text)
