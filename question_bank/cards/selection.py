"""Which cards an article stores: the best-ranked facts until its budget of distinct answers
(about one per ten words) is spent, never two over the same tokens, each fact's cards kept only
when the card ranker (trained on blind judgments) would likely accept them; then reading order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from question_bank.candidates import ArticleState, Candidate, agree_labels, rank
from question_bank.card_ranker import (
    CardRanker,
    CardView,
    article_word_counts,
    load_ranker,
    names_the_title,
    stratum,
)
from question_bank.card_ranker import features as card_features
from question_bank.cards.answers import display_answer, pool_key
from question_bank.cards.forms import fact_cards
from question_bank.cards.truefalse import balance_truefalse
from question_bank.distractors import normalise
from question_bank.facts.model import Fact
from question_bank.genders import name_gender
from question_bank.lexicon import is_country
from question_bank.models import AnswerType, QuestionDraft, QuestionKind

# Distinct answers kept per word of text: enough to cover what a reader is asked about,
# few enough that every card is worth a learner's time.
ANSWERS_PER_WORD = 0.099

MIN_ANSWERS = 4

# The budget a card ranker's "reach" feature is measured in: fixed, so that a benchmark run at
# another ANSWERS_PER_WORD scores the same cards the same.
REACH_PER_WORD = 0.099

# At most this many facts share one answer (the third "Kosovo" card teaches nothing new).
MAX_FACTS_PER_ANSWER = 2


@dataclass
class _Budget:
    """What an article may still ask: distinct answers up to its budget, each answer at most
    `per_answer` times, no token asked twice, at most one cloze per sentence."""

    answers_left: int
    per_answer: int
    overgenerate: bool = False
    answers: dict[str, int] = field(default_factory=dict)
    # Tokens already asked about: a phrase overlapping a kept answer ("the Rhine" inside "the
    # Rhine delta") asks the same thing again and spends the budget twice.
    asked: set[tuple[int, int]] = field(default_factory=set)
    clozed: set[str] = field(default_factory=set)

    @classmethod
    def for_article(cls, words: int, candidates: int, overgenerate: bool) -> _Budget:
        if overgenerate:  # every card of every candidate: no budget at all
            return cls(candidates + 1, candidates + 1, overgenerate=True)
        # Rounded to nearest: over many articles, just under one distinct answer per ten words.
        return cls(max(MIN_ANSWERS, round(words * ANSWERS_PER_WORD)), MAX_FACTS_PER_ANSWER)

    def admits(self, key: str, tokens: list[tuple[int, int]]) -> bool:
        if not key or self.answers.get(key, 0) >= self.per_answer:
            return False
        if key not in self.answers and len(self.answers) >= self.answers_left:
            return False
        return self.overgenerate or not any(token in self.asked for token in tokens)

    def one_cloze_per_sentence(self, cards: list[QuestionDraft]) -> list[QuestionDraft]:
        """At most one cloze per sentence, the best-ranked fact's (seven gaps in one sentence
        read as the same card seven times); decided before the budget is spent, so that a fact
        left without cards does not spend the article's budget of answers."""
        if self.overgenerate:
            return cards
        cards = [c for c in cards if c.kind != QuestionKind.CLOZE or c.sentence not in self.clozed]
        self.clozed.update(c.sentence for c in cards if c.kind == QuestionKind.CLOZE)
        return cards

    def spend(self, key: str, tokens: list[tuple[int, int]]) -> None:
        self.answers[key] = self.answers.get(key, 0) + 1
        self.asked.update(tokens)


@dataclass(frozen=True)
class _Judge:
    """The card ranker (trained on blind judgments) with what it reads of the article: it
    decides which cards are stored at all. No ranker, or overgenerating: every card stays."""

    ranker: CardRanker | None
    title: str
    word_counts: Mapping[str, int]
    reach: Mapping[int, float]

    def cards(self, cards: list[QuestionDraft], candidate: Candidate) -> list[QuestionDraft]:
        if self.ranker is None:
            return cards
        reach = self.reach[id(candidate)]
        return ranked_cards(cards, candidate.best, self.ranker, self.title, self.word_counts, reach)


