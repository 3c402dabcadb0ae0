"""Benchmark: many learners answering at once on one shared bank, then an audit of the bank.

Two runs, each bounded in time and on this machine only:

- PostgreSQL: 50 learners (threads spread over 4 processes, each learner its own
  `StudyService`, so its own sessions and pooled connections) answer cards for 60 s against a
  fresh database on a loopback server;
- SQLite: the same learners over 4 processes on one bank file.

Every answer goes through the study service's answer path (`StudyService.next_card()` then
`answer()`), with each learner's clock moving on an hour per answer so that reviews, lapses
and new cards all occur. Each worker keeps the answers that were acknowledged (returned
without error) and those refused (an error, e.g. "locked").

The audit afterwards: every acknowledged answer is in `review_logs` (same learner, question and
rating, same number) and nothing else is; and every card's state is exactly its review log
replayed through FSRS (`quizapp.study.learner_admin.check_history`). Prints answers per second,
answer latency percentiles and the audit's result; exits 1 if the audit fails.

    .venv/bin/python benchmarks/concurrent_learners.py \\
        [--pg postgresql+psycopg://postgres@127.0.0.1:5432/postgres] [--seconds 60] \\
        [--learners 50] [--processes 4] [--skip-pg] [--skip-sqlite]

The PostgreSQL URL defaults to QUIZAPP_BENCH_PG_URL, then QUIZAPP_TEST_PG_URL; its host must
be loopback. A database `quizapp_bench_<pid>` is created on that server and dropped after.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, insert, make_url, select, text

from question_bank.errors import QuestionBankError
from question_bank.store import Bank, open_bank
from question_bank.store.schema import ArticleRow, LearnerRow, QuestionRow, ReviewLogRow
from quizapp.settings import Settings
from quizapp.study.learner_admin import check_history
from quizapp.study.learners import get_or_create_learner
from quizapp.study.session import StudyService

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
ARTICLES = 10
QUESTIONS_PER_ARTICLE = 100
START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
# Guards each process's WorkerResult (its learner threads all add to it).
RESULT_LOCK = threading.Lock()


def bench_settings() -> Settings:
    """Default settings, with daily limits high enough that no queue runs dry in a run."""
    return Settings.model_validate({"new_cards_per_day": 100_000, "reviews_per_day": 100_000})


@dataclass
class WorkerResult:
    """What one process's learners did: acknowledged answers, refusals, latencies."""

    acknowledged: Counter[tuple[str, str, int]] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class LearnerClock:
    """A learner's clock: an hour passes with every answer."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def fill_bank(url: str, learners: list[str]) -> None:
    """A bank of ARTICLES x QUESTIONS_PER_ARTICLE open questions and the learners."""
    bank = open_bank(url)
    try:
        with bank.transaction() as session:
            session.execute(
                insert(ArticleRow),
                [
                    {
                        "id": f"bench-article-{a:02d}",
                        "title": f"Benchmark article {a}",
                        "source": f"/bench/{a}.txt",
                        "text": "",
                        "content_hash": f"bench-article-{a:02d}",
                    }
                    for a in range(ARTICLES)
                ],
            )
            session.execute(
                insert(QuestionRow),
                [
                    {
                        "id": f"bench-{a:02d}-{q:04d}",
                        "article_id": f"bench-article-{a:02d}",
                        "kind": "open",
                        "prompt": f"Question {q} of article {a}?",
                        "answer": f"answer {q}",
                        "source_sentence": f"Sentence {q}.",
                        "position": q,
                    }
                    for a in range(ARTICLES)
                    for q in range(QUESTIONS_PER_ARTICLE)
                ],
            )
            for name in learners:
                get_or_create_learner(session, name)
    finally:
        bank.dispose()


def run_learner(
    bank: Bank, name: str, seed: int, go: threading.Event, seconds: float, result: WorkerResult
) -> None:
    """One learner: next card, answer, until the deadline; errors are recorded, not raised."""
    try:
        _answer_until_deadline(bank, name, seed, go, seconds, result)
    except BaseException as error:  # reported by the parent, which fails the run
        with RESULT_LOCK:
            result.errors.append(f"{name}: {type(error).__name__}: {error}")


def _answer_until_deadline(
    bank: Bank, name: str, seed: int, go: threading.Event, seconds: float, result: WorkerResult
) -> None:
    rng = random.Random(seed)
    clock = LearnerClock(START + timedelta(minutes=seed % 60))
    service = StudyService(bank, bench_settings(), name, clock=clock, timezone=UTC)
    go.wait()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            card = service.next_card()
            if card is None:
                clock.now += timedelta(hours=6)
                continue
            rating = rng.choices((1, 2, 3, 4), weights=(15, 15, 60, 10))[0]
            began = time.perf_counter()
            service.answer(
                card.question_id, rating, duration_ms=rng.randint(800, 9000), mode="flip"
            )
            took = time.perf_counter() - began
        except QuestionBankError as error:  # shown to the learner; the answer was not taken
            with RESULT_LOCK:
                result.refused[str(error)[:100]] += 1
            continue
        with RESULT_LOCK:
            result.acknowledged[(name, card.question_id, rating)] += 1
            result.latencies.append(took)
        clock.now += timedelta(hours=1)


def worker(
    url: str, names: list[str], seeds: list[int], seconds: float, ready: Any, go: Any, out: Any
) -> None:
    """A process: its learners as threads, one StudyService each, over one engine's pool."""
    result = WorkerResult()
    try:
        bank = open_bank(url)
        local_go = threading.Event()
        threads = [
            threading.Thread(target=run_learner, args=(bank, name, seed, local_go, seconds, result))
            for name, seed in zip(names, seeds, strict=True)
        ]
        for thread in threads:
            thread.start()
        ready.put(os.getpid())
        go.wait()
        local_go.set()
        for thread in threads:
            thread.join()
        bank.dispose()
    except BaseException as error:  # reported to the parent, which fails the run
        result.errors.append(f"{type(error).__name__}: {error}")
        ready.put(os.getpid())
    out.put(result)


