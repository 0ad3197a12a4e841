"""Inputs to records: files, directories, JSON Lines, feeds, WARC archives, URLs and stdin, each
named for error messages."""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import BinaryIO

from .decode import MAX_ARTICLE_BYTES, check_size, decode
from .errors import InputError
from .feeds import looks_like_feed, read_feed
from .fetch import FETCH_TIMEOUT, fetch, is_url
from .record import Record
from .warc import read_warc

SUPPORTED_SUFFIXES = {
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".md": "text",
    ".jsonl": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": None,
    ".warc": "warc",
    ".warc.gz": "warc",
}
"""File name endings read from a directory, and the kind each says (None: look at the bytes)."""
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}
_HTML_START = re.compile(
    rb"^\s*(?:<!doctype html|<html|<head|<body|<!--|<\?xml|<(?:div|p|article|meta)\b)", re.I
)
_HTML_TAG = re.compile(rb"</(?:p|div|html|body|article|span|a|h[1-6])>", re.I)


def sniff(data: bytes) -> str:
    """'feed', 'html', 'jsonl' or 'text' for input whose name says nothing."""
    head = data[:4096]
    if looks_like_feed(head):
        return "feed"
    if _HTML_START.match(head) or len(_HTML_TAG.findall(head)) >= 2:
        return "html"
    lines = [line for line in data.splitlines() if line.strip()]
    if lines and all(line.lstrip().startswith(b"{") for line in lines[:20]):
        try:
            json.loads(lines[0])
        except ValueError:
            return "text"
        return "jsonl"
    return "text"


def read_inputs(
    paths: Iterable[str], stdin: BinaryIO | None = None, *, timeout: float = FETCH_TIMEOUT
) -> Iterator[Record | InputError]:
    """Records of every input in order, read lazily; a bad input yields an `InputError` and the
    rest go on. A name may be a file, a directory, `-` (stdin) or an http(s) URL of a page or
    feed; `timeout` bounds each fetch."""
    reader = _Reader(timeout)
    for name in paths:
        if name == "-":
            yield from reader.stream(stdin or sys.stdin.buffer, "<stdin>")
        elif is_url(name):
            yield from reader.url(name)
        else:
            yield from reader.path(Path(name), name)


def suffix_of(path: Path) -> str | None:
    """The ending of `SUPPORTED_SUFFIXES` the file name has, None when eventwire reads no such
    file from a directory."""
    name = path.name.lower()
    return next((suffix for suffix in SUPPORTED_SUFFIXES if name.endswith(suffix)), None)


class _Reader:
    """Reads each kind of input into records, fetching feed entries' pages with `timeout`."""

    def __init__(self, timeout: float) -> None:
        self.fetch = partial(fetch, timeout=timeout)

    def path(self, path: Path, name: str) -> Iterator[Record | InputError]:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and suffix_of(p))
            if not files:
                endings = ", ".join(SUPPORTED_SUFFIXES)
                yield InputError(name, f"directory holds no file ending in {endings}")
            for file in files:
                yield from self.file(file)
        elif path.is_file():
            yield from self.file(path)
        elif path.exists():
            yield InputError(name, "not a regular file or directory")
        else:
            yield InputError(name, "no such file or directory")

    def file(self, path: Path) -> Iterator[Record | InputError]:
        origin = str(path)
        kind = SUPPORTED_SUFFIXES.get(suffix_of(path) or "")
        try:
            if kind in ("jsonl", "warc"):
                with path.open("rb") as stream:
                    if kind == "jsonl":
                        yield from _read_jsonl(stream, origin)
                    else:
                        yield from read_warc(stream, origin, _html_record)
                return
            too_big = check_size(path.stat().st_size)
            if too_big:
                yield InputError(origin, too_big)
                return
            data = path.read_bytes()
        except OSError as exc:
            yield InputError(origin, f"cannot read: {exc.strerror or exc}")
            return
        yield from self.content(data, origin, kind or sniff(data))

    def stream(self, stream: BinaryIO, origin: str) -> Iterator[Record | InputError]:
        data = stream.read(MAX_ARTICLE_BYTES + 1)
        kind = sniff(data)
        if kind == "jsonl":
            yield from _read_jsonl(io.BytesIO(data + stream.read()), origin)
            return
        too_big = check_size(len(data))
        if too_big:
            yield InputError(origin, too_big)
            return
        yield from self.content(data, origin, kind)

    def url(self, url: str) -> Iterator[Record | InputError]:
        try:
            page = self.fetch(url)
        except InputError as exc:
            yield exc
            return
        kind = sniff(page.data)
        if page.content_type in FEED_TYPES or kind == "feed":
            yield from read_feed(page.data, url, self.page)
            return
        if page.content_type == "text/html":
            kind = "html"
        elif page.content_type == "text/plain":
            kind = "text"
        record = _record_from_bytes(page.data, url, kind)
        if isinstance(record, Record):
            record.url, record.fetched = page.url, page.fetched
        yield record

    def page(self, url: str) -> Record:
        """The record of one linked page; raises `InputError` when it cannot be had."""
        found = next(iter(self.url(url)))
        if isinstance(found, InputError):
            raise found
        return found

    def content(self, data: bytes, origin: str, kind: str) -> Iterator[Record | InputError]:
        if kind == "feed":
            yield from read_feed(data, origin, self.page)
        else:
            yield _record_from_bytes(data, origin, kind)


def _html_record(data: bytes, origin: str) -> Record | InputError:
    too_big = check_size(len(data))
    return InputError(origin, too_big) if too_big else _record_from_bytes(data, origin, "html")


def _record_from_bytes(data: bytes, origin: str, kind: str) -> Record | InputError:
    if not data.strip():
        return InputError(origin, "empty input")
    try:
        content = decode(data)
    except ValueError as exc:
        return InputError(origin, str(exc))
    if not content.strip():
        return InputError(origin, "empty input")
    if kind == "jsonl":
        return InputError(origin, "JSON Lines must be read line by line")
    return Record(origin=origin, **{kind: content})


def _read_jsonl(stream: BinaryIO, origin: str) -> Iterator[Record | InputError]:
    seen_any = False
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        seen_any = True
        where = f"{origin}:{number}"
        too_big = check_size(len(raw))
        if too_big:
            yield InputError(where, too_big)
            continue
        try:
            data = json.loads(decode(raw))
        except ValueError as exc:
            reason = (
                str(exc)
                if "binary" in str(exc) or "encoding" in str(exc)
                else "line is not valid JSON"
            )
            yield InputError(where, reason)
            continue
        if not isinstance(data, dict):
            yield InputError(where, "line is not a JSON object")
            continue
        try:
            yield Record.from_mapping(data, where)
        except InputError as exc:
            yield exc
    if not seen_any:
        yield InputError(origin, "empty input")
