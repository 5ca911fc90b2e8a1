"""`--format graphml` / `--format gexf`: the entity graph for Gephi, yEd or Cytoscape.

Nodes are entities (type, name, aliases, mention and document counts). Edges are claims
between two entities (kind, status, date, value, the evidence sentence, its document and
offsets, and who it came through), offices held *of* another entity ("Minister" of a
country; one edge per office, however many sentences state it) and quotes, from the speaker
to each entity the quoted words name. GraphML and GEXF hold only scalar attributes, so lists
are joined with " | ", and every attribute keeps one type: numbers that may be text (a
claim's `value`) are written as text. The GEXF is static (Gephi reads character offsets
named start/end as time, so they are `evidence_start`/`evidence_end`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import Any, TextIO

import networkx as nx

from ..resolve.corroboration import corroborate
from ..store import Database
from .contract import build_export
from .ftm_names import proper_name


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
        claim: (group.independent, " | ".join(sorted(group.sources)))
        for group in groups
        for claim in group.claims
    }


def quote_subjects(export: dict[str, Any]) -> dict[int, list[int]]:
    """Quote id → the entities, other than its speaker, that the quoted words name."""
    spans: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for entity in export["entities"]:
        for m in entity["mentions"]:
            spans[m["document"]].append((m["start"], m["end"], entity["id"]))
    subjects: dict[int, list[int]] = {}
    for quote in export["quotes"]:
        named = [
            entity_id
            for start, end, entity_id in sorted(spans.get(quote["document"], []))
            if start >= quote["start"] and end <= quote["end"] and entity_id != quote["speaker"]
        ]
        subjects[quote["id"]] = list(dict.fromkeys(named))
    return subjects


def _office_roles(
    export: dict[str, Any], names: dict[int, str]
) -> dict[tuple[int, int, str], list[dict[str, Any]]]:
    """(holder, of, title) → the roles stating that office, for one edge per office."""
    offices: dict[tuple[int, int, str], list[dict[str, Any]]] = defaultdict(list)
    for entity in export["entities"]:
        for role in entity["roles"]:
            if role.get("of") in names:
                offices[(entity["id"], role["of"], role["title"].casefold())].append(role)
    return offices


def _office_status(
    claims: list[dict[str, Any]], corroboration: dict[int, tuple[int, str]]
) -> dict[str, object]:
    """Status and independent sources of the position claims an office edge stands for."""
    if not claims:
        return {}
    best = max((corroboration.get(c["id"], (0, "")) for c in claims), key=lambda x: x[0])
    return {
        "status": sorted({c["status"] for c in claims}),
        "independent_sources": best[0] or None,
        "sources": best[1] or None,
    }


def build_graph(
    export: dict[str, Any], corroboration: dict[int, tuple[int, str]] | None = None
) -> nx.MultiDiGraph:
    """The entity graph of one export object; edges carry their evidence and corroboration."""
    corroboration = corroboration or {}
    graph = nx.MultiDiGraph()
    documents = {d["id"]: d for d in export["documents"]}
    names = {e["id"]: e["name"] for e in export["entities"]}
    for entity in export["entities"]:
        graph.add_node(
            f"e{entity['id']}",
            **_attrs(
                {
                    "label": entity["name"],
                    "type": entity["type"],
                    "aliases": [a for a in entity["aliases"] if proper_name(a) == a],
                    "mentions": len(entity["mentions"]),
                    "documents": len({m["document"] for m in entity["mentions"]}),
                    "offices": sorted({r["title"] for r in entity["roles"]}),
                }
            ),
        )
    offices = _office_roles(export, names)
    office_claims: dict[tuple[int, int, str], list[dict[str, Any]]] = defaultdict(list)
    for claim in export["claims"]:
        subject, obj = claim["subject"], claim["object"]
        if subject not in names or obj not in names:
            continue
        title = str(claim["value"] or "").casefold()
        if claim["kind"] == "position" and (subject, obj, title) in offices:
            office_claims[(subject, obj, title)].append(claim)
            continue  # the office edge below stands for it, with its status and sources
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
                    "value": None if claim["value"] is None else str(claim["value"]),
                    "unit": claim["unit"],
                    "place": names.get(claim["place"]),
                    "evidence": evidence["text"],
                    "document": evidence["document"],
                    "source": document.get("url") or document.get("source"),
                    "site": document.get("site"),
                    "evidence_start": evidence["start"],
                    "evidence_end": evidence["end"],
                    "via": [names.get(v, str(v)) for v in evidence["via"]],
                    "independent_sources": corroboration.get(claim["id"], (None, None))[0],
                    "sources": corroboration.get(claim["id"], (None, None))[1],
                }
            ),
        )
    for (holder, of, title), roles in offices.items():
        first = roles[0]
        text = documents.get(first["document"], {}).get("text", "")
        begin, finish = sentence_around(text, first["start"], first["end"])
        dates = sorted({r["date"] for r in roles if r.get("date")})
        graph.add_edge(
            f"e{holder}",
            f"e{of}",
            key=f"office:{holder}:{of}:{title}",
            **_attrs(
                {
                    "label": first["title"],
                    "kind": "office",
                    "date": dates,
                    "evidence": text[begin:finish],
                    "document": first["document"],
                    "evidence_start": begin,
                    "evidence_end": finish,
                    "statements": len(roles),
                    "documents": len({r["document"] for r in roles}),
                    **_office_status(office_claims.get((holder, of, title), []), corroboration),
                }
            ),
        )
    subjects = quote_subjects(export)
    for quote in export["quotes"]:
        if quote["speaker"] not in names:
            continue
        document = documents.get(quote["document"], {})
        for about in subjects.get(quote["id"], []):
            graph.add_edge(
                f"e{quote['speaker']}",
                f"e{about}",
                key=f"quote{quote['id']}:{about}",
                **_attrs(
                    {
                        "label": "quote",
                        "kind": "quote",
                        "status": quote["kind"],
                        "evidence": quote["text"],
                        "document": quote["document"],
                        "source": document.get("url") or document.get("source"),
                        "site": document.get("site"),
                        "evidence_start": quote["start"],
                        "evidence_end": quote["end"],
                        "via": [names.get(v, str(v)) for v in quote["via"]],
                    }
                ),
            )
    return graph


def write_graphml(db: Database, out: TextIO) -> None:
    """Write the entity graph as GraphML."""
    for line in nx.generate_graphml(build_graph(build_export(db), corroboration_by_claim(db))):
        out.write(line + "\n")


#: The namespace of the GEXF 1.2 schema as Gephi and networkx read it (1.2draft is the name the
#: published XSD gives 1.2; networkx reads nothing else).
GEXF_NS = "http://www.gexf.net/1.2draft"


def _gexf_type(values: list[object]) -> str:
    """One GEXF type for all of an attribute's values (mixed values are written as text)."""
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "long"
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def _gexf_text(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _gexf_attributes(
    parent: ET.Element, kind: str, items: list[dict[str, Any]]
) -> dict[str, tuple[str, str]]:
    """Declare the attributes of nodes or edges; returns title → (id, type)."""
    values: dict[str, list[object]] = defaultdict(list)
    for data in items:
        for name, value in data.items():
            if name != "label":
                values[name].append(value)
    declared = ET.SubElement(parent, "attributes", {"class": kind, "mode": "static"})
    ids = {}
    for n, name in enumerate(sorted(values)):
        ids[name] = (f"{kind[0]}{n}", _gexf_type(values[name]))
        ET.SubElement(
            declared, "attribute", {"id": ids[name][0], "title": name, "type": ids[name][1]}
        )
    return ids


def _gexf_values(
    element: ET.Element, data: dict[str, Any], ids: dict[str, tuple[str, str]]
) -> None:
    names = sorted(n for n in data if n != "label")
    if names:  # an empty <attvalues/> is not allowed
        values = ET.SubElement(element, "attvalues")
        for name in names:
            attrs = {"for": ids[name][0], "value": _gexf_text(data[name])}
            ET.SubElement(values, "attvalue", attrs)


def gexf_document(graph: nx.MultiDiGraph) -> str:
    """The graph as a static GEXF 1.2 document: typed attributes, no time, no dates."""
    root = ET.Element("gexf", {"xmlns": GEXF_NS, "version": "1.2"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "Dossier"
    ET.SubElement(meta, "description").text = "Entities and the sourced claims between them"
    body = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    node_ids = _gexf_attributes(body, "node", [d for _, d in graph.nodes(data=True)])
    edge_ids = _gexf_attributes(body, "edge", [d for *_, d in graph.edges(keys=True, data=True)])
    nodes = ET.SubElement(body, "nodes")
    for node, data in graph.nodes(data=True):
        element = ET.SubElement(nodes, "node", {"id": node, "label": str(data.get("label", node))})
        _gexf_values(element, data, node_ids)
    edges = ET.SubElement(body, "edges")
    for source, target, key, data in graph.edges(keys=True, data=True):
        attrs = {"id": str(key), "source": source, "target": target}
        if "label" in data:
            attrs["label"] = str(data["label"])
        _gexf_values(ET.SubElement(edges, "edge", attrs), data, edge_ids)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def write_gexf(db: Database, out: TextIO) -> None:
    """Write the entity graph as static GEXF 1.2 (Gephi's own format)."""
    out.write(gexf_document(build_graph(build_export(db), corroboration_by_claim(db))))
    out.write("\n")
