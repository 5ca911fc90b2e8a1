"""Name forms for comparing entities across documents: keys, titles, surnames, acronyms.

Only general words live here (honorifics, office words, company suffixes, kinship-free
particles); nothing names a real person.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: Words that may precede a name without being part of it ("Sen.", "President", "Dr").


def _wordset(words: str) -> frozenset[str]:
    """A set of lexicon words written as one spaced string."""
    return frozenset(words.split())


TITLE_WORDS: frozenset[str] = _wordset(
    """
    mr mrs ms miss dr prof sir dame lord lady rev fr sen senator rep representative gov governor
    pres president vice prime minister secretary chancellor premier mayor judge justice
    gen general col colonel maj major capt captain lt lieutenant adm admiral sgt sergeant cmdr
    commander chief ceo cfo coo chairman chairwoman chair director ambassador deputy former
    acting interim late then king queen prince princess emperor sheikh pope cardinal bishop
    archbishop father sister brother councillor councilman councilwoman commissioner
    spokesman spokeswoman spokesperson attorney auditor comptroller speaker leader candidate
    president-elect minister-elect congressman congresswoman assemblyman assemblywoman
    superintendent inspector detective officer agent professor doctor st saint hon honourable
    honorable excellency his her of state foreign interior defence defense finance labor
    labour health justice economy trade
    """
)

#: Trailing words that mark a company's legal form, dropped when comparing organisations.
ORG_SUFFIXES: frozenset[str] = _wordset(
    "inc incorporated corp corporation co company ltd limited llc plc sa ag nv gmbh bv spa "
    "group holdings lp llp"
)

#: Particles that belong inside surnames ("de la", "van", "bin") and never start a given name.
PARTICLES: frozenset[str] = _wordset("de del della la le van von der den da dos das di bin al")

#: A party tag after a name, "(R-Fla.)" or "(D)"; lower case too, as stored keys are.
_PARTY_TAG = re.compile(r"\s*\((?:[A-Za-z]-[A-Za-z. ]+|[A-Za-z][a-z]*\.?)\)\s*$")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_NON_WORD = re.compile(r"[^\w\s'-]")


def strip_accents(text: str) -> str:
    """The text without combining accents, so "José" and "Jose" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Lower-case, accent-free, single-spaced form of a name, for comparing names."""
    return " ".join(strip_accents(name).casefold().replace("’", "'").split())


def tokens(name: str) -> list[str]:
    """Comparable tokens of a name: keyed, punctuation dropped ("U.S." becomes "us")."""
    key = name_key(name).replace(".", "")
    key = _NON_WORD.sub(" ", key)
    return [t.strip("'-") for t in key.split() if t.strip("'-")]


def clean_surface(name: str) -> str:
    """The name without a trailing party tag "(R-Fla.)", a possessive or a leading "the"."""
    name = _PARTY_TAG.sub("", name.strip())
    name = _POSSESSIVE.sub("", name).strip()
    if name.casefold().startswith("the "):
        name = name[4:]
    return name.strip(" ,;:-")


#: Generation suffixes: "X Y Jr." is not "X Y" unless written in full style (see `generation`).
GENERATION_WORDS = frozenset({"jr", "sr", "ii", "iii", "iv"})

#: Short and familiar forms of common English given names, by formal name. Written for this
#: project; a form listed under two names ("al") links to both.
_NICKNAMES: dict[str, str] = {
    "abraham": "abe",
    "albert": "al bert",
    "alexander": "alex al sandy",
    "alfred": "al alf fred",
    "andrew": "andy drew",
    "anthony": "tony",
    "barbara": "barb babs",
    "benjamin": "ben benji",
    "catherine": "cathy kate katie",
    "charles": "chuck charlie chas",
    "christopher": "chris kit",
    "daniel": "dan danny",
    "david": "dave",
    "deborah": "debbie deb",
    "donald": "don donnie",
    "douglas": "doug",
    "edward": "ed eddie ted ned",
    "elizabeth": "liz beth betsy betty eliza",
    "eugene": "gene",
    "frederick": "fred freddie",
    "gerald": "jerry",
    "gregory": "greg",
    "harold": "hal harry",
    "henry": "hank harry",
    "james": "jim jimmy jamie",
    "jeffrey": "jeff",
    "john": "jack johnny",
    "jonathan": "jon",
    "joseph": "joe joey",
    "joshua": "josh",
    "katherine": "kathy kate katie",
    "kenneth": "ken kenny",
    "lawrence": "larry",
    "margaret": "maggie meg peggy",
    "matthew": "matt",
    "michael": "mike mick",
    "mitchell": "mitch",
    "nicholas": "nick",
    "patricia": "pat patty trish",
    "patrick": "pat",
    "peter": "pete",
    "philip": "phil",
    "randolph": "randy",
    "raymond": "ray",
    "richard": "rick dick rich",
    "robert": "bob bobby rob",
    "ronald": "ron ronnie",
    "samuel": "sam",
    "stephen": "steve",
    "steven": "steve",
    "susan": "sue",
    "theodore": "ted teddy",
    "thomas": "tom tommy",
    "timothy": "tim",
    "victoria": "vicky",
    "walter": "walt",
    "william": "bill billy will willie",
}
_FORMAL_OF: dict[str, set[str]] = {}
for _formal, _short in _NICKNAMES.items():
    for _nick in _short.split():
        _FORMAL_OF.setdefault(_nick, set()).add(_formal)


def same_given_name(a: str, b: str) -> bool:
    """One given name, written formally or familiarly ("charles" / "chuck", "joe" /
    "joseph"); two familiar forms of one formal name agree too ("bill" / "will")."""
    if a == b:
        return True
    left = _FORMAL_OF.get(a, set()) | {a}
    right = _FORMAL_OF.get(b, set()) | {b}
    return bool(left & right)


def generation(name: str) -> str:
    """The generation suffix a person's name ends with ("jr", "iii"), or ""."""
    parts = tokens(clean_surface(name))
    return parts[-1] if len(parts) > 2 and parts[-1] in GENERATION_WORDS else ""


