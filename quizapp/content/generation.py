"""Generate questions from article files into a bank: the service behind `quizapp generate`.

Every article is read (and refused, if unusable) before anything is written; each article is
then stored in its own transaction, so an interruption leaves whole articles, never half of one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from question_bank.errors import ArticleError
from question_bank.generator import generate
from question_bank.models import Article
from question_bank.nlp import load_pipeline
from question_bank.readers import STDIN, ReadOptions, is_url, read, read_pasted, read_paths
from question_bank.readers.raw import MEGABYTE
from question_bank.store import Bank
from question_bank.store.content import GenerationSummary, known_answers, store_article
from quizapp.settings import Settings

ProgressCallback = Callable[[Article, GenerationSummary], None]


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


def generate_articles(
    bank: Bank,
    articles: Sequence[Article],
    *,
    spacy_model: str = "",
    on_article: ProgressCallback | None = None,
) -> list[GenerationSummary]:
    nlp = load_pipeline(spacy_model or None)
    with bank.transaction() as session:
        answers = known_answers(session)
    summaries: list[GenerationSummary] = []
    for article, drafts in generate(articles, nlp=nlp, known_answers=answers):
        with bank.transaction() as session:
            summary = store_article(session, article, drafts)
        summaries.append(summary)
        if on_article is not None:
            on_article(article, summary)
    return summaries
