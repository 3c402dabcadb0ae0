"""How long each reader takes on a 5,000-word document, and how that compares to plain text.

Writes one synthetic 5,000-word article (Faker sentences, 10 sections, a bullet list in each)
as .txt, .md, .html (a news page with nav, ads and comments), .pdf (reportlab), .docx
(python-docx) and .epub (ebooklib), then reads each one: the first read in this process (it
includes importing the format's library) and the median of the next five. Also prints the
median time of a bare spaCy parse of the same text, for scale: reading is meant to be small
next to it. The machine is shared and loaded, so read the ratios rather than the seconds.

    .venv/bin/python benchmarks/read_formats.py [--words 5000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from faker import Faker  # noqa: E402

from question_bank.readers import read  # noqa: E402
from tests.unit.question_bank.readers.documents import (  # noqa: E402
    Story,
    write_docx,
    write_epub,
    write_html,
    write_pdf,
    write_text,
)


def story(words: int) -> Story:
    fake = Faker("en_GB")
    fake.seed_instance(14)
    sections = []
    per_section = words // 10
    for number in range(10):
        paragraphs: list[str] = []
        count = 0
        while count < per_section:
            paragraph = " ".join(fake.sentence(nb_words=14) for _ in range(4))
            paragraphs.append(paragraph)
            count += len(paragraph.split())
        sections.append((f"Part {number + 1}: {fake.catch_phrase()}", tuple(paragraphs)))
    return Story(title="A long synthetic article", sections=tuple(sections))


def time_read(path: Path) -> tuple[float, float, int]:
    start = time.perf_counter()
    articles = read([path])
    first = time.perf_counter() - start
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        read([path])
        runs.append(time.perf_counter() - start)
    return first, statistics.median(runs), sum(a.word_count for a in articles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=5000)
    args = parser.parse_args()
    text = story(args.words)
    writers = {
        "txt": write_text,
        "md": write_text,
        "html": write_html,
        "pdf": lambda s, p: write_pdf(s, p, columns_from_page=10**6),
        "docx": write_docx,
        "epub": write_epub,
    }
    print(f"reading one {args.words:,}-word document per format (shared, loaded machine)")
    print(f"{'format':<6} {'size':>9} {'words':>6} {'first read':>11} {'median':>9} {'× txt':>7}")
    baseline = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for suffix, writer in writers.items():
            path = writer(text, Path(folder) / f"article.{suffix}")
            first, median, words = time_read(path)
            baseline = baseline or median
            print(
                f"{suffix:<6} {path.stat().st_size / 1024:>7.0f}KB {words:>6} {first:>10.3f}s "
                f"{median:>8.3f}s {median / baseline:>6.1f}×"
            )
    from question_bank.nlp import load_pipeline

    nlp = load_pipeline()
    paragraphs = [p for _, ps in text.sections for p in ps]
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        for _doc in nlp.pipe(paragraphs):
            pass
        runs.append(time.perf_counter() - start)
    print(f"bare spaCy parse of the same text: {statistics.median(runs):.3f}s (median of 3)")


if __name__ == "__main__":
    main()
