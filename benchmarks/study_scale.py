"""Study at scale: a bank of 200,000 questions, one learner with 50,000 of them reviewed before.

Builds the bank with Faker (cached in benchmarks/out/, so reruns skip the build), then prints:

- the next-card query (StudyService.next_card): cold first call, then median and p95;
- answer + next card through the service (what one grade costs before the TUI draws);
- counts() and article_counts() (the home screen);
- when the TUI exists (quizapp.tui.app.QuizApp): process start to first card shown
  (`quizapp study --db ...` under a pty, timed until the prompt of the first card is on screen),
  grade to next card shown through Textual's pilot, and the TUI's resident memory.

Targets (issue 3): next-card query <= 5 ms; start to first card <= 1.5 s; grade to next card
<= 50 ms median and <= 100 ms p95; TUI resident memory <= 250 MB. Issue 12: start to first
card <= 1.0 s, grade to next card drawn <= 16 ms median, browse open + scroll to the last row
<= 0.3 s, the home screen's counts for 2,000 articles <= 50 ms. Every figure is printed with
the 1-minute load average: compare figures within one run, against the baselines it prints.

    .venv/bin/python benchmarks/study_scale.py [--questions 200000] [--reviewed 50000]
        [--rebuild] [--no-tui]

The reviewed cards are the first ones in new-card order (article, position), the worst case for
the new-card scan, which has to step over all of them. Each measurement runs on a fresh copy of
the cached bank, so answering never changes the cache.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from question_bank.store import open_bank  # noqa: E402
from question_bank.store.schema import (  # noqa: E402
    ArticleRow,
    CardRow,
    LearnerRow,
    QuestionRow,
    ReviewLogRow,
)
from quizapp.settings import Settings  # noqa: E402
from quizapp.study import browse  # noqa: E402
from quizapp.study.session import StudyService  # noqa: E402
from quizapp.study.stats import stats  # noqa: E402
from quizapp.study.views import BrowseFilter  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
LEARNER = "bench"
QUESTIONS_PER_ARTICLE = 100
KINDS = ("open", "cloze", "choice", "truefalse")
BATCH = 5000


def build_bank(path: Path, questions: int, reviewed: int, now: datetime) -> None:
    """Write the synthetic bank to `path` with bulk inserts (executemany in big batches)."""
    from faker import Faker

    fake = Faker("en_US")
    Faker.seed(1234)
    rng = random.Random(1234)
    if path.exists():
        path.unlink()
    bank = open_bank(path)
    started = time.perf_counter()
    articles = max(1, questions // QUESTIONS_PER_ARTICLE)
    # A pool of generated sentences, reused with a serial number: Faker per row would
    # dominate the build time without making the queries any more realistic.
    sentences = [fake.sentence(nb_words=14) for _ in range(5000)]
    names = [fake.name() for _ in range(2000)] + [fake.city() for _ in range(2000)]
    with bank.engine.begin() as connection:
        connection.execute(
            insert(ArticleRow),
            [
                {
                    "id": f"art{a:06d}",
                    "title": fake.catch_phrase(),
                    "source": f"/articles/{a}.txt",
                    "text": "",
                    "content_hash": f"hash{a:06d}",
                    "imported_at": now - timedelta(days=400) + timedelta(minutes=a),
                    "updated_at": now - timedelta(days=400),
                }
                for a in range(articles)
            ],
        )
        connection.execute(insert(LearnerRow), [{"name": LEARNER, "created_at": now}])
        batch: list[dict[str, Any]] = []
        for number in range(questions):
            article, position = divmod(number, QUESTIONS_PER_ARTICLE)
            kind = KINDS[number % len(KINDS)]
            # "(q123)": a serial no other text on screen has, to spot a card in terminal output.
            sentence = f"{sentences[number % len(sentences)]} (q{number})"
            answer = names[number % len(names)]
            batch.append(
                {
                    "id": f"q{number:08d}",
                    "article_id": f"art{article:06d}",
                    "kind": kind,
                    "prompt": sentence.replace(sentence.split()[0], "[...]", 1),
                    "answer": answer,
                    "accepted_answers": [],
                    "choices": [answer, *rng.sample(names, 3)] if kind == "choice" else [],
                    "source_sentence": sentence,
                    "section": "Section",
                    "answer_type": "thing",
                    "score": 1.0,
                    "tags": [],
                    "position": position,
                    "retired": False,
                    "edited": False,
                    "created_at": now,
                    "updated_at": now,
                }
            )
            if len(batch) >= BATCH:
                connection.execute(insert(QuestionRow), batch)
                batch = []
        if batch:
            connection.execute(insert(QuestionRow), batch)
        learner_id = connection.execute(text("SELECT id FROM learners")).scalar_one()
        cards: list[dict[str, Any]] = []
        logs: list[dict[str, Any]] = []
        for number in range(reviewed):
            reps = rng.randint(1, 8)
            last = now - timedelta(days=rng.uniform(0.5, 300))
            # Mostly review cards, a few hundred in (re)learning (left from yesterday: due
            # minutes to hours from now, some already due); reviews due from 30 days ago on,
            # so thousands are overdue (a learner back from a break: the hard case).
            state = rng.choices((2, 1, 3), weights=(990, 5, 5))[0]
            due = (
                now + timedelta(days=rng.uniform(-30, 300))
                if state == 2
                else now + timedelta(minutes=rng.uniform(-30, 600))
            )
            cards.append(
                {
                    "learner_id": learner_id,
                    "question_id": f"q{number:08d}",
                    "state": state,
                    "step": None if state == 2 else 0,
                    "stability": rng.uniform(1, 200),
                    "difficulty": rng.uniform(1, 10),
                    "due": due,
                    "last_review": last,
                    "reps": reps,
                    "lapses": rng.randint(0, 2),
                    "suspended": rng.random() < 0.01,
                    "buried_until": None,
                    "flagged": False,
                    "leech": False,
                }
            )
            for rep in range(reps):
                logs.append(
                    {
                        "learner_id": learner_id,
                        "question_id": f"q{number:08d}",
                        "rating": rng.choice((1, 3, 3, 3, 4)),
                        "reviewed_at": last - timedelta(days=rep * rng.uniform(1, 20)),
                        "duration_ms": rng.randint(1500, 15000),
                        "mode": "flip",
                        "typed": None,
                        "state_before": 2 if rep < reps - 1 else 0,
                        "state_after": 2,
                        "card_before": {},
                    }
                )
            if len(logs) >= BATCH:
                connection.execute(insert(CardRow), cards)
                connection.execute(insert(ReviewLogRow), logs)
                cards, logs = [], []
        if cards:
            connection.execute(insert(CardRow), cards)
        if logs:
            connection.execute(insert(ReviewLogRow), logs)
    # No ANALYZE: quizapp never runs it, so the planner sees what it sees on a user's bank.
    bank.dispose()
    print(
        f"built {path.name}: {questions:,} questions in {articles:,} articles, "
        f"{reviewed:,} reviewed cards, in {time.perf_counter() - started:.1f} s "
        f"({path.stat().st_size / 1e6:.0f} MB)"
    )


def fresh_copy(cached: Path, name: str) -> Path:
    """A copy of the cached bank to measure on (answers write to it)."""
    target = OUT / f"run-{name}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(cached, target)
    return target


def ms(seconds: list[float]) -> str:
    data = sorted(s * 1000 for s in seconds)
    p95 = data[min(len(data) - 1, round(0.95 * (len(data) - 1)))]
    # The load average next to every figure: the machine is shared, and a figure measured at
    # load 12 on 2 cores is not the figure of a quiet laptop.
    return (
        f"median {statistics.median(data):6.2f} ms   p95 {p95:6.2f} ms   "
        f"max {data[-1]:6.2f} ms   (n={len(data)})   [load {os.getloadavg()[0]:.1f}]"
    )


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def measure_service(cached: Path, answers: int) -> None:
    path = fresh_copy(cached, "service")
    bank = open_bank(path, create=False)
    settings = Settings()
    service = StudyService(bank, settings, LEARNER)

    cold, _counts = timed(service.counts)
    print(f"counts(), first call (new-card queue, reviews due): {cold * 1000:.1f} ms")
    cold, card = timed(service.next_card)
    print(f"next_card, first call of a session:                 {cold * 1000:.1f} ms")
    samples = [timed(service.next_card)[0] for _ in range(300)]
    print(f"next_card query (nothing answered in between):   {ms(samples)}")
    samples = [timed(lambda: service.next_card("art000700"))[0] for _ in range(100)]
    print(f"next_card of one article:                         {ms(samples)}")

    answer_times, next_times, both = [], [], []
    states: dict[int, int] = {}
    for _ in range(answers):
        if card is None:
            break
        states[card.state] = states.get(card.state, 0) + 1
        rating = random.choice((1, 3, 3, 3, 4))
        t_answer, _ = timed(
            lambda card=card, rating=rating: service.answer(
                card.question_id, rating, duration_ms=3000, mode="flip"
            )
        )
        t_next, card = timed(service.next_card)
        answer_times.append(t_answer)
        next_times.append(t_next)
        both.append(t_answer + t_next)
    print(f"answer (one committed transaction):               {ms(answer_times)}")
    print(f"next_card after an answer:                        {ms(next_times)}")
    print(f"answer + next_card:                               {ms(both)}")
    print(f"  cards answered by state before: {dict(sorted(states.items()))}")
    samples = [timed(service.counts)[0] for _ in range(20)]
    print(f"counts() (progress line):                         {ms(samples)}")
    samples = [timed(service.article_counts)[0] for _ in range(9)]
    print(f"article_counts() (every row at once, 2,000):      {ms(samples)}")
    measure_home(bank, settings)
    from quizapp.study import home_counts

    samples = [timed(lambda: home_counts.article_progress(service.scope))[0] for _ in range(3)]
    print(f"  then the progress bars (in a worker, after):     {ms(samples)}")
    now = datetime.now(UTC)
    samples = [timed(lambda: stats(bank, LEARNER, now))[0] for _ in range(5)]
    print(f"stats() (stats screen):                           {ms(samples)}")
    everything = BrowseFilter()
    samples = [timed(lambda: browse.search(bank, LEARNER, everything, 100))[0] for _ in range(5)]
    print(f"browse.search, first page of 100:                 {ms(samples)}")
    samples = [timed(lambda: browse.count(bank, LEARNER, everything))[0] for _ in range(5)]
    print(f"browse.count, no filter:                          {ms(samples)}")
    texts = BrowseFilter(text="Smith")
    samples = [timed(lambda: browse.search(bank, LEARNER, texts, 100))[0] for _ in range(5)]
    print(f"browse.search, text 'Smith', first page:          {ms(samples)}")
    samples = [timed(lambda: browse.count(bank, LEARNER, texts))[0] for _ in range(5)]
    print(f"browse.count, text 'Smith' (scans every question): {ms(samples)}")
    bank.dispose()


def measure_home(bank: Any, settings: Settings) -> None:
    """The home screen's counts as its worker reads them (quizapp.tui.screens.home): the
    article list and the rows on screen, drawn first; then the header's "study all"; then the
    other rows in parts. Each sample on a fresh StudyCounts, as every refresh of home is."""
    try:
        from quizapp.study.counts import StudyCounts
        from quizapp.study.scope import LearnerScope
        from quizapp.tui.screens.home import FIRST_ROWS, LATER_ROWS
    except ImportError:  # an older tree: no counting in parts
        return
    scope = LearnerScope.open(bank, settings, LEARNER)
    first, header, rest = [], [], []
    for _ in range(9):
        counts = StudyCounts.for_scope(scope)
        started = time.perf_counter()
        ids = [article_id for article_id, _ in counts.article_list()]
        counts.article_counts(ids[:FIRST_ROWS])
        first.append(time.perf_counter() - started)
        header.append(timed(counts.counts)[0])
        started = time.perf_counter()
        for start in range(FIRST_ROWS, len(ids), LATER_ROWS):
            counts.article_counts(ids[start : start + LATER_ROWS])
        rest.append(time.perf_counter() - started)
    print(f"home: article list + the {FIRST_ROWS} rows drawn first:   {ms(first)}")
    print(f"  then the header (counts() of a fresh StudyCounts): {ms(header)}")
    print(f"  then the other {len(ids) - FIRST_ROWS:,} rows, {LATER_ROWS} at a time:  {ms(rest)}")


def explain(cached: Path) -> None:
    """Print SQLite's plan for every query one next_card call runs (do they use indexes?)."""
    from sqlalchemy import event

    path = fresh_copy(cached, "explain")
    bank = open_bank(path, create=False)
    service = StudyService(bank, Settings(), LEARNER)
    service.next_card()  # the first call also builds the new-card queue: not the hot path
    captured: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        captured.append((statement, parameters))

    event.listen(bank.engine, "before_cursor_execute", capture)
    service.next_card()
    event.remove(bank.engine, "before_cursor_execute", capture)
    raw = bank.engine.raw_connection()
    try:
        cursor = raw.cursor()
        print("query plans of one next_card call:")
        for statement, parameters in captured:
            if not statement.lstrip().upper().startswith("SELECT"):
                continue
            plan = cursor.execute(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()
            first_line = " ".join(statement.split())[:70]
            print(f"  {first_line}...\n      " + "; ".join(row[-1] for row in plan))
    finally:
        raw.close()
    bank.dispose()


def tui_available() -> bool:
    try:
        from quizapp.tui.app import QuizApp  # noqa: F401
    except ImportError:
        return False
    return True


SERIAL = re.compile(rb"\(q(\d+)\)")


class Terminal:
    """`quizapp study` in a pseudo-terminal: what a learner's terminal would receive."""

    def __init__(self, path: Path) -> None:
        import pty

        quizapp = ROOT / ".venv" / "bin" / "quizapp"
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ.update({"TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"})
            argv = [str(quizapp), "study", "--db", str(path), "--learner", LEARNER]
            os.execv(str(quizapp), argv)

    def read_until(self, found: Callable[[bytes], bool], timeout: float = 30) -> bytes | None:
        """Output from now until `found(output)` holds (None on timeout or exit)."""
        import select

        seen = b""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.01)
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return None
            if not chunk:
                return None
            seen += chunk
            if found(seen):
                return seen
        return None

    def settle(self, quiet: float = 0.15) -> None:
        """Read until the app has drawn nothing for `quiet` seconds."""
        import select

        while select.select([self.fd], [], [], quiet)[0]:
            try:
                if not os.read(self.fd, 65536):
                    return
            except OSError:
                return

    def cpu_seconds(self) -> float:
        import psutil

        times = psutil.Process(self.pid).cpu_times()
        return float(times.user + times.system)

    def rss_mb(self) -> float:
        import psutil

        return float(psutil.Process(self.pid).memory_info().rss / 2**20)

    def close(self) -> None:
        os.kill(self.pid, 9)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def first_serial(cached: Path) -> bytes:
    bank = open_bank(cached, create=False)
    card = StudyService(bank, Settings(), LEARNER).next_card()
    bank.dispose()
    assert card is not None
    match = SERIAL.search(card.prompt.encode())
    assert match is not None, "bank built by an older version of this script: use --rebuild"
    return match.group(1)


