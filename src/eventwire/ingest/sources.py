"""Inputs to records: files, directories, JSON Lines and stdin, each named for error messages."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from .decode import check_size, decode
from .errors import InputError

SUPPORTED_SUFFIXES = {
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".md": "text",
    ".jsonl": "jsonl",
}
RECORD_FIELDS = ("id", "text", "html", "url", "title", "published", "source")
_HTML_START = re.compile(
    rb"^\s*(?:<!doctype html|<html|<head|<body|<!--|<\?xml|<(?:div|p|article|meta)\b)", re.I
)
_HTML_TAG = re.compile(rb"</(?:p|div|html|body|article|span|a|h[1-6])>", re.I)


@dataclass
class Record:
    """One article as given: text or HTML plus whatever metadata came with it."""

    origin: str
    text: str | None = None
    html: str | None = None
    id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None

    @classmethod
    def from_mapping(cls, data: dict[str, Any], origin: str) -> Record:
        """A record from a JSON object with the keys of `RECORD_FIELDS` (others are ignored)."""
        values: dict[str, str | None] = {}
        for key in RECORD_FIELDS:
            value = data.get(key)
            if value is not None and not isinstance(value, str | int):
                raise InputError(origin, f'field "{key}" must be a string')
            values[key] = None if value is None else str(value)
        if not (values["text"] or "").strip() and not (values["html"] or "").strip():
            raise InputError(origin, 'record has neither "text" nor "html"')
        return cls(origin=origin, **values)


def sniff(data: bytes) -> str:
    """'html', 'jsonl' or 'text' for input whose name says nothing."""
    head = data[:4096]
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
    paths: Iterable[str], stdin: BinaryIO | None = None
) -> Iterator[Record | InputError]:
    """Records of every input in order; a bad input yields an `InputError` and the rest go on."""
    for name in paths:
        if name == "-":
            yield from _read_stream(stdin or sys.stdin.buffer, "<stdin>")
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
            if not files:
                yield InputError(name, "directory holds no .html, .htm, .txt, .md or .jsonl file")
            for file in files:
                yield from _read_file(file)
        elif path.is_file():
            yield from _read_file(path)
        elif path.exists():
            yield InputError(name, "not a regular file or directory")
        else:
            yield InputError(name, "no such file or directory")


def _read_file(path: Path) -> Iterator[Record | InputError]:
    origin = str(path)
    kind = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if kind == "jsonl":
        try:
            with path.open("rb") as stream:
                yield from _read_jsonl(stream, origin)
        except OSError as exc:
            yield InputError(origin, f"cannot read: {exc.strerror or exc}")
        return
    try:
        too_big = check_size(path.stat().st_size)
        if too_big:
            yield InputError(origin, too_big)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(origin, f"cannot read: {exc.strerror or exc}")
        return
    yield _record_from_bytes(data, origin, kind or sniff(data))


def _read_stream(stream: BinaryIO, origin: str) -> Iterator[Record | InputError]:
    from .decode import MAX_ARTICLE_BYTES

    data = stream.read(MAX_ARTICLE_BYTES + 1)
    kind = sniff(data)
    if kind == "jsonl":
        import io

        yield from _read_jsonl(io.BytesIO(data + stream.read()), origin)
        return
    too_big = check_size(len(data))
    yield InputError(origin, too_big) if too_big else _record_from_bytes(data, origin, kind)


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
