"""What every reader does to its text: keep the prose, drop what is not prose.

Each reader finds the structure of its format (title, headings, paragraphs, list items) and hands
the pieces to an `ArticleBuilder`, which cleans them the same way for every format:

- `question_bank.sanitize.clean_text` first: terminal escapes, control characters and bidi
  overrides never enter the bank, whatever the format;
- note and citation markers ("[12]", "[note 2]", "[citation needed]") go: they are apparatus,
  and a card that keeps one is damaged;
- invisible characters (soft hyphens, zero-width spaces) go, whitespace runs become one space;
- a paragraph that is a byline, a dateline, a caption or a bit of page furniture
  ("Advertisement", "Share this article") is dropped where it can be told apart from prose.

The text is otherwise the document's own characters: quotes, dashes and brackets as written.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from question_bank.errors import ArticleError
from question_bank.models import Article, Section
from question_bank.sanitize import clean_text

_NOTE_WORDS = (
    r"citation needed|clarification needed|better source needed|failed verification|"
    r"dubious(?:\s*[–-]\s*discuss)?|page needed|when\?|who\?|which\?|where\?|why\?|by whom\?|"
    r"according to whom\?|original research\??|update|needs update|verification needed|"
    r"full citation needed|non-primary source needed|unreliable source\??|edit"
)
# "[12]", "[12]: 34", "[note 2]", "[nb 1]", "[a]", "[citation needed]"; a letter note only when
# glued to the word before it, so "option [a] is" in prose stays.
_NOTE_MARKER = re.compile(
    rf"\[(?:\d{{1,3}}|(?:note|nb|n|lower-alpha|upper-alpha|fn)\s?\d{{1,3}}|{_NOTE_WORDS})\]"
    r"(?::\s?\d+(?:[–-]\d+)?)?"
    r"|(?<=[\w.,;:)\"'’”])\[[a-z]\]",
    re.IGNORECASE,
)
_SPACE_BEFORE_PUNCTUATION = re.compile(r"(?<=\S) +(?=[.,;:!?](?:\s|$))")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_WHITESPACE = re.compile(r"\s+")

# Page furniture: a paragraph that is one of these, whole, is not prose.
_FURNITURE = frozenset(
    """advertisement|skip advertisement|continue reading|read more|share|share this article|
    share this|sign up|subscribe|related|related stories|related articles|most read|
    image source|image caption|media caption|getty images|listen|print|comments|
    story continues below advertisement|this article is more than 1 year old|jump to content|
    from wikipedia, the free encyclopedia""".replace("\n", "").split("|")
)
_FURNITURE = frozenset(item.strip() for item in _FURNITURE)
_BYLINE = re.compile(
    r"^(?i:by|written by|words by)\s+[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|van|de|von|and|&))"
    r"{0,5}\s*(?:[,|–—-]\s*[^.!?]{0,80})?$"
)
_DATELINE = re.compile(
    r"^(?:published|updated|posted|last updated|first published)\b[^.!?]{0,60}$", re.IGNORECASE
)
_CAPTION = re.compile(
    r"^(?:\(?(?:photo|photograph|picture|image|caption|credit|illustration)s?"
    r"(?:\s+(?:caption|source|credit))?\s*[:,|]\s*"
    r"|(?:fig(?:ure)?\.?|table|chart|map|plate)\s+\d+[a-z]?\s*[:.|–—-]\s).{0,200}$",
    re.IGNORECASE,
)


def clean_inline(text: str) -> str:
    """One paragraph or heading as stored: safe characters, no note markers, single spaces."""
    text = _INVISIBLE.sub("", clean_text(text))
    text = _NOTE_MARKER.sub("", text)
    text = _WHITESPACE.sub(" ", text).strip()
    # A marker removed before a full stop ("1946 [12].") must not leave "1946 .".
    return _SPACE_BEFORE_PUNCTUATION.sub("", text)


# A news story's opening place line: "WASHINGTON — ", "London, May 8 (IANS) ", "PARIS (AP) -- ".
_OPENING_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’ -]{2,30}(?:, [A-Z][A-Za-z.'’ ]{1,30})?\s*(?:\([A-Z][A-Za-z]{1,9}\)\s*)?"
    r"(?:—|–|--|-)\s+"
    r"|[A-Z][A-Za-z.'’ -]{1,30}(?:, [A-Z][A-Za-z.'’ ]{1,30})?,? (?:[A-Z][a-z]{2,8}\.? \d{1,2},? )?"
    r"\([A-Z]{2,9}\)\s*(?:(?:—|–|--|-|:)\s*)?)(?=[A-Z“\"])"
)


def without_dateline(paragraph: str) -> str:
    """A news story's first paragraph without the place line it opens with ("WASHINGTON — The
    Senate passed…" -> "The Senate passed…"): a card that asks for it or swaps it tests the
    wire service's furniture, not the story."""
    return _OPENING_DATELINE.sub("", paragraph, count=1)


