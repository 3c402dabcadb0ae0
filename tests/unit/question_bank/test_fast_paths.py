"""Fast paths that replace a slower computation must give exactly its answers (speed work:
not a single stored card may change)."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import cast

from hypothesis import given
from hypothesis import strategies as st

from question_bank import swaps
from question_bank.card_ranker import article_word_counts
from question_bank.cards.answers import occurs_as_word
from question_bank.facts.model import Fact
from question_bank.models import Article, Section
from question_bank.store.content import normalised_text
from question_bank.swaps import beside, keeps_values
from question_bank.workers import WholeArticleCounts

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


def _beside_by_regex(sentence: str, span: tuple[int, int], option: str) -> bool:
    """beside() as it was: three patterns compiled for every option."""
    before, after = sentence[: span[0]].rstrip(), sentence[span[1] :].lstrip()
    pattern = re.escape(option)
    if re.search(rf"(?<!\w){pattern}\s*[,(]$", before) or re.search(
        rf"(?<!\w){pattern} of$", before
    ):
        return True
    return re.match(rf"(?:[,(]|of)\s*{pattern}(?!\w)", after) is not None


_SWAP_TEXT = st.sampled_from(["Ohio", "of", " ", ",", "(", ")", "Dayton", "x", "\n", "\u00a0", "é"])


@given(
    st.lists(_SWAP_TEXT, max_size=8).map("".join),
    st.lists(_SWAP_TEXT, max_size=3).map("".join),
    st.lists(_SWAP_TEXT, max_size=8).map("".join),
    st.lists(_SWAP_TEXT, max_size=3).map("".join),
)
def test_beside_is_the_regex_test(head: str, answer: str, tail: str, option: str) -> None:
    sentence = head + answer + tail
    span = (len(head), len(head) + len(answer))
    fact = cast(Fact, SimpleNamespace(sentence=sentence, span=span))
    assert beside(fact, option) == _beside_by_regex(sentence, span, option)


def test_beside_examples() -> None:
    def fact(sentence: str, answer: str) -> Fact:
        start = sentence.index(answer)
        return cast(Fact, SimpleNamespace(sentence=sentence, span=(start, start + len(answer))))

    assert beside(fact("He lived in Dayton, Ohio.", "Dayton"), "Ohio")
    assert beside(fact("He lived in Dayton, Ohio.", "Ohio"), "Dayton")
    assert beside(fact("Penfield Bakeries of Toronto", "Toronto"), "Penfield Bakeries")
    assert not beside(fact("He lived in Dayton, Ohio.", "Dayton"), "Texas")


_AMOUNTS = st.sampled_from(
    "rose |to |from |between | and |5% |$11.1bn |$10.9bn |1931 |2095 |the 12th |28th century |"
    "April 33 |57 pct |114 pct ".split("|")
)


def _keeps_values_uncached(original: str, swapped: str) -> bool:
    """keeps_values() as it was: the original sentence read again for every option."""
    if not swaps.valid_dates(swapped) or not swaps._shares_kept(original, swapped):
        return False
    if swaps._latest(swapped) > max(swaps._latest(original), swaps.LATEST_YEAR):
        return False
    if swaps._change_agrees(original) and not swaps._change_agrees(swapped):
        return False
    before, after = swaps._orders(original), swaps._orders(swapped)
    if len(before) != len(after):
        return False
    return all(a == b for a, b in zip(before, after, strict=True) if b != 0) and 0 not in [
        b for a, b in zip(before, after, strict=True) if a != 0
    ]


@given(st.lists(_AMOUNTS, max_size=7).map("".join), st.lists(_AMOUNTS, max_size=7).map("".join))
def test_keeps_values_reads_the_original_once_with_the_same_answers(
    original: str, swapped: str
) -> None:
    assert keeps_values(original, swapped) == _keeps_values_uncached(original, swapped)
    assert keeps_values(swapped, original) == _keeps_values_uncached(swapped, original)


_SPACED = st.text(
    st.sampled_from(list("a b\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u2028\u3000\u200b")),
    max_size=12,
)


@given(st.lists(st.tuples(_SPACED, st.lists(_SPACED, max_size=3)), max_size=3))
def test_normalised_text_is_the_whole_text_split_and_joined(
    sections: list[tuple[str, list[str]]],
) -> None:
    article = Article(
        title="t",
        sections=tuple(Section(heading=h, paragraphs=tuple(ps)) for h, ps in sections),
        source="x",
        content_hash="x",
    )
    assert normalised_text(article) == " ".join(article.text.split())


_PIECE = st.text(st.sampled_from(list("ab A1'’- \n")), max_size=12)


@given(st.lists(st.tuples(_PIECE, st.lists(_PIECE, max_size=3)), max_size=3), _PIECE)
def test_whole_article_counts_piece_by_piece_are_the_counts_of_its_text(
    sections: list[tuple[str, list[str]]], title: str
) -> None:
    article = Article(
        title=title,
        sections=tuple(Section(heading=h, paragraphs=tuple(ps)) for h, ps in sections),
        source="x",
        content_hash="x",
    )
    counts = WholeArticleCounts([article]).of(0)
    expected = article_word_counts(article.text)
    assert counts == expected and list(counts.items()) == list(expected.items())
