"""An article body that the page splits into several boxes of the same kind.

Many news sites break the body into sibling containers with one class (a column per few
paragraphs, an advertisement between them). trafilatura keeps the one box it judges the
article and drops its continuations, so a long article silently loses its second half. Here
the box holding the extracted body's last (or first) paragraph is found in the page, and the
paragraphs of the other boxes with exactly the same tag and class are added in page order —
only when that class says the box holds the body or story ("article__body",
"StoryBodyCompanionColumn"): layout classes ("widget-container", "text") repeat for comments,
boilerplate and teasers as well.
"""

from __future__ import annotations

import re
from typing import Any

#: Only paragraphs this long identify the box the body came from.
_ANCHOR_WORDS = 8
#: A continuation box must hold at least this many words of paragraphs to count.
_MIN_BOX_WORDS = 30
#: A paragraph that is mostly link text is a teaser, not the article.
_MAX_LINK_SHARE = 0.5
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
#: A class naming the article's body, and one naming what is never the body.
_BODY_CLASS = re.compile(r"body|article|story", re.IGNORECASE)
_NOT_BODY_CLASS = re.compile(r"comment|related|teaser|promo|footer", re.IGNORECASE)
_PARAGRAPHS = ".//p | .//h2 | .//h3 | .//blockquote"


def filled_body(tree: Any, precise: list[str], fuller: list[str]) -> list[str]:
    """The precise body with the paragraphs the fuller reading has between its first and last
    paragraph: inside the article, what precision mode dropped (a list, a quote box) is
    article too, unless it is mostly link text in `tree` (a fresh parse): in-body teasers
    and "click here" lines; what the fuller reading adds before or after it is left out.
    Only paragraphs
    of some length found once in each reading anchor it, and a fill larger than the precise
    body itself is refused (the readings then disagree on where the article is)."""
    keys = [_key(p) for p in fuller]
    once = {key for key in keys if keys.count(key) == 1 and len(key.split()) >= _ANCHOR_WORDS}
    precise_keys = [_key(p) for p in precise]
    anchors = [i for i, key in enumerate(precise_keys) if key in once]
    if len(anchors) < 2:
        return precise
    start, end = anchors[0], anchors[-1]
    first, last = keys.index(precise_keys[start]), keys.index(precise_keys[end])
    if first >= last:
        return precise
    precise_set = set(precise_keys)
    extra = {keys[i] for i in range(first, last + 1)} - precise_set
    if not extra:
        return precise
    shares = _link_shares(tree, extra)
    window = [
        p
        for p in fuller[first : last + 1]
        if _key(p) in precise_set or shares.get(_key(p), 0.0) <= _MAX_LINK_SHARE
    ]
    added = len(_WORD.findall(" ".join(window))) - len(
        _WORD.findall(" ".join(precise[start : end + 1]))
    )
    if not 0 < added <= len(_WORD.findall(" ".join(precise))):
        return precise
    return [*precise[:start], *window, *precise[end + 1 :]]


def continued_body(tree: Any, paragraphs: list[str]) -> list[str]:
    """`paragraphs` with the paragraphs of the sibling boxes of the same class added, in page
    order; unchanged when the body is not split that way. `tree` is a fresh, unpruned parse."""
    anchors = [p for p in paragraphs if len(p.split()) >= _ANCHOR_WORDS]
    if not anchors:
        return paragraphs
    boxes = _sibling_boxes(tree, anchors[-1]) or _sibling_boxes(tree, anchors[0])
    if not boxes:
        return paragraphs
    known = {_key(p) for p in paragraphs}
    before: list[str] = []
    after: list[str] = []
    reached = False
    for box in boxes:
        texts = _box_paragraphs(box)
        keys = {_key(text) for text in texts}
        if keys & known:
            reached = True
            continue
        if sum(len(text.split()) for text in texts) < _MIN_BOX_WORDS:
            continue
        (after if reached else before).extend(t for t in texts if _key(t) not in known)
    return [*before, *paragraphs, *after]


def _sibling_boxes(tree: Any, anchor: str) -> list[Any]:
    """The boxes of the same tag and class as the one holding `anchor`, when there are several."""
    start = _key(anchor)[:60]
    for element in tree.iterfind(".//p"):
        if not _key(_text(element)).startswith(start):
            continue
        box = element.getparent()
        while box is not None and not (box.get("class") or "").strip():
            box = box.getparent()
        if box is None:
            return []
        kind = box.get("class")
        if not _BODY_CLASS.search(kind) or _NOT_BODY_CLASS.search(kind):
            return []
        same = tree.xpath(f"//{box.tag}[@class=$c]", c=kind)
        if len(same) < 2 or any(_inside(a, b) for a in same for b in same if a is not b):
            return []
        return list(same)
    return []


def _box_paragraphs(box: Any) -> list[str]:
    """The paragraph texts of a box, leaving out those that are mostly links."""
    found = []
    for element in box.xpath(_PARAGRAPHS):
        text = _text(element)
        if not text or _nested(box, element):
            continue
        links = sum(len(_text(a)) for a in element.iterfind(".//a"))
        if links > _MAX_LINK_SHARE * len(text):
            continue
        found.append(text)
    return found


def _nested(box: Any, element: Any) -> bool:
    """True when `element` lies in another paragraph-like element of `box` (a <p> in a
    <blockquote>), whose text is taken whole."""
    parent = element.getparent()
    while parent is not None and parent is not box:
        if parent.tag in ("p", "h2", "h3", "blockquote"):
            return True
        parent = parent.getparent()
    return False


def _inside(element: Any, other: Any) -> bool:
    """True when `element` is `other` or lies within it."""
    return any(ancestor is other for ancestor in element.iterancestors())


def _text(element: Any) -> str:
    return _SPACE.sub(" ", element.text_content()).strip()


def _key(text: str) -> str:
    """A paragraph's words in lower case: equal for the same text however it was spaced."""
    return " ".join(_WORD.findall(text.lower()))


#: Elements whose text trafilatura writes as one line of its output.
_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "dd", "dt", "td", "div")


def _link_shares(tree: Any, wanted: set[str]) -> dict[str, float]:
    """The share of link text of the page's blocks whose words are `wanted`, by their words."""
    shares: dict[str, float] = {}
    for element in tree.iter(*_BLOCKS):
        if element.tag == "div" and len(element) > 3:  # a layout box, not one line of text
            continue
        text = _text(element)
        key = _key(text)
        if not key or key not in wanted or key in shares:
            continue
        links = sum(len(_text(a)) for a in element.iterfind(".//a"))
        shares[key] = min(1.0, links / len(text))
    return shares


def without_link_tail(tree: Any, paragraphs: list[str]) -> list[str]:
    """`paragraphs` without the run at their end that the page writes as links (a list of
    related stories, of tags): paragraphs mostly of link text in `tree`, a fresh parse. The
    start is kept, since a lede is often one link."""
    shares = _link_shares(tree, {_key(p) for p in paragraphs[-10:]})
    last = len(paragraphs)
    while last > 1 and shares.get(_key(paragraphs[last - 1]), 0.0) > _MAX_LINK_SHARE:
        last -= 1
    return paragraphs[:last]
