"""`--format datasette`: the metadata that makes Datasette label Dossier's tables and columns.

`datasette-metadata.json` beside this module describes every table and column, names the
column that labels a row when another table points at it, suggests facets, and ties
`search_items` to its full-text index `search_fts` (so its page has a search box). Datasette
looks metadata up by database name, the file's stem, so the exporter files the tables under
the name of the database being exported:

    dossier export --db chile.db --format datasette -o metadata.json
    datasette chile.db --metadata metadata.json
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from ..store import Database


def metadata_path() -> Path:
    """Where the packaged metadata (tables and columns, for any database name) is."""
    return Path(str(resources.files("dossier.export") / "datasette-metadata.json"))


def datasette_metadata(database_name: str) -> dict[str, Any]:
    """Datasette metadata with the packaged table descriptions filed under `database_name`."""
    packaged = json.loads(metadata_path().read_text(encoding="utf-8"))
    tables = packaged.pop("tables")
    return {**packaged, "databases": {database_name: {"tables": tables}}}


def database_name(db: Database) -> str:
    """The name Datasette gives the database: its file name without the extension."""
    return "_memory" if db.path == ":memory:" else Path(db.path).stem


def write_datasette_metadata(db: Database, out: TextIO) -> None:
    """Write metadata.json for serving this database with Datasette."""
    json.dump(datasette_metadata(database_name(db)), out, ensure_ascii=False, indent=2)
    out.write("\n")
