"""HTML pages: the article body through trafilatura, metadata from the page's own tags.

The body is extracted in trafilatura's precision mode without its fallback extractors (fast),
which leaves out more related-story teasers and widgets; when that finds (almost) nothing, the
full default and then the recall mode are tried, so a real article is never lost to caution.
Metadata (title, authors, site) comes from JSON-LD, Open Graph and `<meta>` tags read from the
same parsed tree, and the date from htmldate (the original publication date, not the update).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import htmldate
import trafilatura
from lxml.etree import ParserError

#: Below this many characters a precision-mode body is suspected of having lost the article.
_SHORT_BODY = 400
_WORDS = re.compile(r"\w+")
_SPACES = re.compile(r"[ \t\u00a0]+")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\by\b)\s*")
_BYLINE_XPATH = (
    ".//*[@rel='author' or @itemprop='author' or contains(@class, 'byline')"
    " or contains(@class, 'author-name') or contains(@class, 'author_name')]"
)
#: What often follows the name in a byline: a date, a role, a dash or a pipe.
_BYLINE_TAIL = re.compile(
    r"\s+(?:[|•·–—-]|on\s+(?:[A-Z][a-z]+\s+)?\d|updated|published|posted)\s*|\s+(?=\d)",
    re.IGNORECASE,
)
_BYLINE_PREFIX = re.compile(r"^(?:by|von|por|par)\s+", re.IGNORECASE)


@dataclass
class HtmlExtraction:
    """What an HTML page yields before dates and checks: body paragraphs and metadata."""

    paragraphs: list[str]
    title: str | None = None
    site: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None


def extract_html(markup: str, url: str | None = None) -> HtmlExtraction:
    """Extract body paragraphs and metadata from one HTML document."""
    tree = _parse(markup)
    if tree is None:
        return HtmlExtraction(paragraphs=[])
    meta = _read_metadata(tree)
    date = _find_date(tree)
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
    title = meta.get("title")
    while paragraphs and title and _same_words(paragraphs[0], title):
        paragraphs.pop(0)
    return HtmlExtraction(
        paragraphs=paragraphs,
        title=title,
        site=meta.get("site"),
        authors=meta.get("authors") or [],
        date=date,
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


def _find_date(tree: Any) -> str | None:
    """The original publication date from the page's markup, as an ISO date.

    The markup's own date fields first; the slower search through visible text only when
    they say nothing. That search turns a bare year (a copyright line) into January 1st,
    which would be an invented date, so a January 1st from it is not taken.
    """
    for extensive in (False, True):
        try:
            found = htmldate.find_date(tree, extensive_search=extensive, original_date=True)
        except (ValueError, TypeError):
            found = None
        if found and not (extensive and str(found).endswith("-01-01")):
            return str(found)
    return None


def _read_metadata(tree: Any) -> dict[str, Any]:
    """Title, site and authors from JSON-LD, Open Graph, `<meta>` and byline tags."""
    metas: dict[str, str] = {}
    for node in tree.iterfind(".//meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").lower()
        value = node.get("content")
        if key and value and key not in metas:
            metas[key] = _tidy(value)
    ld = _json_ld(tree)
    title = (
        _first_text(ld, "headline")
        or metas.get("og:title")
        or metas.get("twitter:title")
        or _node_text(tree, ".//h1")
        or _node_text(tree, ".//title")
    )
    site = metas.get("og:site_name") or _publisher(ld) or metas.get("application-name")
    authors = _authors(ld, metas, tree)
    return {"title": title or None, "site": site or None, "authors": authors}


def _json_ld(tree: Any) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page, flattened out of lists and `@graph`s."""
    found: list[dict[str, Any]] = []
    for node in tree.iterfind(".//script"):
        if (node.get("type") or "").lower() != "application/ld+json" or not node.text:
            continue
        try:
            data = json.loads(node.text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                found.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    articles = [d for d in found if "Article" in str(d.get("@type", "")) or "headline" in d]
    return articles or found


def _first_text(objects: list[dict[str, Any]], key: str) -> str | None:
    for obj in objects:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return _tidy(value)
    return None


def _publisher(objects: list[dict[str, Any]]) -> str | None:
    for obj in objects:
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            return _tidy(publisher["name"])
    return None


def _authors(objects: list[dict[str, Any]], metas: dict[str, str], tree: Any) -> list[str]:
    """Author names, JSON-LD first, then `<meta name=author>`, then `rel=author` links."""
    names: list[str] = []
    for obj in objects:
        value = obj.get("author")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                names.append(item["name"])
            elif isinstance(item, str):
                names.append(item)
        if names:
            break
    if not names:
        for key in ("author", "article:author", "byl", "dc.creator", "sailthru.author"):
            value = metas.get(key)
            if value and not value.startswith(("http://", "https://")):
                names.append(value)
                break
    if not names:
        names = _byline(tree)
    return [name for name in _split_names(names) if _looks_like_name(name)]


def _byline(tree: Any) -> list[str]:
    """Names from the first visible byline (`rel=author`, `itemprop=author`, a "byline" class).

    Only the first: later ones usually belong to related stories or comments.
    """
    for node in tree.xpath(_BYLINE_XPATH)[:6]:
        name_node = node.find(".//*[@itemprop='name']")
        text = " ".join((name_node if name_node is not None else node).text_content().split())
        text = _BYLINE_TAIL.split(text)[0]
        if (
            text
            and len(text.split()) <= 12
            and any(_looks_like_name(name) for name in _split_names([text]))
        ):
            return [text]
    return []


def _looks_like_name(name: str) -> bool:
    """A person's or desk's name: a few words, no digits, no URL, starting with a capital."""
    words = name.split()
    return (
        0 < len(words) <= 6
        and any(len(word) > 1 for word in words)
        and not any(ch.isdigit() for ch in name)
        and "@" not in name
        and (name[0].isupper() or not name[0].isalpha())
    )


def _split_names(raw: list[str]) -> list[str]:
    """One clean name per entry: "By A and B" → ["A", "B"], duplicates dropped."""
    names: list[str] = []
    for entry in raw:
        entry = _BYLINE_PREFIX.sub("", _tidy(entry))
        for name in _AUTHOR_SPLIT.split(entry):
            name = name.strip(" .-|")
            if 1 < len(name) <= 80 and name not in names and not name.startswith("http"):
                names.append(name)
    return names


def _node_text(tree: Any, path: str) -> str | None:
    node = tree.find(path)
    if node is None:
        return None
    text = _tidy(node.text_content())
    return text or None


def _same_words(a: str, b: str) -> bool:
    """Equal up to case, spacing and punctuation (a headline repeated as the first block)."""
    return _WORDS.findall(a.lower()) == _WORDS.findall(b.lower())


def _tidy(text: str) -> str:
    """Collapse runs of spaces and trim."""
    return _SPACES.sub(" ", text).strip()


__all__ = ["HtmlExtraction", "extract_html"]
