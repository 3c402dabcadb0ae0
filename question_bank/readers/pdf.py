"""PDF: the text layer in reading order, without the page's furniture.

pdfminer.six rather than pypdf: its layout analysis groups characters into lines and lines into
text boxes with their positions and font sizes, which is what reading order, columns, headings
and running headers need. On each page:

- a running header, footer or page number is a box in the top or bottom margin whose text
  (digits aside) recurs on other pages, or that is only a page number; it is dropped;
- boxes are read in bands: a box spanning the middle of the page is a band of its own, and the
  boxes between two such are read column by column, left then right, so columns never
  interleave;
- footnotes (set smaller than the body, low on the page) and superscript note marks go;
- a short box set larger than the body text (or bold, without a full stop) is a heading; the
  largest on the first page is the title;
- lines are joined with a space; a word hyphenated at a line end is joined up ("th-" + "ree"),
  keeping the hyphen only where the document spells the word with one elsewhere;
- a paragraph cut by a column or page break (no final punctuation, the next box in lowercase)
  is joined to its continuation.

A PDF with no text layer (a scan) is refused with "OCR it first".
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from question_bank.errors import ArticleError
from question_bank.models import Article
from question_bank.readers.cleaning import ArticleBuilder
from question_bank.readers.raw import RawDocument

_MARGIN = 0.09  # top and bottom share of the page where running headers and footers live
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–— ]*\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?[-–— ]*$", re.I)
_BULLET = re.compile(r"^(?:[•▪◦‣·–-]|\d{1,3}[.)])\s+")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"'’”)]$")


@dataclass
class _Box:
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    lines: list[str]
    size: float
    bold: bool

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def read_pdf(document: RawDocument) -> list[Article]:
    """The article of a PDF's text layer."""
    pages = _boxes(document)
    boxes = [box for page in pages for box in page]
    if not any(box.text.strip() for box in boxes):
        raise ArticleError(
            f"{document.name}: no text layer (a scanned or image-only PDF); OCR it first"
        )
    body = [box for page in _without_furniture(pages, document) for box in _reading_order(page)]
    sizes: Counter[float] = Counter()
    for box in body:
        sizes[round(box.size, 1)] += len(box.text)
    body_size = sizes.most_common(1)[0][0] if sizes else 10.0
    # Footnotes: set smaller than the body, in the lower part of the page.
    body = [box for box in body if not (box.size < body_size * 0.85 and box.top > 0.6)]
    words = _hyphenated_words(body)
    builder = ArticleBuilder(source=document.source)
    title_box = _title_box(body, body_size)
    if title_box is not None:
        builder.title = title_box.text
    else:
        builder.title = _metadata_title(document)
    pending = ""
    for box in body:
        if box is title_box:
            continue
        if _is_heading(box, body_size):
            if pending:
                builder.paragraph(pending)
                pending = ""
            builder.heading(box.text)
            continue
        for paragraph in _paragraphs(box, words):
            if pending and not _ENDS_SENTENCE.search(pending) and paragraph[:1].islower():
                pending = _join(pending, paragraph, words)  # cut by a column or page break
                continue
            if pending:
                builder.paragraph(pending)
            pending = paragraph
    if pending:
        builder.paragraph(pending)
    return [builder.build(fallback_title=document.fallback_title)]


