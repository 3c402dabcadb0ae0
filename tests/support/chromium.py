"""Debian's chromium, headless: where it is and how it is launched, for the browser test and
the README's screenshots (docs/make_screenshots.py) alike."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",  # the test machines run as root in a container, where the sandbox cannot
    "--disable-gpu",
    "--disable-background-networking",  # nothing leaves the machine: no update or sync calls
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def screenshot(page: Path, png: Path, width: int, height: int) -> None:
    """A PNG of a local page (a Textual SVG screenshot), in a fresh throwaway profile."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                CHROMIUM,
                *CHROMIUM_FLAGS,
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                f"--window-size={width},{height}",
                f"--screenshot={png}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
        )
