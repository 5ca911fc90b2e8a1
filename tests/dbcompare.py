"""Reading a whole Dossier database as plain rows, to compare two databases.

Timestamps (columns ending in `_at`) are left out, as are the full-text index's own shadow
tables (its rows are compared through the `search` table itself).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def database_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, sorted, without timestamp columns."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            str(r[0])
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_%'"
                " AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        rows: dict[str, list[tuple[object, ...]]] = {}
        for table in tables:
            columns = [
                str(r[1])
                for r in conn.execute(f"PRAGMA table_info({table})")
                if not str(r[1]).endswith("_at")
            ]
            listed = ", ".join(f'"{c}"' for c in columns)
            found = conn.execute(f"SELECT {listed} FROM {table}").fetchall()
            rows[table] = sorted(found, key=repr)
        return rows
    finally:
        conn.close()


def differences(left: Path, right: Path) -> list[str]:
    """One line per table whose rows differ (empty when the databases hold the same)."""
    a, b = database_rows(left), database_rows(right)
    lines = []
    for table in sorted(set(a) | set(b)):
        rows_a, rows_b = a.get(table, []), b.get(table, [])
        if rows_a != rows_b:
            only_a = [r for r in rows_a if r not in rows_b][:2]
            only_b = [r for r in rows_b if r not in rows_a][:2]
            lines.append(f"{table}: {len(rows_a)} vs {len(rows_b)} rows; {only_a} / {only_b}")
    return lines
