"""Report a judged packet: acceptable share overall, per kind and per article, for each judge and
for both together (a card counts acceptable only when every judge accepts it), counts per
code, mean answerability, and the judges' agreement (raw and Cohen's kappa).

    .venv/bin/python scripts/report_judgments.py /work/judging/final-1
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path


def share(values: list[bool]) -> str:
    return f"{sum(values)}/{len(values)} = {100 * sum(values) / max(1, len(values)):.0f}%"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("packet", type=Path)
    args = parser.parse_args()
    key_file = args.packet.parent / f"{args.packet.name}.key.jsonl"
    keys = {row["n"]: row for row in map(json.loads, key_file.open(encoding="utf-8"))}
    verdicts: dict[str, dict[int, dict[str, str]]] = {}
    for path in sorted(args.packet.glob("verdicts-*.tsv")):
        with path.open(encoding="utf-8") as handle:
            rows = {int(r["n"]): r for r in csv.DictReader(handle, delimiter="\t")}
        verdicts[path.stem.removeprefix("verdicts-")] = rows
    if not verdicts:
        print("no verdicts yet")
        return 1
    ok = {
        judge: {n: r["acceptable"].strip().lower() == "yes" for n, r in rows.items()}
        for judge, rows in verdicts.items()
    }
    judges = sorted(ok)
    both = {n: all(ok[j].get(n, False) for j in judges) for n in keys}
    for label, table in [*((j, ok[j]) for j in judges), ("all judges accept", both)]:
        print(f"== {label}: {share([table.get(n, False) for n in keys])} acceptable")
        by_kind: dict[str, list[bool]] = defaultdict(list)
        by_article: dict[str, list[bool]] = defaultdict(list)
        for n, card in keys.items():
            by_kind[card["kind"]].append(table.get(n, False))
            by_article[card["title"]].append(table.get(n, False))
        for kind, values in sorted(by_kind.items()):
            print(f"   {kind:10} {share(values)}")
        for title, values in by_article.items():
            print(f"   {title[:50]:50} {share(values)}")
    for judge in judges:
        codes = Counter(
            code.strip()
            for r in verdicts[judge].values()
            for code in (r.get("codes") or "").split(",")
            if code.strip()
        )
        answerability = [
            int(r["answerability"]) for r in verdicts[judge].values() if r.get("answerability")
        ]
        mean = sum(answerability) / max(1, len(answerability))
        print(f"== {judge}: codes {dict(codes.most_common())}; mean answerability {mean:.2f}")
    if len(judges) >= 2:
        a, b = ok[judges[0]], ok[judges[1]]
        common = [n for n in keys if n in a and n in b]
        agree = sum(a[n] == b[n] for n in common) / max(1, len(common))
        pa, pb = sum(a[n] for n in common) / len(common), sum(b[n] for n in common) / len(common)
        expected = pa * pb + (1 - pa) * (1 - pb)
        kappa = (agree - expected) / (1 - expected) if expected < 1 else 1.0
        print(f"== agreement {judges[0]} vs {judges[1]}: {agree:.0%} of cards, kappa {kappa:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
