"""Turn paths (files, folders, `-`) into `Page`s, detecting each input's kind from its bytes.

Every bad input becomes one yielded `InputError`, so a batch of a thousand files goes on past
the one broken file. Sizes are checked before reading, and gzip is decompressed as a stream
with a cap, so a huge file or a gzip bomb never lands in memory.
"""

from __future__ import annotations

import io
import re
import sys
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from dossier.errors import (
    EmptyInput,
    InputError,
    TooLarge,
    TruncatedInput,
    UnsupportedInput,
)
from dossier.records import Page
from dossier.settings import Settings

#: Compressed bytes fed to the inflater at a time (deflate expands at most ~1000×).
_IN_CHUNK = 16 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
#: Leading bytes of formats that are certainly not a news page, with how a journalist calls them.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a media file (RIFF)"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or Word/Excel file)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an XZ archive"),
    (b"\x7fELF", "a program file"),
    (b"MZ", "a Windows program file"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an audio file"),
    (b"ID3", "an MP3 audio file"),
    (b"\x00\x00\x00\x18ftyp", "a video file"),
    (b"\x00\x00\x00\x20ftyp", "a video file"),
)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(
    rb"</?(p|div|span|a|br|article|section|h[1-6]|script|table)\b[^>]*>", re.IGNORECASE
)


def iter_pages(paths: Sequence[str], settings: Settings) -> Iterator[Page | InputError]:
    """Yield one `Page` per readable input (per HTML record for WARC), an `InputError` otherwise."""
    for raw in paths:
        if raw == "-":
            yield from _pages_from_stream("<stdin>", sys.stdin.buffer, settings)
            continue
        path = Path(raw)
        if path.is_dir():
            for file in _walk(path):
                yield from _pages_from_file(file, settings)
        elif path.exists():
            yield from _pages_from_file(path, settings)
        else:
            yield InputError(raw, "no such file or folder")


def list_inputs(paths: Sequence[str]) -> list[str] | None:
    """The inputs `iter_pages` will read, folders walked, named as its pages' sources name
    them (a WARC file's pages add "#offset"); None when standard input is among them."""
    if "-" in paths:
        return None
    inputs: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inputs += [str(file) for file in _walk(path)]
        else:
            inputs.append(str(path) if path.exists() else raw)
    return inputs


def _walk(folder: Path) -> list[Path]:
    """Files under `folder`, recursively and sorted, leaving out hidden files and folders."""
    found = []
    for file in folder.rglob("*"):
        relative = file.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if file.is_file():
            found.append(file)
    return sorted(found)


def _pages_from_file(path: Path, settings: Settings) -> Iterator[Page | InputError]:
    """Check the size on disk first, then read at most `max_bytes` and unpack."""
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        yield InputError(source, f"cannot be read ({err.strerror or err})")
        return
    if size > settings.max_bytes:
        yield TooLarge(source, _too_large(size, settings))
        return
    try:
        with path.open("rb") as stream:
            yield from _pages_from_stream(source, stream, settings)
    except OSError as err:
        yield InputError(source, f"cannot be read ({err.strerror or err})")


def _pages_from_stream(
    source: str, stream: BinaryIO, settings: Settings
) -> Iterator[Page | InputError]:
    """Read a stream with a cap and turn its bytes into pages."""
    data = stream.read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        yield TooLarge(source, _too_large(None, settings))
        return
    yield from pages_from_bytes(source, data, settings)


def pages_from_bytes(source: str, data: bytes, settings: Settings) -> Iterator[Page | InputError]:
    """Detect what `data` holds (gzip, WARC, HTML, text, binary) and yield its pages."""
    depth = 0
    while data[:2] == _GZIP_MAGIC:
        if depth == 3:
            yield UnsupportedInput(source, "gzip inside gzip inside gzip; not a news page")
            return
        try:
            unpacked, problem = _gunzip(source, data, settings.max_bytes)
        except InputError as err:
            yield err
            return
        if problem is not None:
            if unpacked.startswith(b"WARC/"):  # keep the complete records before the cut
                from dossier.ingest.warc import pages_from_warc

                yield from pages_from_warc(source, unpacked, settings)
            yield problem
            return
        data = unpacked
        depth += 1
    if not data.strip():
        yield EmptyInput(source, "the file is empty")
        return
    if data.startswith(b"WARC/"):
        from dossier.ingest.warc import pages_from_warc

        yield from pages_from_warc(source, data, settings)
        return
    try:
        kind = detect_kind(data)
    except UnsupportedInput as err:
        yield UnsupportedInput(source, err.reason)
        return
    yield Page(source=source, data=data, kind=kind)


def gunzip_capped(source: str, data: bytes, limit: int) -> bytes:
    """Decompress gzip data, refusing to produce more than `limit` bytes (gzip bombs)."""
    unpacked, problem = _gunzip(source, data, limit)
    if problem is not None:
        raise problem
    return unpacked


def _gunzip(source: str, data: bytes, limit: int) -> tuple[bytes, TruncatedInput | None]:
    """Decompress all gzip members as a stream with a cap; on damage, what came out before it."""
    out = io.BytesIO()
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    position = 0
    while position < len(data):
        chunk = data[position : position + _IN_CHUNK]
        position += len(chunk)
        try:
            out.write(inflater.decompress(chunk))
        except zlib.error as err:
            return out.getvalue(), TruncatedInput(source, f"the gzip file is damaged ({err})")
        if out.tell() > limit:
            raise TooLarge(
                source,
                f"unpacks to more than {_mb(limit)} (the limit); "
                "not read further (raise max_bytes if this is a real page)",
            )
        if inflater.eof:
            position -= len(inflater.unused_data)
            if data[position : position + 2] != _GZIP_MAGIC:
                break  # the end, or padding after the last member
            # another gzip member follows (WARC.gz holds one per record)
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    if not inflater.eof:
        return out.getvalue(), TruncatedInput(
            source, "the gzip file is cut off before its end (incomplete download?)"
        )
    return out.getvalue(), None


def detect_kind(data: bytes) -> str:
    """Say "html" or "text" from the bytes themselves; raise `UnsupportedInput` for binaries."""
    for magic, name in _BINARY_MAGIC:
        if data.startswith(magic):
            raise UnsupportedInput("", f"{name}, not a news page")
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = _utf16_to_ascii(head)
    elif b"\x00" in head or _control_share(head) > 0.05:
        raise UnsupportedInput("", "a binary file (not text), not a news page")
    for bom in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    if _HTML_START.match(head) or len(_HTML_TAGS.findall(head)) >= 3:
        return "html"
    return "text"


def _utf16_to_ascii(head: bytes) -> bytes:
    """Rough ASCII view of UTF-16 bytes, enough to see tags."""
    codec = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
    text = head[2:].decode(codec, errors="replace")
    return text.encode("ascii", errors="replace")


def _control_share(head: bytes) -> float:
    """Share of C0 control bytes other than whitespace: high in binaries, ~0 in text."""
    if not head:
        return 0.0
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head)


def _too_large(size: int | None, settings: Settings) -> str:
    """The TooLarge reason, in sizes a person reads."""
    what = f"{_mb(size)}, " if size is not None else ""
    return f"too large ({what}the limit is {_mb(settings.max_bytes)}); not read"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


__all__ = ["detect_kind", "gunzip_capped", "iter_pages", "list_inputs", "pages_from_bytes"]
