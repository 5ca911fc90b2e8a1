"""`--format csv`: one CSV file per table of the database, into a folder or a zip file.

The files keep the store's columns as they are (JSON columns stay JSON text), so a
spreadsheet user sees exactly what the SQLite file holds; `README.md` documents each table.
The full-text search tables (`search_items` and its index `search_fts`) are left out: they
only repeat text held elsewhere. Two derived
files join them: `claim_groups.csv` (each fact, its claims and its independent sources) and
`contradictions.csv` (pairs of claims that cannot both hold).
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import TextIO

from ..errors import StoreError
from ..resolve.corroboration import corroborate
from ..store import Database


def table_names(db: Database) -> list[str]:
    """The tables worth exporting: every table but SQLite's own and the search tables."""
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


def derived_csv(db: Database) -> dict[str, str]:
    """The corroboration files, by file name."""
    groups, contradictions = corroborate(db.conn)
    files = {}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "kind",
            "subject_entity_id",
            "object_entity_id",
            "date",
            "value",
            "independent_sources",
            "sources",
            "claim_ids",
            "document_ids",
        ]
    )
    for g in groups:
        writer.writerow(
            [
                g.kind,
                g.subject,
                g.object,
                g.date or "",
                "" if g.value is None else g.value,
                g.independent,
                " | ".join(g.sources),
                " ".join(map(str, g.claims)),
                " ".join(g.documents),
            ]
        )
    files["claim_groups.csv"] = buffer.getvalue()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["left_claim_id", "right_claim_id", "reason"])
    for c in contradictions:
        writer.writerow([c.left, c.right, c.reason])
    files["contradictions.csv"] = buffer.getvalue()
    return files


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
            for name, content in derived_csv(db).items():
                archive.writestr(name, content)
                names.append(name)
        partial.replace(target)
        return names
    if target.exists() and not target.is_dir():
        raise StoreError(f"{target}: exists and is not a folder; give a folder or a .zip name.")
    target.mkdir(parents=True, exist_ok=True)
    for table in table_names(db):
        with (target / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
            table_csv(db, table, handle)
        names.append(f"{table}.csv")
    for name, content in derived_csv(db).items():
        (target / name).write_text(content, encoding="utf-8")
        names.append(name)
    return names


def write_csv_stream(db: Database, out: TextIO) -> None:
    """CSV needs one file per table: refuse a single stream with a clear message."""
    raise StoreError("--format csv writes one file per table: give -o FOLDER or -o FILE.zip.")
