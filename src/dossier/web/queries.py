"""Read-side queries of the web UI: plain functions over a read-only connection → plain dicts.

Every page and its JSON twin are built from the same dict, so what a browser shows and what
`/x.json` returns cannot drift apart. Nothing here writes, and the connection refuses
writes (`connect_readonly`).
"""

from __future__ import annotations

import json
import re
import sqlite3
from bisect import bisect_right
from collections import defaultdict
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..errors import BadQuery, NotFound, StoreError
from ..settings import Settings
from ..store.connect import connect
from .facts import Facts
from .listing import Filters, document_where, order_by, outlets, paging

Row = dict[str, Any]

#: Longest search query accepted, in characters.
MAX_QUERY_CHARS = 200
#: Search hits on a page unless `per_page` (or the older `limit`) says otherwise.
SEARCH_LIMIT = 50

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
    """Open a Dossier database for reading only (`PRAGMA query_only`, or `mode=ro` where the
    file cannot be written), so the web UI can never change it."""
    if not path.is_file():
        raise StoreError(f"{path}: no such database; run `dossier add` first.")
    conn = connect(str(path), create=False, readonly=True)
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


#: What a search hit can be, for the `kind` filter of the search page.
SEARCH_KINDS = ("sentence", "quote", "title")


def search(
    conn: sqlite3.Connection, q: str, limit: int = SEARCH_LIMIT, filters: Filters | None = None
) -> Row:
    """Full-text search over sentences, quotes, titles and names; entities listed once each.

    Hits are one page of `filters` (outlet, date range, kind of hit; sorted by relevance or
    date), each with its document's outlet and date, and `paging` gives their true total.
    """
    match = fts_query(q)
    if not 1 <= limit <= 500:
        raise BadQuery("limit must be between 1 and 500.")
    filters = filters or Filters(per_page=limit)
    where, params = document_where(filters)
    if filters.kind:
        where += " AND i.kind = ?"
        params.append(filters.kind)
    order = (
        "rank" if filters.sort in ("relevance", "") else order_by(filters, "d.published") + ", rank"
    )
    try:
        entity_rows = _rows(
            conn,
            "SELECT DISTINCT de.entity_id AS id FROM search_fts"
            " JOIN search_items i ON i.id = search_fts.rowid"
            " JOIN doc_entities de ON de.id = i.doc_entity_id"
            " WHERE search_fts MATCH ? AND i.kind = 'entity' LIMIT 200",
            (match,),
        )
        scope = (
            " FROM search_fts JOIN search_items i ON i.id = search_fts.rowid"
            " JOIN documents d ON d.id = i.document_id"
            f" WHERE search_fts MATCH ? AND i.kind != 'entity' AND {where}"
        )
        total = conn.execute("SELECT count(*)" + scope, (match, *params)).fetchone()[0]
        hits = _rows(
            conn,
            "SELECT i.kind, i.sentence_idx, i.quote_id, i.document_id, d.title, d.site,"
            " d.published,"
            f" snippet(search_fts, 0, '{_MARK_OPEN}', '{_MARK_CLOSE}', '…', 24) AS snip"
            + scope
            + f" ORDER BY {order} LIMIT ? OFFSET ?",
            (match, *params, filters.per_page, filters.offset),
        )
    except sqlite3.OperationalError as exc:
        raise BadQuery(f"Cannot search for {q!r}: {exc}.") from exc
    entities: list[Row] = []
    ids = [r["id"] for r in entity_rows]
    if ids:
        marks = ",".join("?" * len(ids))
        # entity_documents (migration 8) holds each entity's documents once
        entities = _rows(
            conn,
            "SELECT e.id, e.name, e.type, count(*) AS documents FROM entities e"
            f" JOIN entity_documents ed ON ed.entity_id = e.id WHERE e.id IN ({marks})"
            " GROUP BY e.id ORDER BY documents DESC, e.name",
            tuple(ids),
        )
    results = []
    seen: set[tuple[str, str]] = set()
    for hit in hits:
        kind, doc = hit["kind"], hit["document_id"]
        text = hit["snip"].replace(_MARK_OPEN, "").replace(_MARK_CLOSE, "")
        if (doc, text) in seen:  # a quote that is its whole sentence: show the passage once
            continue
        seen.add((doc, text))
        anchor = {"sentence": f"#s{hit['sentence_idx']}", "quote": f"#q{hit['quote_id']}"}.get(
            kind, ""
        )
        results.append(
            {
                "kind": kind,
                "sentence": hit["sentence_idx"],
                "quote": hit["quote_id"],
                "document": {
                    "id": doc,
                    "title": hit["title"],
                    "site": hit["site"],
                    "published": hit["published"],
                },
                "link": f"/document/{doc}{anchor}",
                "snippet": _segments(hit["snip"]),
                "text": text,
            }
        )
    return {
        "query": q,
        "entities": entities,
        "results": results,
        "filters": filters.active(),
        "sort": filters.sort,
        "outlets": outlets(conn),
        "paging": paging(filters, int(total)),
    }


