"""Web archives: each HTML response record of a WARC becomes one `Page`.

Records are framed here, from their own headers (`WARC/1.x`, header lines, `Content-Length`
bytes of block), and each is judged alone: a damaged record, a record whose length is wrong
or stray bytes between records become one `InputError` naming the record and its byte offset,
and reading resumes at the next line that starts a record, so the good records before and
after it still come through. A WARC.gz is read gzip member by member (see `gzipped`), so a
damaged member costs only the records inside it. An archive that yields no web page at all
(only a warcinfo record, only images) says so in one line instead of vanishing.
"""

from __future__ import annotations

import bisect
import re
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from dossier.errors import InputError, NoArticle, TruncatedInput, UnsupportedInput
from dossier.ingest.gzipped import Member, Unreadable, gunzip_members
from dossier.ingest.sniff import detect_kind
from dossier.records import Page
from dossier.settings import Settings

_RECORD_START = re.compile(rb"(?:^|\n)(WARC/1\.\d\r?\n)")
_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xhtml")
#: A record header longer than this is not a header but damage.
_MAX_HEADER = 64 * 1024
_BLANK = b" \t\r\n\x00"


class _BadRecord(Exception):
    """A record that cannot be read; its message says why, in plain words."""


@dataclass
class _Record:
    number: int
    offset: int
    headers: dict[str, str]
    block: bytes


def pages_from_warc(source: str, data: bytes, settings: Settings) -> Iterator[Page | InputError]:
    """Yield a `Page` per HTML response record of an uncompressed WARC; an error per bad one."""
    reader = _WarcReader(source, settings)
    yield from reader.read([Member(0, data)], compressed=False)
    yield from reader.finish()


def pages_from_warc_gz(
    source: str, items: Sequence[Member | Unreadable], settings: Settings
) -> Iterator[Page | InputError]:
    """The same for a WARC.gz already split into gzip members (and damaged stretches)."""
    reader = _WarcReader(source, settings)
    run: list[Member] = []
    for item in items:
        if isinstance(item, Member):
            run.append(item)
            continue
        yield from reader.read(run, compressed=True)
        run = []
        error = TruncatedInput if item.cut_off else InputError
        yield error(source, f"at byte {item.offset}, {item.reason}")
        reader.errors += 1
    yield from reader.read(run, compressed=True)
    yield from reader.finish()


