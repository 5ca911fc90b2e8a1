"""Page metadata: bylines with roles and co-authors, site-name tails, JSON-LD quirks, dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.ingest import extract_article
from dossier.ingest.bylines import byline_names
from dossier.ingest.dates import written_date
from dossier.ingest.html import extract_metadata
from dossier.records import Page
from dossier.settings import Settings

#: Dates must come out the same whatever day the suite runs on.
pytestmark = pytest.mark.clock

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
BODY = """<article>{h1}
<p>Drivers crossing the Varnholm bridge will pay a third more from next month, the regional
transport board said on Tuesday, blaming the cost of repairs to the eastern span.</p>
<p>Commuters from Lisk and Harnby said the rise would add forty crowns to a working week.</p>
</article>"""


def page(head: str, h1: str = "", extra: str = "") -> str:
    return f"<html><head>{head}</head><body>{extra}{BODY.format(h1=h1)}</body></html>"


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Ana Ruiz, Staff Writer", ["Ana Ruiz"]),
        ("By Ana Ruiz and Pavel Osk", ["Ana Ruiz", "Pavel Osk"]),
        ("Ana Ruiz, Pavel Osk & Lena Brask", ["Ana Ruiz", "Pavel Osk", "Lena Brask"]),
        ("By Ana Ruiz, Senior Correspondent, Esk Valley Radio", ["Ana Ruiz"]),
        ("Ana Ruiz, Fellow, Lisk Rights Project, and Press Union", ["Ana Ruiz"]),
        ("By Ana Ruiz, Staff Writer, and Pavel Osk", ["Ana Ruiz", "Pavel Osk"]),
        ("By Ana Ruiz and Pavel Osk, Staff Writers", ["Ana Ruiz", "Pavel Osk"]),
        ("By ANA RUIZ March 11, 2015 3:46 PM", ["ANA RUIZ"]),
        ("Written by Ana Ruiz Edited by Pavel Osk", ["Ana Ruiz"]),
        ("Ana Ruiz (with Pavel Osk and Lena Brask)", ["Ana Ruiz", "Pavel Osk", "Lena Brask"]),
        ("Pavel (P.J.) Osk", ["Pavel Osk"]),
        ("By Lena Brask, MD", ["Lena Brask"]),
        ("Posted by Ana Ruiz on 4 May 2023", ["Ana Ruiz"]),
        ("By Ana Ruiz Tuesday, 3 March", ["Ana Ruiz"]),
        ("Por Ana Ruiz y Pavel Osk", ["Ana Ruiz", "Pavel Osk"]),
        ("Text: Ana Ruiz", ["Ana Ruiz"]),
        ("Lena Brask, MS, RDN", ["Lena Brask"]),
        ("Foreign Staff", ["Foreign Staff"]),
        ("Last Updated: January 7, 2025", []),
        ("share this story", []),
    ],
)
def test_byline_names(byline: str, names: list[str]) -> None:
    assert byline_names(byline) == names


def test_byline_page_links_roles_tagline_and_tail() -> None:
    data = (FIXTURES / "metadata_byline.html").read_bytes()
    article = extract_article(Page(source="t.html", data=data, kind="html"), Settings())
    assert article.authors == ["Ana Ruiz", "Pavel Osk"]  # not the menu's or comments' names
    assert article.title == "Tolls rise on the Varnholm bridge"
    assert article.site == "The Marlow Herald"


def test_site_tail_with_company_suffix_and_domain() -> None:
    found = extract_metadata(
        page(
            '<meta property="og:title" content="Bridge tolls rise - Eskport">'
            '<meta property="og:site_name" content="Eskport Inc.">'
        )
    )
    assert (found.title, found.site) == ("Bridge tolls rise", "Eskport")
    found = extract_metadata(
        page(
            '<meta property="og:title" content="Bridge tolls rise · Eskport">'
            '<meta property="og:site_name" content="Eskport.com">'
        )
    )
    assert (found.title, found.site) == ("Bridge tolls rise", "Eskport.com")


def test_tail_that_is_not_the_site_stays() -> None:
    found = extract_metadata(
        page(
            '<meta property="og:title" content="Tolls: a view from Lisk - part two">'
            '<meta property="og:site_name" content="Eskport">'
        )
    )
    assert found.title == "Tolls: a view from Lisk - part two"


def test_title_element_loses_tail_the_h1_lacks() -> None:
    found = extract_metadata(
        page("<title>Bridge tolls rise - Lisk Courier</title>", h1="<h1>Bridge tolls rise</h1>")
    )
    assert found.title == "Bridge tolls rise"


def test_title_element_beats_unrelated_h1() -> None:
    found = extract_metadata(
        page("<title>Bridge tolls rise</title>", extra="<h1>Lisk Courier</h1>")
    )
    assert found.title == "Bridge tolls rise"


def test_json_ld_in_cdata_and_unshown_headline() -> None:
    ld = (
        '<script type="application/ld+json">//<![CDATA[\n{"@type": "NewsArticle", '
        '"headline": "regional transport news", "author": [{"name": "Ana Ruiz"}, '
        '{"name": "Pavel Osk"}], "publisher": {"name": "Lisk Courier"}}\n//]]></script>'
    )
    found = extract_metadata(page(f"<title>Bridge tolls rise</title>{ld}"))
    assert found.authors == ["Ana Ruiz", "Pavel Osk"]
    assert found.site == "Lisk Courier"
    assert found.title == "Bridge tolls rise"  # the headline field holds a summary here


def test_space_separated_meta_properties_and_dublin_core() -> None:
    found = extract_metadata(
        page(
            '<meta property="og:title twitter:title" content="Bridge tolls rise">'
            '<meta property="dc:creator" content="Lena Brask">'
            '<meta name="author" content="https://example.org/lena">'
        )
    )
    assert found.title == "Bridge tolls rise"
    assert found.authors == ["Lena Brask"]


def test_written_date_keeps_only_what_the_page_writes() -> None:
    assert written_date("2024-03-05", "posted 5 March 2024") == "2024-03-05"
    assert written_date("2024-03-05", "on Mar. 5, 2024 at noon") == "2024-03-05"
    assert written_date("2024-03-05", "<time>05/03/2024</time>") == "2024-03-05"
    assert written_date("2024-03-01", "Issue of March 2024") == "2024-03"
    assert written_date("2019-01-01", "Copyright 2019 Lisk Courier") is None
    assert written_date("2024-01-03", "?sid=03/01/24/1440207") is None


def test_copyright_year_never_becomes_a_publication_date() -> None:
    found = extract_metadata(page("<title>Bridge tolls rise</title>", extra="<p>© 2019</p>"))
    assert found.date is None


def test_h1_that_is_the_site_name_is_not_the_title() -> None:
    found = extract_metadata(
        page("<title>Why the Lisk ferry is late again · Courier</title>", extra="<h1>Courier</h1>")
    )
    assert found.title == "Why the Lisk ferry is late again · Courier"


def test_byline_in_an_article_footer_and_entities_in_json_ld() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "Tolls &#8216;rise&#8217; again"}</script>'
    )
    byline = '<footer class="article-author"><span class="byline__name">Ana Ruiz</span></footer>'
    found = extract_metadata(page(f"<title>Tolls ‘rise’ again</title>{ld}", extra=byline))
    assert found.title == "Tolls ‘rise’ again"
    assert found.authors == ["Ana Ruiz"]


def test_month_only_date_field_stays_partial() -> None:
    meta = '<meta property="article:published_time" content="2024-03">'
    assert extract_metadata(page(meta)).date == "2024-03"
    meta = '<meta property="article:published_time" content="2024-03-01T09:00:00Z">'
    assert extract_metadata(page(meta)).date == "2024-03-01"


def test_partial_page_date_is_stored_with_its_source() -> None:
    meta = '<meta property="article:published_time" content="2024-03">'
    data = page(meta).encode()
    article = extract_article(Page(source="t.html", data=data, kind="html"), Settings())
    assert (article.published, article.published_from) == ("2024-03", "html")


def test_plain_text_byline_with_a_role() -> None:
    text = (
        "Bridge tolls rise\n\nBy Ana Ruiz and Pavel Osk, Staff Writers | 4 May 2023\n\n"
        "Drivers crossing the Varnholm bridge will pay a third more from next month, the "
        "regional transport board said on Tuesday.\n"
    )
    article = extract_article(Page(source="t.txt", data=text.encode(), kind="text"), Settings())
    assert article.authors == ["Ana Ruiz", "Pavel Osk"]


def test_the_page_address_comes_from_its_canonical_link_then_og_url() -> None:
    canonical = '<link rel="canonical" href="https://marlow.example/2024/tolls">'
    og = '<meta property="og:url" content="https://marlow.example/og/tolls">'
    assert extract_metadata(page(og + canonical)).url == "https://marlow.example/2024/tolls"
    assert extract_metadata(page(og)).url == "https://marlow.example/og/tolls"
    assert extract_metadata(page('<link rel="canonical" href="/relative/tolls">')).url is None
    assert extract_metadata(page('<link rel="canonical" href="javascript:alert(1)">')).url is None


def test_the_user_url_beats_the_page_and_the_warc_record() -> None:
    markup = page('<link rel="canonical" href="https://marlow.example/2024/tolls">').encode()
    warc = Page(source="a.warc#0", data=markup, kind="html", url="https://marlow.example/?utm=x")
    assert extract_article(warc, Settings()).url == "https://marlow.example/2024/tolls"
    bare = Page(source="a.warc#0", data=page("").encode(), kind="html", url="https://m.example/a")
    assert extract_article(bare, Settings()).url == "https://m.example/a"
    given = Settings(url="https://marlow.example/print/tolls")
    assert extract_article(warc, given).url == "https://marlow.example/print/tolls"


def test_add_refuses_a_url_that_is_no_web_address_or_names_several_pages(tmp_path: Path) -> None:
    from dossier import api
    from dossier.errors import DossierError

    (tmp_path / "a.html").write_text(page(""), encoding="utf-8")
    with pytest.raises(DossierError, match="not a web address"):
        api.add([str(tmp_path / "a.html")], tmp_path / "d.db", Settings(url="file:///etc/passwd"))
    with pytest.raises(DossierError, match="one page"):
        api.add(
            [str(tmp_path), str(tmp_path)], tmp_path / "d.db", Settings(url="https://a.example/")
        )
