"""The cloze and the true/false statement: the fact's sentence as the article wrote it, with
the answer gapped or swapped and references outside the answer resolved.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from question_bank.context import Context, lead_names_referent, substitutions
from question_bank.facts.model import Fact
from question_bank.models import CLOZE_GAP
from question_bank.questions.wording import is_whole_sentence, lead_in, quotes_balanced, upper_first

if TYPE_CHECKING:
    from spacy.tokens import Span


def cloze(fact: Fact, context: Context) -> str | None:
    """The sentence with the answer gapped; pronouns outside the answer resolved.

    When a pronoun cannot be resolved ("It was introduced in Norway in [...]"), the previous
    sentence of the paragraph leads in, so that the card itself names what "it" is.
    """
    sent = fact.sent
    if not quotes_balanced(sent.text):
        return None  # 'Ends the debate … during the [...]".': the tail of a quotation
    subs = substitutions(sent, context, exclude=range(fact.start, fact.end))
    lead = ""
    if subs is None:
        lead = lead_in(sent) or ""
        if not lead or not lead_names_referent(sent, context, range(fact.start, fact.end)):
            return None
        subs = substitutions(sent, context, range(fact.start, fact.end), references=False) or {}
    # The gap is the answer's character span ("by [BSkyB.]": the span stops before a full stop
    # the tokeniser glued to the answer, so the stop stays in the text).
    start, end = fact.span
    edits = _token_edits(sent, subs)
    edits.append((sent.start_char + start, sent.start_char + end, CLOZE_GAP))
    text = lead + splice(sent, edits)
    if text.count(CLOZE_GAP) != 1:
        return None
    return upper_first(text)


def statement(fact: Fact, context: Context, answer: str) -> str | None:
    """The fact's sentence as a statement, with `answer` in the answer's place.

    The whole sentence, not the trimmed clause: a true/false card must read exactly as
    the article does except for the one swapped answer.
    """
    sent = fact.sent
    if not is_whole_sentence(sent):
        return None
    subs = substitutions(sent, context, exclude=range(fact.start, fact.end))
    if subs is None:
        return None
    start, end = fact.span
    edits = _token_edits(sent, subs)
    edits.append((sent.start_char + start, sent.start_char + end, answer))
    text = splice(sent, edits)
    if not re.search(r"[.!?][\"”’')\]]*$", text):
        text = text.rstrip(" ,;:") + "."
    return upper_first(text)


def splice(sent: Span, edits: list[tuple[int, int, str]]) -> str:
    """The sentence's own characters with some character ranges (document offsets) replaced:
    quotes, dashes, brackets and spacing stay as the article wrote them; only runs of
    whitespace become one space."""
    text = sent.text  # (the sentence's text, not the whole document's: built per call)
    base = sent.start_char
    out: list[str] = []
    at = 0
    for begin, finish, replacement in sorted(edits):
        begin, finish = begin - base, finish - base
        if begin < at:
            continue  # overlapping edits: the first one wins
        out.append(text[at:begin])
        out.append(replacement)
        at = finish
    out.append(text[at:])
    return " ".join("".join(out).split())


def _token_edits(sent: Span, subs: Mapping[int, str]) -> list[tuple[int, int, str]]:
    """Token substitutions (resolved pronouns) as character edits; a token replaced by nothing
    takes its trailing space with it."""
    doc = sent.doc
    edits = []
    for i, replacement in subs.items():
        token = doc[i]
        finish = token.idx + len(token) + (0 if replacement else len(token.whitespace_))
        edits.append((token.idx, finish, replacement))
    return edits