class _WarcReader:
    """Frames and judges the records of one archive, counting what it passed over."""

    def __init__(self, source: str, settings: Settings) -> None:
        self.source = source
        self.settings = settings
        self.records = 0
        self.pages = 0
        self.errors = 0
        self.passed_over: Counter[str] = Counter()

    def read(self, members: list[Member], compressed: bool) -> Iterator[Page | InputError]:
        """Every record in a run of consecutive gzip members (or in a whole plain WARC)."""
        if not members:
            return
        data = members[0].data if len(members) == 1 else b"".join(m.data for m in members)
        starts = [0]
        for member in members[:-1]:
            starts.append(starts[-1] + len(member.data))
        base = 0 if compressed else members[0].offset

        def anchor(position: int) -> tuple[int, int]:
            """(byte offset in the file, offset inside its gzip member) of a position."""
            if not compressed:
                return base + position, 0
            index = bisect.bisect_right(starts, position) - 1
            return members[index].offset, position - starts[index]

        def where(position: int, number: int | None = None) -> str:
            """A record's place, as a person can find it again."""
            record = f"record {number} " if number else ""
            offset, inside = anchor(position)
            if not compressed:
                return f"{record}at byte {offset}"
            within = f" (byte {inside} of its content)" if inside else ""
            return f"{record}in the gzip member at byte {offset}{within}"

        def label(position: int) -> str:
            """The page's source: the file, `#`, and where its record starts (as CDX indexes
            give it for a WARC.gz: the gzip member's offset)."""
            offset, inside = anchor(position)
            return f"{self.source}#{offset}" + (f"+{inside}" if inside else "")

        position = 0
        while position < len(data):
            start = _skip_blank(data, position)
            if start >= len(data):
                return
            if not data.startswith(b"WARC/", start):
                following = _next_record(data, start + 1)
                self.errors += 1
                yield InputError(
                    self.source, f"{where(start)}, bytes that are not a WARC record; skipped"
                )
                if following < 0:
                    return
                position = following
                continue
            self.records += 1
            try:
                record, end = _frame(data, start, self.records)
            except _BadRecord as bad:
                self.errors += 1
                cut = "cut off" in str(bad)
                error = TruncatedInput if cut else InputError
                yield error(self.source, f"WARC {where(start, self.records)} {bad}; skipped")
                following = _next_record(data, start + 1)
                if following < 0:
                    return
                position = following
                continue
            yield from self._judge(record, where(start, record.number), label(start))
            position = end

    def _judge(self, record: _Record, place: str, source: str) -> Iterator[Page | InputError]:
        """A page for an HTML response or resource record; an error when it cannot be read."""
        kind = record.headers.get("warc-type", "").strip().lower()
        if not kind:
            self.errors += 1
            yield InputError(self.source, f"WARC {place} has no WARC-Type; skipped")
            return
        if kind not in ("response", "resource"):
            self.passed_over[f"{kind} record"] += 1
            return
        try:
            ctype, payload = _payload(record, kind, self.settings.max_bytes)
        except _BadRecord as bad:
            self.errors += 1
            yield InputError(self.source, f"WARC {place} {bad}; skipped")
            return
        mime = ctype.split(";")[0].strip().lower()
        if mime and mime not in _HTML_TYPES:
            self.passed_over[f"{mime} response"] += 1
            return
        if not payload.strip():
            self.passed_over["empty response"] += 1
            return
        try:
            page_kind = detect_kind(payload)
        except UnsupportedInput as err:
            self.errors += 1
            yield UnsupportedInput(self.source, f"WARC {place} holds {err.reason}; skipped")
            return
        self.pages += 1
        yield Page(
            source=source,
            data=payload,
            kind=page_kind,
            url=record.headers.get("warc-target-uri") or None,
            captured=_iso_date(record.headers.get("warc-date")),
        )

    def finish(self) -> Iterator[InputError]:
        """One line for an archive that held no web page and no error to explain why."""
        if self.pages or self.errors:
            return
        if not self.records:
            yield NoArticle(self.source, "a web archive with no records in it")
            return
        found = ", ".join(
            f"{count} {what}{'s' if count > 1 else ''}"
            for what, count in self.passed_over.most_common(5)
        )
        yield NoArticle(
            self.source, f"a web archive with no HTML page in it (it holds {found or 'nothing'})"
        )


def _frame(data: bytes, start: int, number: int) -> tuple[_Record, int]:
    """Read the record that starts at `start`: its headers, its block, and where it ends."""
    window = data[start : start + _MAX_HEADER]
    crlf, lf = window.find(b"\r\n\r\n"), window.find(b"\n\n")
    if crlf < 0 and lf < 0:
        if len(window) < _MAX_HEADER:
            raise _BadRecord("is cut off before the end of its header")
        raise _BadRecord("has a header that never ends (damaged)")
    if crlf >= 0 and (lf < 0 or crlf <= lf):
        head, body_start = window[:crlf], start + crlf + 4
    else:
        head, body_start = window[:lf], start + lf + 2
    headers = _header_fields(head.split(b"\n")[1:])
    declared = headers.get("content-length", "").strip()
    if not declared.isdigit():
        raise _BadRecord("has no valid Content-Length")
    end = body_start + int(declared)
    if end > len(data):
        raise _BadRecord("is cut off before its end (incomplete download?)")
    after = _skip_blank(data, end)
    closed = data.startswith((b"\r\n\r\n", b"\n\n"), end) or after == len(data)
    if not closed and not data.startswith(b"WARC/", after):
        raise _BadRecord("does not end where its Content-Length says (damaged)")
    return _Record(number, start, headers, data[body_start:end]), end


