"""Web archives: each HTML response record of a WARC becomes one `Page`.

A corrupt record becomes one `InputError` naming the file and the record's byte offset; reading
resumes at the next record header, so the good records before and after it still come through.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dossier.errors import InputError, TruncatedInput, UnsupportedInput
from dossier.records import Page
from dossier.settings import Settings

_RECORD_START = re.compile(rb"(?:^|\n)WARC/1\.[01]\r?\n")
_HTML_TYPES = ("text/html", "application/xhtml")


def pages_from_warc(source: str, data: bytes, settings: Settings) -> Iterator[Page | InputError]:
    """Yield a `Page` per HTML response record; an `InputError` per unreadable record."""
    from dossier.ingest.sources import detect_kind

    base = 0
    while base < len(data):
        iterator = ArchiveIterator(io.BytesIO(data[base:]), no_record_parse=False)
        offset = base
        try:
            for record in iterator:
                payload = _read_record(record)
                offset = base + iterator.get_record_offset()
                if _cut_off(record, offset, data):
                    yield TruncatedInput(
                        source, f"WARC record at byte {offset} is cut off before its end"
                    )
                    return
                if record.rec_type not in ("response", "resource") or not _is_html(record):
                    continue
                if not payload.strip():
                    continue
                try:
                    kind = detect_kind(payload)
                except UnsupportedInput:
                    continue
                if kind != "html":
                    continue
                headers = record.rec_headers
                yield Page(
                    source=f"{source}#{offset}",
                    data=payload,
                    kind="html",
                    url=headers.get_header("WARC-Target-URI"),
                    captured=_iso_date(headers.get_header("WARC-Date")),
                )
            return
        except (ArchiveLoadFailed, ValueError, EOFError, OSError) as err:
            failed_at = base + getattr(iterator, "offset", 0)
            failed_at = max(failed_at, offset)
            yield InputError(
                source,
                f"WARC record at byte {failed_at} is damaged and was skipped ({_short(err)})",
            )
            following = _RECORD_START.search(data, failed_at + 1)
            if following is None:
                return
            base = following.start() + (1 if data[following.start()] == 0x0A else 0)


def _read_record(record: object) -> bytes:
    """The record's payload, with transfer and content encodings undone."""
    payload: bytes = record.content_stream().read()  # type: ignore[attr-defined]
    return payload


def _cut_off(record: object, offset: int, data: bytes) -> bool:
    """True when the record's block, as long as its header says, runs past the end of the data."""
    declared = record.rec_headers.get_header("Content-Length")  # type: ignore[attr-defined]
    if not declared or not declared.isdigit():
        return False
    headers_end = data.find(b"\r\n\r\n", offset)
    if headers_end < 0:
        return True
    return headers_end + 4 + int(declared) > len(data)


def _is_html(record: object) -> bool:
    """True when the HTTP (or resource) content type says HTML, or says nothing."""
    http = getattr(record, "http_headers", None)
    ctype = http.get_header("Content-Type") if http is not None else None
    if ctype is None:
        ctype = record.rec_headers.get_header("Content-Type")  # type: ignore[attr-defined]
    if not ctype:
        return True
    return ctype.split(";")[0].strip().lower() in _HTML_TYPES


def _iso_date(value: str | None) -> str | None:
    """The date part of a WARC-Date (`2024-03-03T10:00:00Z` → `2024-03-03`)."""
    if not value:
        return None
    match = re.match(r"\d{4}-\d{2}-\d{2}", value)
    return match.group(0) if match else None


def _short(err: BaseException) -> str:
    text = " ".join(str(err).split())
    return text[:120] or type(err).__name__
