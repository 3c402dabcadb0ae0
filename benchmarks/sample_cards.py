"""Print a seeded random sample of generated cards, to read them as a learner would.

N cards from the seed article and N from the SQuAD sample passages (one article per passage),
each with its kind, prompt, answer, options and the sentence it came from.

    .venv/bin/python benchmarks/sample_cards.py [-n 40] [--seed 7] [--squad path.jsonl]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

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


def show(label: str, cards: list[QuestionDraft], count: int, rng: random.Random) -> None:
    picked = rng.sample(cards, min(count, len(cards)))
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
    parser.add_argument("-n", type=int, default=40, help="cards from each source")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--squad", type=Path, default=DEFAULT_SQUAD)
    args = parser.parse_args()
    nlp = load_pipeline()
    rng = random.Random(args.seed)
    seed_cards = [c for _, drafts in generate([read_article(SEED)], nlp=nlp) for c in drafts]
    show("seed article", seed_cards, args.n, rng)
    squad_cards = [c for _, drafts in generate(squad_articles(args.squad), nlp=nlp) for c in drafts]
    show("SQuAD passages", squad_cards, args.n, rng)
    return 0


if __name__ == "__main__":
    sys.exit(main())
