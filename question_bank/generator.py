"""Article -> question drafts: parse, extract facts, form questions, add distractors, rank.

The public entry point is `generate`. Every paragraph of every article goes through one
`nlp.pipe` stream (the parse dominates the cost; large inputs use both cores), and each article's
drafts are yielded as soon as its last paragraph is parsed.

Per article: candidate facts are overgenerated for every sentence and scored by the learned
answer ranker (`question_bank.ranking`); the best are kept, never two overlapping in one sentence,
until the article's budget of distinct answers (about one per ten words) is spent. Each kept fact
becomes up to four cards — open, cloze, choice, true/false — each only if it reads well: a fact
whose question would be broken, ambiguous or would leak its answer loses that card rather than
shipping it.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from question_bank.distractors import normalise, pick_distractors, rng_for
from question_bank.facts import Fact, sentence_facts
from question_bank.models import AnswerType, Article, QuestionDraft, QuestionKind
from question_bank.nlp import PARSE_DISABLED, load_pipeline, parse, parse_units
from question_bank.questions import (
    Context,
    Rendering,
    cloze,
    leaks,
    open_questions,
    statement,
)
from question_bank.ranking import ArticleStats, answer_features, score, sentence_features

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

# Distinct answers kept per word of text: enough to cover what a reader is asked about,
# few enough that every card is worth a learner's time.
ANSWERS_PER_WORD = 0.099
MIN_ANSWERS = 4
# At most this many facts share one answer (the third "Kosovo" card teaches nothing new).
MAX_FACTS_PER_ANSWER = 2
# Above this many characters of text (about 30,000 words), parse with two processes.
PARALLEL_CHARS = 180_000
# Articles longer than this many words are generated and stored in parts of this size.
PART_WORDS = 40_000
_APPROX = re.compile(
    r"^(around|about|some|nearly|almost|approximately|roughly|over|more than|less than|"
    r"fewer than|up to|at least|just over|just under)\s+",
    re.IGNORECASE,
)


@dataclass
class _Candidate:
    """All facts found for one answer span of one sentence, and the context to phrase them."""

    facts: list[Fact]
    context: Context
    order: int
    sentence_index: int = 0
    # How likely a reader is asked about this answer (question_bank.ranking), set per article.
    worth: float = 0.0

    @property
    def best(self) -> Fact:
        return max(self.facts, key=lambda f: f.score)

    @property
    def score(self) -> float:
        return max(f.score for f in self.facts)


@dataclass
class _ArticleState:
    article: Article
    candidates: list[_Candidate] = field(default_factory=list)
    context: Context = field(default_factory=Context.empty)
    stats: ArticleStats = field(default_factory=ArticleStats)
    words: int | None = None  # of this part of a split article (None: the whole article)

    def __post_init__(self) -> None:
        self.context = Context.empty(self.article.title)
        self.stats = ArticleStats.for_title(self.article.title)


@dataclass
class ArticleBatch:
    """The drafts of one part of one article, as soon as that part is parsed.

    An article over PART_WORDS words is generated in parts, each ranked under its own budget,
    so that memory holds one part's docs and drafts, never the whole article's.
    """

    index: int  # the article's place in the input
    article: Article
    drafts: list[QuestionDraft]
    words: int  # words of text this batch covers
    final: bool  # the article's last batch


def generate(
    articles: Sequence[Article],
    *,
    nlp: Language | None = None,
    known_answers: Mapping[str, Sequence[str]] | None = None,
) -> Iterator[tuple[Article, list[QuestionDraft]]]:
    """Yield (article, drafts) for each article, drafts in reading order, best cards only."""
    drafts: list[QuestionDraft] = []
    for batch in generate_batches(articles, nlp=nlp, known_answers=known_answers):
        drafts.extend(batch.drafts)
        if batch.final:
            yield batch.article, drafts
            drafts = []


def generate_batches(
    articles: Sequence[Article],
    *,
    nlp: Language | None = None,
    known_answers: Mapping[str, Sequence[str]] | None = None,
    part_words: int = PART_WORDS,
) -> Generator[ArticleBatch, None, None]:
    """Every article's drafts in batches of at most about `part_words` words of text, in order;
    each article ends with a batch marked `final` (an article without text gives one, empty)."""
    nlp = nlp or load_pipeline()
    known = {k: sorted(set(v)) for k, v in (known_answers or {}).items()}

    def units() -> Iterator[tuple[str, tuple[int, str]]]:
        for index, article in enumerate(articles):
            for section, paragraph in article.paragraphs:
                for unit in parse_units(paragraph):
                    yield unit, (index, section)

    chars = sum(len(paragraph) for article in articles for _, paragraph in article.paragraphs)
    n_process = 2 if chars >= PARALLEL_CHARS and (os.cpu_count() or 1) >= 2 else 1
    docs = parse(nlp, units(), n_process=n_process, disable=PARSE_DISABLED)
    state: _ArticleState | None = None
    current, words, split = -1, 0, False
    for doc, (index, section) in docs:
        if index != current:
            if state is not None:
                yield _batch(current, state, known, words, split, final=True)
            for empty in range(current + 1, index):  # articles with no text at all
                yield ArticleBatch(empty, articles[empty], [], 0, True)
            current, state, words, split = index, _ArticleState(articles[index]), 0, False
        elif words >= part_words:
            assert state is not None
            yield _batch(current, state, known, words, True, final=False)
            state, words, split = _ArticleState(articles[index]), 0, True
        assert state is not None
        _collect(state, doc, section)
        words += len(doc.text.split())
    if state is not None:
        yield _batch(current, state, known, words, split, final=True)
    for empty in range(current + 1, len(articles)):
        yield ArticleBatch(empty, articles[empty], [], 0, True)


def article_states(
    articles: Sequence[Article], *, nlp: Language | None = None
) -> Iterator[_ArticleState]:
    """Each article's candidate facts, parsed and collected, one state per article and in
    order, not yet ranked: what scripts/train_answer_ranker.py learns from."""
    nlp = nlp or load_pipeline()

    def units() -> Iterator[tuple[str, tuple[int, str]]]:
        for index, article in enumerate(articles):
            for section, paragraph in article.paragraphs:
                for unit in parse_units(paragraph):
                    yield unit, (index, section)

    states = [_ArticleState(article) for article in articles]
    for doc, (index, section) in parse(nlp, units(), n_process=1, disable=PARSE_DISABLED):
        _collect(states[index], doc, section)
    yield from states


def _batch(
    index: int,
    state: _ArticleState,
    known: Mapping[str, Sequence[str]],
    words: int,
    split: bool,
    *,
    final: bool,
) -> ArticleBatch:
    # A part of a split article is budgeted by its own words; a whole article by its own.
    state.words = words if split else None
    return ArticleBatch(index, state.article, _drafts(state, known), words, final)


def article_drafts(
    article: Article,
    nlp: Language | None = None,
    known_answers: Mapping[str, Sequence[str]] | None = None,
) -> list[QuestionDraft]:
    """The drafts of one article (convenience for tests and tools)."""
    return next(generate([article], nlp=nlp, known_answers=known_answers))[1]


def _collect(state: _ArticleState, doc: Doc, section: str) -> None:
    for sent in doc.sents:
        snapshot = state.context.copy()
        by_span: dict[tuple[int, int], list[Fact]] = defaultdict(list)
        for fact in sentence_facts(sent, section, state.article.title):
            by_span[(fact.start, fact.end)].append(fact)
        index = state.stats.sentences
        for facts in by_span.values():
            state.candidates.append(_Candidate(facts, snapshot, len(state.candidates), index))
        state.context.observe(sent)
        state.stats.observe(sent)


def _drafts(state: _ArticleState, known: Mapping[str, Sequence[str]]) -> list[QuestionDraft]:
    article = state.article
    # Rounded to nearest: over many articles, just under one distinct answer per ten words.
    words = article.word_count if state.words is None else state.words
    budget = max(MIN_ANSWERS, round(words * ANSWERS_PER_WORD))
    ranked = rank(state)
    # Distractor pools by entity label first ("GPE" places for a "GPE" answer, never a stadium),
    # then by answer type.
    collected: dict[str, set[str]] = defaultdict(set)
    for candidate in state.candidates:
        fact = candidate.best
        collected[pool_key(fact)].add(display_answer(fact))
        collected[fact.answer_type.value].add(display_answer(fact))
    pools = {kind: sorted(values) for kind, values in collected.items()}
    # The bank's answers minus this article's own: regenerating an article must not see its
    # previous cards as new material (same input, same bank).
    own = {answer for values in collected.values() for answer in values}
    known = {kind: [a for a in values if a not in own] for kind, values in known.items()}
    answers: dict[str, int] = {}
    kept: list[tuple[_Candidate, list[QuestionDraft]]] = []
    # Tokens already asked about: a phrase overlapping a kept answer ("the Rhine" inside "the
    # Rhine delta") asks the same thing again and spends the budget twice.
    asked: set[tuple[int, int]] = set()
    for candidate in ranked:
        fact = candidate.best
        key = normalise(display_answer(fact))
        if not key or answers.get(key, 0) >= MAX_FACTS_PER_ANSWER:
            continue
        if key not in answers and len(answers) >= budget:
            continue
        tokens = [(id(fact.sent.doc), i) for i in range(fact.start, fact.end)]
        if any(token in asked for token in tokens):
            continue
        cards = _cards(candidate, pools, known)
        if not cards:
            continue
        answers[key] = answers.get(key, 0) + 1
        asked.update(tokens)
        kept.append((candidate, cards))
    kept.sort(key=lambda item: item[0].order)
    drafts: list[QuestionDraft] = []
    seen_prompts: set[tuple[str, str]] = set()
    for _, cards in kept:
        for card in cards:
            marker = (card.kind.value, card.prompt.lower())
            if marker in seen_prompts:
                continue
            seen_prompts.add(marker)
            drafts.append(card)
    return drafts


def candidate_features(state: _ArticleState) -> list[dict[str, float]]:
    """The answer ranker's features of each candidate, once the whole article is read."""
    by_sentence: dict[tuple[int, int], list[int]] = defaultdict(list)
    for n, candidate in enumerate(state.candidates):
        by_sentence[(id(candidate.best.sent.doc), candidate.best.sent.start)].append(n)
    out = [
        answer_features(candidate.facts, candidate.sentence_index, state.stats)
        for candidate in state.candidates
    ]
    for members in by_sentence.values():
        extra = sentence_features([state.candidates[n].facts for n in members])
        for n, features in zip(members, extra, strict=True):
            out[n].update(features)
    return out


