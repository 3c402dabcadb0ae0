"""Train the card acceptability ranker on the judged set; write question_bank/data/card_ranker.json.

Reads data/judged/*-cards.jsonl (one row per card and judge) and *-articles.jsonl, parses each
article the way the generator does, computes question_bank.card_ranker.features for every card,
and fits an L2 logistic regression (scikit-learn, a dev dependency). Cross-validation groups
cards by article title (no article's cards on both sides) and reports AUC and, per kind, the
share kept and the share acceptable among kept at the chosen threshold. The threshold of each
kind is the lowest that keeps the cross-validated acceptable share at TARGET or above.

    .venv/bin/python scripts/train_card_ranker.py [--check]

`--check` recomputes the weights and fails if they differ from the shipped file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from question_bank.card_ranker import CardView, article_word_counts, features
from question_bank.nlp import PARSE_DISABLED, load_pipeline

ROOT = Path(__file__).resolve().parent.parent
JUDGED = ROOT / "data" / "judged"
OUT = ROOT / "question_bank" / "data" / "card_ranker.json"
C = 0.2
FOLDS = 5
TARGET = 0.88  # acceptable share among kept cards, cross-validated, per kind
KINDS = ("open", "cloze", "choice", "truefalse")
MIN_SHARE = 0.2


def load() -> tuple[list[dict[str, Any]], dict[tuple[str, int], dict[str, Any]]]:
    cards: list[dict[str, Any]] = []
    articles: dict[tuple[str, int], dict[str, Any]] = {}
    for path in sorted(JUDGED.glob("*-cards.jsonl")):
        cards.extend(json.loads(line) for line in path.open(encoding="utf-8"))
    for path in sorted(JUDGED.glob("*-articles.jsonl")):
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            articles[(row["packet"], row["article"])] = row
    return cards, articles


def views(cards: list[dict[str, Any]], articles: dict[tuple[str, int], dict[str, Any]]) -> list:
    """One CardView per judged card (None where its sentence cannot be found again)."""
    nlp = load_pipeline()
    disabled = [name for name in PARSE_DISABLED if name in nlp.pipe_names]
    sentences: dict[tuple[str, int], dict[str, Any]] = {}
    for key, article in articles.items():
        paragraphs = [p for p in article["text"].split("\n\n") if p.strip()]
        found: dict[str, Any] = {}
        for doc in nlp.pipe(paragraphs, disable=disabled):
            for sent in doc.sents:
                found.setdefault(sent.text, sent)
        sentences[key] = found
    counts = {key: article_word_counts(a["text"]) for key, a in articles.items()}
    out = []
    for card in cards:
        key = (card["packet"], card["article"])
        sent = sentences[key].get(card["sentence"])
        if sent is None:
            out.append(None)
            continue
        start, end = card["answer_span"]
        span = sent.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            out.append(None)
            continue
        label = ""
        if card["tags"][1] in ("entity", "title"):
            label = next((e.label_ for e in sent.ents if e.start <= span.root.i < e.end), "PERSON")
        out.append(
            CardView(
                kind=card["kind"],
                prompt=card["prompt"],
                answer=card["sentence"][start:end],
                truth=card["answer"] if card["kind"] == "truefalse" else "",
                choices=card["choices"],
                answer_type=card["answer_type"],
                role=card["tags"][1],
                label=label,
                sent=sent,
                start=span.start,
                end=span.end,
                title=articles[key]["title"],
                article_words=counts[key],
            )
        )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--c", type=float, default=C, help="regularisation (try settings)")
    parser.add_argument("--dry-run", action="store_true", help="report only, write nothing")
    args = parser.parse_args()
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    cards, articles = load()
    # One example per card: the judges' mean verdict (one judge for the training rounds).
    merged: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for card in cards:
        merged[(card["packet"], card["n"])].append(card)
    rows = [
        group[0] | {"y": sum(c["acceptable"] for c in group) / len(group)}
        for group in (merged[k] for k in sorted(merged))
    ]
    found = views(rows, articles)
    data = [(row, view) for row, view in zip(rows, found, strict=True) if view is not None]
    print(f"{len(data)} of {len(rows)} judged cards found again in their articles")
    feats = [features(view) for _, view in data]
    labels = [1 if row["y"] >= 0.5 else 0 for row, _ in data]
    kinds = [row["kind"] for row, _ in data]
    groups = [row["title"] for row, _ in data]
    vectorizer = DictVectorizer(sparse=True)
    x = vectorizer.fit_transform(feats)
    # Cross-validated probabilities, grouped by article title.
    predicted = [0.0] * len(labels)
    for train, test in GroupKFold(n_splits=FOLDS).split(x, labels, groups):
        model = LogisticRegression(C=args.c, max_iter=2000)
        model.fit(x[train], [labels[i] for i in train])
        for i, p in zip(test, model.predict_proba(x[test])[:, 1], strict=True):
            predicted[i] = float(p)
    print(
        f"cross-validated AUC {roc_auc_score(labels, predicted):.3f}; "
        f"base rate {sum(labels) / len(labels):.3f}"
    )
    for kind in KINDS:
        ys = [y for y, k in zip(labels, kinds, strict=True) if k == kind]
        ps = [p for p, k in zip(predicted, kinds, strict=True) if k == kind]
        if len(set(ys)) == 2:
            print(f"  {kind:9} cross-validated AUC {roc_auc_score(ys, ps):.3f}")
    thresholds: dict[str, float] = {}
    for kind in KINDS:
        pairs = sorted(
            ((p, y) for p, y, k in zip(predicted, labels, kinds, strict=True) if k == kind),
            reverse=True,
        )
        best = 1.0
        cuts = [t / 100 for t in range(30, 96)]
        for cut in cuts:
            kept = [y for p, y in pairs if p >= cut]
            if len(kept) >= 5 and sum(kept) / len(kept) >= TARGET:
                best = cut
                break
        if best == 1.0:
            # Out of reach for this kind: keep its best-scored fifth (the most precise cut that
            # keeps at least MIN_SHARE), so that every form still reaches the learner.
            wide = [c for c in cuts if sum(1 for p, _ in pairs if p >= c) >= MIN_SHARE * len(pairs)]
            best = max(
                wide,
                key=lambda c: (
                    sum(y for p, y in pairs if p >= c) / max(1, sum(1 for p, _ in pairs if p >= c))
                ),
                default=0.5,
            )
            print(f"  {kind:9} target out of reach: best-scored {MIN_SHARE:.0%} kept")
        thresholds[kind] = best
        curve = []
        for share_kept in (0.1, 0.2, 0.3, 0.5):
            top = pairs[: max(1, int(len(pairs) * share_kept))]
            curve.append(f"top {share_kept:.0%}: {sum(y for _, y in top) / len(top):.2f}")
        print(f"  {kind:9} precision of the best-scored: {', '.join(curve)}")
        kept = [y for p, y in pairs if p >= best]
        share = sum(kept) / len(kept) if kept else 0.0
        print(
            f"  {kind:9} n={len(pairs):4} acceptable {sum(y for _, y in pairs) / len(pairs):.2f}"
            f" | threshold {best:.2f} keeps {len(kept):4} ({len(kept) / len(pairs):.0%})"
            f" acceptable among kept {share:.2f}"
        )
    model = LogisticRegression(C=args.c, max_iter=2000)
    model.fit(x, labels)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= 1e-4
    }
    shipped = {
        "model": "logistic regression over question_bank.card_ranker.features",
        "trained_on": sorted({row["packet"].rsplit("-", 1)[0] for row, _ in data}),
        "examples": len(data),
        "C": args.c,
        "bias": round(float(model.intercept_[0]), 4),
        "thresholds": thresholds,
        "weights": dict(sorted(weights.items())),
    }
    text = json.dumps(shipped, indent=1, ensure_ascii=False) + "\n"
    if args.dry_run:
        return 0
    if args.check:
        same = OUT.exists() and OUT.read_text("utf-8") == text
        print("shipped weights reproduced" if same else "shipped weights DIFFER")
        return 0 if same else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, "utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
