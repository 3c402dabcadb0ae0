"""Benchmark: 100 phones on loopback answering one question at once, for 10 questions.

The players' server runs here as it does at a night (uvicorn in a background thread, the room,
answers saved through the writer thread into a SQLite bank); the phones are another process
so that they do not share the server's interpreter. Every phone joins, keeps a live-update
WebSocket open and its own keep-alive HTTP connection. For each question the host starts the
timer; once every phone's WebSocket has shown the question, all of them answer at the same
moment (choice and true/false a random option, open a typed guess). The phones send with a
few lines of raw HTTP/1.1 over asyncio streams, not an HTTP client library, so that the
simulated phones spend little of the two cores the server needs.

Printed: answers acknowledged, refused, timed and found in the bank (all must be players x
questions), and the server-side latency of each answer: from the moment the server's HTTP
parser sees the request's first bytes (stamped by a subclass of uvicorn's httptools protocol,
before Starlette or the app run) to the moment the response's last byte is handed to the
socket, which is after the answer's commit. Also printed: the same answers' round trip seen
by the phones, how long the phones took to send a burst, the server's CPU per answer during
the bursts, and the load average before and after (the machine is shared; say so next to any
figure). The target is a server-side p95 under 100 ms.

    .venv/bin/python benchmarks/quiz_players.py [--players 100] [--questions 10]

Limits: one address joins all the phones here, so the per-address join cap and burst are raised
for this run (a phone on a real network has its own address); the per-player rate is the default.
A request that waits in the kernel's socket buffer while the server's event loop is busy is
not timed until the loop reads it (the phones' round trip includes that wait).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GUESSES = ["Kosovo Force", "NATO", "1999", "maybe"]


# --- the phones' process ------------------------------------------------------------------------


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> tuple[int, bytes]:
    writer.write(request)
    return await _response(reader)


async def _response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(
        int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:")
    )
    return status, await reader.readexactly(length)


def _post(path: str, body: dict[str, Any], token: str | None = None) -> bytes:
    data = json.dumps(body).encode()
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"{auth}Content-Length: {len(data)}\r\n\r\n"
    ).encode() + data


class Phone:
    """One simulated phone: a keep-alive HTTP connection and a live-update WebSocket."""

    def __init__(self, token: str, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.token = token
        self.reader = reader
        self.writer = writer
        self.seen: object = None  # the id of the last running question its WebSocket showed
        self.socket: Any = None

    async def listen(self, changed: asyncio.Event) -> None:
        try:
            async for message in self.socket:
                view = json.loads(message)
                question, timer = view.get("question"), view.get("timer") or {}
                if question and timer.get("state") == "running":
                    self.seen = question["id"]
                    changed.set()
        except Exception:
            return


async def _join(port: int, players: int, pin: str) -> list[Phone]:
    from websockets.asyncio.client import connect

    crowd: list[Phone] = []
    for n in range(players):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        join = {"pin": pin, "nickname": f"phone{n:03d}", "team": None}
        status, body = await _exchange(reader, writer, _post("/api/join", join))
        if status != 200:
            raise SystemExit(f"join refused: {status} {body!r}")
        phone = Phone(json.loads(body)["token"], reader, writer)
        phone.socket = await connect(f"ws://127.0.0.1:{port}/ws")
        await phone.socket.send(json.dumps({"token": phone.token}))
        crowd.append(phone)
    return crowd


async def _burst(crowd: list[Phone], options: int, asked_id: int, changed: asyncio.Event) -> str:
    """Wait until every phone shows the question, answer all at once; the figures as JSON."""
    deadline = time.monotonic() + 20
    while any(p.seen != asked_id for p in crowd) and time.monotonic() < deadline:
        changed.clear()
        await asyncio.gather(asyncio.wait_for(changed.wait(), timeout=1), return_exceptions=True)
    unseen = sum(1 for p in crowd if p.seen != asked_id)
    print("ready", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)  # "fire"
    requests = [
        _post(
            "/api/answer",
            {"option": random.randrange(options)} if options else {"text": random.choice(GUESSES)},
            p.token,
        )
        for p in crowd
    ]
    started = time.perf_counter()
    for phone, request in zip(crowd, requests, strict=True):  # all at once: no await between
        phone.writer.write(request)
    sent = time.perf_counter() - started

    async def reply(phone: Phone, started: float) -> tuple[int, float]:
        status, _body = await _response(phone.reader)
        return status, time.perf_counter() - started

    replies = await asyncio.gather(*(reply(p, started) for p in crowd))
    codes = [status for status, _ in replies]
    trips = [seconds for _, seconds in replies]
    return json.dumps({"codes": codes, "trips": trips, "sent": sent, "unseen": unseen})


async def _phones(port: int, players: int) -> None:
    loop = asyncio.get_running_loop()
    crowd = await _join(port, players, sys.stdin.readline().strip())
    changed = asyncio.Event()
    listeners = [asyncio.create_task(p.listen(changed)) for p in crowd]
    print("joined", flush=True)
    while True:
        line = (await loop.run_in_executor(None, sys.stdin.readline)).split()
        if not line or line[0] == "quit":
            break
        print(await _burst(crowd, int(line[1]), int(line[2]), changed), flush=True)
    for task in listeners:
        task.cancel()
    for phone in crowd:
        await phone.socket.close()
        phone.writer.close()


def phones(port: int, players: int) -> None:
    """The phones' process: join, hold a WebSocket each, answer when told (stdin lines)."""
    asyncio.run(_phones(port, players))


