"""The players' web server for the night: uvicorn serving the `PlayersApp` in a background
thread, where it listens and who can reach it, and `open_players_night`, which starts the
room, its writer thread and the server together and stops them together.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp

from question_bank.store import Bank
from quizapp.quiznight.engine import QuizNight
from quizapp.quiznight.limits import Limits
from quizapp.quiznight.plan import ANY_INTERFACE, DEFAULT_PORT, QuizNightError
from quizapp.quiznight.players import PlayersApp
from quizapp.quiznight.room import Room
from quizapp.quiznight.store import BankPlayerRecorder
from quizapp.quiznight.writer import QueuedRecorder


def lan_address() -> str | None:
    """This machine's address on its network, as phones would reach it (None when offline).

    Connecting a UDP socket sends nothing; it only asks the system which interface it would use.
    """
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("10.254.254.254", 9))
        address = str(probe.getsockname()[0])
        if not address.startswith("127."):
            return address
    return None


class PlayersServer:
    """Uvicorn serving a `PlayersApp` in a background thread, from `start()` to `stop()`."""

    def __init__(
        self,
        app: PlayersApp,
        *,
        host: str = ANY_INTERFACE,
        port: int = DEFAULT_PORT,
        wrap: Callable[[ASGIApp], ASGIApp] | None = None,
        http: type[asyncio.Protocol] | str = "httptools",
    ) -> None:
        """`wrap` and `http` are for measuring (the benchmark times requests through them)."""
        self.app = app
        self.host = host
        self.port = port
        self._asgi: ASGIApp = app if wrap is None else wrap(app)
        self._http = http
        self._server: Any = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Bind and serve; a port in use or a bad address is a one-line QuizNightError."""
        import uvicorn

        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self.host, self.port))
        except OSError as error:
            sock.close()
            raise QuizNightError(
                f"cannot listen on {self.host}:{self.port} ({error.strerror}): "
                "choose another with --port or --host"
            ) from None
        sock.listen(256)
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            self._asgi,
            http=self._http,
            log_level="warning",
            access_log=False,  # no tokens or nicknames in a log
            lifespan="off",
            ws="websockets-sansio",
            ws_per_message_deflate=False,  # views are a few hundred bytes: not worth the CPU
            proxy_headers=False,  # no proxy in front: X-Forwarded-For must not pick the address
            ws_max_size=self.app.limits.max_body * 4,
            limit_concurrency=self.app.limits.max_sockets + 200,
            timeout_keep_alive=30,
            timeout_graceful_shutdown=3,  # the night is over: phones still open don't hold it
            server_header=False,
        )
        self._server = uvicorn.Server(config)
        ready = threading.Event()

        def serve() -> None:
            with contextlib.suppress(Exception):
                self._server.run(sockets=[sock])
            ready.set()

        # What exists now (the app, the bank's engine, the host's screens) lives all night:
        # frozen, a full collection no longer walks it. Unfrozen, one took 40-170 ms in the
        # middle of a burst of answers (benchmarks/quiz_players.py).
        gc.freeze()
        self._thread = threading.Thread(target=serve, name="quiz-players", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started and time.monotonic() < deadline and not ready.is_set():
            time.sleep(0.01)
        if not self._server.started:
            raise QuizNightError("the players' web server did not start")

    @property
    def join_url(self) -> str:
        """The address phones open."""
        host = self.host
        if host in (ANY_INTERFACE, "", "::"):
            host = lan_address() or "127.0.0.1"
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/"

    def describe(self) -> str:
        """Where the server listens and who can reach it, in one line for the host."""
        if self.host in (ANY_INTERFACE, "", "::"):
            if lan_address() is None:
                return (
                    f"listening on every interface, port {self.port}, but this computer has "
                    "no network: only it can join"
                )
            return (
                f"listening on every interface, port {self.port}: phones on this network "
                f"join at {self.join_url}"
            )
        if self.host.startswith("127.") or self.host in ("localhost", "::1"):
            return (
                f"listening on {self.host}:{self.port} only: phones cannot reach it "
                "(use --host 0.0.0.0)"
            )
        return f"listening on {self.host}:{self.port}: phones join at {self.join_url}"

    def stop(self) -> None:
        """Stop serving (open phones get closed connections) and wait for the thread."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
            gc.unfreeze()


class PlayersNight:
    """What a night with phones runs: the room, its writer thread and the web server.

    `open_players_night` builds and starts it; `close()` (idempotent) stops the server, then
    saves what the writer still holds. `close_soon()` leaves the phones a moment to receive
    the final standings first.
    """

    def __init__(self, room: Room, server: PlayersServer, writer: QueuedRecorder) -> None:
        self.room = room
        self.server = server
        self.writer = writer
        self._closed = False
        self._close_lock = threading.Lock()

    @property
    def join_url(self) -> str:
        return self.server.join_url

    def describe(self) -> str:
        return self.server.describe()

    def close(self) -> None:
        with self._close_lock:
            if self._closed:
                return
            self._closed = True
        self.server.stop()
        self.writer.close()

    def close_soon(self, seconds: float = 3.0) -> None:
        timer = threading.Timer(seconds, self.close)
        timer.daemon = True
        timer.start()


def open_players_night(
    bank: Bank,
    night: QuizNight,
    *,
    host: str = ANY_INTERFACE,
    port: int = DEFAULT_PORT,
    limits: Limits | None = None,
) -> PlayersNight:
    """Start the phones' side of a night saved in `bank`: room, writer, server (listening)."""
    import atexit

    writer = QueuedRecorder(
        BankPlayerRecorder(bank, night.night_id, [team.team_id for team in night.teams])
    )
    room = Room(night, recorder=writer)
    server = PlayersServer(PlayersApp(room, recorder=writer, limits=limits), host=host, port=port)
    try:
        server.start()
    except QuizNightError:
        writer.close()
        raise
    players = PlayersNight(room, server, writer)
    atexit.register(players.close)  # the writer's last answers reach the bank even on quit
    return players