def select_cards(
    state: ArticleState, known: Mapping[str, Sequence[str]], overgenerate: bool = False
) -> list[QuestionDraft]:
    """The article's cards: the best-ranked candidates' cards within its budget, in reading
    order. `overgenerate` keeps every card of every candidate (the judging pool)."""
    # Options come from this article only: another article's answers are off topic ("options
    # taken from another article"), and an unchanged article must regenerate unchanged whatever
    # else the bank holds. `known` is accepted for compatibility and not used.
    del known
    article = state.article
    words = article.word_count if state.words is None else state.words
    agree_labels(state.candidates)
    ranked = rank(state)
    budget = _Budget.for_article(words, len(state.candidates), overgenerate)
    word_counts = state.word_counts
    if word_counts is None:
        word_counts = article_word_counts(article.text)
    ranker = None if overgenerate else load_ranker()
    judge = _Judge(ranker, article.title, word_counts, reaches(ranked, words))
    pools = _option_pools(state.candidates)
    lone_person = not overgenerate and _people(state.candidates) <= 1
    full_names = " ".join(
        c.best.answer
        for c in state.candidates
        if c.best.answer_type == AnswerType.PERSON and " " in c.best.answer
    )
    kept: list[tuple[Candidate, list[QuestionDraft]]] = []
    for candidate in ranked:
        fact = candidate.best
        key = normalise(display_answer(fact))
        tokens = [(id(fact.sent.doc), i) for i in range(fact.start, fact.end)]
        if not budget.admits(key, tokens):
            continue
        cards = judge.cards(fact_cards(candidate, pools, state.sentences), candidate)
        if lone_person and fact.answer_type == AnswerType.PERSON:
            cards = [c for c in cards if c.kind == QuestionKind.TRUEFALSE]
        if _passer_by(fact, state.article.title, full_names):
            continue  # "a young man named [Akshay]": a name nobody needs to learn
        if _recurring_place(fact, word_counts):
            cards = [c for c in cards if c.kind != QuestionKind.CLOZE]
        cards = budget.one_cloze_per_sentence(cards)
        if not cards:
            continue
        if overgenerate:
            # The pool carries the answer ranker's worth as its score: judging packets draw
            # mostly from the facts a budget would reach.
            cards = [replace(c, score=round(candidate.worth, 4)) for c in cards]
        budget.spend(key, tokens)
        kept.append((candidate, cards))
    drafts = _reading_order(kept, overgenerate)
    return drafts if overgenerate else balance_truefalse(drafts)


# Places and peoples an article names this often are its setting: a gap over one is guessed
# from the rest of the article ("the [U.S.] government", "325,000 [Minnesotans]").
SETTING_MENTIONS = 3
CONTINENTS = frozenset(
    "Africa|Asia|Europe|Antarctica|Australia|Oceania|America|North America|South America".split("|")
)


def _recurring_place(fact: Fact, word_counts: Mapping[str, int]) -> bool:
    """A country, continent or people the article keeps naming (a town it keeps naming is
    what happened where, and stays: "the community of [Zvecan]")."""
    broad = fact.label == "NORP" or is_country(fact.answer) or fact.answer in CONTINENTS
    if not broad:
        return False
    words = article_word_counts(fact.answer)  # the answer's own words, counted as the article's
    return bool(words) and min(word_counts.get(w, 0) for w in words) >= SETTING_MENTIONS


def _passer_by(fact: Fact, title: str, full_names: str) -> bool:
    """A person the article names by a given name alone ("who identified himself as Chetan",
    "said a young man named Akshay"): someone met in the street, not a fact of the story. A
    word of a full name the article gives ("Gordon" of Victor Gordon) is not one."""
    words = fact.answer.split()
    return (
        fact.answer_type in (AnswerType.PERSON, AnswerType.GROUP)
        and len(words) == 1
        and words[0] not in title
        and words[0] not in full_names.split()
        and (name_gender(words[0]) is not None or _introduced_by_name(fact))
    )


def _introduced_by_name(fact: Fact) -> bool:
    """ "a young man named [Akshay]", "who identified himself as [Chetan]": how a story
    introduces someone it met, whatever their name's origin."""
    head = fact.tokens.root.head
    if head.lower_ in ("named", "called") and head.head.pos_ == "NOUN":
        return True
    return head.lower_ == "as" and head.head.lower_.startswith("identif")


