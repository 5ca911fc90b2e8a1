"""Where a news agency or paper files from: the dateline at the head of a story.

"ORSK, Vellany (AP) —", "(Text) Orsk, 12 Feb (TNA) --", "Orsk March 5 TNA --" and the
wire-service slug "Orsk DAILY STAR in English 2 May p 3" all put the agency in the places
that open the line. Read on the surface: parsers make nonsense of datelines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .index import EntityIndex

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_PLACE = frozenset({"Place", "Country"})
_MONTHS = frozenset(
    {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
     "january", "february", "march", "april", "june", "july", "august", "september", "october",
     "november", "december"}
)  # fmt: skip
#: What may follow the agency's name: the end, a dash, "in <language>", the date.
_AFTER = frozenset({"--", "—", "–", "-", "_", "in", ":"})


def _units(tokens: list[Token], index: EntityIndex) -> list[tuple[int | None, Token]]:
    """The tokens with each entity mention folded into one unit (key, first token)."""
    out: list[tuple[int | None, Token]] = []
    for token in tokens:
        key = index.key_at(token)
        if key is not None and out and out[-1][0] == key:
            continue
        out.append((key, token))
    return out


def _is_date_word(token: Token) -> bool:
    low = token.lower_.rstrip(".")
    return low in _MONTHS or token.like_num or token.text == ","


def _is_slug(token: Token) -> bool:
    """A catalogue code before the dateline ("OW3004022094"): letters and digits mixed."""
    text = token.text
    return len(text) >= 6 and any(c.isdigit() for c in text) and any(c.isalpha() for c in text)


def dateline_places(sentence: Span, index: EntityIndex) -> list[tuple[int, list[int]]]:
    """(agency, places) when `sentence` opens with a dateline naming an organisation, or has
    one after a catalogue slug (a headline runs into "OW0102 Orsk TNA in English …")."""
    units = _units(list(sentence), index)
    first = 0
    if [u[1].text for u in units[:3]] in (["(", "Text", ")"], ["(", "Excerpts", ")"]):
        first = 3
    slugs = [j for j, u in enumerate(units) if u[0] is None and _is_slug(u[1])]
    for start, after_slug in [(first, False), *((j + 1, True) for j in slugs)]:
        found = _read(units, start, index, after_slug=after_slug)
        if found:
            return found
    return []


def _read(
    units: list[tuple[int | None, Token]], i: int, index: EntityIndex, *, after_slug: bool
) -> list[tuple[int, list[int]]]:
    """The dateline from unit `i` on: places, a date, the agency, then what may follow it
    (anything, right after a slug: "Orsk TNA Domestic Service")."""
    if not after_slug and i < len(units) and units[i][0] is None and _is_slug(units[i][1]):
        i += 1
    places: list[int] = []
    while i < len(units):
        key = units[i][0]
        if key is not None and index.type_of(key) in _PLACE and key not in places:
            places.append(key)
            i += 1
            if i < len(units) and units[i][1].text == ",":
                i += 1
            continue
        break
    if not places:
        return []
    while i < len(units) and _is_date_word(units[i][1]):
        if units[i][0] is not None and index.type_of(units[i][0]) in _PLACE | {"Organization"}:
            break
        i += 1
    bracket = i < len(units) and units[i][1].text == "("
    i += bracket
    if i >= len(units):
        return []
    agency = units[i][0]
    if agency is None or index.type_of(agency) != "Organization":
        return []
    i += 1
    if bracket:
        if i >= len(units) or units[i][1].text != ")":
            return []
        return [(agency, places)]
    rest = units[i][1] if i < len(units) else None
    if after_slug or rest is None or rest.text in _AFTER or rest.like_num:
        return [(agency, places)]
    return []
