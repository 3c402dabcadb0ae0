"""One thread that saves the room's players and answers in order, answers in group commits.

The room calls its `PlayerRecorder` under its lock. Saving each answer in its own commit
there would make a hundred phones answering at once wait for a hundred commits one after
another. `QueuedRecorder` puts every call on one queue, served by one thread, in order: a
join (it needs the new id) and a result wait for their own save; an answer returns at once
and the server waits on `saved(answer)` before it tells the phone "received". Answers queued
together are written in one transaction. Since every call goes through the same queue, a
reveal's grades are never saved before the answers they grade.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Any, Protocol

from quizapp.quiznight.room import Answer, Result

BATCH = 200  # answers per transaction at most


class BatchRecorder(Protocol):
    """A recorder that can also save many answers in one unit of work (the bank's can)."""

    def player_joined(self, nickname: str, team_index: int | None, token_hash: str) -> int: ...

    def answers_received(self, answers: Sequence[Answer]) -> None: ...

    def results_set(self, results: Sequence[Result]) -> None: ...

    def result_removed(self, player_id: int, asked_id: int) -> None: ...


_Job = tuple[Callable[[], Any] | None, Answer | None, "Future[Any]"]


class QueuedRecorder:
    """A `PlayerRecorder` that saves through one writer thread (start it, close it)."""

    def __init__(self, inner: BatchRecorder) -> None:
        self._inner = inner
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._pending: dict[tuple[int, int], Future[Any]] = {}
        self._pending_lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="quiz-writer", daemon=True)
        self._thread.start()

    # --- the PlayerRecorder protocol

    def player_joined(self, nickname: str, team_index: int | None, token_hash: str) -> int:
        result: int = self._call(
            lambda: self._inner.player_joined(nickname, team_index, token_hash)
        )
        return result

    def answer_received(self, answer: Answer) -> None:
        future: Future[Any] = Future()
        with self._pending_lock:
            self._pending[(answer.player_id, answer.asked_id)] = future
        self._queue.put((None, answer, future))

    def results_set(self, results: Sequence[Result]) -> None:
        items = list(results)
        self._call(lambda: self._inner.results_set(items))

    def result_removed(self, player_id: int, asked_id: int) -> None:
        self._call(lambda: self._inner.result_removed(player_id, asked_id))

    # --- for the server

    def saved(self, answer: Answer) -> Future[Any]:
        """Done once the answer is committed (or failed to be)."""
        with self._pending_lock:
            future = self._pending.get((answer.player_id, answer.asked_id))
        if future is None:
            done: Future[Any] = Future()
            done.set_result(None)
            return done
        return future

    def close(self) -> None:
        """Save what is queued, then stop the thread."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout=30)

    # --- the writer thread

    def _call(self, work: Callable[[], Any]) -> Any:
        future: Future[Any] = Future()
        self._queue.put((work, None, future))
        return future.result()

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            work, answer, future = job
            if work is not None:
                self._do(work, future)
                continue
            assert answer is not None
            batch: list[tuple[Answer, Future[Any]]] = [(answer, future)]
            stop = False
            held: _Job | None = None
            while len(batch) < BATCH:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    stop = True
                    break
                if more[0] is not None:  # a join or a result: after this batch, in order
                    held = more
                    break
                assert more[1] is not None
                batch.append((more[1], more[2]))
            self._save(batch)
            if held is not None and held[0] is not None:
                self._do(held[0], held[2])
            if stop:
                return

    @staticmethod
    def _do(work: Callable[[], Any], future: Future[Any]) -> None:
        try:
            future.set_result(work())
        except BaseException as error:  # handed to the waiting caller
            future.set_exception(error)

    def _save(self, batch: list[tuple[Answer, Future[Any]]]) -> None:
        try:
            self._inner.answers_received([answer for answer, _ in batch])
        except BaseException as error:
            for _answer, future in batch:
                future.set_exception(error)  # kept pending: `saved` reports the failure
            return
        for answer, future in batch:
            self._forget(answer)
            future.set_result(None)

    def _forget(self, answer: Answer) -> None:
        with self._pending_lock:
            self._pending.pop((answer.player_id, answer.asked_id), None)
