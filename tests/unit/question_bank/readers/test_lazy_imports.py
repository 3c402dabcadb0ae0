"""Heavy readers load only when their format is read: a .txt never imports lxml or httpx."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ("trafilatura", "lxml", "pdfminer", "ebooklib", "docx", "httpx")

PROBE = """
import sys
from pathlib import Path
import quizapp.cli
from question_bank.readers import read
read([Path(sys.argv[1]), Path(sys.argv[2])])
print(" ".join(name for name in {heavy!r} if name in sys.modules))
"""


def test_reading_text_and_markdown_imports_no_heavy_reader(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("A\n\nThe Rhine flows north.\n", "utf-8")
    markdown = tmp_path / "b.md"
    markdown.write_text("# B\n\nThe **Danube** flows east.\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), str(text), str(markdown)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert result.stdout.strip() == ""
