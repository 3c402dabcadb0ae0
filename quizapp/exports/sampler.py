"""One way to pick a classroom-sized set of questions from a bank: print, Kahoot, quiz night.

A bank holds several questions per sentence (an open question, a cloze, a choice and a
true/false on the same fact) and hundreds per article; a sheet or a night wants a few dozen
that cover the article and do not give each other away. The sampler:

- asks at most one question per sentence before it asks a second on any sentence (the
  others come last, as a reserve);
- spreads across each article: the first k sentences taken are spread evenly over the
  article (a van der Corput order from a seeded offset), whatever k is;
- interleaves articles (round robin, in a seeded order) and mixes kinds (each sentence gives
  the kind asked least so far; ties broken by the seed);
- is reproducible: the same seed and bank give the same questions, whatever order the bank
  hands them in.

`sample()` takes the first `count` of that order and shuffles them with the same seed.
`strip_note_markers()` removes Wikipedia's note and citation markers ("[12]", "[a]",
"[citation needed]") that older banks may still hold, so they never reach a sheet.
"""

from __future__ import annotations

import bisect
import random
import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from question_bank.models import StoredQuestion

DEFAULT_COUNT = 20  # a classroom quiz, not the whole bank
SCAN = 8  # sentences looked ahead for a kind asked less

_NOTE_MARKER = re.compile(
    r"\s?\[(?:\d{1,3}|[a-z]|note \d{1,3}|nb \d{1,3}|citation needed|clarification needed|"
    r"better source needed|update|when\?|who\?|according to whom\?)\]",
    re.IGNORECASE,
)


# Exports sample StoredQuestions, a quiz night its QuizQuestions (StoredQuestions too).
Q = TypeVar("Q", bound=StoredQuestion)


def strip_note_markers(text: str) -> str:
    """The text without Wikipedia's note markers; the cloze gap "[...]" stays."""
    return _NOTE_MARKER.sub("", text)


def _van_der_corput(n: int) -> float:
    value, denominator = 0.0, 1.0
    while n:
        denominator *= 2
        n, bit = divmod(n, 2)
        value += bit / denominator
    return value


def spread_order(count: int, rng: random.Random) -> list[int]:
    """0..count-1 in an order whose every prefix is spread evenly over the range."""
    free = list(range(count))
    offset = rng.random()
    order: list[int] = []
    for step in range(count):
        target = ((_van_der_corput(step) + offset) % 1.0) * count
        at = bisect.bisect_left(free, target)
        # The nearest free index to the target, on either side.
        if at == len(free) or (at > 0 and target - free[at - 1] <= free[at] - target):
            at -= 1
        order.append(free.pop(at))
    return order


def sample_order(
    items: Sequence[Q],
    seed: int | None,
    *,
    family: Callable[[str], str] = lambda k: k,
    limit: int | None = None,
) -> list[Q]:
    """Every item once, in the order a sample takes them (see the module docstring).

    With `limit`, only the first `limit` are worked out (an export of a large bank needs 20).
    """
    rng = random.Random(seed)
    by_article: dict[str, dict[str, list[Q]]] = {}
    for item in sorted(items, key=lambda q: q.id):
        sentence = " ".join(item.source_sentence.split()).casefold() or f"#{item.id}"
        by_article.setdefault(item.article_id, {}).setdefault(sentence, []).append(item)
    streams: dict[str, list[list[Q]]] = {}  # each article's sentences, next one last
    for article, sentences in by_article.items():
        in_text = sorted(
            sentences.values(), key=lambda group: (min(q.position for q in group), group[0].id)
        )
        streams[article] = [in_text[i] for i in reversed(spread_order(len(in_text), rng))]
    articles = sorted(streams)
    rng.shuffle(articles)
    asked: dict[str, int] = {}
    first: list[Q] = []
    later: list[Q] = []
    while any(streams.values()) and (limit is None or len(first) < limit):
        for article in articles:
            stream = streams[article]
            if not stream or (limit is not None and len(first) >= limit):
                continue
            # The kind asked least so far, from the next sentences in spread order: a sentence
            # a little further on, rather than a fourth choice question in a row.
            window = stream[-1 : -SCAN - 1 : -1]
            wanted = min(
                (asked.get(family(q.kind), 0) for group in window for q in group), default=0
            )
            at = next(
                (
                    n
                    for n, group in enumerate(window)
                    if any(asked.get(family(q.kind), 0) == wanted for q in group)
                ),
                0,
            )
            group = stream.pop(len(stream) - 1 - at)
            group = list(group)
            rng.shuffle(group)  # the tie-break between kinds asked as often
            pick = min(group, key=lambda q: asked.get(family(q.kind), 0))
            asked[family(pick.kind)] = asked.get(family(pick.kind), 0) + 1
            first.append(pick)
            later.extend(q for q in group if q is not pick)
    if limit is not None:
        return first
    rng.shuffle(later)
    return first + later


def sample(
    items: Sequence[Q],
    count: int | None = DEFAULT_COUNT,
    seed: int | None = None,
    *,
    family: Callable[[str], str] = lambda k: k,
) -> list[Q]:
    """`count` items (all when None) picked as `sample_order` says, shuffled with the seed."""
    chosen = sample_order(items, seed, family=family, limit=count)
    random.Random(seed).shuffle(chosen)
    return chosen
