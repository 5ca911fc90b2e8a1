"""One entity's dossier and timeline: every list paged with its true total, under the filters.

Offices are merged across articles into spans (the same title, of the same body, from the
first date a source states it to the last), each with the outlets that state it. Claims,
quotes and documents are filtered by outlet and date (claims also by kind, status and
confidence) and paged; the timeline reads all of them, not a page.
"""

from __future__ import annotations

import re
import sqlite3
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import replace
from typing import Any

from ..records import CLAIM_KINDS
from .facts import Facts, remembered
from .listing import Filters, claim_where, document_where, order_by, outlets, paging
from .queries import (
    _OF,
    Row,
    _claim_rows,
    _entity_refs,
    _entity_row,
    _format_claims,
    _marks,
    _names,
    _quotes,
    _ref,
    _rows,
    _sentence_index_sql,
    _sentence_link,
    _sure,
    date_order,
)


def _count(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> int:
    return int(conn.execute(sql, params).fetchone()[0])


def documents_of(
    conn: sqlite3.Connection, entity_id: int, filters: Filters
) -> tuple[list[Row], int]:
    """The entity's documents under the filters (one page), each with the sentence that first
    names the entity; and how many there are in all."""
    where, params = document_where(filters)
    order = order_by(filters, "d.published").replace("d.", "docs.")
    if by_index(conn, filters):
        total = _count(
            conn, "SELECT count(*) FROM entity_documents WHERE entity_id = ?", (entity_id,)
        )
        shown = [
            str(r[0])
            for r in conn.execute(
                "SELECT document_id FROM entity_documents WHERE entity_id = ?"
                " ORDER BY sort_date DESC, document_id LIMIT ? OFFSET ?",
                (entity_id, filters.per_page, filters.offset),
            )
        ]
        page = (
            "SELECT d.id, d.title, d.site, d.url, d.published FROM documents d"
            f" WHERE d.id IN ({','.join('?' * len(shown))})"
        )
        page_params: tuple[Any, ...] = tuple(shown)
    else:
        total = _count(
            conn,
            "SELECT count(DISTINCT de.document_id) FROM doc_entities de"
            f" JOIN documents d ON d.id = de.document_id WHERE de.entity_id = ? AND {where}",
            (entity_id, *params),
        )
        page = (
            "SELECT d.id, d.title, d.site, d.url, d.published"
            " FROM doc_entities de JOIN documents d ON d.id = de.document_id"
            f" WHERE de.entity_id = ? AND {where} GROUP BY d.id"
            f" ORDER BY {order_by(filters, 'd.published')}, d.id LIMIT ? OFFSET ?"
        )
        page_params = (entity_id, *params, filters.per_page, filters.offset)
    rows = _rows(
        conn,
        # the page of documents is chosen first; only its documents' mentions are counted
        f"WITH page AS ({page}),"
        " docs AS (SELECT page.*, count(m.id) AS mentions,"
        " min(CASE WHEN m.form != 'pronoun' THEN m.start END) AS first FROM page"
        " JOIN doc_entities de ON de.document_id = page.id AND +de.entity_id = ?"
        " LEFT JOIN mentions m ON m.doc_entity_id = de.id GROUP BY page.id)"
        " SELECT docs.*, s.idx AS sentence,"
        ' substr(body.text, s.start + 1, s."end" - s.start) AS sentence_text FROM docs'
        " LEFT JOIN sentences s ON s.document_id = docs.id AND s.idx = "
        + _sentence_index_sql("docs.id", "docs.first")
        + f" LEFT JOIN documents body ON body.id = docs.id ORDER BY {order}, docs.id",
        (*page_params, entity_id),
    )
    docs = []
    for r in rows:
        del r["first"]
        idx, text = r.pop("sentence"), r.pop("sentence_text")
        found = {"text": text, "link": _sentence_link(r["id"], idx)} if idx is not None else None
        docs.append({**r, "first_mention": found})
    return docs, total


def office_spans(conn: sqlite3.Connection, entity_id: int, filters: Filters) -> list[Row]:
    """Each office the sources give the entity once: the same title of the same body, merged
    across articles into a span from its earliest to its latest date, with every source."""
    where, params = document_where(filters, "coalesce(r.date, d.published)")
    rows = _rows(
        conn,
        "SELECT r.title, r.of_doc_entity_id, r.date, r.date_basis, r.current, r.party,"
        " r.region, r.document_id, d.title AS doc_title, d.site AS doc_site,"
        " d.published AS doc_published, "
        + _sentence_index_sql("r.document_id", "r.start")
        + " AS sentence FROM roles r JOIN documents d ON d.id = r.document_id"
        f" WHERE r.doc_entity_id IN {_OF} AND {where}",
        (entity_id, *params),
    )
    refs = _entity_refs(conn, [r["of_doc_entity_id"] for r in rows if r["of_doc_entity_id"]])
    spans: dict[tuple[str, int | None], Row] = {}
    titles: dict[tuple[str, int | None], Counter[str]] = defaultdict(Counter)
    for r in rows:
        of = _ref(refs, r["of_doc_entity_id"])
        key = (" ".join(r["title"].casefold().split()), of["id"] if of else None)
        titles[key][r["title"]] += 1
        date = r["date"] or r["doc_published"]
        span = spans.setdefault(
            key, {"of": of, "party": None, "region": None, "current": None, "sources": []}
        )
        span["party"] = span["party"] or r["party"]
        span["region"] = span["region"] or r["region"]
        if r["current"] is not None:  # "former" anywhere wins over an unknown
            span["current"] = bool(r["current"]) and span["current"] is not False
        span["sources"].append(
            {
                "outlet": r["doc_site"],
                "date": date,
                "date_basis": r["date_basis"] if r["date"] else ("document" if date else None),
                "document": {
                    "id": r["document_id"],
                    "title": r["doc_title"],
                    "site": r["doc_site"],
                },
                "link": _sentence_link(r["document_id"], r["sentence"]),
            }
        )
    result = []
    for key, span in spans.items():
        span["sources"].sort(key=lambda s: date_order(s["date"]))
        dated = [s["date"] for s in span["sources"] if s["date"] and not s["date"].startswith("--")]
        outlet_names = sorted({s["outlet"] for s in span["sources"] if s["outlet"]})
        result.append(
            {
                "title": titles[key].most_common(1)[0][0],
                **span,
                "from": min(dated) if dated else None,
                "to": max(dated) if dated else None,
                "outlets": outlet_names,
                "documents": len({s["document"]["id"] for s in span["sources"]}),
            }
        )
    result.sort(key=lambda o: (*date_order(o["from"]), o["title"]))
    return result


def claims_about(
    conn: sqlite3.Connection,
    entity_id: int,
    filters: Filters,
    facts: Facts | None = None,
    everything: bool = False,
) -> tuple[list[Row], int]:
    """The entity's claims as subject or object under the filters (one page, or all), with
    their sources when `facts` is given; and how many match in all."""
    where, params = claim_where(conn, filters)
    date = "coalesce(c.date, d.published)"
    if not everything and by_index(conn, filters):
        # kind, status and confidence only: entity_claims carries them
        mine = f"ec.entity_id = ? AND {_CLAIM_ALIAS.sub('ec.', where)}"
        total = _count(
            conn,
            f"SELECT coalesce(sum(n), 0) FROM entity_claim_counts ec WHERE {mine}",
            (entity_id, *params),
        )
        shown = [
            int(r[0])
            for r in conn.execute(
                f"SELECT claim_id FROM entity_claims ec WHERE {mine}"
                " ORDER BY ec.sort_date DESC, ec.claim_id LIMIT ? OFFSET ?",
                (entity_id, *params, filters.per_page, filters.offset),
            )
        ]
        rows = _claim_rows(
            conn, f"c.id IN ({_marks(shown)}) ORDER BY {order_by(filters, date)}, c.id",
            tuple(shown), sure_only=False,
        ) if shown else []  # fmt: skip
        return _format_claims(conn, rows, facts, sources=facts is not None), total
    scope = f"(c.subject_doc_entity_id IN {_OF} OR c.object_doc_entity_id IN {_OF}) AND {where}"
    bound = (entity_id, entity_id, *params)
    total = _count(
        conn,
        f"SELECT count(*) FROM claims c JOIN documents d ON d.id = c.document_id WHERE {scope}",
        bound,
    )
    limit, offset = (-1, 0) if everything else (filters.per_page, filters.offset)
    rows = _claim_rows(
        conn, f"{scope} ORDER BY {order_by(filters, date)}, c.id LIMIT ? OFFSET ?",
        (*bound, limit, offset), sure_only=False,
    )  # fmt: skip
    return _format_claims(conn, rows, facts, sources=facts is not None), total


def claim_kinds(conn: sqlite3.Connection, entity_id: int, filters: Filters) -> list[Row]:
    """How many of the entity's claims each kind has, under every filter but the kind."""
    where, params = claim_where(conn, replace(filters, kind=""))
    if by_index(conn, filters):
        sql = (
            "SELECT ec.kind, sum(ec.n) FROM entity_claim_counts ec"
            f" WHERE ec.entity_id = ? AND {_CLAIM_ALIAS.sub('ec.', where)} GROUP BY ec.kind"
        )
        bound: tuple[Any, ...] = (entity_id, *params)
    else:
        sql = (
            "SELECT c.kind, count(*) FROM claims c JOIN documents d ON d.id = c.document_id"
            f" WHERE (c.subject_doc_entity_id IN {_OF} OR c.object_doc_entity_id IN {_OF})"
            f" AND {where} GROUP BY c.kind"
        )
        bound = (entity_id, entity_id, *params)
    found = {k: n for k, n in conn.execute(sql, bound).fetchall() if n}
    order = {kind: i for i, kind in enumerate(CLAIM_KINDS)}
    return [
        {"kind": k, "count": n}
        for k, n in sorted(found.items(), key=lambda kv: order.get(kv[0], 99))
    ]


def quotes_by(conn: sqlite3.Connection, entity_id: int, filters: Filters) -> tuple[list[Row], int]:
    """Quotes the entity is the speaker of under the outlet and date filters: one page and
    the total of those a reader is shown (the unsure ones left out, as `quotes_of` does)."""
    if not by_index(conn, filters):
        return quotes_of(conn, f"q.speaker_doc_entity_id IN {_OF}", (entity_id,), filters)
    total = _count(
        conn,
        "SELECT count(*) FROM entity_quotes eq WHERE eq.entity_id = ?"
        f" AND {_sure(conn, 'entity_quotes', 'eq')}",
        (entity_id,),
    )
    shown = [
        int(r[0])
        for r in conn.execute(
            f"SELECT quote_id FROM entity_quotes eq WHERE eq.entity_id = ?"
            f" AND {_sure(conn, 'entity_quotes', 'eq')}"
            " ORDER BY eq.sort_date DESC, eq.quote_id LIMIT ? OFFSET ?",
            (entity_id, filters.per_page, filters.offset),
        )
    ]
    found = _quotes(conn, f"q.id IN ({_marks(shown)})", tuple(shown)) if shown else []
    return found, total


#: Claim columns in `listing.claim_where`'s conditions, read from entity_claims instead.
_CLAIM_ALIAS = re.compile(r"\bc\.")


def by_index(conn: sqlite3.Connection, filters: Filters) -> bool:
    """Whether a list can be read from the per-entity tables (resolve/aggregates.py): in its
    default order, newest first, and not narrowed by outlet or date, which they do not hold
    (kind, status and confidence they do)."""
    if filters.outlet or filters.since or filters.until or filters.sort not in ("", "newest"):
        return False
    return (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'entity_claim_counts'"
        ).fetchone()
        is not None
    )


