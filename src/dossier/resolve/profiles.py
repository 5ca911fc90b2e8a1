"""Reading the profiles of many candidate entities at once, for `linker.decide`.

`linker.entity_profile` reads one entity in five queries; a name shared by a hundred stored
entities (a common surname) would cost five hundred per document entity. Here each kind of
fact is read for all the candidates in one query through the same indexes, so the cost per
candidate stays a few index probes however many documents name it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from .names import name_key


@dataclass
class Profile:
    """What is known about one side of a comparison: names, offices, company kept, kin."""

    type: str
    names: list[str]
    roles: set[str] = field(default_factory=set)
    #: Entity ids named in the same documents, with their names for explanations.
    context: dict[int, str] = field(default_factory=dict)
    #: Entity ids this one is stated to be family of.
    family: set[int] = field(default_factory=set)
    entity_id: int | None = None


class NameCache:
    """The type and names of stored entities (as `entity_profile` reads them), kept between
    documents by one writer so a candidate's names are not reread for every document naming
    it. The writer forgets an entity whose names it changes, and clears everything whenever
    the database may have changed otherwise (`store.Database.add_article` checks
    `PRAGMA data_version`, which moves when another connection commits, and its own
    connection's change count before each document; a rolled-back document clears it too).
    """

    def __init__(self, size: int = 50_000) -> None:
        self.size = size
        self.entries: dict[int, tuple[str, list[str]]] = {}

    def forget(self, entity_id: int) -> None:
        self.entries.pop(entity_id, None)

    def clear(self) -> None:
        self.entries.clear()

    def keep(self, entity_id: int, entity_type: str, names: list[str]) -> None:
        if len(self.entries) >= self.size:
            self.entries.clear()  # rare: a file with more entities than this is named at once
        self.entries[entity_id] = (entity_type, list(names))


#: Ids bound in one query (well under SQLite's limit on variables).
_CHUNK = 400


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield list(ids[i : i + _CHUNK])


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


def candidate_profiles(
    conn: sqlite3.Connection,
    entity_ids: list[int],
    against: Profile,
    worth_context: Callable[[Profile], bool],
    cache: NameCache | None = None,
) -> dict[int, Profile]:
    """The profile of each entity in `entity_ids` as `linker.entity_profile(conn, id, against)`
    gives it, for an `against` that is a document's entity (not a stored one, so kin are not
    read): names (from `cache` when it has them); and, only for the profiles `worth_context`
    keeps (those whose names do not already settle the comparison), offices when `against`
    has some and co-mentions among `against`'s context."""
    ids = sorted(set(entity_ids))
    found: dict[int, Profile] = {}
    if cache is not None:
        for entity_id in ids:
            kept = cache.entries.get(entity_id)
            if kept is not None:
                found[entity_id] = Profile(type=kept[0], names=list(kept[1]), entity_id=entity_id)
    unread = [i for i in ids if i not in found]
    for chunk in _chunks(unread):
        for entity_id, entity_type, name in conn.execute(
            f"SELECT id, type, name FROM entities WHERE id IN ({_marks(chunk)})", chunk
        ):
            found[int(entity_id)] = Profile(
                type=str(entity_type), names=[str(name)], entity_id=int(entity_id)
            )
        for entity_id, key in conn.execute(
            "SELECT entity_id, key FROM entity_keys"
            f" WHERE entity_id IN ({_marks(chunk)}) AND key >= 'exact:' AND key < 'exact;'"
            " ORDER BY entity_id, key",
            chunk,
        ):
            profile = found[int(entity_id)]
            alias = str(key)[len("exact:") :]
            if alias != name_key(profile.names[0]):
                profile.names.append(alias)
        if cache is not None:
            for entity_id in chunk:
                if entity_id in found:
                    cache.keep(entity_id, found[entity_id].type, found[entity_id].names)
    context = sorted(against.context)
    for entity_id, profile in found.items():
        if not worth_context(profile):
            continue
        if against.roles:
            profile.roles = {
                str(r[0])
                for r in conn.execute(
                    "SELECT role_key FROM entity_roles WHERE entity_id = ?", (entity_id,)
                )
            }
        for part in _chunks(context):
            for other_id, other_name in conn.execute(
                "SELECT c.other_id, e.name FROM co_mentions c JOIN entities e"
                f" ON e.id = c.other_id WHERE c.entity_id = ? AND c.other_id IN ({_marks(part)})",
                [entity_id, *part],
            ):
                profile.context[int(other_id)] = str(other_name)
    return found
