"""The browser's search syntax: words, quoted phrases, field terms and negation."""

from __future__ import annotations

import pytest

from quizapp.study.search import Search, SearchError, Term, parse


def test_words_and_phrases_are_text_terms() -> None:
    assert parse('soldiers  "press   conference"') == Search(
        (Term("text", "soldiers"), Term("text", "press conference"))
    )
    assert parse("") == Search(())
    assert parse('""') == Search(())


def test_field_terms() -> None:
    assert parse("is:due is:SUSPENDED flag:1 kind:choice kind:tf").terms == (
        Term("is", "due"),
        Term("is", "suspended"),
        Term("flag", "1"),
        Term("kind", "choice"),
        Term("kind", "truefalse"),
    )
    assert parse('article:"Baltic exercise" tag:leech').terms == (
        Term("article", "Baltic exercise"),
        Term("tag", "leech"),
    )


def test_negation() -> None:
    assert parse("-is:suspended -kind:cloze -Kosovo").terms == (
        Term("is", "suspended", negated=True),
        Term("kind", "cloze", negated=True),
        Term("text", "Kosovo", negated=True),
    )
    # A lone dash, and a dash inside a word, are text.
    assert parse("- 20-30").terms == (Term("text", "-"), Term("text", "20-30"))


def test_unknown_field_names_are_text() -> None:
    assert parse("Note:this").terms == (Term("text", "Note:this"),)
    assert parse('"is:due"').terms == (Term("text", "is:due"),)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("is:dued", "is: takes"),
        ("flag:2", "flag: takes"),
        ("kind:essay", "kind: takes"),
        ("tag:", "give a value"),
        ('"open', "quote is not closed"),
    ],
)
def test_errors_name_the_term(query: str, message: str) -> None:
    with pytest.raises(SearchError, match=message):
        parse(query)


def test_has() -> None:
    search = parse("is:due -is:new")
    assert search.has("is", "due") and not search.has("is", "new") and not search.has("kind")
