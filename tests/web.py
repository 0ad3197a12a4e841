"""Real HTTP servers on loopback for tests: one for fetching (pages, feeds, slow and huge answers)
and `eventwire serve` itself."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    stall: float = 0.0
    """Seconds to wait before answering (a server that hangs)."""
    stream_bytes: int = 0
    """Send this many bytes of filler with no Content-Length (a page that never ends)."""


class WebServer:
    """Serves `routes` (path -> Route) on 127.0.0.1 until closed."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(self.path)
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404, "Not Found")
                    return
                if route.stall:
                    time.sleep(route.stall)
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                if route.stream_bytes:
                    self.send_header("Connection", "close")
                    self.end_headers()
                    for chunk in _filler(route.stream_bytes):
                        try:
                            self.wfile.write(chunk)
                        except OSError:
                            return
                    return
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _filler(size: int) -> Iterator[bytes]:
    block = b"<p>" + b"filler " * 9000 + b"</p>\n"
    sent = 0
    while sent < size:
        yield block
        sent += len(block)


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class EventwireServer:
    """`eventwire serve --db DB OPTIONS…` in a child process on a free port, ready once it
    answers; `url` is its base address."""

    def __init__(self, db: str, *options: str, env: dict[str, str] | None = None) -> None:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        command = [sys.executable, "-m", "eventwire", "serve", "--db", db, "--port", str(port)]
        self.process = subprocess.Popen(
            [*command, *options],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                # The spec is public whatever the token settings: any answer means it is up.
                urllib.request.urlopen(f"{self.url}/openapi.json", timeout=5).close()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.close()
                    raise RuntimeError(f"eventwire serve did not start on {self.url}") from None
                time.sleep(0.3)

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
