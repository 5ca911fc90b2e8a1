"""HTML pages: the article body through trafilatura, metadata from the page's own tags.

The body is extracted in trafilatura's precision mode without its fallback extractors (fast),
which leaves out more related-story teasers and widgets; when that finds (almost) nothing, the
full default and then the recall mode are tried, so a real article is never lost to caution.
Metadata (title, authors, site) comes from the same parsed tree (see `metadata`), and the
date from htmldate (the original publication date, not the update), never further than the
page itself writes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import htmldate
import trafilatura
from lxml.etree import ParserError

from dossier.ingest.dates import written_date
from dossier.ingest.metadata import read_metadata, tidy

#: Below this many characters a precision-mode body is suspected of having lost the article.
_SHORT_BODY = 400
_WORDS = re.compile(r"\w+")


@dataclass
class HtmlExtraction:
    """What an HTML page yields before dates and checks: body paragraphs and metadata."""

    paragraphs: list[str]
    title: str | None = None
    site: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    #: The page's canonical address (or `og:url`), when it states one.
    url: str | None = None


def extract_html(markup: str, url: str | None = None) -> HtmlExtraction:
    """Extract body paragraphs and metadata from one HTML document."""
    tree = _parse(markup)
    if tree is None:
        return HtmlExtraction(paragraphs=[])
    found = _metadata(tree, markup)
    body = _extract_body(tree, url, favor_precision=True, fast=True)
    if len(body) < _SHORT_BODY:
        for recall in (False, True):
            retry = _parse(markup)
            if retry is None:
                break
            candidate = _extract_body(retry, url, favor_recall=recall)
            if len(candidate) > len(body):
                body = candidate
            if len(body) >= _SHORT_BODY:
                break
    paragraphs = [p for p in (_tidy(line) for line in body.split("\n")) if p]
    while paragraphs and found.title and _same_words(paragraphs[0], found.title):
        paragraphs.pop(0)
    found.paragraphs = paragraphs
    return found


def extract_metadata(markup: str) -> HtmlExtraction:
    """Only the metadata of one HTML document (no body): for callers that need just that."""
    tree = _parse(markup)
    return HtmlExtraction(paragraphs=[]) if tree is None else _metadata(tree, markup)


def _metadata(tree: Any, markup: str) -> HtmlExtraction:
    meta = read_metadata(tree)
    return HtmlExtraction(
        paragraphs=[],
        title=meta.title,
        site=meta.site,
        authors=meta.authors,
        date=_find_date(tree, markup),
        url=meta.url,
    )


def _parse(markup: str) -> Any | None:
    """Parse markup into an lxml tree (None for markup with nothing in it)."""
    try:
        return trafilatura.load_html(markup)
    except (ParserError, ValueError):
        return None


def _extract_body(
    tree: Any,
    url: str | None,
    favor_precision: bool = False,
    favor_recall: bool = False,
    fast: bool = False,
) -> str:
    """Run trafilatura on a tree; its text output has one block per line."""
    text = trafilatura.extract(
        tree,
        url=url,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        with_metadata=False,
        favor_precision=favor_precision,
        favor_recall=favor_recall,
        fast=fast,
    )
    return text or ""


def _find_date(tree: Any, markup: str) -> str | None:
    """The original publication date from the page's markup, as an ISO date.

    The markup's own date fields first; the slower search through visible text only when
    they say nothing. That search assembles dates from scattered pieces (a copyright year
    becomes January 1st), so its date is kept only as far as the page writes it out; a
    field's first of the month is checked the same way, since a month alone comes back so.
    """
    for extensive in (False, True):
        try:
            found = htmldate.find_date(tree, extensive_search=extensive, original_date=True)
        except (ValueError, TypeError):
            found = None
        if found and extensive:
            return written_date(str(found), markup)
        if found and str(found).endswith("-01"):  # "2024-03" in a field comes back as the 1st
            return written_date(str(found), markup) or str(found)
        if found:
            return str(found)
    return None


def _same_words(a: str, b: str) -> bool:
    """Equal up to case, spacing and punctuation (a headline repeated as the first block)."""
    return _WORDS.findall(a.lower()) == _WORDS.findall(b.lower())


def _tidy(text: str) -> str:
    return tidy(text)


__all__ = ["HtmlExtraction", "extract_html", "extract_metadata"]
