"""Author names out of a byline as pages print it.

A byline carries more than names: "By", a role ("Ana Ruiz, Staff Writer"), a credential
("MA"), a date, other credits ("Edited by …"), co-authors in brackets ("(with B and C)").
The names are what stays once those are cut, split on commas and "and". After a role, only
a part joined by "and" that is not an employer is another author ("A, Staff Writer, and B"
but not "A, Fellow, Press Union"); a part not shaped like a name ends the list. A first part
that is a desk ("Foreign Staff") is kept: the desk is who the page credits.
"""

from __future__ import annotations

import re

_PREFIX = re.compile(
    r"^\s*(?:(?:(?:written|words|story|text|posted|published|reported)\s+)?(?:by|von|por|par)\b"
    r"|(?:text|words|story|author|texto|texte|autor|auteur|текст|автор)\s*:)[:\s]*",
    re.IGNORECASE,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
#: Where the names stop: another credit, a date, a time, a separator.
_TAIL = re.compile(
    r"\s+(?:edited|photos?|photographs?|photography|illustrations?|graphics|video|translated"
    r"|updated|published|posted|last updated|monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday)\b.*$"
    rf"|\s+(?:on\s+)?(?:{_MONTH}\s+)?\d.*$|\s+{_MONTH}\s+\d.*$|\s*[|•·–—]\s.*$|\s+-\s.*$",
    re.IGNORECASE | re.DOTALL,
)
#: A date line in a byline's place ("Last updated: …").
_NOT_A_BYLINE = re.compile(
    r"(?:last\s+)?(?:updated|published|posted|modified)\b(?!\s+by\b)", re.IGNORECASE
)
#: A bracket that is not a co-author list ("(with B)"): a nickname, a handle, a link.
_ASIDE = re.compile(r"\s*\((?!\s*(?:with|avec|con|mit|and|y|et)\b)[^()]*\)", re.IGNORECASE)
_SPLIT = re.compile(r"\s*([,;&()]|\b(?:and|with|avec|et|und|y|con|mit)\b)\s*")
#: Words that make a comma part a job title, not a name (plurals count too).
_ROLES = frozenset((
    "writer", "editor", "reporter", "correspondent", "columnist", "contributor", "producer",
    "staff", "critic", "analyst", "journalist", "photographer", "director", "manager",
    "president", "officer", "fellow", "professor", "chief", "author", "senior", "associate",
    "deputy", "bureau", "desk", "intern", "researcher", "scientist", "technologist", "founder",
    "ceo", "cto", "strategist", "specialist", "redactor", "redactora", "periodista",
    "journaliste", "redakteur",
))  # fmt: skip
#: Words that make a part after a role an employer, not a co-author.
_EMPLOYERS = frozenset((
    "project", "union", "university", "institute", "center", "centre", "foundation",
    "association", "council", "department", "agency", "news", "times", "post", "press",
    "network", "group", "society", "college", "school", "office", "ministry", "committee",
    "program", "programme", "service", "magazine", "journal", "daily", "radio", "television",
))  # fmt: skip
_CREDENTIALS = frozenset((
    "ma", "md", "phd", "mph", "rn", "ms", "msc", "mba", "jd", "dds", "do", "lcsw", "rd", "ba",
    "bsc", "facp",
))  # fmt: skip
_LINK = re.compile(r"\b(?:and|with|avec|et|und|y|con|mit)\b|&", re.IGNORECASE)
#: A short capitalised part after a name: a credential or an agency, not a co-author.
_INITIALS = re.compile(r"[A-Z]{2,4}")
_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def byline_names(text: str) -> list[str]:
    """The people a byline names, in order, without roles, dates and credits."""
    text = " ".join(_ASIDE.sub(" ", text).split())
    if _NOT_A_BYLINE.match(text):
        return []
    pieces = _SPLIT.split(_TAIL.sub("", _PREFIX.sub("", text)))
    names: list[str] = []
    after_role = False
    separators = ""
    for index, piece in enumerate(pieces):
        if index % 2:  # the split keeps its separators at odd places
            separators += piece
            continue
        part = _PREFIX.sub("", piece).strip(" .:-")
        if not part:
            continue
        linked, separators = bool(_LINK.search(separators)), ""
        words = [w.lower().strip(".") for w in part.split()]
        if words[-1] in _SUFFIXES and len(words) == 1 and names:
            names[-1] = f"{names[-1]}, {part}"
        elif all(w in _CREDENTIALS for w in words) or (names and _INITIALS.fullmatch(part)):
            continue
        elif names and any(w in _ROLES or w.rstrip("s") in _ROLES for w in words):
            after_role = True
        elif after_role and (not linked or any(w in _EMPLOYERS for w in words)):
            continue  # "Name, Role, Employer": the employer is no co-author
        elif not looks_like_name(part):
            break
        elif part not in names:
            names.append(part)
    return names


def looks_like_name(name: str) -> bool:
    """A person's or desk's name: a few words, no digits, no URL, starting with a capital."""
    words = name.split()
    return (
        0 < len(words) <= 6
        and any(len(word) > 1 for word in words)
        and not any(ch.isdigit() for ch in name)
        and "@" not in name
        and "://" not in name
        and not name[0].islower()
        and bool(_WORD.match(name))
    )
