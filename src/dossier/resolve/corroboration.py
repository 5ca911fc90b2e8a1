"""Which facts several sources state, how independent those sources are, and what conflicts.

Claims from different documents are one fact when they have the same kind and the same
resolved entities (subject, object) and compatible places, dates and values: a partial date
agrees with any date inside it, a missing date or value agrees with anything. Each group
counts its independent sources: documents from one site count once, and a report that only
repeats another outlet or person (its evidence `via`) counts once for that outlet — the same
one as that outlet's own site, however it is written.
Claims about the same entities whose dates or values cannot both be true — or one denying
what another asserts — are reported as contradictions, with both sides. A denial speaks for
one occasion ("did not attack her on Tuesday": that day) or, undated, for the time up to its
report ("has never met her"): it conflicts only with the act on that very day, or — for a
one-off event such as a meeting — with the act dated on or before an undated denial's report.
Acts repeat, positions change, and an attack denied in one manner may come in another.
Plans and expectations ("will meet next week", "is not expected to meet") never conflict in
date or by denial, whatever status the sentence was given. Two amounts conflict
only when they measure the same thing: same subject, same unit, the same measured noun
("300,000 people" deported / "250,000 people" deported), at comparable times — the same
day, or, for a standing measure such as a person's net worth stated without a date, reports
published within half a year of each other (rival estimates in two sentences of one
report count too). A qualifier makes a value a range ("more than
$10 billion" is at least $10 billion, "just under $40 billion" is 90-100% of it, "about"
is within 10%), and two values conflict only when their ranges cannot meet ("more than
$10 billion" / "$2.9 billion" do, "more than 10" / "12" do not). Values are written as a
person writes them, qualifier included ("more than $10 billion", "3.2%", "12,000").
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from urllib.parse import urlparse

from .names import name_key

#: Kinds where subject and object can swap without changing the fact ("A met B" = "B met A").
SYMMETRIC_KINDS: frozenset[str] = frozenset({"meeting", "associate", "family"})
#: Kinds where one subject has one value per date (a vote share, an amount).
SINGLE_VALUED_KINDS: frozenset[str] = frozenset({"election_result", "amount"})
#: One-off events: the same entities in the same month with two different days is suspect.
#: (Travel is no such event: a candidate visits one state on many days of a month.)
EVENT_KINDS: frozenset[str] = frozenset({"meeting"})
#: Relative tolerance under which two numbers count as the same value.
VALUE_TOLERANCE = 0.005
#: Measures that hold for a while, so undated statements of them published close together
#: speak of comparable times ("X's net worth is $5 billion").
STANDING_MEASURES: frozenset[str] = frozenset({"net worth"})
#: How far apart (days) the reports of an undated standing measure may be to be compared.
STANDING_DAYS = 183


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
    #: The outlet or person the report only repeats (its first `via`), when it does.
    relays: str | None = None
    #: What an amount measures (its counted noun or "percent of" noun), lower case.
    measure: str | None = None
    #: "more than", "about", "up to" …: the amount is a bound or an estimate.
    qualifier: str | None = None
    #: The publication date of the claim's document (what an undated denial speaks up to).
    published: str | None = None


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
    #: The claims themselves, in id order.
    members: list[StoredClaim] = field(default_factory=list, repr=False)

    @property
    def independent(self) -> int:
        return len(self.sources)

    def source_for(self, claim: StoredClaim) -> str:
        """Which of the group's sources a member counts for (its site, or what it repeats)."""
        key = outlet_key(claim.source)
        return next((s for s in self.sources if outlet_key(s) == key), claim.source)


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


@lru_cache(maxsize=4096)
def outlet_key(label: str) -> str:
    """One key for an outlet however it is written: "The Harbor Ledger", "harborledger.com"."""
    text = name_key(label).removeprefix("www.").removeprefix("via ")
    if " " not in text and "." in text:
        text = text.rsplit(".", 1)[0]  # a host name: drop the top-level domain
    text = text.removeprefix("the ")
    return re.sub(r"[^\w]", "", text)


