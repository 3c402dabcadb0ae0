"""Make the README's quiz-night screenshots (PNG) with headless Debian chromium.

    .venv/bin/python docs/make_screenshots.py

- the host screen (120x40) in the lobby, with the QR code, and on the first question with three
  of four players answered, from Textual's SVG screenshots turned into PNGs by chromium;
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


async def host_screens(lobby: Path, question: Path) -> None:
    from question_bank.store import open_bank
    from quizapp.quiznight.plan import NightSetup
    from quizapp.settings import load_settings
    from tests.support.quiz import fill_quiz_bank
    from tests.support.quiz_host import PhonesApp
    from tests.support.tui import FixedClock

    with tempfile.TemporaryDirectory() as scratch:
        bank = open_bank(Path(scratch) / "bank.sqlite")
        fill_quiz_bank(bank)
        setup = NightSetup(teams=["Red", "Blue"], rounds=2, per_round=4, seed=1, players=True)
        setup.name = "Friday quiz"
        app = PhonesApp(
            bank, load_settings(), start="quiz-night", clock=FixedClock(), quiz_setup=setup
        )
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("ctrl+s")
            assert app.players is not None
            room = app.players.room
            tokens = [
                room.join(room.pin, name, team)[1]
                for name, team in (("Ana", "Red"), ("Bo", "Blue"), ("Chen", "Red"), ("Dee", "Blue"))
            ]
            await pilot.pause(0.5)
            app.save_screenshot(str(lobby))
            await pilot.press("space")  # the first question, its timer running
            for token, option in zip(tokens[:3], (0, 1, 0), strict=True):
                room.answer(token, option=option)
            await pilot.pause(0.5)
            app.save_screenshot(str(question))
        bank.dispose()


def main() -> None:
    from tests.support.chromium import screenshot

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        lobby, question = Path(scratch) / "lobby.svg", Path(scratch) / "question.svg"
        asyncio.run(host_screens(lobby, question))
        screenshot(lobby, OUT / "host-lobby.png", 1460, 1000)
        screenshot(question, OUT / "host-question.png", 1460, 1000)
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
