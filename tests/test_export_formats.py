"""FtM, GraphML, GEXF and CSV exports: valid in their own tools' terms, evidence included."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from followthemoney import model

from dossier.errors import StoreError
from dossier.export import export_to
from dossier.records import (
    Analysis,
    Article,
    Claim,
    Entity,
    Evidence,
    Mention,
    Quote,
    Role,
    Sentence,
)
from dossier.store import Database
from gexf_check import check_gexf_structure

TEXT = (
    "Senator Ivo Brannick met Alma Rostova, head of the Veloria Mining Board, in Port Velo "
    "on 30 November 2021. Brannick's brother Pell Brannick works for the Ministry of Trade. "
    "Rostova won 58.3% of the vote."
)


def span(text: str) -> tuple[int, int]:
    start = TEXT.index(text)
    return start, start + len(text)


def entity(key: int, kind: str, name: str, roles: list[Role] | None = None) -> Entity:
    start, end = span(name)
    return Entity(key, kind, name, [], [Mention(start, end, name)], roles or [])  # type: ignore[arg-type]


def evidence(sentence: str) -> Evidence:
    start, end = span(sentence)
    return Evidence(start, end, sentence)


def first_article() -> tuple[Article, Analysis]:
    s1, s2, s3 = (
        TEXT[: TEXT.index(" Brannick's")],
        "Brannick's brother Pell Brannick works for the Ministry of Trade.",
        "Rostova won 58.3% of the vote.",
    )
    entities = [
        entity(1, "Person", "Ivo Brannick", [Role("Senator", *span("Senator"), date="2021-11")]),
        entity(2, "Person", "Alma Rostova", [Role("head", *span("head"), of=3)]),
        entity(3, "Organization", "Veloria Mining Board"),
        entity(4, "Place", "Port Velo"),
        entity(5, "Person", "Pell Brannick"),
        entity(6, "Organization", "Ministry of Trade"),
    ]
    claims = [
        Claim("meeting", 1, evidence(s1), object=2, place=4, date="2021-11-30"),
        Claim("family", 5, evidence(s2), object=1, attributes={"relation": "brother"}),
        Claim("employment", 5, evidence(s2), object=6),
        Claim("election_result", 2, evidence(s3), value=58.3, unit="percent"),
    ]
    sentences = [Sentence(*span(s), 0) for s in (s1, s2, s3)]
    return (
        Article(
            source="fixture.txt",
            text=TEXT,
            title="Brannick meets Rostova",
            site="velo-herald.test",
            url="https://velo-herald.test/a",
            published="2021-12-01",
        ),
        Analysis(sentences=sentences, entities=entities, claims=claims),
    )


@pytest.fixture
def db() -> Iterator[Database]:
    database = Database(":memory:")
    database.add_article(*first_article())
    yield database
    database.close()


def export(db: Database, fmt: str) -> str:
    out = io.StringIO()
    export_to(db, fmt, out)
    return out.getvalue()


def ftm_proxies(text: str) -> list:
    """Every line as a strict proxy (values re-cleaned), checked against its schema."""
    proxies = []
    for line in text.splitlines():
        data = json.loads(line)
        proxy = model.get_proxy(data, cleaned=False)
        proxy.schema.validate(data)  # raises InvalidData
        assert proxy.to_dict()["properties"] == data["properties"], data["id"]
        proxies.append(proxy)
    return proxies


def test_ftm_entities_are_valid_and_carry_evidence(db: Database) -> None:
    proxies = ftm_proxies(export(db, "ftm"))
    by_schema: dict[str, list] = {}
    for proxy in proxies:
        by_schema.setdefault(proxy.schema.name, []).append(proxy)
    for schema in (
        "Article",
        "Person",
        "Organization",
        "PublicBody",
        "Territory",
        "Position",
        "Occupancy",
        "Family",
        "Employment",
        "Event",
        "Mention",
        "Documentation",
    ):
        assert schema in by_schema, schema
    ids = {p.id for p in proxies}
    for proxy in proxies:  # every reference points at an entity in the export
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in ids, (proxy.schema.name, prop.name, value)
    article = by_schema["Article"][0]
    assert article.id == f"dossier-doc-{db.conn.execute('SELECT id FROM documents').fetchone()[0]}"
    assert article.get("contentHash") == [hashlib.sha1(TEXT.encode("utf-8")).hexdigest()]
    assert article.get("fileName") == ["fixture.txt"]
    assert article.get("sourceUrl") == ["https://velo-herald.test/a"]
    family = by_schema["Family"][0]
    assert family.get("relationship") == ["brother"]
    assert family.get("summary")[0].startswith("Brannick's brother")
    assert family.get("proof") == [article.id]
    assert family.get("description")[0].startswith("status: stated as fact")
    meeting = next(e for e in by_schema["Event"] if e.get("name")[0].startswith("meeting"))
    assert len(meeting.get("involved")) == 2 and meeting.get("location") == ["Port Velo"]
    assert meeting.get("date") == ["2021-11-30"]
    assert any("1 independent source" in n for n in meeting.get("notes"))
    senator = next(o for o in by_schema["Occupancy"] if o.get("date") == ["2021-11"])
    assert "Senator Ivo Brannick" in senator.get("summary")[0]
    assert by_schema["PublicBody"][0].get("name") == ["Ministry of Trade"]


TEXT2 = (
    "Ivo Brannick endorsed Alma Rostova on Monday. The senator will fly to Port Velo in March. "
    "The reckless senator has no plan, the paper wrote. "
    '"Rostova is a fine leader," Brannick said. His aide denied meeting Pell Brannick.'
)


def span2(text: str) -> tuple[int, int]:
    start = TEXT2.index(text)
    return start, start + len(text)


def evidence2(sentence: str) -> Evidence:
    return Evidence(*span2(sentence), sentence)


def second_article() -> tuple[Article, Analysis]:
    """An article whose claims are not all facts: planned, denied, an opinion, a quote."""
    s = [
        "Ivo Brannick endorsed Alma Rostova on Monday.",
        "The senator will fly to Port Velo in March.",
        "The reckless senator has no plan, the paper wrote.",
        '"Rostova is a fine leader," Brannick said.',
        "His aide denied meeting Pell Brannick.",
    ]
    brannick = TEXT2.index("Brannick said")
    ivo = Entity(
        1,
        "Person",
        "Ivo Brannick",
        ["the senator"],
        [
            Mention(*span2("Ivo Brannick"), "Ivo Brannick"),
            Mention(*span2("The senator"), "The senator", form="title"),
            Mention(brannick, brannick + 8, "Brannick", form="surname"),
            Mention(*span2("His"), "His", form="pronoun"),
        ],
    )
    rostova = TEXT2.index('"Rostova') + 1
    alma = Entity(
        2,
        "Person",
        "Alma Rostova",
        [],
        [
            Mention(*span2("Alma Rostova"), "Alma Rostova"),
            Mention(rostova, rostova + 7, "Rostova", form="surname"),
        ],
    )
    place = Entity(3, "Place", "Port Velo", [], [Mention(*span2("Port Velo"), "Port Velo")])
    pell = Entity(
        4, "Person", "Pell Brannick", [], [Mention(*span2("Pell Brannick"), "Pell Brannick")]
    )
    claims = [
        Claim("support", 1, evidence2(s[0]), object=2, plover="SUPPORT"),
        Claim("travel", 1, evidence2(s[1]), place=3, date="2022-03", status="planned"),
        Claim(
            "opinion", 1, evidence2(s[2]), value="reckless", status="opinion", holder="the outlet"
        ),
        Claim("meeting", 1, evidence2(s[4]), object=4, status="denied"),
    ]
    start = TEXT2.index('"Rostova') + 1
    quote = Quote(1, "Rostova is a fine leader,", "direct", start, start + 25, cue="said")
    article = Article(
        source="/home/reporter/clips/second.txt", text=TEXT2, title="Brannick backs Rostova"
    )
    analysis = Analysis(
        sentences=[Sentence(*span2(x), 0) for x in s],
        entities=[ivo, alma, place, pell],
        quotes=[quote],
        claims=claims,
    )
    return article, analysis


def test_ftm_keeps_opinions_quotes_and_unrealised_claims_apart_from_facts(db: Database) -> None:
    db.add_article(*second_article())
    proxies = ftm_proxies(export(db, "ftm"))
    schemas = {p.schema.name for p in proxies}
    assert "Associate" not in schemas  # support is not a symmetric association
    names = {
        p.get("name")[0]: p
        for p in proxies
        if p.schema.name != "Mention" and p.get("name", quiet=True)
    }
    support = names["support: Ivo Brannick → Alma Rostova"]
    assert support.schema.name == "Event"
    assert support.get("organizer") == [names["Ivo Brannick"].id]
    travel = next(p for n, p in names.items() if n.startswith("planned travel"))
    assert travel.get("description")[0].startswith("status: planned")
    assert travel.get("location") == ["Port Velo"] and travel.get("date") == ["2022-03"]
    denied = next(p for n, p in names.items() if n.startswith("denied meeting"))
    assert denied.schema.name == "Event"
    opinion = next(
        p for p in proxies if p.schema.name == "Note" and "reckless" in str(p.get("description"))
    )
    assert opinion.get("entity") == [names["Ivo Brannick"].id]
    assert "opinion of the outlet about Ivo Brannick" in opinion.get("description")[0]
    quote = next(p for p in proxies if p.schema.name == "Note" and "quote" in p.get("name")[0])
    assert set(quote.get("entity")) == {names["Ivo Brannick"].id, names["Alma Rostova"].id}
    assert "Rostova is a fine leader" in quote.get("description")[0]
    # names: no pronouns or descriptors; no folders in file names
    for proxy in proxies:
        for prop in ("name", "alias"):
            for value in proxy.get(prop, quiet=True):
                assert value.casefold() not in {"his", "the senator"}, (proxy.schema.name, value)
    assert names["Ivo Brannick"].get("alias") == ["Brannick"]
    files = {v for p in proxies for v in p.get("fileName", quiet=True)}
    assert files == {"fixture.txt", "second.txt"}


def test_ftm_ids_do_not_depend_on_the_order_articles_were_added(tmp_path: Path) -> None:
    exports = []
    for order in ((0, 1), (1, 0)):
        with Database(tmp_path / f"{order}.db") as database:
            for n in order:
                database.add_article(*(first_article() if n == 0 else second_article()))
            exports.append(export(database, "ftm"))
    assert exports[0] == exports[1]
    with Database(tmp_path / "only-second.db") as database:  # another corpus: no shared ids
        database.add_article(*second_article())
        other = {p.id: p for p in ftm_proxies(export(database, "ftm"))}
    both = {p.id: p for p in ftm_proxies(exports[0])}
    for entity_id in set(other) & set(both):
        assert other[entity_id].schema == both[entity_id].schema
        assert other[entity_id].get("name") == both[entity_id].get("name")
    people = [p for p in other.values() if p.schema.name == "Person"]
    assert people and not {p.id for p in people} & set(both)  # named by other documents


def first_edge(graph: nx.Graph, u: str, v: str) -> dict:
    data = graph.get_edge_data(u, v)
    return next(iter(data.values())) if graph.is_multigraph() else data


def test_graphml_and_gexf_open_with_evidence_on_edges(db: Database) -> None:
    db.add_article(*second_article())
    graphml_text = export(db, "graphml")
    keys = [
        (k.get("for"), k.get("attr.name"))
        for k in ET.fromstring(graphml_text).iter("{http://graphml.graphdrawing.org/xmlns}key")
    ]
    assert len(keys) == len(set(keys))  # one type per attribute
    graphml = nx.read_graphml(io.BytesIO(graphml_text.encode("utf-8")))
    labels = {data["label"]: node for node, data in graphml.nodes(data=True)}
    meeting = first_edge(graphml, labels["Ivo Brannick"], labels["Alma Rostova"])
    assert meeting["kind"] == "meeting" and meeting["date"] == "2021-11-30"
    assert meeting["evidence"].startswith("Senator Ivo Brannick met Alma Rostova")
    assert meeting["site"] == "velo-herald.test"
    assert meeting["independent_sources"] == 1 and meeting["sources"] == "velo-herald.test"
    offices = graphml.get_edge_data(labels["Alma Rostova"], labels["Veloria Mining Board"])
    assert len(offices) == 1  # one edge per office
    office = next(iter(offices.values()))
    assert office["kind"] == "office" and "head of the Veloria" in office["evidence"]
    said = graphml.get_edge_data(labels["Ivo Brannick"], labels["Alma Rostova"]).values()
    quote = next(e for e in said if e["kind"] == "quote")
    assert quote["evidence"] == "Rostova is a fine leader,"
    gexf_text = export(db, "gexf")
    check_gexf_structure(gexf_text)
    gexf = nx.read_gexf(io.BytesIO(gexf_text.encode("utf-8")))
    assert gexf.number_of_nodes() == graphml.number_of_nodes()
    assert gexf.number_of_edges() == graphml.number_of_edges()


def test_csv_writes_one_file_per_table_to_folder_or_zip(db: Database, tmp_path: Path) -> None:
    export_to(db, "csv", tmp_path / "tables")
    files = {p.name for p in (tmp_path / "tables").iterdir()}
    assert {"documents.csv", "entities.csv", "claims.csv", "judgements.csv"} <= files
    assert {"claim_groups.csv", "contradictions.csv"} <= files
    assert not any(name.startswith("search") for name in files)
    with (tmp_path / "tables" / "claims.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 4 and rows[0]["evidence_text"].startswith("Senator Ivo Brannick")
    with (tmp_path / "tables" / "claim_groups.csv").open(encoding="utf-8") as handle:
        groups = list(csv.DictReader(handle))
    assert len(groups) == 4 and groups[0]["independent_sources"] == "1"
    export_to(db, "csv", tmp_path / "tables.zip")
    with zipfile.ZipFile(tmp_path / "tables.zip") as archive:
        assert set(archive.namelist()) == files
    with pytest.raises(StoreError):
        export(db, "csv")


def test_a_reported_claims_speaker_is_exported_as_an_entity() -> None:
    database = Database(":memory:")
    sentence = "Brannick's brother Pell Brannick works for the Ministry of Trade."
    people = [entity(5, "Person", "Pell Brannick"), entity(6, "Organization", "Ministry of Trade")]
    claim = Claim("employment", 5, evidence(sentence), object=6, status="reported")
    claim.attributes["speaker"] = 6
    claim.evidence.via = [6]
    database.add_article(
        Article(source="fixture.txt", text=TEXT, title="Brannick", site="velo-herald.test"),
        Analysis(sentences=[Sentence(*span(sentence), 0)], entities=people, claims=[claim]),
    )
    data = json.loads(export(database, "json"))
    ministry = next(e["id"] for e in data["entities"] if e["name"] == "Ministry of Trade")
    exported = data["claims"][0]
    assert exported["attributes"]["speaker"] == ministry
    assert exported["evidence"]["via"] == [ministry]
    database.close()
