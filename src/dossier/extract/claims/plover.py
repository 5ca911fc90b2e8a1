"""PLOVER event types for claims, so event-data users can take Dossier's claims as they are.

The trigger lexicon codes events with the types of the PLOVER gold standard records
(`DISAPPROVE`, `DEMAND`, `FIGHT`, `INVESTIGATE` …). Claims carry the current PLOVER names
(2021 manual: `ACCUSE`, `REQUEST`, `ASSAULT` …); `to_current` maps the first onto the second.
"""

from __future__ import annotations

#: Gold-standard (PLOVER 0.5) names → current PLOVER names where they differ.
_CURRENT: dict[str, str] = {
    "DISAPPROVE": "ACCUSE",
    "DEMAND": "REQUEST",
    "FIGHT": "ASSAULT",
    "INVESTIGATE": "ACCUSE",
}

#: Claim kind → PLOVER type, for claims whose trigger does not say better.
KIND_PLOVER: dict[str, str] = {
    "meeting": "CONSULT",
    "support": "SUPPORT",
    "criticism": "ACCUSE",
}

#: Trigger lemmas whose PLOVER type differs from their kind's default.
TRIGGER_PLOVER: dict[str, str] = {
    "accuse": "ACCUSE",
    "sue": "ACCUSE",
    "oppose": "REJECT",
    "visit": "CONSULT",
    "tour": "CONSULT",
    "pardon": "SUPPORT",
}


def to_current(plover: str | None) -> str | None:
    """The current PLOVER name of a gold-standard type (`DISAPPROVE` → `ACCUSE`)."""
    if plover is None:
        return None
    return _CURRENT.get(plover, plover)


def plover_for(kind: str, trigger: str | None = None) -> str | None:
    """The PLOVER type of a claim of `kind` made by `trigger` (a lemma); None if not an event."""
    if trigger and trigger in TRIGGER_PLOVER:
        return TRIGGER_PLOVER[trigger]
    if kind == "travel":
        return "CONSULT" if trigger in {"visit", "tour"} else None
    return KIND_PLOVER.get(kind)