def rank(state: _ArticleState) -> list[_Candidate]:
    """The article's candidates, most answer-worthy first (the learned answer ranker)."""
    for candidate, features in zip(state.candidates, candidate_features(state), strict=True):
        candidate.worth = score(features)
    ranked = sorted(state.candidates, key=lambda c: (-c.worth, c.order))
    # Crowd questions (the training data) rarely ask "why", so causes score low; but a cause is
    # a fact a learner of the article should meet (DESIGN.md, "Extract facts"): the article's
    # best-scored cause goes first, the rest by worth.
    causes = [c for c in ranked if c.best.role == "cause"][:1]
    first = set(map(id, causes))
    return [c for c in ranked if id(c) in first] + [c for c in ranked if id(c) not in first]


def display_answer(fact: Fact) -> str:
    """The answer as a card shows it: a common noun phrase opening its sentence is lowercased."""
    answer = fact.answer
    first = fact.tokens[0]
    common = first.tag_ not in ("NNP", "NNPS") and (not first.ent_type_ or first.pos_ == "NUM")
    if first.i == fact.sent.start and common:
        answer = answer[:1].lower() + answer[1:]  # "Two tourist railways" -> "two"
    return answer


def accepted_answers(fact: Fact) -> tuple[str, ...]:
    """Other wordings a learner may type: "700 troops" for "700", a surname for a full name."""
    answer = display_answer(fact)
    out: list[str] = []
    bare = _APPROX.sub("", answer)
    if bare != answer:
        out.append(bare)
    if fact.answer_type in (AnswerType.NUMBER, AnswerType.QUANTITY):
        root = fact.tokens.root
        if root.dep_ == "nummod" and root.head.i >= fact.end:
            out.append(f"{answer} {fact.sent.doc[fact.end : root.head.i + 1].text}")
    if fact.answer_type == AnswerType.PERSON and len(answer.split()) > 1 and " and " not in answer:
        out.append(answer.split()[-1])
    if answer.lower().startswith("the "):
        out.append(answer[4:])
    balanced = [o for o in out if o.count("(") == o.count(")")]
    return tuple(dict.fromkeys(o for o in balanced if o and o != answer))