# --- the server's side --------------------------------------------------------------------------


def stamping_protocol() -> type:
    """Uvicorn's httptools protocol, stamping when the parser meets each request's first byte."""
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class Stamped(HttpToolsProtocol):
        def on_message_begin(self) -> None:
            super().on_message_begin()
            self.scope["state"]["received"] = time.perf_counter()

    return Stamped


def timed(app: Any, latencies: list[float]) -> Callable[..., Any]:
    """The app, recording for each answer request its stamp-to-last-byte time."""

    async def wrapped(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"] != "/api/answer":
            await app(scope, receive, send)
            return
        received = scope["state"]["received"]

        async def sending(message: Any) -> None:
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                latencies.append(time.perf_counter() - received)

        await app(scope, receive, sending)

    return wrapped


def _load() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(q * len(ordered)) - 1)] * 1000


@dataclass
class Figures:
    """What the bursts measured, summed over the questions."""

    latencies: list[float] = field(default_factory=list)  # server-side, seconds
    trips: list[float] = field(default_factory=list)  # the phones' round trips, seconds
    sends: list[float] = field(default_factory=list)  # how long each burst took to send
    acknowledged: int = 0
    refused: int = 0
    unseen: int = 0
    burst_cpu: float = 0.0  # this process's CPU seconds during the bursts
    in_bank: int = 0


@contextmanager
def serving(players: int, questions: int, figures: Figures) -> Iterator[tuple[Any, Any]]:
    """A night of `questions` in a scratch SQLite bank, its room and server (room, server)."""
    from question_bank.store import open_bank
    from quizapp.quiznight.limits import Limits
    from quizapp.quiznight.plan import QUIZ_KINDS, NightSetup
    from quizapp.quiznight.players import PlayersApp
    from quizapp.quiznight.server import PlayersServer
    from tests.support.quiz import fill_quiz_bank
    from tests.support.quiz_players import bank_room

    with tempfile.TemporaryDirectory() as scratch:
        bank = open_bank(Path(scratch) / "bank.sqlite")
        fill_quiz_bank(bank)
        setup = NightSetup(
            teams=[], rounds=1, per_round=questions, seed=1, kinds=QUIZ_KINDS, players=True
        )
        room, writer = bank_room(bank, setup, time.monotonic)
        limits = Limits(joins_per_address=players + 10, burst=players * 3)
        server = PlayersServer(
            PlayersApp(room, recorder=writer, limits=limits),
            host="127.0.0.1",
            port=0,
            wrap=lambda inner: timed(inner, figures.latencies),
            http=stamping_protocol(),
        )
        server.start()
        try:
            yield room, server
        finally:
            server.stop()
            writer.close()
        figures.in_bank = _answers_in(bank)
        bank.dispose()


def _answers_in(bank: Any) -> int:
    from sqlalchemy import func, select

    from question_bank.store.schema import QuizAnswerRow

    with bank.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(QuizAnswerRow)) or 0)


