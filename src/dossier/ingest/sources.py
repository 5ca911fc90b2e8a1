"""Turn paths (files, folders, `-`) into `Page`s, detecting each input's kind from its bytes.

Every bad input becomes one yielded `InputError`, so a batch of a thousand files goes on past
the one broken file, and nothing under a folder is passed over without a line saying why.
Sizes are checked before reading, and gzip is decompressed member by member with a cap, so a
huge file or a gzip bomb never lands in memory and one damaged member spares the others.
"""

from __future__ import annotations

import os
import stat
import sys
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
from dossier.ingest.gzipped import GZIP_MAGIC, Member, Unreadable, gunzip_members
from dossier.ingest.sniff import detect_kind
from dossier.ingest.warc import pages_from_warc, pages_from_warc_gz
from dossier.records import Page
from dossier.settings import Settings


def iter_pages(paths: Sequence[str], settings: Settings) -> Iterator[Page | InputError]:
    """Yield one `Page` per readable input (per HTML record for WARC), an `InputError` otherwise."""
    for raw in paths:
        if raw == "-":
            yield from _pages_from_stream("<stdin>", sys.stdin.buffer, settings)
            continue
        path = Path(raw)
        try:
            is_folder = stat.S_ISDIR(path.stat().st_mode)
        except FileNotFoundError:
            dangling = path.is_symlink()
            yield InputError(
                raw,
                "a link to a file that does not exist" if dangling else "no such file or folder",
            )
            continue
        except OSError as err:  # a folder above it cannot be entered, a name too long …
            yield InputError(raw, f"cannot be read ({err.strerror or err})")
            continue
        if not is_folder:
            yield from _pages_from_file(path, settings)
            continue
        for found in _walk(path):
            if isinstance(found, InputError):
                yield found
            else:
                yield from _pages_from_file(found, settings)


def list_inputs(paths: Sequence[str]) -> list[str] | None:
    """The inputs `iter_pages` will read, folders walked, named as its pages' sources name
    them (a WARC file's pages add "#offset"); None when standard input is among them."""
    if "-" in paths:
        return None
    inputs: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inputs += [f.source if isinstance(f, InputError) else str(f) for f in _walk(path)]
        else:
            inputs.append(str(path) if path.exists() else raw)
    return inputs


def _walk(folder: Path) -> list[Path | InputError]:
    """Files under `folder`, recursively and sorted, leaving out hidden files and folders.

    A folder that cannot be listed, a dangling link or a special file (a pipe, a device)
    becomes an `InputError` in its place, so nothing under the folder is passed over silently.
    """
    found: list[tuple[str, Path | InputError]] = []

    def unlistable(err: OSError) -> None:
        where = err.filename or str(folder)
        reason = f"a folder that cannot be read ({err.strerror or err}); nothing in it was read"
        found.append((str(where), InputError(str(where), reason)))

    for top, folders, files in os.walk(folder, onerror=unlistable):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in files:
            if name.startswith("."):
                continue
            file = Path(top, name)
            found.append((str(file), _regular_or_error(file)))
        for name in folders:  # links to folders are not followed, but are not silent either
            link = Path(top, name)
            if link.is_symlink():
                found.append((str(link), InputError(str(link), _LINKED_FOLDER)))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


_LINKED_FOLDER = "a link to a folder; not followed (name the folder itself to read it)"


def _regular_or_error(file: Path) -> Path | InputError:
    """The file itself when it is a regular file (or a link to one), else why it is not read."""
    try:
        mode = file.stat().st_mode
    except FileNotFoundError:
        return InputError(str(file), "a link to a file that does not exist")
    except OSError as err:
        return InputError(str(file), f"cannot be read ({err.strerror or err})")
    if stat.S_ISREG(mode):
        return file
    return InputError(str(file), "not a regular file (a pipe, socket or device); not read")


def _pages_from_file(path: Path, settings: Settings) -> Iterator[Page | InputError]:
    """Check the kind and size on disk first, then read at most `max_bytes` and unpack."""
    source = str(path)
    try:
        info = path.stat()
    except OSError as err:
        yield InputError(source, f"cannot be read ({err.strerror or err})")
        return
    if not stat.S_ISREG(info.st_mode):
        yield InputError(source, "not a regular file (a pipe, socket or device); not read")
        return
    if info.st_size > settings.max_bytes:
        yield TooLarge(source, _too_large(info.st_size, settings))
        return
    try:
        with path.open("rb") as stream:
            data = stream.read(settings.max_bytes + 1)
    except OSError as err:
        yield InputError(source, f"cannot be read ({err.strerror or err})")
        return
    yield from _pages_from_data(source, data, settings)


def _pages_from_stream(
    source: str, stream: BinaryIO, settings: Settings
) -> Iterator[Page | InputError]:
    """Read a stream with a cap and turn its bytes into pages."""
    try:
        data = stream.read(settings.max_bytes + 1)
    except OSError as err:
        yield InputError(source, f"cannot be read ({err.strerror or err})")
        return
    yield from _pages_from_data(source, data, settings)


def _pages_from_data(source: str, data: bytes, settings: Settings) -> Iterator[Page | InputError]:
    if len(data) > settings.max_bytes:
        yield TooLarge(source, _too_large(None, settings))
        return
    yield from pages_from_bytes(source, data, settings)


def pages_from_bytes(source: str, data: bytes, settings: Settings) -> Iterator[Page | InputError]:
    """Detect what `data` holds (gzip, WARC, HTML, text, binary) and yield its pages."""
    depth = 0
    while data.startswith(GZIP_MAGIC):
        if depth == 3:
            yield UnsupportedInput(source, "gzip inside gzip inside gzip; not a news page")
            return
        try:
            items = list(gunzip_members(source, data, settings.max_bytes))
        except InputError as err:
            yield err
            return
        members = [item for item in items if isinstance(item, Member)]
        if members and members[0].data.startswith(b"WARC/"):
            yield from pages_from_warc_gz(source, items, settings)
            return
        problems = [item for item in items if isinstance(item, Unreadable)]
        if problems:  # a page with a hole in it is not evidence; say where the damage is
            first = problems[0]
            error = TruncatedInput if first.cut_off else InputError
            yield error(source, f"at byte {first.offset}, {first.reason}")
            return
        data = b"".join(member.data for member in members)
        depth += 1
    if not data.strip():
        yield EmptyInput(source, "the file is empty")
        return
    if data.startswith(b"WARC/"):
        yield from pages_from_warc(source, data, settings)
        return
    try:
        kind = detect_kind(data)
    except UnsupportedInput as err:
        yield UnsupportedInput(source, err.reason)
        return
    yield Page(source=source, data=data, kind=kind)


def _too_large(size: int | None, settings: Settings) -> str:
    """The TooLarge reason, in sizes a person reads."""
    what = f"{_mb(size)}, " if size is not None else ""
    return f"too large ({what}the limit is {_mb(settings.max_bytes)}); not read"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


__all__ = ["detect_kind", "iter_pages", "list_inputs", "pages_from_bytes"]
