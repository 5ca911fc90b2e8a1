"""Exporters, by format name. Each writes the whole database to a file or stream."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from ..store import Database
from .json_export import write_json

#: Stream exporters: format name → function(db, text stream).
EXPORTERS: dict[str, Callable[[Database, TextIO], None]] = {
    "json": write_json,
}


def export_to(db: Database, fmt: str, out: str | Path | TextIO | None) -> None:
    """Run exporter `fmt`, writing to a path (atomically, via a temporary file) or a stream."""
    writer = EXPORTERS[fmt]
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
