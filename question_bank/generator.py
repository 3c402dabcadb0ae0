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
from collections import Counter, defaultdict
from collections.abc import Generator, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from question_bank.card_ranker import (
    CardRanker,
    CardView,
    article_word_counts,
    load_ranker,
    stratum,
)
from question_bank.card_ranker import features as card_features
from question_bank.context import Context
from question_bank.distractors import normalise, pick_distractors, rng_for
from question_bank.facts.model import Fact, answer_type_for
from question_bank.facts.sentence import sentence_facts
from question_bank.models import AnswerType, Article, QuestionDraft, QuestionKind
from question_bank.nlp import (
    BATCH_TEXTS,
    PARSE_DISABLED,
    load_pipeline,
    parse,
    parse_units,
    worker_pipeline,
)
from question_bank.questions.checks import leaks, vague_answer
from question_bank.questions.cloze import cloze, statement
from question_bank.questions.open_question import open_questions
from question_bank.questions.wording import Rendering
from question_bank.ranking import ArticleStats, answer_features, score, sentence_features
from question_bank.swaps import beside, keeps_values, qualifies_a_place
from question_bank.workers import Job, WholeArticleCounts, run_jobs

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

# Distinct answers kept per word of text: enough to cover what a reader is asked about,
# few enough that every card is worth a learner's time.
ANSWERS_PER_WORD = 0.099
MIN_ANSWERS = 4
# The budget a card ranker's "reach" feature is measured in: fixed, so that a benchmark run at
# another ANSWERS_PER_WORD scores the same cards the same.
REACH_PER_WORD = 0.099
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
    # The whole article's word counts (the card ranker's repetition feature), when they were
    # counted once for all its parts rather than by each part (speed; same values).
    word_counts: Counter[str] | None = None
    # The parsed paragraphs so far: a wrong option must not be what another paragraph says.
    docs: list[Doc] = field(default_factory=list)

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
    overgenerate: bool = False,
) -> Iterator[tuple[Article, list[QuestionDraft]]]:
    """Yield (article, drafts) for each article, drafts in reading order, best cards only.

    `overgenerate` keeps every card of every candidate fact (no budget, no cut): the pool that
    judged training data for the card ranker is drawn from.
    """
    drafts: list[QuestionDraft] = []
    for batch in generate_batches(
        articles, nlp=nlp, known_answers=known_answers, overgenerate=overgenerate
    ):
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
    overgenerate: bool = False,
    n_process: int | None = None,
) -> Generator[ArticleBatch, None, None]:
    """Every article's drafts in batches of at most about `part_words` words of text, in order;
    each article ends with a batch marked `final` (an article without text gives one, empty).

    `n_process` None chooses: two processes for inputs over PARALLEL_CHARS on a machine with two
    cores, else one. With two, whole parts (parse, facts, cards, ranking) are generated in worker
    processes (`question_bank.workers`): the same batches, in the same order."""
    nlp = nlp or load_pipeline()
    known = {k: sorted(set(v)) for k, v in (known_answers or {}).items()}
    if n_process is None:
        chars = sum(len(p) for article in articles for _, p in article.paragraphs)
        n_process = 2 if chars >= PARALLEL_CHARS and (os.cpu_count() or 1) >= 2 else 1
    if n_process > 1:
        workers = _worker_batches(articles, nlp, None, known, part_words, overgenerate, n_process)
        for batch in workers:
            assert batch is not None  # not primed: batches only
            yield batch
        return

    def units() -> Iterator[tuple[str, tuple[int, str]]]:
        for index, article in enumerate(articles):
            for section, paragraph in article.paragraphs:
                for unit in parse_units(paragraph):
                    yield unit, (index, section)

    docs = parse(nlp, units(), n_process=1, disable=PARSE_DISABLED)
    counts = WholeArticleCounts(articles)
    state: _ArticleState | None = None
    current, words, split = -1, 0, False
    for doc, (index, section) in docs:
        if index != current:
            if state is not None:
                yield _batch(
                    current, state, known, words, split, final=True, overgenerate=overgenerate
                )
            for empty in range(current + 1, index):  # articles with no text at all
                yield ArticleBatch(empty, articles[empty], [], 0, True)
            current, state, words, split = index, _ArticleState(articles[index]), 0, False
        elif words >= part_words:
            assert state is not None
            yield _batch(current, state, known, words, True, final=False, overgenerate=overgenerate)
            state, words, split = _ArticleState(articles[index]), 0, True
            # Every part of a split article reads the whole article's word counts: count once.
            state.word_counts = counts.of(index)
        assert state is not None
        _collect(state, doc, section)
        words += len(doc.text.split())
    if state is not None:
        yield _batch(current, state, known, words, split, final=True, overgenerate=overgenerate)
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
    overgenerate: bool = False,
) -> ArticleBatch:
    # A part of a split article is budgeted by its own words; a whole article by its own.
    state.words = words if split else None
    drafts = _drafts(state, known, overgenerate)
    return ArticleBatch(index, state.article, drafts, words, final)