def run(label: str, url: str, learners: int, processes: int, seconds: float) -> bool:
    """One benchmark run on a fresh bank at `url`; prints figures; True if the audit passes."""
    names = [f"learner-{n:02d}" for n in range(learners)]
    fill_bank(url, names)
    context = multiprocessing.get_context("spawn")
    ready, out, go = context.Queue(), context.Queue(), context.Event()
    groups = [list(range(p, learners, processes)) for p in range(processes)]
    children = [
        context.Process(
            target=worker,
            args=(url, [names[i] for i in group], group, seconds, ready, go, out),
        )
        for group in groups
        if group
    ]
    for child in children:
        child.start()
    for _ in children:
        ready.get(timeout=120)
    began = time.perf_counter()
    go.set()
    results: list[WorkerResult] = [out.get(timeout=seconds + 300) for _ in children]
    elapsed = time.perf_counter() - began
    for child in children:
        child.join(timeout=60)
    acknowledged: Counter[tuple[str, str, int]] = Counter()
    refused: Counter[str] = Counter()
    latencies: list[float] = []
    errors: list[str] = []
    for result in results:
        acknowledged.update(result.acknowledged)
        refused.update(result.refused)
        latencies.extend(result.latencies)
        errors.extend(result.errors)
    answers = sum(acknowledged.values())
    print(f"\n== {label}: {learners} learners, {len(children)} processes, {seconds:.0f} s ==")
    print(
        f"acknowledged answers: {answers} in {elapsed:.1f} s -> {answers / elapsed:.1f} answers/s"
    )
    if latencies:
        ordered = sorted(latencies)
        p95 = ordered[int(len(ordered) * 0.95) - 1]
        print(
            f"answer latency: median {statistics.median(ordered) * 1000:.1f} ms, "
            f"p95 {p95 * 1000:.1f} ms, max {ordered[-1] * 1000:.1f} ms"
        )
    print(
        f"refused answers (errors shown to the learner, not acknowledged): {sum(refused.values())}"
    )
    for message, number in refused.most_common(3):
        print(f"  {number} x {message}")
    for error in errors[:5]:
        print(f"worker error: {error}")
    ok = not errors and answers > 0
    bank = open_bank(url)
    try:
        with bank.transaction() as session:
            logged: Counter[tuple[str, str, int]] = Counter(
                (name, question_id, rating)
                for name, question_id, rating in session.execute(
                    select(LearnerRow.name, ReviewLogRow.question_id, ReviewLogRow.rating).join(
                        LearnerRow, LearnerRow.id == ReviewLogRow.learner_id
                    )
                )
            )
            total_logs = session.scalar(select(func.count()).select_from(ReviewLogRow))
        missing = acknowledged - logged
        extra = logged - acknowledged
        print(
            f"audit: {total_logs} review logs; acknowledged but missing: "
            f"{sum(missing.values())}; logged but not acknowledged: {sum(extra.values())}"
        )
        audit_began = time.perf_counter()
        problems = check_history(bank, bench_settings())
        print(
            f"audit: every card replayed through FSRS from its log in "
            f"{time.perf_counter() - audit_began:.1f} s: {len(problems)} cards disagree"
        )
        for problem in problems[:5]:
            print(f"  {problem}")
        ok = ok and not missing and not extra and not problems
    finally:
        bank.dispose()
    print(f"result: {'PASS' if ok else 'FAIL'}")
    return ok


def pg_database(server_url: str) -> tuple[str, Any]:
    """Create a scratch database on a loopback server; returns its URL and a dropper."""
    url = make_url(server_url)
    if url.host not in LOOPBACK and url.host is not None:
        raise SystemExit(f"refusing a non-loopback PostgreSQL host {url.host!r}")
    name = f"quizapp_bench_{os.getpid()}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url.set(database=name).render_as_string(hide_password=False), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--pg",
        default=os.environ.get("QUIZAPP_BENCH_PG_URL") or os.environ.get("QUIZAPP_TEST_PG_URL"),
        help="a loopback PostgreSQL server URL (any database on it)",
    )
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--skip-pg", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    passed = True
    if not args.skip_pg:
        if not args.pg:
            print("PostgreSQL: skipped (no --pg, QUIZAPP_BENCH_PG_URL or QUIZAPP_TEST_PG_URL)")
        else:
            url, drop = pg_database(args.pg)
            try:
                passed &= run("PostgreSQL", url, args.learners, args.processes, args.seconds)
            finally:
                drop()
    if not args.skip_sqlite:
        with tempfile.TemporaryDirectory(prefix="quizapp-bench-") as scratch:
            url = f"sqlite:///{Path(scratch) / 'shared.sqlite'}"
            passed &= run("SQLite", url, args.learners, args.processes, args.seconds)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
