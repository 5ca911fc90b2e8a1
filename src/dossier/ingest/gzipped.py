"""Gzip read member by member, with a cap, so one damaged member never costs the ones after it.

A WARC.gz holds one gzip member per record. Each member is inflated on its own; when one is
damaged, reading resumes at the next gzip header (the bytes 1f 8b 08) that starts a member
which inflates cleanly, and the damaged stretch becomes one `Unreadable` entry.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from dossier.errors import TooLarge

#: Compressed bytes fed to the inflater at a time (deflate expands at most ~1000×).
_IN_CHUNK = 16 * 1024
GZIP_MAGIC = b"\x1f\x8b"
#: Start of a gzip member whose compression method is deflate (the only one there is).
_MEMBER_START = b"\x1f\x8b\x08"


@dataclass
class Member:
    """One gzip member that inflated cleanly: where it starts in the file, and its bytes."""

    offset: int
    data: bytes


@dataclass
class Unreadable:
    """A stretch of the file that is not a clean gzip member, in words a person reads."""

    offset: int
    reason: str
    cut_off: bool = False


def gunzip_members(source: str, data: bytes, limit: int) -> Iterator[Member | Unreadable]:
    """Inflate every gzip member of `data` in turn; raise `TooLarge` past `limit` bytes in all.

    Padding after the last member (zero bytes, as some writers leave) is ignored; other bytes
    that are not a gzip member are reported once per damaged stretch.
    """
    total = 0
    position = 0
    damaged_at: int | None = None
    damage = ""
    while position < len(data):
        if damaged_at is None and not data.startswith(GZIP_MAGIC, position):
            if not data[position:].strip(b"\x00\r\n\t "):
                return  # padding after the last member
            damaged_at, damage = position, "bytes that are not gzip data"
        if damaged_at is None or data.startswith(_MEMBER_START, position):
            out, end, problem = _inflate_member(data, position, limit - total)
            if problem is None:
                if damaged_at is not None:
                    yield Unreadable(damaged_at, f"damaged gzip data ({damage}); skipped")
                    damaged_at = None
                total += len(out)
                yield Member(position, out)
                position = end
                continue
            if problem == "too large":
                raise TooLarge(
                    source,
                    f"unpacks to more than {limit / (1024 * 1024):.1f} MB (the limit); "
                    "not read further (raise max_bytes if this is a real page)",
                )
            if damaged_at is None:
                if problem == "cut off":
                    yield Unreadable(
                        position,
                        "the gzip data is cut off before its end (incomplete download?)",
                        cut_off=True,
                    )
                    return
                damaged_at, damage = position, problem
        following = data.find(_MEMBER_START, position + 1)
        if following < 0:
            yield Unreadable(damaged_at, f"damaged gzip data ({damage}); skipped")
            return
        position = following


def _inflate_member(data: bytes, start: int, room: int) -> tuple[bytes, int, str | None]:
    """Inflate the member at `start`: its bytes, where it ends, and what went wrong if anything."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    pieces: list[bytes] = []
    produced = 0
    position = start
    while position < len(data) and not inflater.eof:
        chunk = data[position : position + _IN_CHUNK]
        position += len(chunk)
        try:
            piece = inflater.decompress(chunk, room - produced + 1)
            while inflater.unconsumed_tail and produced + len(piece) <= room:
                pieces.append(piece)
                produced += len(piece)
                piece = inflater.decompress(inflater.unconsumed_tail, room - produced + 1)
        except zlib.error as err:
            return b"", position, _zlib_reason(err)
        pieces.append(piece)
        produced += len(piece)
        if produced > room:
            return b"", position, "too large"
    if not inflater.eof:
        return b"", position, "cut off"
    return b"".join(pieces), position - len(inflater.unused_data), None


def _zlib_reason(err: zlib.error) -> str:
    """zlib's complaint in plain words."""
    text = str(err)
    if "incorrect data check" in text:
        return "its checksum does not match"
    if "incorrect header check" in text or "unknown compression method" in text:
        return "a broken gzip header"
    return "the compressed stream is corrupt"