def _people(candidates: Sequence[Candidate]) -> int:
    """How many people the article names (by surname: "Leeuwenhoek" is "Anton van
    Leeuwenhoek"). Where it names one, "who" is always them: asked, the card is trivial."""
    surnames = {
        c.best.answer.split()[-1]
        for c in candidates
        if c.best.answer_type == AnswerType.PERSON and c.best.answer.split()
    }
    return len(surnames)


def _option_pools(candidates: Sequence[Candidate]) -> dict[str, list[str]]:
    """Distractor pools by entity label first ("GPE" places for a "GPE" answer, never a
    stadium), then by answer type: each sorted, each answer once."""
    collected: dict[str, set[str]] = defaultdict(set)
    for candidate in candidates:
        fact = candidate.best
        collected[pool_key(fact)].add(display_answer(fact))
        collected[fact.answer_type.value].add(display_answer(fact))
    return {kind: sorted(values) for kind, values in collected.items()}


def _reading_order(
    kept: list[tuple[Candidate, list[QuestionDraft]]], overgenerate: bool
) -> list[QuestionDraft]:
    """Reading order by sentence; within a sentence (the cards study treats as siblings), the
    best-reading card first, so that it is the one a learner meets. A prompt asked twice in
    one form is kept once."""
    kept = sorted(kept, key=lambda item: item[0].order)
    first_seen: dict[str, int] = {}
    ordered = [card for _, cards in kept for card in cards]
    for n, card in enumerate(ordered):
        first_seen.setdefault(card.sentence, n)
    if not overgenerate:
        ordered.sort(key=lambda c: (first_seen[c.sentence], -c.score))
    drafts: list[QuestionDraft] = []
    seen_prompts: set[tuple[str, str]] = set()
    for card in ordered:
        marker = (card.kind.value, card.prompt.lower())
        if marker not in seen_prompts:
            seen_prompts.add(marker)
            drafts.append(card)
    return drafts


def ranked_cards(
    cards: list[QuestionDraft],
    fact: Fact,
    ranker: CardRanker,
    title: str,
    word_counts: Mapping[str, int],
    reach: float = -1.0,
) -> list[QuestionDraft]:
    """The cards a judge would likely accept, each scored with that probability; the others are
    not stored at all, nor a question or cloze whose answer is the article's own subject. A
    fact's forms stay siblings; the best-reading one scores highest."""
    out = []
    for card in cards:
        if card.kind != QuestionKind.TRUEFALSE and names_the_title(card.answer, title):
            continue  # never ask for what the article is about ("Chopin" in "Frédéric Chopin")
        view = CardView(
            kind=card.kind.value,
            prompt=card.prompt,
            answer=fact.answer,
            choices=card.choices,
            answer_type=fact.answer_type.value,
            role=fact.role,
            label=fact.label,
            sent=fact.sent,
            start=fact.start,
            end=fact.end,
            title=title,
            article_words=word_counts,
            truth=card.answer if card.kind == QuestionKind.TRUEFALSE else "",
            reach=reach,
        )
        probability = ranker.probability(card_features(view))
        if ranker.keeps(card.kind.value, probability, stratum(view)):
            out.append(replace(card, score=round(probability, 4)))
    return out


def reaches(ranked: Sequence[Candidate], words: int) -> dict[int, float]:
    """Each candidate's rank among the article's, in units of the article's default budget of
    answers (a card ranker feature: 0.5 is halfway through what the budget would ask)."""
    budget = max(MIN_ANSWERS, words * REACH_PER_WORD)
    return {id(c): round(n / budget, 4) for n, c in enumerate(ranked)}


def fact_reaches(state: ArticleState) -> dict[tuple[str, tuple[int, int]], float]:
    """(sentence, answer span) -> the reach of each candidate fact of a collected article
    (scripts/train_card_ranker.py gives judged cards the feature the generator gives them)."""
    agree_labels(state.candidates)
    ranked = rank(state)
    reach = reaches(ranked, state.article.word_count)
    out: dict[tuple[str, tuple[int, int]], float] = {}
    for candidate in ranked:
        out.setdefault((candidate.best.sentence, candidate.best.span), reach[id(candidate)])
    return out
