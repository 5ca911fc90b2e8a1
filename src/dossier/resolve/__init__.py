"""Joining documents: which entities are one across sources, and what the sources agree on.

- `linker.link_entity` — called by the store for each document entity, inside the document's
  transaction: weighs names (titles, accents, middle names, initials, acronyms, a country
  prefix), context (co-mentioned entities, shared offices) and stated family relations, honours
  the researcher's judgements, and stores the reason in `doc_entities.resolution`.
- `judgements.merge / split / why` — the researcher's word, stored by name in `judgements`.
- `corroboration.corroborate` — claims grouped into facts with their independent sources,
  and contradictions with both sides.
- `timeline.timeline` — a person's offices in date order with their evidence.
"""

from .corroboration import corroborate
from .judgements import find_entity, merge, split, why
from .linker import link_entity
from .timeline import timeline

__all__ = ["corroborate", "find_entity", "link_entity", "merge", "split", "timeline", "why"]
