"""Print generated cards, to read them as a learner would, with the volume figures.

With article files on the command line, every stored card of each (or a seeded sample of -n):

    .venv/bin/python benchmarks/sample_cards.py ARTICLE.txt [MORE.txt ...] [-n 40]

Without, N cards from the seed article and N from the SQuAD sample passages (one article per
passage). Each card shows its kind, prompt, options, answer and the sentence it came from; each
article ends with its cards and distinct answers per 100 words (the issue's volume figures).
`--all-candidates` prints the overgenerated pool instead (every candidate's cards before the
card ranker's cut), the pool judged training data is drawn from.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

from question_bank.distractors import normalise
from question_bank.generator import generate
from question_bank.models import Article, QuestionDraft
from question_bank.nlp import load_pipeline
from question_bank.readers import parse_article, read_article

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "nato-kfor-kosovo-clashes.txt"
DEFAULT_SQUAD = Path("/work/shared/eval/squad-dev-sample.jsonl")


def squad_articles(path: Path) -> list[Article]:
    articles = []
    for index, line in enumerate(path.read_text("utf-8").splitlines()):
        if line.strip():
            row = json.loads(line)
            title = row["title"].replace("_", " ")
            text = f"{title} (passage {index})\n\n{row['context']}\n"
            articles.append(parse_article(text, source=row["id"]))
    return articles


def volume(cards: list[QuestionDraft], words: int) -> str:
    answers = {normalise(c.answer) for c in cards if c.kind.value != "truefalse"}
    kinds = Counter(c.kind.value for c in cards)
    per = 100 / max(1, words)
    shown = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
    return (
        f"{len(cards)} cards ({shown}) from {words} words: "
        f"{len(cards) * per:.1f} cards and {len(answers) * per:.1f} distinct answers per 100 words"
    )


def show(label: str, cards: list[QuestionDraft], count: int | None, rng: random.Random) -> None:
    picked = cards if count is None else rng.sample(cards, min(count, len(cards)))
    print(f"=== {label}: {len(picked)} of {len(cards)} cards ===")
    for number, card in enumerate(picked, 1):
        print(f"{number:2}. [{card.kind.value}] {card.prompt}")
        if card.choices and card.kind.value == "choice":
            print(f"    options: {' | '.join(card.choices)}")
        accepted = f"  (also: {', '.join(card.accepted_answers)})" if card.accepted_answers else ""
        print(f"    answer: {card.answer}{accepted}   score {card.score:.2f}")
        print(f"    source: {card.sentence}")
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="*", type=Path, help="article files to read")
    parser.add_argument("-n", type=int, default=None, help="cards from each source (sample)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--squad", type=Path, default=DEFAULT_SQUAD)
    parser.add_argument("--all-candidates", action="store_true")
    args = parser.parse_args()
    nlp = load_pipeline()
    rng = random.Random(args.seed)
    over = args.all_candidates
    if args.articles:
        articles = [read_article(path) for path in args.articles]
        for article, drafts in generate(articles, nlp=nlp, overgenerate=over):
            show(f"{article.title} ({article.source})", drafts, args.n, rng)
            print(f"--- {article.title}: {volume(drafts, article.word_count)}\n")
        return 0
    count = 40 if args.n is None else args.n
    seed = read_article(SEED)
    seed_cards = [c for _, d in generate([seed], nlp=nlp, overgenerate=over) for c in d]
    show("seed article", seed_cards, count, rng)
    print(f"--- seed: {volume(seed_cards, seed.word_count)}\n")
    squad = squad_articles(args.squad)
    squad_cards = [c for _, d in generate(squad, nlp=nlp, overgenerate=over) for c in d]
    show("SQuAD passages", squad_cards, count, rng)
    words = sum(a.word_count for a in squad)
    print(f"--- SQuAD passages: {volume(squad_cards, words)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
