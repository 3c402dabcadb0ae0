"""The study widgets' rendering: cloze gaps, options, typed-answer differences, the heatmap."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from rich.text import Text

from quizapp.study.views import DayCount, DiffSegment, TypedGrade
from quizapp.tui.widgets.card_view import diff_text, options_text, prompt_text, source_text
from quizapp.tui.widgets.heatmap import SHADES, heatmap_text, shade_level
from tests.support.bank import card_view

CARD = card_view(
    id="q1",
    article_id="a1",
    article_title="Apollo 11",
    kind="cloze",
    prompt="Apollo 11 landed on the Moon on [...].",
    answer="20 July 1969",
    choices=("19 July 1969", "20 July 1969", "21 July 1969", "16 July 1969"),
    source_sentence="Apollo 11 landed on the Moon on 20 July 1969.",
    section="The landing",
    answer_type="date",
)


def styles_of(text: Text, part: str) -> set[str]:
    """The styles applied to the spans covering `part`."""
    plain = text.plain
    start = plain.index(part)
    return {str(span.style) for span in text.spans if span.start <= start < span.end}


def test_cloze_gap_is_highlighted_then_filled() -> None:
    question = prompt_text(CARD, revealed=False)
    assert question.plain == "Apollo 11 landed on the Moon on [ … ]."
    assert styles_of(question, "[ … ]") == {"bold black on yellow"}
    answer = prompt_text(CARD, revealed=True)
    assert answer.plain == "Apollo 11 landed on the Moon on 20 July 1969."
    assert styles_of(answer, "20 July 1969") == {"bold black on green"}


def test_options_mark_the_right_and_the_chosen_one() -> None:
    assert options_text(CARD.choices, CARD.answer, None, False).plain.splitlines() == [
        "  a) 19 July 1969",
        "  b) 20 July 1969",
        "  c) 21 July 1969",
        "  d) 16 July 1969",
    ]
    answered = options_text(CARD.choices, CARD.answer, 0, True).plain.splitlines()
    assert answered[0].startswith("✗ a)") and answered[1].startswith("✓ b)")


def test_a_close_answer_shows_its_difference() -> None:
    grade = TypedGrade(
        verdict="close",
        suggested_rating=2,
        similarity=91.0,
        expected="20 July 1969",
        typed="20 Juli 1969",
        diff=(
            DiffSegment("equal", "20 Jul"),
            DiffSegment("replace", "y", typed="i"),
            DiffSegment("equal", " 1969"),
        ),
    )
    text = diff_text(grade)
    assert text.plain.splitlines() == [
        "Close  (91% similar)",
        "You typed: 20 Juli 1969",
        "Difference: 20 Juliy 1969",  # typed "i" struck out, expected "y" highlighted
    ]
    wrong = TypedGrade("wrong", 1, 20.0, "20 July 1969", "1970", diff=grade.diff)
    assert "Difference" not in diff_text(wrong).plain  # a wrong answer is not spelled out


def test_source_underlines_the_answer_in_its_sentence() -> None:
    question = replace(CARD, kind="open", prompt="When did Apollo 11 land on the Moon?")
    text = source_text(question)
    assert text.plain.splitlines() == [
        "Where this comes from  Apollo 11 · The landing",
        "Apollo 11 landed on the Moon on 20 July 1969.",
    ]
    assert "bold italic underline" in styles_of(text, "20 July 1969")


def test_a_cloze_that_is_its_sentence_is_not_shown_twice() -> None:
    assert source_text(CARD).plain.splitlines() == [
        "Where this comes from  Apollo 11 · The landing"
    ]


def test_heatmap_rows_are_weekdays_and_shades_follow_counts() -> None:
    assert [shade_level(c, 8) for c in (0, 1, 2, 3, 4, 5, 8)] == [0, 1, 1, 2, 2, 3, 4]
    start = date(2026, 1, 5)  # a Monday
    days = [DayCount(start + timedelta(days=i), i % 5) for i in range(14)]
    lines = heatmap_text(days).plain.splitlines()
    assert lines[0].strip() == "Jan"
    assert lines[1].startswith("Mon ") and lines[7].startswith("Sun ")
    assert lines[1].count("■") == 2  # two weeks
    assert lines[-1].strip() == "less ■ ■ ■ ■ ■ more"
    assert len(SHADES) == 5
