"""Plain-text scrapes: find the title and the body among the site debris around them.

A scraped page is a title, some header debris (skip links, the headline again, a photo credit,
other stories' headlines, lone menu words), the body, and a footer (donation and subscription
appeals, template placeholders, copyright and font credits). The body is the run of prose
between the first and the last real sentence; the footer's appeal block is recognised by its
vocabulary and its first-person-plural newsroom voice. Only general signals are used — line
length, sentence punctuation, position, repetition, headline shape, braces — never a site's
own strings. A line that is a real sentence is never dropped for its position alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dossier.ingest.bylines import byline_names

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_BYLINE = re.compile(
    r"^(?i:by|written by|reporting by|posted by|words by)\s+"
    r"((?:[A-Z][\w.'’-]*\s*(?:,|;|&|and)?\s*){1,12})"
    r"(?:\s*(?:[|•·–—-]|(?i:on|updated|published)\b).*)?$"
)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_INNER_SENTENCE = re.compile(r"[a-z0-9)\"”’][.!?][\"'”’]?\s+[\"“‘(]?[A-Z]")
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\$\{[^}]*\}|<%.*?%>|\[\[[^\]]*\]\]|%%\w+%%")
_COPYRIGHT = re.compile(
    r"(?:^|\s)(?:©|\(c\)|@)\s*(?:19|20)\d\d|\bcopyright\b|\ball rights reserved\b|"
    r"\b(?:fonts?|icons?|typefaces?) (?:provided|by|courtesy)\b",
    re.IGNORECASE,
)
_SKIP_LINK = re.compile(
    r"^(?:skip|jump)(?: to (?:the )?\w+(?: \w+)?| navigation| links)\W*$", re.IGNORECASE
)
_CREDIT = re.compile(
    r"\b(?:image|images|photo|photos|photograph|picture|video|screengrab|screenshot|"
    r"illustration|graphic)\b[^.]{0,60}\b(?:via|by|credit|courtesy|from|source)\b|"
    r"^(?:photo|image|picture|credit|source|illustration)s?\s*(?:credit)?\s*:|"
    r"\((?:AP|AFP|Reuters|Getty)[^)]*(?:Photo|Image)[^)]*\)|\bGetty Images\b|"
    r"\([A-Z][\w.'’ -]{2,40}/[A-Z][\w.'’ &-]{1,40}\)$|"
    r"\bvia (?:Screengrab|Screenshot|YouTube|Twitter|X|Facebook|Instagram|Wikimedia)\b",
    re.IGNORECASE,
)
_TEASER = re.compile(
    r"^(?:read more|related|also read|recommended|see also|more from|watch|listen|"
    r"trending|popular|more stories|you may also like|sponsored|continue reading|"
    r"(?:article|story) continues|filed under|tags|tagged|categories|topics)\b\s*[:|-]?",
    re.IGNORECASE,
)
#: Stems of words that ask readers for money or sign-ups.
_APPEAL = re.compile(
    r"\b(?:donat\w*|contribut\w*|subscri\w*|newsletter|sign(?:ing)? up|membership|"
    r"become a (?:member|supporter|patron)|support (?:us|our|independent)|your support|"
    r"invest with us|patreon|paypal|credit card|by check|click here|tip jar|"
    r"reader[- ](?:funded|supported)|ad[- ]free|paywall|all access|thank you for reading|"
    r"readers like you|free to read|cancel any time|cancel anytime|got a (?:news )?tip|"
    r"email (?:us|the newsroom)|send us (?:a )?tips?)\b|\btips\?",
    re.IGNORECASE,
)
#: A comment form under the article ("Leave a reply", "Required fields are marked").
_COMMENT_FORM = re.compile(
    r"\b(?:leave a (?:reply|comment)|cancel reply|post (?:a )?comment|required fields|"
    r"will not be published|save my name|notify me of)\b",
    re.IGNORECASE,
)
_YOU = re.compile(r"\byou(?:r|rs|['’](?:ve|re|ll|d))?\b", re.IGNORECASE)
#: First words of calls to action ("Become a supporter", "Join us").
_IMPERATIVES = frozenset(
    [
        "become",
        "support",
        "donate",
        "subscribe",
        "join",
        "sign",
        "click",
        "chip",
        "contribute",
        "invest",
        "consider",
        "please",
    ]
)
#: A label opening a line ("Newsletter: …").
_LABEL = re.compile(r"^[A-Z][\w ]{2,20}:\s")
_WE = re.compile(r"\b(?:we|we['’](?:ve|re|ll|d)|our|ours|us)\b", re.IGNORECASE)
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]|``.*?''")
#: A link's label: "Read the full report here", "Watch the video here".
_LINK_LABEL = re.compile(r"\b(?:here|below|above)\W*$", re.IGNORECASE)
#: A line that dates the page rather than heading it.
_DATE_LINE = re.compile(
    r"^(?:(?:posted|published|updated|first published)\b|"
    r"(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
    r"\.?,?\s+\d|\d)",
    re.IGNORECASE,
)
#: Separators between a headline and the site name in a page title.
_TITLE_SITE = re.compile(r"^\s*[-|–—·]\s*\S")
#: Lone words that are menus or buttons, not text.
_NAV_WORD_LIST = (
    "home menu search share tweet email print comments comment donate subscribe login "
    "log sign register follow next previous back top more advertisement advertising "
    "newsletter shop store bank contact about"
)
_NAV_WORDS = frozenset(_NAV_WORD_LIST.split())


@dataclass
class TextExtraction:
    """Title, body paragraphs and the lines around the body of a plain-text scrape."""

    title: str | None
    paragraphs: list[str]
    header: list[str] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    #: Lines dropped wherever they stood (skip links, placeholders, copyright lines).
    debris: list[str] = field(default_factory=list)
    #: Names from a "By …" line above the body.
    authors: list[str] = field(default_factory=list)


def extract_text(text: str) -> TextExtraction:
    """Split a plain-text scrape into title, body paragraphs, header and footer debris."""
    units = _units(text)
    debris = [u for u in units if _always_debris(u)]
    units = [u for u in units if not _always_debris(u)]
    title_index = _title_index(units)
    title = units[title_index] if title_index is not None else None
    rest = units[title_index + 1 :] if title_index is not None else units
    title = _without_site_name(title, rest[:3])
    prose = [i for i, u in enumerate(rest) if _is_prose(u)]
    if not prose:
        return TextExtraction(title=title, paragraphs=[], header=rest, debris=debris)
    first, last = prose[0], prose[-1]
    appeal = _appeal_start(rest, first, last)
    if appeal is not None:
        last = max((i for i in prose if i < appeal), default=first - 1)
    body: list[str] = []
    for i in range(first, last + 1):
        unit = rest[i]
        if (_is_prose(unit) and not _is_appeal(unit)) or not _is_inner_debris(unit, title):
            body.append(unit)
    return TextExtraction(
        title=title,
        paragraphs=body,
        header=rest[:first],
        footer=rest[last + 1 :],
        debris=debris,
        authors=_byline_names(rest[:first]),
    )


def _byline_names(header: list[str]) -> list[str]:
    """Names from the first "By A and B" line of the header (roles and dates left out)."""
    for line in header:
        match = _BYLINE.match(line)
        if match:
            return [n for n in byline_names(line) if 1 < len(n.split()) <= 5]
    return []


def _units(text: str) -> list[str]:
    """Lines grouped into paragraphs: hard-wrapped lines are joined, others stay apart."""
    units: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        wrapped = _hard_wrapped(lines)
        current = lines[0]
        for line in lines[1:]:
            continues = not _SENTENCE_END.search(current) and (line[0].islower() or wrapped)
            if continues or (wrapped and len(current) >= 40):
                current = f"{current} {line}"
            else:
                units.append(current)
                current = line
        units.append(current)
    return units


def _hard_wrapped(lines: list[str]) -> bool:
    """True for a block whose lines were wrapped at a fixed width (all but the last similar)."""
    if len(lines) < 3:
        return False
    lengths = [len(line) for line in lines[:-1]]
    return min(lengths) >= 45 and max(lengths) <= 100 and max(lengths) - min(lengths) <= 25


def _words(unit: str) -> list[str]:
    return _WORD.findall(unit)


def _is_prose(unit: str) -> bool:
    """A sentence or more: enough words and sentence punctuation at the end or inside."""
    words = _words(unit)
    if len(words) < 4:
        return False
    if _CREDIT.search(unit) and len(words) <= 15 and not _SENTENCE_END.search(unit):
        return False
    if _SENTENCE_END.search(unit):
        return len(words) >= 5 or unit.rstrip().endswith((".", "!", "…"))
    return len(words) >= 12 and bool(_INNER_SENTENCE.search(unit))


def _always_debris(unit: str) -> bool:
    """Lines that are debris wherever they stand: placeholders, skip links, copyright."""
    if _PLACEHOLDER.search(unit) and len(_PLACEHOLDER.sub("", unit).split()) <= 3:
        return True
    if _SKIP_LINK.match(unit):
        return True
    if _COMMENT_FORM.search(unit) and len(_words(unit)) <= 25:
        return True
    words = _words(unit)
    if _COPYRIGHT.search(unit) and len(words) <= 40 and not _is_reported_speech(unit):
        return True
    return not words


def _is_reported_speech(unit: str) -> bool:
    """Prose that mentions copyright as news (a lawsuit) rather than claiming it."""
    return bool(re.search(r"\b(?:said|says|told|according to|lawsuit|court)\b", unit, re.I))


def _title_index(units: list[str]) -> int | None:
    """The first line that can be a headline: short, no closing full stop, not a menu word.

    A line of up to three words followed by a longer headline is the site's name.
    """
    for i, unit in enumerate(units[:5]):
        words = _words(unit)
        if _is_nav(unit, strict=True) or _CREDIT.search(unit):
            continue
        if len(words) > 30 or unit.rstrip().endswith("."):
            return None
        if len(words) <= 3:
            return _headline_after_site_name(units, i)
        return i
    return None


def _headline_after_site_name(units: list[str], first: int) -> int:
    """The headline below a short first line, or that line itself when none follows."""
    for j in range(first + 1, min(first + 4, len(units))):
        unit = units[j]
        if _is_nav(unit) or _CREDIT.search(unit):
            continue
        if _BYLINE.match(unit) or _DATE_LINE.match(unit) or _is_prose(unit):
            break
        words = len(_words(unit))
        if 4 <= words <= 30 and not unit.rstrip().endswith("."):
            return j
        break
    return first


def _without_site_name(title: str | None, following: list[str]) -> str | None:
    """ "Headline - Site" when the headline is repeated on its own below: just the headline."""
    for unit in following:
        if title and title.startswith(unit) and _TITLE_SITE.match(title[len(unit) :]):
            return unit
    return title


def _is_nav(unit: str, strict: bool = False) -> bool:
    """A lone menu word or button label ("Menu", "Donate by card", "Share").

    `strict` (for the title line) counts longer lines only when half their words are menu
    words, so "Divers resume wreck search" stays a headline.
    """
    words = [w.lower() for w in _words(unit)]
    if not words or len(words) > 4 or _SENTENCE_END.search(unit):
        return False
    menu = sum(1 for w in words if w in _NAV_WORDS or _APPEAL.search(w))
    if strict:
        return len(words) == 1 or 2 * menu >= len(words)
    return len(words) <= 2 or menu > 0


def _is_inner_debris(unit: str, title: str | None) -> bool:
    """Non-prose lines inside the body that are still debris (credits, teasers, headlines)."""
    if title and _same_text(unit, title):
        return True
    if _CREDIT.search(unit) or _TEASER.match(unit) or _is_nav(unit):
        return True
    if _LINK_LABEL.search(unit) and len(_words(unit)) <= 10:
        return True
    if _is_appeal(unit):
        return True
    return _headline_shaped(unit) and len(_words(unit)) >= 6


def _headline_shaped(unit: str) -> bool:
    """Title case or a headline's length, without sentence punctuation at the end."""
    if _SENTENCE_END.search(unit):
        return False
    words = _words(unit)
    capitalised = sum(1 for w in words if w[0].isupper())
    return len(words) >= 6 and (capitalised / len(words) >= 0.6 or len(words) >= 10)


