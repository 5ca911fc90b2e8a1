"""An entity's neighbourhood as a graph: claim edges with their evidence, plus co-mentions.

Each claim edge carries the sentences that state it (outlet, date, link), so the page can
open an edge's evidence on a click and its table links every one of them.
"""

from __future__ import annotations

import sqlite3

from .queries import _OF, Row, _entity_row, _marks, _rows, _sentence_index_sql, _sentence_link

#: Sentences kept per edge; the edge's `count` still counts every claim.
EVIDENCE_PER_EDGE = 8


def graph(conn: sqlite3.Connection, entity_id: int, limit: int = 20) -> Row:
    """The entity's neighbourhood: claim edges (with evidence), plus the entities most often
    named in the same documents."""
    centre = _entity_row(conn, entity_id)
    edges: dict[tuple[int, int, str], Row] = {}
    nodes: dict[int, Row] = {centre["id"]: {**centre, "centre": True}}
    claim_rows = _rows(
        conn,
        "SELECT c.id, c.kind, c.status, c.evidence_text, c.document_id, c.date,"
        " s.entity_id AS s_id, o.entity_id AS o_id, d.site, d.title, d.published, "
        + _sentence_index_sql("c.document_id", "c.evidence_start")
        + " AS sentence FROM claims c"
        " JOIN doc_entities s ON s.id = c.subject_doc_entity_id"
        " JOIN doc_entities o ON o.id = c.object_doc_entity_id"
        " JOIN documents d ON d.id = c.document_id"
        f" WHERE c.subject_doc_entity_id IN {_OF} OR c.object_doc_entity_id IN {_OF}"
        " ORDER BY coalesce(c.date, d.published, '') DESC, c.id",
        (entity_id, entity_id),
    )
    for r in claim_rows:
        if r["s_id"] == r["o_id"]:
            continue
        key = (r["s_id"], r["o_id"], r["kind"])
        edge = edges.setdefault(
            key,
            {
                "source": r["s_id"],
                "target": r["o_id"],
                "kind": r["kind"],
                "count": 0,
                "outlets": [],
                "evidence": [],
            },
        )
        edge["count"] += 1
        if r["site"] and r["site"] not in edge["outlets"]:
            edge["outlets"].append(r["site"])
        if len(edge["evidence"]) < EVIDENCE_PER_EDGE:
            edge["evidence"].append(
                {
                    "text": r["evidence_text"],
                    "status": r["status"],
                    "date": r["date"] or r["published"],
                    "outlet": r["site"],
                    "document": {"id": r["document_id"], "title": r["title"], "site": r["site"]},
                    "link": _sentence_link(r["document_id"], r["sentence"]),
                }
            )
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
            {
                "source": entity_id,
                "target": r["id"],
                "kind": "co-mentioned",
                "count": r["n"],
                "outlets": [],
                "evidence": [],
            },
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
    shown = [e for e in edges.values() if e["source"] in nodes and e["target"] in nodes]
    kinds = sorted({e["kind"] for e in shown if e["kind"] != "co-mentioned"})
    return {
        "entity": centre,
        "nodes": list(nodes.values()),
        "edges": shown,
        "kinds": kinds,
        "together_limit": limit,
    }
