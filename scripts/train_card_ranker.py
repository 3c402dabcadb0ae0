"""Train the card acceptability ranker on the judged set; write question_bank/data/card_ranker.json.

Reads data/judged/**/*-cards.jsonl (one row per card and judge) and *-articles.jsonl, parses
each article the way the generator does (its answer ranker gives each judged fact its reach),
computes question_bank.card_ranker.features for every card, and fits an L2 logistic regression
(scikit-learn, a dev dependency). Cross-validation groups cards by article title (no article's
cards on both sides) and prints AUC overall and per kind. The floor of each kind and stratum
(question_bank.card_ranker.stratum) is the lowest probability at which the cross-validated
acceptable share of the kept cards reaches TARGET; the held-out line prints that share with
each title's floors chosen without it (the honest estimate of what is stored).

    .venv/bin/python scripts/train_card_ranker.py [--check] [--dry-run] [--target 0.9]
        [--rounds final,train,train3]

`--rounds` trains on those judged rounds only (default: all); the cross-validated AUC is also
printed per round. `--check` recomputes the weights from the rounds the shipped file names
(`trained_on`) and fails if they differ from it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from question_bank.card_ranker import (
    CardView,
    article_word_counts,
    features,
    floor_for,
    stratum,
)
from question_bank.cards.selection import fact_reaches
from question_bank.generator import article_states
from question_bank.nlp import PARSE_DISABLED, load_pipeline
from question_bank.readers import parse_article

ROOT = Path(__file__).resolve().parent.parent
JUDGED = ROOT / "data" / "judged"
OUT = ROOT / "question_bank" / "data" / "card_ranker.json"
C = 0.1
FOLDS = 5
TARGET = 0.9  # acceptable share among kept cards, cross-validated, per kind and stratum
KINDS = ("open", "cloze", "choice", "truefalse")
# question_bank.card_ranker.stratum
STRATA = tuple(f"{a}-{b}" for a in ("name", "count", "phrase") for b in ("top", "far"))
MIN_KEPT = 15  # a floor is trusted only over at least this many judged cards


def round_of(packet: str) -> str:
    """A packet's round: `train3-2` -> `train3`."""
    return packet.rsplit("-", 1)[0]


def load(
    rounds: frozenset[str] = frozenset(),
) -> tuple[list[dict[str, Any]], dict[tuple[str, int], dict[str, Any]]]:
    """The judged cards (of `rounds` only, when given) and every judged article."""
    cards: list[dict[str, Any]] = []
    articles: dict[tuple[str, int], dict[str, Any]] = {}
    for path in sorted(JUDGED.glob("**/*-cards.jsonl")):
        rows = (json.loads(line) for line in path.open(encoding="utf-8"))
        cards.extend(row for row in rows if not rounds or round_of(row["packet"]) in rounds)
    for path in sorted(JUDGED.glob("**/*-articles.jsonl")):
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
    # Each fact's reach (its answer-worthiness rank, question_bank.cards.selection.reaches) as the
    # generator at this commit ranks the article's candidates.
    keys = list(articles)
    rebuilt = [
        parse_article(f"{articles[k]['title']}\n\n{articles[k]['text']}\n", source="judged")
        for k in keys
    ]
    reach_of = {
        key: fact_reaches(state)
        for key, state in zip(keys, article_states(rebuilt, nlp=nlp), strict=True)
    }
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
        spans = reach_of[key]
        reach = spans.get((card["sentence"], (start, end)))
        if reach is None:
            # The older generator's span: the candidate of the sentence overlapping it most.
            overlaps = [
                (min(end, e) - max(start, s), r)
                for (text, (s, e)), r in spans.items()
                if text == card["sentence"] and min(end, e) > max(start, s)
            ]
            reach = max(overlaps)[1] if overlaps else -1.0
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
                reach=reach,
            )
        )
    return out


def stratum_floors(
    rows: list[tuple[float, int, str, str]], target: float
) -> dict[tuple[str, str], float]:
    """Per (kind, stratum), the floor `floor_for` picks over rows of (probability, label, kind,
    stratum)."""
    floors = {}
    for kind in KINDS:
        for part in STRATA:
            pairs = [(p, y) for p, y, k, w in rows if k == kind and w == part]
            curve = []
            for step in range(5, 100):
                kept = [y for p, y in pairs if p >= step / 100]
                curve.append([step / 100, len(kept), sum(kept) / len(kept) if kept else 0.0])
            floors[(kind, part)] = floor_for(curve, target, MIN_KEPT)
    return floors


