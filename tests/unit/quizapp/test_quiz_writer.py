"""The room's writer thread: calls saved in order, answers queued together in one batch,
each batch told to the listeners once, a failed save with its error."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from quizapp.quiznight.records import Answer, Result
from quizapp.quiznight.writer import QueuedRecorder


class SlowRecorder:
    """Records what it is asked to save; the first batch waits until the test lets it go."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []
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


class Told:
    """An `on_saved` listener: what each batch reported, and a way to wait for some answers."""

    def __init__(self) -> None:
        self.batches: list[tuple[list[int], BaseException | None]] = []
        self.changed = threading.Condition()

    def __call__(self, answers: Sequence[Answer], error: BaseException | None) -> None:
        with self.changed:
            self.batches.append(([a.player_id for a in answers], error))
            self.changed.notify_all()

    def wait_for(self, count: int) -> None:
        with self.changed:
            told = lambda: sum(len(ids) for ids, _ in self.batches) >= count  # noqa: E731
            assert self.changed.wait_for(told, timeout=5)


def test_answers_are_batched_and_results_wait_behind_them() -> None:
    inner = SlowRecorder()
    writer = QueuedRecorder(inner)
    told = Told()
    writer.on_saved(told)
    try:
        assert writer.player_joined("Ana", None, "h") == 1
        writer.answer_received(answer(1))  # the writer takes this one and waits at the gate
        for player in (2, 3, 4):
            writer.answer_received(answer(player))
        done = threading.Thread(target=writer.results_set, args=([Result(1, 1, True, 1.0)],))
        done.start()
        inner.gate.set()
        done.join(5)
        told.wait_for(4)
    finally:
        writer.close()
    batches = [ids for kind, ids in inner.calls if kind == "answers"]
    assert sorted(p for ids in batches for p in ids) == [1, 2, 3, 4] and len(batches) <= 2
    assert inner.calls[-1] == ("results", [1])  # never before the answers it grades
    assert [ids for ids, _ in told.batches] == batches  # one word per batch, once committed
    assert all(error is None for _, error in told.batches)


def test_a_failed_save_reaches_the_waiting_server() -> None:
    inner = SlowRecorder()
    inner.fail = True
    inner.gate.set()
    writer = QueuedRecorder(inner)
    told = Told()
    writer.on_saved(told)
    try:
        writer.answer_received(answer(7))
        told.wait_for(1)
    finally:
        writer.close()
    ((ids, error),) = told.batches
    assert ids == [7] and isinstance(error, RuntimeError) and "disk full" in str(error)
