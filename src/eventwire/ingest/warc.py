"""WARC archives: one record per HTML response, with its target URI and capture time."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from .decode import MAX_ARTICLE_BYTES
from .errors import InputError
from .record import Record

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(
    stream: BinaryIO, origin: str, make_record: Callable[[bytes, str], Record | InputError]
) -> Iterator[Record | InputError]:
    """Records of the HTML responses (status 200) in the archive, in archive order; other
    records are skipped. A truncated or broken record ends the archive with an error naming it."""
    number = 0
    try:
        for number, warc in enumerate(ArchiveIterator(stream), start=1):
            if warc.format != "warc":
                yield InputError(origin, "not a WARC archive")
                return
            if not _is_html_response(warc):
                continue
            uri = warc.rec_headers.get_header("WARC-Target-URI") or f"{origin} record {number}"
            body = warc.content_stream().read(MAX_ARTICLE_BYTES + 1)
            if warc.raw_stream.limit > 0 and len(body) <= MAX_ARTICLE_BYTES:
                yield InputError(f"{origin} record {number}", f"truncated record ({uri})")
                return
            record = make_record(body, uri)
            if isinstance(record, Record):
                record.url = warc.rec_headers.get_header("WARC-Target-URI")
                record.fetched = warc.rec_headers.get_header("WARC-Date")
            yield record
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
        yield InputError(f"{origin} record {number + 1}", f"broken WARC record ({exc})")
    if number == 0:
        yield InputError(origin, "empty WARC archive")


def _is_html_response(warc) -> bool:
    if warc.rec_type != "response" or warc.http_headers is None:
        return False
    if warc.http_headers.get_statuscode() != "200":
        return False
    content_type = (warc.http_headers.get_header("Content-Type") or "").split(";")[0].strip()
    return content_type.lower() in HTML_TYPES
