"""The export contract (`schema_version: 1`), built from the store as plain dicts.

Every exporter and the web UI can start from this one reading of the database. Entity ids are
the cross-document entity ids; offsets are character offsets into the document's `text`.
The JSON Schema for it is `dossier-export.schema.json` beside this module.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..store import Database

SCHEMA_VERSION = 1


def _load(value: str | None, default: Any) -> Any:
    return json.loads(value) if value else default


def _doc_entity_map(conn: sqlite3.Connection) -> dict[int, int]:
    """doc_entities.id → entities.id."""
    return {int(r[0]): int(r[1]) for r in conn.execute("SELECT id, entity_id FROM doc_entities")}


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
    return row.fetchone() is not None


def build_loaded_spans(
    conn: sqlite3.Connection, to_entity: dict[int, int]
) -> dict[str, list[dict[str, Any]]]:
    """document id → its loaded words and phrases, in text order."""
    spans: dict[str, list[dict[str, Any]]] = {}
    if not _has_table(conn, "loaded_spans"):
        return spans
    for r in conn.execute('SELECT * FROM loaded_spans ORDER BY document_id, start, "end"'):
        spans.setdefault(r["document_id"], []).append(
            {
                "start": r["start"],
                "end": r["end"],
                "text": r["text"],
                "about": to_entity.get(r["about_doc_entity_id"]),
                "holder": r["holder"],
                "holder_entity": to_entity.get(r["holder_doc_entity_id"]),
            }
        )
    return spans


def confident(row: sqlite3.Row, min_confidence: float | None) -> bool:
    """True when a claim or quote row is at least as sure as asked (rows without a recorded
    basis, stored before rules carried one, always pass)."""
    if min_confidence is None:
        return True
    value = row["confidence"]
    return value is None or float(value) >= min_confidence


def build_documents(
    conn: sqlite3.Connection, to_entity: dict[int, int] | None = None
) -> list[dict[str, Any]]:
    loaded = build_loaded_spans(conn, to_entity or _doc_entity_map(conn))
    return [
        {
            "id": r["id"],
            "source": r["source"],
            "url": r["url"],
            "title": r["title"],
            "site": r["site"],
            "authors": _load(r["authors"], []),
            "published": r["published"],
            "published_from": r["published_from"],
            "published_not_after": r["published_not_after"],
            "language": r["language"],
            "loaded_score": r["loaded_score"],
            "warnings": _load(r["warnings"], []),
            "text": r["text"],
            "sha256": r["sha256"],
            "loaded_spans": loaded.get(r["id"], []),
        }
        for r in conn.execute("SELECT * FROM documents ORDER BY added_at, id")
    ]


def build_entities(conn: sqlite3.Connection, to_entity: dict[int, int]) -> list[dict[str, Any]]:
    entities: dict[int, dict[str, Any]] = {}
    for r in conn.execute("SELECT id, type, name FROM entities ORDER BY id"):
        entities[int(r["id"])] = {
            "id": int(r["id"]),
            "type": r["type"],
            "name": r["name"],
            "aliases": [],
            "mentions": [],
            "roles": [],
        }
    for r in conn.execute("SELECT entity_id, name, aliases FROM doc_entities ORDER BY id"):
        entity = entities[int(r["entity_id"])]
        for alias in [r["name"], *_load(r["aliases"], [])]:
            if alias != entity["name"] and alias not in entity["aliases"]:
                entity["aliases"].append(alias)
    for r in conn.execute(
        'SELECT d.entity_id, m.document_id, m.start, m."end", m.text, m.form FROM mentions m'
        " JOIN doc_entities d ON d.id = m.doc_entity_id ORDER BY m.document_id, m.start"
    ):
        entity = entities[int(r["entity_id"])]
        entity["mentions"].append(
            {"document": r["document_id"], "start": r["start"], "end": r["end"]}
        )
        if (
            r["form"] != "pronoun"
            and r["text"] != entity["name"]
            and r["text"] not in entity["aliases"]
        ):
            entity["aliases"].append(r["text"])
    for r in conn.execute(
        "SELECT d.entity_id, r.* FROM roles r JOIN doc_entities d ON d.id = r.doc_entity_id"
        " ORDER BY r.id"
    ):
        entities[int(r["entity_id"])]["roles"].append(
            {
                "title": r["title"],
                "of": to_entity.get(r["of_doc_entity_id"]) if r["of_doc_entity_id"] else None,
                "date": r["date"],
                "date_basis": r["date_basis"],
                "current": None if r["current"] is None else bool(r["current"]),
                "party": r["party"],
                "region": r["region"],
                "document": r["document_id"],
                "start": r["start"],
                "end": r["end"],
            }
        )
    return [e for e in entities.values() if e["mentions"]]


def build_quotes(
    conn: sqlite3.Connection, to_entity: dict[int, int], min_confidence: float | None = None
) -> list[dict[str, Any]]:
    return [
        {
            "id": int(r["id"]),
            "speaker": to_entity.get(r["speaker_doc_entity_id"]),
            "speaker_reason": r["speaker_reason"],
            "text": r["text"],
            "kind": r["kind"],
            "cue": r["cue"],
            "document": r["document_id"],
            "start": r["start"],
            "end": r["end"],
            "via": [to_entity[v] for v in _load(r["via"], []) if v in to_entity],
            "sources": [to_entity[v] for v in _load(_get(r, "sources"), []) if v in to_entity],
            "rule": _get(r, "rule"),
            "confidence": _get(r, "confidence"),
        }
        for r in conn.execute("SELECT * FROM quotes ORDER BY id")
        if confident(r, min_confidence)
    ]


def _get(row: sqlite3.Row, column: str) -> Any:
    return row[column]


def build_claims(
    conn: sqlite3.Connection, to_entity: dict[int, int], min_confidence: float | None = None
) -> list[dict[str, Any]]:
    claims = []
    for r in conn.execute("SELECT * FROM claims ORDER BY id"):
        if not confident(r, min_confidence):
            continue
        value = r["value_number"] if r["value_number"] is not None else r["value_text"]
        via = [to_entity[v] for v in _load(r["via"], []) if v in to_entity]
        attributes = _load(r["attributes"], {})
        if "speaker" in attributes:  # stored as the document's entity row, exported as the entity
            attributes["speaker"] = to_entity.get(attributes["speaker"])
        claims.append(
            {
                "id": int(r["id"]),
                "kind": r["kind"],
                "subject": to_entity.get(r["subject_doc_entity_id"]),
                "object": to_entity.get(r["object_doc_entity_id"]),
                "value": value,
                "unit": r["unit"],
                "date": r["date"],
                "place": to_entity.get(r["place_doc_entity_id"]),
                "status": r["status"],
                "plover": r["plover"],
                "holder": r["holder"],
                "attributes": attributes,
                "rule": _get(r, "rule"),
                "confidence": _get(r, "confidence"),
                "evidence": {
                    "document": r["document_id"],
                    "start": r["evidence_start"],
                    "end": r["evidence_end"],
                    "text": r["evidence_text"],
                    "via": via,
                    "sources": [
                        to_entity[v] for v in _load(_get(r, "sources"), []) if v in to_entity
                    ],
                },
            }
        )
    return claims


def build_export(db: Database, min_confidence: float | None = None) -> dict[str, Any]:
    """The whole database as the `schema_version: 1` export object.

    With `min_confidence`, claims and quotes whose rule is less sure than that are left out.
    """
    conn = db.conn
    to_entity = _doc_entity_map(conn)
    return {
        "schema_version": SCHEMA_VERSION,
        "documents": build_documents(conn, to_entity),
        "entities": build_entities(conn, to_entity),
        "quotes": build_quotes(conn, to_entity, min_confidence),
        "claims": build_claims(conn, to_entity, min_confidence),
    }
