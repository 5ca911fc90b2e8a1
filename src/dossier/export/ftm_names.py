"""Names and ids for the FtM export: which surface forms are names, and content-derived ids.

A mention's text is not always a name: "His", "she" and "the senator" point at a person
without naming them, and FtM would index them as that person's names. `proper_name` keeps
only forms that name someone. Ids are hashes of content (the entity's type, its name keys and
the documents naming it; a document's id is its body hash), never of database row numbers,
so two exports of one corpus agree however it was added, and unrelated things in two
databases never share an id.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

PREFIX = "dossier"

#: Words that refer to somebody without naming them.
PRONOUNS: frozenset[str] = frozenset(
    {
        *("he", "him", "his", "himself", "she", "her", "hers", "herself"),
        *("they", "them", "their", "theirs", "themselves", "it", "its", "itself"),
        *("i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"),
        *("you", "your", "yours", "yourself", "yourselves"),
        *("who", "whom", "whose", "this", "that", "these", "those"),
    }
)

#: Leading words that do not count when deciding whether a form is a name ("The Harbor Ledger").
_DETERMINERS: frozenset[str] = frozenset({"the", "a", "an"})

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


def proper_name(text: str | None) -> str | None:
    """`text` as a name, or None for a pronoun or a descriptor.

    >>> proper_name("Marwood's"), proper_name("His"), proper_name("the senator")
    ('Marwood', None, None)
    """
    if not text:
        return None
    name = _POSSESSIVE.sub("", " ".join(text.split())).strip(" ,.;:")
    words = name.split()
    if not words or name.casefold() in PRONOUNS:
        return None
    while len(words) > 1 and words[0].casefold() in _DETERMINERS:
        words = words[1:]
    first = next((c for c in words[0] if c.isalpha()), "")
    if not first or not first.isupper():  # "the senator", "sen." — a description, not a name
        return None
    if words[0].casefold() in PRONOUNS:
        return None
    return name


def name_key(name: str) -> str:
    """Lower-case, accent-free, one space between words: what two spellings must share."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


def content_id(kind: str, *parts: object) -> str:
    """`dossier-<kind>-<sha1 of the parts>`: the same content always gives the same id."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return f"{PREFIX}-{kind}-{hashlib.sha1(joined.encode('utf-8')).hexdigest()}"


def entity_key(schema: str, names: Iterable[str], documents: Iterable[str]) -> tuple[str, ...]:
    """What identifies an entity across exports: its FtM schema, its distinct name keys and
    the sorted ids of the documents that name it."""
    keys = sorted({name_key(n) for n in names if name_key(n)})
    return (schema, "|".join(keys), "|".join(sorted(set(documents))))
