"""Span edges and span tests that every fact finder shares: where an answer starts and stops
(no leading "the", no torn bracket) and which spans can never be an answer (half a quotation,
a piece of a longer name, a unit conversion, one item of a list).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def trim_phrase(sent: Span, start: int, end: int) -> tuple[int, int]:
    """A phrase without leading "both"/"his"/brackets or trailing punctuation and "and"."""
    doc = sent.doc
    while start < end - 1 and (
        doc[start].dep_ in ("predet", "preconj", "cc", "punct") or doc[start].pos_ == "PRON"
    ):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        if doc[end - 1].text in ("%", ")", "’", "'"):
            break
        end -= 1
    return start, end


def is_conversion(sent: Span, start: int) -> bool:
    """The number sits in brackets right after another measure: "1,600 mm (5 ft [3] in)"."""
    doc = sent.doc
    opening = next(
        (i for i in range(start - 1, max(sent.start, start - 4) - 1, -1) if doc[i].text == "("),
        None,
    )
    if opening is None or opening - 1 < sent.start:
        return False
    before = doc[max(sent.start, opening - 3) : opening]
    return any(t.like_num for t in before)


def in_list(token: Token) -> bool:
    """The token is an item of a list of three or more."""
    head = token
    while head.dep_ == "conj":
        head = head.head
    items = 1 + sum(1 for t in head.subtree if t.dep_ == "conj" and t.pos_ == head.pos_)
    return items >= 3


def list_item(token: Token) -> bool:
    """An item of a list ("…", "…", and "…"): a conjunct, or a word between commas that the
    parser called an apposition in front of "and …" ("in 2014, [2015], and 2016")."""
    head = token.head if token.dep_ in ("conj", "appos") else token
    return any(c.dep_ == "cc" for c in head.children) and (
        token.dep_ in ("conj", "appos") and head.i != token.i
    )


def coordinated_outside(root: Token, start: int, end: int) -> bool:
    """The answer (tokens start..end, `root` its head) is one item of a coordination whose other
    items lie outside it: asked alone, it answers the question only in part."""
    if list_item(root) and not start <= root.head.i < end:
        return True
    return any(
        c.dep_ in ("conj", "appos") and list_item(c) and not start <= c.i < end
        for c in root.children
    )


def half_quoted(text: str) -> bool:
    """A span that opens or closes a quotation it does not contain whole."""
    if text.count('"') % 2 or text.count("“") != text.count("”"):
        return True
    return text.startswith(("'", "‘")) != text.endswith(("'", "’")) or text.endswith(("'", "‘"))


def piece_of_name(sent: Span, start: int, end: int) -> bool:
    """ "Doctor [Who Magazine]", "[Genesis] of the Daleks", "a dedicated [Doctor] Who", "a
    [World War] I claim": a span that is only part of a longer proper name."""
    doc = sent.doc
    before = doc[start - 1] if start > sent.start else None
    if before is not None and before.pos_ == "PROPN" and start <= before.head.i < end:
        return True
    if (
        before is not None
        and before.i > sent.start
        and before.text.istitle()
        and doc[start].text[:1].isupper()
        and before.pos_ not in ("DET", "ADP", "PRON")
    ):
        return True  # "Doctor [Who Magazine]": a capitalised run cut in two
    after = doc[end] if end < sent.end else None
    last = doc[end - 1]
    if after is not None and after.pos_ == "PROPN" and last.pos_ == "PROPN":
        return after.dep_ != "appos"
    if after is not None and after.pos_ == "NUM" and after.text.istitle() and last.pos_ == "PROPN":
        return True  # "[BBC] One", "[Sky] Three": a channel's number is part of its name
    if after is not None and after.lower_ == "of" and end + 1 < sent.end:
        nxt = doc[end + 1] if doc[end + 1].lower_ != "the" else doc[min(end + 2, sent.end - 1)]
        return nxt.pos_ == "PROPN" and nxt.ent_type_ in ("WORK_OF_ART", "ORG", "")
    return False


def trim_entity(sent: Span, start: int, end: int) -> tuple[int, int]:
    """Entity edges without "the", a dangling "and" or an unclosed bracket ("League (AFL")."""
    doc = sent.doc
    while start < end - 1 and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    for index in range(start, end):
        if doc[index].text == "(" and not any(doc[j].text == ")" for j in range(index, end)):
            end = index
            break
    while end > start + 1 and doc[end - 1].lower_ in ("'s", "’s"):
        end -= 1  # "Marco Polo's": the name, not its possessive
    while end > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        if doc[end - 1].text in ("%", ")", "’", "'") or (
            doc[end - 1].text == "." and not doc[end - 2].whitespace_
        ):
            break  # "et al.", "Inc.": the full stop belongs to the word
        end -= 1
    return start, end


def span_root(sent: Span, start: int, end: int) -> Token:
    tokens = sent.doc[start:end]
    return tokens.root
