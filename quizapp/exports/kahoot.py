"""Kahoot's quiz spreadsheet template (.xlsx), written with openpyxl.

Kahoot's "Import spreadsheet" reads its own template (KahootQuizTemplate.xlsx): a few rows of
instructions, the header on row 8, questions from row 9, columns

    A: question number
    B: Question - max 120 characters
    C-F: Answer 1-4 - max 75 characters
    G: Time limit (sec) - 5, 10, 20, 30, 60, 90, 120, or 240 secs
    H: Correct answer(s) - choose at least one (answer numbers, comma-separated)

Only questions with options travel: `choice` (its options, the right one's number) and
`truefalse` (True/False). A question longer than 120 characters or an option longer than 75 is
skipped, never cut (a cut question can change its meaning); `KahootSheet` counts what was
skipped and why, and the command prints it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from quizapp.exports.sampler import sample, strip_note_markers
from quizapp.exports.source import ExportArticle, ExportQuestion

QUESTION_MAX = 120
ANSWER_MAX = 75
TIME_LIMITS = (5, 10, 20, 30, 60, 90, 120, 240)
DEFAULT_TIME_LIMIT = 20
HEADER_ROW = 8
FIRST_QUESTION_ROW = 9
HEADERS = (
    "",
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
)
INSTRUCTIONS = (
    "Quiz template",
    "Add questions, at least two answer alternatives, time limit and choose correct answers "
    "(at least one).",
    "Remember: questions have a limit of 120 characters and answers can have 75 characters max. "
    "If several answers are correct, separate them with a comma.",
    "Made by quizapp (`quizapp export kahoot`).",
)


@dataclass(frozen=True)
class KahootRow:
    """One question as Kahoot wants it."""

    question: str
    answers: tuple[str, ...]  # 2 to 4
    correct: tuple[int, ...]  # 1-based answer numbers


@dataclass
class KahootSheet:
    """The rows that fit, and counts of what was skipped and why."""

    rows: list[KahootRow] = field(default_factory=list)
    skipped_kind: int = 0  # open and cloze: no options to offer
    skipped_too_long: int = 0  # question > 120 or an answer > 75 characters
    skipped_no_answer: int = 0  # a choice question whose answer is not among its options

    @property
    def skipped(self) -> int:
        return self.skipped_kind + self.skipped_too_long + self.skipped_no_answer


def check_time_limit(seconds: int) -> int:
    """The time limit if Kahoot offers it, else ValueError naming the allowed values."""
    if seconds not in TIME_LIMITS:
        allowed = ", ".join(str(t) for t in TIME_LIMITS)
        raise ValueError(f"Kahoot time limit must be one of {allowed} seconds, not {seconds}")
    return seconds


def kahoot_row(question: ExportQuestion) -> KahootRow | None:
    """The Kahoot row for a question, or None when its kind has no options."""
    text = _clean(question.prompt)
    if question.kind == "truefalse":
        truth = question.answer.strip().lower() == "true"
        return KahootRow(text, ("True", "False"), (1,) if truth else (2,))
    if question.kind == "choice":
        answers = tuple(_clean(c) for c in question.choices[:4])
        right = _clean(question.answer)
        correct = tuple(i + 1 for i, a in enumerate(answers) if a == right)
        return KahootRow(text, answers, correct)
    return None


def _clean(text: str) -> str:
    """One line, without Wikipedia's note markers."""
    return " ".join(strip_note_markers(text).split())


def plan_sheet(
    articles: Sequence[ExportArticle], *, count: int | None = None, seed: int | None = None
) -> KahootSheet:
    """Decide, question by question, what goes in the sheet and what is skipped.

    Of the questions that fit, `count` are picked by the shared sampler (one per sentence,
    spread across each article, kinds mixed, shuffled with `seed`); None keeps them all.
    """
    sheet = KahootSheet()
    fitting: dict[str, KahootRow] = {}
    questions: list[ExportQuestion] = []
    for article in articles:
        for question in article.questions:
            row = kahoot_row(question)
            if row is None:
                sheet.skipped_kind += 1
            elif not row.correct or len(row.answers) < 2:
                sheet.skipped_no_answer += 1
            elif len(row.question) > QUESTION_MAX or any(len(a) > ANSWER_MAX for a in row.answers):
                sheet.skipped_too_long += 1
            else:
                fitting[question.id] = row
                questions.append(question)
    chosen = questions if count is None else sample(questions, count, seed)
    sheet.rows.extend(fitting[question.id] for question in chosen)
    return sheet


def _text_cell(sheet: Worksheet, row: int, column: int, text: str) -> None:
    """A cell holding text as text: openpyxl would store "=..." as a formula (run on opening)."""
    cell = sheet.cell(row=row, column=column, value=text)
    cell.data_type = "s"


def render_kahoot(
    articles: Sequence[ExportArticle],
    *,
    time_limit: int = DEFAULT_TIME_LIMIT,
    count: int | None = None,
    seed: int | None = None,
) -> tuple[bytes, KahootSheet]:
    """The .xlsx bytes and the plan (rows written, counts skipped); see `plan_sheet`."""
    check_time_limit(time_limit)
    plan = plan_sheet(articles, count=count, seed=seed)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new Workbook always has an active sheet
    sheet.title = "Sheet1"
    for offset, line in enumerate(INSTRUCTIONS):
        sheet.cell(row=2 + offset, column=2, value=line)
    sheet.cell(row=2, column=2).font = Font(bold=True, size=14)
    header_fill = PatternFill("solid", fgColor="46178F")  # Kahoot purple
    for column, title in enumerate(HEADERS, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=title or None)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for number, row in enumerate(plan.rows, start=1):
        r = FIRST_QUESTION_ROW + number - 1
        sheet.cell(row=r, column=1, value=number)
        _text_cell(sheet, r, 2, row.question)
        for index, answer in enumerate(row.answers):
            _text_cell(sheet, r, 3 + index, answer)
        sheet.cell(row=r, column=7, value=time_limit)
        # Kahoot reads "1" or "1,3"; a lone number is stored as a number, like in its template.
        correct = ",".join(str(c) for c in row.correct)
        sheet.cell(row=r, column=8, value=int(correct) if len(row.correct) == 1 else correct)
    for letter, width in zip("ABCDEFGH", (5, 60, 28, 28, 28, 28, 16, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), plan
