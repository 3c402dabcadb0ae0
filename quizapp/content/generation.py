"""Generate questions from article files into a bank: the service behind `quizapp generate`.

Every article is read (and refused, if unusable) before anything is written; each article is
then stored in its own transaction, so an interruption leaves whole articles, never half of one;
a long article is parsed, formed and stored in bounded batches within that transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from contextlib import closing
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from question_bank.errors import ArticleError
from question_bank.generator import ArticleBatch, generate_batches, start_batches
from question_bank.models import Article
from question_bank.nlp import load_pipeline
from question_bank.readers import STDIN, ReadOptions, is_url, read, read_pasted, read_paths
from question_bank.readers.raw import MEGABYTE
from quizapp.settings import Settings

if TYPE_CHECKING:
    from question_bank.store import Bank
    from question_bank.store.content import GenerationSummary

# The store (SQLAlchemy) is imported where it is used: `generate` starts the generation before it
# imports the store and opens the bank, so that the two overlap (start_generation).
ProgressCallback = Callable[[Article, "GenerationSummary"], None]
# (article, words of text just stored): progress within one article.
WordsCallback = Callable[[Article, int], None]


def reading_options(settings: Settings) -> ReadOptions:
    """The readers' limits from the settings, with the hint that says how to raise the cap."""
    return ReadOptions(
        max_bytes=settings.max_article_mb * MEGABYTE,
        limit_hint="raise it with max_article_mb in config.toml or QUIZAPP_MAX_ARTICLE_MB",
    )


def read_for_adding(settings: Settings, *, source: str = "", pasted: str = "") -> list[Article]:
    """What the TUI's "add article" screen was given: pasted text, else a path or a URL."""
    options = reading_options(settings)
    if pasted.strip():
        return read_pasted(pasted, options)
    source = source.strip()
    if not source:
        raise ArticleError("give a file, a folder or a web address, or paste the article's text")
    if source == STDIN:
        raise ArticleError("standard input is the terminal here: paste the text instead")
    return read([source if is_url(source) else Path(source).expanduser()], options)


def generate_files(
    bank: Bank,
    paths: Sequence[Path | str],
    *,
    spacy_model: str = "",
    on_article: ProgressCallback | None = None,
    options: ReadOptions | None = None,
) -> list[GenerationSummary]:
    """Read the files (or URLs), generate their questions and store them; one summary each."""
    articles = read_paths(paths, options)
    return generate_articles(bank, articles, spacy_model=spacy_model, on_article=on_article)


def start_generation(
    articles: Sequence[Article], *, spacy_model: str = ""
) -> Generator[ArticleBatch, None, None]:
    """The articles' generation, started now in worker processes that load the pipeline, for
    `generate_articles(..., started=...)`: a command starts it before it opens its bank, so
    that its own start-up (the store's imports, opening the bank) overlaps the pipeline's load
    on the other core. Close it if it is not handed on. Options come from each article alone
    (the generator reads no bank), so nothing of the bank is needed to start."""
    return start_batches(articles, spacy_model=spacy_model or None)


def generate_articles(
    bank: Bank,
    articles: Sequence[Article],
    *,
    spacy_model: str = "",
    on_article: ProgressCallback | None = None,
    on_words: WordsCallback | None = None,
    started: Generator[ArticleBatch, None, None] | None = None,
) -> list[GenerationSummary]:
    """Generate and store the articles, each in one transaction, batch by batch.

    The generator yields an article in parts (`generate_batches`) and each part is stored as it
    comes, so memory does not grow with an article's length; `on_words` hears of every part
    (progress within one long article), `on_article` of every finished article. `started` is
    the articles' generation already under way (`start_generation`), else it runs here.
    """
    if started is not None:
        batches = started
    else:
        from question_bank.store.content import known_answers

        nlp = load_pipeline(spacy_model or None)
        with bank.transaction() as session:
            answers = known_answers(session)
        batches = generate_batches(articles, nlp=nlp, known_answers=answers)
    from question_bank.store.content import ArticleWriter

    summaries: list[GenerationSummary] = []
    with closing(batches):  # a failure while storing stops the workers too
        for _, group in groupby(batches, key=lambda batch: batch.index):
            with bank.transaction() as session:
                writer: ArticleWriter | None = None
                for batch in group:
                    writer = writer or ArticleWriter(session, batch.article)
                    writer.add(batch.drafts)
                    if on_words is not None:
                        on_words(batch.article, batch.words)
                assert writer is not None
                summary = writer.finish()
            summaries.append(summary)
            if on_article is not None:
                on_article(batch.article, summary)
    return summaries