def quotes_of(
    conn: sqlite3.Connection, where: str, bound: tuple[Any, ...], filters: Filters
) -> tuple[list[Row], int]:
    """Quotes matching `where` under the outlet and date filters: one page and the total,
    both without the unsure ones, so that the last page holds what the total promises."""
    docs, params = document_where(filters)
    scope = f"{where} AND {docs}"
    total = _count(
        conn,
        "SELECT count(*) FROM quotes q JOIN documents d ON d.id = q.document_id"
        f" WHERE {scope} AND {_sure(conn, 'quotes', 'q')}",
        (*bound, *params),
    )
    found = _quotes(
        conn, scope, (*bound, *params), order_by(filters, "d.published"),
        filters.per_page, filters.offset,
    )  # fmt: skip
    return found, total


def quotes_mentioning(
    conn: sqlite3.Connection, entity_id: int, filters: Filters
) -> tuple[list[Row], int]:
    """Quotes by other named speakers whose words name the entity (by its resolved mentions),
    under the outlet and date filters: one page and the total. The quotes of the entity's
    documents are matched against its mentions here, which is quicker than a join by offsets;
    the matching ids are kept for the next pages until the database changes."""
    key = ("quotes_mentioning", entity_id, filters.outlet, filters.since, filters.until,
           filters.sort)  # fmt: skip
    ids = remembered(conn, key, lambda: _quotes_naming(conn, entity_id, filters))
    shown = ids[filters.offset : filters.offset + filters.per_page]
    order = {qid: i for i, qid in enumerate(shown)}
    found = _quotes(conn, f"q.id IN ({_marks(shown)})", tuple(shown)) if shown else []
    return sorted(found, key=lambda q: order[q["id"]]), len(ids)


