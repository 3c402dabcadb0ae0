"""Dump every stored card of a fixed set of articles, to prove a change left them byte-identical.

A speed change must not change a single card. This runs the real entry point, `quizapp generate`
(one process, every article in one call) into a fresh SQLite bank, exports it with
`quizapp export json`, and writes every question's fields (and each article's id and title),
sorted by question id, one JSON object a line. The articles are the seed article and five
SQuAD training passages (three paragraphs each of five titles, written as plain-text files).

    .venv/bin/python scripts/cards_unchanged.py --write /tmp/cards-before.jsonl   # before
    .venv/bin/python scripts/cards_unchanged.py --against /tmp/cards-before.jsonl  # after

`--against` exits 1 and prints a unified diff of the first differences when anything changed.

`--workers` checks the two-process path instead: `generate_batches` with one process and with
two gives the same batches (every draft field, in order), on SQuAD dev corpus articles, whole
and cut into parts (a small part size, so that split articles are covered too).

    .venv/bin/python scripts/cards_unchanged.py --workers [--paragraphs 300]
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "nato-kfor-kosovo-clashes.txt"
SQUAD_TRAIN = Path("/work/shared/eval/squad-train.jsonl")
DEV_CORPUS = Path("/work/shared/eval/squad-dev-corpus.jsonl")
TITLES = 5
PARAGRAPHS = 3
# Fields that record when, not what: they differ between any two runs.
VOLATILE = frozenset({"imported_at", "created_at", "updated_at", "exported_at"})


def write_articles(directory: Path) -> list[Path]:
    by_title: dict[str, list[str]] = defaultdict(list)
    for line in SQUAD_TRAIN.read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            by_title[row["title"]].append(row["context"])
    paths = [SEED]
    for number, (title, paragraphs) in enumerate(sorted(by_title.items())[:TITLES]):
        path = directory / f"squad-{number}.txt"
        body = "\n\n".join(paragraphs[:PARAGRAPHS])
        path.write_text(f"{title.replace('_', ' ')}\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def _stable(value: object) -> object:
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in sorted(value.items()) if k not in VOLATILE}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


def dump() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        db = directory / "bank.sqlite"
        paths = write_articles(directory)
        quizapp = [sys.executable, "-m", "quizapp"]
        subprocess.run(
            [*quizapp, "generate", *map(str, paths), "--db", str(db)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        out = directory / "bank.json"
        subprocess.run(
            [*quizapp, "export", "json", "--db", str(db), "-o", str(out)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        document = json.loads(out.read_text("utf-8"))
    lines = [
        json.dumps({"article": {"id": a["id"], "title": a["title"]}}, ensure_ascii=False)
        for a in sorted(document["articles"], key=lambda a: a["id"])
    ]
    questions = sorted(document["questions"], key=lambda q: q["id"])
    lines.extend(json.dumps(_stable(q), ensure_ascii=False, sort_keys=True) for q in questions)
    return lines


def _batches(n_process: int, paragraphs: int, part_words: int) -> list[str]:
    from question_bank.generator import generate_batches
    from question_bank.models import Article, Section

    by_title: dict[str, list[str]] = defaultdict(list)
    for line in DEV_CORPUS.read_text("utf-8").splitlines()[:paragraphs]:
        if line.strip():
            row = json.loads(line)
            by_title[row["title"]].append(row["context"])
    articles = [
        Article(title, (Section("", tuple(texts)),), f"squad:{title}", title)
        for title, texts in by_title.items()
    ]
    articles.insert(1, Article("Empty", (), "empty", "empty"))  # an article without text
    out = []
    for batch in generate_batches(articles, part_words=part_words, n_process=n_process):
        out.append(f"batch {batch.index} {batch.words} {batch.final} {len(batch.drafts)}")
        out.extend(repr(draft) for draft in batch.drafts)
    return out


def check_workers(paragraphs: int) -> int:
    failed = 0
    for part_words in (2_000, 40_000):
        one = _batches(1, paragraphs, part_words)
        two = _batches(2, paragraphs, part_words)
        same = one == two
        failed += not same
        cards = sum(1 for line in one if not line.startswith("batch "))
        print(
            f"part_words {part_words}: {len(one) - cards} batches, {cards} cards: "
            + ("identical with 1 and 2 processes" if same else "DIFFERENT")
        )
        if not same:
            diff = difflib.unified_diff(one, two, "1 process", "2 processes", lineterm="", n=0)
            print("\n".join(list(diff)[:20]))
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="write the dump here")
    group.add_argument("--against", type=Path, help="compare with a dump written before")
    group.add_argument("--workers", action="store_true", help="one process against two")
    parser.add_argument("--paragraphs", type=int, default=300, help="of the dev corpus")
    args = parser.parse_args()
    if args.workers:
        return check_workers(args.paragraphs)
    lines = dump()
    if args.write:
        args.write.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(lines)} lines written to {args.write}")
        return 0
    before = args.against.read_text("utf-8").splitlines()
    if before == lines:
        print(f"identical: {len(lines)} lines ({len(lines) - 1 - TITLES} cards)")
        return 0
    diff = list(difflib.unified_diff(before, lines, "before", "after", lineterm="", n=0))
    print("\n".join(diff[:40]))
    print(f"CHANGED: {len(diff)} diff lines")
    return 1


if __name__ == "__main__":
    sys.exit(main())