def play(room: Any, phones: subprocess.Popen[str], questions: int, figures: Figures) -> None:
    """Each question: start the timer, let every phone see it, fire all answers at once."""
    assert phones.stdin is not None and phones.stdout is not None
    room.start()
    for number in range(questions):
        room.toggle_timer()
        options = len(room.night.question.options)
        phones.stdin.write(f"go {options} {room.night.current_asked_id}\n")
        phones.stdin.flush()
        if phones.stdout.readline().strip() != "ready":
            raise SystemExit("the phones lost the question")
        timed_before = len(figures.latencies)
        cpu_before = time.process_time()  # this process: the server and its writer
        phones.stdin.write("fire\n")
        phones.stdin.flush()
        burst = json.loads(phones.stdout.readline())
        figures.burst_cpu += time.process_time() - cpu_before
        codes = burst["codes"]
        figures.acknowledged += sum(1 for c in codes if c == 200)
        figures.refused += sum(1 for c in codes if c != 200)
        figures.unseen += burst["unseen"]
        figures.trips += burst["trips"]
        figures.sends.append(burst["sent"])
        counted, of = room.answered_count()
        mine = figures.latencies[timed_before:]
        print(
            f"question {number + 1:>2}: {counted} of {of} answered, server-side "
            f"p50 {statistics.median(mine) * 1000:.0f} ms, max {max(mine) * 1000:.0f} ms",
            flush=True,
        )
        room.reveal()
        room.next()


def report(figures: Figures, players: int, questions: int, load_before: str) -> bool:
    """Print the figures; True when every answer was acknowledged, timed and saved."""
    expected = players * questions
    latencies, trips = figures.latencies, figures.trips
    print(
        f"{players} players x {questions} questions: {figures.acknowledged} answers "
        f"acknowledged, {figures.refused} refused, {len(latencies)} timed, {figures.in_bank} "
        f"in the bank (expected {expected}); {figures.unseen} phone-questions answered before "
        "their WebSocket showed the question"
    )
    print(
        f"server-side answer latency (parser's first byte to response's last): "
        f"p50 {statistics.median(latencies) * 1000:.1f} ms, p95 {_p(latencies, 0.95):.1f} ms, "
        f"max {max(latencies) * 1000:.1f} ms (target p95 < 100 ms)"
    )
    print(
        f"phones' round trip: p50 {statistics.median(trips) * 1000:.1f} ms, "
        f"p95 {_p(trips, 0.95):.1f} ms; a burst took the phones "
        f"{max(figures.sends) * 1000:.1f} ms at most to send"
    )
    cpu = figures.burst_cpu * 1000
    print(
        f"server CPU during the bursts: {cpu / max(figures.acknowledged, 1):.2f} ms per "
        f"answer ({cpu / questions:.0f} ms per burst of {players})"
    )
    print(
        f"load average (1/5/15 min) before {load_before}, after {_load()}; "
        f"{os.cpu_count()} cores, shared"
    )
    counted = figures.acknowledged == expected == figures.in_bank == len(latencies)
    return counted and figures.refused == 0


def host(players: int, questions: int) -> int:
    load_before = _load()
    figures = Figures()
    with serving(players, questions, figures) as (room, server):
        command = [sys.executable, __file__, "--phones", str(server.port)]
        phones = subprocess.Popen(
            [*command, "--players", str(players)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert phones.stdin is not None and phones.stdout is not None
        try:
            phones.stdin.write(room.pin + "\n")
            phones.stdin.flush()
            if phones.stdout.readline().strip() != "joined":
                raise SystemExit("the phones could not join")
            play(room, phones, questions, figures)
            phones.stdin.write("quit\n")
            phones.stdin.flush()
            phones.wait(timeout=60)
        finally:
            if phones.poll() is None:
                phones.kill()
    return 0 if report(figures, players, questions, load_before) else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--players", type=int, default=100)
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--phones", type=int, help=argparse.SUPPRESS)  # the phones' process
    args = parser.parse_args()
    if args.phones:
        phones(args.phones, args.players)
        return
    raise SystemExit(host(args.players, args.questions))


if __name__ == "__main__":
    main()
