"""The web UI in a real browser: Debian's Chromium driven by Playwright against `dossier serve`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
WEB = Path(__file__).resolve().parent.parent / "src" / "dossier" / "web"

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def server(pipeline, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Build a database from the fixture articles and serve it with uvicorn on loopback."""
    from webdb import build, serving

    path = tmp_path_factory.mktemp("web") / "browser.db"
    ids = build(pipeline, path)
    with serving(path) as base:
        yield {"base": base, "ids": ids, "db": path}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():  # fail, not skip: a missing browser must not pass as green
        pytest.fail("Debian's chromium is missing: run `make browser` (apt-get install chromium)")
    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, server: dict[str, Any]) -> Iterator[Any]:
    context = browser.new_context(base_url=server["base"])
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.dialogs = dialogs
    yield tab
    context.close()


def _top_person(page: Any) -> dict[str, Any]:
    response = page.request.get("/index.json")
    people = [e for e in response.json()["top_entities"] if e["type"] == "Person"]
    assert people, "no person extracted from the fixture articles"
    return dict(people[0])


def test_dossier_evidence_link_jumps_to_its_sentence(page: Any) -> None:
    person = _top_person(page)
    page.goto("/")
    page.get_by_role("link", name=person["name"]).first.click()
    page.wait_for_url(f"**/entity/{person['id']}")
    assert person["name"] in page.locator("h1.entity-name").inner_text()
    links = page.locator("a.evidence")
    assert links.count() >= 1
    links.first.click()
    page.wait_for_url("**/document/*#s*")
    anchor = page.url.rsplit("#", 1)[1]
    target = page.locator(f"[id='{anchor}']")
    assert target.is_visible()
    assert page.evaluate("document.querySelector(':target').id") == anchor
    surname = person["name"].split()[-1]
    assert surname in target.inner_text()


def test_search_box_finds_a_sentence_and_opens_its_document(page: Any) -> None:
    page.goto("/")
    page.get_by_role("searchbox", name="Search").fill("harbour")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?q=harbour")
    hits = page.locator("ol.results a.hit-link")
    assert hits.count() >= 1
    assert "harbour" in page.locator("ol.results mark").first.inner_text().lower()
    hits.first.click()
    page.wait_for_url("**/document/**")
    assert "harbour" in page.locator(".body").inner_text().lower()


def test_graph_renders_nodes(page: Any) -> None:
    if not (WEB / "static" / "cytoscape.min.js").is_file():
        pytest.fail("graph library missing: run `npm ci` in src/dossier/web/js (make does it)")
    person = _top_person(page)
    page.goto(f"/entity/{person['id']}/graph")
    page.wait_for_function("window.dossierGraph && window.dossierGraph.nodes().length > 0")
    expected = len(page.request.get(f"/entity/{person['id']}/graph.json").json()["nodes"])
    assert page.evaluate("window.dossierGraph.nodes().length") == expected >= 2
    assert page.locator("#graph canvas").count() >= 1
    box = page.locator("#graph").bounding_box()
    assert box and box["width"] > 200 and box["height"] > 200


def test_hostile_article_shows_markup_as_text(page: Any, server: dict[str, Any]) -> None:
    doc_id = server["ids"]["fixture/hostile.txt"]
    page.goto(f"/document/{doc_id}")
    body = page.locator(".body").inner_text()
    assert "<script>alert('xss')</script>" in body
    assert "<img src=x onerror=alert('img')>" in body
    assert "<script>" in page.locator("h1.doc-title").inner_text()
    assert page.locator(".body img, .body script").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    page.wait_for_timeout(300)
    assert page.dialogs == []


def test_bad_ids_show_an_error_page(page: Any) -> None:
    response = page.goto("/entity/does-not-exist")
    assert response is not None and response.status == 404
    assert "Not found" in page.locator("h1").inner_text()


def test_clicking_a_graph_node_opens_its_dossier(page: Any) -> None:
    person = _top_person(page)
    page.set_viewport_size({"width": 1280, "height": 1200})  # the whole graph on screen
    page.goto(f"/entity/{person['id']}/graph")
    page.wait_for_function("window.dossierGraph && window.dossierGraph.nodes().length > 1")
    target = page.evaluate(
        "(() => { const n = window.dossierGraph.nodes('[centre = 0]')[0];"
        " const p = n.renderedPosition(); return {id: n.data('entity'), x: p.x, y: p.y}; })()"
    )
    box = page.locator("#graph").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    page.wait_for_url(f"**/entity/{target['id']}")
    assert page.locator("h1.entity-name").is_visible()


def test_search_syntax_is_words_and_a_refused_search_keeps_them(page: Any) -> None:
    page.goto("/")
    box = page.get_by_role("searchbox", name="Search")
    box.fill('"harbour')
    box.press("Enter")
    page.wait_for_url("**/search?q=*")
    assert page.locator("ol.results a.hit-link").count() >= 1
    page.get_by_role("searchbox", name="Search").fill("*")
    response = None
    with page.expect_navigation() as nav:
        page.get_by_role("button", name="Search").click()
    response = nav.value
    assert response is not None and response.status == 400
    assert "Bad request" in page.locator("h1").inner_text()
    assert page.get_by_role("searchbox", name="Search").input_value() == "*"
    assert "Traceback" not in page.content()
