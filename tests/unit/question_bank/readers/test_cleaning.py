"""Reading keeps the prose and drops what is not prose (issue 9, "damaged text"; issue 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from question_bank.readers import parse_article, read_article, read_pasted
from question_bank.readers.cleaning import clean_inline


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("It was founded in 1946.[12] It grew.", "It was founded in 1946. It grew."),
        ("It was built[citation needed] in 1946.", "It was built in 1946."),
        ("The river[note 2] rises in the Alps.", "The river rises in the Alps."),
        ("The river[a] rises[nb 1] in the Alps.", "The river rises in the Alps."),
        ("Its mouth[12]:34 is wide.", "Its mouth is wide."),
        ("Oxygen is common [3][4].", "Oxygen is common."),
        ("It rose by 3%[when?] last year.", "It rose by 3% last year."),
        ("Choose option [a] or [b].", "Choose option [a] or [b]."),  # prose, not a note
        ("The set [1, 2] is finite.", "The set [1, 2] is finite."),
        ("Bingham - a senior law lord - said", "Bingham - a senior law lord - said"),
        (
            "a \u00adsoft hy\u00adphen and a zero\u200bwidth space",
            "a soft hyphen and a zerowidth space",
        ),
        ("the detainee 'A' said", "the detainee 'A' said"),
    ],
)
def test_note_markers_go_and_the_text_stays_as_written(raw: str, clean: str) -> None:
    assert clean_inline(raw) == clean


def test_escapes_controls_and_bidi_overrides_never_enter_an_article(tmp_path: Path) -> None:
    path = tmp_path / "evil.txt"
    path.write_text(
        "Title\x1b]0;pwned\x07\n\nThe\x1b[2J\x1b[H vote was \u202eelbat\u202c held in 2019.\x00\n",
        "utf-8",
    )
    article = read_article(path)
    assert article.title == "Title"
    assert article.paragraphs == [("", "The vote was elbat held in 2019.")]


def test_html_and_docx_go_through_the_same_cleaning(tmp_path: Path) -> None:
    import docx

    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><title>Sky Park</title></head><body><article><h1>Sky Park</h1>"
        "<p>Sky Park was the first aviation community to be built<sup>[citation needed]</sup> "
        "in the United States, in 1946.[12] It had its own \x1b[31mairstrip\x1b[0m.</p>"
        "<p>Its founders were pilots returning from the Second World War, and the houses "
        "were built around hangars so that each family could taxi home.[3]</p>"
        "</article></body></html>",
        "utf-8",
    )
    html_text = read_article(page).text
    assert "[" not in html_text and "\x1b" not in html_text
    assert "to be built in the United States, in 1946. It had its own airstrip." in html_text
    document = docx.Document()
    document.add_paragraph("Sky Park opened in 1946.[12] Its runway\u202e was short.")
    document.save(str(tmp_path / "p.docx"))
    assert read_article(tmp_path / "p.docx").paragraphs == [
        ("", "Sky Park opened in 1946. Its runway was short.")
    ]


def test_bullet_and_numbered_lists_are_one_sentence_per_item() -> None:
    article = parse_article(
        "Packing list\n\nBring these:\n- a map of the area\n- two litres of water\n"
        "* a torch\n• a whistle\n\nThe steps are:\n1. Leave at dawn\n2. Follow the ridge "
        "to the hut,\n   where the path forks\n3) Return before dark\n",
        source="x",
    )
    assert [p for _, p in article.paragraphs] == [
        "Bring these:",
        "a map of the area",
        "two litres of water",
        "a torch",
        "a whistle",
        "The steps are:",
        "Leave at dawn",
        "Follow the ridge to the hut, where the path forks",
        "Return before dark",
    ]
    assert [s.heading for s in article.sections] == [""]  # a numbered list is not sections


def test_html_lists_are_one_paragraph_per_item(tmp_path: Path) -> None:
    page = tmp_path / "list.html"
    page.write_text(
        "<html><body><article><h1>Rivers</h1><p>Europe's longest rivers, from the east to "
        "the west of the continent, are these three, which every pupil learns:</p>"
        "<ul><li>the Volga, which flows into the Caspian Sea</li><li>the Danube, which "
        "flows into the Black Sea</li><li>the Ural, which also reaches the Caspian</li></ul>"
        "<p>Together they drain a fifth of the continent's land, according to the "
        "European Environment Agency.</p></article></body></html>",
        "utf-8",
    )
    assert [p for _, p in read_article(page).paragraphs] == [
        "Europe's longest rivers, from the east to the west of the continent, are these "
        "three, which every pupil learns:",
        "the Volga, which flows into the Caspian Sea",
        "the Danube, which flows into the Black Sea",
        "the Ural, which also reaches the Caspian",
        "Together they drain a fifth of the continent's land, according to the European "
        "Environment Agency.",
    ]


def test_pasted_news_text_loses_its_byline_dateline_captions_and_furniture() -> None:
    [article] = read_pasted(
        "Storm batters the coast\n\nBy Jane Smith, BBC News\n\nPublished 6 November 2023\n\n"
        "Image caption, Waves hit the sea wall at Dover\n\n"
        "Heavy rain battered the coast on Monday.\n\nAdvertisement\n\n"
        "By Tuesday the wind had dropped.\n\nPhoto: Reuters\n"
    )
    assert [p for _, p in article.paragraphs] == [
        "Heavy rain battered the coast on Monday.",
        "By Tuesday the wind had dropped.",  # "By" + a day is prose, not a byline
    ]
    assert article.source.startswith("pasted:")


def test_plain_text_keeps_asterisks_markdown_loses_its_marks() -> None:
    plain = parse_article("Blood types\n\nRh- in the *rare* cases, O* is given.\n", "x")
    assert plain.paragraphs[0][1] == "Rh- in the *rare* cases, O* is given."
    markdown = parse_article(
        "# Blood\n\nThe **Rh** factor ![a chart](chart.png) was found in [1940](https://x.org).\n",
        "y",
    )
    assert markdown.paragraphs[0][1] == "The Rh factor was found in 1940."


def test_figure_and_table_captions_go_sentences_about_them_stay() -> None:
    [article] = read_pasted(
        "Runways\n\nFigure 2: The runway in 1950.\n\nFigure 2 shows the runway in 1950.\n\n"
        "Table 1. Flights per year\n"
    )
    assert [p for _, p in article.paragraphs] == ["Figure 2 shows the runway in 1950."]
