"""A person's offices in date order, each with the sentences that state it.

Roles come from `roles` (titles the articles give the person, dated by the sentence or by
the article) and from `position` claims. The same office stated by several documents is one
entry with all its evidence; its date span runs from the earliest to the latest date seen.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from .judgements import EntityRef, find_entity
from .names import name_key


@dataclass
class Evidence:
    """One sentence stating the office."""

    document: str
    start: int
    end: int
    text: str
    date: str | None
    #: Where the date came from: "text", "document" or None when unknown.
    basis: str | None
    current: bool | None


@dataclass
class TimelineEntry:
    title: str
    of: str | None
    first: str | None
    last: str | None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Timeline:
    entity: EntityRef
    entries: list[TimelineEntry]


_ABBREVIATIONS = {"sen": "senator", "rep": "representative", "gov": "governor", "pres": "president"}
_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "can")


def _title_key(title: str) -> str:
    """A title without "former", a leading demonym ("Valdorian Senator") or abbreviations."""
    words = [
        _ABBREVIATIONS.get(w, w)
        for w in name_key(title).replace(".", "").split()
        if w not in {"former", "the", "then", "current", "acting"}
    ]
    if len(words) > 1 and title.split()[0][:1].isupper() and words[0].endswith(_DEMONYM_ENDINGS):
        words = words[1:]
    return " ".join(words)


def _sentence(conn: sqlite3.Connection, document: str, start: int, end: int) -> tuple[int, int]:
    row = conn.execute(
        'SELECT start, "end" FROM sentences WHERE document_id = ? AND start <= ? AND "end" >= ?'
        " ORDER BY start DESC LIMIT 1",
        (document, start, end),
    ).fetchone()
    return (int(row[0]), int(row[1])) if row else (start, end)


def timeline(conn: sqlite3.Connection, name: str) -> Timeline:
    """The offices of the entity `name` (id or name), earliest first, undated last."""
    entity = find_entity(conn, name)
    texts: dict[str, str] = {}

    def text_of(document: str) -> str:
        if document not in texts:
            row = conn.execute("SELECT text FROM documents WHERE id = ?", (document,)).fetchone()
            texts[document] = str(row[0]) if row else ""
        return texts[document]

    found: list[tuple[str, str | None, Evidence]] = []
    for r in conn.execute(
        'SELECT r.title, r.document_id, r.start, r."end", r.date, r.date_basis, r.current,'
        " oe.name, d.published FROM roles r JOIN doc_entities de ON de.id = r.doc_entity_id"
        " LEFT JOIN doc_entities od ON od.id = r.of_doc_entity_id"
        " LEFT JOIN entities oe ON oe.id = od.entity_id"
        " JOIN documents d ON d.id = r.document_id"
        " WHERE de.entity_id = ? ORDER BY r.id",
        (entity.id,),
    ):
        start, end = _sentence(conn, r[1], int(r[2]), int(r[3]))
        date, basis = (r[4], r[5]) if r[4] else (r[8], "document" if r[8] else None)
        current = None if r[6] is None else bool(r[6])
        if current is False and basis == "document":
            date, basis = None, None  # "former X" in a 2025 article says nothing of 2025
        evidence = Evidence(r[1], start, end, text_of(r[1])[start:end], date, basis, current)
        found.append((str(r[0]), r[7], evidence))
    for r in conn.execute(
        "SELECT c.value_text, c.document_id, c.evidence_start, c.evidence_end, c.evidence_text,"
        " c.date, oe.name, c.attributes FROM claims c"
        " JOIN doc_entities de ON de.id = c.subject_doc_entity_id"
        " LEFT JOIN doc_entities od ON od.id = c.object_doc_entity_id"
        " LEFT JOIN entities oe ON oe.id = od.entity_id"
        " WHERE c.kind = 'position' AND de.entity_id = ? ORDER BY c.id",
        (entity.id,),
    ):
        attributes = json.loads(r[7] or "{}")
        title = r[0] or attributes.get("title")
        if not title:
            continue
        basis = "text" if r[5] else None
        evidence = Evidence(r[1], int(r[2]), int(r[3]), str(r[4]), r[5], basis, None)
        found.append((str(title), r[6], evidence))
    entries: dict[tuple[str, str | None], TimelineEntry] = {}
    for title, of, evidence in found:
        key = (_title_key(title), name_key(of) if of else None)
        entry = entries.get(key) or entries.get((key[0], None))
        if entry is None:
            entry = entries[key] = TimelineEntry(title, of, None, None)
        if of and not entry.of:
            entry.of = of
        if any(
            e.document == evidence.document and e.start == evidence.start for e in entry.evidence
        ):
            continue
        entry.evidence.append(evidence)
        if evidence.date:
            entry.first = min(filter(None, [entry.first, evidence.date]))
            entry.last = max(filter(None, [entry.last, evidence.date]))
    ordered = sorted(entries.values(), key=lambda e: (e.first is None, e.first or "", e.title))
    return Timeline(entity, ordered)
