"""How the claim tests read an analysed document: entity names, claims of a kind, pairs."""

from __future__ import annotations

from typing import Any

from dossier.nlp.registry import DocumentState
from dossier.records import Claim


def name_of(state: DocumentState, key: int | None) -> str | None:
    entity = state.entity(key) if key is not None else None
    return entity.name if entity is not None else None


def claims_of(state: DocumentState, kind: str) -> list[Claim]:
    return [c for c in state.analysis.claims if c.kind == kind]


def pairs_of(state: DocumentState, kind: str) -> set[tuple[Any, Any]]:
    """(subject name, object name) of every claim of `kind`."""
    return {(name_of(state, c.subject), name_of(state, c.object)) for c in claims_of(state, kind)}