#: Claims with their resolved entities and their document's site (bind nothing).
_CLAIMS_SQL = """
SELECT c.id, c.kind, s.entity_id, o.entity_id, p.entity_id, c.value_number, c.value_text,
       c.unit, c.date, c.status, c.document_id, c.via, c.evidence_text, c.evidence_start,
       c.evidence_end, d.site, d.url, c.attributes, d.published
FROM claims c
JOIN documents d ON d.id = c.document_id
LEFT JOIN doc_entities s ON s.id = c.subject_doc_entity_id
LEFT JOIN doc_entities o ON o.id = c.object_doc_entity_id
LEFT JOIN doc_entities p ON p.id = c.place_doc_entity_id
"""
#: Bound parameters per query, well under SQLite's limit.
_CHUNK = 500


def _entity_names(
    conn: sqlite3.Connection, doc_entity_ids: set[int]
) -> tuple[dict[int, str], set[int]]:
    """doc_entities id → the name of the entity it resolves to; and which are organisations."""
    ids = sorted(doc_entity_ids)
    names: dict[int, str] = {}
    organisations: set[int] = set()
    for i in range(0, len(ids), _CHUNK):
        part = ids[i : i + _CHUNK]
        for row in conn.execute(
            "SELECT de.id, e.name, e.type FROM doc_entities de"
            " JOIN entities e ON e.id = de.entity_id"
            f" WHERE de.id IN ({','.join('?' * len(part))})",
            part,
        ):
            names[int(row[0])] = str(row[1])
            if row[2] == "Organization":
                organisations.add(int(row[0]))
    return names, organisations


def load_claims(conn: sqlite3.Connection, entities: set[int] | None = None) -> list[StoredClaim]:
    """Claims with resolved entities and the independent source each counts for.

    With `entities`, only the claims whose subject or object is one of them — every claim
    that can state the same fact as a claim about them — read through the store's indexes.
    """
    sql = _CLAIMS_SQL
    params: tuple[int, ...] = ()
    if entities is not None:
        ids = tuple(sorted(entities))
        of = f"(SELECT id FROM doc_entities WHERE entity_id IN ({','.join('?' * len(ids))}))"
        sql += f" WHERE c.subject_doc_entity_id IN {of} OR c.object_doc_entity_id IN {of}"
        params = ids + ids
    rows = conn.execute(sql + " ORDER BY c.id", params).fetchall()
    vias = [[int(v) for v in json.loads(r[11])] if r[11] not in (None, "[]") else [] for r in rows]
    every = [json.loads(r[17] or "{}") for r in rows]
    # A report from an outlet ("according to The Ledger") repeats that outlet: its speaker.
    speakers = [
        int(a["speaker"]) if r[9] == "reported" and isinstance(a.get("speaker"), int) else None
        for r, a in zip(rows, every, strict=True)
    ]
    wanted = {v for via in vias for v in via} | {s for s in speakers if s is not None}
    names, outlets = _entity_names(conn, wanted)
    claims = []
    for r, via, attributes, speaker in zip(rows, vias, every, speakers, strict=True):
        relays = next((names[v] for v in via if v in names), None)
        if relays is None and speaker in outlets:
            relays = names[speaker]
        measure = attributes.get("counted") or attributes.get("measure")
        claims.append(
            StoredClaim(
                id=int(r[0]),
                kind=str(r[1]),
                subject=r[2],
                object=r[3],
                place=r[4],
                value=r[5] if r[5] is not None else r[6],
                unit=r[7],
                date=r[8],
                status=str(r[9]),
                document=str(r[10]),
                source=relays or source_of(r[15], r[16], str(r[10])),
                evidence=str(r[12]),
                start=int(r[13]),
                end=int(r[14]),
                relays=relays,
                measure=str(measure).casefold() if measure else None,
                qualifier=attributes.get("qualifier"),
                published=r[18],
            )
        )
    return claims


def _fact_key(claim: StoredClaim) -> tuple[object, ...]:
    subject, obj = claim.subject, claim.object
    if claim.kind in SYMMETRIC_KINDS and subject is not None and obj is not None:
        subject, obj = min(subject, obj), max(subject, obj)
    if claim.kind == "amount":
        return (claim.kind, subject, obj, claim.unit, claim.measure)
    if claim.kind in SINGLE_VALUED_KINDS:
        return (claim.kind, subject, obj, claim.unit)
    return (claim.kind, subject, obj)


