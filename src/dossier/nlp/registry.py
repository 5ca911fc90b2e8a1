"""Document components, registered by name, run in the order `Settings.pipeline` gives.

A component has one job: it reads the `DocumentState` (the parse and what earlier
components found) and adds its own records to `state.analysis`. To plug in a stronger
backend (a neural coreference or relation model), register a factory under a new name and
list that name in `Settings.pipeline`; nothing downstream changes.

    @component("quotes")
    def make_quotes(settings: Settings) -> Component:
        def run(state: DocumentState) -> None: ...
        return run
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import DossierError
from ..records import Analysis, Article, Entity
from ..settings import Settings
from .parse import ParsedDocument


@dataclass
class DocumentState:
    """What the components share while one article is analysed."""

    article: Article
    parsed: ParsedDocument
    settings: Settings
    analysis: Analysis = field(default_factory=Analysis)
    #: Scratch space for one component to leave structured results to a later one.
    extras: dict[str, object] = field(default_factory=dict)

    def entity(self, key: int | None) -> Entity | None:
        if key is None:
            return None
        for entity in self.analysis.entities:
            if entity.key == key:
                return entity
        return None

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping body offsets [start, end), longest first."""
        best: tuple[int, Entity] | None = None
        for entity in self.analysis.entities:
            for mention in entity.mentions:
                overlap = min(end, mention.end) - max(start, mention.start)
                if overlap > 0 and (best is None or overlap > best[0]):
                    best = (overlap, entity)
        return best[1] if best else None


Component = Callable[[DocumentState], None]
Factory = Callable[[Settings], Component]

_FACTORIES: dict[str, Factory] = {}


def component(name: str) -> Callable[[Factory], Factory]:
    """Register a component factory under `name`."""

    def register(factory: Factory) -> Factory:
        if name in _FACTORIES and _FACTORIES[name] is not factory:
            raise DossierError(f"Two components are registered as {name!r}.")
        _FACTORIES[name] = factory
        return factory

    return register


def registered() -> list[str]:
    return sorted(_FACTORIES)


def build(names: tuple[str, ...], settings: Settings) -> list[tuple[str, Component]]:
    """Instantiate the named components, in order."""
    missing = [name for name in names if name not in _FACTORIES]
    if missing:
        raise DossierError(
            f"Unknown pipeline component(s): {', '.join(missing)}. "
            f"Known: {', '.join(registered())}."
        )
    return [(name, _FACTORIES[name](settings)) for name in names]
