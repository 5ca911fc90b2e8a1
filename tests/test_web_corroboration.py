"""Independent sources on the web pages, their JSON and `dossier show`: one count everywhere.

Fictional wire stories about a meeting of Premier Anselm Vorick and Chancellor Ludo Farrant:
two from one site, one relaying that site, one from a site of its own, one relaying an outlet
with no page here, and one giving another day of the same month.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from dossier.cli import app
from dossier.extract.claims.queries import claims_of
from dossier.records import Analysis, Article, Claim, Entity, Evidence, Mention, Sentence
from dossier.store import Database
from dossier.web import create_app
from dossier.web.facts import REPORTS_SHOWN

MET = "Premier Anselm Vorick met Chancellor Ludo Farrant in Brisk."

#: (site, url, date of the meeting, outlet the report only repeats, closing line)
STORIES: list[tuple[str, str | None, str, str | None, str]] = [
    ("Kestrel Gazette", "https://kestrelgazette.example/1", "2024-05-14", None, "Talks ran late."),
    ("Kestrel Gazette", "https://kestrelgazette.example/2", "2024-05-14", None, "Both smiled."),
    ("Marrow Tribune", None, "2024-05-14", "Kestrel Gazette", "The Gazette said so."),
    ("Fennic Wire", "https://fennicwire.example/x", "2024-05-14", None, "Aides confirmed it."),
    ("Osk Daily", None, "2024-05-14", "Velland Herald", "The Herald reported it."),
    ("Pell Courier", None, "2024-05-12", None, "It was a Sunday."),
]


def _entity(key: int, name: str, text: str, kind: str = "Person") -> Entity:
    start = text.find(name)
    mentions = [Mention(start, start + len(name), name)] if start >= 0 else []
    return Entity(key, kind, name, [], mentions)  # type: ignore[arg-type]


def _story(db: Database, n: int, story: tuple[str, str | None, str, str | None, str]) -> str:
    site, url, date, relays, tail = story
    text = f"{MET} {tail}"
    entities = [_entity(0, "Anselm Vorick", text), _entity(1, "Ludo Farrant", text)]
    via = []
    if relays:
        entities.append(_entity(2, relays, text, "Organization"))
        via = [2]
    claim = Claim(
        "meeting",
        0 if n % 2 == 0 else 1,  # told from either side: one fact all the same
        Evidence(0, len(MET), MET, via),
        object=1 if n % 2 == 0 else 0,
        date=date,
        status="reported" if relays else "asserted",
    )
    sentences = [Sentence(0, len(MET), 0), Sentence(len(MET) + 1, len(text), 0)]
    article = Article(f"story{n}.txt", text, title=f"Story {n}", site=site, url=url)
    doc_id, _ = db.add_article(
        article, Analysis(sentences=sentences, entities=entities, claims=[claim])
    )
    return doc_id


@pytest.fixture
def wire(db_path: Path) -> Iterator[dict[str, Any]]:
    with Database(db_path) as db:
        docs = [_story(db, n, story) for n, story in enumerate(STORIES)]
        ids = {r["name"]: r["id"] for r in db.conn.execute("SELECT id, name FROM entities")}
    with TestClient(create_app(db_path)) as client:
        yield {"client": client, "docs": docs, "ids": ids, "path": db_path}


def _meetings(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The dossier's meeting claims by the document stating them."""
    return {c["evidence"]["document"]: c for c in data["claims"] if c["kind"] == "meeting"}


def test_dossier_json_counts_sites_once_and_relays_for_their_outlet(wire) -> None:
    docs = wire["docs"]
    for name in ("Anselm Vorick", "Ludo Farrant"):
        data = wire["client"].get(f"/entity/{wire['ids'][name]}.json").json()
        meetings = _meetings(data)
        assert set(meetings) == set(docs)
        for doc in docs[:5]:
            found = meetings[doc]["corroboration"]
            assert found["independent"] == 3 and found["documents"] == 5, name
        assert meetings[docs[5]]["corroboration"]["independent"] == 1
    found = meetings[docs[0]]["corroboration"]
    assert [s["name"] for s in found["sources"]] == [
        "Kestrel Gazette",
        "Fennic Wire",
        "Velland Herald",
    ]
    gazette, wire_, herald = found["sources"]
    assert [r["document"]["id"] for r in gazette["reports"]] == docs[:3]
    assert [r["repeats"] for r in gazette["reports"]] == [None, None, "Kestrel Gazette"]
    assert gazette["count"] == 3 and gazette["repeating"] == 1
    assert gazette["reports"][2]["document"]["site"] == "Marrow Tribune"
    assert wire_["reports"][0]["repeats"] is None
    assert [(r["document"]["id"], r["repeats"]) for r in herald["reports"]] == [
        (docs[4], "Velland Herald")
    ]
    assert all(r["link"] == f"/document/{r['document']['id']}#s0" for r in gazette["reports"])