#: What decides whether two claims of one fact key agree: date, value, place, denial.
Signature = tuple[str | None, float | str | None, int | None, bool]


def _signature(claim: StoredClaim) -> Signature:
    return (claim.date, claim.value, claim.place, claim.status == "denied")


def _agree(a: Signature, b: Signature) -> bool:
    return (
        dates_compatible(a[0], b[0])
        and values_compatible(a[1], b[1])
        and (a[2] is None or b[2] is None or a[2] == b[2])
        and a[3] == b[3]
    )


def _clusters(claims: list[StoredClaim]) -> list[list[StoredClaim]]:
    """Each claim joins the first cluster it agrees with wholly, else starts one.

    Claims with one signature always land together (clusters only grow stricter), so each
    new signature is checked against the clusters' distinct signatures, not every claim.
    """
    clusters: list[list[StoredClaim]] = []
    seen: list[list[Signature]] = []
    home: dict[Signature, int] = {}
    for claim in claims:
        sig = _signature(claim)
        if sig not in home:
            fit = (i for i, sigs in enumerate(seen) if all(_agree(s, sig) for s in sigs))
            home[sig] = next(fit, len(clusters))
            if home[sig] == len(clusters):
                clusters.append([])
                seen.append([])
            seen[home[sig]].append(sig)
        clusters[home[sig]].append(claim)
    return clusters


def _conflicts(claims: list[StoredClaim]) -> list[Contradiction]:
    """Pairs from different documents (or rival estimates in one) that cannot both hold.

    Claims alike in date, value and denial never conflict with each other, so only pairs of
    distinct such signatures are weighed, then spread over their claims.
    """
    alike: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        alike[(claim.date, claim.value, claim.qualifier, claim.status == "denied")].append(i)
    # Blocking: `_conflict` needs both dates to be full days of one month, or an undated
    # denial against an act on a full day; only such pairs of classes are weighed, so a
    # much-covered fact costs about its number of dates, not their square.
    by_month: dict[str, list[list[int]]] = defaultdict(list)
    undated_denials: list[list[int]] = []
    for members in alike.values():
        claim = claims[members[0]]
        if _full_day(claim.date):
            by_month[str(claim.date)[:7]].append(members)
        elif claim.date is None and claim.status == "denied":
            undated_denials.append(members)
        elif _standing(claim):
            # Undated net worth: by the year of the report (`_comparable_times` decides).
            by_month[f"standing {str(claim.published)[:4]}"].append(members)
    candidates: list[tuple[list[int], list[int]]] = []
    for block in by_month.values():
        candidates += [(a, b) for n, a in enumerate(block) for b in block[n + 1 :]]
    dated = [members for block in by_month.values() for members in block]
    candidates += [(denial, act) for denial in undated_denials for act in dated]
    pairs: list[tuple[int, int]] = []
    for left, right in candidates:
        if _conflict(claims[left[0]], claims[right[0]]):
            pairs += [(min(i, j), max(i, j)) for i in left for j in right]
    found = []
    for i, j in sorted(pairs):
        first, second = claims[i], claims[j]
        # One article may report rival estimates of a standing measure in two sentences
        # ("his claims that his net worth exceeds $10 billion" / "a rich list puts it at
        # $6.5 billion"); other claims of one document are one source's account.
        rival = _standing(first) and _standing(second) and first.start != second.start
        reason = _conflict(first, second) if first.document != second.document or rival else None
        if reason:
            found.append(Contradiction(first.id, second.id, reason))
    return found


#: Statuses that say something happened (or did not): plans and hedges never conflict.
_STATED = frozenset({"asserted", "reported", "denied"})


#: Wording of a plan, a schedule or an expectation: no statement of what happened.
_FUTURE = re.compile(
    r"\b(?:will|won't|would|shall|going to|plans? to|planned to|planning to|scheduled|"
    r"expected to|set to|next (?:week|month|year|day|\w+day)|tomorrow|upcoming|"
    r"(?:is|are) (?:meeting|traveling|travelling|visiting)|later this)\b",
    re.IGNORECASE,
)


def _full_day(date: str | None) -> bool:
    return bool(date and len(date) == 10 and not date.startswith("--"))


