"""Distractors: same type as the answer, deterministic, nearby numbers with their unit."""

from __future__ import annotations

import re

from question_bank.distractors import alike, nearby_numbers, pick_distractors, rng_for
from question_bank.models import AnswerType

KEY = ("The mission grew by 700 troops.", (22, 25), "choice")


def test_numbers_get_nearby_numbers_in_the_same_format() -> None:
    options = pick_distractors("3,800 soldiers", AnswerType.NUMBER, key=KEY)
    assert len(options) == 3
    for option in options:
        assert re.fullmatch(r"\d{1,3}(,\d{3})* soldiers", option), option
        value = int(option.split()[0].replace(",", ""))
        assert 1000 <= value <= 10000 and value != 3800


def test_years_move_by_a_few_years_and_decades_by_decades() -> None:
    years = pick_distractors("1999", AnswerType.DATE, key=KEY)
    assert len(years) == 3
    assert all(re.fullmatch(r"\d{4}", y) and abs(int(y) - 1999) <= 12 for y in years)
    decades = pick_distractors("the 1970s", AnswerType.DATE, key=KEY)
    assert all(re.fullmatch(r"the 1[89]\d0s|the 20[0-9]0s", d) for d in decades), decades


def test_small_counts_and_number_words_stay_small() -> None:
    words = nearby_numbers("two cars", rng_for("x"), 3)
    assert words and all(w.endswith(" cars") and not any(c.isdigit() for c in w) for w in words)
    small = pick_distractors("3", AnswerType.NUMBER, key=KEY)
    assert all(0 < int(s) <= 10 for s in small)


def test_article_answers_of_the_same_type_come_first() -> None:
    pool = ["Oslo", "Pristina", "Mitrovica", "Leposavic"]
    options = pick_distractors("Zvecan", AnswerType.PLACE, key=KEY, article_pool=pool)
    assert set(options) <= set(pool)
    assert len(options) == 3


def test_never_an_invented_person() -> None:
    # Judged a giveaway every time ("Kimberly Hill DDS" beside a polar explorer of 1914): a
    # person with too few real rivals in the article gets no options, so no choice card.
    mixed = pick_distractors(
        "Josep Borrell", AnswerType.PERSON, key=KEY, article_pool=["Jens Stoltenberg"]
    )
    assert mixed == ["Jens Stoltenberg"]
    assert pick_distractors("Josep Borrell", AnswerType.PERSON, key=KEY) == []
    real = ["Jens Stoltenberg", "Vjosa Osmani", "Aleksandar Vucic"]
    assert sorted(
        pick_distractors("Josep Borrell", AnswerType.PERSON, key=KEY, article_pool=real)
    ) == sorted(real)


def test_no_made_up_places_or_companies() -> None:
    assert pick_distractors("Mitrovica", AnswerType.PLACE, key=KEY) == []
    assert pick_distractors("Huntington Boulevard", AnswerType.PLACE, key=KEY) == []
    assert pick_distractors("Time Warner", AnswerType.ORGANISATION, key=KEY) == []


def test_deterministic_for_the_same_card_and_different_for_another() -> None:
    pool = [f"City {n}" for n in range(60)]
    first = pick_distractors("Oslo", AnswerType.PLACE, key=KEY, article_pool=pool)
    again = pick_distractors("Oslo", AnswerType.PLACE, key=KEY, article_pool=list(pool))
    other = pick_distractors(
        "Oslo", AnswerType.PLACE, key=("other", (0, 4), "choice"), article_pool=pool
    )
    assert first == again
    assert first != other


def test_bank_answers_never_shift_the_faker_draw() -> None:
    alone = pick_distractors("Josep Borrell", AnswerType.PERSON, key=KEY)
    with_bank = pick_distractors(
        "Josep Borrell", AnswerType.PERSON, key=KEY, bank_pool=["Josep Borrell", "Borrell"]
    )
    assert alone == with_bank


def test_options_are_never_alike_the_answer_or_each_other() -> None:
    pool = ["Stoltenberg", "Jens Stoltenberg", "J. Stoltenberg", "Kublai", "Khublai", "Borrell"]
    options = pick_distractors("Jens Stoltenberg", AnswerType.PERSON, key=KEY, article_pool=pool)
    assert "Stoltenberg" not in options and "Jens Stoltenberg" not in options
    assert not ("Kublai" in options and "Khublai" in options)
    for index, option in enumerate(options):
        assert not alike(option, "Jens Stoltenberg")
        assert not any(alike(option, other) for other in options[index + 1 :])


def test_coordinated_answers_get_coordinated_options() -> None:
    pool = ["Germany", "Serbia", "Kosovo", "Norway", "Hungary", "Italy"]
    options = pick_distractors("Hungary and Italy", AnswerType.PLACE, key=KEY, article_pool=pool)
    assert len(options) == 3
    for option in options:
        left, right = option.split(" and ")
        assert left not in ("Hungary", "Italy") and right not in ("Hungary", "Italy")


def test_options_named_in_the_question_are_skipped() -> None:
    pool = ["Kosovo", "Germany", "Norway", "Italy"]
    options = pick_distractors(
        "Serbia",
        AnswerType.PLACE,
        key=KEY,
        article_pool=pool,
        avoid="Kosovo declared its independence from which country?",
    )
    assert "Kosovo" not in options and len(options) == 3


def test_durations_get_durations() -> None:
    options = pick_distractors("several years", AnswerType.DATE, key=KEY)
    assert len(options) == 3
    assert all(
        re.fullmatch(r"(a few|several|many) (days|weeks|months|years|decades)", o) for o in options
    )


def test_a_month_gets_months_only() -> None:
    pool = ["year", "the summer", "June", "the 1950s"]
    options = pick_distractors("July", AnswerType.DATE, key=KEY, article_pool=pool)
    assert options and all(o.split()[0] in MONTH_NAMES for o in options), options
    assert "June" in options


MONTH_NAMES = (
    "January February March April May June July August September October November December".split()
)


def test_a_place_in_an_order_moves_a_few_places_not_by_half() -> None:
    # "the 140th minute" of a league match or "the 21st century" for a colonial lighthouse is
    # an option nobody has to think about.
    minutes = nearby_numbers("93rd minute", rng_for("m"), 3)
    assert len(minutes) >= 3
    for option in minutes:
        value = int(re.match(r"\d+", option).group(0))  # type: ignore[union-attr]
        assert 70 <= value <= 105 and value != 93 and option.endswith(" minute"), option
    centuries = nearby_numbers("18th century", rng_for("c"), 3)
    assert all(
        c in {"15th century", "16th century", "17th century", "19th century", "20th century"}
        for c in centuries
    ), centuries


def test_large_numbers_stay_within_about_a_third() -> None:
    for option in nearby_numbers("50 states", rng_for("s"), 5):
        value = int(option.split()[0])
        assert 30 <= value <= 65 and value != 50, option