def _same_text(a: str, b: str) -> bool:
    return [w.lower() for w in _words(a)] == [w.lower() for w in _words(b)]


def _is_appeal(unit: str) -> bool:
    """A request for money or sign-ups in the outlet's own voice."""
    unquoted = _QUOTED.sub(" ", unit)
    hits = len(_APPEAL.findall(unquoted))
    if hits == 0:
        return False
    voice = len(_WE.findall(unquoted)) + len(_YOU.findall(unquoted))
    words = _words(unit)
    if len(words) <= 12:
        return (
            hits >= 2
            or voice >= 1
            or not _SENTENCE_END.search(unit)
            or words[0].lower() in _IMPERATIVES
            or bool(_LABEL.match(unit))
        )
    if len(words) > 60 and hits * 30 < len(words):
        return False  # a long news paragraph that mentions donations or subscribers
    if voice == 0 and _is_reported_speech(unquoted):
        return False  # someone else's appeal, reported
    return hits >= 2 or voice >= 2 or words[0].lower() in _IMPERATIVES


def _appeal_start(units: list[str], first: int, last: int) -> int | None:
    """Where the closing appeal block begins, if the text ends with one."""
    start: int | None = None
    seen_appeal = False
    for i in range(len(units) - 1, first, -1):
        unit = units[i]
        if _is_appeal(unit):
            seen_appeal = True
            start = i
        elif _newsroom_voice(unit) or not _is_prose(unit):
            start = i
        else:
            break
    if not seen_appeal or start is None or start > last:
        return None
    return start


def _newsroom_voice(unit: str) -> bool:
    """The outlet talking about itself or to the reader, outside quotes, or a short question."""
    unquoted = _QUOTED.sub(" ", unit)
    if _YOU.search(unquoted):
        return True
    we = len(_WE.findall(unquoted))
    words = len(_words(unit))
    if words <= 8:
        return we >= 1 or unit.rstrip().endswith("?")
    return we >= 2
