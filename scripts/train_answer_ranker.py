"""Train the answer ranker (question_bank/data/answer_ranker.json) from SQuAD's crowd questions.

Every training passage (data/squad/squad-train.jsonl.gz, a copy of shared/eval/squad-train.jsonl)
goes through the generator's own candidate collection, one passage per article as
benchmarks/squad_recall.py does it. A candidate answer is a positive when it matches a gold answer
of its passage with SQuAD token F1 >= 0.5 (the benchmark's criterion). A logistic regression over
`question_bank.ranking.answer_features` learns from them; its weights, rounded, are written as
JSON with sorted keys, so the same data and library versions rebuild the same bytes.

    .venv/bin/python scripts/train_answer_ranker.py             # rebuild the shipped weights
    .venv/bin/python scripts/train_answer_ranker.py --check     # rebuild in memory and compare
    .venv/bin/python scripts/train_answer_ranker.py --evaluate  # figures for the closing note

`--evaluate` prints recall (token F1 >= 0.5) at 6, 8 and 10 distinct answers per 100 words: by
4-fold title cross-validation on the training passages, and on the dev sample
(shared/eval/squad-dev-sample.jsonl, never trained on) per 2-fold title split; then the same
with each feature group left out, and with the rule scores alone. Needs scikit-learn (a dev
dependency); takes several minutes on a loaded machine.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import string
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from question_bank import candidates, generator
from question_bank.cards import selection
from question_bank.cards.answers import display_answer
from question_bank.models import QuestionKind
from question_bank.nlp import load_pipeline
from question_bank.ranking import GROUPS, WEIGHTS_FILE, model_override
from question_bank.readers import parse_article

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT / "data" / "squad" / "squad-train.jsonl.gz"
DEV_CANDIDATES = (ROOT.parent / "shared" / "eval", Path("/work/shared/eval"))
OUTPUT = ROOT / "question_bank" / "data" / WEIGHTS_FILE
# Regularisation, chosen by cross-validation on the training titles (never on the dev sample).
C = 0.1
DIGITS = 5
BUDGETS = (0.06, 0.08, 0.099)
CV_FOLDS = 4
ASKED = (QuestionKind.OPEN.value, QuestionKind.CLOZE.value, QuestionKind.CHOICE.value)

Passage = dict[str, Any]
# A candidate's features and, for each question of its passage it matches, the token F1.
Example = tuple[dict[str, float], dict[int, float]]


def load_passages(path: Path) -> list[Passage]:
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    return [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]


def normalize_answer(text: str) -> list[str]:
    """SQuAD's normalisation, as benchmarks/squad_recall.py applies it."""
    text = "".join(ch for ch in text.lower() if ch not in set(string.punctuation))
    return re.sub(r"\b(a|an|the)\b", " ", text).split()


