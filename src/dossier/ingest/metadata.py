"""Title, site and authors from a page's own tags: JSON-LD, Open Graph, `<meta>`, bylines.

Structured fields beat visible text, since the page wrote them for machines, except a
JSON-LD headline that no visible or Open Graph title repeats (some sites put a summary
there). Titles lose a " | Site" tail when it names the site. Authors come from JSON-LD,
then author `<meta>` tags, then the first byline in the markup, read by `byline_names` so
roles, dates and credits stay out.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from dossier.ingest.bylines import byline_names, looks_like_name

_SPACES = re.compile(r"\s+")
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")
#: " | ", " - ", " — ", " · " … between a headline and what follows it (not " : ").
_TITLE_SEP = re.compile(r"\s+[|\-–—·•»~✩★/\\]+\s+")
_COMPANY = re.compile(r",?\s+(?:inc|ltd|llc|plc|gmbh|s\.?a|co|corp|limited)\.?$", re.IGNORECASE)
_TITLE_KEYS = ("dc.title", "og:title", "twitter:title", "parsely-title")
_AUTHOR_KEYS = (
    "dc.creator", "author", "article:author", "og:article:author", "parsely-author", "byl",
    "sailthru.author",
)  # fmt: skip
_SITE_KEYS = ("og:site_name", "application-name")
#: Elements that may hold a byline; `_byline_rank` sorts them.
_BYLINE_XPATH = (
    ".//*[@itemprop or @rel='author' or contains(@class, 'uthor') or contains(@class, 'yline')"
    " or contains(@id, 'uthor') or contains(@id, 'yline')]"
)
_NAME_MARK = re.compile(r"author[-_]*(?:name|link)|byline[-_]*name|by-?author")
_BYLINE_MARK = re.compile(r"(?:[a-z0-9]+[-_]+)*by-?lines?(?:[-_]+[a-z0-9]+)*")
_AUTHOR_MARK = re.compile(r"(?:[a-z0-9]+[-_]+)*authors?")
#: Ancestors whose bylines belong to something else: comments, teasers, sidebars.
_ELSEWHERE = re.compile(
    r"(?:^|[\s_-])(?:comments?|related|recommend\w*|teasers?|promos?|trending|popular|nav"
    r"|navigation|menu|flyout|more)(?=$|[\s_-])"
)
_ELSEWHERE_TAGS = frozenset(["nav"])
#: A byline longer than this is an author box or a biography.
_BYLINE_WORDS = 25


@dataclass
class PageMeta:
    """What the tags say about the page."""

    title: str | None = None
    site: str | None = None
    authors: list[str] = field(default_factory=list)
    #: The page's own address: its canonical link, else its `og:url` (http(s) only).
    url: str | None = None


def read_metadata(tree: Any) -> PageMeta:
    """Title, site and authors of a parsed page."""
    metas = _metas(tree)
    ld = _json_ld(tree)
    h1 = _first_text(tree, ".//h1")
    doc_title = _first_text(tree, ".//title")
    headline = _ld_text(ld, "headline")
    titles = [t for t in (metas.get(k) for k in _TITLE_KEYS) if t]
    shown = [t for t in (h1, doc_title, *titles) if t]
    if headline and (not shown or _shown(headline, shown)):
        titles.insert(0, headline)
    title = titles[0] if titles else _title_or_h1(doc_title, h1)
    site = next((metas[k] for k in _SITE_KEYS if metas.get(k)), None) or _publisher(ld)
    if site:
        site = _site_name(site, [*titles, doc_title])
    if title:
        title = _without_site_tail(title, site)
    authors = _ld_authors(ld) or _meta_authors(metas) or _byline(tree)
    return PageMeta(title=title, site=site, authors=authors, url=_own_url(tree, metas))


def _own_url(tree: Any, metas: dict[str, str]) -> str | None:
    """The address the page gives itself: `<link rel=canonical>`, then `og:url`."""
    links = [
        (node.get("href") or "").strip()
        for node in tree.iterfind(".//link")
        if "canonical" in (node.get("rel") or "").lower().split()
    ]
    for url in [*links, metas.get("og:url", "")]:
        if re.match(r"https?://[^\s/]+\.[^\s]*$", url, re.IGNORECASE):
            return url
    return None


def _metas(tree: Any) -> dict[str, str]:
    """`<meta>` contents by lower-case key; a space-separated property names several keys."""
    metas: dict[str, str] = {}
    for node in tree.iterfind(".//meta"):
        keys = node.get("property") or node.get("name") or node.get("itemprop") or ""
        value = tidy(node.get("content") or "")
        if not value:
            continue
        for key in keys.lower().split():
            key = re.sub(r"^dc(?:terms)?[:.]", "dc.", key)
            metas.setdefault(key, value)
    return metas


def _json_ld(tree: Any) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page, flattened; articles first."""
    found: list[dict[str, Any]] = []
    for node in tree.iterfind(".//script"):
        if (node.get("type") or "").strip().lower() != "application/ld+json" or not node.text:
            continue
        try:
            data = json.loads(_CDATA.sub("", node.text))
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                found.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))
    articles = [d for d in found if "Article" in str(d.get("@type", "")) or "headline" in d]
    return articles + [d for d in found if d not in articles]


def _ld_text(objects: list[dict[str, Any]], key: str) -> str | None:
    for obj in objects:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return tidy(html.unescape(value))
    return None


