"""Reading articles: plain text, Markdown, the seed format, headings split from bodies."""

from __future__ import annotations

from pathlib import Path

import pytest

from question_bank.errors import ArticleError
from question_bank.readers import parse_article, read_article, read_paths, split_glued_heading

SEED = Path(__file__).resolve().parents[4] / "seeds" / "nato-kfor-kosovo-clashes.txt"


def test_seed_title_and_sections() -> None:
    article = read_article(SEED)
    assert article.title == (
        "NATO strengthens KFOR peacekeeping mission in Kosovo amid recent clashes"
    )
    assert [s.heading for s in article.sections] == [
        "NATO to increase KFOR mission in response to clashes in Kosovo",
        "Background of the latest clashes in the community of Zvecan",
        "The situation in the north remains tense",
        "The EU calls for calm",
        "The importance of KFOR’s peacekeeping mission in Kosovo",
    ]
    first = article.sections[0].paragraphs[0]
    assert first.startswith("As a response to the recent clashes, NATO will be increasing")


def test_headings_are_never_glued_into_the_text() -> None:
    article = read_article(SEED)
    for section in article.sections:
        for paragraph in section.paragraphs:
            assert section.heading not in paragraph
    assert "Kosovo As a response" not in article.text


@pytest.mark.parametrize(
    ("line", "heading", "body"),
    [
        (
            "Economy grows faster than expected in the third quarter The economy grew by 3% "
            "in the third quarter, officials said.",
            "Economy grows faster than expected in the third quarter",
            "The economy grew by 3% in the third quarter, officials said.",
        ),
        (
            "Storm hits the coast Heavy rain and winds of 120 km/h battered the coast on Monday.",
            "Storm hits the coast",
            "Heavy rain and winds of 120 km/h battered the coast on Monday.",
        ),
        (
            "Reactions from Washington US President Joe Biden said the decision was wrong.",
            "Reactions from Washington",
            "US President Joe Biden said the decision was wrong.",
        ),
        (
            "Victims and damage At least 12 people died and 40 were injured.",
            "Victims and damage",
            "At least 12 people died and 40 were injured.",
        ),
        (
            "Background Kosovo declared independence from Serbia in 2008.",
            "Background",
            "Kosovo declared independence from Serbia in 2008.",
        ),
        (
            "Kosovo declared independence from Serbia in 2008.",
            "",
            "Kosovo declared independence from Serbia in 2008.",
        ),
    ],
)
def test_split_glued_heading_on_other_seed_format_lines(line: str, heading: str, body: str) -> None:
    assert split_glued_heading(line) == (heading, body)


def test_another_article_in_seed_format(tmp_path: Path) -> None:
    path = tmp_path / "storm.txt"
    path.write_text(
        "Storm Ciarán batters the Channel coast\n\n"
        "1: Storm hits the coast Heavy rain and winds of 120 km/h battered the coast on Monday. "
        "Thousands of homes lost power.\n\n"
        "2: Victims and damage At least 12 people died and 40 were injured.\n",
        "utf-8",
    )
    article = read_article(path)
    assert article.title == "Storm Ciarán batters the Channel coast"
    assert [s.heading for s in article.sections] == ["Storm hits the coast", "Victims and damage"]
    assert article.sections[1].paragraphs == ("At least 12 people died and 40 were injured.",)


def test_markdown_headings_and_emphasis(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(
        "# The Danube\n\nThe **Danube** flows through [Vienna](https://x.example).\n\n"
        "## Course\n\nIt rises in the Black Forest.\n\n- It ends in the Black Sea.\n",
        "utf-8",
    )
    article = read_article(path)
    assert article.title == "The Danube"
    assert article.sections[0].paragraphs == ("The Danube flows through Vienna.",)
    assert article.sections[1].heading == "Course"
    assert article.sections[1].paragraphs == (
        "It rises in the Black Forest.",
        "It ends in the Black Sea.",
    )


def test_plain_text_without_title_line_uses_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "black-death.txt"
    path.write_text("The plague reached Norway in 1349.\nIt spread to Iceland.\n", "utf-8")
    article = read_article(path)
    assert article.title == "Black death"
    assert article.paragraphs == [("", "The plague reached Norway in 1349. It spread to Iceland.")]


def test_wiki_reference_marks_are_dropped() -> None:
    article = parse_article(
        "Sky Park\n\nIt was the first aviation community to be built[citation needed] "
        "in 1946.[12]\n",
        source="x",
    )
    assert article.paragraphs[0][1] == "It was the first aviation community to be built in 1946."


def test_directories_are_read_in_order_and_bad_files_refused(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("B title\n\nBody of b.\n", "utf-8")
    (tmp_path / "a.md").write_text("# A title\n\nBody of a.\n", "utf-8")
    (tmp_path / "skip.json").write_text("{}", "utf-8")
    assert [a.title for a in read_paths([tmp_path])] == ["A title", "B title"]
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", "utf-8")
    with pytest.raises(ArticleError, match="empty"):
        read_article(empty)
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02")
    with pytest.raises(ArticleError, match="binary"):
        read_article(binary)
    with pytest.raises(ArticleError, match="no such file"):
        read_paths([tmp_path / "missing.txt"])
