"""Answer-worthiness: how likely a reader is asked about a candidate answer, learned from data.

The candidates are the facts `question_bank.facts` overgenerates for a sentence (entities, noun
phrases, numbers with their unit, clause arguments); several facts may share one answer span.
Each span gets a sparse feature dict (`answer_features`): the fact types and rule scores of
`facts.py`, the entity label and answer type, the dependency role, the position in the sentence
and in the article, the length, word rarity (wordfreq's Zipf scale) and repetition in the article.
A model trained offline by `scripts/train_answer_ranker.py` on SQuAD's crowd questions
(positives: candidates matching a gold answer with token F1 >= 0.5) turns them into a score.

The weights are a small JSON file in `question_bank/data/`; scoring is plain Python, so neither
scikit-learn nor numpy is imported at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from question_bank.facts.model import Fact

WEIGHTS_FILE = "answer_ranker.json"
# Feature groups, by the prefix of a feature's name: what the training script ablates.
GROUPS = ("rule", "ent", "dep", "pos", "len", "rare", "rep", "ctx")
# Prepositions common enough to get their own feature; the rest share one.
COMMON_PREPS = frozenset(
    "of in to for on by with from at as into during after before since until between against "
    "through under over about within without including".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_STOP = frozenset(
    """a an the of and or in on at to for by with from as is are was were be been that this
    these those it its their his her""".split()
)


@dataclass
class ArticleStats:
    """What the ranker needs to know about the whole article: word counts, sentence count."""

    title_words: frozenset[str] = frozenset()
    words: Counter[str] = field(default_factory=Counter)
    sentences: int = 0

    @classmethod
    def for_title(cls, title: str) -> ArticleStats:
        # "Rhine (passage 3)": a bracketed tail of a title is not what the article is about
        base = re.sub(r"\s*\(.*\)\s*$", "", title)
        return cls(title_words=frozenset(_content_words(base)))

    def observe(self, sent: Span) -> None:
        self.sentences += 1
        self.words.update(_content_words(sent.text))


def _content_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP]


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common a word is in English, on wordfreq's Zipf scale (0 unknown … 8 "the")."""
    from wordfreq import zipf_frequency  # its word list loads in about 0.2 s: only when scoring

    return float(zipf_frequency(word, "en"))


def _bin(value: float, edges: Sequence[float]) -> int:
    return sum(1 for edge in edges if value >= edge)


def answer_features(
    facts: Sequence[Fact], sentence_index: int, stats: ArticleStats
) -> dict[str, float]:
    """The features of one candidate answer span (all the facts found for it).

    The groups run in a fixed order: the score sums weights in the order features were set."""
    best = max(facts, key=lambda f: f.score)
    words = [t for t in best.tokens if not t.is_punct]
    label = best.label or "none"
    out: dict[str, float] = {}
    _rule_features(facts, best, out)
    _entity_features(best, words, label, out)
    _dependency_features(best, label, out)
    _position_features(best, sentence_index, stats, out)
    _length_features(words, label, out)
    _word_features(best, stats, out)
    return out


def _rule_features(facts: Sequence[Fact], best: Fact, out: dict[str, float]) -> None:
    """rule: today's fact types and their hand-set scores."""
    out["rule:score"] = best.score
    out[f"rule:score_bin={_bin(best.score, (0.15, 0.25, 0.35, 0.45, 0.55, 0.65))}"] = 1
    for fact in facts:
        out[f"rule:role={fact.role}"] = 1
    if best.plural:
        out["rule:plural"] = 1
    if any(f.description for f in facts):
        out["rule:described"] = 1


def _entity_features(best: Fact, words: list[Token], label: str, out: dict[str, float]) -> None:
    """ent: entity label and answer type."""
    out[f"ent:label={label}"] = 1
    out[f"ent:type={best.answer_type.value}"] = 1
    if any(t.ent_type_ for t in words) and not best.label:
        out["ent:partial_entity"] = 1


def _dependency_features(best: Fact, label: str, out: dict[str, float]) -> None:
    """dep: syntactic role of the answer in its clause."""
    sent = best.sent
    root = best.tokens.root
    out[f"dep:dep={root.dep_}"] = 1
    out[f"dep:label_dep={label}:{root.dep_}"] = 1
    out[f"dep:head_pos={root.head.pos_}"] = 1
    out[f"dep:head_dep={root.head.dep_}"] = 1
    if root.dep_ == "pobj":
        prep = root.head.lower_
        prep = prep if prep in COMMON_PREPS else "other"
        out[f"dep:prep={prep}"] = 1
        out[f"dep:label_prep={label}:{prep}"] = 1
        out[f"dep:prep_head={root.head.head.pos_}"] = 1
    if root.head.i == sent.root.i:
        out["dep:root_arg"] = 1
    depth = 0
    node = root
    while node.head.i != node.i and depth < 6:
        node = node.head
        depth += 1
    out[f"dep:depth={min(depth, 4)}"] = 1
    if _in_brackets(sent, best.start, best.end):
        out["dep:in_brackets"] = 1
    if _list_item(root):
        out["dep:list_item"] = 1


