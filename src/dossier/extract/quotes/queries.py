"""Quotes from the store — what `dossier quotes [--by NAME] [--about NAME]` prints.

Quotes point at `doc_entities` rows (speaker, and each link of `via`), which point at
`entities`. `--by` keeps the statements whose speaker resolves to the entity; `--about`
keeps those whose words name it (a mention of the entity inside the quote's span). Reads
SQLite only (no spaCy).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from ...resolve.judgements import EntityRef, find_entity

__all__ = ["QuoteLine", "QuoteResult", "find_quotes"]


@dataclass
class QuoteLine:
    """One statement with who made it, how it was reported and where it stands."""

    id: int
    speaker: str | None
    speaker_reason: str | None
    text: str
    kind: str
    cue: str | None
    #: Names of the speaker and the outlets or people it came through, nearest first.
    via: list[str]
    document: str
    start: int
    end: int
    title: str | None
    site: str | None


@dataclass
class QuoteResult:
    by: EntityRef | None
    about: EntityRef | None
    lines: list[QuoteLine] = field(default_factory=list)


_QUERY = """
SELECT q.id, e.name, q.speaker_reason, q.text, q.kind, q.cue, q.via, q.document_id,
       q.start, q."end", d.title, d.site
FROM quotes q
JOIN documents d ON d.id = q.document_id
LEFT JOIN doc_entities de ON de.id = q.speaker_doc_entity_id
LEFT JOIN entities e ON e.id = de.entity_id
WHERE (:by IS NULL OR de.entity_id = :by)
  AND (:about IS NULL OR EXISTS (
        SELECT 1 FROM mentions m JOIN doc_entities me ON me.id = m.doc_entity_id
        WHERE me.entity_id = :about AND m.document_id = q.document_id
          AND m.start >= q.start AND m."end" <= q."end"))
ORDER BY d.published IS NULL, d.published, q.document_id, q.start
"""


def _names(conn: sqlite3.Connection, doc_entity_ids: list[int]) -> list[str]:
    """Entity names for doc_entities ids, in the given order."""
    names: list[str] = []
    for doc_entity_id in doc_entity_ids:
        row = conn.execute(
            "SELECT e.name FROM doc_entities de JOIN entities e ON e.id = de.entity_id"
            " WHERE de.id = ?",
            (doc_entity_id,),
        ).fetchone()
        if row is not None:
            names.append(str(row[0]))
    return names


def find_quotes(
    conn: sqlite3.Connection, by: str | None = None, about: str | None = None
) -> QuoteResult:
    """Every stored quote, or those said by `by` and/or naming `about` (ids or names).

    Raises `NotFound` when a name matches no entity.
    """
    by_ref = find_entity(conn, by) if by else None
    about_ref = find_entity(conn, about) if about else None
    result = QuoteResult(by_ref, about_ref)
    params = {"by": by_ref.id if by_ref else None, "about": about_ref.id if about_ref else None}
    for row in conn.execute(_QUERY, params):
        result.lines.append(
            QuoteLine(
                id=int(row[0]),
                speaker=row[1],
                speaker_reason=row[2],
                text=str(row[3]),
                kind=str(row[4]),
                cue=row[5],
                via=_names(conn, [int(i) for i in json.loads(row[6] or "[]")]),
                document=str(row[7]),
                start=int(row[8]),
                end=int(row[9]),
                title=row[10],
                site=row[11],
            )
        )
    return result
