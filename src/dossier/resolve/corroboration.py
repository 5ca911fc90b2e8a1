"""Which facts several sources state, how independent those sources are, and what conflicts.

Claims from different documents are one fact when they have the same kind and the same
resolved entities (subject, object) and compatible places, dates and values: a partial date
agrees with any date inside it, a missing date or value agrees with anything. Each group
counts its independent sources: documents from one site count once, and a report that only
repeats another outlet or person (its evidence `via`) counts once for that outlet — the same
one as that outlet's own site, however it is written.
Claims about the same entities whose dates or values cannot both be true — or one denying
what another asserts — are reported as contradictions, with both sides.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlparse

from .names import name_key

#: Kinds where subject and object can swap without changing the fact ("A met B" = "B met A").
SYMMETRIC_KINDS: frozenset[str] = frozenset({"meeting", "associate", "family"})
#: Kinds where one subject has one value per date (a vote share, an amount).
SINGLE_VALUED_KINDS: frozenset[str] = frozenset({"election_result", "amount"})
#: One-off events: the same entities in the same month with two different days is suspect.
EVENT_KINDS: frozenset[str] = frozenset({"meeting", "travel"})
#: Relative tolerance under which two numbers count as the same value.
VALUE_TOLERANCE = 0.005


@dataclass
class StoredClaim:
    """A claim as the store holds it, with resolved entity ids and its source."""

    id: int
    kind: str
    subject: int | None
    object: int | None
    place: int | None
    value: float | str | None
    unit: str | None
    date: str | None
    status: str
    document: str
    source: str
    evidence: str
    start: int
    end: int


@dataclass
class ClaimGroup:
    """One fact and every claim that states it."""

    kind: str
    subject: int | None
    object: int | None
    date: str | None
    value: float | str | None
    claims: list[int] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    #: Independent sources: sites, or the outlet or person a report only repeats, one each
    #: however written ("The Harbor Ledger" and "harborledger.com" are one).
    sources: list[str] = field(default_factory=list)

    @property
    def independent(self) -> int:
        return len(self.sources)


@dataclass
class Contradiction:
    """Two claims about the same entities that cannot both be true."""

    left: int
    right: int
    reason: str


def dates_compatible(a: str | None, b: str | None) -> bool:
    """True when two full or partial ISO dates can name the same day ("2025-12" / "2025-12-14")."""
    if not a or not b:
        return True
    if a.startswith("--") or b.startswith("--"):
        return a[-5:] == b[-5:] if len(a) >= 5 and len(b) >= 5 else True
    return a.startswith(b) or b.startswith(a)


def values_compatible(a: float | str | None, b: float | str | None) -> bool:
    """True when two stated values can be the same (numbers within `VALUE_TOLERANCE`)."""
    if a is None or b is None:
        return True
    if isinstance(a, int | float) and isinstance(b, int | float):
        scale = max(abs(a), abs(b), 1e-9)
        return abs(a - b) / scale <= VALUE_TOLERANCE
    return " ".join(str(a).casefold().split()) == " ".join(str(b).casefold().split())


def source_of(site: str | None, url: str | None, document: str) -> str:
    """The outlet a document speaks for: its site, else its URL's host, else itself."""
    if site:
        return site.strip()
    if url:
        host = urlparse(url).hostname
        if host:
            return host.casefold().removeprefix("www.")
    return f"document {document}"


def outlet_key(label: str) -> str:
    """One key for an outlet however it is written: "The Harbor Ledger", "harborledger.com"."""
    text = name_key(label).removeprefix("www.").removeprefix("via ")
    if " " not in text and "." in text:
        text = text.rsplit(".", 1)[0]  # a host name: drop the top-level domain
    text = text.removeprefix("the ")
    return re.sub(r"[^\w]", "", text)


