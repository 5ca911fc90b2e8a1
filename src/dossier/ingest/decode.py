"""Bytes to text: byte-order mark, declared charset, UTF-8, Windows-1252, then a guess.

News pages scraped years ago are often Latin-1 or Windows-1252; they are read correctly and the
article says so in a warning. Text in an encoding nobody can name with confidence is refused
rather than turned into nonsense that would later be quoted as evidence.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer
import ftfy

from dossier.errors import DecodeError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
#: Control characters that never belong in a body (tab, newline and carriage return stay).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\ufeff\ufffe]")
#: Labels that browsers read as Windows-1252 whatever they say.
_WINDOWS_1252_ALIASES = {
    "latin-1",
    "latin1",
    "iso-8859-1",
    "iso8859-1",
    "l1",
    "ascii",
    "us-ascii",
    "windows-1252",
    "cp1252",
    "iso_8859_1",
    "iso-8859-15",
}


def decode_bytes(data: bytes, source: str, html: bool) -> tuple[str, list[str]]:
    """Decode a page; return the text and warnings about how it was read."""
    warnings: list[str] = []
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data[len(bom) :], codec, source), warnings
    declared = _declared_charset(data) if html else None
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        pass
    if declared and declared not in ("utf-8", "utf8"):
        codec = "cp1252" if declared in _WINDOWS_1252_ALIASES else declared
        try:
            text = data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            text = None
        if text is not None:
            warnings.append(f"not UTF-8: read as {_label(codec)} (the page declares {declared})")
            return text, warnings
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_like_text(text) and _looks_western(text):
        warnings.append("not UTF-8: read as Windows-1252")
        return text, warnings
    guess = charset_normalizer.from_bytes(data).best()
    if guess is None or guess.chaos > 0.3 or not _looks_like_text(str(guess)):
        raise DecodeError(source, "the text is in an encoding that cannot be read with confidence")
    warnings.append(f"not UTF-8: read as {_label(guess.encoding)} (guessed)")
    return str(guess), warnings


def clean_text(text: str) -> str:
    """Repair mojibake, normalise newlines and drop control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():  # mojibake needs non-ASCII characters; skip the cost otherwise
        text = ftfy.fix_text(text, unescape_html=False, uncurl_quotes=False, normalization="NFC")
    return _CONTROL.sub("", text)


def _decode_strict(data: bytes, codec: str, source: str) -> str:
    """Decode with a codec a byte-order mark announced; damaged text is refused."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise DecodeError(
            source, f"the text says it is {_label(codec)} but is damaged at byte {err.start}"
        ) from err


def _declared_charset(data: bytes) -> str | None:
    """The charset a `<meta charset>` or `http-equiv` tag declares, lower-cased."""
    match = _META_CHARSET.search(data[:8192])
    if not match:
        return None
    label = match.group(1).decode("ascii", errors="ignore").lower()
    try:
        return codecs.lookup(label).name if label not in _WINDOWS_1252_ALIASES else label
    except LookupError:
        return None


def _looks_like_text(text: str) -> bool:
    """True when letters dominate and control or unassigned characters are rare."""
    if not text:
        return False
    sample = text[:20000]
    bad = sum(
        1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\n\r\t"
    )
    letters = sum(1 for ch in sample if ch.isalpha())
    return bad / len(sample) < 0.01 and letters / len(sample) > 0.4


def _looks_western(text: str) -> bool:
    """True when accented letters are a minority, as in any Western European language.

    Cyrillic or Greek read as Windows-1252 comes out as mostly accented Latin letters.
    """
    letters = [ch for ch in text[:20000] if ch.isalpha()]
    if not letters:
        return False
    return sum(1 for ch in letters if not ch.isascii()) / len(letters) < 0.3


def _label(codec: str) -> str:
    """A codec name as people write it."""
    names = {
        "cp1252": "Windows-1252",
        "utf-8": "UTF-8",
        "utf-16-le": "UTF-16",
        "utf-16-be": "UTF-16",
        "iso8859-1": "Latin-1",
        "latin-1": "Latin-1",
    }
    key = codec.lower().replace("_", "-")
    if key.startswith("cp") and key[2:].isdigit():
        return names.get(key, f"Windows-{key[2:]}")
    return names.get(key, codec)
