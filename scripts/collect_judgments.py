"""Gather judged packets (key files + judges' verdicts) into the repository's judged set.

For every packet `<out>/<round>-N/` with a `verdicts-<judge>.tsv`, each card of the key file
`<out>/<round>-N.key.jsonl` gets one row per judge in data/judged/cards.jsonl (the card as the
generator made it, its article, and the verdict), and each article one row in
data/judged/articles.jsonl. Rows are sorted, so rerunning gives the same files.

    .venv/bin/python scripts/collect_judgments.py --round train [--judging /work/judging]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "judged"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--round", required=True)
    parser.add_argument("--judging", type=Path, default=Path("/work/judging"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    cards: list[dict[str, object]] = []
    articles: list[dict[str, object]] = []
    for folder in sorted(args.judging.glob(f"{args.round}-*")):
        if not folder.is_dir() or not any(folder.glob("verdicts-*.tsv")):
            continue  # not judged (yet, or withdrawn)
        packet = folder.name
        key_file = args.judging / f"{packet}.key.jsonl"
        keys = {row["n"]: row for row in map(json.loads, key_file.open(encoding="utf-8"))}
        for line in (args.judging / f"{packet}.articles.jsonl").open(encoding="utf-8"):
            row = json.loads(line)
            articles.append({"packet": packet, **row})
        for verdicts in sorted(folder.glob("verdicts-*.tsv")):
            judge = verdicts.stem.removeprefix("verdicts-")
            with verdicts.open(encoding="utf-8") as handle:
                for row in csv.DictReader(handle, delimiter="\t"):
                    n = int(row["n"])
                    key = keys[n]
                    cards.append(
                        {
                            "packet": packet,
                            "judge": judge,
                            **key,
                            "acceptable": row["acceptable"].strip().lower() == "yes",
                            "codes": [c for c in row["codes"].replace(" ", "").split(",") if c],
                            "answerability": int(row["answerability"] or 0),
                            "reason": row["reason"],
                        }
                    )
    args.out.mkdir(parents=True, exist_ok=True)
    name = args.round
    with (args.out / f"{name}-cards.jsonl").open("w", encoding="utf-8") as handle:
        for card in sorted(cards, key=lambda c: (str(c["packet"]), c["n"], str(c["judge"]))):
            handle.write(json.dumps(card, ensure_ascii=False) + "\n")
    with (args.out / f"{name}-articles.jsonl").open("w", encoding="utf-8") as handle:
        for article in sorted(articles, key=lambda a: (str(a["packet"]), a["article"])):
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    print(f"{len(cards)} judged cards, {len(articles)} articles -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
