"""Read-side queries of the web UI: plain functions over a read-only connection → plain dicts.

Every page and its JSON twin are built from the same dict, so what a browser shows and what
`/x.json` returns cannot drift apart. Nothing here writes; the connection is opened `mode=ro`.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..errors import BadQuery, NotADossierDatabase, NotFound, StoreError
from ..records import CLAIM_KINDS
from ..settings import Settings
from .facts import Facts

Row = dict[str, Any]

#: Longest search query accepted, in characters.
MAX_QUERY_CHARS = 200
#: Most search hits returned per page.
SEARCH_LIMIT = 50
#: Caps on the lists of one dossier, so a very common name still answers quickly.
DOSSIER_LIMIT = 50

_WORD = re.compile(r"\w+", re.UNICODE)

DATE_SOURCES: dict[str | None, str] = {
    "html": "from the page's HTML metadata",
    "warc": "from the capture date of the web archive (WARC) record",
    "text": "from the article text (a dateline or a weekday and date)",
    "user": "given by the user when adding the page (--published)",
    None: "unknown: nothing in the page states it",
}

STATUS_LABELS: dict[str, str] = {
    "asserted": "asserted",
    "reported": "reported",
    "planned": "planned",
    "hedged": "hedged",
    "denied": "denied",
    "opinion": "opinion",
}


def connect_readonly(path: Path) -> sqlite3.Connection:
    """Open a Dossier database read-only, so the web UI can never change it."""
    if not path.is_file():
        raise StoreError(f"{path}: no such database; run `dossier add` first.")
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        conn.execute("PRAGMA query_only = ON")
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as exc:
        raise NotADossierDatabase(f"{path}: not a Dossier database ({exc}).") from exc
    if "dossier_migrations" not in names or "documents" not in names:
        conn.close()
        raise NotADossierDatabase(f"{path}: not a Dossier database.")
    conn.row_factory = sqlite3.Row
    return conn


def _rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
    return [dict(r) for r in conn.execute(sql, params)]


def _loads(value: str | None, default: Any) -> Any:
    return json.loads(value) if value else default


def _entity_refs(conn: sqlite3.Connection, doc_entity_ids: list[int]) -> dict[int, Row]:
    """Map doc_entities ids to `{id, name, type}` of their cross-document entity."""
    if not doc_entity_ids:
        return {}
    ids = sorted(set(doc_entity_ids))
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        "SELECT de.id AS de_id, e.id, e.name, e.type FROM doc_entities de"
        f" JOIN entities e ON e.id = de.entity_id WHERE de.id IN ({marks})",
        tuple(ids),
    )
    return {r["de_id"]: {"id": r["id"], "name": r["name"], "type": r["type"]} for r in rows}


def _ref(refs: dict[int, Row], de_id: int | None) -> Row | None:
    return refs.get(de_id) if de_id is not None else None


def overview(conn: sqlite3.Connection, limit: int = 25) -> Row:
    """Counts and the most-mentioned people, for the front page."""
    counts = {
        name: conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        for name in ("documents", "entities", "quotes", "claims")
    }
    top = _rows(
        conn,
        "SELECT e.id, e.name, e.type, count(DISTINCT de.document_id) AS documents"
        " FROM entities e JOIN doc_entities de ON de.entity_id = e.id"
        " GROUP BY e.id ORDER BY documents DESC, e.name LIMIT ?",
        (limit,),
    )
    recent = _rows(
        conn,
        "SELECT id, title, site, published FROM documents"
        " ORDER BY coalesce(published, '') DESC, added_at DESC LIMIT ?",
        (limit,),
    )
    return {"counts": counts, "top_entities": top, "recent_documents": recent}


def fts_query(q: str) -> str:
    """Turn what a user typed into a safe FTS5 query: every word must occur, last one as prefix."""
    q = q.strip()
    if not q:
        raise BadQuery("Type something to search for.")
    if len(q) > MAX_QUERY_CHARS:
        raise BadQuery(f"The search is too long (more than {MAX_QUERY_CHARS} characters).")
    words = _WORD.findall(q)
    if not words:
        raise BadQuery(f"Nothing to search for in “{q}”: type words made of letters or digits.")
    terms = [f'"{w}"' for w in words[:-1]] + [f'"{words[-1]}"*']
    return " ".join(terms)


_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"


def _segments(marked: str) -> list[Row]:
    """Split an FTS5 snippet into `{text, match}` pieces, so templates escape every piece."""
    pieces: list[Row] = []
    for i, part in enumerate(re.split(f"[{_MARK_OPEN}{_MARK_CLOSE}]", marked)):
        if part:
            pieces.append({"text": part, "match": i % 2 == 1})
    return pieces


def search(conn: sqlite3.Connection, q: str, limit: int = SEARCH_LIMIT) -> Row:
    """Full-text search over sentences, quotes, titles and names; entities listed once each."""
    match = fts_query(q)
    if not 1 <= limit <= 500:
        raise BadQuery("limit must be between 1 and 500.")
    try:
        entity_rows = _rows(
            conn,
            "SELECT DISTINCT CAST(s.ref AS INTEGER) AS id FROM search s"
            " WHERE search MATCH ? AND s.kind = 'entity' LIMIT 200",
            (match,),
        )
        hits = _rows(
            conn,
            "SELECT s.kind, s.ref, s.document_id, d.title, d.published,"
            f" snippet(search, 0, '{_MARK_OPEN}', '{_MARK_CLOSE}', '…', 24) AS snip"
            " FROM search s JOIN documents d ON d.id = s.document_id"
            " WHERE search MATCH ? AND s.kind != 'entity' ORDER BY rank LIMIT ?",
            (match, limit),
        )
    except sqlite3.OperationalError as exc:
        raise BadQuery(f"Cannot search for {q!r}: {exc}.") from exc
    entities: list[Row] = []
    ids = [r["id"] for r in entity_rows]
    if ids:
        marks = ",".join("?" * len(ids))
        entities = _rows(
            conn,
            "SELECT e.id, e.name, e.type, count(DISTINCT de.document_id) AS documents"
            f" FROM entities e JOIN doc_entities de ON de.entity_id = e.id WHERE e.id IN ({marks})"
            " GROUP BY e.id ORDER BY documents DESC, e.name LIMIT 50",
            tuple(ids),
        )
    results = []
    seen: set[tuple[str, str]] = set()
    for hit in hits:
        kind, ref, doc = hit["kind"], hit["ref"], hit["document_id"]
        text = hit["snip"].replace(_MARK_OPEN, "").replace(_MARK_CLOSE, "")
        if (doc, text) in seen:  # a quote that is its whole sentence: show the passage once
            continue
        seen.add((doc, text))
        anchor = {"sentence": f"#s{ref}", "quote": f"#q{ref}"}.get(kind, "")
        results.append(
            {
                "kind": kind,
                "document": {"id": doc, "title": hit["title"], "published": hit["published"]},
                "link": f"/document/{doc}{anchor}",
                "snippet": _segments(hit["snip"]),
                "text": text,
            }
        )
    return {"query": q, "entities": entities, "results": results}


def _sentence_index_sql(doc_col: str, offset_col: str) -> str:
    return (
        f"(SELECT max(idx) FROM sentences s WHERE s.document_id = {doc_col}"
        f" AND s.start <= {offset_col})"
    )


def _entity_row(conn: sqlite3.Connection, entity_id: int) -> Row:
    row = conn.execute(
        "SELECT id, type, name, created_at FROM entities WHERE id = ?", (entity_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"No entity with id {entity_id}.")
    return dict(row)


#: The doc_entities rows of one entity (bind the entity id).
_OF = "(SELECT id FROM doc_entities WHERE entity_id = ?)"


def _marks(ids: list[int]) -> str:
    return ",".join("?" * len(ids)) or "NULL"


def _names(conn: sqlite3.Connection, entity: Row) -> list[Row]:
    """Every surface form documents use for the entity, most frequent first."""
    counts: dict[str, int] = defaultdict(int)
    for row in conn.execute(
        "SELECT m.text, count(*) AS n FROM mentions m"
        " JOIN doc_entities de ON de.id = m.doc_entity_id"
        " WHERE de.entity_id = ? AND m.form != 'pronoun' GROUP BY m.text",
        (entity["id"],),
    ):
        counts[row["text"]] += row["n"]
    for row in conn.execute(
        "SELECT name, aliases FROM doc_entities WHERE entity_id = ?", (entity["id"],)
    ):
        for name in [row["name"], *_loads(row["aliases"], [])]:
            counts.setdefault(name, 0)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    names = [{"name": n, "mentions": c} for n, c in ranked if n != entity["name"]]
    return names


def _documents_of(conn: sqlite3.Connection, entity_id: int) -> tuple[list[Row], int]:
    total = conn.execute(
        "SELECT count(DISTINCT document_id) FROM doc_entities WHERE entity_id = ?", (entity_id,)
    ).fetchone()[0]
    rows = _rows(
        conn,
        "WITH docs AS (SELECT d.id, d.title, d.site, d.published, count(m.id) AS mentions,"
        " min(CASE WHEN m.form != 'pronoun' THEN m.start END) AS first"
        " FROM doc_entities de JOIN documents d ON d.id = de.document_id"
        " LEFT JOIN mentions m ON m.doc_entity_id = de.id"
        " WHERE de.entity_id = ? GROUP BY d.id"
        " ORDER BY coalesce(d.published, '') DESC, d.id LIMIT ?)"
        " SELECT docs.*, s.idx AS sentence,"
        ' substr(body.text, s.start + 1, s."end" - s.start) AS sentence_text FROM docs'
        " LEFT JOIN sentences s ON s.document_id = docs.id AND s.idx = "
        + _sentence_index_sql("docs.id", "docs.first")
        + " LEFT JOIN documents body ON body.id = docs.id"
        " ORDER BY coalesce(docs.published, '') DESC, docs.id",
        (entity_id, DOSSIER_LIMIT),
    )
    docs = []
    for r in rows:
        del r["first"]
        idx, text = r.pop("sentence"), r.pop("sentence_text")
        found = {"text": text, "link": _sentence_link(r["id"], idx)} if idx is not None else None
        docs.append({**r, "first_mention": found})
    return docs, int(total)


def _offices(conn: sqlite3.Connection, entity_id: int) -> list[Row]:
    rows = _rows(
        conn,
        "SELECT r.id, r.title, r.of_doc_entity_id, r.date, r.date_basis, r.current, r.party,"
        ' r.region, r.document_id, r.start, r."end", d.title AS doc_title,'
        " d.published AS doc_published, "
        + _sentence_index_sql("r.document_id", "r.start")
        + " AS sentence FROM roles r JOIN documents d ON d.id = r.document_id"
        f" WHERE r.doc_entity_id IN {_OF} LIMIT ?",
        (entity_id, DOSSIER_LIMIT),
    )
    refs = _entity_refs(conn, [r["of_doc_entity_id"] for r in rows if r["of_doc_entity_id"]])
    offices = []
    for r in rows:
        date = r["date"] or r["doc_published"]
        offices.append(
            {
                "title": r["title"],
                "of": _ref(refs, r["of_doc_entity_id"]),
                "date": date,
                "date_basis": r["date_basis"] if r["date"] else ("document" if date else None),
                "current": None if r["current"] is None else bool(r["current"]),
                "party": r["party"],
                "region": r["region"],
                "document": {"id": r["document_id"], "title": r["doc_title"]},
                "link": _sentence_link(r["document_id"], r["sentence"]),
            }
        )
    offices.sort(key=lambda o: (*date_order(o["date"]), o["title"]))
    return offices


def date_order(date: str | None) -> tuple[bool, str]:
    """Sort key for full and partial ISO dates: dates without a year ("--12-14") come last."""
    return (date is None or date.startswith("--"), date or "")


def _sentence_link(doc_id: str, sentence: int | None) -> str:
    return f"/document/{doc_id}" + (f"#s{sentence}" if sentence is not None else "")


def _sure(conn: sqlite3.Connection, table: str, alias: str) -> str:
    """SQL that keeps rows at least as sure as the default minimum confidence (rows stored
    before rules carried a confidence, and databases from before migration 6, pass)."""
    columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
    if "confidence" not in columns:
        return "1"
    return f"({alias}.confidence IS NULL OR {alias}.confidence >= {Settings().min_confidence})"


def _claim_rows(conn: sqlite3.Connection, where: str, params: tuple[Any, ...]) -> list[Row]:
    where, _, order = where.partition(" ORDER BY ")
    order = f" ORDER BY {order}" if order else ""
    return _rows(
        conn,
        "SELECT c.*, d.title AS doc_title, d.published AS doc_published, "
        + _sentence_index_sql("c.document_id", "c.evidence_start")
        + " AS sentence FROM claims c JOIN documents d ON d.id = c.document_id"
        + f" WHERE ({where}) AND {_sure(conn, 'claims', 'c')}{order}",
        params,
    )


def _format_claims(
    conn: sqlite3.Connection, rows: list[Row], facts: Facts | None = None
) -> list[Row]:
    """Claims as dicts with entity names, evidence link and their independent sources
    (from `facts`, else from the facts around these claims)."""
    de_ids: list[int] = []
    for r in rows:
        de_ids += [
            x
            for x in (
                r["subject_doc_entity_id"],
                r["object_doc_entity_id"],
                r["place_doc_entity_id"],
            )
            if x
        ]
        de_ids += _loads(r["via"], [])
        speaker = _loads(r["attributes"], {}).get("speaker")
        if isinstance(speaker, int):
            de_ids.append(speaker)
    refs = _entity_refs(conn, de_ids)
    claims = []
    for r in rows:
        value = r["value_number"] if r["value_number"] is not None else r["value_text"]
        attributes = _loads(r["attributes"], {})
        if "speaker" in attributes:  # the document's entity row → the entity it belongs to
            attributes["speaker"] = _ref(refs, attributes["speaker"])
        claims.append(
            {
                "id": r["id"],
                "kind": r["kind"],
                "status": r["status"],
                "subject": _ref(refs, r["subject_doc_entity_id"]),
                "object": _ref(refs, r["object_doc_entity_id"]),
                "place": _ref(refs, r["place_doc_entity_id"]),
                "value": value,
                "unit": r["unit"],
                "date": r["date"],
                "document_date": r["doc_published"],
                "holder": r["holder"],
                "attributes": attributes,
                "via": [refs[v] for v in _loads(r["via"], []) if v in refs],
                "evidence": {
                    "document": r["document_id"],
                    "document_title": r["doc_title"],
                    "start": r["evidence_start"],
                    "end": r["evidence_end"],
                    "text": r["evidence_text"],
                    "link": _sentence_link(r["document_id"], r["sentence"]),
                },
            }
        )
    (facts or Facts.around(conn, claims)).attach(claims)
    return claims


def _contradictions(conn: sqlite3.Connection, facts: Facts) -> list[Row]:
    """Facts about the entity that cannot both hold: both sides as claims, each with its
    sentence and its own sources."""
    found = facts.disagreements(DOSSIER_LIMIT)
    ids = sorted({i for c in found for i in (c.left, c.right)})
    rows = _claim_rows(conn, f"c.id IN ({_marks(ids)})", tuple(ids)) if ids else []
    claims = {c["id"]: c for c in _format_claims(conn, rows, facts)}
    return [
        {"reason": c.reason, "sides": [claims[c.left], claims[c.right]]}
        for c in found
        if c.left in claims and c.right in claims
    ]


def _quotes(conn: sqlite3.Connection, where: str, params: tuple[Any, ...]) -> list[Row]:
    rows = _rows(
        conn,
        "SELECT q.*, d.title AS doc_title, d.published AS doc_published, "
        + _sentence_index_sql("q.document_id", "q.start")
        + " AS sentence FROM quotes q JOIN documents d ON d.id = q.document_id"
        + f" WHERE ({where}) AND {_sure(conn, 'quotes', 'q')}"
        " ORDER BY coalesce(d.published, '') DESC, q.id LIMIT ?",
        (*params, DOSSIER_LIMIT),
    )
    de_ids = [r["speaker_doc_entity_id"] for r in rows if r["speaker_doc_entity_id"]]
    for r in rows:
        de_ids += _loads(r["via"], [])
    refs = _entity_refs(conn, de_ids)
    return [
        {
            "id": r["id"],
            "text": r["text"],
            "kind": r["kind"],
            "speaker": _ref(refs, r["speaker_doc_entity_id"]),
            "speaker_reason": r["speaker_reason"],
            "cue": r["cue"],
            "via": [refs[v] for v in _loads(r["via"], []) if v in refs],
            "document": {"id": r["document_id"], "title": r["doc_title"]},
            "date": r["doc_published"],
            "link": f"/document/{r['document_id']}#q{r['id']}",
        }
        for r in rows
    ]


def _quotes_mentioning(conn: sqlite3.Connection, entity_id: int) -> list[Row]:
    """Quotes by other named speakers whose words mention the entity (by its resolved mentions)."""
    return _quotes(
        conn,
        "q.id IN (SELECT q2.id FROM doc_entities mine"
        " JOIN doc_entities other ON other.document_id = mine.document_id"
        " JOIN quotes q2 ON q2.speaker_doc_entity_id = other.id"
        " JOIN mentions m ON m.doc_entity_id = mine.id"
        '  AND m.start >= q2.start AND m."end" <= q2."end"'
        " WHERE mine.entity_id = ? AND other.entity_id != ?)",
        (entity_id, entity_id),
    )


def _claims_about(conn: sqlite3.Connection, entity_id: int, facts: Facts) -> list[Row]:
    """The entity's claims as subject or object, newest first, with their sources."""
    rows = _claim_rows(
        conn,
        f"c.subject_doc_entity_id IN {_OF} OR c.object_doc_entity_id IN {_OF}"
        " ORDER BY coalesce(c.date, d.published, '') DESC, c.id LIMIT ?",
        (entity_id, entity_id, DOSSIER_LIMIT),
    )
    return _format_claims(conn, rows, facts)


