"""From a `Page` to an `Article`: decode, extract the body, date it, check its language.

The order reads top to bottom: bytes → text (with a warning when not UTF-8) → body and
metadata (HTML through trafilatura, plain text through the debris cleaner) → mojibake repair
→ publication date (user > page > WARC capture) → size and language checks.
"""

from __future__ import annotations

import re

from dossier.errors import NoArticle, TooLarge, UnsupportedInput
from dossier.ingest.credits import credit_authors, split_credit
from dossier.ingest.dates import find_text_date
from dossier.ingest.decode import clean_text, decode_bytes
from dossier.ingest.html import extract_html
from dossier.ingest.language import detect_language, language_name
from dossier.ingest.plaintext import extract_text
from dossier.records import Article, DateSource, Page
from dossier.settings import Settings

#: Fewer words than this is a menu or a caption, not an article.
_MIN_WORDS = 8
#: A page or text over this many times `max_chars` is refused before extraction: the body is
#: a part of it, but not so small a part that such a page could hold one article.
_TEXT_MARGIN = 1.5
_TAG_START = re.compile(r"<[A-Za-z]")
#: A tag, a comment, or the opening tag of an element whose content is not text.
_HIDDEN = re.compile(r"<!--|<(script|style|svg|template)\b[^<>]*>|<[/!?A-Za-z][^<>]*>", re.I)
_CLOSERS = {
    name: re.compile(closer, re.I)
    for name, closer in (
        ("script", r"</script\s*>"),
        ("style", r"</style\s*>"),
        ("svg", r"</svg\s*>"),
        ("template", r"</template\s*>"),
        ("<!--", "-->"),
    )
}


def extract_article(page: Page, settings: Settings) -> Article:
    """Turn one page into a clean, dated article; raise an `InputError` subclass if it can't."""
    if page.kind not in ("html", "text"):
        raise UnsupportedInput(page.source, f"a {page.kind} input, not a news page")
    if len(page.data) > settings.max_bytes:
        raise TooLarge(page.source, f"too large (over {settings.max_bytes} bytes); not read")
    raw, warnings = decode_bytes(page.data, page.source, html=page.kind == "html")
    raw = raw.replace("\x00", "")
    if page.kind == "html":
        _check_markup(page.source, raw, settings)
    elif len(raw) > _TEXT_MARGIN * settings.max_chars:
        raise TooLarge(page.source, _over_chars(len(raw), settings))
    article = Article(source=page.source, text="", url=page.url, warnings=warnings)
    if page.kind == "html":
        found = extract_html(raw, url=page.url)
        paragraphs = clean_text("\n".join(found.paragraphs)).split("\n")
        article.title = clean_text(found.title) if found.title else None
        article.site = clean_text(found.site) if found.site else None
        article.authors = [clean_text(a) for a in found.authors]
        article.warnings.extend(found.warnings)
        if found.date:
            article.published, article.published_from = found.date, "html"
        article.url = found.url or page.url
    else:
        scraped = extract_text(clean_text(raw))
        paragraphs = scraped.paragraphs
        article.title = scraped.title
        article.authors = scraped.authors
        dated = find_text_date(scraped.header, paragraphs, scraped.footer + scraped.debris)
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
        raise TooLarge(page.source, _over_chars(len(article.text), settings))
    _settle_date(article, page, settings)
    article.url = settings.url or article.url
    _check_language(article)
    return article


def _check_markup(source: str, markup: str, settings: Settings) -> None:
    """Refuse, before any parsing, HTML too big to be one article (extraction time grows with it).

    Extraction costs about half a millisecond per element, so the element count is capped;
    a page whose visible text alone is well over `max_chars` cannot hold one article either.
    """
    tags = len(_TAG_START.findall(markup))
    if tags > settings.max_tags:
        raise TooLarge(
            source,
            f"the page has {tags:,} HTML elements, over the {settings.max_tags:,} limit "
            "(a news page has a few thousand); not read",
        )
    visible = _visible_chars(markup)
    if visible > _TEXT_MARGIN * settings.max_chars:
        raise TooLarge(source, _over_chars(visible, settings, about=True))


def _visible_chars(data: str) -> int:
    """Characters of `data` outside tags, comments, scripts and styles: an upper bound on its text.

    One pass; every search is bounded, so no markup makes it slower than linear.
    """
    hidden = 0
    position = 0
    while True:
        match = _HIDDEN.search(data, position)
        if match is None:
            return len(data) - hidden
        opened = match.group(1)
        closer = _CLOSERS[opened.lower()] if opened else _CLOSERS.get(match.group(0))
        end = match.end()
        if closer is not None:
            closed = closer.search(data, end)
            end = closed.end() if closed else len(data)
        hidden += end - match.start()
        position = end


def _over_chars(count: int, settings: Settings, about: bool = False) -> str:
    """The TooLarge reason for a text over `max_chars`."""
    size = f"about {count:,}" if about else f"{count:,}"
    return (
        f"the text has {size} characters, over the {settings.max_chars:,} limit for one "
        "article; not read"
    )


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
    """Record the body's language; warn when it is not English (the text is left as it is).

    Text confidently in another language is stored without the English-only steps (names and
    the claims built on them, dates in the text); undetermined text is read as English.
    """
    language = detect_language(article.text)
    article.language = language
    if language == "und":
        article.warnings.append(
            "language not determined (too few full sentences): read as English, "
            "names and claims may be unreliable"
        )
    elif language and language != "en":
        article.warnings.append(
            f"not English ({language_name(language)}): stored, but its names, claims and dates "
            "are not extracted (Dossier's analysis reads English only)"
        )