def _payload(record: _Record, kind: str, limit: int) -> tuple[str, bytes]:
    """The content type and the bytes of the page a record holds, HTTP encodings undone."""
    warc_type = record.headers.get("content-type", "")
    block = record.block
    if kind != "response" or not block.startswith(b"HTTP/"):
        # a resource record, or a response stored without its HTTP headers: the block is the page
        return ("" if warc_type.lower().startswith("application/http") else warc_type), block
    crlf, lf = block.find(b"\r\n\r\n"), block.find(b"\n\n")
    if crlf < 0 and lf < 0:
        return "", b""  # headers only (a redirect or "not modified")
    if crlf >= 0 and (lf < 0 or crlf <= lf):
        head, body = block[:crlf], block[crlf + 4 :]
    else:
        head, body = block[:lf], block[lf + 2 :]
    http = _header_fields(head.split(b"\n")[1:])
    if "chunked" in http.get("transfer-encoding", "").lower():
        body = _dechunk(body)
    encoding = http.get("content-encoding", "").strip().lower()
    return http.get("content-type", ""), _decompress(body, encoding, limit)


def _header_fields(lines: list[bytes]) -> dict[str, str]:
    """`Name: value` lines as a dict with lower-case names (the first of repeated names wins)."""
    fields: dict[str, str] = {}
    for line in lines:
        name, colon, value = line.decode("latin-1").partition(":")
        if colon and name.strip():
            fields.setdefault(name.strip().lower(), value.strip())
    return fields


def _dechunk(body: bytes) -> bytes:
    """Undo HTTP chunked transfer encoding; a body some crawler already dechunked stays as is."""
    out: list[bytes] = []
    position = 0
    while position < len(body):
        line_end = body.find(b"\n", position)
        if line_end < 0:
            return body
        size_text = body[position:line_end].split(b";")[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            return body
        if size == 0:
            return b"".join(out)
        chunk_start = line_end + 1
        out.append(body[chunk_start : chunk_start + size])
        position = _skip_crlf(body, chunk_start + size)
    return b"".join(out)


def _decompress(body: bytes, encoding: str, limit: int) -> bytes:
    """Undo an HTTP content encoding, refusing to unpack more than `limit` bytes."""
    if encoding in ("", "identity", "none"):
        return body
    if encoding in ("gzip", "x-gzip"):
        if not body.startswith(b"\x1f\x8b"):
            return body  # already unpacked by the crawler
        parts = list(gunzip_members("", body, limit))
        if any(isinstance(p, Unreadable) for p in parts):
            raise _BadRecord("has gzip-compressed content that is damaged")
        return b"".join(p.data for p in parts if isinstance(p, Member))
    if encoding == "deflate":
        for wbits in (zlib.MAX_WBITS, -zlib.MAX_WBITS):
            inflater = zlib.decompressobj(wbits)
            try:
                out = inflater.decompress(body, limit + 1)
            except zlib.error:
                continue
            if len(out) > limit:
                raise _BadRecord("unpacks to more than the size limit")
            return out
        raise _BadRecord("has deflate-compressed content that is damaged")
    raise _BadRecord(f"is compressed as {encoding!r}, which Dossier cannot unpack")


def _skip_crlf(data: bytes, position: int) -> int:
    if data.startswith(b"\r\n", position):
        return position + 2
    if data.startswith(b"\n", position):
        return position + 1
    return position


def _skip_blank(data: bytes, position: int) -> int:
    """The first position at or after `position` that is not blank padding between records."""
    while position < len(data) and data[position] in _BLANK:
        position += 1
    return position


def _next_record(data: bytes, position: int) -> int:
    """Where the next line that starts a WARC record begins (-1: none)."""
    match = _RECORD_START.search(data, position)
    return match.start(1) if match else -1


def _iso_date(value: str | None) -> str | None:
    """The date part of a WARC-Date (`2024-03-03T10:00:00Z` → `2024-03-03`)."""
    if not value:
        return None
    match = re.match(r"\d{4}-\d{2}-\d{2}", value)
    return match.group(0) if match else None


__all__ = ["pages_from_warc", "pages_from_warc_gz"]
