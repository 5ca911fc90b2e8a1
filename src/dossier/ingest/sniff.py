"""What a run of bytes is: HTML, plain text, or something that is certainly not a news page.

The kind comes from the bytes themselves, never from the file name.
"""

from __future__ import annotations

import re

from dossier.errors import UnsupportedInput

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


__all__ = ["detect_kind"]