def person_tokens(name: str) -> list[str]:
    """Tokens of a person's name with leading titles and trailing suffixes removed."""
    parts = tokens(clean_surface(name))
    while len(parts) > 1 and parts[0] in TITLE_WORDS:
        parts = parts[1:]
    while len(parts) > 1 and parts[-1] in GENERATION_WORDS | {"phd", "md"}:
        parts = parts[:-1]
    return parts


def org_tokens(name: str) -> list[str]:
    """Tokens of an organisation's name without its legal-form suffix."""
    parts = tokens(clean_surface(name))
    while len(parts) > 1 and parts[-1] in ORG_SUFFIXES:
        parts = parts[:-1]
    return parts


_SMALL_WORDS = frozenset({"of", "the", "and", "for", "de", "la", "&"})


def acronym(parts: list[str]) -> str | None:
    """Initials of a multi-word name ("organization of american states" → "oas")."""
    content = [p for p in parts if p not in _SMALL_WORDS]
    if len(content) < 2:
        return None
    return "".join(p[0] for p in content)


def acronyms(parts: list[str]) -> set[str]:
    """Initials with and without the small words ("bank of america" → "ba", "boa")."""
    found = {a for a in (acronym(parts),) if a}
    if len(parts) >= 3 and any(p in _SMALL_WORDS for p in parts[1:-1]):
        found.add("".join(p[0] for p in parts if p != "&"))
    return found


def short_form(parts: tuple[str, ...] | list[str]) -> bool:
    """One word of three to six letters: written in capitals, possibly letters cut from
    several words."""
    return len(parts) == 1 and 3 <= len(parts[0]) <= 6 and parts[0].isalpha()


def _initials_within(short: str) -> set[str]:
    """Initials of the names `short` may be cut from: its letters in order, starting with its
    first ("sia" → "si", "sa", "sia")."""
    found = {short[0]}
    for letter in short[1:]:
        found |= {f + letter for f in found}
    return {f for f in found if len(f) >= 2}


def cut_from(short: str, parts: tuple[str, ...]) -> bool:
    """True when `short` is the start of each content word of a name, in order, the first
    giving two letters or more and each other at least one ("sia" from "singapore airlines",
    not "who" from "white house")."""
    words = [p for p in parts if p not in _SMALL_WORDS]
    if len(words) < 2 or len(short) <= len(words):
        return False

    def take(rest: str, i: int) -> bool:
        if i == len(words):
            return not rest
        return any(
            rest[:n] == words[i][:n] and take(rest[n:], i + 1)
            for n in range(
                2 if i == 0 else 1, min(len(words[i]), len(rest) - (len(words) - i - 1)) + 1
            )
        )

    return take(short, 0)


#: Parts of the world a company's regional arm is named after ("Kessel Europe").
_REGIONS: frozenset[tuple[str, ...]] = frozenset(
    tuple(r.split())
    for r in (
        "europe", "asia", "africa", "americas", "north america", "south america",
        "latin america", "oceania", "middle east", "asia pacific", "pacific", "nordic",
    )
)  # fmt: skip


@lru_cache(maxsize=1)
def _countries() -> dict[tuple[str, ...], str]:
    """Every name of a country in the lexicon, as tokens → the country's canonical name."""
    from ..nlp.entity_lexicon import lexicon  # the same list the recogniser reads

    return {tuple(tokens(alias)): name for alias, name in lexicon().countries.items()}


def country_of(parts: tuple[str, ...]) -> str | None:
    """The canonical name of the country these tokens name ("usa" → "United States")."""
    return _countries().get(parts) if parts else None


def region_or_country(parts: tuple[str, ...]) -> bool:
    """True when the tokens name a country or a part of the world."""
    return parts in _REGIONS or country_of(parts) is not None


