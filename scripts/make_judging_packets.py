"""Write blind-judging packets (shared/eval/JUDGING.md) of generated cards, and their key files.

Articles are short: a run of a few consecutive paragraphs of each SQuAD title (rebuilt as
"title\\n\\nparagraph\\n\\nparagraph…"), plus any article files given with --article. Cards are
drawn at random with a fixed seed, the same number per article, from every card the generator
makes (`--overgenerate`: every candidate's cards before the budget cut, the pool a card ranker
learns from) or from the cards it stores. Each packet holds at most --max-cards cards; the
mapping card number -> card (sentence, span, kind, features) goes to a key file OUTSIDE the
packet, so the judge sees only articles and cards.

    .venv/bin/python scripts/make_judging_packets.py --round train1 --overgenerate \\
        --squad /work/shared/eval/squad-train.jsonl --article seeds/nato-kfor-kosovo-clashes.txt
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from question_bank.generator import generate
from question_bank.models import Article, QuestionDraft, QuestionKind
from question_bank.nlp import load_pipeline
from question_bank.readers import parse_article, read_article

ROOT = Path(__file__).resolve().parent.parent


def used_runs(paths: list[Path]) -> dict[str, set[int]]:
    """Paragraph numbers of each SQuAD title already in earlier packets (their articles files)."""
    used: dict[str, set[int]] = defaultdict(set)
    for path in paths:
        for line in path.read_text("utf-8").splitlines():
            source = json.loads(line)["source"] if line.strip() else ""
            if "#" in source and ":" in source:
                title, _, run = source.split(":", 1)[1].rpartition("#")
                first, _, last = run.partition("-")
                used[title].update(range(int(first), int(last) + 1))
    return used


def squad_articles(
    path: Path,
    paragraphs: int,
    rng: random.Random,
    titles: set[str] | None,
    used: dict[str, set[int]] | None = None,
) -> list[Article]:
    """One short article per title: `paragraphs` consecutive paragraphs, start drawn at random
    among the runs that share no paragraph with an earlier packet's (where there are any)."""
    by_title: dict[str, list[str]] = defaultdict(list)
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if titles is None or row["title"] in titles:
                by_title[row["title"]].append(row["context"])
    articles = []
    for title in sorted(by_title):
        texts = by_title[title]
        starts = range(max(1, len(texts) - paragraphs + 1))
        taken = (used or {}).get(title, set())
        fresh = [n for n in starts if not taken & set(range(n, n + paragraphs))]
        start = rng.choice(fresh or list(starts))
        body = "\n\n".join(t.strip() for t in texts[start : start + paragraphs])
        name = title.replace("_", " ")
        source = f"{path.name}:{title}#{start}-{start + paragraphs - 1}"
        articles.append(parse_article(f"{name}\n\n{body}\n", source=source))
    return articles


def card_lines(number: int, article_number: int, card: QuestionDraft) -> list[str]:
    lines = [f"{number}. (article {article_number}) {card.prompt}"]
    if card.kind == QuestionKind.CHOICE:
        lines.append(f"   options: {' | '.join(card.choices)}")
    elif card.kind == QuestionKind.TRUEFALSE:
        lines.append("   options: True | False")
    lines.append(f"   answer: {card.answer}")
    return lines


