"""`--format json`: the export contract as one JSON object."""

from __future__ import annotations

import json
from typing import TextIO

from ..store import Database
from .contract import build_export


def write_json(db: Database, out: TextIO) -> None:
    json.dump(build_export(db), out, ensure_ascii=False, indent=1)
    out.write("\n")