def test_dossier_page_shows_the_count_and_which_report_repeats_whom(wire) -> None:
    html = wire["client"].get(f"/entity/{wire['ids']['Anselm Vorick']}").text
    claims = html.split('id="claims"')[1].split("</section>")[0]
    assert claims.count(">3 independent sources</span>") == 5
    assert ">1 independent source" not in claims  # a lone source is named, not counted
    assert claims.count('<span class="reported-by only"') == 1
    named = claims.split(">3 independent sources</span>")[1].split("</span>")[0]
    assert all(outlet in named for outlet in ("Kestrel Gazette", "Fennic Wire"))
    assert "Kestrel Gazette: 3 reports, 1 only repeating it; Fennic Wire: 1 report;" in html
    assert "only repeats Velland Herald" in html
    assert "3 independent sources in 5 documents" in html


def test_contradiction_is_shown_with_both_sides_linked(wire) -> None:
    docs = wire["docs"]
    client = wire["client"]
    data = client.get(f"/entity/{wire['ids']['Ludo Farrant']}.json").json()
    [contradiction] = data["contradictions"]
    assert "2024-05-14" in contradiction["reason"] and "2024-05-12" in contradiction["reason"]
    left, right = contradiction["sides"]
    assert left["evidence"]["document"] == docs[0]
    assert right["evidence"]["document"] == docs[5]
    assert left["corroboration"]["independent"] == 3
    assert right["corroboration"]["independent"] == 1
    html = client.get(f"/entity/{wire['ids']['Ludo Farrant']}").text
    section = html.split('id="contradictions"')[1].split("</section>")[0]
    assert f'href="/document/{docs[0]}#s0"' in section
    assert f'href="/document/{docs[5]}#s0"' in section
    assert "Different dates for what may be one event" in section


def test_document_view_uses_the_same_groups(wire) -> None:
    docs = wire["docs"]
    data = wire["client"].get(f"/document/{docs[2]}.json").json()
    [claim] = data["claims"]
    assert claim["corroboration"]["independent"] == 3
    html = wire["client"].get(f"/document/{docs[2]}").text
    assert ">3 independent sources</span>" in html
    assert "only repeats Kestrel Gazette" in html


def test_a_source_with_many_reports_lists_a_few(db_path: Path) -> None:
    with Database(db_path) as db:
        docs = [
            _story(db, 2 * n, ("Kestrel Gazette", None, "2024-05-14", None, f"Note {n}."))
            for n in range(REPORTS_SHOWN + 2)
        ]
        vorick = db.conn.execute("SELECT id FROM entities WHERE name = 'Anselm Vorick'").fetchone()
    with TestClient(create_app(db_path)) as client:
        data = client.get(f"/entity/{vorick[0]}.json").json()
    found = data["claims"][0]["corroboration"]
    assert found["independent"] == 1 and found["documents"] == len(docs)
    [gazette] = found["sources"]
    assert len(gazette["reports"]) == REPORTS_SHOWN and gazette["more"] == 2
    assert data["contradictions"] == []


def test_dossier_show_prints_the_same_count(wire) -> None:
    with Database(wire["path"], create=False) as db:
        lines = claims_of(db.conn, "Anselm Vorick").by_kind["meeting"]
    by_document = {line.document: line.sources for line in lines}
    assert by_document == {**dict.fromkeys(wire["docs"][:5], 3), wire["docs"][5]: 1}
    result = CliRunner().invoke(
        app, ["show", "Anselm Vorick", "--db", str(wire["path"])], env={"COLUMNS": "250"}
    )
    assert result.exit_code == 0, result.output
    assert "independent" in result.output


def test_two_facts_in_conflict_are_shown_once(db_path: Path) -> None:
    with Database(db_path) as db:
        for n, story in enumerate([STORIES[0], STORIES[5], STORIES[3]]):
            _story(db, 2 * n, story)  # the later fact is found on either side of the earlier
        stored = db.conn.execute("SELECT count(*) FROM claims").fetchone()[0]
        farrant = db.conn.execute("SELECT id FROM entities WHERE name = 'Ludo Farrant'").fetchone()
    assert stored == 3
    with TestClient(create_app(db_path)) as client:
        data = client.get(f"/entity/{farrant[0]}.json").json()
    [contradiction] = data["contradictions"]
    sides = [side["corroboration"]["independent"] for side in contradiction["sides"]]
    assert sorted(sides) == [1, 2]
