"""The index pages: every entity (by type and name, sorted by mentions or documents) and
every document (by outlet and date), paged with their true totals; and how each outlet
covers one entity, for the top of its dossier."""

from __future__ import annotations

import copy
import sqlite3
from typing import Any

from ..errors import BadQuery
from ..resolve.names import name_key
from .listing import (
    Filters,
    claim_where,
    database_state,
    document_where,
    has_table,
    order_by,
    outlets,
    paging,
)
from .queries import Row, _rows, _sure

ENTITY_TYPES = ("Person", "Organization", "Country", "Place", "Other")
ENTITY_SORTS = ("documents", "mentions", "name")
DOCUMENT_SORTS = ("newest", "oldest", "outlet")


def entity_index(
    conn: sqlite3.Connection, filters: Filters, entity_type: str = "", name: str = ""
) -> Row:
    """One page of entities with their mention and document counts."""
    if entity_type and entity_type not in ENTITY_TYPES:
        raise BadQuery(f"Unknown type {entity_type!r}; choose one of: {', '.join(ENTITY_TYPES)}.")
    name = name.strip()[:200]
    where, params = ["1"], []
    if entity_type:
        where.append("e.type = ?")
        params.append(entity_type)
    if name:
        key = name_key(name).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append("e.name_key LIKE ? ESCAPE '\\'")
        params.append(f"%{key}%")
    condition = " AND ".join(where)
    total = conn.execute(f"SELECT count(*) FROM entities e WHERE {condition}", params).fetchone()[0]
    order = {
        "documents": "documents DESC, mentions DESC, e.name",
        "mentions": "mentions DESC, documents DESC, e.name",
        "name": "e.name COLLATE NOCASE, e.id",
    }.get(filters.sort, "documents DESC, mentions DESC, e.name")
    rows = _rows(
        conn,
        "WITH page AS (SELECT e.id, e.name, e.type,"
        " (SELECT count(DISTINCT de.document_id) FROM doc_entities de WHERE de.entity_id = e.id)"
        " AS documents,"
        " (SELECT count(*) FROM mentions m JOIN doc_entities de ON de.id = m.doc_entity_id"
        "  WHERE de.entity_id = e.id) AS mentions"
        f" FROM entities e WHERE {condition})"
        f" SELECT * FROM page e ORDER BY {order} LIMIT ? OFFSET ?",
        (*params, filters.per_page, filters.offset),
    )
    counts = dict(conn.execute("SELECT type, count(*) FROM entities GROUP BY type").fetchall())
    return {
        "entities": rows,
        "type": entity_type,
        "name": name,
        "sort": filters.sort,
        "types": [{"type": t, "count": counts.get(t, 0)} for t in ENTITY_TYPES],
        "paging": paging(filters, int(total)),
    }


def document_index(conn: sqlite3.Connection, filters: Filters) -> Row:
    """One page of documents under the outlet and date filters, with what each holds."""
    where, params = document_where(filters)
    total = conn.execute(f"SELECT count(*) FROM documents d WHERE {where}", params).fetchone()[0]
    rows = _rows(
        conn,
        "SELECT d.id, d.title, d.site, d.url, d.published, d.published_from,"
        " (SELECT count(*) FROM claims c WHERE c.document_id = d.id) AS claims,"
        " (SELECT count(*) FROM quotes q WHERE q.document_id = d.id) AS quotes"
        f" FROM documents d WHERE {where} ORDER BY {order_by(filters, 'd.published')}, d.id"
        " LIMIT ? OFFSET ?",
        (*params, filters.per_page, filters.offset),
    )
    return {
        "documents": rows,
        "filters": filters.active(),
        "sort": filters.sort,
        "outlets": outlets(conn),
        "paging": paging(filters, int(total)),
    }


#: Outlet tables already counted, by entity, while the database stays the same.
_kept: dict[tuple[Any, ...], dict[int, list[Row]]] = {}
#: Most entities whose table is kept.
KEEP = 512


def outlet_breakdown(conn: sqlite3.Connection, entity_id: int, words: int = 4) -> list[Row]:
    """How each outlet covers an entity: its documents naming it, its claims about it, the
    quotes it attributes to it, and the loaded words it uses itself about it (its own, not
    a speaker's it quotes), the most used first. Outlets with the most documents first.

    Counting every claim and quote of a name in thousands of documents takes a few hundred
    milliseconds, so a table is kept until the database changes."""
    state = database_state(conn)
    kept = _kept.get(state)
    if kept is None:
        _kept.clear()
        kept = _kept[state] = {}
    if entity_id not in kept:
        if len(kept) >= KEEP:
            kept.pop(next(iter(kept)))
        kept[entity_id] = _count_by_outlet(conn, entity_id, words)
    return copy.deepcopy(kept[entity_id])


def _count_by_outlet(conn: sqlite3.Connection, entity_id: int, words: int) -> list[Row]:
    mine = "(SELECT id FROM doc_entities WHERE entity_id = ?)"
    found: dict[str, Row] = {}

    def outlet(site: str | None) -> Row:
        name = site or ""
        return found.setdefault(
            name,
            {"outlet": site, "documents": 0, "claims": 0, "quotes_by": 0, "loaded": []},
        )

    for site, n in conn.execute(
        "SELECT d.site, count(DISTINCT d.id) FROM doc_entities de"
        " JOIN documents d ON d.id = de.document_id WHERE de.entity_id = ? GROUP BY d.site",
        (entity_id,),
    ):
        outlet(site)["documents"] = n
    where, params = claim_where(conn, Filters())
    for site, n in conn.execute(
        "SELECT d.site, count(*) FROM claims c JOIN documents d ON d.id = c.document_id"
        f" WHERE (c.subject_doc_entity_id IN {mine} OR c.object_doc_entity_id IN {mine})"
        f" AND {where} GROUP BY d.site",
        (entity_id, entity_id, *params),
    ):
        outlet(site)["claims"] = n
    for site, n in conn.execute(
        "SELECT d.site, count(*) FROM quotes q JOIN documents d ON d.id = q.document_id"
        f" WHERE q.speaker_doc_entity_id IN {mine} AND {_sure(conn, 'quotes', 'q')}"
        " GROUP BY d.site",
        (entity_id,),
    ):
        outlet(site)["quotes_by"] = n
    if has_table(conn, "loaded_spans"):
        for site, word, n in conn.execute(
            "SELECT d.site, lower(l.text), count(*) FROM loaded_spans l"
            " JOIN documents d ON d.id = l.document_id"
            f" WHERE l.about_doc_entity_id IN {mine}"
            " AND (l.holder IS NULL OR l.holder = d.site)"
            " GROUP BY d.site, lower(l.text) ORDER BY count(*) DESC, lower(l.text)",
            (entity_id,),
        ):
            out = outlet(site)["loaded"]
            if len(out) < words:
                out.append({"word": word, "count": n})
    return sorted(
        found.values(), key=lambda r: (-r["documents"], r["outlet"] is None, r["outlet"] or "")
    )
