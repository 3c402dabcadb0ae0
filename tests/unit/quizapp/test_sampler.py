"""The shared sampler (export print, export kahoot, the quiz night's pick) and note markers."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

from quizapp.exports.printable import PrintItem, render_quiz_html, render_quiz_markdown
from quizapp.exports.sampler import sample, sample_order, spread_order, strip_note_markers


@dataclass(frozen=True)
class Card:
    id: str
    article_id: str
    kind: str
    source_sentence: str
    position: int


def article(name: str, sentences: int, kinds: tuple[str, ...]) -> list[Card]:
    """Every sentence of an article with a card of each kind on it."""
    return [
        Card(f"{name}-{n:03d}-{kind}", name, kind, f"{name} sentence {n}.", n)
        for n in range(sentences)
        for kind in kinds
    ]


def test_one_question_per_sentence_before_any_second() -> None:
    cards = article("a", 30, ("open", "cloze", "choice", "truefalse"))
    order = sample_order(cards, seed=1)
    assert len(order) == len(cards) and set(order) == set(cards)
    first = order[:30]
    assert len({c.source_sentence for c in first}) == 30
    assert len(sample(cards, 20, seed=1)) == 20


def test_the_sample_spreads_across_the_article() -> None:
    cards = article("a", 100, ("open",))
    for seed in range(5):
        positions = sorted(c.position for c in sample(cards, 10, seed=seed))
        # Ten of a hundred sentences: one in every tenth of the article, give or take one.
        assert all(positions[i + 1] - positions[i] <= 19 for i in range(9)), positions
        assert positions[0] <= 19 and positions[-1] >= 80


def test_every_prefix_of_the_spread_order_is_spread() -> None:
    order = spread_order(64, random.Random(3))
    assert sorted(order) == list(range(64))
    halves = Counter(i < 32 for i in order[:8])
    assert halves[True] == halves[False] == 4


def test_kinds_are_mixed_and_articles_interleaved() -> None:
    cards = [
        *article("a", 12, ("open", "cloze", "choice", "truefalse")),
        *article("b", 12, ("open", "choice")),
    ]
    chosen = sample(cards, 20, seed=4)
    assert Counter(c.article_id for c in chosen) == {"a": 10, "b": 10}
    kinds = Counter(c.kind for c in chosen)
    assert max(kinds.values()) - min(kinds.values()) <= 3, kinds


def test_the_same_seed_gives_the_same_sample() -> None:
    cards = article("a", 40, ("open", "choice"))
    assert sample(cards, 20, seed=7) == sample(list(reversed(cards)), 20, seed=7)
    assert sample(cards, 20, seed=7) != sample(cards, 20, seed=8)


def test_note_markers_never_reach_a_sheet() -> None:
    assert strip_note_markers("KFOR grew[12] to 4,500[citation needed].") == "KFOR grew to 4,500."
    assert strip_note_markers("The gap [...] stays; [a] goes") == "The gap [...] stays; goes"
    items = [
        PrintItem(prompt="Who leads NATO?[3]", kind="choice", choices=("A[1]", "B"), answer="A[1]"),
        PrintItem(prompt="KFOR got [...] more troops.[note 2]", kind="cloze", answer="700[4]"),
    ]
    for sheet in (render_quiz_html("Quiz", items), render_quiz_markdown("Quiz", items)):
        assert "[3]" not in sheet and "[1]" not in sheet and "[4]" not in sheet
        assert "[note 2]" not in sheet and "700" in sheet
