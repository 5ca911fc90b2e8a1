"""`--format graphml` / `--format gexf`: the entity graph for Gephi, yEd or Cytoscape.

Nodes are entities (type, name, aliases, mention and document counts). Edges are claims
between two entities (kind, status, date, value, the evidence sentence, its document and
offsets, and who it came through) and offices held *of* another entity ("Minister" of a
country). GraphML and GEXF hold only scalar attributes, so lists are joined with " | ".
"""

from __future__ import annotations

from typing import Any, TextIO

import networkx as nx

from ..resolve.corroboration import corroborate
from ..store import Database
from .contract import build_export


def _scalar(value: object) -> str | int | float | bool | None:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return " | ".join(str(v) for v in value)
    return str(value)


def _attrs(values: dict[str, object]) -> dict[str, Any]:
    """Only the attributes with a value, as scalars (both formats refuse None)."""
    return {k: s for k, v in values.items() if (s := _scalar(v)) is not None and s != ""}


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding text[start:end] (between sentence stops or line breaks)."""
    left = max(text.rfind(stop, 0, start) for stop in (". ", "! ", "? ", "\n"))
    rights = [i for i in (text.find(stop, end) for stop in (". ", "! ", "? ", "\n")) if i >= 0]
    right = min(rights) + 1 if rights else len(text)
    begin = left + 1 if left >= 0 else 0
    while begin < start and text[begin].isspace():
        begin += 1
    return begin, right


def corroboration_by_claim(db: Database) -> dict[int, tuple[int, str]]:
    """Claim id → (independent sources stating its fact, those sources joined)."""
    groups, _ = corroborate(db.conn)
    return {
        claim: (group.independent, " | ".join(group.sources))
        for group in groups
        for claim in group.claims
    }


def build_graph(
    export: dict[str, Any], corroboration: dict[int, tuple[int, str]] | None = None
) -> nx.MultiDiGraph:
    """The entity graph of one export object; edges carry their evidence and corroboration."""
    corroboration = corroboration or {}
    graph = nx.MultiDiGraph(name="Dossier")
    documents = {d["id"]: d for d in export["documents"]}
    names = {e["id"]: e["name"] for e in export["entities"]}
    for entity in export["entities"]:
        graph.add_node(
            f"e{entity['id']}",
            **_attrs(
                {
                    "label": entity["name"],
                    "type": entity["type"],
                    "aliases": entity["aliases"],
                    "mentions": len(entity["mentions"]),
                    "documents": len({m["document"] for m in entity["mentions"]}),
                    "offices": sorted({r["title"] for r in entity["roles"]}),
                }
            ),
        )
    for claim in export["claims"]:
        subject, obj = claim["subject"], claim["object"]
        if subject not in names or obj not in names:
            continue
        evidence = claim["evidence"]
        document = documents.get(evidence["document"], {})
        graph.add_edge(
            f"e{subject}",
            f"e{obj}",
            key=f"claim{claim['id']}",
            **_attrs(
                {
                    "label": claim["kind"],
                    "kind": claim["kind"],
                    "status": claim["status"],
                    "date": claim["date"],
                    "value": claim["value"],
                    "unit": claim["unit"],
                    "place": names.get(claim["place"]),
                    "evidence": evidence["text"],
                    "document": evidence["document"],
                    "source": document.get("url") or document.get("source"),
                    "site": document.get("site"),
                    "start": evidence["start"],
                    "end": evidence["end"],
                    "via": [names.get(v, str(v)) for v in evidence["via"]],
                    "independent_sources": corroboration.get(claim["id"], (None, None))[0],
                    "sources": corroboration.get(claim["id"], (None, None))[1],
                }
            ),
        )
    for entity in export["entities"]:
        for n, role in enumerate(entity["roles"]):
            if role.get("of") not in names:
                continue
            text = documents.get(role["document"], {}).get("text", "")
            begin, finish = sentence_around(text, role["start"], role["end"])
            graph.add_edge(
                f"e{entity['id']}",
                f"e{role['of']}",
                key=f"role{entity['id']}.{n}",
                **_attrs(
                    {
                        "label": role["title"],
                        "kind": "office",
                        "date": role.get("date"),
                        "evidence": text[begin:finish],
                        "document": role["document"],
                        "start": begin,
                        "end": finish,
                    }
                ),
            )
    return graph


def write_graphml(db: Database, out: TextIO) -> None:
    """Write the entity graph as GraphML."""
    for line in nx.generate_graphml(build_graph(build_export(db), corroboration_by_claim(db))):
        out.write(line + "\n")


def write_gexf(db: Database, out: TextIO) -> None:
    """Write the entity graph as GEXF 1.2 (Gephi's own format)."""
    for line in nx.generate_gexf(build_graph(build_export(db), corroboration_by_claim(db))):
        out.write(line + "\n")
