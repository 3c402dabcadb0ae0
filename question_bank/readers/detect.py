"""Tell a document's format from its bytes, not its name; decode text in its real encoding.

The content decides: a PDF saved as `.txt` is read as a PDF, an HTML page saved without a suffix
as HTML. The suffix only breaks ties the bytes cannot (Markdown versus plain text) and makes the
message clearer when the bytes are not a document at all ("x.pdf: not a PDF").
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from enum import StrEnum

from question_bank.errors import ArticleError


class Format(StrEnum):
    """The formats quizapp reads."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    PDF = "pdf"
    EPUB = "epub"
    DOCX = "docx"


SUFFIXES: dict[str, Format] = {
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".pdf": Format.PDF,
    ".epub": Format.EPUB,
    ".docx": Format.DOCX,
}

# Other files people pass by mistake, named so the message says what they are.
_FOREIGN_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"SQLite format 3\x00", "a SQLite database (a bank is opened with --db)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc); save it as .docx"),
    (b"{\\rtf", "an RTF document; save it as .docx or .txt"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(rb"<(?:p|div|article|h[1-6]|title|meta)\b[^>]*>", re.IGNORECASE)
_MARKDOWN_SIGNS = re.compile(
    r"^\s{0,3}#{1,6}\s+\S|^\s{0,3}(?:=+|-{3,})\s*$|\]\([^)\s]+\)|\*\*\S|^```",
    re.MULTILINE,
)


def sniff(raw: bytes, name: str, suffix: str = "") -> Format:
    """The format of a document's bytes; raise ArticleError for what is not a document."""
    head = raw[:4096]
    if b"%PDF-" in head[:1024]:
        return Format.PDF
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(raw, name)
    for magic, what in _FOREIGN_MAGIC:
        if head.startswith(magic):
            raise ArticleError(f"{name}: {what} (a binary file), not an article")
    expected = SUFFIXES.get(suffix.lower())
    if expected in (Format.PDF, Format.EPUB, Format.DOCX):
        # A binary format by name but not by content: say so, not "not UTF-8".
        raise ArticleError(f"{name}: not a valid {_NAMES[expected]} (its content is not one)")
    text_head = _decoded_head(head)
    if text_head is not None and _HTML_START.match(text_head.encode("utf-8", "replace")):
        return Format.HTML
    if expected is Format.HTML or (
        text_head is not None and len(_HTML_TAGS.findall(text_head.encode("utf-8"))) >= 3
    ):
        return Format.HTML
    if expected is Format.MARKDOWN:
        return Format.MARKDOWN
    if expected is None and text_head is not None and looks_like_markdown(text_head):
        return Format.MARKDOWN
    return Format.TEXT


_NAMES = {Format.PDF: "PDF", Format.EPUB: "EPUB e-book", Format.DOCX: "Word document (.docx)"}


def _zip_format(raw: bytes, name: str) -> Format:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:64].strip() if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise ArticleError(f"{name}: a damaged zip archive ({error})") from None
    if mimetype == b"application/epub+zip" or "META-INF/container.xml" in names:
        return Format.EPUB
    if "word/document.xml" in names:
        return Format.DOCX
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        raise ArticleError(f"{name}: an OpenDocument file; save it as .docx to read it")
    raise ArticleError(f"{name}: a zip archive that is neither an EPUB nor a Word document")


def looks_like_markdown(text: str) -> bool:
    """Headings, setext rules, links, bold or fences in the first lines: it is Markdown."""
    return bool(_MARKDOWN_SIGNS.search(text[:8192]))


def _decoded_head(head: bytes) -> str | None:
    try:
        return decode_text(head, "", strict=False)
    except ArticleError:
        return None


def decode_text(raw: bytes, name: str, *, strict: bool = True) -> str:
    """Decode text: a BOM names the encoding (UTF-8, UTF-16, UTF-32), else it must be UTF-8.

    UTF-16 without a BOM is recognised by its pattern of zero bytes and read too; other binary
    data is refused. `strict=False` tolerates a sequence cut at the end (a sniffed head).
    """
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(codec, "strict" if strict else "ignore")
            except UnicodeDecodeError as error:
                raise ArticleError(
                    f"{name}: {label} text that does not decode (bad bytes at offset "
                    f"{error.start + len(bom)})"
                ) from None
    guessed = _bomless_utf16(raw)
    if guessed:
        return raw.decode(guessed, "strict" if strict else "ignore").lstrip("\ufeff")
    sample = raw[:8192]
    # A stray NUL or escape in text is a control character (cleaned away later); many of them
    # are binary data.
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    if sample.count(0) > max(1, len(sample) // 200) or controls > len(sample) * 0.3:
        raise ArticleError(f"{name}: looks like a binary file, not an article")
    try:
        return raw.decode("utf-8", "strict" if strict else "ignore")
    except UnicodeDecodeError as error:
        raise ArticleError(
            f"{name}: not UTF-8 text (undecodable byte at offset {error.start}); save it as UTF-8"
        ) from None


def _bomless_utf16(raw: bytes) -> str:
    """'utf-16-le'/'-be' when the bytes are mostly ASCII letters with every other byte zero."""
    sample = raw[:4096]
    if len(sample) < 8:
        return ""
    even, odd = sample[0::2], sample[1::2]
    zero_even, zero_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zero_odd > 0.9 and zero_even < 0.1:
        return "utf-16-le"
    if zero_even > 0.9 and zero_odd < 0.1:
        return "utf-16-be"
    return ""
