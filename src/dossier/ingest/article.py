"""From a `Page` to an `Article`: decode, extract the body, date it, check its language.

The order reads top to bottom: bytes → text (with a warning when not UTF-8) → body and
metadata (HTML through trafilatura, plain text through the debris cleaner) → mojibake repair
→ publication date (user > page > WARC capture) → size and language checks.
"""

from __future__ import annotations

import datetime as dt

from dossier.errors import NoArticle, TooLarge, UnsupportedInput
from dossier.ingest.credits import credit_authors, split_credit
from dossier.ingest.dates import find_text_date
from dossier.ingest.decode import clean_text, decode_bytes
from dossier.ingest.html import extract_html
from dossier.ingest.language import detect_language
from dossier.ingest.plaintext import extract_text
from dossier.records import Article, DateSource, Page
from dossier.settings import Settings

#: Fewer words than this is a menu or a caption, not an article.
_MIN_WORDS = 8
_LANGUAGE_NAMES = {
    "es": "Spanish", "pt": "Portuguese", "fr": "French", "de": "German", "it": "Italian",
    "nl": "Dutch", "und": "not a language Dossier recognises",
}  # fmt: skip


def extract_article(page: Page, settings: Settings, today: dt.date | None = None) -> Article:
    """Turn one page into a clean, dated article; raise an `InputError` subclass if it can't."""
    if page.kind not in ("html", "text"):
        raise UnsupportedInput(page.source, f"a {page.kind} input, not a news page")
    if len(page.data) > settings.max_bytes:
        raise TooLarge(page.source, f"too large (over {settings.max_bytes} bytes); not read")
    raw, warnings = decode_bytes(page.data, page.source, html=page.kind == "html")
    raw = raw.replace("\x00", "")
    article = Article(source=page.source, text="", url=page.url, warnings=warnings)
    if page.kind == "html":
        found = extract_html(raw, url=page.url)
        paragraphs = clean_text("\n".join(found.paragraphs)).split("\n")
        article.title = clean_text(found.title) if found.title else None
        article.site = clean_text(found.site) if found.site else None
        article.authors = [clean_text(a) for a in found.authors]
        if found.date:
            article.published, article.published_from = found.date, "html"
        article.url = found.url or page.url
    else:
        scraped = extract_text(clean_text(raw))
        paragraphs = scraped.paragraphs
        article.title = scraped.title
        article.authors = scraped.authors
        dated = find_text_date(
            scraped.header, paragraphs, scraped.footer + scraped.debris, today=today
        )
        if dated.published:
            article.published, article.published_from = dated.published, "text"
        article.published_not_after = dated.not_after
    paragraphs, credited = _without_credits(paragraphs)
    if not article.authors:
        article.authors = credited
    if sum(len(p.split()) for p in paragraphs) < _MIN_WORDS:
        raise NoArticle(page.source, "no article text found in this page")
    article.text = "\n\n".join(paragraphs)
    if len(article.text) > settings.max_chars:
        raise TooLarge(
            page.source,
            f"the body has {len(article.text):,} characters, over the {settings.max_chars:,} "
            "limit for one article",
        )
    _settle_date(article, page, settings)
    article.url = settings.url or article.url
    _check_language(article)
    return article


def _without_credits(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Body paragraphs without wire credit lines, and the reporters those credits name."""
    kept: list[str] = []
    authors: list[str] = []
    for paragraph in paragraphs:
        text, credit = split_credit(paragraph.strip())
        if credit:
            authors += [a for a in credit_authors(credit) if a not in authors]
        if text:
            kept.append(text)
    return kept, authors


def _settle_date(article: Article, page: Page, settings: Settings) -> None:
    """The user's date beats the page's, which beats the WARC capture date."""
    source: DateSource | None = article.published_from
    if settings.published:
        article.published, source = settings.published, "user"
    elif article.published is None and page.captured:
        article.published, source = page.captured, "warc"
    article.published_from = source if article.published else None
    if article.published and not article.published.startswith("--"):
        article.published_not_after = None


def _check_language(article: Article) -> None:
    """Record the body's language; warn when it is not English (the text is left as it is)."""
    language = detect_language(article.text)
    article.language = language
    if language and language != "en":
        name = _LANGUAGE_NAMES.get(language, language)
        article.warnings.append(
            f"not English ({name}): entities, quotes and claims will be unreliable"
        )
