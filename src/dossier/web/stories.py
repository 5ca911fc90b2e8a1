"""How each outlet told it: documents about the same event grouped into stories.

Two documents tell the same story when they were published within `DAYS` days of each other
and share their actors (people, organisations and countries, rarer ones weighing more) or
their headline's words (rapidfuzz). Pairs are merged strongest first, and a story never
spans more than `SPAN_DAYS` days, so one busy name cannot chain a month of news together.
A story needs two outlets. The story page gives each outlet a column: what its articles
assert, whom they quote, their loaded words, and the facts the other outlets state that it
leaves out.
"""

from __future__ import annotations

import datetime as dt
import math
import sqlite3
from collections import defaultdict
from typing import Any

from rapidfuzz import fuzz

from ..errors import NotFound
from ..extract.opinion.lexicon import _loaded_pattern, subjectivity_lexicon
from .listing import Filters, outlets, paging
from .queries import Row, _claim_rows, _format_claims, _quotes, _rows, _sentence_link

#: Most days between two documents of one story, and between its first and last.
DAYS = 2
SPAN_DAYS = 4
#: How alike two documents must be (0–1: shared actors and headline words) to join.
THRESHOLD = 0.22
#: Most documents in one story.
MOST = 12

_cache: dict[tuple[Any, ...], list[list[Row]]] = {}


def _day(published: str | None) -> dt.date | None:
    if not published or len(published) < 10 or published.startswith("-"):
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _documents(conn: sqlite3.Connection) -> list[Row]:
    docs = {
        r["id"]: {**r, "day": _day(r["published"]), "actors": set()}
        for r in _rows(conn, "SELECT id, title, site, url, published FROM documents")
    }
    for doc_id, entity_id in conn.execute(
        "SELECT DISTINCT de.document_id, de.entity_id FROM doc_entities de"
        " JOIN entities e ON e.id = de.entity_id"
        " WHERE e.type IN ('Person', 'Organization', 'Country')"
    ):
        docs[doc_id]["actors"].add(entity_id)
    return [d for d in docs.values() if d["day"] is not None]


def _likeness(a: Row, b: Row, weight: dict[int, float]) -> float:
    """Shared actors (weighted Jaccard, rare actors count more) and headline likeness."""
    union = a["actors"] | b["actors"]
    actors = sum(weight[x] for x in a["actors"] & b["actors"]) / (
        sum(weight[x] for x in union) or 1
    )
    title = fuzz.token_sort_ratio(a["title"] or "", b["title"] or "") / 100
    return 0.65 * actors + 0.35 * title


def group_stories(conn: sqlite3.Connection) -> list[list[Row]]:
    """Every story in the database (two outlets or more), newest first; cached until the
    database changes."""
    count, added = conn.execute("SELECT count(*), max(added_at) FROM documents").fetchone()
    key = (count, added, conn.execute("PRAGMA data_version").fetchone()[0])
    if key in _cache:
        return _cache[key]
    docs = sorted(_documents(conn), key=lambda d: d["day"])
    counts: dict[int, int] = defaultdict(int)
    for d in docs:
        for x in d["actors"]:
            counts[x] += 1
    weight = {x: math.log(1 + len(docs) / n) for x, n in counts.items()}
    pairs = []
    for i, a in enumerate(docs):
        for b in docs[i + 1 :]:
            if (b["day"] - a["day"]).days > DAYS:
                break
            score = _likeness(a, b, weight)
            if score >= THRESHOLD:
                pairs.append((score, a["id"], b["id"]))
    groups: dict[str, list[Row]] = {d["id"]: [d] for d in docs}
    for _, x, y in sorted(pairs, reverse=True):
        gx, gy = groups[x], groups[y]
        if gx is gy or len(gx) + len(gy) > MOST:
            continue
        days = [d["day"] for d in gx + gy]
        if (max(days) - min(days)).days > SPAN_DAYS:
            continue
        gx.extend(gy)
        for d in gy:
            groups[d["id"]] = gx
    found = {id(g): g for g in groups.values() if len({d["site"] for d in g}) >= 2}
    stories = [sorted(g, key=lambda d: (d["published"], d["id"])) for g in found.values()]
    stories.sort(key=lambda g: (g[-1]["published"], len(g)), reverse=True)
    _cache.clear()
    _cache[key] = stories
    return stories


def _summary(group: list[Row]) -> Row:
    ids = sorted(d["id"] for d in group)
    return {
        "id": ids[0],
        "title": group[0]["title"],
        "from": group[0]["published"],
        "to": group[-1]["published"],
        "outlets": sorted({d["site"] or "outlet unknown" for d in group}),
        "documents": [
            {"id": d["id"], "title": d["title"], "site": d["site"], "published": d["published"]}
            for d in group
        ],
    }


