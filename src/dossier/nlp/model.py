"""Loading the spaCy model once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import DossierError

if TYPE_CHECKING:
    from spacy.language import Language


@lru_cache(maxsize=2)
def load_model(name: str) -> Language:
    """Load an installed spaCy package by name; no download is ever attempted."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise DossierError(
            f"The language model {name!r} is not installed; run `make run` or "
            f"`pip install -r requirements/base.txt` first ({exc})."
        ) from exc
