"""Recall against judged quality: the Pareto front of the card ranker's floors and the budget.

For each acceptability target (the share of a kind's stored cards judges are predicted to
accept, cross-validated on the judged set: question_bank.card_ranker.CardRanker.with_target
sets every kind's floor from the shipped cross-validation curves) and each budget of distinct
answers per 100 words, the generator runs over SQuAD passages in process (no bank; the same
articles `benchmarks/squad_recall.py` writes) and this prints:

- gold-answer recall (open, cloze and choice answers, token F1 >= 0.5, SQuAD normalisation) and
  distinct answers per 100 words, overall and per 2-fold title split (titles sorted, alternate);
- per kind, the stored cards and the ranker's mean predicted acceptability of them (the
  cross-validated share at each floor is printed by scripts/train_card_ranker.py).

It reads the dev sample only to measure; nothing is fitted to it.

    nice .venv/bin/python scripts/recall_quality_front.py [--targets 0.8 0.86] [--budgets 6 10]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from question_bank import generator
from question_bank.card_ranker import NEVER, load_ranker
from question_bank.cards import selection
from question_bank.models import Article
from question_bank.nlp import load_pipeline
from question_bank.readers import parse_article

DEFAULT_SAMPLE = Path("/work/shared/eval/squad-dev-sample.jsonl")
ASKED = ("open", "cloze", "choice")
ROOT = Path(__file__).resolve().parent.parent
# The benchmark's own metric (benchmarks/ is scripts, not a package).
_SPEC = importlib.util.spec_from_file_location("squad_recall", ROOT / "benchmarks/squad_recall.py")
assert _SPEC is not None and _SPEC.loader is not None
_BENCH = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_BENCH)
f1, normalize_answer = _BENCH.f1, _BENCH.normalize_answer


def articles_of(passages: list[dict]) -> list[Article]:
    return [
        parse_article(
            f"{p['title'].replace('_', ' ')} (passage {n})\n\n{p['context']}\n", source=str(n)
        )
        for n, p in enumerate(passages)
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sample", nargs="?", type=Path, default=DEFAULT_SAMPLE)
    parser.add_argument("--targets", type=float, nargs="*", default=[0.8, 0.83, 0.86, 0.9])
    parser.add_argument("--budgets", type=float, nargs="*", default=[6, 8, 10])
    args = parser.parse_args()
    passages = [json.loads(line) for line in args.sample.read_text().splitlines() if line.strip()]
    titles = sorted({p["title"] for p in passages})
    fold_of = {title: n % 2 for n, title in enumerate(titles)}
    articles = articles_of(passages)
    shipped = load_ranker()
    if shipped is None:
        print("no card ranker shipped")
        return 1
    nlp = load_pipeline()
    saved_budget, saved_loader = selection.ANSWERS_PER_WORD, selection.load_ranker
    try:
        for target in args.targets:
            ranker = shipped.with_target(target)
            selection.load_ranker = lambda r=ranker: r  # type: ignore[assignment]
            floors = "  ".join(
                f"{k} {'never' if v >= NEVER else f'{v:.2f}'}"
                for k, v in sorted(ranker.thresholds.items())
            )
            print(f"target {target:.2f}: floors {floors}")
            for budget in args.budgets:
                selection.ANSWERS_PER_WORD = budget / 100
                # Per fold: questions, covered, distinct answers, words.
                rows = {key: [0, 0, 0, 0] for key in ("all", 0, 1)}
                kinds: Counter[str] = Counter()
                mean: dict[str, list[float]] = defaultdict(list)
                for n, (_, drafts) in enumerate(generator.generate(articles, nlp=nlp)):
                    passage = passages[n]
                    mine = [d.answer for d in drafts if d.kind.value in ASKED]
                    for d in drafts:
                        kinds[d.kind.value] += 1
                        mean[d.kind.value].append(d.score)
                    for row in (rows["all"], rows[fold_of[passage["title"]]]):
                        row[2] += len({" ".join(normalize_answer(a)) for a in mine})
                        row[3] += len(passage["context"].split())
                        for qa in passage["qas"]:
                            row[0] += 1
                            row[1] += any(f1(a, g) >= 0.5 for a in mine for g in qa["answers"])
                q, h, d, w = rows["all"]
                folds = "  ".join(f"fold {f} {rows[f][1] / rows[f][0]:.3f}" for f in (0, 1))
                print(
                    f"  budget {budget:4.1f}: recall {h / q:.3f} at {100 * d / w:5.2f} answers/100"
                    f" words ({folds})"
                )
                parts = []
                for kind in ("open", "cloze", "choice", "truefalse"):
                    scores = mean.get(kind, [])
                    avg = sum(scores) / len(scores) if scores else float("nan")
                    parts.append(f"{kind} {kinds[kind]} (mean p {avg:.2f})")
                total = sum(kinds.values())
                overall = sum(sum(v) for v in mean.values()) / max(1, total)
                print(f"    stored {total}: mean p {overall:.2f}; " + "; ".join(parts))
    finally:
        selection.ANSWERS_PER_WORD, selection.load_ranker = saved_budget, saved_loader
    return 0


if __name__ == "__main__":
    sys.exit(main())