def entity_dossier(conn: sqlite3.Connection, entity_id: int) -> Row:
    """Everything the sources say about one entity, each line with the sentence it came from."""
    entity = _entity_row(conn, entity_id)
    documents, document_total = _documents_of(conn, entity_id)
    facts = Facts(conn, {entity_id})
    claims = _claims_about(conn, entity_id, facts)
    groups: dict[str, list[Row]] = defaultdict(list)
    for claim in claims:
        groups[claim["kind"]].append(claim)
    order = {kind: i for i, kind in enumerate(CLAIM_KINDS)}
    quotes_by = _quotes(conn, f"q.speaker_doc_entity_id IN {_OF}", (entity_id,))
    names = _names(conn, entity)
    quotes_about = _quotes_mentioning(conn, entity_id)
    return {
        "entity": entity,
        "names": names,
        "offices": _offices(conn, entity_id),
        "claims": claims,
        "claim_groups": [
            {"kind": k, "claims": v}
            for k, v in sorted(groups.items(), key=lambda kv: (order.get(kv[0], 99), kv[0]))
        ],
        "contradictions": _contradictions(conn, facts),
        "quotes_by": quotes_by,
        "quotes_about": quotes_about,
        "documents": documents,
        "document_total": document_total,
        "limit": DOSSIER_LIMIT,
    }