def _quotes_naming(conn: sqlite3.Connection, entity_id: int, filters: Filters) -> list[int]:
    """Ids of the quotes by other speakers that hold a mention of the entity, in page order."""
    plain = conn.cursor()
    plain.row_factory = None  # thousands of rows: tuples, not sqlite3.Row
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for doc, start, end in plain.execute(
        'SELECT m.document_id, m.start, m."end" FROM mentions m'
        " JOIN doc_entities de ON de.id = m.doc_entity_id WHERE de.entity_id = ?",
        (entity_id,),
    ):
        spans[doc].append((start, end))
    where, params = document_where(filters)
    for named in spans.values():
        named.sort()
    return [
        qid
        for qid, doc, start, end in plain.execute(
            'SELECT q.id, q.document_id, q.start, q."end" FROM quotes q'
            " JOIN doc_entities other ON other.id = q.speaker_doc_entity_id"
            " JOIN documents d ON d.id = q.document_id"
            " WHERE q.document_id IN (SELECT document_id FROM doc_entities WHERE entity_id = ?)"
            f" AND other.entity_id != ? AND {where}"
            f" ORDER BY {order_by(filters, 'd.published')}, q.id",
            (entity_id, entity_id, *params),
        )
        if _holds(spans.get(doc, []), start, end)
    ]