def measure_terminal(cached: Path, runs: int = 5, grades: int = 30) -> None:
    """In a real terminal (pty): start to first card, grade to next card, resident memory.

    Start: from spawning `quizapp study --db BANK --learner bench` until the first card's
    serial is drawn. Grade: space reveals, then from writing "3" until a card with another
    serial is drawn. Memory: the TUI process's resident set size (psutil) after the grades.
    """
    path = fresh_copy(cached, "terminal")
    serial = first_serial(path)
    starts, cpu = [], []
    for _ in range(runs):
        terminal = Terminal(path)
        shown = terminal.read_until(lambda out: b"(q" + serial + b")" in out)
        elapsed = time.perf_counter() - terminal.started
        cpu.append(terminal.cpu_seconds())
        terminal.close()
        if shown is None:
            print("process start to first card shown: the card never appeared")
            return
        starts.append(elapsed)
    print(f"process start to first card shown (pty):          {ms(starts)}")
    # What the machine's load does not change much: the CPU the process spent until then (on
    # an idle machine the start is one thread's CPU time plus a little waiting).
    print(f"  its CPU time (user + system) until the card:    {ms(cpu)}")
    # Baseline: the same start without Textual (imports, open the bank, first card, counts).
    headless = (
        "import sys, time; from question_bank.store import open_bank; "
        "from quizapp.settings import load_settings; from quizapp.study import StudyService; "
        f"bank = open_bank(sys.argv[1], create=False); s = StudyService(bank, load_settings(), "
        f"{LEARNER!r}); s.next_card(); s.counts()"
    )
    baseline = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", headless, str(path)], check=True, cwd=ROOT)
        baseline.append(time.perf_counter() - started)
    print(f"  baseline without the TUI (start, open, 1st card): {ms(baseline)}")

    terminal = Terminal(path)
    current = serial
    grade_times = []
    try:
        if terminal.read_until(lambda out: b"(q" + current + b")" in out) is None:
            print("grade to next card: the first card never appeared")
            return
        terminal.settle()
        rss_first = terminal.rss_mb()
        for _ in range(grades):
            os.write(terminal.fd, b" ")
            terminal.settle()
            started = time.perf_counter()
            os.write(terminal.fd, b"3")

            def another(out: bytes, current: bytes = current) -> bool:
                return any(m.group(1) != current for m in SERIAL.finditer(out))

            out = terminal.read_until(another, timeout=10)
            if out is None:
                break
            grade_times.append(time.perf_counter() - started)
            current = next(m.group(1) for m in SERIAL.finditer(out) if m.group(1) != current)
            terminal.settle()
        rss_after = terminal.rss_mb()
    finally:
        terminal.close()
    if grade_times:
        print(f"grade to next card shown (pty, flip mode):        {ms(grade_times)}")
    print(
        f"resident memory of the TUI process:               {rss_first:.0f} MB at the first "
        f"card, {rss_after:.0f} MB after {len(grade_times)} grades"
    )


