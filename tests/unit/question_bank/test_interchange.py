"""The JSON bank document: export, validation, lossless round trip, upsert by id."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from question_bank.errors import InterchangeError
from question_bank.store import Bank, open_bank
from question_bank.store.interchange import export_document, import_document, parse_document
from quizapp.content.generation import generate_files
from tests.support.bank import bank_contents


def exported(bank: Bank) -> dict[str, object]:
    with bank.transaction() as session:
        document = export_document(session)
    return json.loads(document.model_dump_json())


def test_export_has_the_documented_shape(bank: Bank, seed_article: Path) -> None:
    generate_files(bank, [seed_article])
    data = exported(bank)
    assert data["format"] == "quizapp.bank" and data["version"] == 1
    [article] = data["articles"]  # type: ignore[misc]
    assert {"id", "title", "source"} <= article.keys()
    assert article["source"] == str(seed_article)
    question = data["questions"][0]  # type: ignore[index]
    for key in (
        "id",
        "article_id",
        "kind",
        "prompt",
        "answer",
        "accepted_answers",
        "choices",
        "source_sentence",
        "section",
    ):
        assert key in question
    assert question["article_id"] == article["id"]


def test_round_trip_is_lossless(bank: Bank, seed_article: Path, tmp_path: Path) -> None:
    generate_files(bank, [seed_article])
    text = json.dumps(exported(bank))
    other = open_bank(tmp_path / "other.sqlite")
    try:
        with other.transaction() as session:
            added, updated = import_document(session, parse_document(text))
        assert added == len(json.loads(text)["questions"]) and updated == 0
        again = exported(other)
    finally:
        other.dispose()
    original = json.loads(text)
    for key in ("articles", "questions"):
        assert again[key] == original[key]


def test_import_into_same_bank_updates_never_duplicates(bank: Bank, seed_article: Path) -> None:
    generate_files(bank, [seed_article])
    data = exported(bank)
    before = bank_contents(bank)
    data["questions"][0]["prompt"] = "An edited prompt?"  # type: ignore[index]
    with bank.transaction() as session:
        added, updated = import_document(session, parse_document(json.dumps(data)))
    assert (added, updated) == (0, 1)
    after = bank_contents(bank)
    assert len(after["questions"]) == len(before["questions"])
    assert exported(bank)["questions"][0]["prompt"] == "An edited prompt?"  # type: ignore[index]


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d.pop("articles"), "articles"),
        (lambda d: d.update(format="something.else"), "format"),
        (lambda d: d.update(version=2), "version"),
        (lambda d: d["questions"][0].update(kind="essay"), "questions.0.kind"),
        (lambda d: d["questions"][1].pop("prompt"), "questions.1.prompt"),
        (lambda d: d["questions"][2].update(choices="A, B"), "questions.2.choices"),
        (lambda d: d["questions"][0].update(article_id="nope"), "questions.0.article_id"),
    ],
)
def test_malformed_document_names_the_bad_field(
    bank: Bank, seed_article: Path, mutate: object, field: str
) -> None:
    generate_files(bank, [seed_article])
    data = exported(bank)
    mutate(data)  # type: ignore[operator]
    with pytest.raises(InterchangeError) as error:
        parse_document(json.dumps(data))
    assert field in str(error.value)
    assert "\n" not in str(error.value)


def test_not_json_is_refused() -> None:
    with pytest.raises(InterchangeError, match="invalid bank document"):
        parse_document("{not json")