def _cards(
    candidate: _Candidate,
    pools: Mapping[str, Sequence[str]],
    known: Mapping[str, Sequence[str]],
) -> list[QuestionDraft]:
    """The cards one fact yields, each only when it reads well."""
    fact = candidate.best
    context = candidate.context
    answer = display_answer(fact)
    if _trivial(fact):
        return []
    renderings: list[Rendering] = []
    for each in sorted(candidate.facts, key=lambda f: -f.score):
        for rendering in open_questions(each, context):
            if rendering.text not in {r.text for r in renderings}:
                renderings.append(rendering)
    renderings.sort(key=lambda r: -r.quality)
    sentence, span = fact.sentence, fact.span
    base = dict(
        answer=answer,
        sentence=sentence,
        answer_span=span,
        section=fact.section,
        answer_type=fact.answer_type,
        accepted_answers=accepted_answers(fact),
        tags=(fact.answer_type.value, fact.role),
    )
    fact_score = min(1.0, 0.35 + candidate.worth)
    cards: list[QuestionDraft] = []
    if renderings:
        best = renderings[0]
        cards.append(
            QuestionDraft(
                kind=QuestionKind.OPEN,
                prompt=best.text,
                score=round(fact_score * (0.5 + 0.5 * best.quality), 4),
                **base,  # type: ignore[arg-type]
            )
        )
    gapped = cloze(fact, context)
    # A gap may share a word with its sentence ("a fire that started as [a kitchen fire]"):
    # a hint, not a giveaway, unless most of the answer is there. One of a pair ("Kosovo and
    # [Serbia]") is half the answer given away.
    pair = " and " in answer or " & " in answer
    if gapped is not None and not leaks(answer, gapped, majority=not pair):
        cards.append(
            QuestionDraft(
                kind=QuestionKind.CLOZE,
                prompt=gapped,
                score=round(fact_score * 0.8, 4),
                **base,  # type: ignore[arg-type]
            )
        )
    if not cards:
        return []
    # pick_distractors skips entries alike the answer; the pools are shared, sorted and unique.
    same_label = pools.get(pool_key(fact), [])
    if len(same_label) < 4:  # too few "LOC" places: other places of the article will do
        same_label = pools.get(fact.answer_type.value, [])
    pool = _same_shape(same_label, fact)
    bank_pool = known.get(fact.answer_type.value, [])
    if renderings:
        rendering = renderings[1] if len(renderings) > 1 else renderings[0]
        wrong = pick_distractors(
            answer,
            fact.answer_type,
            key=(sentence, span, QuestionKind.CHOICE.value),
            article_pool=pool,
            bank_pool=bank_pool,
            avoid=rendering.text,
        )
        if len(wrong) == 3:
            options = [answer, *wrong]
            rng_for(sentence, span, "choice-order").shuffle(options)
            cards.append(
                QuestionDraft(
                    kind=QuestionKind.CHOICE,
                    prompt=rendering.text,
                    choices=tuple(options),
                    score=round(fact_score * (0.5 + 0.5 * rendering.quality) * 0.95, 4),
                    **base,  # type: ignore[arg-type]
                )
            )
    truefalse = None
    if fact.answer_type != AnswerType.THING:
        # A false statement about a "thing" swaps in an unrelated phrase: trivially false.
        truefalse = _truefalse(fact, context, pool, bank_pool, base, fact_score)
    if truefalse is not None:
        cards.append(truefalse)
    return cards