def draw(
    drafts: list[QuestionDraft], per_kind: dict[str, int], reach: int, rng: random.Random
) -> list[QuestionDraft]:
    """Cards stratified by kind; within a kind, cards of the `reach` most answer-worthy facts
    first (an overgenerated card's score is its fact's worth), then any other."""
    facts = sorted({(d.sentence, d.answer_span, d.score) for d in drafts}, key=lambda f: -f[2])
    near = {(s, span) for s, span, _ in facts[:reach]}
    picked: list[QuestionDraft] = []
    for kind, count in per_kind.items():
        of_kind = [d for d in drafts if d.kind.value == kind]
        first = [d for d in of_kind if (d.sentence, d.answer_span) in near]
        rest = [d for d in of_kind if (d.sentence, d.answer_span) not in near]
        rng.shuffle(first)
        rng.shuffle(rest)
        picked += (first + rest)[:count]
    return picked


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--round", required=True, help="packet name prefix, e.g. train1")
    parser.add_argument("--out", type=Path, default=Path("/work/judging"))
    parser.add_argument("--squad", type=Path, action="append", default=[])
    parser.add_argument("--titles", nargs="*", help="only these SQuAD titles")
    parser.add_argument("--article", type=Path, action="append", default=[])
    parser.add_argument("--paragraphs", type=int, default=3)
    parser.add_argument("--per-article", type=int, default=32)
    parser.add_argument("--max-cards", type=int, default=150)
    parser.add_argument("--judges", type=int, default=1)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--overgenerate", action="store_true")
    parser.add_argument(
        "--avoid", type=Path, action="append", default=[], help="earlier packets' articles.jsonl"
    )
    parser.add_argument(
        "--per-kind", help="cards per kind and article, e.g. open=6,choice=5,truefalse=5,cloze=4"
    )
    parser.add_argument(
        "--reach", type=float, default=0.2, help="with --per-kind: facts per word drawn first"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    titles = set(args.titles) if args.titles else None
    articles: list[Article] = []
    for path in args.squad:
        articles.extend(squad_articles(path, args.paragraphs, rng, titles, used_runs(args.avoid)))
    articles.extend(read_article(path) for path in args.article)
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    nlp = load_pipeline()
    drawn: list[tuple[Article, list[QuestionDraft]]] = []
    for article, drafts in generate(articles, nlp=nlp, overgenerate=args.overgenerate):
        if args.per_kind:
            per_kind = {k: int(v) for k, v in (p.split("=") for p in args.per_kind.split(","))}
            picked = draw(drafts, per_kind, round(article.word_count * args.reach), rng)
        else:
            picked = rng.sample(drafts, min(args.per_article, len(drafts)))
        picked.sort(key=lambda d: drafts.index(d))
        drafts_shuffled = picked[:]
        rng.shuffle(drafts_shuffled)
        drawn.append((article, drafts_shuffled))
        print(f"{article.title}: {len(drafts)} cards, drew {len(picked)}", file=sys.stderr)
    # Packets: whole articles, at most max-cards cards each.
    packets: list[list[tuple[Article, list[QuestionDraft]]]] = [[]]
    for item in drawn:
        if packets[-1] and sum(len(c) for _, c in packets[-1]) + len(item[1]) > args.max_cards:
            packets.append([])
        packets[-1].append(item)
    for index, packet in enumerate(packets, 1):
        name = f"{args.round}-{index}"
        folder = args.out / name
        folder.mkdir(parents=True, exist_ok=False)
        article_md: list[str] = []
        cards_md: list[str] = []
        keys: list[str] = []
        articles_rows: list[str] = []
        number = 0
        for article_number, (article, cards) in enumerate(packet, 1):
            article_md += [f"## Article {article_number}: {article.title}", "", article.text, ""]
            articles_rows.append(
                json.dumps(
                    {
                        "article": article_number,
                        "title": article.title,
                        "source": article.source,
                        "text": article.text,
                    },
                    ensure_ascii=False,
                )
            )
            for card in cards:
                number += 1
                cards_md += [*card_lines(number, article_number, card), ""]
                keys.append(
                    json.dumps(
                        {
                            "n": number,
                            "article": article_number,
                            "title": article.title,
                            "source": article.source,
                            "kind": card.kind.value,
                            "prompt": card.prompt,
                            "answer": card.answer,
                            "choices": list(card.choices),
                            "accepted_answers": list(card.accepted_answers),
                            "sentence": card.sentence,
                            "answer_span": list(card.answer_span),
                            "section": card.section,
                            "answer_type": card.answer_type.value,
                            "score": card.score,
                            "tags": list(card.tags),
                            "generator_commit": commit,
                            "overgenerated": args.overgenerate,
                        },
                        ensure_ascii=False,
                    )
                )
        (folder / "articles.md").write_text("\n".join(article_md), "utf-8")
        (folder / "cards.md").write_text("\n".join(cards_md), "utf-8")
        (folder / "judges").write_text(f"{args.judges}\n", "utf-8")
        (args.out / f"{name}.key.jsonl").write_text("\n".join(keys) + "\n", "utf-8")
        (args.out / f"{name}.articles.jsonl").write_text("\n".join(articles_rows) + "\n", "utf-8")
        (folder / "READY").write_text("", "utf-8")
        print(f"{folder}: {len(packet)} articles, {number} cards", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