def _boxes(document: RawDocument) -> list[list[_Box]]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    pages: list[list[_Box]] = []
    try:
        for number, page in enumerate(
            extract_pages(io.BytesIO(document.data), laparams=LAParams())
        ):
            height = page.height or 1.0
            boxes: list[_Box] = []
            for element in page:
                if not isinstance(element, LTTextContainer):
                    continue
                lines: list[str] = []
                chars: list[Any] = []
                for line in element:
                    if isinstance(line, LTTextLine):
                        text = _line_text(line).strip()
                        if text:
                            lines.append(text)
                        chars.extend(c for c in line if isinstance(c, LTChar))
                if not lines:
                    continue
                sizes = sorted(c.size for c in chars) or [0.0]
                bold = bool(chars) and all("bold" in c.fontname.lower() for c in chars)
                boxes.append(
                    _Box(
                        page=number,
                        x0=element.x0,
                        top=(height - element.y1) / height,
                        x1=element.x1,
                        bottom=(height - element.y0) / height,
                        lines=lines,
                        size=sizes[len(sizes) // 2],
                        bold=bold,
                    )
                )
            pages.append(boxes)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ArticleError(f"{document.name}: an encrypted PDF that needs a password") from None
    except ArticleError:
        raise
    except Exception as error:  # pdfminer raises many kinds on damaged files
        detail = str(error).splitlines()[0][:80] if str(error) else type(error).__name__
        raise ArticleError(f"{document.name}: a damaged PDF ({detail})") from None
    if not pages:
        raise ArticleError(f"{document.name}: a PDF with no pages")
    return pages


def _line_text(line: Any) -> str:
    """A line's text without superscript note marks ("1946.¹²" drawn small and raised)."""
    from pdfminer.layout import LTChar

    sizes = sorted(obj.size for obj in line if isinstance(obj, LTChar))
    if not sizes:
        return str(line.get_text())
    body = sizes[len(sizes) // 2]
    parts: list[str] = []
    for obj in line:
        if (
            isinstance(obj, LTChar)
            and obj.size < body * 0.8
            and obj.y0 > line.y0 + body * 0.2
            and obj.get_text() in _NOTE_MARKS
        ):
            continue
        parts.append(obj.get_text())
    return "".join(parts)


_NOTE_MARKS = frozenset("0123456789*†‡§¶abcdefghij[],")


def _without_furniture(pages: list[list[_Box]], document: RawDocument) -> list[list[_Box]]:
    """Pages without running headers, footers and page numbers."""

    def key(box: _Box) -> str:
        return re.sub(r"\d+", "#", box.text.lower()).strip()

    in_margin = [
        [box for box in page if box.top < _MARGIN or box.bottom > 1 - _MARGIN] for page in pages
    ]
    recurring = Counter(k for page in in_margin for k in {key(box) for box in page})
    threshold = max(2, (len(pages) + 1) // 2)
    kept: list[list[_Box]] = []
    for page, margin in zip(pages, in_margin, strict=True):
        furniture = {
            id(box)
            for box in margin
            if _PAGE_NUMBER.match(box.text.strip())
            or (len(pages) > 1 and recurring[key(box)] >= threshold)
        }
        kept.append([box for box in page if id(box) not in furniture])
    return kept


def _reading_order(page: list[_Box]) -> list[_Box]:
    """Bands top to bottom; within a band, the left column before the right one."""
    if not page:
        return []
    left = min(box.x0 for box in page)
    right = max(box.x1 for box in page)
    middle = (left + right) / 2
    ordered: list[_Box] = []
    band: list[_Box] = []

    def flush() -> None:
        columns = sorted(band, key=lambda b: (b.x0 >= middle - 5, b.top))
        ordered.extend(columns)
        band.clear()

    for box in sorted(page, key=lambda b: b.top):
        spans = box.x0 < middle - 5 and box.x1 > middle + 5
        if spans:
            flush()
            ordered.append(box)
        else:
            band.append(box)
    flush()
    return ordered


def _title_box(boxes: list[_Box], body_size: float) -> _Box | None:
    first_page = [box for box in boxes if box.page == boxes[0].page] if boxes else []
    candidates = [
        box for box in first_page if box.size >= body_size * 1.3 and len(box.text.split()) <= 25
    ]
    return max(candidates, key=lambda b: (b.size, -b.top)) if candidates else None


def _is_heading(box: _Box, body_size: float) -> bool:
    words = len(box.text.split())
    if words > 20 or len(box.lines) > 2:
        return False
    if box.size >= body_size * 1.15:
        return True
    return box.bold and not box.text.rstrip().endswith((".", ",", ";"))


def _paragraphs(box: _Box, words: set[str]) -> list[str]:
    """A box's text as paragraphs: its lines joined, each bullet item a paragraph of its own."""
    paragraphs: list[str] = []
    current = ""
    for line in box.lines:
        if _BULLET.match(line) and current:
            paragraphs.append(current)
            current = ""
        current = _join(current, _BULLET.sub("", line), words) if current else _BULLET.sub("", line)
    if current:
        paragraphs.append(current)
    return paragraphs


_HYPHEN_END = re.compile(r"(\w+)-$")
_WORD_START = re.compile(r"^([a-z]\w*)")


def _join(first: str, second: str, words: set[str]) -> str:
    """Join two lines; a word hyphenated across them loses its hyphen unless the document
    writes it with one elsewhere ("south-east" stays, "th-" + "ree" is "three")."""
    end, start = _HYPHEN_END.search(first), _WORD_START.match(second)
    if end and start:
        hyphened = f"{end.group(1)}-{start.group(1)}".lower()
        if hyphened in words:
            return first + second
        return first[:-1] + second
    return f"{first} {second}"


def _hyphenated_words(boxes: list[_Box]) -> set[str]:
    """Every hyphenated word written inside a line (not at a line end) in the document."""
    found: set[str] = set()
    for box in boxes:
        for line in box.lines:
            found.update(m.lower() for m in re.findall(r"\w+-\w+", line))
    return found


def _metadata_title(document: RawDocument) -> str:
    """The PDF's own Title entry, when it has one that is not a tool's placeholder."""
    match = re.search(rb"/Title\s*\(([^)]{1,200})\)", document.data[-200_000:])
    if not match:
        return ""
    title = match.group(1).decode("latin-1", "replace").strip()
    return "" if title.lower() in ("untitled", "", "anonymous") else title