#: Short and long names of a few countries that news writes several ways, as token tuples.
COUNTRY_FORMS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("us",): ("united", "states"),
    ("usa",): ("united", "states"),
    ("united", "states", "of", "america"): ("united", "states"),
    ("uk",): ("united", "kingdom"),
    ("britain",): ("united", "kingdom"),
    ("great", "britain"): ("united", "kingdom"),
    ("eu",): ("european", "union"),
    ("uae",): ("united", "arab", "emirates"),
}
_COUNTRY_PREFIXES: list[tuple[str, ...]] = sorted(
    {*COUNTRY_FORMS, *COUNTRY_FORMS.values()}, key=len, reverse=True
)


def national_parts(parts: list[str]) -> tuple[list[str], tuple[str, ...]]:
    """(parts with a country's short name spelled out, the name without a leading country).

    "US Air Force" → (["united", "states", "air", "force"], ("air", "force")).
    """
    whole = COUNTRY_FORMS.get(tuple(parts))
    if whole is not None:
        return list(whole), ()
    for prefix in _COUNTRY_PREFIXES:
        n = len(prefix)
        if len(parts) > n and tuple(parts[:n]) == prefix:
            rest = parts[n:]
            return [*COUNTRY_FORMS.get(prefix, prefix), *rest], tuple(rest)
    return parts, ()


#: Heads of public bodies named either way round: "Department of Labor", "Labor Department".
_OF_HEADS = _wordset("department ministry office bureau agency commission council committee court")


def turned_round(parts: tuple[str, ...]) -> tuple[str, ...]:
    """ "department of labor" → ("labor", "department"); () when the name is not of that shape."""
    if len(parts) >= 3 and parts[0] in _OF_HEADS and parts[1] == "of" and "of" not in parts[2:]:
        return (*parts[2:], parts[0])
    return ()


@dataclass(frozen=True)
class NameForm:
    """A name broken into what matters when comparing it with another."""

    key: str
    parts: tuple[str, ...]
    #: An organisation's name without a leading country ("air force" for "US Air Force").
    bare: tuple[str, ...] = ()
    #: Written in capitals ("KMB"): letters that may stand for words.
    capitals: bool = False
    #: A person's generation suffix ("jr"), dropped from `parts`.
    generation: str = ""

    @property
    def turned(self) -> tuple[str, ...]:
        """The name with its "X of Y" turned round ("labor department"), or ()."""
        return turned_round(self.bare or self.parts)

    @property
    def surname(self) -> str:
        return self.parts[-1] if self.parts else ""

    @property
    def given(self) -> tuple[str, ...]:
        return self.parts[:-1]

    @property
    def full(self) -> bool:
        return len(self.parts) >= 2


@lru_cache(maxsize=1 << 16)
def form(name: str, entity_type: str) -> NameForm:
    """The comparable form of `name` for an entity of `entity_type`."""
    parts = person_tokens(name) if entity_type == "Person" else org_tokens(name)
    if entity_type == "Person":
        # "de la Fuente": keep particles with the surname by dropping them from given names.
        while len(parts) > 2 and parts[-2] in PARTICLES:
            parts = [*parts[:-2], parts[-2] + " " + parts[-1]]
        return NameForm(" ".join(parts), tuple(parts), generation=generation(name))
    parts, bare = national_parts(parts)
    return NameForm(" ".join(parts), tuple(parts), bare, name.isupper())


def given_names_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when two lists of given names can belong to one person.

    "josé antonio" and "josé" agree (a middle name dropped), "j" and "josé" agree (an
    initial), "chuck" and "charles" agree (a familiar form), "josé" and "miguel" do not.
    """
    if not a or not b:
        return True

    def same(x: str, y: str) -> bool:
        if len(x) == 1 or len(y) == 1:
            return x[0] == y[0]
        return same_given_name(x, y)

    if not same(a[0], b[0]):
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    position = 0
    for part in short:
        while position < len(long_) and not same(part, long_[position]):
            position += 1
        if position == len(long_):
            return False
        position += 1
    return True


def lookup_keys(name: str, entity_type: str) -> set[str]:
    """Index keys under which an entity with this name can be found as a candidate."""
    nf = form(name, entity_type)
    keys = {f"name:{nf.key}"} if nf.key else set()
    if entity_type == "Person" and nf.surname:
        keys.add(f"surname:{nf.surname}")
    elif nf.parts:
        keys.update(f"name:{initials}" for initials in acronyms(list(nf.parts)))
        keys.add(f"first:{nf.parts[0]}")
        if nf.bare:
            keys.add(f"name:{' '.join(nf.bare)}")
        if nf.turned:
            keys.add(f"name:{' '.join(nf.turned)}")
        country = country_of(nf.parts)
        if country:
            keys.add(f"name:{name_key(country)}")
        if nf.capitals and short_form(nf.parts):
            keys.update(f"name:{initials}" for initials in _initials_within(nf.key))
    return keys
