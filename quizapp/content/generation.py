"""Generate questions from article files into a bank: the service behind `quizapp generate`.

Every article is read (and refused, if unusable) before anything is written; each article is
then stored in its own transaction, so an interruption leaves whole articles, never half of one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from question_bank.article import read_paths
from question_bank.generator import generate
from question_bank.models import Article
from question_bank.nlp import load_pipeline
from question_bank.store import Bank
from question_bank.store.content import GenerationSummary, known_answers, store_article

ProgressCallback = Callable[[Article, GenerationSummary], None]


def generate_files(
    bank: Bank,
    paths: Sequence[Path],
    *,
    spacy_model: str = "",
    on_article: ProgressCallback | None = None,
) -> list[GenerationSummary]:
    """Read the files, generate their questions and store them; one summary per article."""
    articles = read_paths(paths)
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
