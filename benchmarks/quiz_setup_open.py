"""How fast the quiz-night setup screen opens on the 200,000-question benchmark bank.

The setup screen used to read the articles and the whole question pool in `compose` (11.8 s
frozen on this bank); it now reads them in a worker and shows a loading state. Prints, for the
headless TUI (Textual's pilot) on a fresh copy of the cached bank of `study_scale.py`:

- open: from `n` on the home screen to the setup screen drawn and taking keys (target < 0.3 s),
  next to the settings screen's (no reads at all), so that a busy machine shows as a ratio;
- read: until the worker has put the articles and the pool on screen;
- for comparison, the two reads alone (`article_choices`, `load_pool`): what `compose` paid.

    .venv/bin/python benchmarks/quiz_setup_open.py [--questions 200000] [--runs 3]

The machine is shared during development: read the figures as ratios within one run.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.screen import Screen

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import study_scale

from question_bank.store import open_bank
from quizapp.quiznight.store import article_choices, load_pool
from quizapp.settings import load_settings
from quizapp.tui.app import QuizApp
from quizapp.tui.quiznight.screens.setup import QuizSetupScreen
from quizapp.tui.screens.settings import SettingsScreen


async def open_screen(pilot: Pilot[QuizApp], key: str, screen: type[Screen[None]]) -> float:
    """Seconds from `key` on the home screen to `screen` drawn and taking keys."""
    app = pilot.app
    await app.workers.wait_for_complete()  # home's counts: not part of what is measured
    await pilot.pause()
    start = time.perf_counter()
    await pilot.press(key)
    while not isinstance(app.screen, screen):
        await asyncio.sleep(0.001)
    await pilot.pause()  # drawn, and the next key would be handled
    return time.perf_counter() - start


async def open_setup(path: Path, runs: int) -> tuple[list[float], list[float], list[float]]:
    """Per run: the setup screen's open time, its worker's time to the reads on screen, and
    the settings screen's open time (a screen with no reads, for scale on a busy machine)."""
    bank = open_bank(path, create=False)
    opens: list[float] = []
    reads: list[float] = []
    plain: list[float] = []
    try:
        app = QuizApp(bank, load_settings(), start="home")
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(runs):
                plain.append(await open_screen(pilot, "comma", SettingsScreen))
                await pilot.press("escape")
                opens.append(await open_screen(pilot, "n", QuizSetupScreen))
                began = time.perf_counter() - opens[-1]
                setup = app.screen
                assert isinstance(setup, QuizSetupScreen)
                while not setup.loaded:  # a cancelled thread worker would still hold the GIL
                    await asyncio.sleep(0.05)
                reads.append(time.perf_counter() - began)
                await pilot.press("escape")
        return opens, reads, plain
    finally:
        bank.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=200_000)
    parser.add_argument("--reviewed", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    study_scale.OUT.mkdir(parents=True, exist_ok=True)
    cached = study_scale.OUT / f"study-{args.questions}-{args.reviewed}.sqlite"
    if not cached.exists():
        study_scale.build_bank(cached, args.questions, args.reviewed, datetime.now(UTC))
    print(f"bank: {cached.name}; machine: {study_scale.load()}")
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "bank.sqlite"
        shutil.copyfile(cached, path)
        opens, reads, plain = asyncio.run(open_setup(path, args.runs))
        bank = open_bank(path, create=False)
        try:
            began = time.perf_counter()
            article_choices(bank)
            choices = time.perf_counter() - began
            began = time.perf_counter()
            pool = load_pool(bank)
            pooled = time.perf_counter() - began
        finally:
            bank.dispose()
    print(f"setup screen open (drawn, taking keys): median {statistics.median(opens):.3f} s")
    print(f"  runs: {', '.join(f'{s:.3f}' for s in opens)}  (target < 0.3 s)")
    print(f"settings screen open, for scale: median {statistics.median(plain):.3f} s")
    print(f"articles and pool on screen (worker): median {statistics.median(reads):.2f} s")
    print(f"the reads compose used to make: article_choices {choices:.2f} s, ", end="")
    print(f"load_pool {pooled:.2f} s ({len(pool):,} questions)")


if __name__ == "__main__":
    main()
