"""How fast the quiz-night setup screen opens on the 200,000-question benchmark bank.

The setup screen used to read the articles and the whole question pool in `compose` (11.8 s
frozen on this bank); it now reads them in a worker and shows a loading state. Prints, for the
headless TUI (Textual's pilot) on a fresh copy of the cached bank of `study_scale.py`:

- open: from `n` on the home screen to the first frame of the setup screen (target < 0.3 s),
  then a key (tab) handled and drawn while the worker reads, next to the settings screen's
  open (no reads at all), so that a busy machine shows as a ratio;
- read: until the worker has put the articles on screen, then the pool (the status line);
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
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from textual import events

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import study_scale

from question_bank.store import open_bank
from quizapp.quiznight.store import article_choices, load_pool
from quizapp.settings import load_settings
from quizapp.tui.app import QuizApp
from quizapp.tui.quiznight.screens.setup import QuizSetupScreen
from quizapp.tui.screens.settings import SettingsScreen


class Frames:
    """The app's screen updates (`App._display`), each with what `probe()` said then."""

    def __init__(self, app: QuizApp) -> None:
        self.shown: list[tuple[float, tuple[bool, ...]]] = []
        self.probe: Callable[[], tuple[bool, ...]] = tuple
        display = app._display

        def spy(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None:
                self.shown.append((time.perf_counter(), self.probe()))

        app._display = spy  # type: ignore[method-assign]

    def watch(self, probe: Callable[[], tuple[bool, ...]]) -> None:
        self.shown.clear()
        self.probe = probe

    def first(self, index: int) -> float | None:
        """When the first frame was drawn with `probe()[index]` true."""
        return next((at for at, state in self.shown if state[index]), None)

    async def drawn(self, index: int, timeout: float = 600) -> float:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            at = self.first(index)
            if at is not None:
                return at
            await asyncio.sleep(0.001)
        raise RuntimeError("never drawn")


def press(app: QuizApp, key: str) -> None:
    """A key straight to the driver, as a terminal sends it (no pilot wait around it)."""
    assert app._driver is not None
    app._driver.send_message(events.Key(key, None))


async def open_setup(path: Path, runs: int) -> dict[str, list[float]]:
    """Per run, from `n` on the home screen: the setup screen drawn; a key (tab) handled and
    drawn; the articles listed; the question pool read (the status line counts it). And the
    settings screen drawn (a screen with no reads, for scale on a busy machine)."""
    bank = open_bank(path, create=False)
    figures: dict[str, list[float]] = {k: [] for k in ("open", "key", "articles", "pool", "plain")}
    try:
        app = QuizApp(bank, load_settings(), start="home")
        frames = Frames(app)
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(runs):
                await app.workers.wait_for_complete()  # home's counts: not what is measured
                await pilot.pause()
                frames.watch(lambda: (isinstance(app.screen, SettingsScreen),))
                start = time.perf_counter()
                press(app, "comma")
                figures["plain"].append(await frames.drawn(0) - start)
                await pilot.pause()
                await pilot.press("escape")
                await app.workers.wait_for_complete()
                await pilot.pause()
                moved: list[bool] = [False]

                def probe(moved: list[bool] = moved) -> tuple[bool, ...]:
                    screen = app.screen
                    setup = isinstance(screen, QuizSetupScreen)
                    return (
                        setup,
                        moved[0],
                        setup and bool(getattr(screen, "articles", None)),
                        setup and bool(getattr(screen, "loaded", False)),
                    )

                frames.watch(probe)
                start = time.perf_counter()
                press(app, "n")
                figures["open"].append(await frames.drawn(0) - start)
                setup = app.screen
                assert isinstance(setup, QuizSetupScreen)
                began = time.perf_counter()
                focused = app.focused
                press(app, "tab")
                while app.focused is focused:
                    await asyncio.sleep(0.001)
                moved[0] = True  # the next frame shows the focus moved
                figures["key"].append(await frames.drawn(1) - began)
                figures["articles"].append(await frames.drawn(2) - start)
                figures["pool"].append(await frames.drawn(3) - start)
                await pilot.pause()
                await pilot.press("escape")
        return figures
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
        figures = asyncio.run(open_setup(path, args.runs))
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

    def line(label: str, key: str) -> None:
        runs = figures[key]
        shown = ", ".join(f"{value:.3f}" for value in runs)
        print(f"{label}: median {statistics.median(runs):.3f} s  (runs: {shown})")

    line("setup screen drawn, from n on home (target < 0.3 s)", "open")
    line("  then a key (tab) handled and drawn", "key")
    line("  the articles listed, from n", "articles")
    line("  the question pool read (status counts it), from n", "pool")
    line("settings screen drawn, for scale", "plain")
    print(f"machine after the run: {study_scale.load()}")
    print(f"the reads compose used to make: article_choices {choices:.2f} s, ", end="")
    print(f"load_pool {pooled:.2f} s ({len(pool):,} questions)")


if __name__ == "__main__":
    main()
