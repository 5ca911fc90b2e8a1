"""A person's claims from the store, grouped by kind — what `dossier show NAME` prints.

Claims point at `doc_entities` rows (one per entity per document), which point at
`entities`; a claim belongs to the person when either side resolves to them. Each claim
comes back with the other side's name, its date and status, the evidence sentence and the
document it is from. Reads SQLite only (no spaCy).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from ...records import CLAIM_KINDS
from ...resolve.corroboration import corroborate, format_value
from ...resolve.judgements import EntityRef, find_entity

__all__ = ["ClaimLine", "PersonClaims", "claims_of"]


@dataclass
class ClaimLine:
    """One claim as seen from the person: the other side, when, how sure, and the source."""

    kind: str
    #: "subject" when the person does/holds it, "object" when it is done to them.
    side: str
    other: str | None
    value: str | None
    date: str | None
    status: str
    plover: str | None
    holder: str | None
    attributes: dict[str, object]
    evidence: str
    document: str
    start: int
    end: int
    title: str | None
    site: str | None
    via: list[str] = field(default_factory=list)
    #: Independent sources stating the same fact, as the web pages count them (None: an
    #: opinion, or no resolved subject).
    sources: int | None = None


@dataclass
class PersonClaims:
    entity: EntityRef
    #: Kind → claims, kinds in vocabulary order, each list dated first (oldest first).
    by_kind: dict[str, list[ClaimLine]]

    def count(self) -> int:
        return sum(len(lines) for lines in self.by_kind.values())


_QUERY = """
SELECT c.id, c.kind, c.value_number, c.value_text, c.unit, c.date, c.status, c.plover, c.holder,
       c.confidence,
       c.attributes, c.evidence_text, c.evidence_start, c.evidence_end, c.via,
       c.document_id, d.title, d.site,
       s.entity_id AS subject_entity, se.name AS subject_name,
       o.entity_id AS object_entity, oe.name AS object_name,
       pe.name AS place_name
FROM claims c
JOIN documents d ON d.id = c.document_id
LEFT JOIN doc_entities s ON s.id = c.subject_doc_entity_id
LEFT JOIN entities se ON se.id = s.entity_id
LEFT JOIN doc_entities o ON o.id = c.object_doc_entity_id
LEFT JOIN entities oe ON oe.id = o.entity_id
LEFT JOIN doc_entities p ON p.id = c.place_doc_entity_id
LEFT JOIN entities pe ON pe.id = p.entity_id
WHERE s.entity_id = :id OR o.entity_id = :id
"""


def _value(number: object, text: object, unit: object) -> str | None:
    if number is not None:
        return format_value(float(str(number)), str(unit) if unit else None)
    return str(text) if text is not None else None


def _via_names(conn: sqlite3.Connection, raw: str) -> list[str]:
    """Names of the doc_entities a claim was reported through, nearest first."""
    names: list[str] = []
    for ref in json.loads(raw or "[]"):
        row = conn.execute(
            "SELECT e.name FROM doc_entities de JOIN entities e ON e.id = de.entity_id"
            " WHERE de.id = ?",
            (ref,),
        ).fetchone()
        if row is not None:
            names.append(str(row[0]))
    return names


def claims_of(
    conn: sqlite3.Connection, name: str, min_confidence: float | None = None
) -> PersonClaims:
    """Every claim about the entity `name` (id or name), grouped by kind.

    With `min_confidence`, claims whose rule is less sure than that are left out (claims
    stored before rules carried a confidence are kept). Raises `NotFound` when no entity has
    that name or id.
    """
    entity = find_entity(conn, name)
    groups, _ = corroborate(conn, entities={entity.id})
    independent = {claim: g.independent for g in groups for claim in g.claims}
    conn.row_factory = sqlite3.Row
    by_kind: dict[str, list[ClaimLine]] = {}
    for row in conn.execute(_QUERY, {"id": entity.id}):
        sure = row["confidence"]
        if min_confidence is not None and sure is not None and sure < min_confidence:
            continue
        side = "subject" if row["subject_entity"] == entity.id else "object"
        other = row["object_name"] if side == "subject" else row["subject_name"]
        attributes = json.loads(row["attributes"] or "{}")
        line = ClaimLine(
            kind=row["kind"],
            side=side,
            other=other if other is not None else row["place_name"],
            value=_value(row["value_number"], row["value_text"], row["unit"]),
            date=row["date"],
            status=row["status"],
            plover=row["plover"],
            holder=row["holder"],
            attributes=attributes,
            evidence=row["evidence_text"],
            document=row["document_id"],
            start=int(row["evidence_start"]),
            end=int(row["evidence_end"]),
            title=row["title"],
            site=row["site"],
            via=_via_names(conn, row["via"]),
            sources=independent.get(row["id"]),
        )
        by_kind.setdefault(line.kind, []).append(line)
    order = {kind: i for i, kind in enumerate(CLAIM_KINDS)}
    grouped = {
        kind: sorted(lines, key=lambda c: (c.date is None, c.date or "", c.document, c.start))
        for kind, lines in sorted(by_kind.items(), key=lambda kv: order.get(kv[0], len(order)))
    }
    return PersonClaims(entity, grouped)


def describe(line: ClaimLine) -> str:
    """One line saying what the claim states about the person ("met with X", "brother: X")."""
    relation = line.attributes.get("relation")
    other = line.other or line.value or "—"
    if line.kind == "opinion":
        return f"called “{line.value}” by {line.holder or 'the outlet'}"
    if line.kind == "election_result":
        opponent = f" over {line.other}" if line.other else ""
        share = f" with {line.value}" if line.value else ""
        round_ = f" ({line.attributes['round']})" if line.attributes.get("round") else ""
        won = "won" if line.side == "subject" else "lost"
        return f"{won}{round_}{share}{opponent}"
    if relation and line.kind in {"family", "associate"}:
        return f"{relation}: {other}" if line.side == "subject" else f"is {relation} of {other}"
    arrow = "→" if line.side == "subject" else "←"
    extra = f" ({line.value})" if line.value and line.other else ""
    return f"{arrow} {other}{extra}"
