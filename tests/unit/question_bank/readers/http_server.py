"""A local HTTP server on 127.0.0.1 for URL tests: pages, redirects, slow and huge answers.

It runs in a thread of the test process, answers only on the loopback address, and stops when
the `with` block ends. Slow routes wait at most a few seconds, so nothing outlives a test.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[[BaseHTTPRequestHandler], None]


def page(body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200) -> Route:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return answer


def redirect(location: str, status: int = 302) -> Route:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return answer


def slow(seconds: float) -> Route:
    """Answer nothing for `seconds` (longer than the client's timeout), then close."""

    def answer(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)

    return answer


def endless(chunk: bytes = b"<p>" + b"x" * 65536 + b"</p>", limit: int = 64 * 1024 * 1024) -> Route:
    """A body with no Content-Length that goes on (up to `limit`) until the client hangs up."""

    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        sent = 0
        try:
            while sent < limit:
                handler.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass

    return answer


def declared_huge() -> Route:
    """A Content-Length of 10 GB, refused before any of it is read."""

    def answer(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(10 * 1024**3))
        handler.end_headers()
        with suppress(BrokenPipeError, ConnectionResetError):
            handler.wfile.write(b"<html>")

    return answer


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[str]:
    """Serve the routes; yields the base URL ("http://127.0.0.1:PORT")."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            route = routes.get(self.path.split("?", 1)[0])
            if route is None:
                page(b"<h1>Not found</h1>", status=404)(self)
            else:
                route(self)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep the test output clean

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
