"""HTML pages: the article body through trafilatura, metadata from the page's own tags.

The body reads top to bottom:
1. trafilatura's precision mode without its fallback extractors (fast), which leaves out more
   related-story teasers and widgets;
2. its default mode, the fuller reading: when the precision body is (almost) nothing, the
   fuller reading and then the recall mode replace it, so an article is never lost to caution;
3. the paragraphs the fuller reading has *between* the precision body's first and last ones
   are put back (what precision mode drops inside the article is article), unless they are
   mostly link text (`body_repair.filled_body`);
4. a body the page splits into boxes of one body class is joined (`body_repair.continued_body`);
5. a body still under half of the fuller reading's words gets a warning: never cut in silence.
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

from dossier.ingest.body_repair import continued_body, filled_body, without_link_tail
from dossier.ingest.dates import written_date
from dossier.ingest.metadata import read_metadata, tidy

#: Below this many characters a precision-mode body is suspected of having lost the article.
_SHORT_BODY = 400
#: A body with under this share of the words the default mode finds may have been cut.
_CUT_SHARE = 0.5
#: Differences smaller than this many words are not worth a warning.
_CUT_MIN_WORDS = 50
_WORDS = re.compile(r"\w+")


@dataclass
class HtmlExtraction:
    """What an HTML page yields before dates and checks: body paragraphs and metadata."""

    paragraphs: list[str]
    title: str | None = None
    site: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    #: Things the reader should check about the extraction, one sentence each.
    warnings: list[str] = field(default_factory=list)
    #: The page's canonical address (or `og:url`), when it states one.
    url: str | None = None


def extract_html(markup: str, url: str | None = None) -> HtmlExtraction:
    """Extract body paragraphs and metadata from one HTML document."""
    tree = _parse(markup)
    if tree is None:
        return HtmlExtraction(paragraphs=[])
    found = _metadata(tree, markup)
    body = _extract_body(tree, url, favor_precision=True, fast=True)
    fuller = _reextract(markup, url)
    if len(body) < _SHORT_BODY:
        for recall in (False, True):
            candidate = _reextract(markup, url, favor_recall=True) if recall else fuller
            if len(candidate) > len(body):
                body = candidate
            if len(body) >= _SHORT_BODY:
                break
    paragraphs = _lines(body)
    pristine = _parse(markup)
    if pristine is not None:
        if body is not fuller:
            paragraphs = filled_body(pristine, paragraphs, _lines(fuller))
        paragraphs = [p for p in (_tidy(t) for t in continued_body(pristine, paragraphs)) if p]
        paragraphs = without_link_tail(pristine, paragraphs)
    warning = _cut_warning("\n".join(paragraphs), fuller)
    if warning:
        found.warnings.append(warning)
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


def _reextract(markup: str, url: str | None, favor_recall: bool = False) -> str:
    """The body in trafilatura's default (or recall) mode, from a fresh parse (it prunes trees)."""
    tree = _parse(markup)
    return "" if tree is None else _extract_body(tree, url, favor_recall=favor_recall)


def _cut_warning(body: str, fuller: str) -> str | None:
    """A warning when `body` holds under half of the words of `fuller`, the default reading."""
    kept, found = len(_WORDS.findall(body)), len(_WORDS.findall(fuller))
    if kept >= _CUT_SHARE * found or found - kept < _CUT_MIN_WORDS:
        return None
    return (
        f"the article body may be cut: {kept} words kept of the {found} a fuller reading "
        "of the page finds (the rest looked like other stories or page furniture); "
        "check the page"
    )


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
    they say nothing. Whatever htmldate returns is kept only as far as the page writes it out:
    htmldate completes a partial date from the clock (a month alone comes back with today's
    day), and its text search assembles dates from scattered pieces (a copyright year becomes
    January 1st). Its upper bound is fixed rather than today, so the answer never depends on
    the day Dossier runs.
    """
    for extensive in (False, True):
        try:
            found = htmldate.find_date(
                tree,
                extensive_search=extensive,
                original_date=True,
                max_date=_LATEST_PLAUSIBLE,
            )
        except (ValueError, TypeError):
            found = None
        if found:
            return written_date(str(found), markup)
    return None


#: htmldate's upper bound for a publication date (its default is today).
_LATEST_PLAUSIBLE = "2099-12-31"


def _lines(body: str) -> list[str]:
    """trafilatura's text output as tidy paragraphs, one a line."""
    return [p for p in (_tidy(line) for line in body.split("\n")) if p]


def _same_words(a: str, b: str) -> bool:
    """Equal up to case, spacing and punctuation (a headline repeated as the first block)."""
    return _WORDS.findall(a.lower()) == _WORDS.findall(b.lower())


def _tidy(text: str) -> str:
    return tidy(text)


__all__ = ["HtmlExtraction", "extract_html", "extract_metadata"]