def _position_features(
    best: Fact, sentence_index: int, stats: ArticleStats, out: dict[str, float]
) -> None:
    """pos: where the answer sits, in its sentence and in the article."""
    sent = best.sent
    position = (best.tokens.root.i - sent.start) / max(1, len(sent))
    out[f"pos:in_sentence={min(int(position * 4), 3)}"] = 1
    relative = sentence_index / max(1, stats.sentences - 1) if stats.sentences > 1 else 0.0
    out[f"pos:in_article={min(int(relative * 3), 2)}"] = 1
    if sentence_index == 0:
        out["pos:first_sentence"] = 1
    out[f"pos:sentence_len={_bin(len(sent), (12, 20, 30, 45))}"] = 1


def _length_features(words: list[Token], label: str, out: dict[str, float]) -> None:
    """len: the answer's shape."""
    n = len(words)
    out[f"len:words={min(n, 7)}"] = 1
    out[f"len:label_words={label}:{min(n, 4)}"] = 1
    if any(t.like_num or t.is_digit for t in words):
        out["len:digit"] = 1
    if any(t.tag_ in ("NNP", "NNPS") for t in words):
        out["len:proper"] = 1
    if any(t.pos_ == "ADJ" for t in words):
        out["len:adj"] = 1
    if words and words[0].lower_ in ("the", "a", "an"):
        out[f"len:det={words[0].lower_}"] = 1
    if any(t.pos_ == "VERB" for t in words):
        out["len:verb"] = 1


def _word_features(best: Fact, stats: ArticleStats, out: dict[str, float]) -> None:
    """rare: how uncommon the answer's words are in English; rep: how much the article is
    about them."""
    content = _content_words(best.answer)
    if not content:
        out["rare:no_content"] = 1
        return
    rarities = [zipf(w) for w in content]
    low = min(rarities)
    out["rare:min_zipf"] = low / 8
    out["rare:mean_zipf"] = sum(rarities) / len(rarities) / 8
    out[f"rare:min_bin={_bin(low, (2, 3, 3.5, 4, 4.5, 5, 5.5, 6))}"] = 1
    out[f"rare:head_bin={_bin(zipf(best.tokens.root.lower_), (2, 3, 4, 5, 6))}"] = 1
    counts = [stats.words.get(w, 0) for w in content]
    out["rep:max_count"] = math.log1p(max(counts)) / 3
    out[f"rep:min_bin={_bin(min(counts), (2, 3, 5))}"] = 1
    in_title = sum(1 for w in content if w in stats.title_words) / len(content)
    if in_title == 1:
        out["rep:all_in_title"] = 1
    elif in_title > 0:
        out["rep:some_in_title"] = 1


def sentence_features(candidates: Sequence[Sequence[Fact]]) -> list[dict[str, float]]:
    """Features of each candidate against the others of its sentence (one list per span):
    its rank by rule score, how many compete, whether it holds or sits inside another."""
    best = [max(facts, key=lambda f: f.score) for facts in candidates]
    order = sorted(range(len(best)), key=lambda n: -best[n].score)
    rank = {n: position for position, n in enumerate(order)}
    out: list[dict[str, float]] = []
    for n, fact in enumerate(best):
        features: dict[str, float] = {
            f"ctx:rule_rank={min(rank[n], 4)}": 1,
            f"ctx:candidates={_bin(len(best), (3, 6, 10, 15))}": 1,
        }
        for other in best:
            if other is fact:
                continue
            inside = fact.start <= other.start and other.end <= fact.end
            around = other.start <= fact.start and fact.end <= other.end
            if inside and other.label:
                features["ctx:holds_entity"] = 1
            elif inside:
                features["ctx:holds_phrase"] = 1
            if around:
                features["ctx:inside_other"] = 1
            if other.label and other.label == fact.label:
                features["ctx:same_label"] = 1
        out.append(features)
    return out


def _in_brackets(sent: Span, start: int, end: int) -> bool:
    """The span sits inside parentheses of its sentence: "(French: le Rhin)" trivia."""
    depth = 0
    for token in sent.doc[sent.start : start]:
        if token.text in ("(", "["):
            depth += 1
        elif token.text in (")", "]") and depth:
            depth -= 1
    return depth > 0


def _list_item(token: Token) -> bool:
    head = token
    while head.dep_ == "conj":
        head = head.head
    items = 1 + sum(1 for t in head.subtree if t.dep_ == "conj" and t.pos_ == head.pos_)
    return items >= 3


_override: ContextVar[Mapping[str, Any] | None] = ContextVar("answer_ranker", default=None)


@cache
def shipped_model() -> Mapping[str, Any]:
    """The weights in question_bank/data/answer_ranker.json, read once."""
    text = resources.files("question_bank.data").joinpath(WEIGHTS_FILE).read_text("utf-8")
    model: Mapping[str, Any] = json.loads(text)
    return model


@contextmanager
def model_override(model: Mapping[str, Any]) -> Iterator[None]:
    """Score with other weights inside the block (the training script's evaluations)."""
    token = _override.set(model)
    try:
        yield
    finally:
        _override.reset(token)


def score(features: Mapping[str, float]) -> float:
    """The probability that a reader is asked about this answer."""
    model = _override.get() or shipped_model()
    weights = model["weights"]
    total = model["bias"] + sum(weights.get(k, 0.0) * v for k, v in features.items())
    return 1.0 / (1.0 + math.exp(-total))
