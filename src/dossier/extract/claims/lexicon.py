"""The word lists the claim rules read, loaded once from `dossier/lexicons/`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Trigger:
    """What a trigger word means: its PLOVER event type and the claim kind it makes, if any."""

    plover: str | None
    kind: str | None


@dataclass(frozen=True)
class ClaimLexicon:
    """Every list the claim rules use, keyed as in `claim_relations.json`."""

    verbs: dict[str, Trigger]
    nouns: dict[str, Trigger]
    family: dict[str, str]
    associate: dict[str, str]
    lists: dict[str, frozenset[str]]

    def words(self, name: str) -> frozenset[str]:
        """One of the plain word lists (`titles`, `groups`, `reporting_verbs`, …)."""
        return self.lists[name]


def _read(name: str) -> str:
    return (resources.files("dossier") / "lexicons" / name).read_text(encoding="utf-8")


def _triggers(table: dict[str, list[str | None]]) -> dict[str, Trigger]:
    return {word: Trigger(plover, kind) for word, (plover, kind) in table.items()}


@cache
def claim_lexicon() -> ClaimLexicon:
    """Load `claim_triggers.json` and `claim_relations.json` (cached for the process)."""
    triggers = json.loads(_read("claim_triggers.json"))
    relations = json.loads(_read("claim_relations.json"))
    lists = {
        key: frozenset(value)
        for key, value in relations.items()
        if isinstance(value, list) and not key.startswith("_")
    }
    return ClaimLexicon(
        verbs=_triggers(triggers["verbs"]),
        nouns=_triggers(triggers["nouns"]),
        family=dict(relations["family"]),
        associate=dict(relations["associate"]),
        lists=lists,
    )
