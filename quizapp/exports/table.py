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
                    article.title,
                    q.kind,
                    q.prompt,
                    q.answer,
                    json.dumps(list(q.accepted_answers), ensure_ascii=False),
                    json.dumps(list(q.choices), ensure_ascii=False),
                    q.source_sentence,
                    q.section,
                    q.answer_type,
                    f"{q.score:g}",
                    json.dumps(list(q.tags), ensure_ascii=False),
                    q.position,
                    "true" if q.edited else "false",
                )
            )
    return BOM + buffer.getvalue()
