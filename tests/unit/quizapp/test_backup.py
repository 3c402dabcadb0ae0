"""`quizapp backup` / `quizapp restore`: SQLite online backups and JSON backups with history.

Round trips must reproduce the bank row for row (ids, cards, review history, quiz nights);
restoring over a bank that holds anything needs --force; a SQLite backup taken while another
connection writes is one consistent snapshot.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from question_bank.errors import QuestionBankError
from question_bank.store import Bank, backup_sqlite, open_bank
from question_bank.store.interchange import parse_document
from question_bank.store.schema import (
    ArticleRow,
    CardRow,
    LearnerRow,
    QuestionRow,
)
from quizapp.content.backup import BackupError, backup_bank, restore_bank
from quizapp.settings import Settings
from quizapp.study.learner_admin import check_history
from tests.support.bank import bank_contents
from tests.support.history import (
    T0,
    add_quiz_night,
    bank_with_history,
    import_questions,
    quizapp,
    study,
)


def card_count(bank: Bank) -> int:
    with bank.transaction() as session:
        return len(session.scalars(select(CardRow.id)).all())


@pytest.fixture
def source(tmp_path: Path) -> Iterator[Bank]:
    """A SQLite bank with questions, two learners' history and a quiz night."""
    bank = open_bank(tmp_path / "source.sqlite")
    bank_with_history(bank)
    add_quiz_night(bank)
    yield bank
    bank.dispose()


def test_json_backup_restores_every_row_into_an_empty_bank(
    source: Bank, bank: Bank, tmp_path: Path
) -> None:
    target = tmp_path / "backup.json"
    result = backup_bank(source, target, "json")
    assert result.rows["review_logs"] == 21 and result.rows["quiz_scores"] == 1

    restore_bank(bank, target)

    assert bank_contents(bank) == bank_contents(source)
    assert check_history(bank, Settings()) == []


def test_json_backup_is_a_bank_document_that_import_json_reads(
    source: Bank, tmp_path: Path
) -> None:
    target = tmp_path / "backup.json"
    backup_bank(source, target, "json")
    raw = json.loads(target.read_text(encoding="utf-8"))
    assert raw["format"] == "quizapp.bank" and raw["version"] == 1
    assert {learner["name"] for learner in raw["learners"]} == {"Ann", "Bob"}
    assert len(raw["cards"]) == card_count(source) and len(raw["review_logs"]) == 21
    assert raw["tables"]["quiz_nights"][0]["name"] == "Friday quiz"
    # The plain document parser (import json) reads the articles and questions of a backup.
    plain = parse_document(target.read_bytes())
    assert len(plain.questions) == 11


def test_restored_bank_goes_on_with_fresh_ids(source: Bank, bank: Bank, tmp_path: Path) -> None:
    target = tmp_path / "backup.json"
    backup_bank(source, target, "json")
    restore_bank(bank, target)
    # New learners, cards and logs after a restore must not collide with restored ids
    # (on PostgreSQL the id sequences are moved past them).
    study(bank, "Cleo", 4, start=T0 + timedelta(days=5))
    study(bank, "Ann", 4, start=T0 + timedelta(days=5))
    assert check_history(bank, Settings()) == []
    with bank.transaction() as session:
        names = set(session.scalars(select(LearnerRow.name)))
    assert names == {"Ann", "Bob", "Cleo"}


def test_sqlite_backup_file_restores_too(source: Bank, bank: Bank, tmp_path: Path) -> None:
    target = tmp_path / "backup.sqlite"
    result = backup_bank(source, target, "sqlite")
    assert result.format == "sqlite" and result.rows["cards"] == card_count(source)
    before = target.read_bytes()
    restore_bank(bank, target)
    assert bank_contents(bank) == bank_contents(source)
    assert target.read_bytes() == before  # the backup file itself is never touched


def test_restore_refuses_a_bank_that_is_not_empty_unless_forced(
    source: Bank, bank: Bank, tmp_path: Path
) -> None:
    target = tmp_path / "backup.json"
    backup_bank(source, target, "json")
    study_bank = bank
    import_questions(study_bank)
    study(study_bank, "Dora", 2)
    unchanged = bank_contents(study_bank)
    with pytest.raises(BackupError, match=r"not empty.*--force"):
        restore_bank(study_bank, target)
    assert bank_contents(study_bank) == unchanged

    restore_bank(study_bank, target, force=True)
    assert bank_contents(study_bank) == bank_contents(source)


