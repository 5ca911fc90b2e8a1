"""The loaded-language lexicons, loaded once for the process.

`subjectivity.txt` holds strong verdicts ("lunatic", "right-wing extremist"): each becomes an
opinion claim. `loaded_words.txt` holds the wider loaded vocabulary of news prose (evaluative
and emotive words, framing labels, loaded verbs of saying): with the verdicts, it marks the
loaded-language spans a document lists. Both lists were written for Dossier.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


def _read(name: str) -> str:
    return (resources.files("dossier") / "lexicons" / name).read_text(encoding="utf-8")


def _entries(name: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in _read(name).splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        phrase, _, label = line.partition("\t")
        out[phrase.strip().lower()] = label.strip() or "loaded"
    return out


@cache
def subjectivity_lexicon() -> dict[str, str]:
    """Strong verdicts (lower case) → their class, from `subjectivity.txt`."""
    return _entries("subjectivity.txt")


@cache
def loaded_lexicon() -> dict[str, str]:
    """Every loaded word and phrase → its class: `loaded_words.txt` and the verdicts."""
    return {**_entries("loaded_words.txt"), **subjectivity_lexicon()}


@cache
def _loaded_pattern() -> re.Pattern[str]:
    phrases = sorted(subjectivity_lexicon(), key=len, reverse=True)
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def strip_loaded(text: str) -> str:
    """`text` without the loaded words in it ("the sniveling chair of X" → "the chair of X").

    The verdict is the outlet's and becomes an opinion claim; the office stays a fact.
    """
    if not subjectivity_lexicon():
        return text
    return " ".join(_loaded_pattern().sub(" ", text).split())


def is_loaded(text: str) -> bool:
    """True when `text` holds a word or phrase of the subjectivity lexicon (whole words)."""
    return bool(subjectivity_lexicon()) and _loaded_pattern().search(text) is not None
