"""Make the README's quiz-night screenshots (PNG) with headless Debian chromium.

    .venv/bin/python docs/make_screenshots.py

- the host screen in the lobby, with the QR code, from Textual's SVG screenshot turned into a
  PNG by chromium;
- the phone's question and result pages, from the end-to-end browser test run with
  QUIZAPP_SCREENSHOTS set (this script runs it).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "img"
sys.path.insert(0, str(ROOT))


async def host_screen(svg: Path) -> None:
    from question_bank.store import open_bank
    from quizapp.quiznight.plan import NightSetup
    from quizapp.settings import load_settings
    from tests.functional.test_quiz_players_host import PhonesApp
    from tests.support.quiz import fill_quiz_bank
    from tests.support.tui import FixedClock

    with tempfile.TemporaryDirectory() as scratch:
        bank = open_bank(Path(scratch) / "bank.sqlite")
        fill_quiz_bank(bank)
        setup = NightSetup(teams=["Red", "Blue"], rounds=2, per_round=4, seed=1, players=True)
        setup.name = "Friday quiz"
        app = PhonesApp(
            bank, load_settings(), start="quiz-night", clock=FixedClock(), quiz_setup=setup
        )
        async with app.run_test(size=(110, 34)) as pilot:
            await pilot.press("ctrl+s")
            assert app.players is not None
            room = app.players.room
            for name, team in (("Ana", "Red"), ("Bo", "Blue"), ("Chen", "Red"), ("Dee", "Blue")):
                room.join(room.pin, name, team)
            await pilot.pause(0.5)
            app.save_screenshot(str(svg))
        bank.dispose()


def main() -> None:
    from tests.support.chromium import screenshot

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        svg = Path(scratch) / "host.svg"
        asyncio.run(host_screen(svg))
        screenshot(svg, OUT / "host-lobby.png", 1340, 860)
    env = dict(os.environ, QUIZAPP_SCREENSHOTS=str(OUT))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/browser/test_quiz_players_chromium.py",
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    for png in sorted(OUT.glob("*.png")):
        print(png.relative_to(ROOT), png.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