def article_drafts(
    article: Article,
    nlp: Language | None = None,
    known_answers: Mapping[str, Sequence[str]] | None = None,
) -> list[QuestionDraft]:
    """The drafts of one article (convenience for tests and tools)."""
    return next(generate([article], nlp=nlp, known_answers=known_answers))[1]


def part_drafts(job: Job) -> list[QuestionDraft]:
    """In a worker process: one part's drafts, exactly as the one-process loop makes them."""
    nlp, disabled = worker_pipeline()
    if not job.units:  # an article without text
        return []
    state = _ArticleState(job.article, word_counts=job.word_counts)
    off = [name for name in disabled if name in nlp.pipe_names]
    for doc, section in nlp.pipe(job.units, as_tuples=True, batch_size=BATCH_TEXTS, disable=off):
        _collect(state, doc, section)
    state.words = job.words if job.split else None
    return _drafts(state, job.known, job.overgenerate)


def start_batches(
    articles: Sequence[Article], *, spacy_model: str | None = None, part_words: int = PART_WORDS
) -> Generator[ArticleBatch, None, None]:
    """`generate_batches`'s batches, computed in worker processes that start now (one, or two
    for inputs over PARALLEL_CHARS) and load the pipeline themselves; this process never loads
    it. A command that starts generation first and then opens its bank has the pipeline load
    and the generation overlap its own start-up on the second core. Close the generator if it is
    not consumed to the end (the workers stop)."""
    chars = sum(len(p) for article in articles for _, p in article.paragraphs)
    n_process = 2 if chars >= PARALLEL_CHARS and (os.cpu_count() or 1) >= 2 else 1
    running = _worker_batches(articles, None, spacy_model, {}, part_words, False, n_process, True)
    next(running)  # up to the priming yield: the workers are started and have their first parts
    return running  # type: ignore[return-value]  # every later item is a batch


def _worker_batches(
    articles: Sequence[Article],
    nlp: Language | None,
    model: str | None,
    known: Mapping[str, Sequence[str]],
    part_words: int,
    overgenerate: bool,
    n_process: int,
    primed: bool = False,
) -> Generator[ArticleBatch | None, None, None]:
    results = run_jobs(
        articles,
        part_drafts,
        nlp=nlp,
        model=model,
        known=known,
        part_words=part_words,
        overgenerate=overgenerate,
        n_process=n_process,
        primed=primed,
    )
    with closing(results):
        for result in results:
            if result is None:
                yield None  # primed: the workers have started
                continue
            drafts, (index, words, final) = result
            yield ArticleBatch(index, articles[index], drafts, words, final)


def _collect(state: _ArticleState, doc: Doc, section: str) -> None:
    state.docs.append(doc)
    for sent in doc.sents:
        snapshot = state.context.copy()
        by_span: dict[tuple[int, int], list[Fact]] = defaultdict(list)
        for fact in sentence_facts(sent, section, state.article.title):
            _retype(fact)
            by_span[(fact.start, fact.end)].append(fact)
        index = state.stats.sentences
        for facts in by_span.values():
            state.candidates.append(_Candidate(facts, snapshot, len(state.candidates), index))
        state.context.observe(sent)
        state.stats.observe(sent)


