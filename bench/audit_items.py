"""What an audit lists from a Dossier database: one lister per output kind, shared by
bench/audit.py (every kind) and bench/audit_claims.py (the claim side), so both draw the
same items with the same fields.

An item holds only references — the document, a hash of its text, character offsets of the
span and of its sentence — and Dossier's output (names, types, rule and confidence), never
the publisher's text.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

from dossier.resolve.corroboration import corroborate, format_value

Item = dict[str, Any]


class Store:
    """The audit's database with what items need: sentence offsets and document refs."""

    def __init__(self, conn: sqlite3.Connection, hashes: dict[str, str]) -> None:
        self.conn = conn
        self.conn.row_factory = sqlite3.Row
        self.ref = {r["id"]: r["source"] for r in conn.execute("SELECT id, source FROM documents")}
        self.hashes = hashes

    def sentence(self, doc_id: str, start: int) -> tuple[int, int]:
        row = self.conn.execute(
            'SELECT start, "end" FROM sentences WHERE document_id = ? AND start <= ?'
            " ORDER BY start DESC LIMIT 1",
            (doc_id, start),
        ).fetchone()
        return (row[0], row[1]) if row else (start, start)

    def place(self, doc_id: str, start: int, end: int) -> Item:
        """Where an item is: document reference, text hash, span and sentence offsets."""
        s_start, s_end = self.sentence(doc_id, start)
        ref = self.ref[doc_id]
        return {
            "doc": ref,
            "text_sha": self.hashes[ref],
            "start": start,
            "end": end,
            "sentence": [s_start, max(s_end, end)],
        }

    def name_of(self, doc_entity_id: int | None) -> str | None:
        if doc_entity_id is None:
            return None
        row = self.conn.execute(
            "SELECT name, type FROM doc_entities WHERE id = ?", (doc_entity_id,)
        ).fetchone()
        return f"{row['name']} ({row['type']})" if row else None

    def first_mention(self, doc_entity_id: int) -> sqlite3.Row:
        """The mention to show for an entity: the first that spells its name, else the first."""
        rows = self.conn.execute(
            'SELECT m.start, m."end", m.text, m.form, d.name FROM mentions m'
            " JOIN doc_entities d ON d.id = m.doc_entity_id WHERE m.doc_entity_id = ?"
            " ORDER BY m.start",
            (doc_entity_id,),
        ).fetchall()
        return next((r for r in rows if r["text"] == r["name"]), rows[0])


def entity_items(store: Store) -> list[Item]:
    """Every document entity but `Other`: its name, type and the mention that spells it."""
    items = []
    for row in store.conn.execute(
        "SELECT d.id, d.document_id, d.name, d.type FROM doc_entities d"
        " WHERE d.type != 'Other' AND EXISTS (SELECT 1 FROM mentions m"
        " WHERE m.doc_entity_id = d.id) ORDER BY d.id"
    ):
        mention = store.first_mention(row["id"])
        items.append(
            {
                **store.place(row["document_id"], mention["start"], mention["end"]),
                "name": row["name"],
                "type": row["type"],
                "mention": mention["text"],
            }
        )
    return items


def join_items(store: Store) -> list[Item]:
    """Every document entity stored as an entity another document already named: it and
    the first document entity of that entity."""
    items = []
    rows = store.conn.execute(
        "SELECT d.id, d.document_id, d.name, d.type, d.entity_id, d.resolution,"
        " (SELECT o.id FROM doc_entities o WHERE o.entity_id = d.entity_id"
        "  AND o.document_id != d.document_id AND o.id < d.id ORDER BY o.id LIMIT 1) AS other"
        " FROM doc_entities d ORDER BY d.id"
    ).fetchall()
    for row in rows:
        if row["other"] is None:
            continue
        other = store.conn.execute(
            "SELECT id, document_id, name, type FROM doc_entities WHERE id = ?", (row["other"],)
        ).fetchone()
        here, there = store.first_mention(row["id"]), store.first_mention(other["id"])
        items.append(
            {
                **store.place(row["document_id"], here["start"], here["end"]),
                "name": row["name"],
                "type": row["type"],
                "resolution": row["resolution"],
                "other": {
                    **store.place(other["document_id"], there["start"], there["end"]),
                    "name": other["name"],
                    "type": other["type"],
                },
            }
        )
    return items


def role_items(store: Store) -> list[Item]:
    items = []
    for row in store.conn.execute("SELECT * FROM roles ORDER BY id"):
        items.append(
            {
                **store.place(row["document_id"], row["start"], row["end"]),
                "holder": store.name_of(row["doc_entity_id"]),
                "title": row["title"],
                "of": store.name_of(row["of_doc_entity_id"]),
                "date": row["date"],
                "current": row["current"],
            }
        )
    return items


def _basis(row: sqlite3.Row) -> Item:
    """Which rule made an item and how sure it is (absent in databases older than both)."""
    keys = row.keys()
    return {
        "rule": row["rule"] if "rule" in keys else None,
        "confidence": row["confidence"] if "confidence" in keys else None,
    }


