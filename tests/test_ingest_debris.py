"""More shapes of site debris in plain-text scrapes, wire credits, and short real articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.errors import NoArticle
from dossier.ingest import extract_article
from dossier.ingest.credits import credit_authors, split_credit
from dossier.ingest.plaintext import extract_text
from dossier.records import Page
from dossier.settings import Settings

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"


def text_article(name: str, data: bytes | None = None):  # type: ignore[no-untyped-def]
    raw = data if data is not None else (FIXTURES / name).read_bytes()
    return extract_article(Page(source=name, data=raw, kind="text"), Settings())


def test_wire_story_keeps_every_sentence_and_loses_its_debris() -> None:
    article = text_article("scrape_wire.txt")
    assert article.title == "Valdoria Court Halts Port Sale"
    assert article.text.split("\n\n") == [
        "ESKBERG, May 4 (VNA) - A Valdorian court on Monday halted the sale of the northern "
        "port to a shipping group, siding with unions who said the deal broke labour law.",
        "The judge said the government had failed to consult workers, as the law requires. "
        '"The process was flawed from the start," she wrote.',
        "Harbour Minister Corvin Aldemar said the government would appeal.",
    ]


def test_wire_credit_names_the_reporters_not_the_editor() -> None:
    assert text_article("scrape_wire.txt").authors == ["Dana Rhee", "Ivo Marsh"]


@pytest.mark.parametrize(
    ("paragraph", "kept", "authors"),
    [
        (
            "The port reopened. (Writing by Lea Tamm and Ivo Marsh; Editing by Tomas Brevik)",
            "The port reopened.",
            ["Lea Tamm", "Ivo Marsh"],
        ),
        ("Reporting by Dana Rhee in Eskberg; editing by Tomas Brevik.", "", ["Dana Rhee"]),
        # a sentence about reporting, and a bracket that is no credit, stay as they are
        ("Reporting by the council showed the minister lied.", None, None),
        ("The talks went on (reporting by phone was banned) until dawn.", None, None),
        ("The vote passed (Valdoria News Agency).", None, None),
    ],
)
def test_split_credit(paragraph: str, kept: str | None, authors: list[str] | None) -> None:
    text, credit = split_credit(paragraph)
    if kept is None:
        assert (text, credit) == (paragraph, None)
    else:
        assert text == kept and credit is not None
        assert credit_authors(credit) == authors


def test_reported_appeals_and_news_about_subscribers_stay_in_the_body() -> None:
    article = text_article("scrape_appeals.txt")
    assert article.title == "Eskberg Paper Cuts Print Edition"
    assert article.text.split("\n\n") == [
        "The Eskberg Courier will stop printing on weekdays from June, its owners said on "
        "Tuesday, after losing 40,000 subscribers in two years.",
        '"We need your support more than ever," the editor, Ivo Marsh, told staff, asking them '
        "to sign up readers for the new digital membership.",
        "The paper will keep a Sunday edition. Marsh said the newsroom would stay the same size.",
        "Unions said they would study the plan.",
    ]


def test_link_labels_teasers_and_the_closing_appeal_are_gone() -> None:
    text = text_article("scrape_appeals.txt").text
    for debris in (
        "Jump to",
        "Photo credit",
        "Parking Permits",
        "Continue reading",
        "Watch the announcement",
        "Oldest Bookshop",
        "advertisement",
        "Enjoying this article",
        "Tips?",
        "Venmo",
        "©",
    ):
        assert debris not in text


def test_blog_scrape_site_name_byline_caption_and_comment_form() -> None:
    article = text_article("scrape_blog.txt")
    assert article.title == "Unions Win Pay Deal At Eskberg Docks"
    assert article.authors == ["Dana Rhee"]
    assert (article.published, article.published_from) == ("2024-05-04", "text")
    assert article.text.split("\n\n") == [
        "Dock workers in Eskberg won a 6% pay rise on Monday after a nine-day strike that "
        "closed the port.",
        "The deal was signed at the port office shortly after midnight, union leader Maren Holt "
        "said.",
    ]


def test_short_first_line_before_a_standfirst_sentence_stays_the_title() -> None:
    found = extract_text("Minister quits\n\nBy Dana Rhee\n\nThe minister quit on Sunday.\n")
    assert found.title == "Minister quits"


@pytest.mark.parametrize(
    "line",
    [
        "Skip navigation",
        "Skip to footer",
        "[[ad_slot_bottom]]",
        "%%FOOTER_TEXT%%",
        "Icons courtesy of an icon foundry",
        "@2023 - Eskberg Courier Media Inc. All Rights Reserved.",
    ],
)
def test_debris_lines_are_dropped_wherever_they_stand(line: str) -> None:
    found = extract_text(f"Port strike ends\n\n{line}\n\nDock workers returned on Monday.\n")
    assert found.paragraphs == ["Dock workers returned on Monday."]
    assert line in found.debris


def test_one_paragraph_article_in_the_benchmark_layout_is_accepted() -> None:
    """Title, date line, then the whole body as one paragraph, quoted in ``...'' style."""
    body = (
        "The Valdorian shipping group Nordhavn said on Monday it would contribute up to "
        "12 million crowns to the search for the ferry that sank off Eskberg in March. "
        + "Divers have searched the wreck site for six weeks without finding the recorder. "
        * 4
        + "Its chief executive, Lea Tamm, said: ``We want to know what happened. We support "
        "the families and we will keep paying until the recorder is found.'' The coast guard "
        "welcomed the contribution."
    )
    article = text_article(
        "short.txt", f"Nordhavn funds ferry search\n\nMay 4, 2024\n\n{body}\n".encode()
    )
    assert article.text == body
    assert article.title == "Nordhavn funds ferry search"


def test_short_real_article_is_accepted() -> None:
    article = text_article(
        "short.txt", b"Pier closes\n\nThe Eskberg pier closed on Monday for repairs.\n"
    )
    assert article.text == "The Eskberg pier closed on Monday for repairs."


def test_page_of_menus_and_appeals_only_is_no_article() -> None:
    page = b"Home\nNews\n\nSupport the Courier\n\nDonate now\n\nSubscribe to our newsletter\n"
    with pytest.raises(NoArticle, match="no article text"):
        text_article("menus.txt", page)