def stories(conn: sqlite3.Connection, filters: Filters) -> Row:
    """One page of stories, newest first, optionally only those an outlet took part in."""
    found = [_summary(g) for g in group_stories(conn)]
    if filters.outlet:
        found = [s for s in found if filters.outlet in s["outlets"]]
    if filters.since:
        found = [s for s in found if s["to"] >= filters.since]
    if filters.until:
        found = [s for s in found if s["from"][: len(filters.until)] <= filters.until]
    return {
        "stories": found[filters.offset : filters.offset + filters.per_page],
        "filters": filters.active(),
        "outlets": outlets(conn),
        "paging": paging(filters, len(found)),
    }


def _fact_key(claim: Row) -> tuple[Any, ...] | None:
    """What a claim states, independent of its wording: kind, who, whom or what."""
    if claim["status"] == "opinion" or not claim["subject"]:
        return None
    other = claim["object"]["id"] if claim["object"] else None
    return (claim["kind"], claim["subject"]["id"], other, claim["value"])


def _loaded_sentences(conn: sqlite3.Connection, doc_ids: list[str]) -> list[Row]:
    """Sentences with loaded words (the subjectivity lexicon), the words marked."""
    if not subjectivity_lexicon() or not doc_ids:
        return []
    pattern = _loaded_pattern()
    found = []
    marks = ",".join("?" * len(doc_ids))
    for r in conn.execute(
        'SELECT s.document_id, s.idx, substr(d.text, s.start + 1, s."end" - s.start)'
        " FROM sentences s JOIN documents d ON d.id = s.document_id"
        f" WHERE s.document_id IN ({marks})"
        " ORDER BY s.document_id, s.idx",
        doc_ids,
    ):
        text = r[2]
        hits = list(pattern.finditer(text))
        if not hits:
            continue
        pieces, at = [], 0
        for m in hits:
            pieces += [{"text": text[at : m.start()], "loaded": False}]
            pieces += [{"text": m.group(0), "loaded": True}]
            at = m.end()
        pieces.append({"text": text[at:], "loaded": False})
        found.append(
            {
                "words": [m.group(0) for m in hits],
                "pieces": [p for p in pieces if p["text"]],
                "link": _sentence_link(r[0], r[1]),
            }
        )
    return found


def story_of(conn: sqlite3.Connection, doc_id: str) -> str | None:
    """The id of the story a document belongs to, if any."""
    for group in group_stories(conn):
        if any(d["id"] == doc_id for d in group):
            return str(min(d["id"] for d in group))
    return None


def story(conn: sqlite3.Connection, doc_id: str) -> Row:
    """The story a document belongs to, one column per outlet."""
    group = next((g for g in group_stories(conn) if any(d["id"] == doc_id for d in g)), None)
    if group is None:
        raise NotFound(
            f"Document {doc_id!r} belongs to no story: no other outlet wrote about the same "
            "event within a few days."
        )
    summary = _summary(group)
    ids = [d["id"] for d in group]
    marks = ",".join("?" * len(ids))
    claims = _format_claims(
        conn,
        _claim_rows(
            conn, f"c.document_id IN ({marks}) ORDER BY c.document_id, c.evidence_start", tuple(ids)
        ),
        sources=False,
    )
    quotes = _quotes(conn, f"q.document_id IN ({marks})", tuple(ids), "d.published")
    by_outlet: dict[str, list[str]] = defaultdict(list)
    for d in group:
        by_outlet[d["site"] or "outlet unknown"].append(d["id"])
    facts: dict[str, dict[tuple[Any, ...], Row]] = {}
    for outlet, docs in by_outlet.items():
        facts[outlet] = {}
        for c in claims:
            key = _fact_key(c)
            if key and c["evidence"]["document"] in docs:
                facts[outlet].setdefault(key, c)
    columns = []
    for outlet, docs in sorted(by_outlet.items()):
        mine = [c for c in claims if c["evidence"]["document"] in docs]
        said = [q for q in quotes if q["document"]["id"] in docs]
        speakers: dict[str, Row] = {}
        for q in said:
            name = q["speaker"]["name"] if q["speaker"] else "speaker unknown"
            entry = speakers.setdefault(name, {"speaker": q["speaker"], "name": name, "count": 0})
            entry["count"] += 1
        left_out: dict[tuple[Any, ...], Row] = {}
        for other, stated in facts.items():
            if other == outlet:
                continue
            for key, c in stated.items():
                if key not in facts[outlet]:
                    entry = left_out.setdefault(key, {"claim": c, "outlets": []})
                    entry["outlets"].append(other)
        columns.append(
            {
                "outlet": outlet,
                "documents": [d for d in summary["documents"] if d["id"] in docs],
                "asserted": [c for c in mine if c["status"] == "asserted"],
                "opinions": [c for c in mine if c["status"] == "opinion"],
                "quoted": sorted(speakers.values(), key=lambda s: (-s["count"], s["name"])),
                "quotes": said,
                "loaded": _loaded_sentences(conn, docs),
                "left_out": list(left_out.values()),
            }
        )
    return {"story": summary, "columns": columns}
