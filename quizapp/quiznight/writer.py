"""One thread that saves the room's players and answers in order, answers in group commits.

The room calls its `PlayerRecorder` under its lock. Saving each answer in its own commit
there would make a hundred phones answering at once wait for a hundred commits one after
another. `QueuedRecorder` puts every call on one queue, served by one thread, in order: a
join (it needs the new id) and a result wait for their own save; an answer returns at once,
and once its batch is committed (or has failed) the writer tells the `on_saved` listeners
once for the whole batch, so the server acknowledges a hundred phones with one hop back to
its event loop, not a hundred. Answers queued together are written in one transaction.
Since every call goes through the same queue, a reveal's grades are never saved before the
answers they grade.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Any, Protocol

from quizapp.quiznight.records import Answer, Result

BATCH = 200  # answers per transaction at most


class BatchRecorder(Protocol):
    """A recorder that can also save many answers in one unit of work (the bank's can)."""

    def player_joined(self, nickname: str, team_index: int | None, token_hash: str) -> int: ...

    def answers_received(self, answers: Sequence[Answer]) -> None: ...

    def results_set(self, results: Sequence[Result]) -> None: ...

    def result_removed(self, player_id: int, asked_id: int) -> None: ...


SavedListener = Callable[[Sequence[Answer], BaseException | None], None]
"""Told on the writer thread, once per batch: its answers and the error (None: committed)."""

_Call = tuple[Callable[[], Any], "Future[Any]"]
_Job = _Call | Answer | None  # None: stop


class QueuedRecorder:
    """A `PlayerRecorder` that saves through one writer thread (start it, close it)."""

    def __init__(self, inner: BatchRecorder) -> None:
        self._inner = inner
        # SimpleQueue: a put takes no Condition, and a burst of answers makes a hundred puts.
        self._queue: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._listeners: list[SavedListener] = []
        self._thread = threading.Thread(target=self._run, name="quiz-writer", daemon=True)
        self._thread.start()

    # --- the PlayerRecorder protocol

    def player_joined(self, nickname: str, team_index: int | None, token_hash: str) -> int:
        result: int = self._call(
            lambda: self._inner.player_joined(nickname, team_index, token_hash)
        )
        return result

    def answer_received(self, answer: Answer) -> None:
        self._queue.put(answer)

    def results_set(self, results: Sequence[Result]) -> None:
        items = list(results)
        self._call(lambda: self._inner.results_set(items))

    def result_removed(self, player_id: int, asked_id: int) -> None:
        self._call(lambda: self._inner.result_removed(player_id, asked_id))

    # --- for the server

    def on_saved(self, listener: SavedListener) -> None:
        """Call `listener` (on the writer thread) after each batch is committed or has failed."""
        self._listeners.append(listener)

    def close(self) -> None:
        """Save what is queued, then stop the thread."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout=30)

    # --- the writer thread

    def _call(self, work: Callable[[], Any]) -> Any:
        future: Future[Any] = Future()
        self._queue.put((work, future))
        return future.result()

    def _run(self) -> None:
        job = self._queue.get()
        while job is not None:
            if isinstance(job, Answer):
                job = self._save_batch(job)
            else:
                self._do(*job)
                job = self._queue.get()

    def _save_batch(self, first: Answer) -> _Job:
        """Save `first` with the answers queued behind it; return the job that comes next."""
        batch = [first]
        while len(batch) < BATCH:
            try:
                job = self._queue.get_nowait()
            except queue.Empty:
                break
            if not isinstance(job, Answer):  # a join, a result or the stop: after this batch
                self._save(batch)
                return job
            batch.append(job)
        self._save(batch)
        return self._queue.get()

    @staticmethod
    def _do(work: Callable[[], Any], future: Future[Any]) -> None:
        try:
            future.set_result(work())
        except BaseException as error:  # handed to the waiting caller
            future.set_exception(error)

    def _save(self, batch: list[Answer]) -> None:
        error: BaseException | None = None
        try:
            self._inner.answers_received(batch)
        except BaseException as failure:  # handed to the listeners: the phones are told
            error = failure
        for listener in self._listeners:
            listener(batch, error)
