"""FtM, GraphML, GEXF and CSV exports: valid in their own tools' terms, evidence included."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from followthemoney import model

from dossier.errors import StoreError
from dossier.export import export_to
from dossier.records import Analysis, Article, Claim, Entity, Evidence, Mention, Role, Sentence
from dossier.store import Database

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


@pytest.fixture
def db() -> Database:
    database = Database(":memory:")
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
    database.add_article(
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
    yield database
    database.close()


def export(db: Database, fmt: str) -> str:
    out = io.StringIO()
    export_to(db, fmt, out)
    return out.getvalue()


def test_ftm_entities_are_valid_and_carry_evidence(db: Database) -> None:
    proxies = [model.get_proxy(json.loads(line)) for line in export(db, "ftm").splitlines()]
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
    family = by_schema["Family"][0]
    assert family.get("relationship") == ["brother"]
    assert family.get("summary")[0].startswith("Brannick's brother")
    assert family.get("proof") == [by_schema["Article"][0].id]
    meeting = by_schema["Event"][0]
    assert len(meeting.get("involved")) == 2 and meeting.get("location") == ["Port Velo"]
    assert meeting.get("date") == ["2021-11-30"]
    assert any("1 independent source" in n for n in meeting.get("notes"))
    senator = next(o for o in by_schema["Occupancy"] if o.get("date") == ["2021-11"])
    assert "Senator Ivo Brannick" in senator.get("summary")[0]
    assert by_schema["PublicBody"][0].get("name") == ["Ministry of Trade"]


def first_edge(graph: nx.Graph, u: str, v: str) -> dict:
    data = graph.get_edge_data(u, v)
    return next(iter(data.values())) if graph.is_multigraph() else data


def test_graphml_and_gexf_open_with_evidence_on_edges(db: Database) -> None:
    graphml = nx.read_graphml(io.BytesIO(export(db, "graphml").encode("utf-8")))
    labels = {data["label"]: node for node, data in graphml.nodes(data=True)}
    meeting = first_edge(graphml, labels["Ivo Brannick"], labels["Alma Rostova"])
    assert meeting["kind"] == "meeting" and meeting["date"] == "2021-11-30"
    assert meeting["evidence"].startswith("Senator Ivo Brannick met Alma Rostova")
    assert meeting["site"] == "velo-herald.test"
    assert meeting["independent_sources"] == 1 and meeting["sources"] == "velo-herald.test"
    office = first_edge(graphml, labels["Alma Rostova"], labels["Veloria Mining Board"])
    assert office["kind"] == "office" and "head of the Veloria" in office["evidence"]
    gexf = nx.read_gexf(io.BytesIO(export(db, "gexf").encode("utf-8")))
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
