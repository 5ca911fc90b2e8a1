"""The journalist's workbench in Chromium: paging, filters, outlets, office spans, the entity
index, the story view, the graph's layout and evidence, downloads and print.

Serves `webdb.build_newsroom` (63 fictional reports by three outlets) with `dossier serve`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import pytest

from test_browser import WEB, browser  # noqa: F401  (the Chromium fixture)
from webdb import OUTLETS, build_newsroom, serving

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    path = tmp_path_factory.mktemp("workbench") / "newsroom.db"
    ids, docs = build_newsroom(path)
    with serving(path) as base:
        yield {"base": base, "ids": ids, "docs": docs}


@pytest.fixture
def page(browser: Any, newsroom: dict[str, Any]) -> Iterator[Any]:  # noqa: F811
    context = browser.new_context(base_url=newsroom["base"], accept_downloads=True)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.errors = errors
    yield tab
    context.close()
    assert errors == [], errors


def test_dossier_pages_through_every_claim_and_shows_the_total(page: Any, newsroom) -> None:
    varga = newsroom["ids"]["Ilse Varga"]
    page.goto(f"/entity/{varga}?per_page=25")
    claims = page.locator("#claims")
    assert "1–25 of 62" in claims.locator("nav.pager").inner_text()
    assert claims.locator("li.claim").count() == 25
    claims.get_by_role("link", name="next →").click()
    page.wait_for_url("**page=2**")
    assert "26–50 of 62" in page.locator("#claims nav.pager").inner_text()
    page.locator("#claims").get_by_role("link", name="next →").click()
    page.wait_for_url("**page=3**")
    assert page.locator("#claims li.claim").count() == 12
    assert page.locator("#claims").get_by_role("link", name="next →").count() == 0


def test_filters_are_chosen_in_the_form_and_kept_in_the_url(page: Any, newsroom) -> None:
    page.goto(f"/entity/{newsroom['ids']['Ilse Varga']}")
    form = page.locator("form.filters")
    form.locator("select[name=outlet]").select_option("Osterby Times")
    form.get_by_label("From", exact=True).fill("2024-02-01")
    form.locator("select[name=sort]").select_option("oldest")
    form.get_by_role("button", name="Apply").click()
    page.wait_for_url("**outlet=Osterby+Times**")
    assert "since=2024-02-01" in page.url and "sort=oldest" in page.url
    outlets = page.locator("#claims .source .outlet").all_inner_texts()
    assert outlets and set(outlets) == {"Osterby Times"}
    dates = page.locator("#claims .claim-line .date").all_inner_texts()
    assert dates == sorted(dates) and dates[0] >= "2024-02-01"
    page.reload()  # the URL alone brings the same view back
    assert form.locator("select[name=outlet]").input_value() == "Osterby Times"


def test_every_line_names_its_outlet_and_date(page: Any, newsroom) -> None:
    page.goto("/search?q=port")
    metas = page.locator("ol.results .meta").all_inner_texts()
    assert metas and all(any(o in m for o in OUTLETS) and "2024-" in m for m in metas)
    page.goto(f"/entity/{newsroom['ids']['Ilse Varga']}/timeline")
    sources = page.locator(".events .source .outlet").all_inner_texts()
    assert sources and set(sources) <= set(OUTLETS)
    page.goto(f"/entity/{newsroom['ids']['Ilse Varga']}")
    quotes = page.locator("#quotes-about .meta, #quotes-by .meta").all_inner_texts()
    assert all("2024-" in q for q in quotes)


def test_the_office_is_one_span_with_its_sources(page: Any, newsroom) -> None:
    page.goto(f"/entity/{newsroom['ids']['Ilse Varga']}")
    spans = page.locator("#offices li.office-span")
    assert spans.count() == 1
    assert spans.locator(".date").first.inner_text() == "stated 2024-01-01 – 2024-03-05"
    assert spans.locator(".reported-by").first.inner_text() == ", ".join(sorted(OUTLETS))
    assert spans.locator("summary").first.inner_text() == "63 sentences state it"
    spans.locator("summary").click()
    # The page lists the 20 latest and says how many more the timeline and downloads hold.
    assert spans.locator("a.report").count() == 20
    assert spans.locator(".sources li.muted").first.inner_text().startswith("43 earlier")
    spans.locator("a.report").first.click()
    page.wait_for_url("**/document/*#s0")
    assert page.evaluate("document.querySelector(':target').id") == "s0"


def test_the_entity_index_filters_by_type_and_name(page: Any) -> None:
    page.goto("/")
    page.locator("nav").get_by_role("link", name="Entities", exact=True).click()
    page.wait_for_url("**/entities")
    assert page.locator("table.entities-table tbody tr").count() == 2
    page.locator("form.filters").get_by_label("Name", exact=True).fill("anholm")
    page.locator("form.filters").get_by_role("button", name="Apply").click()
    page.wait_for_url("**name=anholm**")
    rows = page.locator("table.entities-table tbody tr")
    assert rows.count() == 1 and "Petr Anholm" in rows.inner_text()


def test_the_story_view_has_a_column_per_outlet(page: Any, newsroom) -> None:
    page.goto(f"/document/{newsroom['docs'][102]}")
    page.locator("a.story-link").click()
    page.wait_for_url("**/story/*")
    names = page.locator(".outlet-column h2.outlet-name").all_inner_texts()
    assert set(OUTLETS) <= set(names)
    valmere = page.locator(".outlet-column", has_text="Valmere Wire")
    assert valmere.locator("mark.loaded").first.inner_text() == "lunatic"
    columns = page.locator(".outlet-column")
    first, second = columns.nth(0).bounding_box(), columns.nth(1).bounding_box()
    assert first and second and second["x"] > first["x"]  # side by side, not stacked


def test_graph_lays_out_with_cose_and_a_clicked_line_shows_its_evidence(
    page: Any, newsroom
) -> None:
    if not (WEB / "static" / "cytoscape.min.js").is_file():
        pytest.fail("graph library missing: run `npm ci` in src/dossier/web/js (make does it)")
    varga = newsroom["ids"]["Ilse Varga"]
    page.set_viewport_size({"width": 1280, "height": 1200})  # the whole graph on screen
    page.goto(f"/entity/{varga}/graph")
    page.wait_for_function("window.dossierGraphReady === true")
    edge = page.evaluate(
        "(() => { const e = window.dossierGraph.edges('[kind = \"meeting\"]')[0];"
        " const p = e.renderedMidpoint(); return {x: p.x, y: p.y}; })()"
    )
    box = page.locator("#graph").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + edge["x"], box["y"] + edge["y"])
    panel = page.locator("#edge-evidence")
    panel.wait_for(state="visible")
    assert "meeting" in panel.locator("h2").inner_text()
    assert (
        "Governor Ilse Varga met Minister Petr Anholm"
        in panel.locator("a.evidence").first.inner_text()
    )
    page.locator("input[data-kind='meeting']").uncheck()
    assert page.evaluate("window.dossierGraph.edges('[kind = \"meeting\"].hidden').length") >= 1
    assert page.locator("tr[data-kind='meeting']").first.is_hidden()


def test_downloads_and_print(page: Any, newsroom) -> None:
    varga = newsroom["ids"]["Ilse Varga"]
    page.goto(f"/entity/{varga}?outlet=Kerrow+Ledger")
    with page.expect_download() as info:
        page.locator("a.download-csv").click()
    rows = list(csv.DictReader(io.StringIO(info.value.path().read_text())))
    claims = [r for r in rows if r["section"] == "claim"]
    assert len(claims) == 21 and {r["outlet"] for r in claims} == {"Kerrow Ledger"}
    page.emulate_media(media="print")
    assert page.locator("header.top").is_hidden() and page.locator("form.filters").is_hidden()
    assert page.locator("#claims li.claim").first.is_visible()


def test_graph_labels_read_at_thirteen_pixels_whatever_the_zoom(page: Any, newsroom) -> None:
    varga = newsroom["ids"]["Ilse Varga"]
    page.goto(f"/entity/{varga}/graph")
    page.wait_for_function("window.dossierGraphReady === true")
    sizes = page.evaluate(
        "window.dossierGraph.nodes().map(n => [n.data('label'), n.style('label'),"
        " parseFloat(n.style('font-size')) * window.dossierGraph.zoom()])"
    )
    assert {"Ilse Varga", "Petr Anholm"} <= {shown for _, shown, _ in sizes}
    assert all(12.9 <= size <= 16.1 for _, _, size in sizes), sizes  # 13px, the centre 16px


def test_the_outlet_table_of_a_dossier_opens_that_outlets_view(page: Any, newsroom) -> None:
    page.goto(f"/entity/{newsroom['ids']['Ilse Varga']}")
    table = page.locator("table.outlets-table")
    assert set(table.locator("td.outlet").all_inner_texts()) == set(OUTLETS)
    table.locator("tr", has_text="Osterby Times").locator("a[href$='#claims']").click()
    page.wait_for_url("**outlet=Osterby+Times**")
    assert page.locator("form.filters select[name=outlet]").input_value() == "Osterby Times"
    outlets = page.locator("#claims .source .outlet").all_inner_texts()
    assert outlets and set(outlets) == {"Osterby Times"}
    assert page.locator("table.outlets-table tr.current td.outlet").inner_text() == "Osterby Times"


def test_a_claim_heading_capitalises_the_kind_not_the_count(page: Any, newsroom) -> None:
    page.goto(f"/entity/{newsroom['ids']['Ilse Varga']}")
    heading = page.locator("#claims h3.claim-kind").first.inner_text()  # as rendered
    assert heading.startswith("Meeting") and "on this page" in heading, heading


def test_no_page_scrolls_sideways_on_a_phone(page: Any, newsroom) -> None:
    varga = newsroom["ids"]["Ilse Varga"]
    page.set_viewport_size({"width": 420, "height": 900})
    for url in (f"/entity/{varga}", f"/entity/{varga}/graph", "/entities", "/documents", "/"):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 420, url
