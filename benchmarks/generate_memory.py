"""Peak memory and time of `quizapp generate` on one 1, 5 and 20 MB article.

Each article is SQuAD dev text (../shared/eval/squad-dev-corpus.jsonl), its paragraphs repeated
until the size is reached, written as one plain-text file. For each size, in the same run:

1. `quizapp generate FILE --db NEW.sqlite` runs as a user runs it (a subprocess); its process
   tree is sampled every 0.2 s for the resident memory of the main process, of the largest parse
   worker, and of all of them together;
2. a bare spaCy parse (`nlp.pipe` over the same paragraphs, one process, the full pipeline, as
   `generate_throughput.py` does) gives the reference rate in words per second. On the larger
   sizes it parses the first `--bare-mb` MB only (the rate does not depend on the length, and a
   bare parse of 20 MB would take longer than the whole benchmark).

Printed: per size, the words, the wall time, words per second of both, their ratio (generate's
time per word over the bare parse's; target <= 1.3) and the peaks (target < 600 MB for the main
process and for each worker); then the same ratio in CPU seconds (generate's whole process tree,
its workers included, against the bare parse's process), and the load average before and after.
The bare parse runs right before and right after each generate, and its rate is the mean of the
two, so that a load that changes during the run weighs on both sides. The machine may be shared:
absolute times are not comparable across runs. On a machine loaded by other sessions (Linux
shares the processors between sessions, not processes) two workers get no more time than one
process, and the wall ratio tends to the CPU ratio; on an idle one the wall ratio shows the gain
of the second core.

    .venv/bin/python benchmarks/generate_memory.py [--sizes 1 5 20] [--bare-mb 2]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

CORPUS = Path("/work/shared/eval/squad-dev-corpus.jsonl")
TARGET_RATIO = 1.3
TARGET_MB = 600
MB = 1024 * 1024

BARE = """
import sys, time
from question_bank.nlp import load_pipeline, parse_units
text = open(sys.argv[1], encoding="utf-8").read()
paragraphs = [u for p in text.split("\\n\\n")[1:] for u in parse_units(p.strip()) if u]
nlp = load_pipeline()
list(nlp.pipe(paragraphs[:20]))
started, cpu = time.perf_counter(), time.process_time()
for _ in nlp.pipe(paragraphs, batch_size=64):
    pass
print(sum(len(p.split()) for p in paragraphs), time.perf_counter() - started,
      time.process_time() - cpu)
"""


def build_article(size_mb: float, target: Path) -> int:
    """Write an article of about `size_mb` MB of SQuAD text; returns its word count."""
    paragraphs = [
        json.loads(line)["context"]
        for line in CORPUS.read_text("utf-8").splitlines()
        if line.strip()
    ]
    parts = [f"SQuAD {size_mb:g} MB", ""]
    size = words = 0
    index = 0
    while size < size_mb * MB:
        paragraph = paragraphs[index % len(paragraphs)]
        parts.extend([paragraph, ""])
        size += len(paragraph.encode("utf-8")) + 2
        words += len(paragraph.split())
        index += 1
    target.write_text("\n".join(parts), encoding="utf-8")
    return words


def children_cpu() -> float:
    """CPU seconds of every finished child process and of their own waited-for children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_generate(article: Path, db: Path) -> tuple[float, float, float, float, str]:
    """(seconds, peak MB of the main process, of the largest worker, of the whole tree)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "quizapp", "generate", str(article), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    parent = psutil.Process(process.pid)
    peak_main = peak_worker = peak_tree = 0.0
    while process.poll() is None:
        try:
            main = parent.memory_info().rss
            workers = []
            for child in parent.children(recursive=True):
                with contextlib.suppress(psutil.Error):  # a worker may have just ended
                    workers.append(child.memory_info().rss)
        except psutil.Error:
            break
        peak_main = max(peak_main, main / MB)
        peak_worker = max([peak_worker, *(w / MB for w in workers)])
        peak_tree = max(peak_tree, (main + sum(workers)) / MB)
        time.sleep(0.2)
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"generate failed: {stderr.strip()}")
    lines = [line for line in stdout.splitlines() if " cards (" in line]
    summary = lines[-1] if lines else ""
    return seconds, peak_main, peak_worker, peak_tree, summary


def run_bare(article: Path, bare_mb: float, folder: Path) -> tuple[int, float, float]:
    """(words, seconds, CPU seconds of the parse) of a bare one-process spaCy parse of the first
    `bare_mb` MB."""
    text = article.read_text("utf-8")
    sample = folder / "sample.txt"
    if len(text) > bare_mb * MB:
        cut = text.rfind("\n\n", 0, int(bare_mb * MB))
        text = text[:cut]
    sample.write_text(text, encoding="utf-8")
    output = subprocess.run(
        [sys.executable, "-c", BARE, str(sample)], capture_output=True, text=True, check=True
    ).stdout.split()
    return int(output[0]), float(output[1]), float(output[2])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 5, 20])
    parser.add_argument("--bare-mb", type=float, default=2.0)
    args = parser.parse_args()
    print(f"cpus: {psutil.cpu_count()}, load average at start: {psutil.getloadavg()[0]:.1f}")
    header = (
        f"{'size':>6} {'words':>9} {'generate':>9} {'gen w/s':>8} {'bare w/s':>8} "
        f"{'ratio':>6} {'main MB':>8} {'worker MB':>9} {'tree MB':>8} "
        f"{'cpu ratio':>9} {'load':>9}"
    )
    print(header)
    ok = True
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="quizapp-bench-") as temporary:
            folder = Path(temporary)
            article = folder / f"article-{size:g}mb.txt"
            words = build_article(size, article)
            before = run_bare(article, args.bare_mb, folder)
            load_before = os.getloadavg()[0]
            cpu = children_cpu()
            seconds, main_mb, worker_mb, tree_mb, summary = run_generate(
                article, folder / "bank.sqlite"
            )
            generate_cpu = children_cpu() - cpu
            load_after = os.getloadavg()[0]
            after = run_bare(article, args.bare_mb, folder)
        rate = words / seconds
        bare_rate = (before[0] / before[1] + after[0] / after[1]) / 2
        bare_cpu_rate = (before[0] / before[2] + after[0] / after[2]) / 2
        ratio = bare_rate / rate
        cpu_ratio = bare_cpu_rate / (words / generate_cpu)
        ok = ok and ratio <= TARGET_RATIO and max(main_mb, worker_mb) < TARGET_MB
        print(
            f"{size:>4g}MB {words:>9,} {seconds:>8.1f}s {rate:>8.0f} {bare_rate:>8.0f} "
            f"{ratio:>6.2f} {main_mb:>8.0f} {worker_mb:>9.0f} {tree_mb:>8.0f} "
            f"{cpu_ratio:>9.2f} {load_before:>4.1f}-{load_after:<4.1f}",
            flush=True,
        )
        print(
            f"       bare parse before/after: {before[0] / before[1]:.0f} / "
            f"{after[0] / after[1]:.0f} words/s; generate CPU {generate_cpu:.0f} s; {summary}",
            flush=True,
        )
    print(f"load average at end: {psutil.getloadavg()[0]:.1f}")
    print(
        f"targets (ratio <= {TARGET_RATIO}, each process < {TARGET_MB} MB): "
        + ("met" if ok else "NOT met")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