def load_claims(conn: sqlite3.Connection) -> list[StoredClaim]:
    """Every claim with resolved entities and the independent source it counts for."""
    entity_of = {
        int(r[0]): int(r[1]) for r in conn.execute("SELECT id, entity_id FROM doc_entities")
    }
    names = {int(r[0]): str(r[1]) for r in conn.execute("SELECT id, name FROM entities")}
    docs = {
        str(r[0]): source_of(r[1], r[2], str(r[0]))
        for r in conn.execute("SELECT id, site, url FROM documents")
    }

    def resolved(value: int | None) -> int | None:
        return entity_of.get(int(value)) if value is not None else None

    claims = []
    for r in conn.execute(
        "SELECT id, kind, subject_doc_entity_id, object_doc_entity_id, place_doc_entity_id,"
        " value_number, value_text, unit, date, status, document_id, via, evidence_text,"
        " evidence_start, evidence_end FROM claims ORDER BY id"
    ):
        via = [entity_of[v] for v in json.loads(r[11] or "[]") if v in entity_of]
        source = names[via[0]] if via else docs.get(str(r[10]), str(r[10]))
        claims.append(
            StoredClaim(
                id=int(r[0]),
                kind=str(r[1]),
                subject=resolved(r[2]),
                object=resolved(r[3]),
                place=resolved(r[4]),
                value=r[5] if r[5] is not None else r[6],
                unit=r[7],
                date=r[8],
                status=str(r[9]),
                document=str(r[10]),
                source=source,
                evidence=str(r[12]),
                start=int(r[13]),
                end=int(r[14]),
            )
        )
    return claims


def _fact_key(claim: StoredClaim) -> tuple[object, ...]:
    subject, obj = claim.subject, claim.object
    if claim.kind in SYMMETRIC_KINDS and subject is not None and obj is not None:
        subject, obj = min(subject, obj), max(subject, obj)
    if claim.kind in SINGLE_VALUED_KINDS:
        return (claim.kind, subject, obj, claim.unit)
    return (claim.kind, subject, obj)


def _fits(group: list[StoredClaim], claim: StoredClaim) -> bool:
    return all(
        dates_compatible(c.date, claim.date)
        and values_compatible(c.value, claim.value)
        and (c.place is None or claim.place is None or c.place == claim.place)
        and (c.status == "denied") == (claim.status == "denied")
        for c in group
    )


def _conflict(a: StoredClaim, b: StoredClaim) -> str | None:
    """Why two claims about the same entities cannot both hold, or None."""
    if not dates_compatible(a.date, b.date):
        same_month = bool(a.date and b.date and a.date[:7] == b.date[:7])
        if a.kind in EVENT_KINDS and same_month and values_compatible(a.value, b.value):
            return f"different dates for what may be one event: {a.date} / {b.date}"
        return None  # facts on different dates are different facts
    if (a.status == "denied") != (b.status == "denied"):
        return "one source denies what the other states"
    if a.kind in SINGLE_VALUED_KINDS and not values_compatible(a.value, b.value):
        return f"different values: {a.value} / {b.value}"
    return None


def corroborate(
    conn: sqlite3.Connection, *, kinds: set[str] | None = None
) -> tuple[list[ClaimGroup], list[Contradiction]]:
    """Group the store's claims into facts and find the contradictions between them."""
    by_key: dict[tuple[object, ...], list[StoredClaim]] = defaultdict(list)
    for claim in load_claims(conn):
        if claim.subject is None or (kinds and claim.kind not in kinds):
            continue
        if claim.status == "opinion":
            continue
        by_key[_fact_key(claim)].append(claim)
    groups: list[ClaimGroup] = []
    contradictions: list[Contradiction] = []
    for claims in by_key.values():
        clusters: list[list[StoredClaim]] = []
        for claim in claims:
            home = next((c for c in clusters if _fits(c, claim)), None)
            if home is None:
                clusters.append([claim])
            else:
                home.append(claim)
        for cluster in clusters:
            first = cluster[0]
            dated = max((c.date or "" for c in cluster), key=len) or None
            group = ClaimGroup(
                first.kind,
                first.subject,
                first.object,
                dated,
                next((c.value for c in cluster if c.value is not None), None),
            )
            for c in cluster:
                group.claims.append(c.id)
                if c.document not in group.documents:
                    group.documents.append(c.document)
                if outlet_key(c.source) not in {outlet_key(x) for x in group.sources}:
                    group.sources.append(c.source)
            groups.append(group)
        for i, a in enumerate(claims):
            for b in claims[i + 1 :]:
                if a.document == b.document:
                    continue
                reason = _conflict(a, b)
                if reason:
                    contradictions.append(Contradiction(a.id, b.id, reason))
    groups.sort(key=lambda g: (-g.independent, -len(g.claims), g.kind))
    return groups, contradictions
