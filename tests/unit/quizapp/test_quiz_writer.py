"""The room's writer thread: calls saved in order, answers queued together in one batch,
a failed save reported to whoever waits on it."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pytest

from quizapp.quiznight.room import Answer, Result
from quizapp.quiznight.writer import QueuedRecorder


class SlowRecorder:
    """Records what it is asked to save; the first batch waits until the test lets it go."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []
        self.gate = threading.Event()
        self.fail = False

    def player_joined(self, nickname: str, team_index: int | None, token_hash: str) -> int:
        self.calls.append(("join", nickname))
        return len(self.calls)

    def answers_received(self, answers: Sequence[Answer]) -> None:
        self.gate.wait(5)
        if self.fail:
            raise RuntimeError("disk full")
        self.calls.append(("answers", [a.player_id for a in answers]))

    def results_set(self, results: Sequence[Result]) -> None:
        self.calls.append(("results", [r.player_id for r in results]))

    def result_removed(self, player_id: int, asked_id: int) -> None:
        self.calls.append(("removed", player_id))


def answer(player_id: int) -> Answer:
    return Answer(player_id, asked_id=1, option=0, text="A", elapsed=1.0)


def test_answers_are_batched_and_results_wait_behind_them() -> None:
    inner = SlowRecorder()
    writer = QueuedRecorder(inner)
    try:
        assert writer.player_joined("Ana", None, "h") == 1
        writer.answer_received(answer(1))  # the writer takes this one and waits at the gate
        for player in (2, 3, 4):
            writer.answer_received(answer(player))
        done = threading.Thread(target=writer.results_set, args=([Result(1, 1, True, 1.0)],))
        done.start()
        inner.gate.set()
        done.join(5)
        for player in (1, 2, 3, 4):
            assert writer.saved(answer(player)).result(5) is None
    finally:
        writer.close()
    batches = [ids for kind, ids in inner.calls if kind == "answers"]
    assert sorted(p for ids in batches for p in ids) == [1, 2, 3, 4] and len(batches) <= 2
    assert inner.calls[-1] == ("results", [1])  # never before the answers it grades


def test_a_failed_save_reaches_the_waiting_server() -> None:
    inner = SlowRecorder()
    inner.fail = True
    inner.gate.set()
    writer = QueuedRecorder(inner)
    try:
        writer.answer_received(answer(7))
        with pytest.raises(RuntimeError, match="disk full"):
            writer.saved(answer(7)).result(5)
    finally:
        writer.close()
