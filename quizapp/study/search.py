"""The browser's search syntax, Anki-like: parsed into terms here, turned into SQL in `browse`.

    soldiers "press conference"     every word or quoted phrase in the prompt, answer or sentence
    is:due is:new is:learn is:review is:suspended is:buried is:flagged is:leech is:retired
    flag:1 flag:0                   flagged or not
    kind:choice                     open, cloze, choice, truefalse (tf is truefalse)
    article:kosovo                  the article's title contains it (or its id starts with it)
    tag:leech                       the question carries that tag
    -is:suspended  -kind:cloze      a leading "-" negates any term
    article:"Baltic exercise"       a field's value can be quoted too

Terms are ANDed, as in Anki. Pure parsing with no SQL, so the grammar is tested on its own and
an error names the term the learner typed wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from question_bank.errors import QuestionBankError

Field = Literal["text", "is", "flag", "kind", "article", "tag"]

IS_VALUES = (
    "due",
    "new",
    "learn",
    "review",
    "suspended",
    "buried",
    "flagged",
    "leech",
    "retired",
)
KIND_VALUES = ("open", "cloze", "choice", "truefalse")
KIND_ALIASES = {"tf": "truefalse", "true/false": "truefalse", "mc": "choice"}
FIELDS: tuple[Field, ...] = ("is", "flag", "kind", "article", "tag")


class SearchError(QuestionBankError):
    """A search the browser cannot run ("is:dued": unknown), said in the learner's terms."""


@dataclass(frozen=True)
class Term:
    """One condition: a field, its value (lower-cased for is/flag/kind) and a negation."""

    field: Field
    value: str
    negated: bool = False


@dataclass(frozen=True)
class Search:
    """A parsed search: every term must hold."""

    terms: tuple[Term, ...] = ()

    @property
    def text(self) -> tuple[Term, ...]:
        return tuple(term for term in self.terms if term.field == "text")

    def has(self, field: Field, value: str | None = None) -> bool:
        """True when a non-negated term on `field` (with `value`, if given) is in the search."""
        return any(
            term.field == field and not term.negated and (value is None or term.value == value)
            for term in self.terms
        )


def _tokens(query: str) -> list[str]:
    """Split on spaces, keeping quoted runs together (quotes stay in the token)."""
    tokens: list[str] = []
    current: list[str] = []
    quoted = False
    for char in query:
        if char == '"':
            quoted = not quoted
            current.append(char)
        elif char.isspace() and not quoted:
            if current:
                tokens.append("".join(current))
                current = []
        else:
            current.append(char)
    if current:
        tokens.append("".join(current))
    return tokens


def _unquote(text: str) -> str:
    return text.replace('"', "")


def _term(token: str) -> Term | None:
    negated = token.startswith("-") and len(token) > 1
    body = token[1:] if negated else token
    name, colon, value = body.partition(":")
    field = name.lower()
    # "field:value" only for a known field and an unquoted name: "Note: x" stays text.
    if not colon or field not in FIELDS or '"' in name:
        phrase = " ".join(_unquote(body).split())
        return Term("text", phrase, negated) if phrase else None
    value = _unquote(value).strip()
    if not value:
        raise SearchError(f"{token!r}: give a value after '{name}:'")
    if field == "is":
        value = value.lower()
        if value not in IS_VALUES:
            raise SearchError(f"{token!r}: is: takes {', '.join(IS_VALUES)}")
        return Term("is", value, negated)
    if field == "flag":
        if value not in ("0", "1"):
            raise SearchError(f"{token!r}: flag: takes 1 (flagged) or 0 (not flagged)")
        return Term("flag", value, negated)
    if field == "kind":
        value = KIND_ALIASES.get(value.lower(), value.lower())
        if value not in KIND_VALUES:
            raise SearchError(f"{token!r}: kind: takes {', '.join(KIND_VALUES)}")
        return Term("kind", value, negated)
    if field == "article":
        return Term("article", value, negated)
    return Term("tag", value, negated)


def parse(query: str) -> Search:
    """Parse the browser's search box; raises SearchError for a term it cannot run."""
    if query.count('"') % 2:
        raise SearchError("a quote is not closed")
    terms = [term for token in _tokens(query) if (term := _term(token)) is not None]
    return Search(tuple(terms))
