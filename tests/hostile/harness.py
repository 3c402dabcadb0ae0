"""Run `quizapp` as an attacker would meet it: a subprocess with a timeout and a memory cap.

Every hostile case goes through the real entry point (`python -m quizapp ...`) with TMPDIR
pointed at a fresh directory, so the checks are the user's: one line on stderr, a non-zero exit,
no traceback, the bank byte-identical (or unchanged as `export json` sees it), nothing left in
the temporary directory.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# Address space for one quizapp process: spaCy and its model need about 1 GB of mappings; an
# unbounded read (/dev/zero, a 20 MB article parsed at once) would pass this and be killed.
MEMORY_CAP_BYTES = 3 * 1024**3
TIMEOUT_S = 90


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP_BYTES, MEMORY_CAP_BYTES))


@dataclass
class Run:
    """One finished quizapp run."""

    returncode: int
    stdout: str
    stderr: str
    leftovers: list[str]

    def assert_refused(self, *fragments: str) -> str:
        """One line on stderr, `quizapp: error: ...`, non-zero exit, no traceback, no leftovers."""
        assert self.returncode != 0, (self.stdout, self.stderr)
        assert "Traceback" not in self.stderr, self.stderr
        lines = self.stderr.strip().splitlines()
        assert len(lines) == 1, self.stderr
        assert lines[0].startswith("quizapp: error: "), self.stderr
        for fragment in fragments:
            assert fragment in lines[0], lines[0]
        assert not self.leftovers, self.leftovers
        return lines[0]

    def assert_ok(self) -> None:
        assert self.returncode == 0, self.stderr
        assert "Traceback" not in self.stderr, self.stderr
        assert not self.leftovers, self.leftovers


def quizapp(
    *args: str,
    tmp: Path,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    timeout: float = TIMEOUT_S,
) -> Run:
    """Run quizapp with TMPDIR at a fresh directory under `tmp`; report what it left there."""
    tmpdir = tmp / "TMPDIR"
    tmpdir.mkdir(exist_ok=True)
    for leftover in tmpdir.iterdir():
        raise AssertionError(f"TMPDIR not empty before the run: {leftover}")
    environment = {**os.environ, "TMPDIR": str(tmpdir), **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "quizapp", *args],
        capture_output=True,
        text=True,
        errors="replace",
        input=stdin,
        env=environment,
        timeout=timeout,
        preexec_fn=_cap_memory,
        check=False,
    )
    leftovers = sorted(p.name for p in tmpdir.iterdir())
    return Run(result.returncode, result.stdout, result.stderr, leftovers)


def file_digest(path: Path) -> str:
    """The bytes of a file and its SQLite companions (-wal, -shm), as one digest."""
    digest = hashlib.sha256()
    for each in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        digest.update(each.name.encode())
        digest.update(each.read_bytes() if each.exists() else b"<absent>")
    return digest.hexdigest()


def bank_json(db: Path | str, tmp: Path) -> object:
    """The bank as `quizapp export json` sees it, without its export time."""
    run = quizapp("export", "json", "--db", str(db), tmp=tmp)
    run.assert_ok()
    document = json.loads(run.stdout)
    document.pop("exported_at", None)
    return document