def f1(prediction: str, gold: str) -> float:
    pred, ref = normalize_answer(prediction), normalize_answer(gold)
    common = sum((Counter(pred) & Counter(ref)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(pred), common / len(ref)
    return 2 * precision * recall / (precision + recall)


def matches(answer: str, passage: Passage) -> dict[int, float]:
    """The passage's questions this answer matches (F1 >= 0.5), with the best F1 of each."""
    out: dict[int, float] = {}
    for n, qa in enumerate(passage["qas"]):
        best = max(f1(answer, gold) for gold in qa["answers"])
        if best >= 0.5:
            out[n] = best
    return out


def collect(passages: Sequence[Passage]) -> list[tuple[Passage, Any]]:
    """Each passage with its generator state (candidates parsed and collected)."""
    articles = [
        parse_article(
            f"{p['title'].replace('_', ' ')} (passage {n})\n\n{p['context']}\n", f"squad:{p['id']}"
        )
        for n, p in enumerate(passages)
    ]
    states = generator.article_states(articles, nlp=load_pipeline())
    return list(zip(passages, states, strict=True))


def examples(pairs: Iterable[tuple[Passage, Any]]) -> Iterator[tuple[str, list[Example]]]:
    """(title, [(features, questions covered)]) per passage."""
    for passage, state in pairs:
        features = candidates.candidate_features(state)
        answers = [display_answer(c.best) for c in state.candidates]
        yield (
            passage["title"],
            [(f, matches(a, passage)) for f, a in zip(features, answers, strict=True)],
        )


def only(features: Mapping[str, float], groups: Sequence[str]) -> dict[str, float]:
    return {k: v for k, v in features.items() if k.split(":", 1)[0] in groups}


def labelled(exs: Sequence[Example]) -> Iterator[tuple[dict[str, float], int]]:
    """Positives: for each question, the candidates that match it best ("700" rather than "700
    troops" for the gold "700"). A candidate that matches only less well than another is left
    out of training: an acceptable answer, not the one the asker had in mind, nor a negative."""
    top: dict[int, float] = {}
    for _, found in exs:
        for question, value in found.items():
            top[question] = max(top.get(question, 0.0), value)
    for features, found in exs:
        best = any(value >= top[question] for question, value in found.items())
        if best:
            yield features, 1
        elif not found:
            yield features, 0


def fit(data: Sequence[tuple[str, list[Example]]], groups: Sequence[str] = GROUPS) -> dict:
    """A logistic regression over the examples' features; weights rounded, zeros dropped."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows: list[dict[str, float]] = []
    labels: list[int] = []
    for _, exs in data:
        for features, label in labelled(exs):
            rows.append(only(features, groups))
            labels.append(label)
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=C, max_iter=5000)
    model.fit(matrix, labels)
    weights = {
        name: round(float(w), DIGITS)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
    }
    return {
        "kind": "logistic",
        "bias": round(float(model.intercept_[0]), DIGITS),
        "weights": {k: v for k, v in sorted(weights.items()) if v != 0.0},
    }


def describe(model: dict, data: Sequence[tuple[str, list[Example]]]) -> dict:
    """The shipped file: weights plus how they were made (so a reader can rebuild them)."""
    import sklearn

    labels = [label for _, exs in data for _, label in labelled(exs)]
    return {
        "about": (
            "Answer ranker of question_bank.ranking: logistic regression weights over "
            "answer_features. Built by scripts/train_answer_ranker.py from "
            "data/squad/squad-train.jsonl.gz (SQuAD v1.1, CC BY-SA 4.0)."
        ),
        "training": {
            "data_sha256": hashlib.sha256(gzip.decompress(TRAIN.read_bytes())).hexdigest(),
            "passages": len(data),
            "candidates": sum(len(exs) for _, exs in data),
            "trained_on": len(labels),
            "positives": sum(labels),
            "C": C,
            "scikit_learn": sklearn.__version__,
        },
        **model,
    }


def render(document: dict) -> str:
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


@contextmanager
def budget(per_word: float) -> Iterator[None]:
    saved = selection.ANSWERS_PER_WORD
    selection.ANSWERS_PER_WORD = per_word
    try:
        yield
    finally:
        selection.ANSWERS_PER_WORD = saved


def recall(pairs: Sequence[tuple[Passage, Any]], model: dict, per_word: float) -> list[int]:
    """[questions, covered, distinct answers, words] through the generator's own selection."""
    tally = [0, 0, 0, 0]
    with model_override(model), budget(per_word):
        for passage, state in pairs:
            drafts = selection.select_cards(state, {})  # the generator's own selection
            mine = [d.answer for d in drafts if d.kind.value in ASKED]
            hit = {q for a in mine for q in matches(a, passage)}
            tally[0] += len(passage["qas"])
            tally[1] += len(hit)
            tally[2] += len({" ".join(normalize_answer(a)) for a in mine})
            tally[3] += len(passage["context"].split())
    return tally


def line(tallies: Sequence[list[int]]) -> str:
    parts = []
    for q, c, d, w in tallies:
        parts.append(f"{c / q:.3f} at {100 * d / w:4.1f}")
    return "  ".join(parts)


def folds_of(titles: Iterable[str], k: int) -> dict[str, int]:
    """Titles sorted and dealt out in turn (benchmarks/squad_recall.py's split for k = 2)."""
    return {title: n % k for n, title in enumerate(sorted(set(titles)))}


def evaluate(train_pairs: list, train_data: list, dev_pairs: list, groups: Sequence[str]) -> None:
    label = "all groups" if tuple(groups) == GROUPS else "+".join(groups)
    cv_fold = folds_of((t for t, _ in train_data), CV_FOLDS)
    cv: list[list[int]] = [[0, 0, 0, 0] for _ in BUDGETS]
    for k in range(CV_FOLDS):
        model = fit([d for d in train_data if cv_fold[d[0]] != k], groups)
        held = [p for p in train_pairs if cv_fold[p[0]["title"]] == k]
        for n, per_word in enumerate(BUDGETS):
            cv[n] = [a + b for a, b in zip(cv[n], recall(held, model, per_word), strict=True)]
    model = fit(train_data, groups)
    dev_fold = folds_of((p["title"] for p, _ in dev_pairs), 2)
    dev = [recall(dev_pairs, model, per_word) for per_word in BUDGETS]
    by_fold = [
        [recall([p for p in dev_pairs if dev_fold[p[0]["title"]] == f], model, 0.099)]
        for f in (0, 1)
    ]
    print(
        f"{label:28s} train-cv {line(cv)} | dev {line(dev)} | folds {line(by_fold[0])}"
        f" / {line(by_fold[1])}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped file")
    parser.add_argument("--evaluate", action="store_true", help="print recall and ablations")
    parser.add_argument("--dev", type=Path, default=None, help="the dev sample (jsonl)")
    args = parser.parse_args()
    started = time.perf_counter()
    train_pairs = collect(load_passages(TRAIN))
    train_data = list(examples(train_pairs))
    if args.evaluate:
        dev_path = args.dev or next(
            (d / "squad-dev-sample.jsonl" for d in DEV_CANDIDATES if d.exists()), None
        )
        if dev_path is None:
            print("no dev sample found: pass --dev PATH", file=sys.stderr)
            return 2
        dev_pairs = collect(load_passages(dev_path))
        print("recall (token F1 >= 0.5) at distinct answers per 100 words, budgets", BUDGETS)
        evaluate(train_pairs, train_data, dev_pairs, GROUPS)
        for group in GROUPS:
            evaluate(train_pairs, train_data, dev_pairs, [g for g in GROUPS if g != group])
        evaluate(train_pairs, train_data, dev_pairs, ["rule"])
        return 0
    text = render(describe(fit(train_data), train_data))
    if args.check:
        same = OUTPUT.exists() and OUTPUT.read_text("utf-8") == text
        print("shipped weights reproduced" if same else "shipped weights DIFFER from a rebuild")
        return 0 if same else 1
    OUTPUT.write_text(text, "utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
