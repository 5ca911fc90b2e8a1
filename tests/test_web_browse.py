"""The workbench in-process: paging with true totals, filters in the URL, outlets on every
line, office spans, the entity and document indexes, stories, graph evidence, downloads.

The database is `webdb.build_newsroom`: 63 fictional reports by three outlets.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dossier.store import Database
from dossier.web import create_app
from webdb import OUTLETS, _article, build_newsroom


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    path = tmp_path_factory.mktemp("browse") / "browse.db"
    ids, docs = build_newsroom(path)
    with TestClient(create_app(path)) as client:
        yield {"client": client, "ids": ids, "docs": docs, "path": path}


def _dossier(site: dict[str, Any], query: str = "") -> dict[str, Any]:
    response = site["client"].get(f"/entity/{site['ids']['Ilse Varga']}.json{query}")
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_every_list_is_paged_with_its_true_total(site) -> None:
    first = _dossier(site, "?per_page=25")
    assert first["paging"]["claims"] == {"page": 1, "per_page": 25, "total": 62, "pages": 3}
    assert len(first["claims"]) == 25 and len(first["quotes_by"]) == 25
    assert first["paging"]["quotes_by"]["total"] == first["paging"]["documents"]["total"] == 63
    seen = set()
    for page in (1, 2, 3):
        seen |= {c["id"] for c in _dossier(site, f"?per_page=25&page={page}")["claims"]}
    assert len(seen) == 62  # nothing lost between pages
    html = site["client"].get(f"/entity/{site['ids']['Ilse Varga']}?per_page=25").text
    assert "1–25 of 62" in html and "1–25 of 63" in html
    assert 'rel="next" href="?page=2&amp;per_page=25#claims"' in html


def test_filters_live_in_the_url_and_narrow_every_list(site) -> None:
    data = _dossier(site, "?outlet=Valmere+Wire&since=2024-02-01&until=2024-02")
    assert data["filters"] == {"outlet": "Valmere Wire", "since": "2024-02-01", "until": "2024-02"}
    assert data["claims"] and {c["evidence"]["outlet"] for c in data["claims"]} == {"Valmere Wire"}
    assert all("2024-02-01" <= c["date"] <= "2024-02-28" for c in data["claims"])
    assert {q["document"]["site"] for q in data["quotes_by"]} == {"Valmere Wire"}
    assert {d["site"] for d in data["documents"]} == {"Valmere Wire"}
    assert _dossier(site, "?kind=membership")["paging"]["claims"]["total"] == 0
    assert _dossier(site, "?status=asserted")["paging"]["claims"]["total"] == 62
    oldest = _dossier(site, "?sort=oldest")["claims"]
    assert [c["date"] for c in oldest] == sorted(c["date"] for c in oldest)


@pytest.mark.parametrize(
    "query",
    ["?page=0", "?per_page=100000", "?since=yesterday", "?kind=gossip", "?status=rumour",
     "?sort=loudest", "?confidence=maybe", "?page=lots"],
)  # fmt: skip
def test_a_filter_that_makes_no_sense_is_a_400(site, query: str) -> None:
    response = site["client"].get(f"/entity/{site['ids']['Ilse Varga']}.json{query}")
    assert response.status_code == 400
    assert set(response.json()["error"]) == {"status", "title", "detail"}


def test_unsure_claims_are_hidden_once_claims_carry_a_confidence(site, tmp_path: Path) -> None:
    copy = tmp_path / "confidence.db"
    with sqlite3.connect(site["path"]) as source, sqlite3.connect(copy) as target:
        source.backup(target)
        # every other claim as unsure as a rule can be, the rest as sure
        target.execute("UPDATE claims SET confidence = CASE WHEN id % 2 THEN 0.3 ELSE 0.9 END")
    with TestClient(create_app(copy)) as client:
        varga = site["ids"]["Ilse Varga"]
        shown = client.get(f"/entity/{varga}.json").json()["paging"]["claims"]["total"]
        every = client.get(f"/entity/{varga}.json?confidence=all").json()["paging"]["claims"][
            "total"
        ]
        unsure = client.get(f"/entity/{varga}.json?confidence=unsure").json()["paging"]["claims"]
    assert (shown, every, unsure["total"]) == (31, 62, 31)


def test_outlet_and_date_on_every_line(site) -> None:
    data = _dossier(site)
    assert all(c["evidence"]["outlet"] in OUTLETS and c["document_date"] for c in data["claims"])
    assert all(q["document"]["site"] in OUTLETS and q["date"] for q in data["quotes_by"])
    hits = site["client"].get("/search.json", params={"q": "port"}).json()
    assert hits["paging"]["total"] >= 60
    assert all(
        r["document"]["site"] in OUTLETS and r["document"]["published"] for r in hits["results"]
    )
    events = site["client"].get(f"/entity/{site['ids']['Ilse Varga']}/timeline.json").json()
    assert all(e["outlet"] in OUTLETS for e in events["events"])
    html = site["client"].get("/search", params={"q": "port", "outlet": "Osterby Times"}).text
    assert html.count('<span class="outlet">Osterby Times</span>') >= 20
    assert "Kerrow Ledger</span>" not in html.split('class="hits"')[1]


def test_the_timeline_reads_all_the_data_then_pages(site) -> None:
    varga = site["ids"]["Ilse Varga"]
    events = site["client"].get(f"/entity/{varga}/timeline.json?per_page=10").json()
    assert events["paging"]["total"] >= 62 and len(events["events"]) == 10
    pages = events["paging"]["pages"]
    last = site["client"].get(f"/entity/{varga}/timeline.json?per_page=10&page={pages}").json()
    assert last["events"] and last["events"][-1]["date"] == "2024-03-05"
    everything = site["client"].get("/timeline.json?per_page=500").json()
    assert everything["paging"]["total"] == 63 == len(everything["events"])


def test_an_office_stated_by_many_articles_is_one_span_with_its_outlets(site) -> None:
    offices = _dossier(site)["offices"]
    assert len(offices) == 1
    span = offices[0]
    assert (span["title"], span["from"], span["to"]) == ("Governor", "2024-01-01", "2024-03-05")
    assert span["outlets"] == sorted(OUTLETS) and span["documents"] == 63
    assert all(s["link"].startswith("/document/") and s["outlet"] for s in span["sources"])
    # no sentence dates the term: the span is the articles' dates, and says so
    html = site["client"].get(f"/entity/{site['ids']['Ilse Varga']}").text
    assert '<span class="date span article-date" title="No sentence dates this office' in html
    assert '<span class="stated">stated </span>2024-01-01 – 2024-03-05' in html


def test_a_fact_names_the_outlets_that_report_it(site) -> None:
    claim = _dossier(site)["claims"][0]
    assert {s["name"] for s in claim["corroboration"]["sources"]} <= set(OUTLETS)
    html = site["client"].get(f"/entity/{site['ids']['Ilse Varga']}").text
    assert ">1 independent source<" not in html
    assert '<span class="reported-by only"' in html or '<span class="reported-by">' in html


def test_the_entity_index_filters_sorts_and_pages(site) -> None:
    client = site["client"]
    people = client.get("/entities.json?type=Person&sort=mentions").json()
    assert [e["name"] for e in people["entities"]] == ["Ilse Varga", "Petr Anholm"]
    assert people["entities"][0]["documents"] == 63 and people["paging"]["total"] == 2
    named = client.get("/entities.json?name=anholm").json()["entities"]
    assert [e["name"] for e in named] == ["Petr Anholm"]
    one = client.get("/entities.json?per_page=1&page=2&sort=name").json()
    assert [e["name"] for e in one["entities"]] == ["Petr Anholm"]
    assert client.get("/entities.json?type=Dragon").status_code == 400
    assert "Ilse Varga" in client.get("/entities?type=Person").text


def test_the_document_index_and_page_link_the_original_address(site) -> None:
    client = site["client"]
    data = client.get("/documents.json?outlet=Kerrow+Ledger&per_page=5").json()
    assert data["paging"]["total"] == 21 and len(data["documents"]) == 5
    doc = data["documents"][0]
    assert doc["url"].startswith("https://kerrow.example/")
    html = client.get(f"/document/{doc['id']}").text
    assert f'class="original-url" href="{doc["url"]}"' in html
    assert "fixture/" in html  # where it was read from, shown apart from the address


def test_a_story_shows_each_outlet_and_what_it_leaves_out(site) -> None:
    client = site["client"]
    stories = client.get("/stories.json").json()["stories"]
    summit = next(s for s in stories if site["docs"][100] in [d["id"] for d in s["documents"]])
    assert summit["outlets"] == sorted(OUTLETS)
    assert {site["docs"][100 + i] for i in range(3)} <= {d["id"] for d in summit["documents"]}
    story = client.get(f"/story/{site['docs'][102]}.json").json()
    columns = {c["outlet"]: c for c in story["columns"]}
    assert set(columns) >= set(OUTLETS)
    silent = columns["Osterby Times"]
    assert not any(
        c["kind"] == "meeting"
        for c in silent["asserted"]
        if c["evidence"]["document"] == site["docs"][102]
    )
    assert (
        any(x["claim"]["kind"] == "meeting" for x in silent["left_out"])
        or len(silent["documents"]) > 1
    )
    assert any(q["speaker"] and q["speaker"]["name"] == "Ilse Varga" for q in silent["quoted"])
    loaded = columns["Valmere Wire"]["loaded"]
    assert any(p["loaded"] and p["text"] == "lunatic" for s in loaded for p in s["pieces"])
    html = client.get(f"/story/{site['docs'][100]}").text
    assert 'class="loaded" title="the outlet\'s own words">lunatic</mark>' in html
    assert client.get("/story/0000000000000000.json").status_code == 404


def test_graph_edges_carry_their_evidence(site) -> None:
    graph = client_json(site, f"/entity/{site['ids']['Ilse Varga']}/graph.json")
    meeting = next(e for e in graph["edges"] if e["kind"] == "meeting")
    assert meeting["count"] == 62 and set(meeting["outlets"]) == set(OUTLETS)
    assert meeting["evidence"] and all(
        ev["link"].startswith("/document/") for ev in meeting["evidence"]
    )
    assert graph["kinds"] == ["meeting"]
    html = site["client"].get(f"/entity/{site['ids']['Ilse Varga']}/graph").text
    assert 'data-kind="meeting"' in html and 'class="evidence" href="/document/' in html
    # the sentences an edge leaves out are one click away, in the dossier under that kind
    varga = site["ids"]["Ilse Varga"]
    assert f'class="more" href="/entity/{varga}?kind=meeting&amp;confidence=all#claims"' in html


def client_json(site: dict[str, Any], url: str) -> dict[str, Any]:
    response = site["client"].get(url)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_dossier_and_search_download_whole_under_their_filters(site) -> None:
    client, varga = site["client"], site["ids"]["Ilse Varga"]
    response = client.get(f"/entity/{varga}.csv?outlet=Kerrow+Ledger&download=1")
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    claims = [r for r in rows if r["section"] == "claim"]
    assert len(claims) == 21 and {r["outlet"] for r in claims} == {"Kerrow Ledger"}
    assert all(r["link"].startswith("/document/") for r in rows)
    whole = client.get(f"/entity/{varga}.json?download=1").json()
    assert len(whole["claims"]) == 62  # the download is not one page
    ftm = [json.loads(line) for line in client.get(f"/entity/{varga}.ftm").text.splitlines()]
    schemas = {e["schema"] for e in ftm}
    assert {"Person", "Article"} <= schemas
    found = client.get("/search.csv", params={"q": "port", "outlet": "Valmere Wire"}).text
    hits = [r for r in csv.DictReader(io.StringIO(found)) if r["section"] == "hit"]
    assert hits and {r["outlet"] for r in hits} == {"Valmere Wire"}
    assert client.get("/search.ftm", params={"q": "port"}).status_code == 200
    page = client.get(f"/entity/{varga}").text
    assert f'href="/entity/{varga}.csv?download=1"' in page and "data-print" in page


def test_kept_fact_groups_follow_a_database_that_changes(tmp_path) -> None:
    path = tmp_path / "growing.db"
    ids, _ = build_newsroom(path)
    varga = ids["Ilse Varga"]
    with TestClient(create_app(path)) as client:
        before = client.get(f"/entity/{varga}.json?sort=oldest").json()["claims"][0][
            "corroboration"
        ]
        with Database(path) as db:
            db.add_article(*_article(500, "Brisk Courier", "2024-01-01"))
        after = client.get(f"/entity/{varga}.json?sort=oldest").json()["claims"]
    sources = {
        s["name"] for c in after if c["corroboration"] for s in c["corroboration"]["sources"]
    }
    assert "Brisk Courier" in sources
    assert "Brisk Courier" not in {s["name"] for s in before["sources"]}


def test_quote_totals_leave_out_the_unsure_quotes_the_lists_hide(tmp_path: Path) -> None:
    path = tmp_path / "unsure.db"
    ids, _ = build_newsroom(path)
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE quotes SET confidence = 0.1 WHERE id = (SELECT min(q.id) FROM quotes q"
            " JOIN doc_entities de ON de.id = q.speaker_doc_entity_id WHERE de.entity_id = ?)",
            (ids["Ilse Varga"],),
        )
    with TestClient(create_app(path)) as client:
        for query in ("?per_page=25", "?per_page=25&outlet=Valmere+Wire"):
            url = f"/entity/{ids['Ilse Varga']}.json{query}"
            paging = client.get(url).json()["paging"]["quotes_by"]
            listed = [
                q
                for page in range(1, paging["pages"] + 1)
                for q in client.get(f"{url}&page={page}").json()["quotes_by"]
            ]
            assert len(listed) == paging["total"]  # the last page holds what the total says
        assert (
            client.get(f"/entity/{ids['Ilse Varga']}.json").json()["paging"]["quotes_by"]["total"]
            == 62
        )


def test_a_fact_lists_its_leading_sources_and_counts_them_all(site) -> None:
    from dossier.web.dossier import entity_dossier

    conn = sqlite3.connect(f"file:{site['path']}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    entity = site["ids"]["Ilse Varga"]
    whole = entity_dossier(conn, entity, None, None)  # as the downloads read it
    page = entity_dossier(conn, entity, None, 1)
    wide = [c for c in whole["claims"] if c["corroboration"] and
            len(c["corroboration"]["sources"]) > 1]  # fmt: skip
    assert wide, "the newsroom has facts reported by two outlets"
    for full in wide:
        cut = next(c for c in page["claims"] if c["id"] == full["id"])["corroboration"]
        assert cut["source_total"] == len(full["corroboration"]["sources"]) == 2
        assert len(cut["sources"]) == 1
        counts = sorted((s["count"] for s in full["corroboration"]["sources"]), reverse=True)
        assert [s["count"] for s in cut["sources"]] == counts[:1]  # the most reported first
