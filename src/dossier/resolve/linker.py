"""Deciding which database entity a document's entity is, by weighing evidence.

`store.db` calls `link_entity` once per document entity, inside the document's transaction,
in the order the document lists them (so people named in full come before a bare surname).
The decision, in order:

1. A researcher's judgement (`judgements` table) wins: "same" links, "different" forbids.
2. Candidates are found through `entity_keys` (full name, surname, acronym, a country's
   other names, the initials capitals may be cut from).
3. Each candidate is compared (`compare`): an identical full name, or first and last names
   that agree with a middle name or initial dropped, is enough; a bare surname, the first
   words of an organisation's name or capitals cut from it need evidence from the context — a
   co-mentioned entity (from `co_mentions`; the document's names not linked yet count through
   their exact namesakes) or an office both are given. A stated family relation between the
   two proves them different, as do different given names; a regional arm ("X Europe") is
   not the company.
4. When two candidates are equally good the entity is left on its own ("ambiguous").

Every link stores its reason in `doc_entities.resolution`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime

from ..records import Entity
from .compare import Comparison, compare, compatible_types, name_agreement
from .names import form, lookup_keys, name_key
from .profiles import NameCache, Profile, candidate_profiles

__all__ = [
    "Comparison",
    "Profile",
    "compare",
    "link_entity",
    "name_key",
    "note_roles",
    "rebuild_co_mentions",
    "register_keys",
]


def _role_key(title: str) -> str:
    return " ".join(w for w in name_key(title).replace(".", "").split() if w not in {"the", "a"})


# --- reading the store ------------------------------------------------------------------


def entity_profile(
    conn: sqlite3.Connection, entity_id: int, against: Profile | None = None
) -> Profile:
    """What the store knows about one entity, for comparison.

    With `against` (the profile it will be compared with) only what the comparison can use is
    read: co-mentions among `against`'s context, offices only when it has some, kin only when
    it is itself a stored entity. Every read goes through an index, so the cost does not grow
    with the number of documents naming the entity.
    """
    row = conn.execute("SELECT type, name FROM entities WHERE id = ?", (entity_id,)).fetchone()
    names = [str(row[1])]
    own = name_key(names[0])
    names += [
        str(r[0])[len("exact:") :]
        for r in conn.execute(
            "SELECT key FROM entity_keys"
            " WHERE entity_id = ? AND key >= 'exact:' AND key < 'exact;'",
            (entity_id,),
        )
        if str(r[0]) != f"exact:{own}"
    ]
    roles: set[str] = set()
    if against is None or against.roles:
        roles = {
            str(r[0])
            for r in conn.execute(
                "SELECT role_key FROM entity_roles WHERE entity_id = ?", (entity_id,)
            )
        }
    return Profile(
        type=str(row[0]),
        names=names,
        roles=roles,
        context=_co_mentioned(conn, entity_id, None if against is None else set(against.context)),
        family=family_of(conn, entity_id)
        if against is None or against.entity_id is not None
        else set(),
        entity_id=entity_id,
    )


def _co_mentioned(
    conn: sqlite3.Connection, entity_id: int, among: set[int] | None
) -> dict[int, str]:
    """Entities named in a document with `entity_id` (only those in `among`, when given)."""
    query = (
        "SELECT c.other_id, e.name FROM co_mentions c JOIN entities e ON e.id = c.other_id"
        " WHERE c.entity_id = ?"
    )
    params: list[int] = [entity_id]
    if among is not None:
        if not among:
            return {}
        query += f" AND c.other_id IN ({','.join('?' * len(among))})"
        params += sorted(among)
    return {int(r[0]): str(r[1]) for r in conn.execute(query, params)}


#: Entities of one document that record co-mentions: the first this many linked. A news article
#: names far fewer; a document naming thousands (a list, a dump) would otherwise store pairs
#: by the million, and storing would grow with the square of its size.
MAX_CO_MENTIONED = 150


def note_co_mentions(conn: sqlite3.Connection, entity_id: int, document_id: str) -> None:
    """Record that `entity_id` is named beside the entities already linked in `document_id`
    (only among the document's first `MAX_CO_MENTIONED` entities)."""
    others = {
        int(r[0])
        for r in conn.execute(
            "SELECT DISTINCT entity_id FROM doc_entities WHERE document_id = ? LIMIT ?",
            (document_id, MAX_CO_MENTIONED + 1),
        )
    }
    others.discard(entity_id)
    if len(others) >= MAX_CO_MENTIONED:
        return
    pairs = [(entity_id, o) for o in others] + [(o, entity_id) for o in others]
    conn.executemany("INSERT OR IGNORE INTO co_mentions (entity_id, other_id) VALUES (?, ?)", pairs)


def note_roles(conn: sqlite3.Connection, entity_id: int, titles: list[str]) -> None:
    """Record the offices a document gives `entity_id` (`entity_roles`, compared by key)."""
    conn.executemany(
        "INSERT OR IGNORE INTO entity_roles (entity_id, role_key) VALUES (?, ?)",
        sorted({(entity_id, _role_key(title)) for title in titles}),
    )


def rebuild_co_mentions(conn: sqlite3.Connection, entity_ids: list[int]) -> None:
    """Recompute the co-mentions and offices (`entity_roles`) of entities whose documents a
    merge or split moved."""
    for entity_id in entity_ids:
        conn.execute("DELETE FROM entity_roles WHERE entity_id = ?", (entity_id,))
        titles = conn.execute(
            "SELECT DISTINCT r.title FROM doc_entities d JOIN roles r ON r.doc_entity_id = d.id"
            " WHERE d.entity_id = ?",
            (entity_id,),
        ).fetchall()
        note_roles(conn, entity_id, [str(t[0]) for t in titles])
        conn.execute(
            "DELETE FROM co_mentions WHERE entity_id = ? OR other_id = ?", (entity_id, entity_id)
        )
        rows = conn.execute(
            "SELECT DISTINCT o.entity_id FROM doc_entities d JOIN doc_entities o"
            " ON o.document_id = d.document_id WHERE d.entity_id = ? AND o.entity_id != ?",
            (entity_id, entity_id),
        ).fetchall()
        pairs = [(entity_id, int(r[0])) for r in rows] + [(int(r[0]), entity_id) for r in rows]
        conn.executemany(
            "INSERT OR IGNORE INTO co_mentions (entity_id, other_id) VALUES (?, ?)", pairs
        )


def family_of(conn: sqlite3.Connection, entity_id: int) -> set[int]:
    """Entity ids stated (by a family claim or entity attribute) to be kin of `entity_id`."""
    kin: set[int] = set()
    for subject, obj in conn.execute(
        "SELECT s.entity_id, o.entity_id FROM doc_entities s"
        " JOIN claims c ON c.subject_doc_entity_id = s.id"
        " JOIN doc_entities o ON o.id = c.object_doc_entity_id"
        " WHERE s.entity_id = ? AND c.kind = 'family' UNION ALL"
        " SELECT s.entity_id, o.entity_id FROM doc_entities o"
        " JOIN claims c ON c.object_doc_entity_id = o.id"
        " JOIN doc_entities s ON s.id = c.subject_doc_entity_id"
        " WHERE o.entity_id = ? AND c.kind = 'family'",
        (entity_id, entity_id),
    ):
        kin.add(int(obj) if int(subject) == entity_id else int(subject))
    for document_id, attributes in conn.execute(
        "SELECT document_id, attributes FROM doc_entities WHERE entity_id = ?", (entity_id,)
    ):
        keys, names = family_refs(json.loads(attributes or "{}"))
        kin |= _local_entities(conn, document_id, keys, names)
    kin.discard(entity_id)
    return kin


def family_refs(attributes: dict[str, object]) -> tuple[set[int], set[str]]:
    """Local keys and names an entity's `family` attribute points at, whatever its shape."""
    keys: set[int] = set()
    names: set[str] = set()

    def walk(value: object, depth: int) -> None:
        if depth > 3:
            return
        if isinstance(value, bool):
            return
        if isinstance(value, int):
            keys.add(value)
        elif isinstance(value, str):
            names.add(name_key(value))
        elif isinstance(value, dict):
            for k, v in value.items():
                if k in {"relation", "relationship", "kind", "type", "start", "end"}:
                    continue
                walk(v, depth + 1)
        elif isinstance(value, list | tuple):
            for v in value:
                walk(v, depth + 1)

    walk(attributes.get("family"), 0)
    return keys, names


def _local_entities(
    conn: sqlite3.Connection, document_id: str, keys: set[int], names: set[str]
) -> set[int]:
    """Entity ids of this document's entities with the given local keys or names."""
    if not keys and not names:
        return set()
    found: set[int] = set()
    for local_key, entity_id, name in conn.execute(
        "SELECT local_key, entity_id, name FROM doc_entities WHERE document_id = ?",
        (document_id,),
    ):
        if int(local_key) in keys or name_key(name) in names:
            found.add(int(entity_id))
    return found


def _judgements(
    conn: sqlite3.Connection, keys: set[str], entity_type: str
) -> list[tuple[str, str]]:
    """(verdict, other name) for each judgement naming one of `keys`, newest first."""
    found = []
    for left, left_type, right, right_type, verdict in conn.execute(
        "SELECT left_name, left_type, right_name, right_type, verdict FROM judgements"
        " ORDER BY id DESC"
    ):
        if name_key(left) in keys and compatible_types(left_type, entity_type):
            found.append((str(verdict), str(right)))
        elif name_key(right) in keys and compatible_types(right_type, entity_type):
            found.append((str(verdict), str(left)))
    return found


def entities_named(
    conn: sqlite3.Connection, name: str, entity_type: str | None = None
) -> list[int]:
    """Ids of entities known under this name (canonical or alias), most-mentioned first.

    Entities known under exactly this spelling come alone when there are any: "Ivo Brannick
    Jr." split from "Ivo Brannick" is that entity, not every "Ivo Brannick" (whose comparable
    form, without the "Jr.", is the same). Otherwise the comparable form finds them.
    """
    exact = f"exact:{name_key(name)}"
    keys = {f"name:{form(name, t).key}" for t in ("Person", "Organization")} | {exact}
    marks = ",".join("?" * len(keys))
    rows = conn.execute(
        "SELECT k.entity_id, e.type, max(k.key = ?) AS exact,"
        " (SELECT count(*) FROM doc_entities d WHERE d.entity_id = k.entity_id) AS n"
        " FROM entity_keys k JOIN entities e ON e.id = k.entity_id"
        f" WHERE k.key IN ({marks}) GROUP BY k.entity_id ORDER BY n DESC, k.entity_id",
        (exact, *keys),
    ).fetchall()
    rows = [r for r in rows if entity_type is None or compatible_types(entity_type, str(r[1]))]
    if any(r[2] for r in rows):
        rows = [r for r in rows if r[2]]
    return [int(r[0]) for r in rows]


def register_keys(
    conn: sqlite3.Connection, entity_id: int, entity_type: str, names: list[str]
) -> None:
    """Index an entity under every key its names give, so later documents find it."""
    rows = set()
    for name in names:
        rows.add((entity_id, f"exact:{name_key(name)}"))
        for key in lookup_keys(name, entity_type):
            rows.add((entity_id, key))
    conn.executemany(
        "INSERT OR IGNORE INTO entity_keys (entity_id, key) VALUES (?, ?)", sorted(rows)
    )


def _candidates(conn: sqlite3.Connection, entity_type: str, names: list[str]) -> list[int]:
    """Stored entities that share a lookup key with one of `names`, in id order.

    A person named in full ("Ada Brisk", also called "Ada" or "the Senator") is compared by
    that name: another person can only agree with it through its surname or one of its full
    names (see `_person_agreement`), never through a bare given name or nickname. So the
    people found only under such a bare alias ("Ada", which hundreds of people may be called)
    are not candidates; entities of other types found under it still are.
    """
    forms = [form(n, entity_type) for n in names]
    main = next((f for f in forms if f.parts), None)
    full_person = entity_type == "Person" and main is not None and main.full
    keys: set[str] = set()
    aside: set[str] = set()
    for name, name_form in zip(names, forms, strict=True):
        found = lookup_keys(name, entity_type)
        if full_person and main and not name_form.full and name_form.key != main.surname:
            aside |= found
        else:
            keys |= found
    aside -= keys
    if not keys and not aside:
        return []
    every = sorted(keys | aside)
    kept: set[int] = set()
    for entity_id, found_type, key in conn.execute(
        "SELECT k.entity_id, e.type, k.key FROM entity_keys k JOIN entities e"
        f" ON e.id = k.entity_id WHERE k.key IN ({','.join('?' * len(every))})",
        every,
    ):
        if str(found_type) == "Other" and entity_type != "Other":
            continue
        if key in keys or str(found_type) != "Person":
            kept.add(int(entity_id))
    return sorted(kept)


def _exact_keys(conn: sqlite3.Connection, keys: set[str]) -> dict[str, list[tuple[int, str]]]:
    """(entity id, type) of the stored entities under each key (`exact:` keys: namesakes), in
    one query for all of a document's names."""
    found: dict[str, list[tuple[int, str]]] = {}
    ordered = sorted(keys)
    for i in range(0, len(ordered), 500):
        chunk = ordered[i : i + 500]
        for key, entity_id, entity_type in conn.execute(
            "SELECT k.key, k.entity_id, e.type FROM entity_keys k JOIN entities e"
            f" ON e.id = k.entity_id WHERE k.key IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            found.setdefault(str(key), []).append((int(entity_id), str(entity_type)))
    return found


def _incoming_profile(
    conn: sqlite3.Connection, entity: Entity, document_id: str, neighbours: Sequence[Entity] = ()
) -> Profile:
    """The profile of a document's entity, with the entities already linked in its document
    and, for the neighbours not linked yet, the one stored entity each is named exactly as (so
    the first names in a document have context too)."""
    context: dict[int, str] = {}
    others = [other for other in neighbours if other.key != entity.key]
    stored = _exact_keys(conn, {f"exact:{name_key(other.name)}" for other in others})
    for other in others:
        found = [
            entity_id
            for entity_id, entity_type in stored.get(f"exact:{name_key(other.name)}", [])
            if compatible_types(other.type, entity_type)
        ]
        if len(found) == 1:
            context[found[0]] = other.name
    family: set[int] = set()
    keys, names = family_refs(entity.attributes)
    own_key = name_key(entity.name)
    for local_key, entity_id, name, attributes in conn.execute(
        "SELECT local_key, entity_id, name, attributes FROM doc_entities WHERE document_id = ?",
        (document_id,),
    ):
        context[int(entity_id)] = str(name)
        if int(local_key) in keys or name_key(name) in names:
            family.add(int(entity_id))
        their_keys, their_names = family_refs(json.loads(attributes or "{}"))
        if entity.key in their_keys or own_key in their_names:
            family.add(int(entity_id))
    return Profile(
        type=entity.type,
        names=[entity.name, *entity.aliases],
        roles={_role_key(r.title) for r in entity.roles},
        context=context,
        family=family,
    )


def _new_entity(conn: sqlite3.Connection, entity: Entity) -> int:
    cursor = conn.execute(
        "INSERT INTO entities (type, name, name_key, created_at) VALUES (?, ?, ?, ?)",
        (
            entity.type,
            entity.name,
            name_key(entity.name),
            datetime.now(UTC).isoformat(timespec="seconds"),
        ),
    )
    return int(cursor.lastrowid or 0)


def _entity_name(conn: sqlite3.Connection, entity_id: int) -> str:
    row = conn.execute("SELECT name FROM entities WHERE id = ?", (entity_id,)).fetchone()
    return str(row[0]) if row else str(entity_id)


def decide(
    conn: sqlite3.Connection,
    entity: Entity,
    document_id: str,
    neighbours: Sequence[Entity] = (),
    cache: NameCache | None = None,
) -> tuple[int | None, str]:
    """The entity id this document entity belongs to (None: a new one) and why."""
    names = [entity.name, *entity.aliases]
    keys = {name_key(n) for n in names}
    forbidden: set[int] = set()
    seen: set[str] = set()
    for verdict, other in _judgements(conn, keys, entity.type):
        if name_key(other) in seen:
            continue  # a newer judgement about the same pair overrules this one
        seen.add(name_key(other))
        targets = entities_named(conn, other, entity.type)
        if verdict == "same" and targets:
            return (
                targets[0],
                f"researcher judged {entity.name!r} and {other!r} the same; sure: researcher",
            )
        if verdict == "different":
            forbidden |= set(targets)
    scored: list[tuple[float, int, Comparison]] = []
    unsure: list[str] = []
    candidates = [c for c in _candidates(conn, entity.type, names) if c not in forbidden]
    # The incoming profile reads every neighbour: built only when there is a candidate. The
    # candidates' profiles are read together, a few queries whatever their number.
    incoming: Profile | None = None
    profiles: dict[int, Profile] = {}
    if candidates:
        known = incoming = _incoming_profile(conn, entity, document_id, neighbours)
        # context and offices are read only for candidates whose names leave it open
        profiles = candidate_profiles(
            conn,
            candidates,
            known,
            lambda p: not isinstance(name_agreement(known, p), Comparison),
            cache,
        )
    for candidate in candidates:
        assert incoming is not None
        result = compare(incoming, profiles[candidate])
        if result.same:
            scored.append((result.score, candidate, result))
        elif result.same is None:
            unsure.append(_entity_name(conn, candidate))
    if not scored:
        if unsure:
            return None, f"first seen here; not joined to {', '.join(map(repr, unsure[:3]))}" + (
                " without evidence beyond the name"
            )
        return None, "first seen in this document"
    scored.sort(key=lambda s: (-s[0], s[1]))
    best_score, best, result = scored[0]
    if len(scored) > 1 and scored[1][0] == best_score and best_score < 3:
        rivals = ", ".join(repr(_entity_name(conn, s[1])) for s in scored[:3])
        return None, f"ambiguous: could be {rivals}; kept apart"
    return best, f"same as {_entity_name(conn, best)!r} (entity {best}): " + "; ".join(
        result.reasons
    ) + f"; sure: {_sureness(result)}"


def _sureness(result: Comparison) -> str:
    """How sure a join is, for the reader and for precision audits: "high" when the names
    alone prove it (one full name, one country, an acronym spelled out), "medium" when a
    name part needed the context, "low" when the context alone carried it."""
    if result.strength >= 3:
        return "high"
    if result.strength >= 1:
        return "medium"
    return "low"


def _prefer_full_name(conn: sqlite3.Connection, entity_id: int, name: str) -> None:
    """Name a person known only by a surname after the full name a later document gives."""
    current = _entity_name(conn, entity_id)
    if not form(current, "Person").full and form(name, "Person").full:
        conn.execute(
            "UPDATE entities SET name = ?, name_key = ? WHERE id = ?",
            (name, name_key(name), entity_id),
        )


def _accented(name: str) -> int:
    return sum(1 for ch in name if ch.isalpha() and not ch.isascii())


def _prefer_accented(conn: sqlite3.Connection, entity_id: int, name: str) -> None:
    """Spell a stored name with its accents once a document writes them ("Kovács", not
    "Kovacs"): plain spellings are usually the accents lost, not another name."""
    current = _entity_name(conn, entity_id)
    if name_key(name) == name_key(current) and _accented(name) > _accented(current):
        conn.execute("UPDATE entities SET name = ? WHERE id = ?", (name, entity_id))


def link_entity(
    conn: sqlite3.Connection,
    entity: Entity,
    document_id: str,
    neighbours: Sequence[Entity] = (),
    names: NameCache | None = None,
) -> tuple[int, str]:
    """Return (entity id, reason) for a document entity, creating the entity if it is new.

    `neighbours` are the document's other entities, linked or not. `names`, when given, keeps
    the names of stored entities between documents (see `NameCache`).
    """
    entity_id, reason = decide(conn, entity, document_id, neighbours, names)
    changes = conn.total_changes
    if entity_id is None:
        entity_id = _new_entity(conn, entity)
    elif entity.type == "Person":
        _prefer_full_name(conn, entity_id, entity.name)
        _prefer_accented(conn, entity_id, entity.name)
    else:
        _prefer_accented(conn, entity_id, entity.name)
    register_keys(conn, entity_id, entity.type, [entity.name, *entity.aliases])
    if names is not None and conn.total_changes != changes:  # renamed, or new names
        names.forget(entity_id)
    note_co_mentions(conn, entity_id, document_id)
    return entity_id, reason
