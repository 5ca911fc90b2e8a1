"""A structural check of GEXF 1.2 documents, by the rules of the format (no XSD is shipped).

What Gephi needs to open a file as a static graph: the `gexf` root in the GEXF 1.2 namespace
with version 1.2; `meta` and one `graph`, with `mode="static"`, a default edge type and no
`name` or `timeformat`; attribute declarations per class (node, edge) with an id, a title
and a known type; nodes and edges with unique ids; edges between declared nodes; every value
declared for its class and readable as its type; no time (`start`, `end`, `spells`) anywhere.
"""

from __future__ import annotations

from lxml import etree

NS = "http://www.gexf.net/1.2draft"
TYPES = {"integer", "long", "double", "float", "boolean", "liststring", "string", "anyURI"}
EDGE_TYPES = {"directed", "undirected", "mutual"}


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _readable(value: str, kind: str) -> bool:
    try:
        if kind in {"integer", "long"}:
            int(value)
        elif kind in {"double", "float"}:
            float(value)
        elif kind == "boolean":
            return value in {"true", "false"}
    except ValueError:
        return False
    return True


def check_gexf_structure(text: str) -> None:
    """Raise AssertionError naming the first rule the document breaks."""
    root = etree.fromstring(text.encode("utf-8"))
    assert root.tag == _q("gexf"), f"root is {root.tag}"
    assert root.get("version") == "1.2", root.get("version")
    children = [c.tag for c in root]
    assert children in ([_q("meta"), _q("graph")], [_q("graph")]), children
    graph = root.find(_q("graph"))
    assert graph is not None
    assert graph.get("mode") == "static", graph.get("mode")
    assert graph.get("defaultedgetype") in EDGE_TYPES, graph.get("defaultedgetype")
    assert graph.get("name") is None and graph.get("timeformat") is None, graph.attrib
    for element in root.iter():
        for attr in ("start", "end", "startopen", "endopen", "timeformat", "timerepresentation"):
            assert attr not in element.attrib, (element.tag, attr)
        assert element.tag != _q("spells"), "spells make a graph dynamic"
    declared: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for block in graph.findall(_q("attributes")):
        kind = block.get("class")
        assert kind in declared, kind
        assert block.get("mode", "static") == "static", block.get("mode")
        titles = set()
        for attribute in block:
            assert attribute.tag == _q("attribute"), attribute.tag
            ident, title, type_ = (attribute.get(k) for k in ("id", "title", "type"))
            assert ident and title and type_ in TYPES, attribute.attrib
            assert ident not in declared[kind] and title not in titles, ("declared twice", title)
            declared[kind][ident] = type_
            titles.add(title)
    order = [c.tag for c in graph]
    assert order == sorted(order, key=[_q("attributes"), _q("nodes"), _q("edges")].index), order
    nodes = graph.find(_q("nodes"))
    assert nodes is not None
    node_ids: set[str] = set()
    for node in nodes:
        assert node.tag == _q("node") and node.get("id"), node.attrib
        assert node.get("id") not in node_ids, ("node twice", node.get("id"))
        node_ids.add(node.get("id"))
        _check_values(node, declared["node"])
    edges = graph.find(_q("edges"))
    edge_ids: set[str] = set()
    for edge in [] if edges is None else edges:
        assert edge.tag == _q("edge") and edge.get("id"), edge.attrib
        assert edge.get("id") not in edge_ids, ("edge twice", edge.get("id"))
        edge_ids.add(edge.get("id"))
        assert edge.get("source") in node_ids and edge.get("target") in node_ids, edge.attrib
        assert edge.get("type", "directed") in EDGE_TYPES, edge.attrib
        _check_values(edge, declared["edge"])


def _check_values(element: etree._Element, declared: dict[str, str]) -> None:
    for block in element:
        assert block.tag == _q("attvalues"), block.tag
        assert len(block), "an empty attvalues"
        for value in block:
            key, text = value.get("for"), value.get("value")
            assert key in declared, ("undeclared attribute", key)
            assert text is not None and _readable(text, declared[key]), (key, text)
