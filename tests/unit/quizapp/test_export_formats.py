"""`quizapp export quizlet | csv | kahoot | print`: files other tools (and people) can read.

Each file is read back the way its consumer reads it: the Quizlet TSV and the CSV through the
csv module, the Kahoot sheet through openpyxl, the quiz sheet as HTML/Markdown text.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from question_bank.store import Bank
from question_bank.store.interchange import import_document, parse_document
from quizapp.exports.kahoot import ANSWER_MAX, HEADERS, QUESTION_MAX, TIME_LIMITS
from quizapp.exports.printable import PrintItem, render_quiz_html, render_quiz_markdown
from quizapp.exports.source import all_questions, load_articles
from tests.support.exports import (
    FIXTURE,
    LIVE_IDS,
    CliResult,
    assert_one_line_error,
    fixture_bank,
    run_quizapp,
)


@pytest.fixture
def db(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    return fixture_bank(capsys, monkeypatch, tmp_path)


@pytest.fixture
def quizapp(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db: Path
) -> object:
    def run(*args: str) -> CliResult:
        return run_quizapp(capsys, monkeypatch, *args, "--db", str(db))

    return run


def test_quizlet_tsv_reads_back_through_csv_with_tabs_and_newlines(
    quizapp: object, tmp_path: Path
) -> None:
    output = tmp_path / "cards.tsv"
    result = quizapp("export", "quizlet", "-o", str(output))  # type: ignore[operator]
    assert result.code == 0, result
    text = output.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert len(lines) == len(LIVE_IDS)  # a card a line, the retired one left out
    with output.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert all(len(row) == 2 for row in rows), rows
    cards = dict(rows)
    # The fixture's tab (inside a cloze prompt) and line break (in a true/false) are escaped.
    assert cards["In HTML, a <b> tag & an _____ entity look alike to some."] == "&amp;"
    assert cards["True or false? The Elbe / flows into the Black Sea."] == "False"
    assert cards["The Charles Bridge crosses the _____ in Prague."] == "Vltava"
    assert cards["Through how many countries does the Danube flow?"] == "ten"
    assert (
        cards["Which river does the Charles Bridge cross?  A) Danube  B) Vltava  C) Elbe  D) Rhine"]
        == "Vltava"
    )


def test_csv_has_every_field_and_reads_back(quizapp: object, tmp_path: Path) -> None:
    output = tmp_path / "bank.csv"
    result = quizapp("export", "csv", "-o", str(output))  # type: ignore[operator]
    assert result.code == 0, result
    with output.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == list(LIVE_IDS)
    fields = set(rows[0])
    assert {
        "id",
        "article_id",
        "article_title",
        "kind",
        "prompt",
        "answer",
        "accepted_answers",
        "choices",
        "source_sentence",
        "section",
        "answer_type",
        "score",
        "tags",
        "position",
        "edited",
    } == fields
    by_id = {r["id"]: r for r in rows}
    assert json.loads(by_id["q-choice-prague"]["choices"]) == ["Danube", "Vltava", "Elbe", "Rhine"]
    assert json.loads(by_id["q-open-danube"]["tags"]) == ["geography", "big rivers"]
    assert json.loads(by_id["q-open-danube"]["accepted_answers"]) == ["10"]
    # Tabs and line breaks survive inside quoted fields.
    assert (
        by_id["q-cloze-html"]["prompt"]
        == "In HTML, a <b> tag & an [...] entity look alike\tto some."
    )
    assert by_id["q-tf-multiline"]["prompt"] == "The Elbe\nflows into the Black Sea."
    assert by_id["q-open-danube"]["article_title"] == "Rivers & <Bridges> of Europe"


def test_kahoot_sheet_keeps_the_template_columns_and_limits(
    quizapp: object, tmp_path: Path
) -> None:
    output = tmp_path / "quiz.xlsx"
    result = quizapp("export", "kahoot", "-o", str(output), "--time-limit", "30")  # type: ignore[operator]
    assert result.code == 0, result
    # 1 choice + 2 true/false fit; 1 question too long and 1 answer too long are counted.
    assert "exported 3 questions" in result.out
    assert "skipped 7" in result.out and "2 too long" in result.out
    assert "5 open/cloze" in result.out

    sheet = load_workbook(output).active
    assert sheet is not None
    assert tuple(c.value or "" for c in sheet[8][:8]) == HEADERS
    assert sheet["B8"].value == "Question - max 120 characters"
    assert sheet["C8"].value == "Answer 1 - max 75 characters"
    assert str(sheet["G8"].value).startswith("Time limit (sec)")
    assert str(sheet["H8"].value).startswith("Correct answer(s)")
    rows = [
        [c.value for c in row[:8]]
        for row in sheet.iter_rows(min_row=9)
        if any(c.value is not None for c in row)
    ]
    assert [r[0] for r in rows] == [1, 2, 3]
    for _number, question, *rest in rows:
        answers, time_limit, correct = rest[:4], rest[4], rest[5]
        assert isinstance(question, str) and 0 < len(question) <= QUESTION_MAX
        given = [a for a in answers if a is not None]
        assert len(given) >= 2 and all(len(str(a)) <= ANSWER_MAX for a in given)
        assert time_limit == 30 and time_limit in TIME_LIMITS
        numbers = [int(n) for n in str(correct).split(",")]
        assert numbers and all(1 <= n <= len(given) for n in numbers)
    by_question = {r[1]: r for r in rows}
    prague = by_question["Which river does the Charles Bridge cross?"]
    assert prague[2:6] == ["Danube", "Vltava", "Elbe", "Rhine"] and prague[7] == 2
    elbe = by_question["The Elbe flows into the Black Sea."]
    assert elbe[2:4] == ["True", "False"] and elbe[7] == 2
    danube = by_question["The Danube flows through ten countries."]
    assert danube[7] == 1


def test_kahoot_refuses_a_time_limit_kahoot_does_not_offer(quizapp: object, tmp_path: Path) -> None:
    output = tmp_path / "quiz.xlsx"
    result = quizapp("export", "kahoot", "-o", str(output), "--time-limit", "15")  # type: ignore[operator]
    assert_one_line_error(result, "5, 10, 20, 30, 60, 90, 120, 240")
    assert not output.exists()


def test_print_html_has_questions_options_and_a_key_on_its_own_page(
    quizapp: object, tmp_path: Path
) -> None:
    output = tmp_path / "quiz.html"
    args = (
        "export",
        "print",
        "-o",
        str(output),
        "--all",
        "--article",
        "e4f1x7ure0000000000000000000a",
    )
    result = quizapp(*args)  # type: ignore[operator]
    assert result.code == 0, result
    page = output.read_text(encoding="utf-8")
    assert "<h1>Rivers &amp; &lt;Bridges&gt; of Europe</h1>" in page  # one article: its title
    assert "Name:" in page and "Date:" in page and "/ 8</span>" in page
    assert page.count('<li><p class="prompt">') == 8  # the other article is not there
    assert "NATO" not in page
    assert '<span class="letter">B.</span> Vltava' in page
    assert "<li>True</li><li>False</li>" in page
    assert 'crosses the <span class="blank"' in page
    assert "page-break-before: always" in page and '<section class="key">' in page
    key = page.split('<section class="key">')[1]
    assert "<li>B. Vltava</li>" in key and "<li>ten</li>" in key
    assert "What was this retired card about?" not in page


def test_print_markdown_by_file_name(quizapp: object, tmp_path: Path) -> None:
    output = tmp_path / "quiz.md"
    args = ("export", "print", "-o", str(output), "--all", "--title", "Friday quiz")
    result = quizapp(*args)  # type: ignore[operator]
    assert result.code == 0, result
    text = output.read_text(encoding="utf-8")
    assert text.startswith("# Friday quiz\n")
    assert "    - [ ] B. Vltava" in text
    assert "    - [ ] True" in text
    assert "## Answer key" in text
    assert "1. Through how many countries does the Danube flow?" in text
    assert f"{len(LIVE_IDS)}. Which alliance leads KFOR?" in text


def test_print_renderers_take_plain_items() -> None:
    """The quiz night reuses these: plain items in, no key when asked."""
    items = [
        PrintItem(prompt="Who leads NATO?", kind="choice", choices=("A1", "B2"), answer="B2"),
        PrintItem(prompt="KFOR got [...] more troops.", kind="cloze", answer="700"),
    ]
    sheet = render_quiz_html("Round 1", items, answer_key=False, subtitle="Team: ______")
    assert '<section class="key">' not in sheet and "Round 1" in sheet and "Team:" in sheet
    assert "700" not in sheet
    keyed = render_quiz_markdown("Round 1", items)
    assert keyed.rstrip().endswith("2. 700")
    assert "1. B. B2" in keyed


@pytest.mark.parametrize("fmt", ["anki", "quizlet", "csv", "kahoot", "print"])
def test_exports_of_an_empty_bank_say_so(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    fmt: str,
) -> None:
    output = tmp_path / "out.file"
    db = tmp_path / "empty.sqlite"
    result = run_quizapp(capsys, monkeypatch, "export", fmt, "-o", str(output), "--db", str(db))
    assert_one_line_error(result, "nothing to export")
    assert not output.exists()


def test_unknown_article_is_a_one_line_error(quizapp: object, tmp_path: Path) -> None:
    output = tmp_path / "cards.tsv"
    result = quizapp("export", "quizlet", "-o", str(output), "--article", "zzzz")  # type: ignore[operator]
    assert_one_line_error(result, "no article with id 'zzzz'")
    assert not output.exists()


def test_quizlet_to_stdout(quizapp: object) -> None:
    result = quizapp("export", "quizlet")  # type: ignore[operator]
    assert result.code == 0
    rows = list(csv.reader(io.StringIO(result.out), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) == len(LIVE_IDS)


def test_print_kind_and_limit_shape_the_sheet(quizapp: object, tmp_path: Path) -> None:
    output = tmp_path / "quiz.md"
    args = ("export", "print", "-o", str(output), "--kind", "truefalse", "--limit", "1")
    result = quizapp(*args)  # type: ignore[operator]
    assert result.code == 0, result
    text = output.read_text(encoding="utf-8")
    sheet = text.split("## Answer key")[0]
    assert (
        "1. The Danube flows through ten countries." in sheet
        or "1. The Elbe flows into the Black Sea." in sheet
    )
    assert "2. " not in sheet
    assert "Score: ____ / 1" in text


def test_export_source_reads_the_same_on_every_engine(bank: Bank) -> None:
    """load_articles() runs compiled SQL on the raw connection: check it on each engine."""
    document = parse_document(FIXTURE.read_bytes())
    with bank.transaction() as session:
        import_document(session, document)
    with bank.transaction() as session:
        everything = load_articles(session)
        one = load_articles(session, ["e4f1x7ure0000000000000000000b002"])
    assert [a.title for a in everything] == ["Rivers & <Bridges> of Europe", "Kosovo :: KFOR"]
    assert [q.id for q in all_questions(everything)] == list(LIVE_IDS)
    [choice] = [q for q in all_questions(everything) if q.id == "q-choice-prague"]
    assert choice.choices == ("Danube", "Vltava", "Elbe", "Rhine")
    [danube] = [q for q in all_questions(everything) if q.id == "q-open-danube"]
    assert danube.tags == ("geography", "big rivers") and danube.accepted_answers == ("10",)
    assert danube.kind == "open" and danube.position == 0 and danube.edited is False
    assert everything[0].updated_at is not None and everything[0].updated_at.tzinfo is not None
    assert [q.id for q in all_questions(one)] == ["q-cloze-kfor", "q-open-kfor"]


def test_a_bad_option_value_is_a_usage_error_not_a_traceback(
    quizapp: object, tmp_path: Path
) -> None:
    output = tmp_path / "quiz.xlsx"
    result = quizapp("export", "kahoot", "-o", str(output), "--time-limit", "soon")  # type: ignore[operator]
    assert result.code == 2
    assert "Invalid value for '--time-limit'" in result.err and "Traceback" not in result.err
    assert not output.exists()


@pytest.mark.parametrize("fmt", ["anki", "quizlet", "csv", "kahoot", "print", "json"])
def test_an_output_in_a_missing_folder_is_a_one_line_error(
    quizapp: object, tmp_path: Path, fmt: str
) -> None:
    output = tmp_path / "no-such-folder" / "out.file"
    result = quizapp("export", fmt, "-o", str(output))  # type: ignore[operator]
    assert_one_line_error(result, "no such directory")
    assert not output.parent.exists()


def test_print_and_kahoot_sample_one_question_per_sentence(quizapp: object, tmp_path: Path) -> None:
    """The default sheet is the shared sampler's: one question per sentence, seeded."""
    sheets = []
    for seed in ("1", "1", "2"):
        output = tmp_path / f"quiz-{len(sheets)}.md"
        result = quizapp("export", "print", "-o", str(output), "--seed", seed)  # type: ignore[operator]
        assert result.code == 0, result
        sheets.append(output.read_text(encoding="utf-8").split("## Answer key")[0])
    assert sheets[0] == sheets[1]
    danube = [line for line in sheets[0].splitlines() if "Danube" in line and "countr" in line]
    assert len(danube) == 1  # three cards on the Danube sentence, one asked
    output = tmp_path / "quiz.xlsx"
    result = quizapp("export", "kahoot", "-o", str(output), "--limit", "2", "--seed", "3")  # type: ignore[operator]
    assert result.code == 0 and "exported 2 questions" in result.out, result
