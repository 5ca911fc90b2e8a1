"""The JSON API and HTML pages in-process: same data both ways, one error envelope, safe text."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dossier.errors import NotADossierDatabase, StoreError
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
from dossier.web import create_app
from dossier.web.queries import connect_readonly

TEXT_A = (
    "President Mara Quell met Senator Dov Rinn in Lamport on Monday. "
    '"We agreed on the bridge," Quell said. '
    "Rinn said Quell was wrong about <script>alert(1)</script> the tolls."
)
TEXT_B = "Mara Quell met Dov Rinn again in Lamport. Quell plans to visit Osterby in June."


def _span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    starts = [m.start() for m in re.finditer(re.escape(needle), text)]
    return starts[nth], starts[nth] + len(needle)


def _sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for m in re.finditer(r"(?<=[.!?\"])\s+", text):
        out.append(Sentence(start, m.start(), 0))
        start = m.end()
    out.append(Sentence(start, len(text), 0))
    return out


def _evidence(text: str, sentence: Sentence, via: list[int] | None = None) -> Evidence:
    return Evidence(sentence.start, sentence.end, text[sentence.start : sentence.end], via or [])


def _analysis_a() -> Analysis:
    t = TEXT_A
    s = _sentences(t)
    quell = Entity(
        0,
        "Person",
        "Mara Quell",
        aliases=["Quell"],
        mentions=[
            Mention(*_span(t, "Mara Quell"), "Mara Quell"),
            Mention(*_span(t, "Quell", 1), "Quell", "surname"),
            Mention(*_span(t, "Quell", 2), "Quell", "surname"),
        ],
        roles=[Role("President", *_span(t, "President"), date="2023-02-06", date_basis="text")],
    )
    rinn = Entity(
        1,
        "Person",
        "Dov Rinn",
        aliases=["Rinn"],
        mentions=[
            Mention(*_span(t, "Dov Rinn"), "Dov Rinn"),
            Mention(*_span(t, "Rinn", 1), "Rinn", "surname"),
        ],
        roles=[Role("Senator", *_span(t, "Senator"))],
    )
    lamport = Entity(2, "Place", "Lamport", mentions=[Mention(*_span(t, "Lamport"), "Lamport")])
    q_start, q_end = _span(t, "We agreed on the bridge,")
    quote = Quote(0, "We agreed on the bridge,", "direct", q_start, q_end, cue="said")
    about_start, about_end = _span(t, "Quell was wrong about <script>alert(1)</script> the tolls")
    about = Quote(1, t[about_start:about_end], "indirect", about_start, about_end, cue="said")
    claims = [
        Claim("meeting", 0, _evidence(t, s[0]), object=1, place=2, date="2023-02-06"),
        Claim("criticism", 1, _evidence(t, s[2], via=[1]), object=0, status="reported"),
    ]
    return Analysis(
        sentences=s, entities=[quell, rinn, lamport], quotes=[quote, about], claims=claims
    )


def _analysis_b() -> Analysis:
    t = TEXT_B
    s = _sentences(t)
    quell = Entity(
        0,
        "Person",
        "Mara Quell",
        mentions=[
            Mention(*_span(t, "Mara Quell"), "Mara Quell"),
            Mention(*_span(t, "Quell", 1), "Quell"),
        ],
    )
    rinn = Entity(1, "Person", "Dov Rinn", mentions=[Mention(*_span(t, "Dov Rinn"), "Dov Rinn")])
    osterby = Entity(2, "Place", "Osterby", mentions=[Mention(*_span(t, "Osterby"), "Osterby")])
    claims = [
        Claim("meeting", 0, _evidence(t, s[0]), object=1),
        Claim("travel", 0, _evidence(t, s[1]), object=2, date="2023-06", status="planned"),
    ]
    return Analysis(sentences=s, entities=[quell, rinn, osterby], claims=claims)


@pytest.fixture
def built_db(db_path: Path) -> dict[str, Any]:
    with Database(db_path) as db:
        a, _ = db.add_article(
            Article(
                "a.txt",
                TEXT_A,
                title="Quell and Rinn <b>meet</b>",
                site="Lamport Post",
                published="2023-02-07",
                published_from="html",
                url="javascript:alert(2)",
            ),
            _analysis_a(),
        )
        b, _ = db.add_article(
            Article(
                "b.txt", TEXT_B, title="Second meeting", published="2023-03", published_from="text"
            ),
            _analysis_b(),
        )
        ids = {r["name"]: r["id"] for r in db.conn.execute("SELECT id, name FROM entities")}
    return {"path": db_path, "a": a, "b": b, "ids": ids}


@pytest.fixture
def client(built_db: dict[str, Any]) -> Iterator[TestClient]:
    with TestClient(create_app(built_db["path"])) as c:
        yield c


def _error_shape(body: dict[str, Any], status: int) -> None:
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "title", "detail"}
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["detail"], str) and body["error"]["detail"]


def test_dossier_json_has_offices_claims_quotes_documents(client, built_db) -> None:
    quell = built_db["ids"]["Mara Quell"]
    data = client.get(f"/entity/{quell}.json").json()
    assert data["entity"]["name"] == "Mara Quell"
    assert "Quell" in [n["name"] for n in data["names"]]
    assert [o["title"] for o in data["offices"]] == ["President"]
    assert (data["offices"][0]["from"], data["offices"][0]["to"]) == ("2023-02-06", "2023-02-06")
    kinds = {g["kind"] for g in data["claim_groups"]}
    assert {"meeting", "criticism", "travel"} <= kinds
    meetings = [c for c in data["claims"] if c["kind"] == "meeting"]
    # the same meeting is stated by both documents
    assert all(c["corroboration"]["independent"] == 2 for c in meetings)
    travel = next(c for c in data["claims"] if c["kind"] == "travel")
    assert travel["status"] == "planned" and travel["corroboration"]["independent"] == 1
    criticism = next(c for c in data["claims"] if c["kind"] == "criticism")
    assert criticism["status"] == "reported"
    assert [v["name"] for v in criticism["via"]] == ["Dov Rinn"]
    assert [q["text"] for q in data["quotes_by"]] == ["We agreed on the bridge,"]
    assert [q["speaker"]["name"] for q in data["quotes_about"]] == ["Dov Rinn"]
    assert {d["id"] for d in data["documents"]} == {built_db["a"], built_db["b"]}
    assert data["document_total"] == 2


def test_evidence_links_point_at_the_sentence_that_states_it(client, built_db) -> None:
    quell = built_db["ids"]["Mara Quell"]
    data = client.get(f"/entity/{quell}.json").json()
    for claim in data["claims"]:
        path, _, anchor = claim["evidence"]["link"].partition("#")
        doc = client.get(path + ".json").json()
        sentence = next(
            s for p in doc["paragraphs"] for s in p["sentences"] if f"s{s['idx']}" == anchor
        )
        assert doc["text"][sentence["start"] : sentence["end"]] == claim["evidence"]["text"]
        page = client.get(path).text
        assert f'id="{anchor}"' in page


def test_html_and_json_come_from_the_same_data(client, built_db) -> None:
    quell = built_db["ids"]["Mara Quell"]
    html = client.get(f"/entity/{quell}").text
    as_json = client.get(f"/entity/{quell}", headers={"Accept": "application/json"})
    assert as_json.headers["content-type"].startswith("application/json")
    assert as_json.json() == client.get(f"/entity/{quell}.json").json()
    for claim in as_json.json()["claims"]:
        assert claim["evidence"]["link"] in html
    assert "reported via Dov Rinn" in html
    assert "2 independent sources" in html


def test_search_finds_sentences_quotes_and_names(client, built_db) -> None:
    data = client.get("/search.json", params={"q": "bridge"}).json()
    assert any(r["kind"] == "quote" for r in data["results"])
    assert all("bridge" in r["text"].lower() for r in data["results"])
    names = client.get("/search.json", params={"q": "rinn"}).json()
    assert [e["name"] for e in names["entities"]] == ["Dov Rinn"]
    prefix = client.get("/search.json", params={"q": "Osterb"}).json()
    assert prefix["results"] and prefix["results"][0]["link"].startswith(
        f"/document/{built_db['b']}#s"
    )
    html = client.get("/search", params={"q": "bridge"}).text
    assert "<mark>bridge</mark>" in html


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/entity/987654.json", 404),
        ("/entity/not-a-number.json", 404),
        ("/entity/99999999999999999999999.json", 404),
        ("/document/0000000000000000.json", 404),
        ("/entity/1/graph.json?x=1", 200),
        ("/search.json?q=", 400),
        ("/search.json?q=%22%28%2A%29", 400),
        ("/search.json?q=" + "a" * 500, 400),
        ("/search.json?q=quell&limit=0", 400),
        ("/search.json?q=quell&limit=lots", 400),
        ("/nothing-here.json", 404),
    ],
)
def test_errors_share_one_envelope(client, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    if status != 200:
        _error_shape(response.json(), status)


def test_fts_syntax_in_queries_is_taken_as_words(client) -> None:
    for q in ["quell AND", "NEAR(quell", '"unbalanced', "quell*", "-rinn", "col:quell"]:
        response = client.get("/search.json", params={"q": q})
        assert response.status_code == 200, q


def test_error_pages_are_html_without_traceback(client) -> None:
    response = client.get("/entity/424242")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "No entity with id" in response.text
    assert "Traceback" not in response.text
    bad = client.get("/search", params={"q": "!!!"})
    assert bad.status_code == 400 and "Traceback" not in bad.text


def test_article_text_is_escaped_everywhere(client, built_db) -> None:
    doc = client.get(f"/document/{built_db['a']}")
    assert doc.status_code == 200
    assert "<script>alert(1)</script>" not in doc.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in doc.text
    assert "<b>meet</b>" not in doc.text
    # a javascript: URL in the metadata is shown, never linked
    assert 'href="javascript:' not in doc.text
    quell = built_db["ids"]["Mara Quell"]
    dossier = client.get(f"/entity/{quell}").text
    assert "<script>alert(1)</script>" not in dossier
    assert "Content-Security-Policy" in doc.headers
    assert "script-src 'self'" in doc.headers["Content-Security-Policy"]


def test_document_view_marks_entities_quotes_and_date_source(client, built_db) -> None:
    data = client.get(f"/document/{built_db['a']}.json").json()
    assert data["document"]["published"] == "2023-02-07"
    assert "HTML metadata" in data["document"]["date_source"]
    pieces = [p for para in data["paragraphs"] for s in para["sentences"] for p in s["pieces"]]
    assert "".join(p["text"] for p in pieces).replace(" ", "") == TEXT_A.replace(" ", "")
    linked = {p["text"]: p["entity"]["name"] for p in pieces if p["entity"]}
    assert linked["Dov Rinn"] == "Dov Rinn" and linked["Quell"] == "Mara Quell"
    assert any(p["quote"] and "bridge" in p["text"] for p in pieces)
    html = client.get(f"/document/{built_db['a']}").text
    assert 'id="q' in html and "has-claim" in html


def test_graph_and_timeline(client, built_db) -> None:
    quell = built_db["ids"]["Mara Quell"]
    graph = client.get(f"/entity/{quell}/graph.json").json()
    names = {n["name"] for n in graph["nodes"]}
    assert {"Mara Quell", "Dov Rinn", "Osterby"} <= names
    kinds = {e["kind"] for e in graph["edges"]}
    assert {"meeting", "travel"} <= kinds
    timeline = client.get(f"/entity/{quell}/timeline.json").json()
    dates = [e["date"] for e in timeline["events"]]
    assert dates == sorted(dates) and "2023-06" in dates
    everything = client.get("/timeline.json").json()
    assert {e["document"]["id"] for e in everything["events"]} == {built_db["a"], built_db["b"]}


def test_index_lists_most_documented(client) -> None:
    data = client.get("/index.json").json()
    assert data["counts"]["documents"] == 2
    assert data["top_entities"][0]["name"] in {"Mara Quell", "Dov Rinn"}


def test_database_is_opened_read_only(built_db) -> None:
    conn = connect_readonly(built_db["path"])
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM documents")
    conn.close()


def test_create_app_refuses_missing_and_foreign_files(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        create_app(tmp_path / "missing.db")
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(NotADossierDatabase):
        create_app(other)
    text = tmp_path / "notes.db"
    text.write_text("not sqlite at all " * 100)
    with pytest.raises(NotADossierDatabase):
        create_app(text)


@pytest.mark.slow
def test_real_pipeline_database_serves_every_page(pipeline, tmp_path: Path) -> None:
    from webdb import build

    path = tmp_path / "real.db"
    ids = build(pipeline, path)
    with TestClient(create_app(path)) as c:
        top = c.get("/index.json").json()["top_entities"]
        people = [e for e in top if e["type"] == "Person"]
        assert any("Brenvik" in e["name"] for e in people)
        for e in top:
            for suffix in ("", ".json", "/graph", "/timeline"):
                assert c.get(f"/entity/{e['id']}{suffix}").status_code == 200
        for doc_id in ids.values():
            assert c.get(f"/document/{doc_id}").status_code == 200
        hostile = c.get(f"/document/{ids['fixture/hostile.txt']}").text
        assert "<script>alert('xss')</script>" not in hostile
        assert "<img src=x" not in hostile
        assert 'href="javascript:' not in hostile
        assert "&lt;img src=x onerror=alert(&#39;img&#39;)&gt;" in hostile
        hits = c.get("/search.json", params={"q": "harbour"}).json()["results"]
        assert hits and all("harbour" in h["text"].lower() for h in hits)


def test_serve_command_refuses_a_missing_database(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dossier.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no such database" in result.output
    assert "Traceback" not in result.output


def test_graph_page_without_the_library_lists_connections(client, built_db, monkeypatch) -> None:
    from dossier.web import app as web_app

    monkeypatch.setattr(web_app, "GRAPH_LIBRARY", built_db["path"].parent / "missing.js")
    quell = built_db["ids"]["Mara Quell"]
    html = client.get(f"/entity/{quell}/graph").text
    assert 'id="graph-missing"' in html and "cytoscape.min.js" not in html
    assert f'href="/entity/{built_db["ids"]["Dov Rinn"]}"' in html
