"""Quizlet's import text: one card a line, `term<TAB>definition`.

Quizlet's "Import" box splits cards on line breaks and term from definition on a tab, and has
no quoting, so a tab or a line break inside a card's text would split it. They are escaped by
replacement, as documented in the README: a tab becomes a space, a line break (with the spaces
around it) becomes " / ". Nothing else is changed: quotes and commas travel as they are.

The term is what the learner is asked (a cloze's gap shown as a blank line, a true/false
statement prefixed with "True or false?", a choice question with its options); the definition is
the answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from question_bank.models import CLOZE_GAP
from quizapp.exports.source import ExportArticle, ExportQuestion

BLANK = "_____"
_LINE_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n)+[ \t]*")


def escape_cell(text: str) -> str:
    """Text safe for one TSV cell: no tab, no line break."""
    return _LINE_BREAK.sub(" / ", text.strip()).replace("\t", " ")


def term(question: ExportQuestion) -> str:
    if question.kind == "cloze":
        return question.prompt.replace(CLOZE_GAP, BLANK)
    if question.kind == "truefalse":
        return f"True or false? {question.prompt}"
    if question.kind == "choice" and question.choices:
        letters = "ABCDEFGH"
        options = "  ".join(f"{letters[i]}) {c}" for i, c in enumerate(question.choices[:8]))
        return f"{question.prompt}  {options}"
    return question.prompt


def render_quizlet(articles: Sequence[ExportArticle]) -> str:
    """The whole TSV text, a card a line, ending with a newline (empty if there are no cards)."""
    lines = [
        f"{escape_cell(term(q))}\t{escape_cell(q.answer)}" for a in articles for q in a.questions
    ]
    return "".join(line + "\n" for line in lines)
