"""`generate` on input that breaks a naive parse: no E088, no hang when a worker fails.

A paragraph over spaCy's 1,000,000-character limit goes through the real entry point; the
parse driver's failure handling is checked directly (a worker that raises, one that dies), with
a timeout: one ParseError line, never a hang.
"""

from __future__ import annotations

import os
import signal
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from question_bank.models import Article, QuestionDraft
from question_bank.nlp import MAX_UNIT_CHARS, ParseError, parse, parse_units
from tests.hostile.harness import quizapp

ROOT = Path(__file__).resolve().parents[2]


def test_a_paragraph_past_spacys_limit_is_cut_not_refused(tmp_path: Path) -> None:
    article = tmp_path / "long.txt"
    # One "word" of 1.1 million characters: the worst case for the cutter (no sentence end, no
    # space), and cheap to parse once cut.
    article.write_text("Long\n\nThe start. " + "x" * 1_100_000 + "\n", encoding="utf-8")
    db = tmp_path / "bank.sqlite"
    run = quizapp("generate", str(article), "--db", str(db), tmp=tmp_path, timeout=240)
    run.assert_ok()
    assert "E088" not in run.stderr
    count = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]
    assert count == 1


def test_parse_units_cut_at_sentence_ends_and_keep_every_word() -> None:
    sentence = "The Danube flows through ten countries before it reaches the Black Sea. "
    paragraph = sentence * 3000  # about 215,000 characters
    units = parse_units(paragraph)
    assert len(units) > 1
    assert all(len(unit) <= MAX_UNIT_CHARS for unit in units)
    assert all(unit.endswith("Sea.") for unit in units)  # never inside a sentence
    assert " ".join(units).split() == paragraph.split()
    run_on = "word " * 5000  # no sentence end at all: cut at spaces, every piece bounded
    assert all(len(unit) <= MAX_UNIT_CHARS for unit in parse_units(run_on))
    assert parse_units("A short paragraph.") == ["A short paragraph."]


@Language.component("hostile_fail")
def _fail(doc: Doc) -> Doc:
    if "BOOM" in doc.text:
        raise ValueError("E999 boom in a worker")
    if "DIE" in doc.text:
        os._exit(3)  # a worker killed mid-batch (as by the OOM killer)
    return doc


@pytest.fixture
def failing_nlp() -> Iterator[Language]:
    nlp = spacy.blank("en")
    nlp.add_pipe("hostile_fail")
    yield nlp


@pytest.mark.parametrize(("trigger", "fragment"), [("BOOM", "E999 boom"), ("DIE", "died")])
def test_a_failing_worker_fails_the_run_with_one_line(
    failing_nlp: Language, trigger: str, fragment: str
) -> None:
    items = [(f"text {i}" + (f" {trigger}" if i == 300 else ""), i) for i in range(600)]
    signal.alarm(120)  # a hang kills this test's process rather than the suite's time
    try:
        with pytest.raises(ParseError) as raised:
            for _ in parse(failing_nlp, items, n_process=2):
                pass
    finally:
        signal.alarm(0)
    message = str(raised.value)
    assert fragment in message and "\n" not in message


def test_workers_give_the_same_docs_as_one_process(failing_nlp: Language) -> None:
    items = [(f"text number {i}.", i) for i in range(200)]
    one = [(doc.text, i) for doc, i in parse(failing_nlp, items, n_process=1)]
    two = [(doc.text, i) for doc, i in parse(failing_nlp, items, n_process=2)]
    assert one == two


def test_two_processes_give_the_same_batches_as_one() -> None:
    """Whole parts are generated in worker processes on large inputs: same drafts, same order,
    for whole articles, for parts of a split article and for an article without text."""
    from question_bank.generator import generate_batches
    from question_bank.readers import read_paths

    seed = read_paths([ROOT / "seeds" / "nato-kfor-kosovo-clashes.txt"])[0]
    empty = Article("Nothing", (), "nothing", "nothing")
    articles = [seed, empty, seed]

    def batches(n_process: int) -> list[tuple[int, int, bool, list[QuestionDraft]]]:
        return [
            (b.index, b.words, b.final, b.drafts)
            for b in generate_batches(articles, part_words=120, n_process=n_process)
        ]

    signal.alarm(240)
    try:
        one, two = batches(1), batches(2)
    finally:
        signal.alarm(0)
    assert sum(not b[2] for b in one) >= 2  # the seed was cut into parts
    assert two == one