def _drafts(
    state: _ArticleState, known: Mapping[str, Sequence[str]], overgenerate: bool = False
) -> list[QuestionDraft]:
    article = state.article
    # Rounded to nearest: over many articles, just under one distinct answer per ten words.
    words = article.word_count if state.words is None else state.words
    budget = max(MIN_ANSWERS, round(words * ANSWERS_PER_WORD))
    _agree_labels(state.candidates)
    ranked = rank(state)
    reach = reaches(ranked, words)
    per_answer = MAX_FACTS_PER_ANSWER
    if overgenerate:
        budget = per_answer = len(state.candidates) + 1
    # Distractor pools by entity label first ("GPE" places for a "GPE" answer, never a stadium),
    # then by answer type.
    collected: dict[str, set[str]] = defaultdict(set)
    for candidate in state.candidates:
        fact = candidate.best
        collected[pool_key(fact)].add(display_answer(fact))
        collected[fact.answer_type.value].add(display_answer(fact))
    pools = {kind: sorted(values) for kind, values in collected.items()}
    # Options come from this article only: another article's answers are off topic ("options
    # taken from another article"), and an unchanged article must regenerate unchanged whatever
    # else the bank holds. `known` is accepted for compatibility and not used.
    del known
    no_bank: dict[str, list[str]] = {}
    # The card ranker (trained on blind judgments) decides which cards are stored at all.
    ranker = load_ranker()
    word_counts = state.word_counts
    if word_counts is None:
        word_counts = article_word_counts(article.text)
    answers: dict[str, int] = {}
    clozed: set[str] = set()
    kept: list[tuple[_Candidate, list[QuestionDraft]]] = []
    # Tokens already asked about: a phrase overlapping a kept answer ("the Rhine" inside "the
    # Rhine delta") asks the same thing again and spends the budget twice.
    asked: set[tuple[int, int]] = set()
    for candidate in ranked:
        fact = candidate.best
        key = normalise(display_answer(fact))
        if not key or answers.get(key, 0) >= per_answer:
            continue
        if key not in answers and len(answers) >= budget:
            continue
        tokens = [(id(fact.sent.doc), i) for i in range(fact.start, fact.end)]
        if not overgenerate and any(token in asked for token in tokens):
            continue
        cards = _cards(candidate, pools, no_bank, state.docs)
        if ranker is not None and not overgenerate:
            cards = _ranked(
                cards, candidate.best, ranker, article.title, word_counts, reach[id(candidate)]
            )
        if not overgenerate:
            # At most one cloze per sentence, the best-ranked fact's (seven gaps in one sentence
            # read as the same card seven times); decided here, so that a fact left without
            # cards does not spend the article's budget of answers.
            cards = [c for c in cards if c.kind != QuestionKind.CLOZE or c.sentence not in clozed]
            clozed.update(c.sentence for c in cards if c.kind == QuestionKind.CLOZE)
        if not cards:
            continue
        if overgenerate:
            # The pool carries the answer ranker's worth as its score: judging packets draw
            # mostly from the facts a budget would reach.
            cards = [replace(c, score=round(candidate.worth, 4)) for c in cards]
        answers[key] = answers.get(key, 0) + 1
        asked.update(tokens)
        kept.append((candidate, cards))
    kept.sort(key=lambda item: item[0].order)
    # Reading order by sentence; within a sentence (the cards study treats as siblings), the
    # best-reading card first, so that it is the one a learner meets.
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
        if marker in seen_prompts:
            continue
        seen_prompts.add(marker)
        drafts.append(card)
    return drafts


# Head nouns that follow the name of a place, never of a person ("the Aare river").
PLACE_HEADS = frozenset(
    """river stream lake sea ocean mountain mountains valley canal island islands bay gulf
    street avenue road bridge park forest desert plain basin glacier delta""".split()
)
# Last words of a building's or an institution's name: never a person ("John Crerar Library").
BUILDING_WORDS = frozenset(
    """library museum hall center centre university college school hospital church cathedral
    stadium airport station tower building castle palace theatre theater abbey""".split()
)


def _retype(fact: Fact) -> None:
    """A "person" the recogniser found that is a place by its grammar: "the Aare" (people take
    no article), "the Aare river"; asked "what", with places as options, never "who"."""
    if fact.label != "PERSON" or fact.role != "entity":
        return
    doc = fact.sent.doc
    before = doc[fact.start - 1] if fact.start > fact.sent.start else None
    after = doc[fact.end] if fact.end < fact.sent.end else None
    article = before is not None and before.lower_ == "the"
    place_head = after is not None and after.lower_ in PLACE_HEADS
    building = doc[fact.end - 1].lower_ in BUILDING_WORDS | PLACE_HEADS
    if article or place_head or building:
        fact.answer_type = AnswerType.PLACE
        fact.label = "LOC"


def _agree_labels(candidates: list[_Candidate]) -> None:
    """One name, one type across the article: the recogniser calls "Chopin" a person in most
    sentences and an organisation in one; the majority wins (a surname counts with its full
    name), so the card asks "who" and offers people."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    entity_facts = [f for c in candidates for f in c.facts if f.role == "entity" and f.label]
    for fact in entity_facts:
        votes[fact.answer].update([fact.label])
        if fact.label == "PERSON" and " " in fact.answer:
            votes[fact.answer.split()[-1]].update([fact.label])
    for fact in entity_facts:
        counted = votes[fact.answer]
        label, count = counted.most_common(1)[0]
        if label != fact.label and count > counted[fact.label]:
            fact.label = label
            fact.answer_type = answer_type_for(label)
        _retype(fact)


def _ranked(
    cards: list[QuestionDraft],
    fact: Fact,
    ranker: CardRanker,
    title: str,
    word_counts: Mapping[str, int],
    reach: float = -1.0,
) -> list[QuestionDraft]:
    """The cards a judge would likely accept, each scored with that probability; the others are
    not stored at all. A fact's forms stay siblings; the best-reading one scores highest."""
    out = []
    for card in cards:
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


