"""Throughput of the full generate path against a bare spaCy parse of the same texts.

Reads the SQuAD dev corpus (one paragraph a line), builds one article per SQuAD title, and in the
same run times (1) bare `nlp.pipe` over every paragraph, single process, and (2) the full
`question_bank.generator.generate` path (parse + facts + questions + distractors + ranking, which
generates whole articles in two worker processes on inputs this large). Prints both rates in
words per second, the ratio of the full path's time to the bare parse's time (target <= 1.3),
the same ratio in CPU seconds (the full path's workers included), and the load average before
and after. On a machine loaded by other sessions, Linux shares the processors between sessions
rather than processes, so two workers get about the time of one and the wall ratio tends to the
CPU ratio; on an idle machine it shows what the second core gives.

`--single-mb N` times one single article of about N MB instead (the corpus's paragraphs in order,
repeated until the size is reached, as `generate_memory.py` builds it): the cost per word of a
huge article against the same bare parse of its paragraphs.

    .venv/bin/python benchmarks/generate_throughput.py [--single-mb N] [path/to/corpus.jsonl]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

from question_bank.generator import generate
from question_bank.models import Article, Section
from question_bank.nlp import load_pipeline, parse_units

DEFAULT_CORPUS = Path("/work/shared/eval/squad-dev-corpus.jsonl")
TARGET_RATIO = 1.3


def load_articles(path: Path) -> list[Article]:
    by_title: dict[str, list[str]] = defaultdict(list)
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            by_title[row["title"]].append(row["context"])
    return [
        Article(
            title=title.replace("_", " "),
            sections=(Section(heading="", paragraphs=tuple(paragraphs)),),
            source=f"squad:{title}",
            content_hash=title,
        )
        for title, paragraphs in by_title.items()
    ]


def single_article(path: Path, size_mb: float) -> list[Article]:
    """One article of about `size_mb` MB of the corpus's paragraphs, repeated as needed."""
    paragraphs = [
        json.loads(line)["context"] for line in path.read_text("utf-8").splitlines() if line.strip()
    ]
    chosen: list[str] = []
    size = 0
    while size < size_mb * 1024 * 1024:
        paragraph = paragraphs[len(chosen) % len(paragraphs)]
        chosen.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
    section = Section(heading="", paragraphs=tuple(chosen))
    return [Article(f"SQuAD {size_mb:g} MB", (section,), f"squad:{size_mb:g}mb", "single")]


def cpu_seconds() -> float:
    """CPU seconds of this process and of its finished children (the parse workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--single-mb", type=float, help="one article of this size instead")
    args = parser.parse_args()
    if args.single_mb:
        articles = single_article(args.corpus, args.single_mb)
    else:
        articles = load_articles(args.corpus)
    # The units generate parses (a paragraph over 2,500 characters is cut), so both sides parse
    # the same texts.
    texts = [u for article in articles for _, p in article.paragraphs for u in parse_units(p)]
    words = sum(len(text.split()) for text in texts)
    nlp = load_pipeline()
    list(nlp.pipe(texts[:20]))  # warm up (first batch allocations) outside the timings

    load_before = os.getloadavg()[0]
    started, cpu = time.perf_counter(), cpu_seconds()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    bare, bare_cpu = time.perf_counter() - started, cpu_seconds() - cpu

    started, cpu = time.perf_counter(), cpu_seconds()
    cards = 0
    for _, drafts in generate(articles, nlp=nlp):
        cards += len(drafts)
    full, full_cpu = time.perf_counter() - started, cpu_seconds() - cpu
    load_after = os.getloadavg()[0]

    print(f"corpus: {len(articles)} articles, {len(texts)} paragraphs, {words} words")
    print(f"bare nlp.pipe (1 process): {bare:6.1f} s  {words / bare:8.0f} words/s")
    print(f"full generate path:        {full:6.1f} s  {words / full:8.0f} words/s  ({cards} cards)")
    ratio = full / bare
    print(f"ratio full / bare: {ratio:.2f}  (target <= {TARGET_RATIO})")
    print(f"CPU seconds: bare {bare_cpu:.1f}, full {full_cpu:.1f}, ratio {full_cpu / bare_cpu:.2f}")
    print(f"load average (1 min): {load_before:.1f} before, {load_after:.1f} after")
    print("target met" if ratio <= TARGET_RATIO else "target NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