def _publisher(objects: list[dict[str, Any]]) -> str | None:
    for obj in objects:
        publisher = obj.get("publisher")
        if isinstance(publisher, list) and publisher:
            publisher = publisher[0]
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            return tidy(html.unescape(publisher["name"])) or None
    return None


def _ld_authors(objects: list[dict[str, Any]]) -> list[str]:
    """Authors of the first JSON-LD object that names any."""
    for obj in objects:
        value = obj.get("author") or obj.get("creator")
        raw = []
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                raw.append(item["name"])
            elif isinstance(item, str):
                raw.append(item)
        names = _names(raw)
        if names:
            return names
    return []


def _meta_authors(metas: dict[str, str]) -> list[str]:
    for key in _AUTHOR_KEYS:
        value = metas.get(key)
        if value and not value.startswith(("http://", "https://", "@")):
            names = _names([value])
            if names:
                return names
    return []


def _names(raw: list[str]) -> list[str]:
    names: list[str] = []
    for entry in raw:
        names += [n for n in byline_names(html.unescape(entry)) if n not in names]
    return names


def _byline(tree: Any) -> list[str]:
    """Names from the most telling byline element, the first of its kind in the page.

    Elements marked as the author's name beat bylines, which beat anything called "author";
    those inside comments, teasers and menus are someone else's.
    """
    ranked = []
    for order, node in enumerate(tree.xpath(_BYLINE_XPATH)):
        rank = _byline_rank(node)
        if rank is not None:
            ranked.append((rank, order, node))
    for _, _, node in sorted(ranked, key=lambda r: r[:2]):
        if _elsewhere(node):
            continue
        text = " ".join(_byline_text(node).split())
        if not text or len(text.split()) > _BYLINE_WORDS:
            continue
        names = byline_names(text)
        if names:
            return names
    return []


def _byline_rank(node: Any) -> int | None:
    """0 for schema.org and `rel` authors, 1 for author-name classes, 2 bylines, 3 authors."""
    if "author" in (node.get("itemprop") or "").split() or node.get("rel") == "author":
        return 0
    tokens = f"{node.get('class') or ''} {node.get('id') or ''}".lower().split()
    if any(_NAME_MARK.search(t) for t in tokens):
        return 1
    if any(_BYLINE_MARK.fullmatch(t) for t in tokens):
        return 2
    if any(_AUTHOR_MARK.fullmatch(t) for t in tokens):
        return 3
    return None


def _elsewhere(node: Any) -> bool:
    for up in [node, *node.iterancestors()]:
        if up.tag in ("body", "html"):  # page-wide classes say nothing about one block
            break
        if up.tag in _ELSEWHERE_TAGS:
            return True
        marks = f"{up.get('class') or ''} {up.get('id') or ''}".lower()
        if _ELSEWHERE.search(marks):
            return True
    return False


def _byline_text(node: Any) -> str:
    """The byline's text; its `itemprop=name` parts or author links when it has them."""
    parts = node.xpath(".//*[@itemprop='name']") or node.xpath(
        ".//a[@rel='author' or contains(@href, '/author') or contains(@class, 'uthor')]"
    )
    texts = [" ".join(p.text_content().split()) for p in parts]
    texts = [t for t in texts if t and looks_like_name(t)]
    if texts:
        return ", ".join(dict.fromkeys(texts))
    return str(node.text_content())


def _shown(headline: str, titles: list[str]) -> bool:
    """Whether a JSON-LD headline is the one the page shows (some use it for a summary)."""
    words = _norm(headline)
    return any(words and words in _norm(t) for t in titles)


def _title_or_h1(title: str | None, h1: str | None) -> str | None:
    """The `<title>`, unless it is the `<h1>` with the site around it: then the `<h1>`.

    An `<h1>` that is the lesser part of the title is the site's name, not the headline.
    """
    if title and h1:
        words, h1_words = _norm(title), _norm(h1)
        return h1 if h1_words in words and 2 * len(h1_words) >= len(words) else title
    return title or h1


def _site_name(site: str, titles: list[str | None]) -> str:
    """The site's name without a tagline or company suffix, when a title's tail uses it."""
    short = _TITLE_SEP.split(site)[0]
    for name in (_COMPANY.sub("", short), short):
        if name != site and any(t and _tail(t) == _norm(name) for t in titles):
            return name
    return site


def _without_site_tail(title: str, site: str | None) -> str:
    """Cut a " | Site" tail off a title when it names the site (or the site's domain)."""
    tail = _tail(title)
    if site and tail and tail in (_norm(site), _norm(re.sub(r"\.[a-z]{2,3}$", "", site))):
        return title[: list(_TITLE_SEP.finditer(title))[-1].start()]
    return title


def _tail(title: str) -> str | None:
    """What follows a title's last separator, normalised."""
    seps = list(_TITLE_SEP.finditer(title))
    return _norm(title[seps[-1].end() :]) if seps else None


def _first_text(tree: Any, path: str) -> str | None:
    for node in tree.iterfind(path):
        text = tidy(node.text_content())
        if text:
            return text
    return None


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return " ".join(re.findall(r"\w+", text))


def tidy(text: str) -> str:
    """Collapse runs of spaces and trim."""
    return _SPACES.sub(" ", text).strip()
