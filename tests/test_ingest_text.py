"""Plain-text scrapes: debris cleaning, titles, text dates; and the two real seed pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.ingest import extract_article, iter_pages
from dossier.ingest.dates import find_text_date
from dossier.ingest.decode import clean_text
from dossier.ingest.plaintext import extract_text
from dossier.records import Page
from dossier.settings import Settings

#: Dates must come out the same whatever day the suite runs on.
pytestmark = pytest.mark.clock

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "seeds"


def text_article(name: str):  # type: ignore[no-untyped-def]
    page = Page(source=name, data=(FIXTURES / name).read_bytes(), kind="text")
    return extract_article(page, Settings())


def test_debris_around_the_body_is_gone() -> None:
    article = text_article("scrape_debris.txt")
    assert article.title == "Harbour Minister Quits As Ferry Audit Widens"
    for debris in (
        "Jump to main content",
        "Quits As Ferry",
        "photo by",
        "Storm Closes Coastal Road",
        "Menu",
        "fearless local reporting",
        "We do too",
        "Our small newsroom",
        "monthly contribution",
        "Subscribe",
        "Share on Facebook",
        "{%",
        "©",
        "Icons courtesy",
    ):
        assert debris not in article.text


def test_every_body_sentence_is_kept() -> None:
    article = text_article("scrape_debris.txt")
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("NORTHPORT, March 3, 2024 — Valdoria's harbour minister")
    assert "Aldemar denied any wrongdoing." in paragraphs
    assert paragraphs[-1].startswith("Opposition leader Maren Holt said")
    assert '"Nobody is above the rules," she said.' in article.text


def test_dateline_gives_the_date() -> None:
    article = text_article("scrape_debris.txt")
    assert (article.published, article.published_from) == ("2024-03-03", "text")


def test_hard_wrapped_lines_are_joined_into_paragraphs() -> None:
    article = text_article("scrape_wrapped.txt")
    assert article.title == "Valdoria parliament passes budget"
    assert article.text.count("\n\n") == 1
    assert "Thursday by a margin" in article.text
    assert "Copyright" not in article.text


def test_copyright_year_is_only_an_upper_bound() -> None:
    article = text_article("scrape_wrapped.txt")
    assert article.published is None and article.published_from is None
    assert article.published_not_after == "2025"


def test_menus_share_buttons_teasers_and_captions_are_gone() -> None:
    article = text_article("scrape_menus.txt")
    assert article.title == "Valdoria's Budget Passes After All-Night Session"
    assert article.authors == ["Lise Harrow"]
    assert (article.published, article.published_from) == ("2025-03-14", "text")
    assert article.text.split("\n\n") == [
        "ESKBERG — Valdoria's parliament passed the budget early on Friday after an all-night "
        "session.",
        'Finance Minister Lise Harrow said the cuts were "painful but necessary."',
        "The opposition leader, Maren Holt, said her party would challenge the pension changes.",
        "Lawmakers applauded when the final vote was read out.",
        "The budget goes to the president, who has ten days to sign it.",
    ]


def test_sentence_next_to_an_appeal_is_kept() -> None:
    text = (
        "Port strike ends\n\n"
        "Dock workers in Eskberg returned to work on Monday after a nine-day strike.\n\n"
        "The union said the deal was fair.\n\n"
        "We rely on readers like you. Please donate to support our journalism.\n\n"
        "Donate now\n"
    )
    found = extract_text(text)
    assert found.paragraphs == [
        "Dock workers in Eskberg returned to work on Monday after a nine-day strike.",
        "The union said the deal was fair.",
    ]


def test_supporter_appeal_with_buttons_and_newsletter_label_is_cut() -> None:
    text = (
        "Eskberg council votes to close the old pier\n\n"
        "The Eskberg city council voted on Tuesday to close the old pier, citing safety.\n\n"
        "Like this story? Our journalism stays free because readers like you chip in.\n\n"
        "Become a patron for the price of a coffee. Stop whenever you like.\n\n"
        "Support the Gazette\n\n"
        "Newsletter: the Morning Pier, in your inbox at seven.\n"
    )
    found = extract_text(text)
    assert found.paragraphs == [
        "The Eskberg city council voted on Tuesday to close the old pier, citing safety."
    ]


def test_news_about_donations_is_not_an_appeal() -> None:
    text = (
        "Party funding row\n\n"
        "The Valdorian Green Party received donations of 2 million crowns from a shipping firm, "
        "the electoral commission said on Friday.\n\n"
        "The party's treasurer said every contribution had been declared.\n"
    )
    assert len(extract_text(text).paragraphs) == 2


def test_byline_above_the_body_gives_authors() -> None:
    text = (
        "Port strike ends\n\nBy Dana Rhee and Tomas Brevik | 4 May 2023\n\n"
        "Dock workers in Eskberg returned to work on Monday after a nine-day strike.\n"
    )
    found = extract_text(text)
    assert found.authors == ["Dana Rhee", "Tomas Brevik"]
    assert found.paragraphs == [
        "Dock workers in Eskberg returned to work on Monday after a nine-day strike."
    ]


def test_first_line_is_the_title_not_body() -> None:
    found = extract_text("Minister quits\nThe harbour minister of Valdoria quit on Sunday.\n")
    assert found.title == "Minister quits"
    assert found.paragraphs == ["The harbour minister of Valdoria quit on Sunday."]


@pytest.mark.parametrize(
    ("header", "body", "footer", "published", "not_after"),
    [
        ([], ["ESKBERG, Jan. 5, 2023 — The council met."], [], "2023-01-05", None),
        ([], ["ESKBERG (VNA) — 5 January 2023: The council met."], [], "2023-01-05", None),
        (["Published March 2022"], ["The council met."], [], "2022-03", None),
        (["Posted on 2021-07-09"], ["The council met."], [], "2021-07-09", None),
        (["Posted by Dana Rhee on May 4, 2024"], ["The council met."], [], "2024-05-04", None),
        (["By Dana Rhee | 4 May 2023"], ["The council met."], [], "2023-05-04", None),
        # a dateline without a year stays partial
        ([], ["ESKBERG, March 3 — The council met."], ["© 2024 Courier"], "--03-03", "2024"),
        # Tuesday, November 30 fits 2021 and no other year from 2012 to 2022
        ([], ["They met on Tuesday, November 30, in the capital."], ["© 2022"], "2021", None),
        # Monday, January 1 fits both 2018 and 2024: no guess
        ([], ["They met on Monday, January 1, in the capital."], ["© 2024"], None, "2024"),
        # with no copyright line nothing bounds the search, and the clock is no evidence
        ([], ["The vote was held on Saturday, May 3."], [], None, None),
        ([], ["The council met on Thursday."], [], None, None),
        ([], ["Nothing here.", "Copyright 2010-2019 Courier Ltd"], [], None, "2019"),
    ],
)
def test_text_dates(
    header: list[str],
    body: list[str],
    footer: list[str],
    published: str | None,
    not_after: str | None,
) -> None:
    found = find_text_date(header, body, footer)
    assert (found.published, found.not_after) == (published, not_after)


# The seeds are publishers' text and stay outside the project: the test names their lines by
# number only. Per seed: the title line, the body lines, the debris lines (1-based).
SEED_LINES = {
    "000_7c03c626c2f5fbe7.txt": (3, [5, 7, 9, 11], [1]),
    "001_eae1e93a36d4b6cf.txt": (
        1,
        [8, 10, 12, 14, 16, 18, 20, 22],
        [3, 4, 5, 6, 24, 26, 28, 30, 32, 34, 36, 38, 39, 40, 41],
    ),
}


@pytest.mark.data
@pytest.mark.parametrize("name", sorted(SEED_LINES))
def test_seed_pages_keep_every_body_sentence_and_drop_all_debris(name: str) -> None:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"seed page {name} not found: ../shared/data is not available")
    lines = [clean_text(line).strip() for line in path.read_text(encoding="utf-8").split("\n")]
    title_line, body_lines, debris_lines = SEED_LINES[name]
    (page,) = iter_pages([str(path)], Settings())
    assert isinstance(page, Page) and page.kind == "text"
    article = extract_article(page, Settings())
    paragraphs = article.text.split("\n\n")
    assert article.title == lines[title_line - 1]
    assert paragraphs == [lines[n - 1] for n in body_lines]
    for n in debris_lines:
        assert lines[n - 1] not in paragraphs
        if len(lines[n - 1].split()) > 2:
            assert lines[n - 1] not in article.text
