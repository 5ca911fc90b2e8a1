"""Exporters, by format name. Each writes the whole database to a file or stream."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from ..store import Database
from .csv import write_csv_files, write_csv_stream
from .datasette import write_datasette_metadata
from .graph import write_gexf, write_graphml
from .json_export import write_json


def write_ftm(db: Database, out: TextIO) -> None:
    """FollowTheMoney entities; imported on first use, since the library takes most of a
    second to load and `add` (and every worker it starts) never needs it."""
    from .ftm import write_ftm as write

    write(db, out)


#: Stream exporters: format name → function(db, text stream).
EXPORTERS: dict[str, Callable[[Database, TextIO], None]] = {
    "json": write_json,
    "ftm": write_ftm,
    "graphml": write_graphml,
    "gexf": write_gexf,
    "csv": write_csv_stream,
    "datasette": write_datasette_metadata,
}

#: Exporters that write several files: format name → function(db, folder or .zip path).
PATH_EXPORTERS: dict[str, Callable[[Database, Path], object]] = {
    "csv": write_csv_files,
}


def export_to(
    db: Database, fmt: str, out: str | Path | TextIO | None, min_confidence: float | None = None
) -> None:
    """Run exporter `fmt`, writing to a path (atomically, via a temporary file) or a stream.

    Every read of one export happens in one read transaction, so an `add` running meanwhile
    never makes it name a document, entity or quote that its other parts lack.
    `min_confidence` (json only) leaves out claims and quotes whose rule is less sure.
    """
    with db.snapshot():
        _export(db, fmt, out, min_confidence)


def _export(
    db: Database, fmt: str, out: str | Path | TextIO | None, min_confidence: float | None
) -> None:
    if fmt in PATH_EXPORTERS and isinstance(out, str | Path) and str(out) != "-":
        PATH_EXPORTERS[fmt](db, Path(out))
        return
    writer = EXPORTERS[fmt]
    if fmt == "json" and min_confidence is not None:
        writer = functools.partial(write_json, min_confidence=min_confidence)
    if out is None or str(out) == "-":
        writer(db, sys.stdout)
        return
    if not isinstance(out, str | Path):
        writer(db, out)
        return
    target = Path(out)
    partial = target.with_name(target.name + ".partial")
    with partial.open("w", encoding="utf-8") as handle:
        writer(db, handle)
    partial.replace(target)
