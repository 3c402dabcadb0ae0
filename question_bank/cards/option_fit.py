"""Whether a wrong option fits the answer's place: it reads as a possible fact that is surely
false (its dates exist, the amounts keep their order, no sentence of the article says it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from question_bank.cards.answers import NUMERIC
from question_bank.distractors import normalise
from question_bank.facts.model import Fact
from question_bank.swaps import beside, keeps_values, qualifies_a_place

if TYPE_CHECKING:
    from spacy.tokens import Doc


def option_fits(fact: Fact, option: str, docs: Sequence[Doc], *, truefalse: bool = False) -> bool:
    """A wrong option in the answer's place reads as a possible fact that is surely false: its
    dates exist, the amounts keep the order the sentence states ("cut to 1.2bn from 1.5bn"
    never becomes "cut to 1.8bn from 1.5bn"), and no sentence of the article says it."""
    start, end = fact.span
    swapped = fact.sentence[:start] + option + fact.sentence[end:]
    if not keeps_values(fact.sentence, swapped):
        return False
    if beside(fact, option) or qualifies_a_place(fact):
        return False  # "Dayton, Ohio": Ohio is right too; "Dayton, Soviet Union" is absurd
    if fact.answer_type in NUMERIC:
        # A year or an amount the article gives for the same thing elsewhere is also right.
        return not _stated_elsewhere(fact, option, docs)
    # Names are the article's own (that is where options come from): only a sentence of the
    # same paragraph saying the swapped-in name likewise makes it possibly right.
    return not truefalse or not _stated_elsewhere(fact, option)


def _stated_elsewhere(fact: Fact, value: str, docs: Sequence[Doc] = ()) -> bool:
    """Another sentence of the article names `value` with two of the fact sentence's content
    words (as written: the generator parses without the lemmatizer). "X was founded in 1850"
    swapped to 1856 when the next sentence says "X … in 1856" is not surely false."""
    answer_ids = set(range(fact.start, fact.end))
    content = {
        t.lower_
        for t in fact.sent
        if t.i not in answer_ids and t.is_alpha and not t.is_stop and len(t) > 2
    }
    wanted = normalise(value)
    own = fact.sent.doc
    names = re.compile(rf"(?<!\w){re.escape(wanted)}(?!\w)").search  # whole words: not 19855
    paragraphs = [own, *(doc for doc in docs if doc is not own)] if wanted else []
    for other in (s for doc in paragraphs for s in doc.sents):
        if (other.doc is own and other.start == fact.sent.start) or not names(_words(other.text)):
            continue
        shared = {t.lower_ for t in other if t.is_alpha and not t.is_stop} & content
        if len(shared) >= 2:
            return True
    return False


# Once per sentence, not once per wrong option asked about it (a part's options scan its sentences).
_words = lru_cache(maxsize=8192)(normalise)
