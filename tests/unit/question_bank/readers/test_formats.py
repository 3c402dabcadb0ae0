"""Each format, written by the library that makes it, reads back as exactly the article's prose."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from question_bank.errors import ArticleError
from question_bank.readers import ReadOptions, read, read_article
from tests.unit.question_bank.readers.documents import (
    STORM,
    Story,
    write_docx,
    write_epub,
    write_html,
    write_pdf,
    write_text,
)

WRITERS = {
    "txt": write_text,
    "html": write_html,
    "pdf": write_pdf,
    "docx": write_docx,
    "epub": write_epub,
}


@pytest.mark.parametrize("suffix", list(WRITERS))
def test_every_format_reads_back_exactly_the_articles_paragraphs(
    tmp_path: Path, suffix: str
) -> None:
    path = WRITERS[suffix](STORM, tmp_path / f"storm.{suffix}")
    article = read_article(path)
    assert article.title == STORM.title
    assert article.paragraphs == STORM.paragraphs
    assert [s.heading for s in article.sections] == [h for h, _ in STORM.sections]


def test_the_news_page_loses_its_nav_ads_byline_caption_related_links_and_comments(
    tmp_path: Path,
) -> None:
    text = read_article(write_html(STORM, tmp_path / "storm.html")).text
    for furniture in (
        "Home",
        "Advertisement",
        "Streamly",
        "Jane Smith",
        "sea wall",
        "Related stories",
        "Floods close",
        "Great article",
        "gritted",
        "All rights reserved",
        "Privacy",
    ):
        assert furniture not in text


def test_the_pdf_loses_its_running_header_and_page_numbers_and_joins_hyphenated_words(
    tmp_path: Path,
) -> None:
    from pdfminer.high_level import extract_text

    path = write_pdf(STORM, tmp_path / "storm.pdf")
    layer = extract_text(str(path))
    assert "Weather desk" in layer and "Page 2" in layer and "last th-\nree" in layer
    text = read_article(path).text
    assert "Weather desk" not in text
    assert "Page " not in text
    assert "the last three days" in text
    assert "south-east" in text  # a real hyphen stays


def test_pdf_columns_are_read_one_after_the_other(tmp_path: Path) -> None:
    story = Story(
        title="Two columns",
        sections=(
            (
                "",
                (
                    "The left column starts the story, and it goes on for long enough to fill "
                    "a few lines of a narrow column on the page.",
                    "Its second paragraph is still on the left, below the first one, and it "
                    "also runs over several lines before the column ends.",
                    "The right column continues the story at the top of the page, beside the "
                    "first paragraph, and a reader reaches it last.",
                ),
            ),
        ),
    )
    path = write_pdf(story, tmp_path / "columns.pdf", columns_from_page=1)
    assert read_article(path).paragraphs == story.paragraphs


def test_docx_headers_footers_and_captions_are_not_prose(tmp_path: Path) -> None:
    text = read_article(write_docx(STORM, tmp_path / "storm.docx")).text
    assert "weather desk" not in text
    assert "Page 1" not in text
    assert "Figure 1" not in text


def test_an_epub_is_one_article_per_chapter_without_its_note_markers(tmp_path: Path) -> None:
    second = Story(
        title="After the storm",
        sections=(("", ("The clean-up took three weeks and cost £4 million.",)),),
    )
    path = write_epub(STORM, tmp_path / "book.epub", chapters=(STORM, second))
    first, other = read([path])
    assert (first.title, other.title) == (STORM.title, "After the storm")
    assert first.paragraphs == STORM.paragraphs  # no "1" note reference glued to a sentence
    assert other.paragraphs == [("", "The clean-up took three weeks and cost £4 million.")]
    assert first.source.endswith("book.epub#chapter-1.xhtml")
    assert "A note." not in first.text


def test_a_broken_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n%%EOF garbage")
    with pytest.raises(ArticleError, match=r"broken\.pdf: .*PDF"):
        read([path])


def test_a_truncated_pdf(tmp_path: Path) -> None:
    whole = write_pdf(STORM, tmp_path / "whole.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(ArticleError, match=r"cut\.pdf: "):
        read([path])


def test_an_encrypted_pdf_needs_a_password(tmp_path: Path) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "secret.pdf"
    pdf = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("user", "owner"))
    pdf.drawString(72, 720, "The launch codes are in the drawer.")
    pdf.save()
    with pytest.raises(ArticleError, match="encrypted PDF that needs a password"):
        read([path])


def test_an_image_only_pdf_says_ocr_it_first(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    for y in range(100, 700, 20):
        pdf.rect(72, y, 400, 10, fill=1)  # a page of shapes: what a scan has instead of text
    pdf.save()
    with pytest.raises(ArticleError, match=r"no text layer.*OCR it first"):
        read([path])


def test_a_zip_that_is_not_an_epub(tmp_path: Path) -> None:
    path = tmp_path / "book.epub"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photos/cat.jpg", b"\xff\xd8\xff" + b"0" * 100)
    with pytest.raises(ArticleError, match="a zip archive that is neither an EPUB nor a Word"):
        read([path])


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>" + b" " * (4 * 1024 * 1024))
    path.write_bytes(buffer.getvalue())
    assert path.stat().st_size < 64 * 1024
    with pytest.raises(ArticleError, match="unpacked: 4 MB is over the 1 MB limit"):
        read([path], ReadOptions(max_bytes=1024 * 1024))


def test_an_html_page_with_no_article(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text(
        "<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/a'>About</a></li>"
        "</ul></nav><footer>© 2024</footer></body></html>",
        "utf-8",
    )
    with pytest.raises(ArticleError, match="no article found"):
        read([path])


def test_formats_are_told_by_content_not_by_name(tmp_path: Path) -> None:
    pdf = write_pdf(STORM, tmp_path / "x.pdf")
    disguised = tmp_path / "handout.txt"
    disguised.write_bytes(pdf.read_bytes())
    assert read_article(disguised).paragraphs == STORM.paragraphs
    page = write_html(STORM, tmp_path / "saved.html")
    no_suffix = tmp_path / "saved-page"
    no_suffix.write_bytes(page.read_bytes())
    assert read_article(no_suffix).paragraphs == STORM.paragraphs
    docx = write_docx(STORM, tmp_path / "x.docx")
    renamed = tmp_path / "report.zip"
    renamed.write_bytes(docx.read_bytes())
    assert read_article(renamed).paragraphs == STORM.paragraphs


def test_a_file_named_pdf_that_is_not_one(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_bytes(b"\x01\x02\x03 not a pdf at all")
    with pytest.raises(ArticleError, match="not a valid PDF"):
        read([path])


def test_directories_hold_every_format(tmp_path: Path) -> None:
    folder = tmp_path / "reading"
    folder.mkdir()
    for suffix, writer in WRITERS.items():
        writer(STORM, folder / f"storm.{suffix}")
    articles = read([folder])
    assert len(articles) == len(WRITERS)
    assert {tuple(a.paragraphs) for a in articles} == {tuple(STORM.paragraphs)}


def test_a_wikipedia_page_loses_its_apparatus() -> None:
    """A page in the shape of a Wikipedia article (written for this test): note markers, an
    "[edit]" link, a hatnote, an infobox, a caption, references and the site's navigation."""
    page = Path(__file__).parent / "pages" / "wikipedia-sky-park.html"
    article = read_article(page)
    assert article.title == "Sky Park"
    assert [s.heading for s in article.sections] == ["", "History"]
    assert [p for _, p in article.paragraphs] == [
        "Sky Park was the first aviation community to be built in the United States, in 1946. "
        "Its houses were built around hangars so that each family could taxi home from the "
        "runway.",
        "The community was founded by pilots returning from the Second World War, who bought "
        "40 hectares of farmland for the purpose.",
        "The airstrip closed in 1962 when the land became more valuable for housing than for "
        "flying, and the hangars were turned into garages.",
        "The first house was completed in 1947.",
        "The last aircraft left in 1962.",
    ]


def test_pdf_superscript_note_marks_and_footnotes_are_not_prose(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "notes.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(72, 760, "Sky Park")
    line = pdf.beginText(72, 700)
    line.setFont("Helvetica", 10)
    line.textOut("Sky Park opened in 1946.")
    line.setFont("Helvetica", 6)
    line.setRise(4)
    line.textOut("12")  # a note mark, set small and raised
    line.setRise(0)
    line.setFont("Helvetica", 10)
    line.textOut(" It grew quickly after the war, when pilots came home.")
    pdf.drawText(line)
    pdf.setFont("Helvetica", 7)
    pdf.drawString(72, 90, "12 Smith, J. Flying Homes. Aviation Press, 1990.")
    pdf.save()
    article = read_article(path)
    assert article.title == "Sky Park"
    assert article.paragraphs == [
        ("", "Sky Park opened in 1946. It grew quickly after the war, when pilots came home.")
    ]
