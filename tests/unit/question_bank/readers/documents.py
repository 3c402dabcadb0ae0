"""Real documents of every format, written by the libraries that make them, for reader tests.

One article (`STORM`) is written as text, an HTML news page (with navigation, ads, a byline, a
caption, related links and comments around it), a PDF (reportlab: running header, page numbers,
a word hyphenated across lines, two columns on its second page), a Word document (python-docx)
and an EPUB (ebooklib). Each reader must give back exactly the article's paragraphs.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Story:
    """An article as its author wrote it: title, then (heading, paragraphs) sections."""

    title: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def paragraphs(self) -> list[tuple[str, str]]:
        return [(heading, p) for heading, paragraphs in self.sections for p in paragraphs]


STORM = Story(
    title="Storm Ciarán batters the Channel coast",
    sections=(
        (
            "",
            (
                "Heavy rain and winds of 120 km/h battered the Channel coast on Monday, "
                "cutting power to 40,000 homes in Kent and Sussex.",
                "The Met Office issued an amber warning for the whole south-east, and P&O "
                "Ferries cancelled every sailing from Dover until the evening.",
            ),
        ),
        (
            "Damage and victims",
            (
                "At least 12 people were injured, most of them by falling trees, according to "
                "the Kent Fire and Rescue Service.",
                "A lorry driver was rescued after his vehicle was blown over on the A20 near "
                "Folkestone.",
                "The county council said that 30 schools would stay closed on Tuesday.",
            ),
        ),
        (
            "Recovery",
            (
                "UK Power Networks expects to reconnect every home by Wednesday, when the wind "
                "is forecast to drop.",
                "The Environment Agency warned that rivers in Sussex could still flood after the "
                "rain of the last three days.",
            ),
        ),
    ),
)


def write_text(story: Story, path: Path) -> Path:
    parts = [story.title, ""]
    for heading, paragraphs in story.sections:
        if heading:
            parts.extend([f"## {heading}", ""])
        for paragraph in paragraphs:
            parts.extend([paragraph, ""])
    path.write_text("\n".join(parts), "utf-8")
    return path


def news_page(story: Story) -> str:
    """The story as a news site serves it: nav, ads, byline, caption, related links, comments."""
    body: list[str] = [f"<h1>{html.escape(story.title)}</h1>"]
    body.append('<p class="byline">By Jane Smith, Weather Correspondent</p>')
    body.append('<time datetime="2023-11-06T09:00">6 November 2023</time>')
    body.append(
        '<figure><img src="waves.jpg" alt="Waves"><figcaption>Waves broke over the sea wall '
        "at Dover on Monday morning. Photo: PA</figcaption></figure>"
    )
    for heading, paragraphs in story.sections:
        if heading:
            body.append(f"<h2>{html.escape(heading)}</h2>")
        for paragraph in paragraphs:
            body.append(f"<p>{html.escape(paragraph)}</p>")
        if heading == "Damage and victims":
            body.append(
                '<div class="advert"><p>Advertisement</p><p>Get 50% off your first month of '
                "Streamly Plus. Subscribe today!</p></div>"
            )
    body.append(
        '<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Floods close '
        'roads in Wales</a></li><li><a href="/b">The heatwave is over</a></li></ul></aside>'
    )
    article = "\n".join(body)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(story.title)} | The Daily Example</title>
<meta property="og:title" content="{html.escape(story.title)}">
<script>window.dataLayer = [];</script></head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
<div class="ad-banner" id="top-ad"><p>Advertisement: the new Phone X, only £999.</p></div>
<main><article>
{article}
</article></main>
<section id="comments" class="comments"><h3>Comments (2)</h3>
<div class="comment"><p class="author">weatherfan</p><p>Great article, thanks for sharing!</p></div>
<div class="comment"><p class="author">kentdad</p><p>The council should have gritted the roads
before the storm arrived, as it promised last winter.</p></div></section>
<footer><p>© 2023 The Daily Example. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul></footer>
</body></html>
"""


def write_html(story: Story, path: Path) -> Path:
    path.write_text(news_page(story), "utf-8")
    return path


