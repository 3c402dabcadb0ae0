"""Typed answers graded with rapidfuzz: exact, close or wrong, the suggested rating, the diff."""

from __future__ import annotations

import pytest

from quizapp.study.grading import grade_typed, normalise
from quizapp.study.views import AGAIN, GOOD, HARD, CardView, DiffSegment
from tests.support.bank import card_view


def card(answer: str, *accepted: str, kind: str = "open") -> CardView:
    return card_view(answer=answer, accepted_answers=accepted, kind=kind)


@pytest.mark.parametrize(
    "typed",
    ["Kosovo Force", "kosovo force", "  Kosovo   Force. ", "the Kosovo Force", "KOSOVO-FORCE"],
)
def test_exact_after_normalisation_suggests_good(typed: str) -> None:
    grade = grade_typed(card("Kosovo Force"), typed)
    assert (grade.verdict, grade.suggested_rating, grade.similarity) == ("exact", GOOD, 100.0)
    assert grade.diff == (DiffSegment("equal", "Kosovo Force"),)


def test_accents_and_digit_grouping_do_not_matter() -> None:
    assert grade_typed(card("Priština"), "Pristina").verdict == "exact"
    assert grade_typed(card("1,000 soldiers"), "1000 soldiers").verdict == "exact"


def test_an_accepted_answer_counts_as_exact_and_is_the_one_shown() -> None:
    grade = grade_typed(card("Kosovo Force", "KFOR"), "kfor")
    assert grade.verdict == "exact" and grade.expected == "KFOR"


def test_a_typo_is_close_and_suggests_hard_with_the_difference() -> None:
    grade = grade_typed(card("Pristina"), "Pristna")
    assert (grade.verdict, grade.suggested_rating) == ("close", HARD)
    assert grade.similarity >= 85
    assert grade.diff == (
        DiffSegment("equal", "Prist"),
        DiffSegment("insert", "i"),
        DiffSegment("equal", "na"),
    )


def test_words_in_another_order_are_close() -> None:
    assert grade_typed(card("Jens Stoltenberg"), "Stoltenberg Jens").verdict == "close"


def test_a_wrong_answer_suggests_again() -> None:
    grade = grade_typed(card("Pristina"), "Belgrade")
    assert (grade.verdict, grade.suggested_rating) == ("wrong", AGAIN)
    assert grade.similarity < 85


def test_a_wrong_number_is_wrong_however_similar() -> None:
    grade = grade_typed(card("1999"), "1998")
    assert grade.verdict == "wrong"
    assert grade_typed(card("30 soldiers"), "30 soldier").verdict == "close"


def test_empty_answer_is_wrong() -> None:
    grade = grade_typed(card("NATO"), "   ")
    assert grade.verdict == "wrong" and grade.typed == ""


def test_extra_typed_text_shows_as_deleted() -> None:
    grade = grade_typed(card("Kosovo Force"), "Kosovo Forces")
    assert grade.verdict == "close"
    assert DiffSegment("delete", "", "s") in grade.diff


@pytest.mark.parametrize(("typed", "verdict"), [("true", "exact"), ("T", "exact"), ("no", "wrong")])
def test_true_false_cards_take_yes_no_and_letters(typed: str, verdict: str) -> None:
    assert grade_typed(card("True", kind="truefalse"), typed).verdict == verdict


def test_normalise() -> None:
    assert normalise("  The NATO's  Force!  ") == "natos force"
    assert normalise("The") == "the"


@pytest.mark.parametrize(
    ("answer", "typed", "verdict"),
    [
        ("Oslo", "Olso", "close"),  # two letters swapped
        ("Zvecan", "Zvecam", "close"),  # one letter wrong in six
        ("Leposavic", "Leposavc", "close"),
        ("Iran", "Iraq", "wrong"),  # short answers: a wrong letter is another answer
        ("Rome", "Rose", "wrong"),
    ],
)
def test_typos_are_close_but_other_short_words_are_wrong(
    answer: str, typed: str, verdict: str
) -> None:
    assert grade_typed(card(answer), typed).verdict == verdict


@pytest.mark.parametrize(
    ("answer", "accepted", "typed"),
    [
        ("2018", (), "in 2018"),
        ("1999", (), "since 1999"),
        ("about 20 percent", ("20 percent",), "20%"),
        ("Oslo", (), "in Oslo"),
    ],
)
def test_harmless_extras_are_exact(answer: str, accepted: tuple[str, ...], typed: str) -> None:
    assert grade_typed(card(answer, *accepted), typed).verdict == "exact"


def test_a_misspelt_true_or_false_counts() -> None:
    assert grade_typed(card("True", kind="truefalse"), "ture").verdict == "exact"
    assert grade_typed(card("True", kind="truefalse"), "fasle").verdict == "wrong"