def pool_key(fact: Fact) -> str:
    return f"{fact.answer_type.value}:{fact.label}"


def _same_shape(pool: Sequence[str], fact: Fact) -> list[str]:
    """A full name gets full names as options ("Edward Harkness", not "Radcliffe")."""
    if fact.answer_type == AnswerType.PERSON and " " in fact.answer:
        return [p for p in pool if " " in p]
    return list(pool)


def _truefalse(
    fact: Fact,
    context: Context,
    pool: Sequence[str],
    bank_pool: Sequence[str],
    base: Mapping[str, object],
    fact_score: float,
) -> QuestionDraft | None:
    answer = display_answer(fact)
    key = (fact.sentence, fact.span, QuestionKind.TRUEFALSE.value)
    is_true = rng_for(*key).random() < 0.5
    shown = answer
    first = fact.tokens[0]
    after_article = first.i > fact.sent.start and first.nbor(-1).lower_ in ("the", "a", "an")
    counts = (AnswerType.NUMBER, AnswerType.QUANTITY, AnswerType.DATE)
    if not is_true and after_article and fact.answer_type not in counts:
        return None  # "to the Far East" -> "to the China"
    people = (AnswerType.PERSON, AnswerType.GROUP)
    possessive = fact.tokens.root.dep_ == "poss"
    if not is_true and possessive:
        return None  # "two of Tesla's uncles" -> "two of Charles-Ferdinand University's uncles"
    if not is_true and fact.answer_type in people and (after_article or first.tag_ == "NNPS"):
        # "to the Saxon" -> "to the Jan Hus", "are Kaleds" -> "are Pineda": never reads right.
        return None
    if not is_true:
        # Nothing the sentence already says: "Fresno's Communities and hipster Communities".
        avoid = fact.sentence[: fact.span[0]] + " " + fact.sentence[fact.span[1] :]
        wrong = pick_distractors(
            answer,
            fact.answer_type,
            key=key,
            article_pool=pool,
            bank_pool=bank_pool,
            count=1,
            avoid=avoid,
        )
        if not wrong:
            return None
        if after_article and wrong[0].split()[0].lower() in ("a", "an", "the", "several", "many"):
            return None  # "over the [years]" -> "over the a few decades"
        shown = wrong[0]
    text = statement(fact, context, shown)
    if text is None or len(text.split()) > 35:
        return None
    values = dict(base)
    values["accepted_answers"] = ()
    return QuestionDraft(
        kind=QuestionKind.TRUEFALSE,
        prompt=text,
        answer="True" if is_true else "False",
        choices=("True", "False"),
        score=round(fact_score * 0.7, 4),
        **{k: v for k, v in values.items() if k != "answer"},  # type: ignore[arg-type]
    )


def _trivial(fact: Fact) -> bool:
    """An answer that is most of its sentence, or a word that teaches nothing."""
    words = [t for t in fact.sent if not t.is_punct]
    answer_words = [t for t in fact.tokens if not t.is_punct]
    if not answer_words or len(answer_words) * 2 > len(words):
        return True
    if len(answer_words) > 9:
        return True
    if re.search(r"\d\s+\d", fact.answer):
        return True  # "2010 8": two numbers run together by the entity recogniser
    # The same answer appears twice in the sentence: the gap would be given away ("three" in
    # "Sky Three" is another word, so the match is whole-word and case-sensitive).
    text = fact.sentence
    start, end = fact.span
    rest = text[:start] + " " + text[end:]
    return re.search(rf"(?<!\w){re.escape(fact.answer)}(?!\w)", rest) is not None


def sentence_of(span: Span) -> str:
    return span.text
