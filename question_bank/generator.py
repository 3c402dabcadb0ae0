"""Article -> question drafts: parse, extract facts, form questions, add distractors, rank.

The public entry point is `generate`. Every paragraph of every article goes through one
`nlp.pipe` stream (the parse dominates the cost; large inputs use both cores), and each article's
drafts are yielded as soon as its last paragraph is parsed.

Per article: candidate facts are overgenerated for every sentence (`question_bank.candidates`)
and the best kept until the article's budget is spent (`question_bank.cards.selection`); each
kept fact becomes up to four cards (`question_bank.cards.forms`). An article over `PART_WORDS`
words is generated in parts.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterator, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from typing import TYPE_CHECKING

from question_bank.candidates import ArticleState, collect
from question_bank.cards.selection import select_cards
from question_bank.models import Article, QuestionDraft
from question_bank.nlp import (
    BATCH_TEXTS,
    PARSE_DISABLED,
    load_pipeline,
    parse,
    parse_units,
    worker_pipeline,
)
from question_bank.workers import Job, WholeArticleCounts, run_jobs

if TYPE_CHECKING:
    from spacy.language import Language

# Above this many characters of text (about 30,000 words), parse with two processes.
PARALLEL_CHARS = 180_000

# Articles longer than this many words are generated and stored in parts of this size.
PART_WORDS = 40_000


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
        n_process = _processes(articles)
    if n_process > 1:
        workers = _worker_batches(articles, nlp, None, known, part_words, overgenerate, n_process)
        for batch in workers:
            assert batch is not None  # not primed: batches only
            yield batch
        return

    docs = parse(nlp, _units(articles), n_process=1, disable=PARSE_DISABLED)
    counts = WholeArticleCounts(articles)
    state: ArticleState | None = None
    current, words, split = -1, 0, False
    for doc, (index, section) in docs:
        if index != current:
            if state is not None:
                yield _batch(
                    current, state, known, words, split, final=True, overgenerate=overgenerate
                )
            for empty in range(current + 1, index):  # articles with no text at all
                yield ArticleBatch(empty, articles[empty], [], 0, True)
            current, state, words, split = index, ArticleState(articles[index]), 0, False
        elif words >= part_words:
            assert state is not None
            yield _batch(current, state, known, words, True, final=False, overgenerate=overgenerate)
            state, words, split = ArticleState(articles[index]), 0, True
            # Every part of a split article reads the whole article's word counts: count once.
            state.word_counts = counts.of(index)
        assert state is not None
        collect(state, doc, section)
        words += len(doc.text.split())
    if state is not None:
        yield _batch(current, state, known, words, split, final=True, overgenerate=overgenerate)
    for empty in range(current + 1, len(articles)):
        yield ArticleBatch(empty, articles[empty], [], 0, True)


def article_states(
    articles: Sequence[Article], *, nlp: Language | None = None
) -> Iterator[ArticleState]:
    """Each article's candidate facts, parsed and collected, one state per article and in
    order, not yet ranked: what scripts/train_answer_ranker.py learns from."""
    nlp = nlp or load_pipeline()

    states = [ArticleState(article) for article in articles]
    for doc, (index, section) in parse(nlp, _units(articles), n_process=1, disable=PARSE_DISABLED):
        collect(states[index], doc, section)
    yield from states


def _units(articles: Sequence[Article]) -> Iterator[tuple[str, tuple[int, str]]]:
    """Every parse unit of every article, in order, with (article index, section)."""
    for index, article in enumerate(articles):
        for section, paragraph in article.paragraphs:
            for unit in parse_units(paragraph):
                yield unit, (index, section)


def _processes(articles: Sequence[Article]) -> int:
    """Two processes for inputs over PARALLEL_CHARS on a machine with two cores, else one."""
    chars = sum(len(p) for article in articles for _, p in article.paragraphs)
    return 2 if chars >= PARALLEL_CHARS and (os.cpu_count() or 1) >= 2 else 1


def _batch(
    index: int,
    state: ArticleState,
    known: Mapping[str, Sequence[str]],
    words: int,
    split: bool,
    *,
    final: bool,
    overgenerate: bool = False,
) -> ArticleBatch:
    # A part of a split article is budgeted by its own words; a whole article by its own.
    state.words = words if split else None
    drafts = select_cards(state, known, overgenerate)
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
    state = ArticleState(job.article, word_counts=job.word_counts)
    off = [name for name in disabled if name in nlp.pipe_names]
    for doc, section in nlp.pipe(job.units, as_tuples=True, batch_size=BATCH_TEXTS, disable=off):
        collect(state, doc, section)
    state.words = job.words if job.split else None
    return select_cards(state, job.known, job.overgenerate)


def start_batches(
    articles: Sequence[Article], *, spacy_model: str | None = None, part_words: int = PART_WORDS
) -> Generator[ArticleBatch, None, None]:
    """`generate_batches`'s batches, computed in worker processes that start now (one, or two
    for inputs over PARALLEL_CHARS) and load the pipeline themselves; this process never loads
    it. A command that starts generation first and then opens its bank has the pipeline load
    and the generation overlap its own start-up on the second core. Close the generator if it is
    not consumed to the end (the workers stop)."""
    running = _worker_batches(
        articles, None, spacy_model, {}, part_words, False, _processes(articles), True
    )
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