def _quote(store: Store, row: sqlite3.Row) -> Item:
    return {
        **store.place(row["document_id"], row["start"], row["end"]),
        "speaker": store.name_of(row["speaker_doc_entity_id"]),
        "speaker_reason": row["speaker_reason"],
        "quote_kind": row["kind"],
        "cue": row["cue"],
        **_basis(row),
    }


def quote_items(store: Store) -> dict[str, list[Item]]:
    """`quotes` (a quote and its named speaker) and `quotes-unnamed` (a quote stored without
    a speaker: right when the text names none either)."""
    named: list[Item] = []
    unnamed: list[Item] = []
    for row in store.conn.execute("SELECT * FROM quotes ORDER BY id"):
        (named if row["speaker_doc_entity_id"] is not None else unnamed).append(_quote(store, row))
    return {"quotes": named, "quotes-unnamed": unnamed}


def via_items(store: Store) -> list[Item]:
    """Every quote or claim reported through someone: its chain and its parallel sources."""
    items = []
    for table, start, end, who in (
        ("quotes", "start", '"end"', "speaker_doc_entity_id"),
        ("claims", "evidence_start", "evidence_end", "subject_doc_entity_id"),
    ):
        has_sources = any(
            r[1] == "sources" for r in store.conn.execute(f"PRAGMA table_info({table})")
        )
        also = ", sources" if has_sources else ", '[]' AS sources"
        for row in store.conn.execute(
            f"SELECT id, document_id, {start} AS s, {end} AS e, {who} AS who, via{also}"
            f" FROM {table} WHERE via != '[]' OR {'sources' if has_sources else 'via'} != '[]'"
            " ORDER BY id"
        ):
            items.append(
                {
                    **store.place(row["document_id"], row["s"], row["e"]),
                    "of": table,
                    "who": store.name_of(row["who"]),
                    "via": [store.name_of(v) for v in json.loads(row["via"])],
                    "sources": [store.name_of(v) for v in json.loads(row["sources"])],
                }
            )
    return items


def _claim(store: Store, row: sqlite3.Row) -> Item:
    attributes = json.loads(row["attributes"] or "{}")
    value = row["value_text"] if row["value_text"] is not None else row["value_number"]
    if row["value_number"] is not None:
        value = format_value(row["value_number"], row["unit"])
    return {
        **store.place(row["document_id"], row["evidence_start"], row["evidence_end"]),
        "claim_kind": row["kind"],
        "subject": store.name_of(row["subject_doc_entity_id"]),
        "object": store.name_of(row["object_doc_entity_id"]),
        "value": value,
        "date": row["date"],
        "status": row["status"],
        "holder": row["holder"],
        "trigger": attributes.get("trigger"),
        "relation": attributes.get("relation"),
        **_basis(row),
    }


def claim_items(store: Store) -> dict[str, list[Item]]:
    """One kind per claim kind, opinions apart."""
    kinds: dict[str, list[Item]] = {}
    for row in store.conn.execute("SELECT * FROM claims WHERE status != 'opinion' ORDER BY id"):
        kinds.setdefault(f"claims-{row['kind']}", []).append(_claim(store, row))
    return kinds


def opinion_items(store: Store) -> list[Item]:
    rows = store.conn.execute("SELECT * FROM claims WHERE status = 'opinion' ORDER BY id")
    return [_claim(store, row) for row in rows]


def loaded_items(store: Store) -> list[Item]:
    """Every stored loaded-language span with its holder and the entity it is about; in a
    database without them, the loaded phrase of each opinion, located in its sentence."""
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
    items = []
    if "loaded_spans" in tables:
        for row in store.conn.execute("SELECT * FROM loaded_spans ORDER BY id"):
            items.append(
                {
                    **store.place(row["document_id"], row["start"], row["end"]),
                    "phrase": row["text"],
                    "about": store.name_of(row["about_doc_entity_id"]),
                    "holder": row["holder"],
                }
            )
        return items
    for row in store.conn.execute("SELECT * FROM claims WHERE status = 'opinion' ORDER BY id"):
        phrase = str(row["value_text"] or "")
        at = row["evidence_text"].lower().find(phrase.lower()) if phrase else -1
        if at < 0:
            continue
        start = row["evidence_start"] + at
        items.append({**store.place(row["document_id"], start, start + len(phrase))})
    return items


def contradiction_items(store: Store) -> list[Item]:
    _, found = corroborate(store.conn)
    items = []
    for c in found:
        left, right = (
            store.conn.execute("SELECT * FROM claims WHERE id = ?", (i,)).fetchone()
            for i in (c.left, c.right)
        )
        items.append({**_claim(store, left), "reason": c.reason, "other": _claim(store, right)})
    return items


#: Kind name → how to list every item of it (a function may return several kinds at once).
KINDS: dict[str, Callable[[Store], list[Item] | dict[str, list[Item]]]] = {
    "entities": entity_items,
    "joins": join_items,
    "roles": role_items,
    "quotes": quote_items,
    "via": via_items,
    "claims": claim_items,
    "opinions": opinion_items,
    "loaded": loaded_items,
    "contradictions": contradiction_items,
}