def _denial_meets_act(denial: StoredClaim, act: StoredClaim) -> bool:
    """True when a denial and an assertion speak of one occasion (see the module notes)."""
    if _full_day(denial.date):
        return denial.date == act.date
    if denial.kind not in EVENT_KINDS:
        return False  # "refuses to attack her character" denies no attack on her record
    if denial.date is None and _full_day(act.date) and _full_day(denial.published):
        return str(act.date) <= str(denial.published)
    return False


def _conflict(a: StoredClaim, b: StoredClaim) -> str | None:
    """Why two claims about the same entities cannot both hold, or None."""
    if a.status not in _STATED or b.status not in _STATED:
        return None  # "will back her" and "has not endorsed her" can both be true
    # "are meeting next week", "is not expected to meet": a plan, whatever its status; the
    # figures of one plan ("will cut 1,200 jobs" / "will cut 900") still disagree.
    planned = bool(_FUTURE.search(a.evidence) or _FUTURE.search(b.evidence))
    if not dates_compatible(a.date, b.date):
        if planned:
            return None
        same_month = bool(a.date and b.date and a.date[:7] == b.date[:7])
        one_off = a.kind in EVENT_KINDS and _full_day(a.date) and _full_day(b.date)
        if one_off and same_month and values_compatible(a.value, b.value):
            return f"different dates for what may be one event: {a.date} / {b.date}"
        return None  # facts on different dates are different facts
    if (a.status == "denied") != (b.status == "denied"):
        if planned:
            return None
        # Only one act about one named other side on one occasion: "backed X on Monday" /
        # "did not endorse X on Monday"; "has never met X" / "met X on 3 March".
        denial, act = (a, b) if a.status == "denied" else (b, a)
        same_act = a.object is not None and values_compatible(a.value, b.value)
        if same_act and _denial_meets_act(denial, act):
            return "one source denies what the other states"
        return None
    if a.kind == "amount":
        if not _same_measure(a, b) or not ranges_disjoint(a, b):
            return None
        return f"different values: {stated_value(a)} / {stated_value(b)}"
    if a.kind in SINGLE_VALUED_KINDS and not values_compatible(a.value, b.value):
        if not _same_measure(a, b):
            return None
        return (
            f"different values: {format_value(a.value, a.unit)} / {format_value(b.value, b.unit)}"
        )
    return None


def _standing(claim: StoredClaim) -> bool:
    """An undated statement of a standing measure in a dated report."""
    return (
        claim.kind == "amount"
        and claim.date is None
        and claim.measure in STANDING_MEASURES
        and bool(claim.published and len(claim.published) >= 4)
    )


def _comparable_times(a: StoredClaim, b: StoredClaim) -> bool:
    """The same full day, or undated standing measures reported within `STANDING_DAYS`."""
    if a.date and b.date and len(a.date) == len(b.date) == 10 and a.date == b.date:
        return True
    if not (_standing(a) and _standing(b)):
        return False
    left, right = str(a.published), str(b.published)
    if _full_day(left) and _full_day(right):
        gap = abs((date.fromisoformat(left) - date.fromisoformat(right)).days)
        return gap <= STANDING_DAYS
    return left[:7] == right[:7]


#: What a qualifier makes of a value: (low, high) as multiples of it.
_AT_LEAST: tuple[str, ...] = ("more than", "over", "well over", "at least", "in excess of")
_AT_LEAST += ("above", "upwards of", "exceed", "exceeds", "exceeded", "exceeding")
_AT_MOST = ("less than", "fewer than", "under", "well under", "below", "up to", "at most")
_RANGES: dict[str, tuple[float, float]] = {q: (1.0, math.inf) for q in _AT_LEAST}
_RANGES |= {q: (0.0, 1.0) for q in _AT_MOST}
_RANGES |= {q: (0.9, 1.0) for q in ("just under", "slightly under", "nearly", "almost")}
_RANGES |= {q: (1.0, 1.1) for q in ("just over", "slightly over")}
_RANGES |= {q: (0.9, 1.1) for q in ("about", "around", "roughly", "approximately", "some")}
_RANGES |= {"close to": (0.9, 1.1)}


def value_range(value: float, qualifier: str | None) -> tuple[float, float] | None:
    """The values a stated amount allows ("more than 10" → 10 to infinity), or None when
    its qualifier is unknown."""
    low, high = _RANGES.get(qualifier, (math.nan, math.nan)) if qualifier else (1.0, 1.0)
    if math.isnan(low):
        return None
    return (value * low, value * high) if value >= 0 else (value * high, value * low)


