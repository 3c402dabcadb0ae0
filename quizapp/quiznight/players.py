"""The players' web server for a quiz night: a Starlette app the phones open, run by uvicorn.

It serves exactly the night's pages (one HTML page, its script and its style sheet, all in
the package: no build step) and a small JSON API over the `Room`:

- `GET /api/room`: the night's name and teams (what the projector shows anyway);
- `POST /api/join` `{pin, nickname, team}` -> `{token, view}`;
- `GET /api/state` and `POST /api/answer` `{option}` or `{text}`, with `Authorization: Bearer
  TOKEN`: a player acts only as the token's holder;
- `WS /ws`: the first message is `{"token": ...}`; then the server pushes the player's view
  whenever the room changes. A phone that drops reconnects and picks up where it was; a reload
  finds its token in the page's storage, so nickname, team and score stay.

Safe by default: views never hold the correct answer before the reveal (`Room.player_view`);
bodies over `Limits.max_body` bytes are refused before they are read in full; each client
(a player's token, or the address of a client without one) has a token bucket of requests per
second; every page is rendered by the script with `textContent` only and sent with a strict
Content-Security-Policy; anything else is a 404. The bank is never reachable from here: the
app holds the room, not the bank. `quizapp.quiznight.server` runs it for the night.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import time
from collections.abc import Awaitable, Callable, Collection, Sequence
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketDisconnect

from quizapp.quiznight.limits import Limits, TokenBuckets
from quizapp.quiznight.plan import QuizNightError
from quizapp.quiznight.records import Answer, RoomError
from quizapp.quiznight.room import Room
from quizapp.quiznight.timer import Seconds
from quizapp.quiznight.writer import QueuedRecorder

_PAGES = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/style.css": ("style.css", "text/css; charset=utf-8"),
}
_SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}
_STATUS = {
    "pin": 403,
    "token": 401,
    "too_long": 413,
    "twice": 409,
    "late": 409,
    "closed": 409,
    "name_taken": 409,
    "over": 410,
    "full": 503,
}


def _page(name: str) -> bytes:
    return resources.files("quizapp.quiznight").joinpath("web", name).read_bytes()


class _Refused(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class PlayersApp:
    """The ASGI app of one night's room (call it as an ASGI app; test it with TestClient)."""

    def __init__(
        self,
        room: Room,
        *,
        recorder: QueuedRecorder | None = None,
        limits: Limits | None = None,
        clock: Seconds = time.monotonic,
        allowed_hosts: Collection[str] | None = None,
    ) -> None:
        """`allowed_hosts`: names the Host header may carry (default: any IP address, localhost)."""
        self.room = room
        self.allowed_hosts = (
            None if allowed_hosts is None else {h.casefold() for h in allowed_hosts}
        )
        self.recorder = recorder
        self.limits = limits or Limits()
        self._clock = clock
        self._buckets = TokenBuckets(self.limits.rate, self.limits.burst, clock)
        self._joins: dict[str, int] = {}
        self._sockets = 0
        self._pages = {path: (_page(name), kind) for path, (name, kind) in _PAGES.items()}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed: asyncio.Event | None = None
        self._acks: dict[tuple[int, int], asyncio.Future[None]] = {}  # answers awaiting commit
        self._hosts_seen: dict[str, bool] = {}  # Host header -> allowed (parsed once, not per call)
        room.subscribe(self._on_room_change)
        if recorder is not None:
            recorder.on_saved(self._on_saved)
        self._app = Starlette(
            routes=[
                *[Route(path, self.page, methods=["GET"]) for path in _PAGES],
                Route("/api/room", self.api_room, methods=["GET"]),
                Route("/api/join", self.api_join, methods=["POST"]),
                Route("/api/state", self.api_state, methods=["GET"]),
                Route("/api/answer", self.api_answer, methods=["POST"]),
                WebSocketRoute("/ws", self.live),
            ]
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self._app(scope, receive, send)  # lifespan: nothing to start
            return
        loop = asyncio.get_running_loop()
        if loop is not self._loop:  # the first request (a test client may bring a new loop)
            self._loop = loop
            self._changed = asyncio.Event()
        headers = dict(scope["headers"])
        if not self._host_allowed(headers.get(b"host", b"").decode("latin-1")):
            # A page of another site, its name rebound to this address, must not reach the room.
            if scope["type"] == "http":
                await _refusal(421, "host", "open the address the host shows")(scope, receive, send)
            else:
                await send({"type": "websocket.close", "code": 1008})
            return
        if scope["type"] == "http":
            length = headers.get(b"content-length", b"0")
            if not length.isdigit() or int(length) > self.limits.max_body:
                await _refusal(413, "too_long", "request too large")(scope, receive, send)
                return
            send = _with_security_headers(send)
        await self._app(scope, receive, send)

    def _host_allowed(self, host: str) -> bool:
        """The Host header names this server by address (what the QR code holds) or localhost."""
        known = self._hosts_seen.get(host)
        if known is None:
            if len(self._hosts_seen) > 64:  # a client sending made-up names: forget, recount
                self._hosts_seen.clear()
            known = self._hosts_seen[host] = self._host_named(host)
        return known

    def _host_named(self, host: str) -> bool:
        if host.startswith("["):  # [IPv6]:port
            name = host[1 : host.find("]")] if "]" in host else ""
        else:
            name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        name = name.casefold()
        if self.allowed_hosts is not None:
            return name in self.allowed_hosts
        if name == "localhost":
            return True
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True

    # --- change notification, from whichever thread changed the room

    def _on_room_change(self) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop stopped meanwhile
                loop.call_soon_threadsafe(self._wake)

    def _on_saved(self, answers: Sequence[Answer], error: BaseException | None) -> None:
        """From the writer thread, once per batch: one hop to the loop settles all of it."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._settle, answers, error)

    def _settle(self, answers: Sequence[Answer], error: BaseException | None) -> None:
        for answer in answers:
            ack = self._acks.pop((answer.player_id, answer.asked_id), None)
            if ack is None or ack.done():
                continue
            if error is None:
                ack.set_result(None)
            else:
                ack.set_exception(error)

    def _wake(self) -> None:
        if self._changed is not None:
            self._changed.set()
            self._changed = asyncio.Event()

    # --- pages

    async def page(self, request: Request) -> Response:
        self._limit(self._address(request))
        body, kind = self._pages[request.url.path]
        return Response(body, media_type=kind)

    async def api_room(self, request: Request) -> Response:
        return await self._guard(request, self._room_info)

    async def _room_info(self, request: Request) -> Response:
        self._limit(self._address(request))
        return JSONResponse({"night": self.room.night.setup.name, "teams": self.room.team_names})

    async def api_join(self, request: Request) -> Response:
        return await self._guard(request, self._join)

    async def _join(self, request: Request) -> Response:
        address = self._address(request)
        self._limit(address)
        body = await self._json(request)
        pin, nickname, team = body.get("pin"), body.get("nickname"), body.get("team")
        if not isinstance(pin, str) or not isinstance(nickname, str):
            raise _Refused(422, "fields", "send a PIN and a nickname")
        if team is not None and not isinstance(team, str):
            raise _Refused(422, "fields", "a team is a name")
        if self._joins.get(address, 0) >= self.limits.joins_per_address:
            raise _Refused(429, "rate", "too many players from this device")
        player, token = await run_in_threadpool(self.room.join, pin, nickname, team)
        self._joins[address] = self._joins.get(address, 0) + 1
        view = await run_in_threadpool(self.room.player_view, token)
        return JSONResponse({"token": token, "view": view, "player": player.id})

    async def api_state(self, request: Request) -> Response:
        return await self._guard(request, self._state)

    async def _state(self, request: Request) -> Response:
        token = self._token(request)
        return JSONResponse(self.room.player_view(token))

    async def api_answer(self, request: Request) -> Response:
        return await self._guard(request, self._answer)

    async def _answer(self, request: Request) -> Response:
        token = self._token(request)
        body = await self._json(request)
        option, text = body.get("option"), body.get("text")
        if option is not None and (not isinstance(option, int) or isinstance(option, bool)):
            raise _Refused(422, "option", "pick one of the options")
        if text is not None and not isinstance(text, str):
            raise _Refused(422, "option", "type an answer")
        # Called on the event loop, not in a worker thread: the room only takes its lock and
        # queues the save, and a hundred thread hops at once cost more than the answers.
        answer = self.room.answer(token, option=option, text=text)
        if self.recorder is not None:
            # Registered before the next await: the batch's settling runs on this loop, later.
            ack = asyncio.get_running_loop().create_future()
            self._acks[(answer.player_id, answer.asked_id)] = ack
            try:
                await ack
            except Exception:
                self.room.retract(answer)
                raise _Refused(503, "save", "the answer could not be saved: try again") from None
        return JSONResponse({"ok": True, "answered": answer.text})

    # --- live updates

    async def live(self, websocket: WebSocket) -> None:
        if self._sockets >= self.limits.max_sockets:
            await websocket.close(code=1013)
            return
        self._sockets += 1
        try:
            await websocket.accept()
            try:
                first = await asyncio.wait_for(websocket.receive_text(), timeout=10)
                token = str(json.loads(first[: self.limits.max_body])["token"])
                self.room.player(token)
            except (TimeoutError, WebSocketDisconnect):
                return
            except (ValueError, KeyError, TypeError, RoomError):
                await websocket.close(code=4401)
                return
            await self._push(websocket, token)
        finally:
            self._sockets -= 1

    async def _push(self, websocket: WebSocket, token: str) -> None:
        """Send the player's view now and after every change that alters it, until closed."""
        gone = asyncio.create_task(self._until_closed(websocket))
        last: str | None = None
        try:
            while not gone.done():
                changed = self._changed
                try:
                    view = self.room.player_view(token)
                except RoomError:
                    return
                key = _comparable(view)
                if key != last:
                    await websocket.send_json(view)
                    last = key
                assert changed is not None
                waiter = asyncio.create_task(changed.wait())
                await asyncio.wait({waiter, gone}, timeout=15, return_when="FIRST_COMPLETED")
                waiter.cancel()
                await asyncio.sleep(0.05)  # a burst of answers makes one push, not a hundred
        except (WebSocketDisconnect, RuntimeError):
            return
        finally:
            gone.cancel()

    async def _until_closed(self, websocket: WebSocket) -> None:
        """Read (and drop) what the phone sends, to notice when it goes away."""
        with contextlib.suppress(WebSocketDisconnect, RuntimeError):
            while True:
                message = await websocket.receive()
                if message["type"] == "websocket.disconnect":
                    return

    # --- guards

    async def _guard(
        self, request: Request, handler: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        try:
            return await handler(request)
        except _Refused as refused:
            return _json_error(refused.status, refused.code, str(refused))
        except RoomError as error:
            return _json_error(_STATUS.get(error.code, 422), error.code, str(error))
        except QuizNightError as error:
            return _json_error(409, "night", str(error))

    def _address(self, request: Request) -> str:
        return request.client.host if request.client else "unknown"

    def _limit(self, key: str) -> None:
        if not self._buckets.allow(key):
            raise _Refused(429, "rate", "too many requests: slow down")

    def _token(self, request: Request) -> str:
        header = request.headers.get("authorization", "")
        token = header[7:].strip() if header.lower().startswith("bearer ") else ""
        if not token or len(token) > 100:
            self._limit(self._address(request))
            raise _Refused(401, "token", "unknown player: join again")
        try:
            player = self.room.player(token)
        except RoomError:
            self._limit(self._address(request))  # guessing tokens costs the address
            raise
        self._limit(f"player:{player.id}")
        return token

    async def _json(self, request: Request) -> dict[str, Any]:
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > self.limits.max_body:
                raise _Refused(413, "too_long", "request too large")
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            raise _Refused(400, "json", "send JSON") from None
        if not isinstance(data, dict):
            raise _Refused(400, "json", "send a JSON object")
        return data


_SECURITY_HEADER_LINES = [(k.encode(), v.encode()) for k, v in _SECURITY_HEADERS.items()]


def _with_security_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [*message.get("headers", []), *_SECURITY_HEADER_LINES]
            message = {**message, "headers": headers}
        await send(message)

    return wrapped


def _comparable(view: dict[str, Any]) -> str:
    """A view without what changes by itself (the version, the seconds left)."""
    timer = view.get("timer")
    stripped = {k: v for k, v in view.items() if k not in ("version", "timer")}
    if isinstance(timer, dict):
        stripped["timer"] = {k: v for k, v in timer.items() if k != "remaining"}
    return json.dumps(stripped, sort_keys=True)


def _json_error(status: int, code: str, message: str) -> Response:
    return JSONResponse({"error": code, "message": message}, status_code=status)


def _refusal(status: int, code: str, message: str) -> Response:
    response = _json_error(status, code, message)
    response.headers.update(_SECURITY_HEADERS)
    return response