def _holds(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether one of the sorted (start, end) spans lies within start..end."""
    i = bisect_left(spans, (start, -1))
    while i < len(spans) and spans[i][0] < end:
        if spans[i][1] <= end:
            return True
        i += 1
    return False


def entity_outlets(conn: sqlite3.Connection, entity_id: int) -> list[Row]:
    """The outlets of the entity's documents, with how many of them each published."""
    if not by_index(conn, Filters()):
        return outlets(
            conn, "SELECT document_id FROM doc_entities WHERE entity_id = ?", (entity_id,)
        )
    return [
        {"name": r[0], "documents": r[1]}
        for r in conn.execute(
            "SELECT site, count(*) FROM entity_documents WHERE entity_id = ? GROUP BY site"
            " HAVING site IS NOT NULL ORDER BY count(*) DESC, site",
            (entity_id,),
        )
    ]


def contradiction_filters(filters: Filters) -> Filters:
    """Contradictions come a fifth as many to a page as other lines: each is two claims
    with their sources, and a busy name has hundreds."""
    return replace(filters, per_page=max(1, filters.per_page // 5))


def contradictions(
    conn: sqlite3.Connection, facts: Facts, filters: Filters
) -> tuple[list[Row], int]:
    """Facts about the entity that cannot both hold (one page): both sides as claims, each
    with its sentence and its own sources; and how many there are."""
    filters = contradiction_filters(filters)
    found = facts.disagreements(1_000_000)
    shown = found[filters.offset : filters.offset + filters.per_page]
    ids = sorted({i for c in shown for i in (c.left, c.right)})
    rows = _claim_rows(conn, f"c.id IN ({_marks(ids)})", tuple(ids)) if ids else []
    claims = {c["id"]: c for c in _format_claims(conn, rows, facts)}
    return [
        {"reason": c.reason, "sides": [claims[c.left], claims[c.right]]}
        for c in shown
        if c.left in claims and c.right in claims
    ], len(found)


#: Sentences listed under an office span on a dossier page (the latest), and sources listed
#: under a claim's fact (those with the most reports); `source_total` counts all of them (a
#: president's office is stated in thousands of articles, and pages with no known outlet are
#: each a source of their own).
OFFICE_SOURCES_SHOWN = 20


def _leading_sources(claims: list[Row], shown: int | None) -> None:
    """Give each claim's corroboration only its `shown` sources with the most reports (all
    when None), with `source_total`; claims of one fact share one trimmed copy."""
    trimmed: dict[int, Row] = {}
    for claim in claims:
        facts = claim.get("corroboration")
        if not facts:
            continue
        if id(facts) not in trimmed:
            sources = facts["sources"]
            leading = sorted(sources, key=lambda source: -source["count"])
            listed = leading if shown is None else leading[:shown]
            trimmed[id(facts)] = {**facts, "sources": listed, "source_total": len(sources)}
        claim["corroboration"] = trimmed[id(facts)]


def _latest_sources(span: Row, shown: int | None) -> Row:
    """The span with only its `shown` latest sources listed (all when None), and their total."""
    sources = span["sources"]
    listed = sources if shown is None else sources[max(0, len(sources) - shown) :]
    return {**span, "sources": listed, "source_total": len(sources)}


def entity_dossier(
    conn: sqlite3.Connection,
    entity_id: int,
    filters: Filters | None = None,
    office_sources: int | None = OFFICE_SOURCES_SHOWN,
) -> Row:
    """Everything the sources say about one entity, each line with its sentence, outlet and
    date; every list is one page of `filters` with its true total in `paging`. Each office
    span lists its `office_sources` latest sources, and each claim's fact as many of its
    sources (all when None, as downloads do), with `source_total` counting them all."""
    filters = filters or Filters()
    entity = _entity_row(conn, entity_id)
    facts = Facts.of_entity(conn, entity_id)
    documents, document_total = documents_of(conn, entity_id, filters)
    claims, claim_total = claims_about(conn, entity_id, filters, facts)
    _leading_sources(claims, office_sources)
    groups: dict[str, list[Row]] = defaultdict(list)
    for claim in claims:
        groups[claim["kind"]].append(claim)
    order = {kind: i for i, kind in enumerate(CLAIM_KINDS)}
    spoken, spoken_total = quotes_by(conn, entity_id, filters)
    quotes_about, quotes_about_total = quotes_mentioning(conn, entity_id, filters)
    # every office statement of a busy name is read to merge spans: kept, like its names
    spans = remembered(
        conn,
        ("offices", entity_id, filters.outlet, filters.since, filters.until),
        lambda: office_spans(conn, entity_id, filters),
    )
    disagreements, disagreement_total = contradictions(conn, facts, filters)
    return {
        "entity": entity,
        # every surface form of a busy name is read from thousands of mentions: kept, too
        "names": remembered(conn, ("names", entity_id), lambda: _names(conn, entity)),
        "filters": filters.active(),
        "outlets": entity_outlets(conn, entity_id),
        "kinds": claim_kinds(conn, entity_id, filters),
        "offices": [
            _latest_sources(span, office_sources)
            for span in spans[filters.offset : filters.offset + filters.per_page]
        ],
        "claims": claims,
        "claim_groups": [
            {"kind": k, "claims": v}
            for k, v in sorted(groups.items(), key=lambda kv: (order.get(kv[0], 99), kv[0]))
        ],
        "contradictions": disagreements,
        "quotes_by": spoken,
        "quotes_about": quotes_about,
        "documents": documents,
        "document_total": document_total,
        "paging": {
            "offices": paging(filters, len(spans)),
            "claims": paging(filters, claim_total),
            "contradictions": paging(contradiction_filters(filters), disagreement_total),
            "quotes_by": paging(filters, spoken_total),
            "quotes_about": paging(filters, quotes_about_total),
            "documents": paging(filters, document_total),
        },
    }


def timeline(conn: sqlite3.Connection, entity_id: int | None, filters: Filters) -> Row:
    """Dated events — offices, claims, quotes; or, for the whole database, documents — oldest
    first, each with its outlet; built from all the data, then paged."""
    events: list[Row] = []
    entity = None
    if entity_id is not None:
        entity = _entity_row(conn, entity_id)
        for o in office_spans(conn, entity_id, filters):
            label = o["title"] + (f" of {o['of']['name']}" if o["of"] else "")
            for s in o["sources"]:
                if s["date"]:
                    events.append(_event(s["date"], "office", label, s["link"], s["document"]))
        claims, _ = claims_about(conn, entity_id, filters, everything=True)
        for c in claims:
            date = c["date"] or c["document_date"]
            if date:
                document = {
                    "id": c["evidence"]["document"],
                    "title": c["evidence"]["document_title"],
                    "site": c["evidence"]["outlet"],
                }
                events.append(
                    _event(
                        date, c["kind"], c["evidence"]["text"], c["evidence"]["link"], document,
                        status=c["status"],
                    )
                )  # fmt: skip
        quotes, _ = quotes_of(
            conn, f"q.speaker_doc_entity_id IN {_OF}", (entity_id,),
            replace(filters, page=1, per_page=1_000_000),
        )  # fmt: skip
        for q in quotes:
            if q["date"]:
                events.append(_event(q["date"], "quote", q["text"], q["link"], q["document"]))
        events.sort(key=lambda e: date_order(e["date"]))
        merged = _merge_events(events)
        total, page = len(merged), merged[filters.offset : filters.offset + filters.per_page]
    else:
        where, params = document_where(filters)
        where += " AND d.published IS NOT NULL"
        total = _count(conn, f"SELECT count(*) FROM documents d WHERE {where}", tuple(params))
        page = [
            _event(
                d["published"],
                "document",
                d["title"] or d["id"],
                f"/document/{d['id']}",
                {"id": d["id"], "title": d["title"], "site": d["site"]},
            )
            for d in _rows(
                conn,
                f"SELECT id, title, site, published FROM documents d WHERE {where}"
                " ORDER BY published IS NULL, substr(published, 1, 1) = '-', published, id"
                " LIMIT ? OFFSET ?",
                (*params, filters.per_page, filters.offset),
            )
        ]
    return {
        "entity": entity,
        "filters": filters.active(),
        "outlets": outlets(conn),
        "events": page,
        "paging": paging(filters, total),
    }


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
        "outlet": document.get("site"),
        "status": status,
        "statuses": [status] if status else [],
    }
