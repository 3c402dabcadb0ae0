"""Every field of every live question as CSV, for spreadsheets and scripts.

A header row, then a question a row; the csv module does the quoting (RFC 4180: fields with
commas, quotes or line breaks are quoted, quotes doubled), so any text survives. List fields
(`accepted_answers`, `choices`, `tags`) are JSON arrays, which are unambiguous whatever the
items contain. UTF-8 with a byte-order mark, so Excel opens accents correctly.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from quizapp.exports.source import ExportArticle

COLUMNS = (
    "id",
    "article_id",
    "article_title",
    "kind",
    "prompt",
    "answer",
    "accepted_answers",
    "choices",
    "source_sentence",
    "section",
    "answer_type",
    "score",
    "tags",
    "position",
    "edited",
)
BOM = "\ufeff"
# A cell starting with one of these is a formula to a spreadsheet ("=HYPERLINK(...)", "@SUM"):
# CSV injection. Such text gets a leading apostrophe, which spreadsheets show as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def not_a_formula(text: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def render_csv(articles: Sequence[ExportArticle]) -> str:
    """The CSV text (with a BOM and CRLF line ends, as the csv module writes by default)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for article in articles:
        for q in article.questions:
            writer.writerow(
                (
                    q.id,
                    q.article_id,
                    not_a_formula(article.title),
                    q.kind,
                    not_a_formula(q.prompt),
                    not_a_formula(q.answer),
                    json.dumps(list(q.accepted_answers), ensure_ascii=False),
                    json.dumps(list(q.choices), ensure_ascii=False),
                    not_a_formula(q.source_sentence),
                    not_a_formula(q.section),
                    not_a_formula(q.answer_type),
                    f"{q.score:g}",
                    json.dumps(list(q.tags), ensure_ascii=False),
                    q.position,
                    "true" if q.edited else "false",
                )
            )
    return BOM + buffer.getvalue()
