"""EPUB e-books through ebooklib: one article per chapter, in spine (reading) order.

A chapter is a spine document with prose; the navigation document, a cover or a title page with
no paragraph is skipped. A chapter's title is its first heading (else the table of contents'
entry, else the book's title and the chapter's number), and its source is the book's source
with the chapter's file name after `#`, so regenerating the book updates each chapter in place.
Note references and footnote asides are left out.
"""

from __future__ import annotations

import io
import warnings
from typing import Any

from question_bank.errors import ArticleError
from question_bank.models import Article
from question_bank.readers.archives import check_archive
from question_bank.readers.cleaning import ArticleBuilder
from question_bank.readers.html import walk_document_html
from question_bank.readers.raw import RawDocument


def read_epub(document: RawDocument) -> list[Article]:
    """One article per chapter of an e-book."""
    import ebooklib
    from ebooklib import epub

    check_archive(document, "EPUB")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ebooklib warns about its own future defaults
            book = epub.read_epub(io.BytesIO(document.data), options={"ignore_ncx": True})
    except Exception as error:  # ebooklib raises EpubException, KeyError, lxml errors...
        raise ArticleError(f"{document.name}: a damaged EPUB ({error})") from None
    book_title = _metadata(book, "title") or document.fallback_title
    toc_titles = _toc_titles(book.toc)
    articles: list[Article] = []
    for number, (item_id, _linear) in enumerate(book.spine, start=1):
        item = book.get_item_with_id(item_id)
        if item is None or item.get_type() != ebooklib.ITEM_DOCUMENT:
            continue
        if isinstance(item, epub.EpubNav):
            continue
        builder = ArticleBuilder(
            source=f"{document.source}#{item.get_name()}", title_from_first_heading=True
        )
        walk_document_html(item.get_content(), builder)
        if not builder.has_text:
            continue  # a cover, a title page, a table of contents
        builder.title = builder.title or toc_titles.get(item.get_name(), "")
        articles.append(builder.build(fallback_title=f"{book_title}, part {number}"))
    if not articles:
        raise ArticleError(f"{document.name}: an EPUB with no chapter of text")
    return articles


def _metadata(book: Any, name: str) -> str:
    values = book.get_metadata("DC", name)
    return str(values[0][0]).strip() if values else ""


def _toc_titles(toc: Any) -> dict[str, str]:
    """File name -> title, from the table of contents (nested sections included)."""
    titles: dict[str, str] = {}
    for entry in toc if isinstance(toc, list | tuple) else []:
        if isinstance(entry, list | tuple) and len(entry) == 2:
            titles.update(_toc_titles([entry[0]]))
            titles.update(_toc_titles(entry[1]))
            continue
        href = str(getattr(entry, "href", "") or getattr(entry, "file_name", ""))
        title = str(getattr(entry, "title", "") or "")
        if href and title:
            titles.setdefault(href.split("#", 1)[0], title)
    return titles
