"""Bytes to text: refuse binary data, detect legacy encodings."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

MAX_ARTICLE_BYTES = 10 * 1024 * 1024
"""The largest article (file, stdin or JSONL line) eventwire reads; news pages are far smaller."""

_CONTROL = {b for b in range(32)} - {9, 10, 12, 13, 27}


def check_size(size: int) -> str | None:
    """A reason to refuse `size` bytes, or None."""
    if size > MAX_ARTICLE_BYTES:
        return (
            f"too large ({size / 2**20:.1f} MiB; the limit is "
            f"{MAX_ARTICLE_BYTES / 2**20:.0f} MiB per article)"
        )
    return None


def looks_binary(data: bytes) -> bool:
    """True for data with NUL bytes or many control characters in its first 8 KiB."""
    head = data[:8192]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return bool(head) and controls / len(head) > 0.05


def decode(data: bytes) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), else what charset-normalizer finds.

    Raises ValueError with a short reason when the bytes are binary or cannot be decoded.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if looks_binary(data):
        raise ValueError("binary data, not text or HTML")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise ValueError("cannot detect the text encoding")
    return str(best)
