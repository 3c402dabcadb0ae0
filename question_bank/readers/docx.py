"""Word documents (.docx) through python-docx: one article per document, headings as sections.

The body's paragraphs are read in order by style: "Title" is the title, "Heading N" starts a
section, list styles give one paragraph per item, captions are left out. Headers, footers,
footnotes and comments live outside the body and never reach the article; tables are left out.
"""

from __future__ import annotations

import io

from question_bank.errors import ArticleError
from question_bank.models import Article
from question_bank.readers.archives import check_archive
from question_bank.readers.cleaning import ArticleBuilder
from question_bank.readers.raw import RawDocument

_SKIPPED_STYLES = ("caption", "toc", "table of figures", "header", "footer", "footnote")


def read_docx(document: RawDocument) -> list[Article]:
    """The article of a Word document."""
    import docx

    check_archive(document, "Word document")
    try:
        word = docx.Document(io.BytesIO(document.data))
    except Exception as error:  # python-docx raises KeyError, ValueError, lxml errors...
        raise ArticleError(f"{document.name}: a damaged Word document ({error})") from None
    builder = ArticleBuilder(source=document.source, title=word.core_properties.title or "")
    for paragraph in word.paragraphs:
        style = (paragraph.style.name if paragraph.style is not None else "").lower()
        text = paragraph.text
        if not text.strip() or style.startswith(_SKIPPED_STYLES):
            continue
        if style == "title" or (style == "heading 1" and not builder.title):
            if not builder.title:
                builder.title = text
            elif text.strip() != builder.title.strip():
                builder.heading(text)
        elif style.startswith("heading"):
            builder.heading(text)
        else:
            builder.paragraph(text)
    return [builder.build(fallback_title=document.fallback_title)]
