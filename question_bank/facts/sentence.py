"""Sentence -> facts: every candidate fact of one sentence, overgenerated and scored."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from question_bank.facts.chunks import chunk_facts
from question_bank.facts.entities import entity_facts
from question_bank.facts.extra import extra_facts
from question_bank.facts.model import Fact
from question_bank.facts.titles import title_facts

if TYPE_CHECKING:
    from spacy.tokens import Span

# How much lower an answer that is the article's own topic (all its words in the title) scores.
TITLE_PENALTY = 0.3


def sentence_facts(sent: Span, section: str, title: str = "") -> list[Fact]:
    """Every candidate fact of one sentence, overgenerated, each with a score in [0, 1].

    An answer that is the article's own topic (it appears in the title) is rarely worth asking:
    its score is lowered.
    """
    if not _worth_asking(sent):
        return []
    facts = entity_facts(sent, section)
    # Tokens an entity or a noun phrase already answers: no second noun phrase over them.
    taken = {i for fact in facts for i in range(fact.start, fact.end)}
    facts.extend(title_facts(sent, section, facts))
    facts.extend(chunk_facts(sent, section, taken))
    facts.extend(extra_facts(sent, section, facts))
    _lower_title_answers(facts, title)
    return facts


def _lower_title_answers(facts: list[Fact], title: str) -> None:
    """The article's own topic (all the answer's words in the title) scores lower; every
    score is clamped into (0, 1)."""
    title_words = set(_words(title))
    for fact in facts:
        words = _words(fact.answer)
        if title_words and words and all(w in title_words for w in words):
            fact.score -= TITLE_PENALTY
        fact.score = max(0.01, min(fact.score, 0.99))


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", text.lower()) if w not in ("the", "a", "an", "of")]


def _worth_asking(sent: Span) -> bool:
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if len(words) < 5:
        return False
    last = sent.text.rstrip()[-1:]
    if last not in ".!?\"”’')":
        return False  # a sentence the parser cut short ("…, are" + "Doctor Who's villains.")
    # A sentence has a verb at its root ("Doctor Who's oldest villains." is a fragment).
    return sent.root.pos_ in ("VERB", "AUX")
