"""Per-entity tables the dossier page reads instead of every row about a busy entity.

Kept as documents are stored (`note_document`, inside the document's transaction) and
recomputed for the entities a merge or split touches (`refresh`); migration 8 fills them for
files made before. Each row copies what a page sorts and filters on, so a page of a list is
read by index, `LIMIT` rows, whatever the number of documents naming the entity:

- `entity_documents`: each document naming the entity, with its date and outlet;
- `entity_claims`: each claim with the entity as subject or object, with its date (the
  claim's, else its document's), kind, status and confidence;
- `entity_claim_counts`: how many of those claims have each kind, status and confidence;
- `entity_quotes`: each quote the entity is the speaker of, with its document's date.

Dates are stored as `coalesce(date, '')`, the key the pages sort newest first by. Triggers
(migration 8) keep the counts in step with entity_claims, and entity_claims and entity_quotes
with a claim's or quote's kind, status, date or confidence when any program rewrites them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

#: The per-entity tables, in the order `refresh` rebuilds them.
TABLES = ("entity_documents", "entity_claims", "entity_claim_counts", "entity_quotes")

_DOCUMENTS = (
    "INSERT OR IGNORE INTO entity_documents (entity_id, document_id, sort_date, site)"
    " SELECT de.entity_id, d.id, coalesce(d.published, ''), d.site FROM doc_entities de"
    " JOIN documents d ON d.id = de.document_id WHERE {where}"
)
_CLAIMS = (
    "INSERT OR IGNORE INTO entity_claims"
    " (entity_id, claim_id, sort_date, kind, status, confidence)"
    " SELECT de.entity_id, c.id, coalesce(c.date, d.published, ''), c.kind, c.status,"
    " c.confidence FROM claims c JOIN documents d ON d.id = c.document_id"
    " JOIN doc_entities de ON de.id = c.{role}_doc_entity_id WHERE {where}"
)
_QUOTES = (
    "INSERT OR IGNORE INTO entity_quotes (entity_id, quote_id, sort_date, confidence)"
    " SELECT de.entity_id, q.id, coalesce(d.published, ''), q.confidence FROM quotes q"
    " JOIN documents d ON d.id = q.document_id"
    " JOIN doc_entities de ON de.id = q.speaker_doc_entity_id WHERE {where}"
)


def note_document(conn: sqlite3.Connection, document_id: str) -> None:
    """Add one newly stored document's rows (its entities already linked); triggers on
    entity_claims keep entity_claim_counts in step."""
    conn.execute(_DOCUMENTS.format(where="de.document_id = ?"), (document_id,))
    for role in ("subject", "object"):
        conn.execute(_CLAIMS.format(role=role, where="c.document_id = ?"), (document_id,))
    conn.execute(_QUOTES.format(where="q.document_id = ?"), (document_id,))


def refresh(conn: sqlite3.Connection, entity_ids: Iterable[int]) -> None:
    """Recompute every per-entity table for these entities from the stored rows (after a
    merge or split moved documents between them)."""
    for entity_id in sorted(set(entity_ids)):
        for table in TABLES:
            conn.execute(f"DELETE FROM {table} WHERE entity_id = ?", (entity_id,))
        mine = "de.entity_id = ?"
        conn.execute(_DOCUMENTS.format(where=mine), (entity_id,))
        for role in ("subject", "object"):
            conn.execute(_CLAIMS.format(role=role, where=mine), (entity_id,))
        conn.execute(_QUOTES.format(where=mine), (entity_id,))


def refresh_all(conn: sqlite3.Connection) -> None:
    """Fill every per-entity table from scratch (migration 8, and tests' reference)."""
    for table in TABLES:
        conn.execute(f"DELETE FROM {table}")
    conn.execute(_DOCUMENTS.format(where="1"))
    for role in ("subject", "object"):
        conn.execute(_CLAIMS.format(role=role, where="1"))
    conn.execute(_QUOTES.format(where="1"))
