"""HTML pages: the article's own text, found by trafilatura, without the page around it.

trafilatura (the reference main-text extractor) drops menus, ads, related links, comment
sections, captions and bylines, and keeps headings, paragraphs, lists and quotes in order. We
walk what it keeps: a heading starts a section, every paragraph and every list item becomes a
paragraph (one sentence per item, never a run-on list). Tables and images are left out.

`walk_document_html` is the other half: for HTML that is all article (an EPUB chapter), a plain
walk over the block elements, leaving out navigation, figures, asides and note references.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from question_bank.errors import ArticleError
from question_bank.models import Article
from question_bank.readers.cleaning import ArticleBuilder
from question_bank.readers.detect import decode_text
from question_bank.readers.raw import RawDocument
from question_bank.sanitize import clean_text

if TYPE_CHECKING:
    from lxml.etree import _Element

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {"p", "li", "dd", "dt", "blockquote", "pre", "div", "section", "article"} | _HEADINGS
_SKIPPED = {
    "nav",
    "aside",
    "figure",
    "figcaption",
    "header",
    "footer",
    "script",
    "style",
    "table",
    "noscript",
    "form",
    "button",
    "sup",  # note references: "<sup>[1]</sup>", EPUB noterefs
}


def read_html(document: RawDocument) -> list[Article]:
    """The article of a web page, or an ArticleError when the page has none."""
    import trafilatura

    markup = _decoded(document)
    try:
        extracted = trafilatura.bare_extraction(
            _without_adverts(markup),
            url=document.source if "://" in document.source else None,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_formatting=False,
            include_links=False,
            favor_precision=True,
            with_metadata=True,
        )
    except Exception as error:  # lxml and trafilatura raise many kinds on broken markup
        raise ArticleError(f"{document.name}: cannot read this HTML ({error})") from None
    body = getattr(extracted, "body", None) if extracted is not None else None
    if body is None or not len(body):
        raise ArticleError(
            f"{document.name}: no article found in this page (only navigation, links or too "
            "little text)"
        )
    builder = ArticleBuilder(source=document.source, title=getattr(extracted, "title", "") or "")
    for element in body:
        _add_extracted(element, builder)
    if not builder.has_text:
        raise ArticleError(f"{document.name}: no article found in this page")
    return [builder.build(fallback_title=document.fallback_title)]


_NOT_PROSE = re.compile(
    # advert slots inside an article body
    r"^(?:ad|ads|advert|adverts|advertisement|ad[-_].*|.*[-_]ad|.*[-_]ads|.*advert.*|sponsor.*|"
    r"promo|promoted|promotion|newsletter.*|paywall.*|outbrain.*|taboola.*|dfp.*|gpt-ad.*|"
    # Wikipedia's apparatus: edit links, hatnotes, reference lists, navboxes, captions
    r"mw-editsection|hatnote|navbox.*|reflist|references|mw-references-wrap|thumbcaption|"
    r"noprint|mw-jump-link|shortdescription|sistersitebox|ambox|catlinks|siteSub|contentSub|"
    r"toc|infobox.*|mw-cite-backlink)$",
    re.IGNORECASE,
)


def _without_adverts(markup: str | bytes) -> Any:
    """The page without advert slots and Wikipedia's apparatus: trafilatura knows menus and
    comments, but an advert inside the article body (class "advert", "ad-slot"), a hatnote
    ("For the park in Manchester, see…") or an "[edit]" link reads like part of the text."""
    import lxml.html

    try:
        root = lxml.html.fromstring(markup)
    except Exception:  # let trafilatura report what it makes of a page lxml cannot parse
        return markup
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        names = [*(element.get("class") or "").split(), element.get("id") or ""]
        label = (element.get("aria-label") or "").lower()
        if any(_NOT_PROSE.match(name) for name in names if name) or label == "advertisement":
            element.drop_tree()
    return root


def _decoded(document: RawDocument) -> str | bytes:
    """The page as text, cleaned before parsing: lxml refuses control characters in markup."""
    if document.charset:
        try:
            return clean_text(document.data.decode(document.charset, "replace"))
        except LookupError:
            pass  # an unknown charset name: let trafilatura guess
    try:
        return clean_text(decode_text(document.data, document.name))
    except ArticleError:
        return document.data  # not UTF-8: trafilatura reads the page's own <meta charset>


def _add_extracted(element: _Element, builder: ArticleBuilder) -> None:
    tag = element.tag
    if tag == "head":
        text = _text(element)
        if text and not (text == builder.title and not builder.has_text):
            builder.heading(text)
    elif tag == "list":
        for item in element.iterchildren("item"):
            _add_item(item, builder)
    elif tag in ("p", "quote"):
        if len(element) and all(child.tag == "p" for child in element):
            for child in element:
                builder.paragraph(_text(child))
        else:
            builder.paragraph(_text(element))
    elif tag in ("div", "section"):
        for child in element:
            _add_extracted(child, builder)


def _add_item(item: _Element, builder: ArticleBuilder) -> None:
    nested = [child for child in item if child.tag == "list"]
    own = "".join(_own_text(item, skip="list"))
    builder.paragraph(own)
    for sublist in nested:
        for sub in sublist.iterchildren("item"):
            _add_item(sub, builder)


def _own_text(element: _Element, *, skip: str) -> list[str]:
    parts = [element.text or ""]
    for child in element:
        if child.tag != skip:
            parts.extend(_own_text(child, skip=skip))
        parts.append(child.tail or "")
    return parts


def _text(element: _Element) -> str:
    return "".join(element.itertext())


def walk_document_html(markup: bytes | str, builder: ArticleBuilder) -> None:
    """Add the headings and paragraphs of HTML that is all article (an EPUB chapter)."""
    import lxml.html

    try:
        root = lxml.html.fromstring(markup)
    except Exception as error:  # lxml's ParserError and friends
        raise ArticleError(f"{builder.source}: cannot read this chapter ({error})") from None
    body = root.find(".//body")
    _walk(body if body is not None else root, builder)


def _walk(element: Any, builder: ArticleBuilder) -> None:
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1].lower()
        if tag in _SKIPPED or _is_note(child):
            continue
        if tag in _HEADINGS:
            builder.heading(_visible_text(child))
        elif tag in ("p", "dt", "dd", "pre") or (tag == "li" and not _has_blocks(child)):
            builder.paragraph(_visible_text(child))
        elif tag in _BLOCKS or tag in ("ul", "ol", "dl", "main", "span") or _has_blocks(child):
            if tag == "li":
                builder.paragraph(_visible_text(child, shallow=True))
            if tag == "div" and not _has_blocks(child):
                builder.paragraph(_visible_text(child))
            else:
                _walk(child, builder)


def _has_blocks(element: Any) -> bool:
    return any(
        isinstance(child.tag, str)
        and child.tag.rsplit("}", 1)[-1].lower() in _BLOCKS | {"ul", "ol"}
        for child in element
    )


def _is_note(element: Any) -> bool:
    kind = element.get("{http://www.idpf.org/2007/ops}type") or element.get("epub:type") or ""
    role = element.get("role") or ""
    return any(word in kind or word in role for word in ("noteref", "footnote", "endnote"))


def _visible_text(element: Any, *, shallow: bool = False) -> str:
    """Text of an element without its note references, figures and (shallow) nested blocks."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag.rsplit("}", 1)[-1].lower() if isinstance(child.tag, str) else ""
        skip = tag in _SKIPPED or _is_note(child) or (shallow and tag in _BLOCKS | {"ul", "ol"})
        if not skip:
            parts.append(_visible_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
