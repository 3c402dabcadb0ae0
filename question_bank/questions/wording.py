"""Tokens back to text: a question's words as the article wrote them (its quotes, dashes and
spacing), a sentence-initial common word lowercased when it moves inside, seams closed; and
`Rendering`, a built question with the quality signal the ranker uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_SPACE_AFTER = re.compile(r"([(\[])\s+")


@dataclass(frozen=True)
class Rendering:
    """A question with the quality signals the ranker uses."""

    text: str
    quality: float
    form: str  # "subject", "fronted", "in-situ", "title", "how-many"
    # The previous sentence, when the question names something only it says ("the decision").
    lead: str = ""


def lead_in(sent: Span) -> str | None:
    """The sentence before, as the article wrote it, to lead into a card whose sentence points
    back to it ("announced the decision"); None at a paragraph's start or when it is long."""
    if sent.start == 0:
        return None
    previous = sent.doc[sent.start - 1].sent
    if len(previous) > 40 or not quotes_balanced(previous.text):
        return None
    return " ".join(previous.text.split()) + " "


def quotes_balanced(text: str) -> bool:
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")


def is_whole_sentence(sent: Span) -> bool:
    """A sentence that stands alone: capitalised, with a subject, quotes balanced (not the tail
    of a quotation like 'Ends the debate about…".')."""
    text = sent.text.strip()
    if not text or not (text[0].isupper() or text[0].isdigit()) or not quotes_balanced(text):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in sent.root.children)


def with_lead(rendering: Rendering | None, lead: str) -> Rendering | None:
    if rendering is None or not lead:
        return rendering
    return Rendering(rendering.text, rendering.quality, rendering.form, lead)


def render_tokens(
    tokens: Iterable[Token], subs: Mapping[int, str], lower_first: bool = False
) -> str:
    """Tokens as text: neighbours keep the article's own characters between them (quotes,
    dashes, spacing); across a removed stretch, the spacing the article had before the resumed
    word (none before a comma, one space before a word)."""
    parts: list[str] = []
    previous: Token | None = None
    for token in tokens:
        text = subs.get(token.i, token.text)
        if (
            ((previous is None and lower_first) or previous is not None)
            and not (len(text) > 1 and text.isupper())  # "THE EARLIEST RECORDED", as written
            and _common_opener(token, text)
        ):
            text = text[:1].lower() + text[1:]  # "The country…" inside, "In 2008" at the end
        if previous is not None and parts:
            if previous.i + 1 == token.i:
                parts.append(previous.whitespace_)
            elif token.text in (",", ".", ";", ":", "!", "?", ")"):
                pass  # "on the king's death, with…": never a space before a comma
            else:
                before = token.doc[token.i - 1].whitespace_ if token.i > 0 else " "
                parts.append(before or previous.whitespace_ or " ")
        if text:
            parts.append(text)
        previous = token
    return "".join(parts)


def _common_opener(token: Token, text: str) -> bool:
    """A sentence-initial common word ("The country"), lowercased when it moves inside."""
    if token.is_sent_start and text == token.text and _function_opener(token):
        return True
    return (
        bool(token.is_sent_start)
        and text == token.text
        and token.tag_ not in ("NNP", "NNPS")
        and token.text != "I"
        and (
            token.ent_type_ in ("", "CARDINAL", "DATE", "QUANTITY", "PERCENT", "MONEY")
            # "The Golden Gate Bridge opened…" -> "When did the Golden Gate Bridge open?";
            # titles of works keep their capital ("The Five Doctors").
            or (token.lower_ == "the" and token.ent_type_ in _THE_INSIDE_NAMES)
        )
        and (token.is_stop or token.pos_ in ("DET", "ADJ", "NUM") or token.text.isascii())
        and not _capitalised_elsewhere(token)
    )


# Parts of speech that are never a name's own word, whatever the recogniser made of the
# sentence's first word ("Earlier Viking settlers" tagged an organisation).
_NEVER_NAME_POS = frozenset({"ADV", "ADP", "AUX", "CCONJ", "SCONJ", "PRON", "PART", "VERB"})


def _function_opener(token: Token) -> bool:
    """A capitalised first word that is no part of a name: an adverb, a preposition ("Earlier
    Viking settlers" -> "… had earlier Viking settlers …"), or "The"/"A" before anything but
    the title of a work ("When was the Marlow Canal dug?")."""
    if token.text[:1].islower() or token.text == "I":
        return False
    if token.lower_ in ("the", "a", "an"):
        return token.ent_type_ != "WORK_OF_ART" and not _the_in_name(token)
    return token.pos_ in _NEVER_NAME_POS and token.tag_ not in ("NNP", "NNPS")


def _the_in_name(token: Token) -> bool:
    """The article writes "The" with a capital before the same word mid-sentence ("in The
    Hague"): part of the name."""
    if token.i + 1 >= len(token.doc):
        return False
    name = "The " + token.doc[token.i + 1].text
    text = token.doc.text
    at = text.find(name, token.idx + 1)
    return at > 0


def _capitalised_elsewhere(token: Token) -> bool:
    """The article writes this sentence-initial word with a capital mid-sentence too ("Turing
    machines", "Movement" is not): a name, kept as written."""
    if token.is_stop or token.pos_ in ("DET", "ADP", "PRON", "CCONJ", "SCONJ"):
        return False
    text = token.text
    doc = token.doc
    capital = lower = False
    for other in doc:
        if other.i == token.i or other.is_sent_start:
            continue
        if other.text == text:
            capital = True
        elif other.lower_ == token.lower_:
            lower = True
    return capital and not lower


# Entity types whose leading "The" is an ordinary article, written lowercase mid-sentence.
_THE_INSIDE_NAMES = frozenset({"FAC", "GPE", "LOC", "ORG", "NORP", "EVENT", "LAW"})


def _tidy(text: str, *, question: bool) -> str:
    """Whitespace normalised, and the seams a removed stretch leaves (", ,", "( )") closed;
    the article's own characters are never rewritten."""
    text = " ".join(text.split())
    text = _SPACE_AFTER.sub(r"\1", text)
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"\s+([?.!,;:])$", r"\1", text)
    if question:
        # "… extradited to the U.S.?": an abbreviation keeps its full stop.
        kept = "." if re.search(r"\b(?:[A-Z]\.){2,}$", text) else ""
        text = text.rstrip(" ,;:.") + kept + "?"
    return text


def finish_question(text: str) -> str:
    return upper_first(_tidy(text, question=True))


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
