"""What a reader sees: one fact stated from both sides, passages shown once, merged timeline
lines, reporting chains without the speaker twice, plain words for empty sections."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dossier.records import Analysis, Article, Claim, Entity, Evidence, Mention, Quote, Sentence
from dossier.store import Database
from dossier.web import create_app

# Two invented officials of the invented city of Harlow, and the outlet that reports them.
TEXT_A = (
    "Mayor Irena Vost met Councillor Bram Tessel in Harlow on Friday. "
    "The tolls will fall next year. "
    "Tessel said Vost wanted lower fares, according to the Harlow Courier."
)
TEXT_B = "Councillor Bram Tessel met Mayor Irena Vost at the town hall."


def _span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    starts = [m.start() for m in re.finditer(re.escape(needle), text)]
    return starts[nth], starts[nth] + len(needle)


def _sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for m in re.finditer(r"(?<=\.)\s+", text):
        out.append(Sentence(start, m.start(), 0))
        start = m.end()
    out.append(Sentence(start, len(text), 0))
    return out


def _evidence(text: str, s: Sentence) -> Evidence:
    return Evidence(s.start, s.end, text[s.start : s.end])


def _person(index: int, name: str, text: str, *extra: str) -> Entity:
    mentions = [Mention(*_span(text, name), name)]
    surname = name.split()[-1]
    for nth in range(1, 1 + len(extra)):
        mentions.append(Mention(*_span(text, surname, nth), surname, "surname"))
    return Entity(index, "Person", name, mentions=mentions)


def _analysis_a() -> Analysis:
    t = TEXT_A
    s = _sentences(t)
    vost = _person(0, "Irena Vost", t, "Vost")
    tessel = _person(1, "Bram Tessel", t, "Tessel")
    courier = Entity(
        2, "Organization", "Harlow Courier", mentions=[Mention(*_span(t, "Harlow Courier"), "x")]
    )
    # an unattributed sentence quoted whole: search must show it once, not as sentence and quote
    tolls = Quote(None, t[s[1].start : s[1].end], "indirect", s[1].start, s[1].end)
    fares_start, fares_end = _span(t, "Vost wanted lower fares")
    fares = Quote(1, "Vost wanted lower fares", "indirect", fares_start, fares_end, via=[1, 2])
    claims = [
        # one sentence states a meeting and a travel on the same day: one timeline line
        Claim("meeting", 0, _evidence(t, s[0]), object=1, date="2024-04-05"),
        Claim("travel", 0, _evidence(t, s[0]), date="2024-04-05"),
    ]
    return Analysis(
        sentences=s, entities=[vost, tessel, courier], quotes=[tolls, fares], claims=claims
    )


def _analysis_b() -> Analysis:
    t = TEXT_B
    s = _sentences(t)
    tessel = _person(0, "Bram Tessel", t)
    vost = _person(1, "Irena Vost", t)
    # the same meeting, told from the other side
    claims = [Claim("meeting", 0, _evidence(t, s[0]), object=1)]
    return Analysis(sentences=s, entities=[tessel, vost], claims=claims)


@pytest.fixture
def site(db_path: Path) -> Iterator[dict[str, Any]]:
    with Database(db_path) as db:
        a, _ = db.add_article(
            Article("a.txt", TEXT_A, title="Harlow talks", published="2024-04-06"), _analysis_a()
        )
        db.add_article(Article("b.txt", TEXT_B, title="Town hall"), _analysis_b())
        ids = {r["name"]: r["id"] for r in db.conn.execute("SELECT id, name FROM entities")}
    with TestClient(create_app(db_path)) as client:
        yield {"client": client, "ids": ids, "a": a}


def test_a_meeting_told_from_either_side_counts_both_documents(site) -> None:
    for name in ("Irena Vost", "Bram Tessel"):
        data = site["client"].get(f"/entity/{site['ids'][name]}.json").json()
        meetings = [c for c in data["claims"] if c["kind"] == "meeting"]
        assert len(meetings) == 2
        assert all(c["corroboration"]["independent"] == 2 for c in meetings), name


def test_a_sentence_quoted_whole_is_one_search_hit(site) -> None:
    hits = site["client"].get("/search.json", params={"q": "tolls"}).json()["results"]
    assert [h["text"] for h in hits] == ["The tolls will fall next year."]


def test_timeline_shows_a_sentence_once_with_all_its_kinds(site) -> None:
    vost = site["ids"]["Irena Vost"]
    events = site["client"].get(f"/entity/{vost}/timeline.json").json()["events"]
    first = [e for e in events if e["date"] == "2024-04-05"]
    assert len(first) == 1
    assert first[0]["kinds"] == ["meeting", "travel"]
    html = site["client"].get(f"/entity/{vost}/timeline").text
    assert "meeting · travel" in html


def test_reporting_chain_is_shown_without_repeating_the_speaker(site) -> None:
    vost, tessel = site["ids"]["Irena Vost"], site["ids"]["Bram Tessel"]
    html = site["client"].get(f"/entity/{vost}").text
    about = html[html.index('id="quotes-about"') : html.index('id="documents"')]
    assert "reported through" in about and "Harlow Courier" in about
    assert about.count(f'href="/entity/{tessel}"') == 1


def test_the_page_entity_is_named_not_linked_in_its_own_claims(site) -> None:
    vost = site["ids"]["Irena Vost"]
    html = site["client"].get(f"/entity/{vost}").text
    claims = html[html.index('id="claims"') : html.index('id="quotes-by"')]
    assert '<strong class="self">Irena Vost</strong>' in claims
    assert f'href="/entity/{vost}"' not in claims
    # a claim dated only by its article says so
    assert "article-date" in claims


def test_empty_sections_say_so_in_words(site) -> None:
    tessel = site["ids"]["Bram Tessel"]
    html = site["client"].get(f"/entity/{tessel}").text
    assert "The sources give Bram Tessel no office or title." in html
    courier = site["ids"]["Harlow Courier"]
    html = site["client"].get(f"/entity/{courier}").text
    assert "The sources state no claims about Harlow Courier." in html
    assert "No quotes are attributed to Harlow Courier." in html


def test_a_refused_search_keeps_its_words_in_the_box(site) -> None:
    response = site["client"].get("/search", params={"q": "***"})
    assert response.status_code == 400
    assert 'value="***"' in response.text
    assert "Nothing to search for" in response.text and "Traceback" not in response.text


def test_document_lists_claims_in_a_table_and_quotes_point_into_the_text(site) -> None:
    html = site["client"].get(f"/document/{site['a']}").text
    assert 'class="claims-table"' in html
    assert "in the text ↑" in html


def test_sentences_found_after_paging_match_the_sql_lookup(site, db_path: Path) -> None:
    # claims are matched to their sentences once a page is chosen (`sentence_indexes`); every
    # offset of both articles, the edges and unknowns must give what the SQL subquery gives
    from dossier.web.queries import _sentence_index_sql, connect_readonly, sentence_indexes

    conn = connect_readonly(db_path)
    try:
        docs = {r[0]: len(r[1]) for r in conn.execute("SELECT id, text FROM documents")}
        places: list[tuple[str, int | None]] = [("no such document", 3)]
        for doc, size in docs.items():
            places += [(doc, None)] + [(doc, offset) for offset in range(-1, size + 2)]
        sql = "SELECT " + _sentence_index_sql("?", "?")
        expected = [
            conn.execute(sql.replace("?", "?1", 1), (d, o)).fetchone()[0] for d, o in places
        ]
        assert sentence_indexes(conn, places) == expected
        assert {i for i in expected if i is not None} == {0, 1, 2}
    finally:
        conn.close()


def test_kept_lists_follow_a_database_that_changes(site, db_path: Path) -> None:
    # the surface forms and the quotes naming an entity are kept between requests; an article
    # added while the server runs must show on the next request
    vost = site["ids"]["Irena Vost"]
    before = site["client"].get(f"/entity/{vost}.json").json()
    assert "Mayor Vost" not in [n["name"] for n in before["names"]]
    text = 'Mayor Vost opened the bridge. "Mayor Vost kept her word," Bram Tessel said.'
    said = _span(text, "Mayor Vost kept her word,")
    tessel = _person(1, "Bram Tessel", text)
    vost_entity = Entity(
        0, "Person", "Irena Vost",
        mentions=[Mention(*_span(text, "Mayor Vost"), "Mayor Vost"),
                  Mention(*_span(text, "Mayor Vost", 1), "Mayor Vost")],
    )  # fmt: skip
    analysis = Analysis(
        sentences=_sentences(text),
        entities=[vost_entity, tessel],
        quotes=[Quote(1, "Mayor Vost kept her word,", "direct", *said)],
    )
    with Database(db_path) as db:
        db.add_article(Article("c.txt", text, title="Bridge", published="2024-05-01"), analysis)
    after = site["client"].get(f"/entity/{vost}.json").json()
    assert "Mayor Vost" in [n["name"] for n in after["names"]]
    about = [q["text"] for q in after["quotes_about"]]
    assert "Mayor Vost kept her word," in about
    assert after["paging"]["quotes_about"]["total"] == before["paging"]["quotes_about"]["total"] + 1


def test_the_home_page_lists_people_apart_from_bodies_and_places(site) -> None:
    html = site["client"].get("/").text
    people = html[html.index('<ol class="entities people">') :]
    people, others = people.split('<ol class="entities others">')
    assert "Irena Vost" in people and "Bram Tessel" in people
    assert "Harlow Courier" not in people and "Harlow Courier" in others
    assert 'href="/entities?type=Person"' in html and 'href="/stories"' in html