def document_view(conn: sqlite3.Connection, doc_id: str) -> Row:
    """One document: metadata, where its date came from, and its text split for highlighting."""
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        raise NotFound(f"No document with id {doc_id!r}.")
    doc = dict(row)
    text: str = doc.pop("text")
    sentences = _rows(
        conn,
        'SELECT idx, start, "end", paragraph FROM sentences WHERE document_id = ? ORDER BY idx',
        (doc_id,),
    )
    mentions = _rows(
        conn,
        'SELECT m.start, m."end", m.form, de.entity_id, e.type, e.name FROM mentions m'
        " JOIN doc_entities de ON de.id = m.doc_entity_id JOIN entities e ON e.id = de.entity_id"
        " WHERE de.document_id = ? ORDER BY m.start",
        (doc_id,),
    )
    quotes = _quotes(conn, "q.document_id = ?", (doc_id,))
    quote_spans = {
        r["id"]: (r["start"], r["end"])
        for r in conn.execute(
            'SELECT id, start, "end" FROM quotes WHERE document_id = ?', (doc_id,)
        )
    }
    claims = _format_claims(
        conn, _claim_rows(conn, "c.document_id = ? ORDER BY c.evidence_start", (doc_id,))
    )
    entities = _rows(
        conn,
        "SELECT e.id, e.name, e.type, count(m.id) AS mentions FROM doc_entities de"
        " JOIN entities e ON e.id = de.entity_id LEFT JOIN mentions m ON m.doc_entity_id = de.id"
        " WHERE de.document_id = ? GROUP BY e.id ORDER BY mentions DESC, e.name",
        (doc_id,),
    )
    claim_sentences: dict[int, list[str]] = defaultdict(list)
    for c in claims:
        anchor = c["evidence"]["link"].partition("#s")[2]
        if anchor:
            claim_sentences[int(anchor)].append(c["kind"])
    doc["authors"] = _loads(doc["authors"], [])
    doc["warnings"] = _loads(doc["warnings"], [])
    doc["date_source"] = DATE_SOURCES.get(doc["published_from"], doc["published_from"])
    doc["safe_url"] = doc["url"] if _is_web_url(doc["url"]) else None
    return {
        "document": doc,
        "text": text,
        "paragraphs": _paragraphs(text, sentences, mentions, quote_spans, claim_sentences),
        "entities": entities,
        "quotes": quotes,
        "claims": claims,
    }


