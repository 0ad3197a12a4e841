"""A real HTTP server on loopback for tests of fetching: pages, feeds, slow and huge answers."""

from __future__ import annotations

import threading
import time
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
