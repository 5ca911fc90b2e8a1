"""Wire credit lines: "(Reporting by A in Eskberg; Editing by B)" closing an agency story.

The credit names who worked on the story, not what it says, so it leaves the body; the
reporters and writers it names are the article's authors when the page gives none. A credit
is only the roles wire services print, each followed by "by" and capitalised names (with an
optional place), so a sentence that starts "Reporting by the council showed…" stays.
"""

from __future__ import annotations

import re

_ROLE = r"(?:additional |further )?(?:reporting|writing|editing|compiled|research)"
_PART = re.compile(rf"^\s*({_ROLE})\s+by\s+(.+?)\s*$", re.IGNORECASE)
#: A bracketed group closing a paragraph: the credit candidate.
_TRAILING = re.compile(r"\s*\(([^()]*)\)\s*\.?\s*$")
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\band\b)\s*")
_PLACE_TAIL = re.compile(r"\s+(?:in|from|at)\s+.*$")
_LINKS = frozenset(["in", "from", "at", "and", "&", "de", "van", "von", "da", "del", "la", "le"])


def split_credit(paragraph: str) -> tuple[str, str | None]:
    """The paragraph without its wire credit, and the credit (None when there is none)."""
    if _is_credit(paragraph):
        return "", paragraph.strip()
    match = _TRAILING.search(paragraph)
    if match is None or not _is_credit(match.group(1)):
        return paragraph, None
    return paragraph[: match.start()].rstrip(), match.group(0).strip()


def credit_authors(credit: str) -> list[str]:
    """Reporters and writers named by a credit (editors and researchers are not authors)."""
    names: list[str] = []
    for role, people in _parts(credit) or []:
        if role.split()[-1] not in ("reporting", "writing"):
            continue
        for raw in _NAME_SPLIT.split(people):
            name = _PLACE_TAIL.sub("", raw).strip(" .")
            if 1 < len(name.split()) <= 4:
                names.append(name)
    return names


def _is_credit(text: str) -> bool:
    return _parts(text) is not None


def _parts(text: str) -> list[tuple[str, str]] | None:
    """(role, names) for each ';'-part of a credit, or None when the text is not one."""
    parts = []
    for part in text.strip().strip("().").split(";"):
        match = _PART.match(part)
        if match is None:
            return None
        people = match.group(2).strip(" .")
        words = re.findall(r"[^\s,]+", people)
        if not words or len(words) > 14:
            return None
        if not all(w[0].isupper() or w.lower() in _LINKS for w in words):
            return None
        parts.append((match.group(1).lower(), people))
    return parts or None