def _is_web_url(url: str | None) -> bool:
    return bool(url) and re.match(r"https?://", url or "", re.IGNORECASE) is not None


def _paragraphs(
    text: str,
    sentences: list[Row],
    mentions: list[Row],
    quotes: dict[int, tuple[int, int]],
    claim_sentences: dict[int, list[str]],
) -> list[Row]:
    """Split the body into paragraphs → sentences → pieces marked with entity and quote."""
    if not sentences:
        sentences = [{"idx": 0, "start": 0, "end": len(text), "paragraph": 0}]
    paragraphs: list[Row] = []
    for s in sentences:
        if not paragraphs or paragraphs[-1]["index"] != s["paragraph"]:
            paragraphs.append({"index": s["paragraph"], "sentences": []})
        pieces = _pieces(text, s["start"], s["end"], mentions, quotes)
        paragraphs[-1]["sentences"].append(
            {
                "idx": s["idx"],
                "start": s["start"],
                "end": s["end"],
                "claims": claim_sentences.get(s["idx"], []),
                "pieces": pieces,
            }
        )
    return paragraphs


def _pieces(
    text: str,
    start: int,
    end: int,
    mentions: list[Row],
    quotes: dict[int, tuple[int, int]],
) -> list[Row]:
    """Cut text[start:end] at every mention and quote boundary inside it."""
    inside = [m for m in mentions if m["start"] < end and m["end"] > start]
    cuts = {start, end}
    for m in inside:
        cuts.update((max(start, m["start"]), min(end, m["end"])))
    quote_starts: dict[int, int] = {}
    for qid, (qs, qe) in quotes.items():
        if qs < end and qe > start:
            cuts.update((max(start, qs), min(end, qe)))
        if start <= qs < end:
            quote_starts[qs] = qid
    points = sorted(cuts)
    pieces = []
    for a, b in pairwise(points):
        mention = next((m for m in inside if m["start"] <= a and b <= m["end"]), None)
        in_quote = any(qs <= a and b <= qe for qs, qe in quotes.values())
        pieces.append(
            {
                "text": text[a:b],
                "entity": (
                    {"id": mention["entity_id"], "type": mention["type"], "name": mention["name"]}
                    if mention
                    else None
                ),
                "quote": in_quote,
                "quote_id": quote_starts.get(a),
            }
        )
    return pieces