def test_a_bad_backup_file_is_refused_and_the_bank_unchanged(bank: Bank, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "quizapp.bank", "version": 1, "articles": []}')
    with pytest.raises(QuestionBankError, match="questions"):
        restore_bank(bank, broken)
    dangling = tmp_path / "dangling.json"
    dangling.write_text(
        json.dumps(
            {
                "articles": [],
                "questions": [],
                "learners": [{"id": 1, "name": "Ann"}],
                "cards": [
                    {
                        "id": 1,
                        "learner_id": 1,
                        "question_id": "nope",
                        "state": 2,
                        "due": "2026-01-01T00:00:00Z",
                    }
                ],
            }
        )
    )
    with pytest.raises(QuestionBankError, match=r"cards\.0\.question_id"):
        restore_bank(bank, dangling)
    with bank.transaction() as session:
        assert session.scalars(select(LearnerRow)).first() is None


@pytest.mark.sqlite_only
def test_sqlite_backup_while_another_connection_writes_is_one_snapshot(
    source: Bank, tmp_path: Path
) -> None:
    """A writer commits learner + review-log pairs non-stop; the backup holds whole pairs."""
    path = Path(source.engine.url.database or "")
    with source.transaction() as session:
        question_id = session.scalars(select(QuestionRow.id)).first()
    started, stop = threading.Event(), threading.Event()
    written: list[int] = []

    def writer() -> None:
        connection = sqlite3.connect(path, timeout=10)
        try:
            number = 0
            while not stop.is_set() or number < 50:
                with connection:
                    cursor = connection.execute(
                        "INSERT INTO learners (name, created_at) VALUES (?, ?)",
                        (f"writer-{number}", "2026-03-02 09:00:00.000000"),
                    )
                    connection.execute(
                        "INSERT INTO review_logs (learner_id, question_id, rating, reviewed_at, "
                        "duration_ms, mode, state_before, state_after, card_before) "
                        "VALUES (?, ?, 3, '2026-03-02 09:00:00.000000', 0, 'flip', 0, 1, '{}')",
                        (cursor.lastrowid, question_id),
                    )
                number += 1
                written.append(number)
                if number == 20:
                    started.set()
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    assert started.wait(timeout=60)
    target = tmp_path / "during.sqlite"
    backup_sqlite(path, target)
    stop.set()
    thread.join(timeout=60)

    copy = sqlite3.connect(target)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        learners = copy.execute("SELECT COUNT(*) FROM learners WHERE name LIKE 'writer-%'")
        logs = copy.execute(
            "SELECT COUNT(*) FROM review_logs WHERE learner_id IN "
            "(SELECT id FROM learners WHERE name LIKE 'writer-%')"
        )
        in_backup = learners.fetchone()[0]
        assert in_backup == logs.fetchone()[0]
        assert 20 <= in_backup <= len(written)
    finally:
        copy.close()