def reaches(ranked: Sequence[_Candidate], words: int) -> dict[int, float]:
    """Each candidate's rank among the article's, in units of the article's default budget of
    answers (a card ranker feature: 0.5 is halfway through what the budget would ask)."""
    budget = max(MIN_ANSWERS, words * REACH_PER_WORD)
    return {id(c): round(n / budget, 4) for n, c in enumerate(ranked)}


def fact_reaches(state: _ArticleState) -> dict[tuple[str, tuple[int, int]], float]:
    """(sentence, answer span) -> the reach of each candidate fact of a collected article
    (scripts/train_card_ranker.py gives judged cards the feature the generator gives them)."""
    _agree_labels(state.candidates)
    ranked = rank(state)
    reach = reaches(ranked, state.article.word_count)
    out: dict[tuple[str, tuple[int, int]], float] = {}
    for candidate in ranked:
        out.setdefault((candidate.best.sentence, candidate.best.span), reach[id(candidate)])
    return out


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
    docs: Sequence[Doc] = (),
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
    # Options share the answer's entity label (a town for a town, never a river or a stadium);
    # numbers and dates may borrow from their answer type.
    same_label = pools.get(pool_key(fact), [])
    if len(same_label) < 4 and fact.answer_type in _NUMERIC:
        same_label = pools.get(fact.answer_type.value, [])
    pool = _same_shape(same_label, fact)
    bank_pool = known.get(fact.answer_type.value, [])
    if renderings and _distinct_kind(fact):
        rendering = renderings[1] if len(renderings) > 1 else renderings[0]
        wrong = pick_distractors(
            answer,
            fact.answer_type,
            key=(sentence, span, QuestionKind.CHOICE.value),
            article_pool=pool,
            bank_pool=bank_pool,
            avoid=rendering.text,
            fits=lambda option: _fits(fact, option, docs),
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
        truefalse = _truefalse(fact, context, pool, bank_pool, base, fact_score, docs)
    if truefalse is not None:
        cards.append(truefalse)
    return cards


_NUMERIC = (AnswerType.NUMBER, AnswerType.QUANTITY, AnswerType.DATE)


def _distinct_kind(fact: Fact) -> bool:
    """Answers whose wrong options are surely different things: names the recogniser typed,
    and numbers. Common-noun answers are not: an article names one referent with several nouns
    (troops / soldiers / forces), so its other noun phrases may be synonyms of the answer."""
    return bool(fact.label) or fact.answer_type in _NUMERIC


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
    docs: Sequence[Doc] = (),
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
    if not is_true and not _distinct_kind(fact):
        return None  # a common noun swapped for another may be a synonym: not surely false
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
            fits=lambda option: _fits(fact, option, docs, truefalse=True),
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


def _fits(fact: Fact, option: str, docs: Sequence[Doc], *, truefalse: bool = False) -> bool:
    """A wrong option in the answer's place reads as a possible fact that is surely false: its
    dates exist, the amounts keep the order the sentence states ("cut to 1.2bn from 1.5bn"
    never becomes "cut to 1.8bn from 1.5bn"), and no sentence of the article says it."""
    start, end = fact.span
    swapped = fact.sentence[:start] + option + fact.sentence[end:]
    if not keeps_values(fact.sentence, swapped):
        return False
    if beside(fact, option) or qualifies_a_place(fact):
        return False  # "Dayton, Ohio": Ohio is right too; "Dayton, Soviet Union" is absurd
    if fact.answer_type in _NUMERIC:
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


def _cut_word(fact: Fact) -> bool:
    """The answer starts or ends inside a written word ("non-[determinism]", "not-for-[profit]",
    "everyone[’s personal information]"): a gap there breaks the article's text."""
    text = fact.sentence
    start, end = fact.span
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or before in "-–—’'/":
        return True
    if not fact.answer[:1].isalnum() and fact.answer[:1] not in "$£€(\"“‘'":
        return True
    return after.isalnum() or (after in "-–—/" and text[end + 1 : end + 2].isalnum())


def _trivial(fact: Fact) -> bool:
    """An answer that is most of its sentence, or a word that teaches nothing."""
    if _cut_word(fact) or vague_answer(fact):
        return True
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
    return occurs_as_word(fact.answer, rest)


def occurs_as_word(word: str, text: str) -> bool:
    r"""`word` occurs in `text` with no word character on either side: the same answer as
    `re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)`, without compiling a pattern per
    answer (that compiled thousands of patterns per article and flushed re's cache; speed)."""
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        if (start == 0 or not _is_word_char(text[start - 1])) and (
            end == len(text) or not _is_word_char(text[end])
        ):
            return True
        start = text.find(word, start + 1)
    return False


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches in a str pattern (re's definition)


def sentence_of(span: Span) -> str:
    return span.text