def graph(conn: sqlite3.Connection, entity_id: int, limit: int = 20) -> Row:
    """The entity's neighbourhood: claim edges, plus entities named in the same documents."""
    centre = _entity_row(conn, entity_id)
    edges: dict[tuple[int, int, str], Row] = {}
    nodes: dict[int, Row] = {centre["id"]: {**centre, "centre": True}}
    claim_rows = _rows(
        conn,
        "SELECT c.kind, c.status, s.entity_id AS s_id, o.entity_id AS o_id FROM claims c"
        " JOIN doc_entities s ON s.id = c.subject_doc_entity_id"
        " JOIN doc_entities o ON o.id = c.object_doc_entity_id"
        f" WHERE c.subject_doc_entity_id IN {_OF} OR c.object_doc_entity_id IN {_OF}"
        " LIMIT 1000",
        (entity_id, entity_id),
    )
    for r in claim_rows:
        key = (r["s_id"], r["o_id"], r["kind"])
        edge = edges.setdefault(
            key, {"source": r["s_id"], "target": r["o_id"], "kind": r["kind"], "count": 0}
        )
        edge["count"] += 1
    together = _rows(
        conn,
        "SELECT other.entity_id AS id, count(DISTINCT other.document_id) AS n"
        " FROM doc_entities mine JOIN doc_entities other ON other.document_id = mine.document_id"
        " WHERE mine.entity_id = ? AND other.entity_id != ?"
        " GROUP BY other.entity_id ORDER BY n DESC LIMIT ?",
        (entity_id, entity_id, limit),
    )
    for r in together:
        edges.setdefault(
            (entity_id, r["id"], "co-mentioned"),
            {"source": entity_id, "target": r["id"], "kind": "co-mentioned", "count": r["n"]},
        )
    ids = {e["source"] for e in edges.values()} | {e["target"] for e in edges.values()}
    ids.discard(entity_id)
    if ids:
        for r in _rows(
            conn,
            f"SELECT id, type, name FROM entities WHERE id IN ({_marks(sorted(ids))})",
            tuple(sorted(ids)),
        ):
            nodes[r["id"]] = {**r, "centre": False}
    return {
        "entity": centre,
        "nodes": list(nodes.values()),
        "edges": [e for e in edges.values() if e["source"] in nodes and e["target"] in nodes],
    }


