"""Pages from the web: one GET with a time limit and a size cap, never more than asked."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from urllib.parse import urlsplit

from .decode import MAX_ARTICLE_BYTES
from .errors import InputError

FETCH_TIMEOUT = 20.0
"""Seconds a page may take in all (connecting and reading) before it is given up."""
USER_AGENT = "eventwire/0.1 (news event extraction; +https://github.com/eventwire/eventwire)"
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Fetched:
    """The body of one fetched URL and what the server said about it."""

    url: str
    """The final URL, after redirects."""
    data: bytes
    content_type: str
    fetched: str
    """When the body was read (UTC, ISO 8601)."""


def is_url(name: str) -> bool:
    return name.startswith(("http://", "https://"))


def fetch(
    url: str, *, timeout: float = FETCH_TIMEOUT, max_bytes: int = MAX_ARTICLE_BYTES
) -> Fetched:
    """GET `url`; raises `InputError` naming the URL when it fails, is slow or is too large."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(url, "not an http(s) URL")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            _check_length(url, response.headers, max_bytes)
            data = _read_capped(url, response, deadline, timeout, max_bytes)
            return Fetched(
                url=response.geturl(),
                data=data,
                content_type=response.headers.get_content_type(),
                fetched=datetime.now(UTC).isoformat(timespec="seconds"),
            )
    except urllib.error.HTTPError as exc:
        raise InputError(url, f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise InputError(url, f"timed out after {timeout:g} s") from None
        raise InputError(url, f"cannot fetch: {exc.reason}") from None
    except TimeoutError:
        raise InputError(url, f"timed out after {timeout:g} s") from None
    except (OSError, ValueError) as exc:
        raise InputError(url, f"cannot fetch: {exc}") from None


def _check_length(url: str, headers: Message, max_bytes: int) -> None:
    length = headers.get("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise InputError(url, _too_large(max_bytes))


def _read_capped(url: str, response, deadline: float, timeout: float, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise InputError(url, _too_large(max_bytes))
        if time.monotonic() > deadline:
            raise InputError(url, f"timed out after {timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(max_bytes: int) -> str:
    return f"too large (more than {max_bytes / 2**20:.0f} MiB)"