def write_docx(story: Story, path: Path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = story.title
    document.add_heading(story.title, level=0)  # the "Title" style
    section = document.sections[0]
    section.header.paragraphs[0].text = "The Daily Example — weather desk"
    section.footer.paragraphs[0].text = "Page 1"
    for heading, paragraphs in story.sections:
        if heading:
            document.add_heading(heading, level=1)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
    document.add_paragraph("Figure 1: the sea wall at Dover.", style="Caption")
    document.save(str(path))
    return path


def write_epub(story: Story, path: Path, *, chapters: tuple[Story, ...] = ()) -> Path:
    """An EPUB with a cover-like title page, then one chapter per story (default: `story`)."""
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("quizapp-test-book")
    book.set_title(story.title)
    book.set_language("en")
    book.add_author("Jane Smith")
    items = []
    for number, chapter in enumerate(chapters or (story,), start=1):
        parts = [f"<h1>{html.escape(chapter.title)}</h1>"]
        for heading, paragraphs in chapter.sections:
            if heading:
                parts.append(f"<h2>{html.escape(heading)}</h2>")
            for index, paragraph in enumerate(paragraphs):
                note = '<sup><a epub:type="noteref" href="#n1">1</a></sup>' if index == 0 else ""
                parts.append(f"<p>{html.escape(paragraph)}{note}</p>")
        parts.append('<aside epub:type="footnote" id="n1"><p>1. A note.</p></aside>')
        item = epub.EpubHtml(title=chapter.title, file_name=f"chapter-{number}.xhtml", lang="en")
        item.content = "<html><body>" + "\n".join(parts) + "</body></html>"
        book.add_item(item)
        items.append(item)
    book.toc = tuple(items)
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *items]
    epub.write_epub(str(path), book)
    return path


def write_pdf(story: Story, path: Path, *, columns_from_page: int = 2) -> Path:
    """A PDF laid out by hand with reportlab's canvas, so every line break is known: a running
    header and a page number on every page, a word hyphenated across two lines, and the pages
    from `columns_from_page` on set in two columns."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    width, height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle(story.title)
    margin, top = 60.0, height - 80
    state = {"page": 1, "y": top, "column": 0}

    def columns() -> list[tuple[float, float]]:
        if state["page"] >= columns_from_page:
            gutter = 20.0
            column = (width - 2 * margin - gutter) / 2
            return [(margin, column), (margin + column + gutter, column)]
        return [(margin, width - 2 * margin)]

    def furniture() -> None:
        pdf.setFont("Helvetica", 8)
        pdf.drawString(margin, height - 40, "The Daily Example — Weather desk")
        pdf.drawRightString(width - margin, 30, f"Page {state['page']}")

    def new_page() -> None:
        pdf.showPage()
        state["page"] += 1
        state["y"], state["column"] = top, 0
        furniture()

    def ensure(space: float) -> None:
        # Columns are short, so the text really flows from the first into the second.
        bottom = top - 70 if len(columns()) > 1 else 60
        if state["y"] - space < bottom:
            if state["column"] + 1 < len(columns()):
                state["column"] += 1
                state["y"] = top
            else:
                new_page()

    def draw_lines(lines: list[str], font: str, size: float, leading: float) -> None:
        for line in lines:
            ensure(leading)
            x, _ = columns()[state["column"]]
            pdf.setFont(font, size)
            pdf.drawString(x, state["y"], line)
            state["y"] -= leading

    furniture()
    draw_lines([story.title], "Helvetica-Bold", 18, 26)
    state["y"] -= 8
    hyphenated = False
    for heading, paragraphs in story.sections:
        if heading:
            state["y"] -= 6
            draw_lines([heading], "Helvetica-Bold", 13, 18)
        for paragraph in paragraphs:
            _, column_width = columns()[state["column"]]
            lines, did = _wrap(paragraph, column_width, pdf, hyphenate=not hyphenated)
            hyphenated = hyphenated or did
            draw_lines(lines, "Helvetica", 10, 13)
            state["y"] -= 9
        if heading == "Damage and victims":
            new_page()  # the next section starts the two-column page
    pdf.save()
    return path


def _wrap(text: str, width: float, pdf: object, *, hyphenate: bool) -> tuple[list[str], bool]:
    """Greedy line breaking; the first long word that does not fit is hyphenated, once."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    current = ""
    did = False
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if stringWidth(candidate, "Helvetica", 10) <= width:
            current = candidate
            continue
        if hyphenate and not did and len(word) >= 4 and word.isalpha() and word.islower():
            head = word[: len(word) // 2]
            if stringWidth(f"{current} {head}-", "Helvetica", 10) <= width:
                lines.append(f"{current} {head}-")
                current = word[len(word) // 2 :]
                did = True
                continue
        lines.append(current)
        current = word
    if current:
        lines.append(current)
    return lines, did