def held_out(
    predicted: list[float],
    labels: list[int],
    kinds: list[str],
    where: list[str],
    groups: list[str],
    target: float,
) -> None:
    """The acceptable share of the cards the floors keep, with each title's floors chosen
    without that title's cards (the floors' own selection is then no longer in the figure)."""
    titles = sorted(set(groups))
    folds = {title: n % FOLDS for n, title in enumerate(titles)}
    kept: dict[str, list[int]] = defaultdict(list)
    for fold in range(FOLDS):
        rows = [
            (p, y, k, w)
            for p, y, k, w, g in zip(predicted, labels, kinds, where, groups, strict=True)
            if folds[g] != fold
        ]
        floors = stratum_floors(rows, target)
        for p, y, k, w, g in zip(predicted, labels, kinds, where, groups, strict=True):
            if folds[g] == fold and p >= floors[(k, w)]:
                kept[k].append(y)
                kept["all"].append(y)
    figures = ", ".join(
        f"{k} {sum(v) / len(v):.2f} of {len(v)}" for k, v in sorted(kept.items()) if v
    )
    print(f"held-out acceptable share of the kept cards (floors chosen without them): {figures}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--c", type=float, default=C, help="regularisation (try settings)")
    parser.add_argument("--dry-run", action="store_true", help="report only, write nothing")
    parser.add_argument("--target", type=float, default=TARGET, help="acceptable share per kind")
    parser.add_argument(
        "--rounds", default="", help="train on these judged rounds only (comma-separated)"
    )
    args = parser.parse_args()
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    rounds_wanted = frozenset(filter(None, args.rounds.split(",")))
    if args.check and not rounds_wanted:
        # The shipped weights name the rounds they were trained on; a round judged later is
        # data for the next training, not a reason for --check to fail.
        rounds_wanted = frozenset(json.loads(OUT.read_text("utf-8"))["trained_on"])
    cards, articles = load(rounds_wanted)
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
    rounds = [round_of(row["packet"]) for row, _ in data]
    for name, of in (("kind", kinds), ("round", rounds)):
        for value in sorted(set(of)):
            ys = [y for y, v in zip(labels, of, strict=True) if v == value]
            ps = [p for p, v in zip(predicted, of, strict=True) if v == value]
            if len(set(ys)) == 2:
                print(f"  {name} {value:9} cross-validated AUC {roc_auc_score(ys, ps):.3f}")
    # Floors: per kind and stratum (question_bank.card_ranker.stratum: a name, count or phrase
    # answer, within the article's budget or beyond it), the lowest probability at which the
    # cross-validated acceptable share of the cards kept reaches TARGET. The probabilities are
    # calibrated differently in each stratum, so one floor per kind would keep too few of one
    # and too many of another. A stratum whose share never reaches TARGET is not stored.
    where = [stratum(view) for _, view in data]
    thresholds: dict[str, float] = {}
    curves: dict[str, list[list[float]]] = {}
    for kind in KINDS:
        for part in STRATA:
            name = f"{kind}:{part}"
            pairs = sorted(
                (
                    (p, y)
                    for p, y, k, w in zip(predicted, labels, kinds, where, strict=True)
                    if k == kind and w == part
                ),
                reverse=True,
            )
            curve = []
            for step in range(5, 100):
                cut = step / 100
                kept = [y for p, y in pairs if p >= cut]
                curve.append([cut, len(kept), round(sum(kept) / len(kept), 3) if kept else 0.0])
            curves[name] = curve
            floor = floor_for(curve, args.target, MIN_KEPT)
            thresholds[name] = floor
            kept = [y for p, y in pairs if p >= floor]
            share = sum(kept) / len(kept) if kept else 0.0
            print(
                f"  {name:19} n={len(pairs):4} acceptable "
                f"{sum(y for _, y in pairs) / max(1, len(pairs)):.2f} | floor {floor:.2f} keeps "
                f"{len(kept):4} ({len(kept) / max(1, len(pairs)):.0%}) acceptable among kept "
                f"{share:.2f}"
            )
    held_out(predicted, labels, kinds, where, groups, args.target)
    model = LogisticRegression(C=args.c, max_iter=2000)
    model.fit(x, labels)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= 1e-4
    }
    shipped = {
        "model": "logistic regression over question_bank.card_ranker.features",
        "trained_on": sorted(set(rounds)),
        "examples": len(data),
        "C": args.c,
        "bias": round(float(model.intercept_[0]), 4),
        "target": args.target,
        "min_kept": MIN_KEPT,
        "thresholds": thresholds,
        "cv_curves": curves,
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
