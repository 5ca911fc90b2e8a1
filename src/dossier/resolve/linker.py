"""Deciding which database entity a document's entity is.

Baseline: the same type and the same name, ignoring case and accents. The cross-document
issue replaces this with evidence-weighed resolution; the signature stays.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from datetime import UTC, datetime

from ..records import Entity


def name_key(name: str) -> str:
    """Lower-case, accent-free, single-spaced form of a name, for comparing names."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().replace("’", "'").split())


def link_entity(conn: sqlite3.Connection, entity: Entity, document_id: str) -> tuple[int, str]:
    """Return (entity id, reason) for a document entity, creating the entity if it is new."""
    key = name_key(entity.name)
    row = conn.execute(
        "SELECT id FROM entities WHERE type = ? AND name_key = ? ORDER BY id LIMIT 1",
        (entity.type, key),
    ).fetchone()
    if row is not None:
        return int(row[0]), f"same {entity.type.lower()} name {entity.name!r}"
    cursor = conn.execute(
        "INSERT INTO entities (type, name, name_key, created_at) VALUES (?, ?, ?, ?)",
        (entity.type, entity.name, key, datetime.now(UTC).isoformat(timespec="seconds")),
    )
    return int(cursor.lastrowid or 0), "first seen in this document"