def _sentence_index_sql(doc_col: str, offset_col: str) -> str:
    return (
        f"(SELECT max(idx) FROM sentences s WHERE s.document_id = {doc_col}"
        f" AND s.start <= {offset_col})"
    )


def sentence_indexes(
    conn: sqlite3.Connection, places: list[tuple[str, int | None]]
) -> list[int | None]:
    """The sentence holding each (document, character offset): the last one that starts at or
    before it, as `_sentence_index_sql` reads it. Looked up once a page of rows is chosen, so
    the rows a page leaves out are never matched to their sentences."""
    docs = sorted({doc for doc, offset in places if offset is not None})
    starts: dict[str, list[int]] = defaultdict(list)
    last: dict[str, list[int]] = defaultdict(list)  # highest index among sentences so far
    for i in range(0, len(docs), 500):
        part = docs[i : i + 500]
        for doc, start, idx in conn.execute(
            "SELECT document_id, start, idx FROM sentences"
            f" WHERE document_id IN ({','.join('?' * len(part))}) ORDER BY document_id, start",
            part,
        ):
            seen = last[doc]
            starts[doc].append(start)
            seen.append(max(idx, seen[-1]) if seen else idx)
    found: list[int | None] = []
    for doc, offset in places:
        at = bisect_right(starts.get(doc, []), offset) if offset is not None else 0
        found.append(last[doc][at - 1] if at else None)
    return found


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


def _claim_rows(
    conn: sqlite3.Connection, where: str, params: tuple[Any, ...], sure_only: bool = True
) -> list[Row]:
    """Claims matching `where` with their document's title, date and outlet; unsure ones are
    left out unless `sure_only` is False (the caller's `where` then decides, as the web
    filters' `confidence` does)."""
    where, _, order = where.partition(" ORDER BY ")
    order = f" ORDER BY {order}" if order else ""
    sure = f" AND {_sure(conn, 'claims', 'c')}" if sure_only else ""
    rows = _rows(
        conn,
        "SELECT c.*, d.title AS doc_title, d.published AS doc_published, d.site AS doc_site"
        f" FROM claims c JOIN documents d ON d.id = c.document_id WHERE ({where}){sure}{order}",
        params,
    )
    # the sentences are read after the ORDER BY and LIMIT: in the query they were matched for
    # every claim sorted, not only the page's
    places = [(r["document_id"], r["evidence_start"]) for r in rows]
    for r, sentence in zip(rows, sentence_indexes(conn, places), strict=True):
        r["sentence"] = sentence
    return rows


def _format_claims(
    conn: sqlite3.Connection, rows: list[Row], facts: Facts | None = None, sources: bool = True
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
                    "outlet": r["doc_site"],
                    "start": r["evidence_start"],
                    "end": r["evidence_end"],
                    "text": r["evidence_text"],
                    "link": _sentence_link(r["document_id"], r["sentence"]),
                },
            }
        )
    if sources:
        (facts or Facts.around(conn, claims)).attach(claims)
    return claims


def _quotes(
    conn: sqlite3.Connection,
    where: str,
    params: tuple[Any, ...],
    order: str = "coalesce(d.published, '') DESC",
    limit: int = -1,
    offset: int = 0,
) -> list[Row]:
    """Quotes matching `where` (on `q` and its document `d`), each with speaker, reporting
    chain, outlet, date and a link to it in its article; `limit` -1 means all."""
    rows = _rows(
        conn,
        "SELECT q.*, d.title AS doc_title, d.published AS doc_published, d.site AS doc_site"
        " FROM quotes q JOIN documents d ON d.id = q.document_id"
        f" WHERE ({where}) AND {_sure(conn, 'quotes', 'q')}"
        f" ORDER BY {order}, q.id LIMIT ? OFFSET ?",
        (*params, limit, offset),
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
            "document": {"id": r["document_id"], "title": r["doc_title"], "site": r["doc_site"]},
            "date": r["doc_published"],
            "link": f"/document/{r['document_id']}#q{r['id']}",
        }
        for r in rows
    ]


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
