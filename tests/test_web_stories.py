"""Stories on a fictional newsroom: which articles are one event, what names a story, whose
loaded words each outlet prints, and what an outlet can be said to leave out.

Premier Alda Korvin is named in every article, as a head of government is in real news: a
name that common must not make two articles one story.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dossier.records import (
    Analysis,
    Article,
    Claim,
    Entity,
    Evidence,
    LoadedSpan,
    Mention,
    Sentence,
)
from dossier.store import Database
from dossier.web import create_app
from dossier.web.stories import headline_words

PREMIER = "Premier Alda Korvin"


def _article(
    name: str, site: str, day: str, title: str, people: list[str], extra: str = ""
) -> tuple[Article, Analysis]:
    """An article naming Korvin and `people`, one sentence each, then `extra`."""
    sentences, entities, text = [], [], ""
    for key, person in enumerate([PREMIER.removeprefix("Premier "), *people]):
        line = f"{person} spoke in Kerrow."
        sentences.append(Sentence(len(text), len(text) + len(line), key))
        entities.append(
            Entity(key, "Person", person, [], [Mention(len(text), len(text) + len(person), person)])
        )
        text += line + "\n\n"
    if extra:
        sentences.append(Sentence(len(text), len(text) + len(extra), len(entities)))
        text += extra
    article = Article(
        f"fixture/{name}.html", text.strip(), title=title, site=site, published=day,
        published_from="html",
    )  # fmt: skip
    return article, Analysis(sentences=sentences, entities=entities)


def _background(n: int) -> tuple[Article, Analysis]:
    """One of many unrelated articles, each a week apart, naming Korvin and a stranger."""
    return _article(
        f"bg{n}", ("Kerrow Ledger", "Valmere Wire")[n % 2],
        f"2023-{1 + n // 4:02d}-{1 + 7 * (n % 4):02d}",
        f"Weekly report number {n} from the provinces", [f"Stranger Number{n}"],
    )  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    path: Path = tmp_path_factory.mktemp("stories") / "stories.db"
    docs = {}
    with Database(path) as db:
        for n in range(24):
            db.add_article(*_background(n))
        articles = {
            # the same day, only Korvin in common, headlines with nothing but filler shared
            "school": _article("school", "Kerrow Ledger", "2024-06-03",
                               "Korvin opens a school in Dunmere", ["Ina Lusk"]),
            "football": _article("football", "Valmere Wire", "2024-06-03",
                                 "Korvin cheers the national football team", ["Teo Rask"]),
            # a chain: P and Q share two people, Q and R two others, P and R nobody
            "p": _article("p", "Kerrow Ledger", "2024-07-01", "Dockers strike at the port",
                          ["Ulla Brin", "Dario Fenn", "Ezra Pike", "Fenna Lode", "Gus Amber"]),
            "q": _article("q", "Valmere Wire", "2024-07-01", "Unions and farmers meet the council",
                          ["Ulla Brin", "Dario Fenn", "Sven Tall", "Mira Holt"]),
            "r": _article("r", "Osterby Times", "2024-07-02", "Harvest prices fall again",
                          ["Sven Tall", "Mira Holt", "Hal Wren", "Ivo Bast", "Jon Cray"]),
            # one event told by three outlets
            "s1": _article("s1", "Kerrow Ledger", "2024-08-05",
                           "Oster resigns over harbour contract", ["Bram Oster", "Lina Varo"]),
            "s2": _article("s2", "Valmere Wire", "2024-08-05",
                           "Minister Oster quits: the harbour deal", ["Bram Oster", "Lina Varo"],
                           '"It was a reckless deal," Varo said of the harbour contract.'),
            "s3": _article("s3", "Osterby Times", "2024-08-06",
                           "Why the harbour contract toppled Oster", ["Bram Oster", "Lina Varo"],
                           "The disgraceful contract cost the port dearly."),
        }  # fmt: skip
        for name, (article, analysis) in articles.items():
            if name == "s1":
                said = "Bram Oster spoke in Kerrow."
                at = article.text.index(said)
                analysis.claims = [
                    Claim("travel", 1, Evidence(at, at + len(said), said)),
                    Claim("meeting", 1, Evidence(at, at + len(said), said), object=2),
                ]
                analysis.claims.append(
                    Claim("position", 1, Evidence(at, at + len(said), said), value="Minister")
                )
            if name == "s2":  # the speaker's word, inside a quote
                at = article.text.index("reckless")
                analysis.loaded_spans = [
                    LoadedSpan(at, at + 8, "reckless", about=1, holder="Lina Varo", holder_entity=2)
                ]
            if name == "s3":  # the outlet's own word
                at = article.text.index("disgraceful")
                analysis.loaded_spans = [
                    LoadedSpan(at, at + 11, "disgraceful", about=1, holder=article.site)
                ]
            docs[name] = db.add_article(article, analysis)[0]
    with TestClient(create_app(path)) as client:
        yield {"client": client, "docs": docs}


def _story_of(site: dict[str, Any], name: str) -> set[str]:
    """The names of the articles in the story of article `name` (empty if in none)."""
    response = site["client"].get(f"/story/{site['docs'][name]}.json")
    if response.status_code == 404:
        return set()
    assert response.status_code == 200, response.text
    ids = {d["id"] for d in response.json()["story"]["documents"]}
    return {n for n, i in site["docs"].items() if i in ids}


def test_one_name_everyone_uses_does_not_make_a_story(site) -> None:
    assert _story_of(site, "school") == set()
    assert _story_of(site, "football") == set()


def test_a_story_does_not_chain_articles_that_share_nothing(site) -> None:
    assert _story_of(site, "p") == {"p", "q"}
    assert "p" not in _story_of(site, "r")


def test_one_event_told_by_three_outlets_is_one_story(site) -> None:
    assert _story_of(site, "s3") == {"s1", "s2", "s3"}
    listed = site["client"].get("/stories.json").json()["stories"]
    story = next(s for s in listed if s["id"] == min(site["docs"][n] for n in ("s1", "s2", "s3")))
    assert {a["name"] for a in story["actors"]} >= {"Bram Oster", "Lina Varo"}
    assert "Bram Oster" in site["client"].get("/stories").text


def test_loaded_words_name_who_uses_them(site) -> None:
    story = site["client"].get(f"/story/{site['docs']['s1']}.json").json()
    columns = {c["outlet"]: c for c in story["columns"]}
    quoted = columns["Valmere Wire"]["loaded"]
    assert [s["words"] for s in quoted] == [["reckless"]] and quoted[0]["holders"] == ["Lina Varo"]
    assert quoted[0]["outlet_words"] == []
    own = columns["Osterby Times"]["loaded"]
    assert own[0]["outlet_words"] == ["disgraceful"] and own[0]["holders"] == []
    html = site["client"].get(f"/story/{site['docs']['s1']}").text
    assert 'class="loaded quoted" title="the words of Lina Varo, quoted">reckless</mark>' in html
    assert "words of Lina Varo" in html


def test_background_facts_are_not_left_out(site) -> None:
    story = site["client"].get(f"/story/{site['docs']['s1']}.json").json()
    columns = {c["outlet"]: c for c in story["columns"]}
    missing = sorted(x["claim"]["kind"] for x in columns["Valmere Wire"]["left_out"])
    assert missing == ["meeting", "travel"]  # the office Minister is background, not omitted


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("Oster's resignation: what it means", {"oster", "resignation", "means"}),
        ("U.S. envoy says talks are over", {"us", "envoy", "talks"}),
        ("Korvin, 2024: the year in 12 charts", {"korvin", "year", "charts"}),
        (None, set()),
    ],
)
def test_headline_words_keep_only_what_names_an_event(title, words) -> None:
    assert headline_words(title) == words


def _entity(site: dict[str, Any], name: str) -> int:
    found = site["client"].get("/entities.json", params={"name": name}).json()["entities"]
    return int(next(e["id"] for e in found if e["name"] == name))


def test_stories_can_be_narrowed_to_the_ones_naming_a_person(site) -> None:
    client, oster = site["client"], _entity(site, "Bram Oster")
    data = client.get(f"/stories.json?entity={oster}").json()
    assert data["entity"]["name"] == "Bram Oster" and data["paging"]["total"] == 1
    assert {d["id"] for d in data["stories"][0]["documents"]} == {
        site["docs"][n] for n in ("s1", "s2", "s3")
    }
    korvin = _entity(site, "Alda Korvin")  # in every story: two of them, one a page
    html = client.get(f"/stories?entity={korvin}&per_page=1").text
    assert f'rel="next" href="?page=2&amp;per_page=1&amp;entity={korvin}"' in html
    assert "<option selected>1</option>" in html  # the page size shown is the one used
    assert client.get("/stories.json?entity=abc").status_code == 400
    assert client.get("/stories?entity=1%3Cscript%3E").status_code == 400
    assert client.get("/stories.json?entity=999999").status_code == 404


def test_the_dossier_shows_how_each_outlet_covers_the_person(site) -> None:
    client, oster = site["client"], _entity(site, "Bram Oster")
    data = client.get(f"/entity/{oster}.json").json()
    rows = {r["outlet"]: r for r in data["by_outlet"]}
    assert set(rows) == {"Kerrow Ledger", "Valmere Wire", "Osterby Times"}
    assert all(r["documents"] == 1 for r in rows.values())
    assert rows["Kerrow Ledger"]["claims"] == 3 and rows["Valmere Wire"]["claims"] == 0
    assert sum(r["claims"] for r in rows.values()) == data["paging"]["claims"]["total"]
    # the outlet's own word about him counts; a speaker's word it quotes does not
    assert rows["Osterby Times"]["loaded"] == [{"word": "disgraceful", "count": 1}]
    assert rows["Valmere Wire"]["loaded"] == []
    html = client.get(f"/entity/{oster}").text
    assert 'href="?per_page=20&amp;outlet=Kerrow+Ledger#claims"' in html
    assert 'href="?per_page=20&amp;outlet=Osterby+Times#documents"' in html
    assert f'href="/stories?entity={oster}"' in html


def test_a_document_lists_its_loaded_words_and_whose_they_are(site) -> None:
    client = site["client"]
    quoted = client.get(f"/document/{site['docs']['s2']}.json").json()["loaded"]
    assert [(s["words"], s["holders"]) for s in quoted] == [(["reckless"], ["Lina Varo"])]
    assert quoted[0]["link"].startswith(f"/document/{site['docs']['s2']}#s")
    html = client.get(f"/document/{site['docs']['s3']}").text
    assert 'title="the outlet\'s own words">disgraceful</mark>' in html
    assert "No loaded words were found" in client.get(f"/document/{site['docs']['s1']}").text
    # a document of a story says so under its title, one click from the comparison
    story = min(site["docs"][n] for n in ("s1", "s2", "s3"))
    banner = '<p class="story-banner">Other outlets told this story too: <a class="story-link"'
    assert f'{banner} href="/story/{story}">' in html
    assert "story-banner" not in client.get(f"/document/{site['docs']['school']}").text


def test_a_column_shows_what_happened_first_and_each_sentence_once(site) -> None:
    html = site["client"].get(f"/story/{site['docs']['s1']}").text
    kerrow = html[html.index('<h2 class="outlet-name">Kerrow Ledger</h2>') :]
    kerrow = kerrow[: kerrow.index("</section>")]
    events, background = kerrow.split('<details class="sources background">')
    assert (
        '<span class="kind">travel</span>' in events
        and '<span class="kind">meeting</span>' in events
    )
    assert '<span class="kind">position</span>' not in events
    assert "1 background fact: offices, employers, kin" in background
    assert '<span class="kind">position</span>' in background
    # one sentence states the travel and the meeting: it is quoted once, under both
    assert events.count("Bram Oster spoke in Kerrow.") == 1


def test_stories_are_grouped_once_for_every_connection_and_again_after_an_add(tmp_path) -> None:
    import sqlite3

    from dossier.web import stories
    from webdb import _article, build_newsroom

    path = tmp_path / "newsroom.db"
    _, docs = build_newsroom(path)
    first = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    first.row_factory = sqlite3.Row
    before = stories.group_stories(first)
    with Database(path) as db:  # a fourth outlet covers the summit
        article, analysis = _article(103, "Brisk Courier", "2024-03-05")
        article.title = "Summit in Kerrow: governor and minister agree on the port"
        added = db.add_article(article, analysis)[0]
    second = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    second.row_factory = sqlite3.Row
    after = stories.group_stories(first)
    assert after is not before
    summit = next(g for g in after if docs[100] in {d["id"] for d in g})
    assert added in {d["id"] for d in summit}
    # a connection opened since counts the database's changes from another start: the same
    # grouping serves it, not a new one
    assert stories.group_stories(second) is after


def test_hostile_outlets_and_headlines_stay_inert_in_stories_and_the_outlet_table(
    tmp_path,
) -> None:
    path = tmp_path / "hostile.db"
    title = "<img src=x onerror=alert('t')> Oster resigns over harbour contract"
    with Database(path) as db:
        for n, site in enumerate(("<script>alert('a')</script>", "<b onmouseover=alert(1)>B</b>")):
            article, analysis = _article(
                f"h{n}", site, "2024-08-05", title, ["Bram Oster", "Lina Varo"], f"Report {n}."
            )
            at = article.text.index("Bram Oster")
            analysis.loaded_spans = [LoadedSpan(at, at + 4, "Bram", about=1, holder=site)]
            doc = db.add_article(article, analysis)[0]
    with TestClient(create_app(path)) as client:
        oster = next(
            e["id"]
            for e in client.get("/entities.json?name=Oster").json()["entities"]
            if e["name"] == "Bram Oster"
        )
        pages = [
            f"/stories?entity={oster}",
            f"/story/{doc}",
            f"/entity/{oster}",
            f"/document/{doc}",
        ]
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.text
            assert "<script>alert" not in html and "<img src=x" not in html, url
            assert "<b onmouseover" not in html, url
        assert (
            "&lt;script&gt;alert(&#39;a&#39;)&lt;/script&gt;" in client.get(f"/entity/{oster}").text
        )


def test_the_kept_outlet_table_follows_a_database_that_changes(tmp_path) -> None:
    from webdb import _article, build_newsroom

    path = tmp_path / "newsroom.db"
    ids, _ = build_newsroom(path)
    varga = ids["Ilse Varga"]
    with TestClient(create_app(path)) as client:
        before = client.get(f"/entity/{varga}.json").json()["by_outlet"]
        assert client.get(f"/entity/{varga}.json").json()["by_outlet"] == before  # kept
        with Database(path) as db:
            db.add_article(*_article(500, "Brisk Courier", "2024-01-01"))
        after = {r["outlet"]: r for r in client.get(f"/entity/{varga}.json").json()["by_outlet"]}
    assert "Brisk Courier" not in {r["outlet"] for r in before}
    assert after["Brisk Courier"]["documents"] == 1 and after["Brisk Courier"]["quotes_by"] == 1
