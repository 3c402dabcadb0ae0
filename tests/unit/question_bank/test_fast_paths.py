"""Fast paths that replace a slower computation must give exactly its answers (speed work:
not a single stored card may change)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from question_bank.cards.answers import occurs_as_word

_ALPHABET = st.sampled_from(list("ab _-.'’é1٣Ⅻ\u00b2\u0301 "))


@given(st.text(_ALPHABET, max_size=4), st.text(_ALPHABET, max_size=24))
def test_occurs_as_word_is_the_lookaround_regex(word: str, text: str) -> None:
    expected = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None
    assert occurs_as_word(word, text) == expected


def test_occurs_as_word_examples() -> None:
    assert occurs_as_word("Three", "Sky Three and Three")
    assert not occurs_as_word("three", "Sky Three")
    assert not occurs_as_word("Kosovo", "Kosovo_x and xKosovo")
    assert occurs_as_word("Kosovo", "(Kosovo)")
