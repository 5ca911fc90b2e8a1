"""A page taken away: a dossier or a search, under its filters, as CSV, JSON or FtM.

The CSV is one line per fact, quote, office or hit with its outlet, date, sentence and a
link; the JSON is the page's JSON twin with every page of every list; FtM reuses the
exporter (`export.ftm`) on the part of the export contract the view shows.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from typing import Any

from ..export.contract import build_claims, build_documents, build_entities, build_quotes
from ..export.ftm import build_ftm
from .queries import Row

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "ftm": "application/x-ndjson; charset=utf-8",
}

COLUMNS = [
    "section", "date", "outlet", "document_title", "document_id", "link", "kind", "status",
    "subject", "object_or_value", "text", "reported_by",
]  # fmt: skip


def _name(entity: Row | None) -> str:
    return entity["name"] if entity else ""


def _claim_line(section: str, c: Row) -> list[Any]:
    value = c["value"] if c["value"] is not None else ""
    sources = c.get("corroboration") or {}
    return [
        section, c["date"] or c["document_date"] or "", c["evidence"]["outlet"] or "",
        c["evidence"]["document_title"] or "", c["evidence"]["document"], c["evidence"]["link"],
        c["kind"], c["status"], _name(c["subject"]),
        _name(c["object"]) or f"{value}{' ' + c['unit'] if c['unit'] else ''}",
        c["evidence"]["text"], "; ".join(s["name"] for s in sources.get("sources", [])),
    ]  # fmt: skip


def _quote_line(section: str, q: Row) -> list[Any]:
    return [
        section, q["date"] or "", q["document"].get("site") or "", q["document"]["title"] or "",
        q["document"]["id"], q["link"], q["kind"], "", _name(q["speaker"]), "", q["text"], "",
    ]  # fmt: skip


def dossier_csv(data: Row) -> str:
    """Every line of a dossier as CSV rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    name = data["entity"]["name"]
    for o in data["offices"]:
        for s in o["sources"]:
            writer.writerow(
                [
                    "office", s["date"] or "", s["outlet"] or "", s["document"]["title"] or "",
                    s["document"]["id"], s["link"], "office", "", name,
                    o["title"] + (f" of {o['of']['name']}" if o["of"] else ""), "", "",
                ]
            )  # fmt: skip
    for c in data["claims"]:
        writer.writerow(_claim_line("claim", c))
    for x in data["contradictions"]:
        for c in x["sides"]:
            writer.writerow(_claim_line("contradiction: " + x["reason"], c))
    for q in data["quotes_by"]:
        writer.writerow(_quote_line("quote by", q))
    for q in data["quotes_about"]:
        writer.writerow(_quote_line("quote about", q))
    for d in data["documents"]:
        writer.writerow(
            ["document", d["published"] or "", d["site"] or "", d["title"] or "", d["id"],
             f"/document/{d['id']}", "", "", "", "", d["url"] or "", ""]
        )  # fmt: skip
    return out.getvalue()


def search_csv(data: Row) -> str:
    """Every hit of a search as CSV rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for e in data["entities"]:
        writer.writerow(["name", "", "", "", "", f"/entity/{e['id']}", e["type"], "", e["name"],
                         "", "", ""])  # fmt: skip
    for r in data["results"]:
        d = r["document"]
        writer.writerow(
            ["hit", d.get("published") or "", d.get("site") or "", d.get("title") or "", d["id"],
             r["link"], r["kind"], "", "", "", r["text"], ""]
        )  # fmt: skip
    return out.getvalue()


def view_ftm(
    conn: sqlite3.Connection,
    documents: set[str],
    claims: set[int] = frozenset(),  # type: ignore[assignment]
    quotes: set[int] = frozenset(),  # type: ignore[assignment]
    entities: set[int] = frozenset(),  # type: ignore[assignment]
) -> str:
    """FtM entities (one JSON a line) for the part of the database a view shows: its
    documents, claims, quotes and the entities they involve."""
    to_entity = {
        int(r[0]): int(r[1]) for r in conn.execute("SELECT id, entity_id FROM doc_entities")
    }
    export: dict[str, Any] = {
        "documents": [d for d in build_documents(conn) if d["id"] in documents],
        "claims": [c for c in build_claims(conn, to_entity) if c["id"] in claims],
        "quotes": [q for q in build_quotes(conn, to_entity) if q["id"] in quotes],
    }
    involved = set(entities)
    for c in export["claims"]:
        involved |= {c["subject"], c["object"], c["place"]} - {None}
    for q in export["quotes"]:
        involved |= {q["speaker"]} - {None}
    chosen = []
    for e in build_entities(conn, to_entity):
        if e["id"] in involved:
            e["mentions"] = [m for m in e["mentions"] if m["document"] in documents]
            e["roles"] = [r for r in e["roles"] if r["document"] in documents]
            chosen.append(e)
    export["entities"] = chosen
    return "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in build_ftm(export))


def dossier_ftm(conn: sqlite3.Connection, data: Row) -> str:
    docs = {d["id"] for d in data["documents"]}
    claims = {c["id"] for c in data["claims"]}
    claims |= {c["id"] for x in data["contradictions"] for c in x["sides"]}
    quotes = {q["id"] for q in data["quotes_by"] + data["quotes_about"]}
    return view_ftm(conn, docs, claims, quotes, {data["entity"]["id"]})


def search_ftm(conn: sqlite3.Connection, data: Row) -> str:
    docs = {r["document"]["id"] for r in data["results"]}
    quotes = {r["quote"] for r in data["results"] if r["kind"] == "quote"}
    return view_ftm(conn, docs, quotes=quotes, entities={e["id"] for e in data["entities"]})
