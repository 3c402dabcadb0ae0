"""A night's questions as an answer sheet and answer key, through the shared print export."""

from __future__ import annotations

from pathlib import Path

from question_bank.errors import QuestionBankError
from question_bank.store import Bank
from quizapp.exports.printable import PrintItem, render_quiz_html, render_quiz_markdown
from quizapp.quiznight.store import night_questions


def render_answer_sheet(bank: Bank, night_id: int, *, html: bool) -> tuple[str, int]:
    """The sheet (HTML, else Markdown) with the key on its own page; and how many questions."""
    asked = night_questions(bank, night_id)
    if not asked:
        raise QuestionBankError(f"quiz night {night_id} asked no questions: nothing to print")
    items = [
        PrintItem(
            prompt=entry.question.prompt,
            kind=entry.question.kind,
            choices=entry.question.choices,
            answer=entry.question.answer,
        )
        for entry in asked
    ]
    rounds = max(entry.round_number for entry in asked)
    title = f"Quiz night {night_id}"
    subtitle = f"{len(items)} questions in {rounds} round{'s' if rounds > 1 else ''}"
    render = render_quiz_html if html else render_quiz_markdown
    return render(title, items, subtitle=subtitle), len(items)


def is_html_path(path: Path) -> bool:
    return path.suffix.lower() in (".html", ".htm")


def write_answer_sheet(bank: Bank, night_id: int, path: Path) -> int:
    """Write the sheet to a file (HTML for .html/.htm, else Markdown), atomically.

    Returns how many questions it holds; a bad path is a one-line QuestionBankError.
    """
    text, count = render_answer_sheet(bank, night_id, html=is_html_path(path))
    if path.is_dir():
        raise QuestionBankError(f"{path}: is a directory; give a file name like sheet.html")
    if not path.parent.exists():
        raise QuestionBankError(f"{path.parent}: no such directory")
    temporary = path.with_name(path.name + ".part")
    try:
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)  # a reader never sees half a sheet
    except OSError as error:
        raise QuestionBankError(f"{path}: cannot write ({error.strerror})") from None
    return count