def timeline(conn: sqlite3.Connection, entity_id: int | None = None, limit: int = 300) -> Row:
    """Dated events — offices, claims, quotes, publications — oldest first."""
    events: list[Row] = []
    entity = None
    if entity_id is not None:
        # Only the dated parts of a dossier: no documents, names or contradictions.
        entity = _entity_row(conn, entity_id)
        dossier = {
            "offices": _offices(conn, entity_id),
            "claims": _claims_about(conn, entity_id, Facts(conn, {entity_id})),
            "quotes_by": _quotes(conn, f"q.speaker_doc_entity_id IN {_OF}", (entity_id,)),
        }
        for o in dossier["offices"]:
            if o["date"]:
                label = o["title"] + (f" of {o['of']['name']}" if o["of"] else "")
                events.append(_event(o["date"], "office", label, o["link"], o["document"]))
        for c in dossier["claims"]:
            date = c["date"] or c["document_date"]
            if date:
                events.append(
                    _event(
                        date,
                        c["kind"],
                        c["evidence"]["text"],
                        c["evidence"]["link"],
                        {"id": c["evidence"]["document"], "title": c["evidence"]["document_title"]},
                        status=c["status"],
                    )
                )
        for q in dossier["quotes_by"]:
            if q["date"]:
                events.append(_event(q["date"], "quote", q["text"], q["link"], q["document"]))
    else:
        for d in _rows(
            conn,
            "SELECT id, title, published FROM documents WHERE published IS NOT NULL"
            " ORDER BY published DESC LIMIT ?",
            (limit,),
        ):
            events.append(
                _event(
                    d["published"],
                    "document",
                    d["title"] or d["id"],
                    f"/document/{d['id']}",
                    {"id": d["id"], "title": d["title"]},
                )
            )
    events.sort(key=lambda e: date_order(e["date"]))
    return {"entity": entity, "events": _merge_events(events)[-limit:]}


def _merge_events(events: list[Row]) -> list[Row]:
    """One line per sentence and date: a sentence stating a meeting and a position shows once."""
    merged: dict[tuple[str, str, str], Row] = {}
    for event in events:
        key = (event["date"], event["link"], event["text"])
        if key not in merged:
            merged[key] = event
            continue
        first = merged[key]
        if event["kind"] not in first["kinds"]:
            first["kinds"].append(event["kind"])
        if event["status"] and event["status"] not in first["statuses"]:
            first["statuses"].append(event["status"])
    return list(merged.values())


def _event(
    date: str, kind: str, text: str, link: str, document: Row, status: str | None = None
) -> Row:
    return {
        "date": date,
        "kind": kind,
        "kinds": [kind],
        "text": text,
        "link": link,
        "document": document,
        "status": status,
        "statuses": [status] if status else [],
    }