def measure_tui(cached: Path, grades: int) -> None:
    """Grade to next card drawn, inside the app (Textual's test harness, headless).

    The key goes straight to the app's driver and the clock stops at the first screen update
    (`App._display`) that follows the card change, so the pilot's own idle waits (tens of ms
    per key) are not counted. Also splits the time spent in the study service.
    """
    from textual import events

    from quizapp.tui.app import QuizApp

    path = fresh_copy(cached, "tui")
    bank = open_bank(path, create=False)
    as_the_command_line_starts(QuizApp)
    app = QuizApp(bank, Settings(learner=LEARNER), start="study")
    in_service = [0.0]
    originals: dict[str, Any] = {}
    for name in ("answer", "next_card", "counts", "previews"):
        original = getattr(StudyService, name)
        originals[name] = original

        def wrapper(self: Any, *args: Any, _original: Any = original, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return _original(self, *args, **kwargs)
            finally:
                in_service[0] += time.perf_counter() - started

        setattr(StudyService, name, wrapper)
    displayed: list[tuple[float, str | None]] = []
    # The process CPU time at each frame: what the grade cost (all threads), which the
    # machine's load changes much less than the wall time.
    cpu_at: list[float] = []
    display = app._display

    def spy(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None:
            displayed.append((time.perf_counter(), _card_id(app.screen)))
            cpu_at.append(time.process_time())

    app._display = spy  # type: ignore[method-assign]

    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            times, service_times, cpu = [], [], []
            for _ in range(grades):
                before = _card_id(app.screen)
                if before is None:
                    break
                await pilot.press("space")
                await pilot.pause()
                in_service[0] = 0.0
                displayed.clear()
                cpu_at.clear()
                cpu_started = time.process_time()
                started = time.perf_counter()
                assert app._driver is not None
                app._driver.send_message(events.Key("3", "3"))
                shown = None
                for _ in range(5000):
                    await asyncio.sleep(0.0005)
                    done = [
                        (at, cpu_at[n])
                        for n, (at, card) in enumerate(displayed)
                        if card is not None and card != before
                    ]
                    if done:
                        shown = done[0][0]
                        cpu.append(done[0][1] - cpu_started)
                        break
                if shown is None:
                    break
                times.append(shown - started)
                service_times.append(in_service[0])
                await pilot.pause()
            print(f"grade to next card drawn (in-app, headless):      {ms(times)}")
            print(f"  of which in StudyService (answer, next, counts): {ms(service_times)}")
            print(f"  the process CPU time until then:               {ms(cpu)}")

    try:
        asyncio.run(run())
    finally:
        for name, original in originals.items():
            setattr(StudyService, name, original)
        bank.dispose()


def measure_browse(cached: Path, runs: int = 5) -> None:
    """The browser over every question: open it (count + first page drawn), then `end` (the
    last row drawn), inside the app (Textual's test harness, headless).

    Two clocks. "Drawn": until the first screen update (`App._display`) that shows the rows
    (or the last row), as `measure_tui` times a grade. "Settled": until the pilot finds the
    process idle as well (`pilot.pause()` waits for 20 ms slices with no CPU spent), which is
    what this benchmark printed before; it adds at least one such slice to every figure.
    """
    from quizapp.tui.app import QuizApp
    from quizapp.tui.screens.browse import BrowseScreen
    from quizapp.tui.widgets.lazy_table import LazyTable

    path = fresh_copy(cached, "browse")
    bank = open_bank(path, create=False)
    as_the_command_line_starts(QuizApp)
    app = QuizApp(bank, Settings(learner=LEARNER), start="browse")
    shown: list[tuple[float, bool]] = []
    ready: list[Callable[[], bool]] = [lambda: False]
    display = app._display

    def spy(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None:
            shown.append((time.perf_counter(), ready[0]()))
            frame_cpu.append(time.process_time())

    app._display = spy  # type: ignore[method-assign]

    frame_cpu: list[float] = []  # the process CPU time at each frame of `shown`
    found_cpu = [0.0]

    async def drawn(pilot: Any, done: Callable[[], bool]) -> float:
        """Wait for `done` on a drawn frame; the time of that frame (its CPU time in
        `found_cpu`)."""
        for _ in range(20000):
            await asyncio.sleep(0.0005)
            frames = [(at, frame_cpu[n]) for n, (at, ok) in enumerate(shown) if ok]
            if frames:
                found_cpu[0] = frames[0][1]
                return frames[0][0]
        raise RuntimeError("the browser never showed the rows")

    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            opens, ends, settled, cpu = [], [], [], []
            for _ in range(runs):
                app.pop_screen()
                await pilot.pause()
                screen = BrowseScreen()

                def loaded(screen: Any = screen) -> bool:
                    return bool(screen.is_mounted and screen.source is not None)

                shown.clear()
                frame_cpu.clear()
                ready[0] = loaded
                cpu_started = time.process_time()
                started = time.perf_counter()
                app.push_screen(screen)
                opens.append(await drawn(pilot, loaded) - started)
                cpu_open = found_cpu[0] - cpu_started
                await pilot.pause()
                settled_open = time.perf_counter() - started
                table = screen.query_one(LazyTable)
                shown.clear()
                frame_cpu.clear()
                ready[0] = lambda table=table: table.cursor == table.row_count - 1
                cpu_started = time.process_time()
                started = time.perf_counter()
                assert app._driver is not None
                app._driver.send_message(events.Key("end", None))
                ends.append(await drawn(pilot, ready[0]) - started)
                cpu.append(cpu_open + found_cpu[0] - cpu_started)
                await pilot.pause()
                settled.append(settled_open + time.perf_counter() - started)
                ready[0] = lambda: False
            rows = screen.query_one(LazyTable).row_count
            # Baseline: the same push of an empty screen (Header, Footer): what Textual and
            # this machine cost before the browser does anything.
            from textual.screen import Screen
            from textual.widgets import Footer, Header

            class Empty(Screen[None]):
                def compose(self) -> Any:
                    yield Header()
                    yield Footer()

            bare = []
            for _ in range(runs):
                empty = Empty()
                shown.clear()
                frame_cpu.clear()
                ready[0] = lambda empty=empty: bool(empty.is_mounted)
                started = time.perf_counter()
                app.push_screen(empty)
                bare.append(await drawn(pilot, ready[0]) - started)
                ready[0] = lambda: False
                await pilot.pause()
                app.pop_screen()
                await pilot.pause()
            print(f"  baseline: push an empty screen, drawn:          {ms(bare)}")
            print(f"browse: open, {rows:,} rows counted, first page drawn: {ms(opens)}")
            print(f"browse: end, the last row drawn:                  {ms(ends)}")
            total = [a + b for a, b in zip(opens, ends, strict=True)]
            print(f"browse: open and scroll to the last row, drawn:   {ms(total)}")
            print(f"  the process CPU time of those (all threads):    {ms(cpu)}")
            print(f"  the same, settled (pilot idle after each):      {ms(settled)}")

    from textual import events

    try:
        asyncio.run(run())
    finally:
        bank.dispose()


def as_the_command_line_starts(app_class: type) -> None:
    """The garbage collector as `quizapp study` / `quizapp browse` leave it to the app:
    held off during the start, then frozen and enabled again by the app when its first frame
    is drawn (`QuizApp.on_ready`). A tree whose app does not do that keeps it enabled."""
    import gc

    gc.collect()
    if "on_ready" in vars(app_class):
        gc.disable()


def _card_id(screen: Any) -> str | None:
    card = getattr(screen, "card", None)
    return getattr(card, "question_id", None)


def load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=200_000)
    parser.add_argument("--reviewed", type=int, default=50_000)
    parser.add_argument("--answers", type=int, default=200)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--no-tui", action="store_true")
    parser.add_argument(
        "--only", default="", help=f"comma-separated parts to run, of {','.join(PARTS)}"
    )
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    cached = OUT / f"study-{args.questions}-{args.reviewed}.sqlite"
    if args.rebuild or not cached.exists():
        build_bank(cached, args.questions, args.reviewed, datetime.now(UTC))
    else:
        print(f"using cached bank {cached} ({cached.stat().st_size / 1e6:.0f} MB)")
    upgrade_cached(cached)
    print(f"machine: {load()} (figures are noisy when the machine is shared)")
    parts = set(args.only.split(",")) if args.only else set(PARTS)
    if "service" in parts:
        explain(cached)
        measure_service(cached, args.answers)
    elif "home" in parts:
        bank = open_bank(fresh_copy(cached, "service"), create=False)
        measure_home(bank, Settings())
        bank.dispose()
    if args.no_tui or not parts & {"terminal", "grade", "browse"}:
        return
    if not tui_available():
        print("TUI figures skipped: quizapp.tui.app.QuizApp is not there yet")
        return
    if "terminal" in parts:
        measure_terminal(cached)
    if "grade" in parts:
        measure_tui(cached, grades=50)
    if "browse" in parts:
        measure_browse(cached)
    print(f"end: {load()}")


PARTS = ("service", "home", "terminal", "grade", "browse")


def upgrade_cached(cached: Path) -> None:
    """Bring the cached bank to this tree's schema once, so that every fresh copy opens
    without an upgrade (an upgrade writes a backup of the whole bank next to each copy)."""
    bank = open_bank(cached, create=False)
    bank.dispose()
    for backup in cached.parent.glob(f"{cached.name}.backup-*"):
        backup.unlink()


if __name__ == "__main__":
    main()
