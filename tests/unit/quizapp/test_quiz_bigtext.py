"""The projector's big letters: they wrap at any width without cutting words, set closer when
asked, and spell the Latin letters that have no glyph of their own."""

from __future__ import annotations

from quizapp.tui.quiznight.widgets.bigtext import (
    CELL_WIDTH,
    GLYPH_ROWS,
    big_fits,
    big_height,
    big_lines,
    big_wrap,
    big_wraps_whole,
)


def test_a_long_question_wraps_into_more_big_lines_on_a_narrow_screen() -> None:
    prompt = "Which country's president put the army on the highest level of combat readiness?"
    wide, narrow = big_wrap(prompt, 116), big_wrap(prompt, 76)
    assert len(narrow) > len(wide) >= 3
    assert all(len(line) <= 76 // CELL_WIDTH for line in narrow)
    assert " ".join(narrow) == " ".join(prompt.upper().split())


def test_lines_set_closer_lose_only_the_blank_rows() -> None:
    prompt = "What did masked men attack in northern Kosovo?"
    lines = len(big_wrap(prompt, 76))
    assert big_height(prompt, 76) == lines * (GLYPH_ROWS + 1) - 1
    assert big_height(prompt, 76, gap=0) == lines * GLYPH_ROWS == len(big_lines(prompt, 76, 0))
    assert "" not in big_lines(prompt, 76, gap=0)


def test_a_word_wider_than_the_screen_is_not_cut_into_big_pieces() -> None:
    assert big_wraps_whole("NATO peacekeeping", 48)
    assert not big_wraps_whole("NATO peacekeeping", 40)  # 11 letters a line: the word is 12


def test_latin_letters_without_an_accent_to_drop_are_spelled() -> None:
    assert big_fits("Straße, Łódź, Ærø, Đoković, Þór: ½ × 2")
    assert big_wrap("Straße", 80) == ["STRASSE"]
    assert not big_fits("Москва")  # another script: the caller falls back to bold text
