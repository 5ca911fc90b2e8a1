"""The word lists the entity, role and amount components read, loaded once from `lexicons/`.

Every list is general vocabulary (countries and their demonyms, office titles, kinship
words, honorifics, outlet, organisation, building and vehicle words, common given names); none
names a particular person.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[list[str]]:
    """Non-comment lines of a lexicon file, split on "|"."""
    text = resources.files("dossier").joinpath("lexicons", name).read_text(encoding="utf-8")
    rows: list[list[str]] = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rows.append([part.strip() for part in line.split("|")])
    return rows


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case, accent-free form of a name, for matching spellings with and without accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("’", "'").casefold()


@dataclass(frozen=True)
class Lexicon:
    """All entity-related word lists, keyed for fast lookup (folded keys unless stated)."""

    #: folded country name or alias -> canonical country name
    countries: dict[str, str]
    #: folded demonym -> canonical country name
    demonyms: dict[str, str]
    #: title form as written (case kept) -> canonical title
    titles: dict[str, str]
    #: folded title form -> canonical title (for lower-case uses: "the senator")
    titles_folded: dict[str, str]
    #: honorific as written -> gender ("m", "f", "-")
    honorifics: dict[str, str]
    #: folded kinship word -> (relation, gender)
    kinship: dict[str, tuple[str, str]]
    #: outlet words as written
    outlet_words: frozenset[str]
    #: organisation words as written
    org_words: frozenset[str]
    #: building and site words as written ("Museum", "Stadium")
    facility_words: frozenset[str]
    #: folded words for craft and vessels ("shuttle", "ship")
    vehicle_words: frozenset[str]
    #: state abbreviation as written -> state name
    us_states: dict[str, str]
    #: common given name as written -> gender ("m" or "f")
    given_names: dict[str, str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load every list once per process."""
    countries: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for row in _lines("entity_countries.txt"):
        name = row[0]
        aliases = row[1].split(";") if len(row) > 1 and row[1] else []
        countries[fold(name)] = name
        for alias in aliases:
            countries[fold(alias)] = name
        for demonym in row[2].split(";") if len(row) > 2 and row[2] else []:
            demonyms[fold(demonym)] = name
    titles = {row[0]: row[1] for row in _lines("titles.txt")}
    return Lexicon(
        countries=countries,
        demonyms=demonyms,
        titles=titles,
        titles_folded={fold(k): v for k, v in titles.items()},
        honorifics={row[0]: row[1] for row in _lines("entity_honorifics.txt")},
        kinship={fold(row[0]): (row[1], row[2]) for row in _lines("entity_kinship.txt")},
        outlet_words=frozenset(row[0] for row in _lines("entity_outlets.txt")),
        org_words=frozenset(row[0] for row in _lines("entity_org_words.txt")),
        facility_words=frozenset(row[0] for row in _lines("entity_facility_words.txt")),
        vehicle_words=frozenset(fold(row[0]) for row in _lines("entity_vehicle_words.txt")),
        us_states={row[0]: row[1] for row in _lines("entity_us_states.txt")},
        given_names={row[0]: row[1] for row in _lines("entity_given_names.txt")},
    )
