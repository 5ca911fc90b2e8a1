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
from operator import attrgetter

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
    _mentions: MentionIndex = field(default_factory=lambda: MentionIndex(), repr=False)
    #: (the entity list it was built from, its length, entities by key) for `entity`.
    _by_key: tuple[list[Entity] | None, int, dict[int, Entity]] = field(
        default=(None, 0, {}), repr=False
    )

    def entity(self, key: int | None) -> Entity | None:
        if key is None:
            return None
        entities = self.analysis.entities
        if self._by_key[0] is not entities or self._by_key[1] != len(entities):
            by_key: dict[int, Entity] = {}
            for entity in entities:
                by_key.setdefault(entity.key, entity)
            self._by_key = (entities, len(entities), by_key)
        return self._by_key[2].get(key)

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping body offsets [start, end), longest first
        (on a tie, the entity listed first)."""
        entities = self.analysis.entities
        self._mentions.refresh(entities)
        position = self._mentions.at(start, end)
        return None if position is None else entities[position]


_MENTIONS = attrgetter("mentions")


class MentionIndex:
    """The entities' mentions by position, so finding one at an offset costs the same in a
    long article as in a short one. It follows the components as they add mentions: an
    entity whose mention list changed length (or was replaced) is indexed again."""

    _BUCKET = 64

    def __init__(self) -> None:
        self._reset(0)

    def _reset(self, list_id: int) -> None:
        self._list_id = list_id
        self._size = (0, 0, 0)
        self._keys: list[int] = []
        self._seen: list[tuple[int, int]] = []
        self._placed: list[set[int]] = []
        self._buckets: dict[int, dict[int, list[tuple[int, int]]]] = {}
        self._held: tuple[object, ...] = ()

    def refresh(self, entities: list[Entity]) -> None:
        """Bring the index in step with `entities` (mentions are only ever added or reordered)."""
        size = (id(entities), len(entities), sum(map(len, map(_MENTIONS, entities))))
        if size == self._size:
            return
        keys = [id(entity) for entity in entities]
        if id(entities) != self._list_id or keys[: len(self._keys)] != self._keys:
            self._reset(id(entities))
        for position, entity in enumerate(entities):
            signature = (id(entity.mentions), len(entity.mentions))
            if position < len(self._seen):
                if self._seen[position] == signature:
                    continue
                self._unplace(position)
                self._seen[position] = signature
            else:
                self._seen.append(signature)
                self._placed.append(set())
            self._place(position, entity)
        self._keys = keys
        self._size = size
        # Hold what was compared by id, so no new object can take one of those ids meanwhile.
        self._held = (entities, list(entities), [entity.mentions for entity in entities])

    def at(self, start: int, end: int) -> int | None:
        """Position of the entity whose mention overlaps [start, end) the most."""
        best: tuple[int, int] | None = None
        for bucket in range(start // self._BUCKET, (end - 1) // self._BUCKET + 1):
            for position, spans in self._buckets.get(bucket, {}).items():
                for mention_start, mention_end in spans:
                    overlap = min(end, mention_end) - max(start, mention_start)
                    if overlap > 0 and (best is None or (overlap, -position) > (best[0], -best[1])):
                        best = (overlap, position)
        return None if best is None else best[1]

    def _place(self, position: int, entity: Entity) -> None:
        for mention in entity.mentions:
            last = max(mention.start, mention.end - 1)
            for bucket in range(mention.start // self._BUCKET, last // self._BUCKET + 1):
                spans = self._buckets.setdefault(bucket, {}).setdefault(position, [])
                spans.append((mention.start, mention.end))
                self._placed[position].add(bucket)

    def _unplace(self, position: int) -> None:
        for bucket in self._placed[position]:
            self._buckets[bucket].pop(position, None)
        self._placed[position] = set()


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