def ranges_disjoint(a: StoredClaim, b: StoredClaim) -> bool:
    """True when two amounts' ranges cannot meet, beyond `VALUE_TOLERANCE`."""
    if not isinstance(a.value, int | float) or not isinstance(b.value, int | float):
        return False
    left, right = value_range(a.value, a.qualifier), value_range(b.value, b.qualifier)
    if left is None or right is None:
        return False
    slack = 1 + VALUE_TOLERANCE
    return left[0] > right[1] * slack or right[0] > left[1] * slack


def stated_value(claim: StoredClaim) -> str:
    """An amount as its report states it: "more than $10 billion", "$2.9 billion"."""
    value = format_value(claim.value, claim.unit)
    if not claim.qualifier:
        return value
    said = "more than" if claim.qualifier.startswith(("exceed", "in excess")) else claim.qualifier
    return f"{said} {value}"


def _same_measure(a: StoredClaim, b: StoredClaim) -> bool:
    """True when two values are exact statements of one measure of one thing on one day.

    An amount needs its measured noun on both sides ("$5 billion" alone could be any sum the
    subject is named beside) and comparable times (`_comparable_times`: "439 delegates short"
    and "214 delegates at stake" count different things on different days); a bound or an
    estimate is weighed as a range by `ranges_disjoint`.
    """
    # One contest or one count is one date: values of different days are different facts.
    same_day = bool(a.date and b.date and len(a.date) == len(b.date) == 10 and a.date == b.date)
    if a.kind != "amount":
        return same_day
    if a.measure is None or a.measure != b.measure or a.unit != b.unit:
        return False
    return _comparable_times(a, b)


_CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_SCALE_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def _plain_number(value: float) -> str:
    """12000 → "12,000"; 3.25 → "3.25"; 3.0 → "3"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_value(value: float | str | None, unit: str | None) -> str:
    """A stated value as a person writes it: "$5 billion", "3.2%", "12,000 people".

    >>> format_value(5000000000.0, "USD")
    '$5 billion'
    """
    if value is None:
        return "unknown"
    if isinstance(value, str):
        return value
    if unit == "percent":
        return f"{_plain_number(value)}%"
    number = _plain_number(value)
    for scale, word in _SCALE_WORDS:
        if abs(value) >= scale:
            number = f"{_plain_number(round(value / scale, 2))} {word}"
            break
    if unit in _CURRENCY_SIGNS:
        return f"{_CURRENCY_SIGNS[unit]}{number}"
    return f"{number} {unit}" if unit else number


def corroborate(
    conn: sqlite3.Connection,
    *,
    kinds: set[str] | None = None,
    entities: set[int] | None = None,
) -> tuple[list[ClaimGroup], list[Contradiction]]:
    """Group claims into facts and find the contradictions between them.

    With `entities`, only the facts whose subject or object is one of them; each such
    group is the same as the whole store's, as every claim it could hold is read.
    """
    by_key: dict[tuple[object, ...], list[StoredClaim]] = defaultdict(list)
    for claim in load_claims(conn, entities):
        if claim.subject is None or (kinds and claim.kind not in kinds):
            continue
        if claim.status == "opinion":
            continue
        by_key[_fact_key(claim)].append(claim)
    groups: list[ClaimGroup] = []
    contradictions: list[Contradiction] = []
    for claims in by_key.values():
        for cluster in _clusters(claims):
            first = cluster[0]
            dated = max((c.date or "" for c in cluster), key=len) or None
            group = ClaimGroup(
                first.kind,
                first.subject,
                first.object,
                dated,
                next((c.value for c in cluster if c.value is not None), None),
            )
            keys: set[str] = set()
            for c in cluster:
                group.claims.append(c.id)
                group.members.append(c)
                if c.document not in group.documents:
                    group.documents.append(c.document)
                if outlet_key(c.source) not in keys:
                    keys.add(outlet_key(c.source))
                    group.sources.append(c.source)
            groups.append(group)
        contradictions += _conflicts(claims)
    groups.sort(key=lambda g: (-g.independent, -len(g.claims), g.kind))
    return groups, contradictions
