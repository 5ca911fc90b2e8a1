"""Exporters, by format name. Each writes the whole database to a file or stream."""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from ..store import Database
from .csv import write_csv_files, write_csv_stream
from .datasette import write_datasette_metadata
from .json_export import write_json


def _on_first_use(module: str, name: str) -> Callable[[Database, TextIO], None]:
    """An exporter whose module is imported when it first runs: FollowTheMoney and networkx
    take most of a second to load, and `add` (with every worker it starts) never needs them."""

    def write(db: Database, out: TextIO) -> None:
        getattr(importlib.import_module(f"{__name__}.{module}"), name)(db, out)

    write.__name__ = name
    return write


#: Stream exporters: format name → function(db, text stream).
EXPORTERS: dict[str, Callable[[Database, TextIO], None]] = {
    "json": write_json,
    "ftm": _on_first_use("ftm", "write_ftm"),
    "graphml": _on_first_use("graph", "write_graphml"),
    "gexf": _on_first_use("graph", "write_gexf"),
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
