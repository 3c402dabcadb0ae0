"""The same article as .txt, .html, .pdf, .docx and .epub gives the same cards.

Ids differ (an article's id is its content hash, and its source differs), but every prompt and
answer is the same: the readers hand the generator the same text whatever the format.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from question_bank.generator import generate
from question_bank.nlp import load_pipeline
from question_bank.readers import read_article
from tests.unit.question_bank.readers.documents import (
    STORM,
    write_docx,
    write_epub,
    write_html,
    write_pdf,
    write_text,
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def test_every_format_gives_the_same_prompts_and_answers(tmp_path: Path, nlp: Language) -> None:
    writers = {
        "txt": write_text,
        "html": write_html,
        "pdf": write_pdf,
        "docx": write_docx,
        "epub": write_epub,
    }
    articles = [writer(STORM, tmp_path / f"storm.{suffix}") for suffix, writer in writers.items()]
    cards = {}
    for path, (article, drafts) in zip(
        articles, generate([read_article(p) for p in articles], nlp=nlp), strict=True
    ):
        cards[path.suffix] = [(d.kind.value, d.prompt, d.answer, d.section) for d in drafts]
        assert article.title == STORM.title
    reference = cards[".txt"]
    assert len(reference) >= 5  # the story has facts worth asking about
    for suffix, got in cards.items():
        assert got == reference, suffix
