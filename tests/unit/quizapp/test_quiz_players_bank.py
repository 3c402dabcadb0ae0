"""Players' answers saved with the night: through the writer thread into the bank, so a host
crash loses nothing, and `quizapp quiz-night --results` lists each player's night."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence

from sqlalchemy import select
from starlette.testclient import TestClient

from question_bank.store import Bank
from question_bank.store.schema import QuizAnswerRow, QuizPlayerRow
from quizapp.cli.quiz_commands import format_results
from quizapp.quiznight.plan import NightSetup
from quizapp.quiznight.players import PlayersApp
from quizapp.quiznight.records import Answer, hash_token
from quizapp.quiznight.room import Room
from quizapp.quiznight.store import (
    BankPlayerRecorder,
    list_results,
    player_results,
)
from quizapp.quiznight.writer import QueuedRecorder
from tests.support.quiz import fill_quiz_bank
from tests.support.quiz_players import FakeClock, bank_room


class FailingRecorder(BankPlayerRecorder):
    """The bank's recorder, with a disk that can fill up under the answers."""

    full = False

    def answers_received(self, answers: Sequence[Answer]) -> None:
        if self.full:
            raise OSError("disk full")
        super().answers_received(answers)


def red_blue_room(
    bank: Bank, clock: FakeClock, recorder: type[BankPlayerRecorder] = BankPlayerRecorder
) -> tuple[Room, QueuedRecorder]:
    setup = NightSetup(
        teams=["Red", "Blue"], rounds=1, per_round=2, seed=1, kinds=("choice",), players=True
    )
    return bank_room(bank, setup, clock, recorder=recorder, pin="4242")


def test_every_answer_and_result_is_in_the_bank(bank: Bank, bank_url: str) -> None:
    fill_quiz_bank(bank)
    clock = FakeClock()
    room, writer = red_blue_room(bank, clock)
    try:
        app = PlayersApp(room, recorder=writer, clock=clock, allowed_hosts={"testserver"})
        with TestClient(app) as client:
            tokens = {}
            for name, team in (("Ana", "Red"), ("Bo", "Red"), ("Cy", "Blue")):
                reply = client.post(
                    "/api/join", json={"pin": "4242", "nickname": name, "team": team}
                )
                tokens[name] = reply.json()["token"]
            room.toggle_timer()
            right = list(room.night.question.options).index(room.night.question.answer)
            for name, option in (("Ana", right), ("Bo", (right + 1) % 4), ("Cy", right)):
                reply = client.post(
                    "/api/answer",
                    json={"option": option},
                    headers={"Authorization": f"Bearer {tokens[name]}"},
                )
                assert reply.status_code == 200
            # Acknowledged means committed: the rows are there before the reveal.
            with bank.transaction() as session:
                assert len(session.scalars(select(QuizAnswerRow)).all()) == 3
            room.reveal()
            room.award(2)  # the host overrules the grader for Bo
            room.next()
            room.finish()
    finally:
        writer.close()
    with bank.transaction() as session:
        players = session.scalars(select(QuizPlayerRow).order_by(QuizPlayerRow.id)).all()
        assert [p.nickname for p in players] == ["Ana", "Bo", "Cy"]
        assert players[0].token_hash == hash_token(tokens["Ana"]) != tokens["Ana"]
        rows = session.scalars(select(QuizAnswerRow).order_by(QuizAnswerRow.player_id)).all()
        assert [(r.correct, r.points, r.by_host) for r in rows] == [
            (True, 1.0, False),
            (True, 1.0, True),
            (True, 1.0, False),
        ]
    (night,) = list_results(bank)
    assert [(t.name, t.points) for t in night.teams] == [("Red", 2.0), ("Blue", 1.0)]
    assert room.team_totals() == [2.0, 1.0]  # the room and the bank agree
    results = player_results(bank, night.id)
    assert [(r.nickname, r.team, r.points, r.right) for r in results] == [
        ("Ana", "Red", 1.0, 1),
        ("Bo", "Red", 1.0, 1),
        ("Cy", "Blue", 1.0, 1),
    ]
    text = format_results(list_results(bank), {night.id: results})
    assert "Ana (Red) 1" in text and "Cy (Blue) 1" in text
    listed = subprocess.run(
        [sys.executable, "-m", "quizapp", "quiz-night", "--results", "--db", bank_url],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert listed.returncode == 0, listed.stderr
    assert "1. Ana (Red) 1  (1 right of 1 answered)" in listed.stdout


def test_an_answer_the_bank_cannot_save_is_refused_and_may_be_sent_again(bank: Bank) -> None:
    fill_quiz_bank(bank)
    clock = FakeClock()
    room, writer = red_blue_room(bank, clock, FailingRecorder)
    try:
        app = PlayersApp(room, recorder=writer, clock=clock, allowed_hosts={"testserver"})
        with TestClient(app) as client:
            join = {"pin": "4242", "nickname": "Ana", "team": "Red"}
            token = client.post("/api/join", json=join).json()["token"]
            room.toggle_timer()
            auth = {"Authorization": f"Bearer {token}"}
            FailingRecorder.full = True
            try:
                refused = client.post("/api/answer", json={"option": 0}, headers=auth)
            finally:
                FailingRecorder.full = False
            assert refused.status_code == 503 and refused.json()["error"] == "save"
            assert room.answered_count() == (0, 1)  # not counted: the phone may try again
            again = client.post("/api/answer", json={"option": 0}, headers=auth)
            assert again.status_code == 200
    finally:
        writer.close()
    with bank.transaction() as session:
        assert len(session.scalars(select(QuizAnswerRow)).all()) == 1
