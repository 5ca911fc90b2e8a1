"""`--format json`: the export contract as one JSON object."""

from __future__ import annotations

import json
from typing import TextIO

from ..store import Database
from .contract import build_export


def write_json(db: Database, out: TextIO, min_confidence: float | None = None) -> None:
    """The export contract; with `min_confidence`, unsure claims and quotes are left out."""
    json.dump(build_export(db, min_confidence), out, ensure_ascii=False, indent=1)
    out.write("\n")
