"""Start-up time of light commands: `quizapp --help` as a fresh process, next to `python -c pass`.

Target (issue 11): `quizapp --help` <= 0.3 s. Prints the median of several runs of each, and
their difference (what quizapp itself costs over a bare interpreter), so that a busy machine
shows as a ratio rather than as a slow figure.

    .venv/bin/python benchmarks/cli_startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def timed(command: list[str], runs: int) -> list[float]:
    seconds = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        seconds.append(time.perf_counter() - began)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    one, five, _ = os.getloadavg()
    print(f"machine: load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores")
    bare = timed([sys.executable, "-c", "pass"], args.runs)
    typer_only = timed([sys.executable, "-c", "import typer.main, rich"], args.runs)
    helped = timed([str(BIN / "quizapp"), "--help"], args.runs)
    for name, seconds in [
        ("python -c pass", bare),
        ("python -c 'import typer.main, rich'", typer_only),
        ("quizapp --help", helped),
    ]:
        print(f"{name:38} median {statistics.median(seconds):.3f} s  (min {min(seconds):.3f})")
    extra = statistics.median(helped) - statistics.median(bare)
    print(f"quizapp --help over a bare interpreter: {extra:.3f} s (target: --help <= 0.3 s)")


if __name__ == "__main__":
    main()
