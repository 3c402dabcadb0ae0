"""Nothing lost: a study process killed with SIGKILL mid-session, two processes on one bank,
and a bank locked for too long.

The subprocess answers cards through `StudyService` and prints one `ACK` line per answer only
after `answer()` returned, i.e. after the commit. Whatever moment the kill lands on, the bank
must pass `PRAGMA integrity_check` and hold every acknowledged answer.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from question_bank.errors import BankError
from question_bank.store import Bank, open_bank
from question_bank.store import engine as store
from question_bank.store.schema import CardRow, LearnerRow, ReviewLogRow
from quizapp.settings import Settings
from quizapp.study.session import StudyService
from tests.support.study import FakeClock, add_article

pytestmark = pytest.mark.sqlite_only

ROOT = Path(__file__).resolve().parents[3]

# Answers cards until told to stop (or `limit` answers); a clock that moves one minute per
# call keeps learning cards coming due. Prints "ACK <question id> <review time>" after commit.
STUDENT = r"""
import sys
from datetime import UTC, datetime, timedelta
from question_bank.store import open_bank
from quizapp.settings import Settings
from quizapp.study.session import StudyService

path, learner, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
moment = [datetime(2026, 3, 2, 9, tzinfo=UTC)]

def clock():
    moment[0] += timedelta(minutes=1)
    return moment[0]

bank = open_bank(path, create=False)
settings = Settings(new_cards_per_day=100000, reviews_per_day=100000, enable_fuzzing=True)
service = StudyService(bank, settings, learner, clock=clock, timezone=UTC)
print("READY", flush=True)
for number in range(limit):
    card = service.next_card()
    if card is None:
        break
    result = service.answer(
        card.question_id, 1 + number % 4, duration_ms=1000 + number, mode="flip"
    )
    reviewed_at = result.due - result.interval
    print("ACK", card.question_id, reviewed_at.isoformat(), flush=True)
print("DONE", flush=True)
"""


def seeded_bank(path: Path, questions: int = 400) -> None:
    bank = open_bank(path)
    add_article(bank, "crash", questions)
    bank.dispose()


def start_student(path: Path, learner: str, limit: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", STUDENT, str(path), learner, str(limit)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def logged(bank: Bank, learner: str) -> set[tuple[str, datetime]]:
    with bank.transaction() as session:
        rows = session.execute(
            select(ReviewLogRow.question_id, ReviewLogRow.reviewed_at)
            .join(LearnerRow, LearnerRow.id == ReviewLogRow.learner_id)
            .where(LearnerRow.name == learner)
        ).all()
    return {(qid, at) for qid, at in rows}


def parse_ack(line: str) -> tuple[str, datetime]:
    _ack, qid, at = line.split()
    return qid, datetime.fromisoformat(at)


def integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


@pytest.mark.parametrize("kill_after", [1, 17, 60])
def test_sigkill_mid_session_loses_no_acknowledged_answer(tmp_path: Path, kill_after: int) -> None:
    path = tmp_path / "bank.sqlite"
    seeded_bank(path)
    student = start_student(path, "me", limit=100000)
    assert student.stdout is not None
    acked: list[tuple[str, datetime]] = []
    try:
        assert student.stdout.readline().strip() == "READY"
        while len(acked) < kill_after:
            line = student.stdout.readline()
            assert line.startswith("ACK"), line + (student.stderr.read() if student.stderr else "")
            acked.append(parse_ack(line))
        # The process is answering the next card right now: kill it wherever it is.
        os.kill(student.pid, signal.SIGKILL)
        # Answers it acknowledged before it died count too: read the pipe to its end through
        # the same buffered reader (communicate() would skip what readline() buffered).
        rest = student.stdout.read()
        student.wait(timeout=60)
    finally:
        if student.poll() is None:
            student.kill()
            student.wait()
    assert student.returncode == -signal.SIGKILL
    acked += [parse_ack(line) for line in rest.splitlines() if line.startswith("ACK")]

    assert integrity(path) == "ok"
    bank = open_bank(path, create=False)
    try:
        in_bank = logged(bank, "me")
        assert set(acked) <= in_bank
        # At most the answer in flight went through without its acknowledgement.
        assert len(in_bank) - len(acked) in (0, 1)
        with bank.transaction() as session:
            cards = session.scalar(select(func.count()).select_from(CardRow))
        assert cards == len({qid for qid, _at in in_bank})
        # And the bank is usable: study goes on where it stopped.
        service = StudyService(
            bank,
            Settings(enable_fuzzing=False),
            "me",
            clock=FakeClock(datetime(2026, 3, 9, 9, tzinfo=UTC)),
            timezone=UTC,
        )
        card = service.next_card()
        assert card is not None
        service.answer(card.question_id, 3, duration_ms=1, mode="flip")
    finally:
        bank.dispose()


def test_two_processes_answering_on_one_bank_do_not_corrupt_it(tmp_path: Path) -> None:
    path = tmp_path / "bank.sqlite"
    seeded_bank(path)
    # Two learners (separate counts to check) and a second process of the same learner.
    students = {
        "alice": start_student(path, "alice", limit=60),
        "bob": start_student(path, "bob", limit=60),
    }
    outputs = {name: student.communicate(timeout=300) for name, student in students.items()}
    for name, student in students.items():
        out, err = outputs[name]
        assert student.returncode == 0, err
        assert out.splitlines()[-1] == "DONE"
    assert integrity(path) == "ok"
    bank = open_bank(path, create=False)
    try:
        for name in students:
            acked = {parse_ack(line) for line in outputs[name][0].splitlines() if "ACK" in line}
            assert len(acked) == 60
            assert logged(bank, name) == acked
    finally:
        bank.dispose()


def test_the_same_learner_in_two_processes_keeps_every_answer(tmp_path: Path) -> None:
    path = tmp_path / "bank.sqlite"
    seeded_bank(path)
    students = [start_student(path, "me", limit=40) for _ in range(2)]
    outputs = [student.communicate(timeout=300) for student in students]
    for student, (_out, err) in zip(students, outputs, strict=True):
        assert student.returncode == 0, err
    assert integrity(path) == "ok"
    bank = open_bank(path, create=False)
    try:
        with bank.transaction() as session:
            logs = session.scalar(select(func.count()).select_from(ReviewLogRow))
            learners = session.scalar(select(func.count()).select_from(LearnerRow))
        assert logs == 80 and learners == 1
    finally:
        bank.dispose()


def test_a_bank_locked_too_long_is_a_clear_error_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bank.sqlite"
    seeded_bank(path, questions=3)
    monkeypatch.setattr(store, "SQLITE_BUSY_TIMEOUT_S", 0.2)
    bank = open_bank(path, create=False)
    clock = FakeClock(datetime(2026, 3, 2, 9, tzinfo=UTC))
    service = StudyService(bank, Settings(), "me", clock=clock, timezone=UTC)
    card = service.next_card()
    assert card is not None
    other = sqlite3.connect(path, timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        with pytest.raises(BankError) as caught:
            service.answer(card.question_id, 3, duration_ms=1, mode="flip")
        message = str(caught.value)
        assert "locked by another process" in message and "\n" not in message
        with pytest.raises(BankError, match="locked"):
            service.bury(card.question_id)
        # Reading still works while another process writes (WAL).
        assert service.next_card() is not None
    finally:
        other.rollback()
        other.close()
    assert logged(bank, "me") == set()
    clock.advance(seconds=5)
    service.answer(card.question_id, 3, duration_ms=1, mode="flip")  # free again: it works
    assert len(logged(bank, "me")) == 1
    bank.dispose()
