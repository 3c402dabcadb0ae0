"""The one text-safety policy: what may be stored and shown."""

from question_bank.sanitize import clean_text, safe_for_terminal


def test_terminal_escapes_are_removed_whole() -> None:
    hostile = "Oslo\x1b]0;owned\x07 is\x1b[2J\x1b[H the capital\x1b]8;;http://x\x1b\\."
    assert clean_text(hostile) == "Oslo is the capital."


def test_controls_and_bidi_overrides_go_tab_and_newline_stay() -> None:
    assert clean_text("a\x00b\x07c\x7fd\x85e") == "abcde"
    assert clean_text("one\ttwo\r\nthree\rfour") == "one\ttwo\nthree\nfour"
    assert clean_text("abc\u202edcba\u2066x\u2069") == "abcdcbax"


def test_ordinary_text_is_unchanged() -> None:
    text = "Jens Stoltenberg, NATO’s Secretary-General — «quoted» 3,800 soldiers (43.3 °C)."
    assert clean_text(text) == text
    assert safe_for_terminal(text) == text
