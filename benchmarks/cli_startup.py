"""Start-up time of light commands: `quizapp --help` as a fresh process, next to `python -c pass`.

Target (issue 11): `quizapp --help` <= 0.3 s. Each command runs as a fresh process, in turn
(A B A B ...), and the report gives the median wall and CPU seconds (user + system, the
kernel's accounting of the child) of each, and the pairwise ratio. On a machine shared with
other work, wall time includes waiting for a processor: CPU time is then the figure that says
what a quiet machine's wall time would be.

Bytecode caches are written first (`compileall`) and the children run without
`PYTHONDONTWRITEBYTECODE`, as an installed quizapp does: without caches every run would time
the compiling of quizapp's sources, which no user pays twice.

When `farm-bench` is on the PATH the same pair is also timed by it (`--vs`), whose report is
printed as it comes.

    .venv/bin/python benchmarks/cli_startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, cpu) seconds of one run of `command` as a child process."""
    began = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    for package in ("quizapp", "question_bank"):
        compileall.compile_dir(ROOT / package, quiet=1)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    one, five, _ = os.getloadavg()
    print(f"machine: load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores")
    bare = [sys.executable, "-c", "pass"]
    helped = [str(BIN / "quizapp"), "--help"]
    run_once(helped, env)  # warm-up: the file cache, not counted
    pairs = [(run_once(helped, env), run_once(bare, env)) for _ in range(args.runs)]
    for name, index in (("quizapp --help", 0), ("python -c pass", 1)):
        walls = [pair[index][0] for pair in pairs]
        cpus = [pair[index][1] for pair in pairs]
        print(
            f"{name:16} wall median {statistics.median(walls):.3f} s (min {min(walls):.3f}),"
            f" cpu median {statistics.median(cpus):.3f} s"
        )
    wall_ratio = statistics.median(a[0] / b[0] for a, b in pairs)
    cpu_ratio = statistics.median(a[1] / max(b[1], 1e-3) for a, b in pairs)
    print(f"quizapp --help / python -c pass: wall x{wall_ratio:.1f}, cpu x{cpu_ratio:.1f}")
    print("target: quizapp --help <= 0.3 s wall (on a busy machine: read the cpu figure)")
    farm = shutil.which("farm-bench")
    if farm is not None:
        print("farm-bench:", flush=True)
        subprocess.run(
            [farm, "-n", str(args.runs), "--vs", " ".join(bare), "--", *helped],
            env=env,
            check=False,
        )


if __name__ == "__main__":
    main()