def test_backup_and_restore_commands(source: Bank, bank_url: str, tmp_path: Path) -> None:
    source_path = str(source.engine.url.database)
    made = quizapp("backup", "--db", source_path, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    cards = card_count(source)
    assert f"2 learners, {cards} cards, 21 review logs, 1 quiz nights" in made.stdout
    (backup_file,) = tmp_path.glob("source-backup-*.sqlite")

    as_json = quizapp("backup", "--db", source_path, "-o", str(tmp_path / "b.json"))
    assert as_json.returncode == 0, as_json.stderr
    assert "(json)" in as_json.stdout

    restored = quizapp("restore", str(tmp_path / "b.json"), "--db", bank_url)
    assert restored.returncode == 0, restored.stderr
    assert "restored 2 articles, 11 questions, 2 learners" in restored.stdout

    again = quizapp("restore", str(backup_file), "--db", bank_url)
    assert again.returncode == 1
    assert again.stderr.startswith("quizapp: error: ") and "--force" in again.stderr
    assert "Traceback" not in again.stderr
    forced = quizapp("restore", str(backup_file), "--force", "--db", bank_url)
    assert forced.returncode == 0, forced.stderr

    restored_bank = open_bank(bank_url)
    try:
        assert bank_contents(restored_bank) == bank_contents(source)
    finally:
        restored_bank.dispose()


def test_restore_of_a_missing_or_foreign_file_is_one_line(bank_url: str, tmp_path: Path) -> None:
    missing = quizapp("restore", str(tmp_path / "nope.json"), "--db", bank_url)
    assert missing.returncode == 1 and "no such backup file" in missing.stderr
    foreign = tmp_path / "notes.txt"
    foreign.write_text("hello")
    result = quizapp("restore", str(foreign), "--db", bank_url)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "invalid bank document" in result.stderr


def test_json_backup_of_a_bank_on_any_engine_round_trips(
    source: Bank, bank: Bank, tmp_path: Path
) -> None:
    first = tmp_path / "first.json"
    backup_bank(source, first, "json")
    restore_bank(bank, first)
    second = tmp_path / "second.json"
    result = backup_bank(bank, second, "json")  # from the engine under test
    assert result.rows["review_logs"] == 21
    copy = open_bank(tmp_path / "copy.sqlite")
    try:
        restore_bank(copy, second)
        assert bank_contents(copy) == bank_contents(source)
    finally:
        copy.dispose()


@pytest.mark.sqlite_only
def test_sqlite_backup_of_a_bank_in_a_folder_with_spaces_and_hashes(tmp_path: Path) -> None:
    folder = tmp_path / "class banks #1"
    folder.mkdir()
    bank = open_bank(folder / "week 12.sqlite")
    try:
        import_questions(bank)
        result = backup_bank(bank, tmp_path / "out.sqlite", "sqlite")
    finally:
        bank.dispose()
    assert result.rows["questions"] == 11


def test_backup_to_a_missing_folder_is_one_line(source: Bank, tmp_path: Path) -> None:
    result = quizapp(
        "backup", "--db", str(source.engine.url.database), "-o", str(tmp_path / "no" / "b.sqlite")
    )
    assert result.returncode == 1
    assert result.stderr.startswith("quizapp: error: ") and "no such directory" in result.stderr


def test_a_hand_made_document_gets_defaults_for_what_it_leaves_out(
    bank: Bank, tmp_path: Path
) -> None:
    document = {
        "format": "quizapp.bank",
        "version": 1,
        "articles": [{"id": "a1", "title": "Rivers", "source": "rivers.txt"}],
        "questions": [
            {"id": "q1", "article_id": "a1", "kind": "open", "prompt": "Longest?", "answer": "Nile"}
        ],
        "learners": [{"id": 7, "name": "Ann"}],
        "cards": [
            {"id": 3, "learner_id": 7, "question_id": "q1", "state": 0, "due": "2026-03-02T09:00"}
        ],
    }
    path = tmp_path / "hand.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    rows = restore_bank(bank, path)
    assert (rows["learners"], rows["cards"], rows["questions"]) == (1, 1, 1)
    with bank.transaction() as session:
        learner = session.scalars(select(LearnerRow)).one()
        assert learner.id == 7 and learner.created_at is not None
        question = session.scalars(select(QuestionRow)).one()
        assert question.tags == [] and question.created_at is not None


def test_import_json_reads_times_without_a_zone_as_utc(bank_url: str, tmp_path: Path) -> None:
    path = tmp_path / "naive.json"
    path.write_text(
        '{"format": "quizapp.bank", "version": 1, "questions": [], "articles": '
        '[{"id": "a1", "title": "T", "source": "s", "imported_at": "2026-01-01T00:00"}]}'
    )
    result = quizapp("import", "json", str(path), "--db", bank_url)
    assert result.returncode == 0, result.stderr
    bank = open_bank(bank_url)
    try:
        with bank.transaction() as session:
            imported = session.scalars(select(ArticleRow.imported_at)).one()
    finally:
        bank.dispose()
    assert imported == datetime(2026, 1, 1, tzinfo=UTC)


def test_a_backup_from_a_newer_quizapp_is_refused_by_name(bank: Bank, tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite"
    open_bank(newer).dispose()
    database = sqlite3.connect(newer)
    database.execute("UPDATE alembic_version SET version_num = '9999'")
    database.commit()
    database.close()
    with pytest.raises(BackupError) as raised:
        restore_bank(bank, newer)
    assert str(raised.value) == (
        f"{newer}: this bank was made by a newer quizapp (schema 9999); upgrade quizapp"
    )