def is_furniture(paragraph: str, *, near_top: bool) -> bool:
    """A byline, dateline, caption or page furniture rather than prose."""
    lowered = paragraph.lower().strip(" .:!|•·-–—")
    if lowered in _FURNITURE:
        return True
    if _CAPTION.match(paragraph):
        return True
    # Bylines and datelines stand at the top; lower down "By Monday…" is prose.
    return near_top and bool(_BYLINE.match(paragraph) or _DATELINE.match(paragraph))


@dataclass
class ArticleBuilder:
    """Collects one article's sections as a reader walks its document, then builds it."""

    source: str
    title: str = ""
    filter_furniture: bool = True
    title_from_first_heading: bool = False
    """A heading before any text, with no title yet, is the title (an EPUB chapter's <h1>)."""
    _sections: list[Section] = field(default_factory=list)
    _heading: str = ""
    _paragraphs: list[str] = field(default_factory=list)
    _seen_paragraphs: int = 0

    def heading(self, text: str) -> None:
        """Start a new section under this heading."""
        heading = clean_inline(text)
        if not heading:
            return
        if self.title_from_first_heading and not self.title and not self._started:
            self.title = heading
            return
        self._end_section()
        self._heading = heading

    def section_break(self) -> None:
        """End the current section; what follows is a section with no heading."""
        self._end_section()

    def paragraph(self, text: str) -> None:
        """Add a paragraph (or one list item) to the current section."""
        paragraph = clean_inline(text)
        if not paragraph:
            return
        near_top = self._seen_paragraphs < 3
        self._seen_paragraphs += 1
        if self.filter_furniture and is_furniture(paragraph, near_top=near_top):
            return
        if self.filter_furniture and near_top:
            paragraph = without_dateline(paragraph)
        if self.title and paragraph == self.title and not self._paragraphs:
            return  # the title repeated as the first line of the body
        self._paragraphs.append(paragraph)

    @property
    def _started(self) -> bool:
        return bool(self._heading or self._paragraphs or self._sections)

    @property
    def has_text(self) -> bool:
        return bool(self._paragraphs) or any(s.paragraphs for s in self._sections)

    def build(self, *, fallback_title: str = "Untitled", content_hash: str = "") -> Article:
        """The article; its hash is of its text unless the reader gives one (raw text)."""
        self._end_section()
        title = clean_inline(self.title) or fallback_title
        sections = tuple(self._sections)
        if not any(section.paragraphs for section in sections):
            raise ArticleError(f"{self.source}: no text after the title")
        article = Article(title=title, sections=sections, source=self.source, content_hash="")
        digest = content_hash or hashlib.sha256(f"{title}\n\n{article.text}".encode()).hexdigest()
        return Article(title=title, sections=sections, source=self.source, content_hash=digest)

    def _end_section(self) -> None:
        if self._heading or self._paragraphs:
            self._sections.append(
                Section(heading=self._heading, paragraphs=tuple(self._paragraphs))
            )
        self._heading, self._paragraphs = "", []
