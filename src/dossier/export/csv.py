"""`--format csv`: one CSV file per table of the database, into a folder or a zip file.

The files keep the store's columns as they are (JSON columns stay JSON text), so a
spreadsheet user sees exactly what the SQLite file holds; `README.md` documents each table.
The full-text search index is left out: it only repeats text held elsewhere.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import TextIO

from ..errors import StoreError
from ..store import Database


def table_names(db: Database) -> list[str]:
    """The tables worth exporting: every table but SQLite's own and the search index."""
    return [
        str(r[0])
        for r in db.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE 'search%' ORDER BY name"
        )
    ]


def table_csv(db: Database, table: str, out: TextIO) -> int:
    """Write one table as CSV with a header row; returns the number of rows."""
    cursor = db.conn.execute(f'SELECT * FROM "{table}"')
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([d[0] for d in cursor.description])
    count = 0
    for row in cursor:
        writer.writerow(["" if v is None else v for v in row])
        count += 1
    return count


def write_csv_files(db: Database, target: Path) -> list[str]:
    """Write every table to `target` (a folder, or a `.zip` file); returns the file names."""
    names = []
    if target.suffix.casefold() == ".zip":
        partial = target.with_name(target.name + ".partial")
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for table in table_names(db):
                buffer = io.StringIO()
                table_csv(db, table, buffer)
                archive.writestr(f"{table}.csv", buffer.getvalue())
                names.append(f"{table}.csv")
        partial.replace(target)
        return names
    if target.exists() and not target.is_dir():
        raise StoreError(f"{target}: exists and is not a folder; give a folder or a .zip name.")
    target.mkdir(parents=True, exist_ok=True)
    for table in table_names(db):
        with (target / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
            table_csv(db, table, handle)
        names.append(f"{table}.csv")
    return names


def write_csv_stream(db: Database, out: TextIO) -> None:
    """CSV needs one file per table: refuse a single stream with a clear message."""
    raise StoreError("--format csv writes one file per table: give -o FOLDER or -o FILE.zip.")
