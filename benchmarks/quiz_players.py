"""Benchmark: 100 phones on loopback answering one question at once, for 10 questions.

The players' server runs here as it does at a night (uvicorn in a background thread, the room,
answers saved through the writer thread into a SQLite bank); the phones are another process
(asyncio, httpx2 and websockets) so that they do not share the server's interpreter. Every
phone joins, keeps a live-update WebSocket open, and for each question all of them answer at
the same moment (choice and true/false a random option, open a typed guess).

Printed: answers acknowledged, refused and found in the bank (all must be 100 x 10), and the
server-side latency of an answer (from the request's arrival to its response, which waits for
the answer's commit): p50, p95, max. The target is p95 < 100 ms. The machine is shared with
the team's test runs, so figures vary with its load; say so next to them.

    .venv/bin/python benchmarks/quiz_players.py [--players 100] [--questions 10]

Limits: one address joins all the phones here, so the per-address join cap and burst are raised
for this run (a phone on a real network has its own address); the per-player rate is the default.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def phones(url: str, players: int) -> None:
    """The phones' process: join, hold a WebSocket each, answer when told (stdin lines)."""
    import httpx2
    from websockets.asyncio.client import connect

    async def main() -> None:
        limits = httpx2.Limits(max_connections=players + 10, max_keepalive_connections=players)
        async with httpx2.AsyncClient(base_url=url, limits=limits, timeout=30) as client:
            pin = sys.stdin.readline().strip()
            tokens: list[str] = []
            for n in range(players):
                reply = await client.post(
                    "/api/join", json={"pin": pin, "nickname": f"phone{n:03d}", "team": None}
                )
                reply.raise_for_status()
                tokens.append(reply.json()["token"])
            sockets = []
            for token in tokens:
                socket = await connect(url.replace("http", "ws") + "ws")
                await socket.send(json.dumps({"token": token}))
                sockets.append(socket)

            async def drain(socket: object) -> None:
                try:
                    async for _message in socket:  # type: ignore[attr-defined]
                        pass
                except Exception:
                    return

            drains = [asyncio.create_task(drain(s)) for s in sockets]
            print("joined", flush=True)
            loop = asyncio.get_running_loop()
            while True:
                line = (await loop.run_in_executor(None, sys.stdin.readline)).split()
                if not line or line[0] == "quit":
                    break
                options = int(line[1])

                async def answer(token: str, options: int = options) -> int:
                    body = (
                        {"option": random.randrange(options)}
                        if options
                        else {"text": random.choice(["Kosovo Force", "NATO", "1999", "maybe"])}
                    )
                    headers = {"Authorization": f"Bearer {token}"}
                    reply = await client.post("/api/answer", json=body, headers=headers)
                    return reply.status_code

                codes = await asyncio.gather(*(answer(t) for t in tokens))
                print(json.dumps(codes), flush=True)
            for task in drains:
                task.cancel()
            for socket in sockets:
                await socket.close()

    asyncio.run(main())


def host(players: int, questions: int) -> int:
    from question_bank.store import open_bank
    from quizapp.quiznight.engine import QUIZ_KINDS, NightSetup, QuizNight, plan_night
    from quizapp.quiznight.players import Limits, PlayersApp, PlayersServer
    from quizapp.quiznight.room import Room
    from quizapp.quiznight.store import BankPlayerRecorder, BankRecorder, load_pool
    from quizapp.quiznight.writer import QueuedRecorder
    from tests.quiz_players_support import fill_quiz_bank

    with tempfile.TemporaryDirectory() as scratch:
        bank = open_bank(Path(scratch) / "bank.sqlite")
        fill_quiz_bank(bank)
        setup = NightSetup(
            teams=[], rounds=1, per_round=questions, seed=1, kinds=QUIZ_KINDS, players=True
        )
        rounds, reserve = plan_night(load_pool(bank), setup)
        night = QuizNight(
            setup, rounds, reserve=reserve, clock=time.monotonic, recorder=BankRecorder(bank)
        )
        writer = QueuedRecorder(BankPlayerRecorder(bank, night.night_id, []))
        room = Room(night, recorder=writer)
        limits = Limits(joins_per_address=players + 10, burst=players * 3)
        app = PlayersApp(room, recorder=writer, limits=limits)
        server = PlayersServer(app, host="127.0.0.1", port=0)
        server.start()
        client = subprocess.Popen(
            [sys.executable, __file__, "--phones", server.join_url, "--players", str(players)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert client.stdin is not None and client.stdout is not None
        acknowledged = refused = 0
        try:
            client.stdin.write(room.pin + "\n")
            client.stdin.flush()
            if client.stdout.readline().strip() != "joined":
                raise SystemExit("the phones could not join")
            room.start()
            cpu_before = time.process_time()  # this process: the server and its writer
            for number in range(questions):
                room.toggle_timer()
                client.stdin.write(f"go {len(room.night.question.options)}\n")
                client.stdin.flush()
                codes = json.loads(client.stdout.readline())
                acknowledged += sum(1 for c in codes if c == 200)
                refused += sum(1 for c in codes if c != 200)
                counted, of = room.answered_count()
                print(f"question {number + 1:>2}: {counted} of {of} answered", flush=True)
                room.reveal()
                room.next()
            cpu = time.process_time() - cpu_before
            client.stdin.write("quit\n")
            client.stdin.flush()
            client.wait(timeout=60)
        finally:
            if client.poll() is None:
                client.kill()
            server.stop()
            writer.close()
        from sqlalchemy import func, select

        from question_bank.store.schema import QuizAnswerRow

        with bank.transaction() as session:
            in_bank = session.scalar(select(func.count()).select_from(QuizAnswerRow)) or 0
        bank.dispose()
    latencies = sorted(app.latencies)
    expected = players * questions
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
    print(
        f"{players} players x {questions} questions: {acknowledged} answers acknowledged, "
        f"{refused} refused, {in_bank} in the bank (expected {expected})"
    )
    print(
        f"server-side answer latency: p50 {statistics.median(latencies) * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms, max {latencies[-1] * 1000:.1f} ms "
        f"over {len(latencies)} answers (target p95 < 100 ms; shared 2-core machine)"
    )
    print(
        f"server CPU: {cpu * 1000 / max(acknowledged, 1):.2f} ms per answer "
        f"({cpu * 1000 / questions:.0f} ms per burst of {players}), pushes to the phones included"
    )
    ok = acknowledged == expected == in_bank and refused == 0
    return 0 if ok else 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--players", type=int, default=100)
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--phones", help=argparse.SUPPRESS)  # the phones' process
    args = parser.parse_args()
    if args.phones:
        phones(args.phones, args.players)
        return
    raise SystemExit(host(args.players, args.questions))


if __name__ == "__main__":
    main()
