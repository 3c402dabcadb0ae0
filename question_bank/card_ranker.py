"""Card acceptability: would a teacher hand this card out? A logistic model over card features.

Heilman & Smith's overgenerate-and-rank: the generator makes every card it can, and a
statistical model trained on blind judgments (data/judged/, JUDGING.md's protocol) predicts the
chance a judge accepts each one; a card below the shipped threshold is not stored. The weights
are a small JSON file (question_bank/data/card_ranker.json) written by
scripts/train_card_ranker.py from the judged data in the repository; scoring is a dot product in
pure Python (no scikit-learn at run time).

Features describe the card as a judge sees it and the answer as the article has it: the form,
the answer's type, role and shape, how often the article repeats its words, the length and shape
of the prompt (wh-word, a wh-word asked in place, a stranded preposition, a lead-in sentence),
references the card leaves unresolved, and for choice cards how alike the options look.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from question_bank.facts.spans import in_list
from question_bank.models import CLOZE_GAP

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

WEIGHTS_FILE = "card_ranker.json"
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
_STOP = frozenset(
    """a an the of and or in on at to for by with from as is are was were be been it its this
    that these those which who whom what when where how many much did do does has have
    had""".split()
)
_WH = re.compile(
    r"^(who|whom|what|when|where|why|how many|how much|how long|which \w+|in which year|"
    r"what year|what percentage|since when|until when|by when)\b",
    re.IGNORECASE,
)
_IN_SITU = re.compile(r"\b(which|whom|what|how many|how much)\b", re.IGNORECASE)
_PREPOSITIONS = frozenset("in on at to for by with from of as about into over under".split())
_REFERENCE = re.compile(
    r"\b(this|these|those|that|another|other|such|the same|the former|the latter|it|they|them)\b",
    re.IGNORECASE,
)
_DEFINITE_PLAIN = re.compile(r"\bthe (\w+)\b", re.IGNORECASE)


@dataclass(frozen=True)
class CardView:
    """What the ranker reads of a card: its text, the answer's place in its parsed sentence,
    and word counts of its article."""

    kind: str
    prompt: str
    answer: str  # the fact's answer as the sentence has it (for true/false too)
    choices: Sequence[str]
    answer_type: str
    role: str
    label: str
    sent: Span
    start: int  # token indices of the answer in sent.doc
    end: int
    title: str
    article_words: Mapping[str, int]
    truth: str = ""  # a true/false card's key: "True" or "False"
    # The answer ranker's place for this fact in its article: its rank among the candidates
    # divided by the article's budget of answers (0: the first fact, 1: the last within budget;
    # negative: unknown). A card about a fact nobody would ask about is pointless however well
    # it reads.
    reach: float = -1.0


def names_the_title(answer: str, title: str) -> bool:
    """Every content word of the answer is in the article's title, or every word of the title
    in the answer: the answer is what the article is about ("Chopin" in "Frédéric Chopin", "the
    Rhine" in "Rhine", "Alexandre Gustave Eiffel" in "Gustave Eiffel"). Asked for, it is
    given away by the article itself (judged: 13% of such clozes and 25% of such questions
    were acceptable, against 75% and 50% of the others)."""
    content = {w.lower() for w in _words(answer) if w.lower() not in _STOP and w.isalpha()}
    title_words = {w.lower() for w in _words(title) if w.lower() not in _STOP and w.isalpha()}
    # Either way round: "the Rhine" in "Rhine", "Alexandre Gustave Eiffel" for "Gustave Eiffel".
    return (
        bool(content) and bool(title_words) and (content <= title_words or title_words <= content)
    )


def article_word_counts(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(text))


def _bucket(value: float, edges: Sequence[float]) -> str:
    for index, edge in enumerate(edges):
        if value <= edge:
            return str(index)
    return str(len(edges))


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


On = Callable[[str], None]


@dataclass(frozen=True)
class _Reading:
    """What several feature groups read of one card, computed once."""

    answer_tokens: Span
    root: Token
    answer_words: list[str]
    sent_words: list[str]
    head: str  # the sentence's text before the answer
    # The answer's words, lowercased, without stop words and numbers.
    content: list[str]

    @classmethod
    def of(cls, card: CardView) -> _Reading:
        doc = card.sent.doc
        answer_tokens = doc[card.start : card.end]
        answer_words = _words(card.answer)
        head = card.sent.text[: doc[card.start].idx - card.sent.start_char]
        content = [w.lower() for w in answer_words if w.lower() not in _STOP and w.isalpha()]
        sent_words = _words(card.sent.text)
        return cls(answer_tokens, answer_tokens.root, answer_words, sent_words, head, content)


def features(card: CardView) -> dict[str, float]:
    """Binary features (name -> 1.0) of one card.

    The groups run in a fixed order: the model sums its weights in the order features were
    set, so the order is part of the score (to the last bit)."""
    f: dict[str, float] = {}

    def on(name: str) -> None:
        f[name] = 1.0

    read = _Reading.of(card)
    _form_features(card, read, on)
    _answer_shape_features(card, read, on)
    _answer_word_features(card, read, on)
    _placement_features(card, read, on)
    question = _prompt_features(card, read, on)
    if card.kind == "truefalse":
        # A false statement swaps one answer for another: plausible for a nearby number, often
        # absurd for the sentence's subject ("Blue Ivy performed at the Super Bowl").
        on(f"tf={card.truth}")
        on(f"tf_type={card.truth}:{card.answer_type}")
        on(f"tf_dep={card.truth}:{read.root.dep_}")
    if card.kind == "choice" and card.choices:
        _option_features(card, question, on)
    return f


def _form_features(card: CardView, read: _Reading, on: On) -> None:
    """The card's form crossed with the answer's type, role, label, dependency and length, and
    the fact's reach in its article."""
    kind = card.kind
    on(f"kind={kind}")
    on(f"kind_type={kind}:{card.answer_type}")
    on(f"kind_role={kind}:{card.role}")
    on(f"kind_label={kind}:{card.label or 'none'}")
    on(f"kind_dep={kind}:{read.root.dep_}")
    on(f"kind_alen={kind}:{_bucket(len(read.answer_words), (1, 2, 3, 5))}")
    if card.reach >= 0:
        on(f"reach={_bucket(card.reach, (0.25, 0.5, 1.0, 2.0, 4.0))}")
        on(f"kind_reach={kind}:{_bucket(card.reach, (0.5, 1.0, 2.0))}")


def _answer_shape_features(card: CardView, read: _Reading, on: On) -> None:
    first = card.answer.split()[0].lower() if card.answer.split() else ""
    if first in ("a", "an", "one", "some", "another"):
        on("answer_indefinite")
    if first == "the":
        on("answer_the")
    if card.answer[:1].islower():
        on(f"kind_answer_lower={card.kind}")
    if any(ch.isdigit() for ch in card.answer):
        on("answer_digit")
    tokens = read.answer_tokens
    if tokens and all(t.tag_ in ("NNP", "NNPS") or not t.is_alpha for t in tokens):
        on("answer_proper")
    if tokens and all(t.is_stop or t.is_punct for t in tokens):
        on("answer_stop")
    if read.root.pos_ in ("VERB", "AUX", "ADJ", "ADV"):
        on("answer_not_nominal")


def _answer_word_features(card: CardView, read: _Reading, on: On) -> None:
    """Repetition and rarity of the answer's words (numbers aside): a word the article keeps
    using is its topic; a common English word is filler."""
    content = read.content
    if not content:
        on("answer_no_word")
        return
    counts = [card.article_words.get(w, 0) for w in content]
    on(f"repeat={_bucket(max(counts), (1, 2, 4, 8))}")
    on(f"rare={_bucket(min(counts), (1, 2, 4))}")
    longest = max(len(w) for w in content)
    on(f"wordlen={_bucket(longest, (4, 6, 9))}")
    # How common the answer's rarest word is in English (Zipf scale: 7 "the", 1 rare):
    # "people", "properties" are filler, "ctenophore", "Stoltenberg" are facts.
    zipf = min(_zipf(w) for w in content)
    on(f"zipf={_bucket(zipf, (1.5, 2.5, 3.5, 4.5, 5.5))}")
    on(f"kind_zipf={card.kind}:{_bucket(zipf, (2.5, 3.5, 4.5))}")
    on(f"type_zipf={card.answer_type}:{_bucket(zipf, (2.5, 3.5, 4.5))}")
    title = {w.lower() for w in _words(card.title)}
    if all(w in title for w in content):
        on("in_title")
    elif any(w in title for w in content):
        on("part_title")


def _placement_features(card: CardView, read: _Reading, on: On) -> None:
    """Where the answer sits in its sentence: in brackets or quotes, where the gap falls, beside
    entities of its own label, in a list."""
    kind, doc, head = card.kind, card.sent.doc, read.head
    before = doc[card.start - 1] if card.start > card.sent.start else None
    if before is not None and before.text in ("(", "["):
        on("in_brackets")
    if head.count("(") > head.count(")"):
        on("in_parentheses")
    if kind in ("cloze", "truefalse"):
        # The whole sentence is the card: its length and where the gap falls.
        position = (card.start - card.sent.start) / max(1, len(card.sent))
        on(f"kind_place={kind}:{_bucket(position, (0.0, 0.33, 0.66))}")
        on(f"kind_slen={kind}:{_bucket(len(read.sent_words), (10, 18, 28, 40))}")
        share = len(read.answer_words) / max(1, len(read.sent_words))
        on(f"kind_share={kind}:{_bucket(share, (0.05, 0.1, 0.2, 0.35))}")
    if any(t.dep_ == "conj" for t in read.answer_tokens) or " and " in card.answer:
        on("answer_pair")
    if head.count('"') % 2 == 1 or head.count("“") > head.count("”"):
        on(f"kind_in_quote={kind}")  # inside quoted speech
    if kind == "cloze" and card.start == card.sent.start:
        on("gap_opens_sentence")
    root = read.root
    if card.label:
        siblings = [
            e for e in card.sent.ents if e.label_ == card.label and not e.start <= root.i < e.end
        ]
        if siblings:
            on(f"kind_same_label_nearby={kind}:{min(len(siblings), 3)}")
    if in_list(root):
        on("list_item")


def _prompt_features(card: CardView, read: _Reading, on: On) -> str:
    """The prompt as a judge reads it: its length, wh-word, lead-in, references left unresolved;
    returns the question itself (the prompt without a lead-in sentence)."""
    kind = card.kind
    # The answer's own words elsewhere in the prompt: a hint or a giveaway ("Priestley").
    shown = card.prompt.replace(CLOZE_GAP, " ")
    if kind in ("open", "choice", "cloze"):
        prompt_set = {w.lower() for w in _words(shown)}
        if read.content and any(w in prompt_set for w in read.content):
            on("answer_word_in_prompt")
    on(f"kind_plen={kind}:{_bucket(len(_words(card.prompt)), (8, 12, 18, 26, 36))}")
    question = card.prompt
    if kind in ("open", "choice"):
        question = _wh_features(card, on)
    if kind == "cloze":
        lead = card.prompt.split(CLOZE_GAP)[0]
        if re.search(r"[.!?]\s+\S", lead):
            on("lead_in")
    if kind in ("open", "choice"):
        _question_shape(question, card.sent.text, card, on)
    if _REFERENCE.search(question):
        on("reference_word")
        on(f"kind_reference={kind}")
    shell = [m.group(1).lower() for m in _DEFINITE_PLAIN.finditer(question)]
    if any(w in _SHELLISH for w in shell):
        on("shell_noun")
    return question


def _wh_features(card: CardView, on: On) -> str:
    """A question's lead-in sentence, wh-word, a wh-word asked in place, a stranded
    preposition; returns the question without its lead-in."""
    question = card.prompt
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", card.prompt.strip())
    if len(sentences) > 1:
        on("lead_in")
        question = sentences[-1]
    match = _WH.match(question)
    wh = match.group(1).lower() if match else "none"
    wh = re.sub(r"^which \w+", lambda m: m.group(0), wh)
    on(f"wh={wh}")
    on(f"wh_type={wh}:{card.answer_type}")
    if match is None and _IN_SITU.search(question):
        on("in_situ")
        opener = question.split()[0].lower()
        on(f"in_situ_opener={'the' if opener == 'the' else 'other'}")
    last = re.findall(r"\w+", question.lower())
    if last and last[-1] in _PREPOSITIONS:
        on("stranded_prep")
    return question


def _option_features(card: CardView, question: str, on: On) -> None:
    """How alike a choice card's options look: shape, length, case, and an option the question
    itself names."""
    options = [o for o in card.choices if o != card.answer]
    shapes = {_shape(o) for o in options}
    if _shape(card.answer) not in shapes:
        on("answer_odd_shape")
    lengths = [len(_words(o)) for o in card.choices]
    if max(lengths) > 2 * max(1, min(lengths)):
        on("option_lengths_vary")
    if sum(1 for o in options if o[:1].isupper()) not in (0, len(options)):
        on("options_mixed_case")
    words = {w.lower() for w in _words(question)}
    if any(w.lower() in words for o in options for w in _words(o) if w.lower() not in _STOP):
        on("option_in_prompt")


_POSSESSIVE_REFERENCE = re.compile(
    r"\b(its|their|his|her|both \w+|all (two|three|four)|each other|the former|the latter)\b",
    re.IGNORECASE,
)
_BAD_PUNCT = re.compile(r"\s[,;:.)]|\(\s*\)|\(\s|\s\?$")
_DANGLING = re.compile(
    r"\b(in addition|for example|for instance|however|also|too|as well|though|then|of)\?$",
    re.IGNORECASE,
)
_AUX = frozenset(
    """is are was were be been being do does did has have had can could may might must shall
    should will would""".split()
)


def _question_shape(
    question: str, sentence: str, card: CardView, on: Callable[[str], None]
) -> None:
    """How a rewritten question reads: the slips a clause-rewriting template leaves behind."""
    words = question.rstrip("?").split()
    if len(words) > 1:
        # A capitalised word mid-question that the sentence writes at a sentence start or in
        # lower case ("What Today is provided…", "…discipline Throughout the history…").
        sentence_words = set(sentence.split())
        for word in words[1:]:
            bare = word.strip(",;:()\"'")
            if (
                bare[:1].isupper()
                and bare.lower() in sentence.lower().split()
                and bare not in (sentence_words - {sentence.split()[0]})
            ):
                on("odd_capital")
                break
        if words[1][:1].isupper() and words[0].lower() in ("what", "which", "who"):
            on(f"wh_then_name={card.answer_type}")
        if words[1].lower() in _AUX and words[0].lower() in ("what", "who"):
            on("wh_aux")  # "What did …?" asks an object: do-support and fronting
        elif words[0].lower() in ("what", "who"):
            on("wh_subject")  # "What inspects …?" asks the subject in place
    if _BAD_PUNCT.search(question):
        on("bad_punct")
    if _DANGLING.search(question):
        on("dangling_end")
    if _POSSESSIVE_REFERENCE.search(question):
        on("possessive_reference")
    # Words of the question its sentence does not have: a rewrite's additions (mostly the
    # wh-word and an auxiliary; more is a rebuilt, often garbled clause).
    sentence_lower = {w.lower() for w in _words(sentence)}
    added = [w for w in _words(question) if w.lower() not in sentence_lower]
    on(f"added_words={_bucket(len(added), (1, 2, 3, 5))}")
    # How much of its sentence the question keeps: a short question lifted from a long
    # sentence often lost the condition that made it answerable ("per liter at 25 °C").
    kept = len(_words(question)) / max(1, len(_words(sentence)))
    on(f"kept_share={_bucket(kept, (0.3, 0.5, 0.75, 1.0))}")


_SHELLISH = frozenset(
    """decision move plan deal agreement proposal ruling report case issue problem idea claim
    statement announcement measure step policy request offer power powers section chapter list
    reason finding conclusion argument situation process change changes incident attack event
    result view position system method work study theory""".split()
)


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # loads its table on first use

    return float(zipf_frequency(word, "en"))


def _shape(option: str) -> str:
    """Capitalised name, lowercase phrase, or number: what kind of option it looks like."""
    if any(ch.isdigit() for ch in option):
        return "number"
    if option[:1].isupper():
        return "name"
    return "phrase"


# The floor of a kind whose cards never reach the acceptability target: none is stored.
NEVER = 1.01
# Entity labels that count or measure (numbers, amounts): an answer is a name (an entity of
# any other label), a count, or a phrase (no entity). The ranker's probabilities are calibrated
# differently for each, and for facts within the article's budget of answers or beyond it
# (cross-validation on the judged set), so each stratum gets its own floor.
_COUNTS = frozenset({"CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})


def stratum(card: CardView) -> str:
    """The card's floor stratum: its answer a "name", "count" or "phrase", its fact within
    ("top") or beyond ("far") the article's budget of answers in the answer ranker's order."""
    shape = "count" if card.label in _COUNTS else "name" if card.label else "phrase"
    return f"{shape}-{'top' if 0 <= card.reach <= 1.0 else 'far'}"


def floor_for(curve: Sequence[Sequence[float]], target: float, min_kept: int) -> float:
    """The lowest cut whose kept cards' cross-validated acceptable share reaches `target`.

    `curve` rows are (cut, judged cards at or above it, acceptable share of those), ascending
    by cut; a cut backed by fewer than `min_kept` judged cards is not trusted."""
    for cut, kept, share in curve:
        if kept >= min_kept and share >= target:
            return float(cut)
    return NEVER


@dataclass(frozen=True)
class CardRanker:
    """Logistic weights, and per kind the lowest probability a stored card may have."""

    weights: Mapping[str, float]
    bias: float
    thresholds: Mapping[str, float]
    # Per kind, the cross-validated (cut, kept, acceptable share) curve the floors come from.
    curves: Mapping[str, Sequence[Sequence[float]]] = field(default_factory=dict)
    min_kept: int = 10

    def with_target(self, target: float) -> CardRanker:
        """The same model with every kind's floor set for another acceptability target
        (scripts/recall_quality_front.py measures recall against it)."""
        floors = {k: floor_for(c, target, self.min_kept) for k, c in self.curves.items()}
        return replace(self, thresholds=floors or self.thresholds)

    def probability(self, feats: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in feats.items())
        return 1.0 / (1.0 + math.exp(-z))

    def keeps(self, kind: str, probability: float, where: str = "") -> bool:
        """Whether a card of this kind (and floor stratum, see `stratum`) is stored."""
        floor = self.thresholds.get(f"{kind}:{where}", self.thresholds.get(kind, 0.5))
        return probability >= floor


@lru_cache(maxsize=1)
def load_ranker() -> CardRanker | None:
    """The shipped weights, or None when the package has none (every card passes)."""
    try:
        raw = resources.files("question_bank").joinpath("data", WEIGHTS_FILE).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    data = json.loads(raw)
    return CardRanker(
        weights=dict(data["weights"]),
        bias=float(data["bias"]),
        thresholds={k: float(v) for k, v in data["thresholds"].items()},
        curves=data.get("cv_curves", {}),
        min_kept=int(data.get("min_kept", 10)),
    )
