"""A researcher's word on two entities: merge, split, and why they are (not) one.

Judgements are stored by name and type in `judgements`, not by entity id, so they hold for
documents added later and for a database rebuilt from the same pages: the linker reads them
before weighing any evidence.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..errors import DossierError, NotFound
from .aggregates import refresh
from .linker import compare, entities_named, entity_profile, rebuild_co_mentions, register_keys
from .names import name_key


@dataclass
class EntityRef:
    """One entity as the researcher named it."""

    id: int
    type: str
    name: str


@dataclass
class Explanation:
    """Why two entities are one or two: the verdict and the evidence, one line each."""

    left: EntityRef
    right: EntityRef
    same_entity: bool
    judgements: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    resolutions: list[str] = field(default_factory=list)


def find_entity(conn: sqlite3.Connection, ref: str) -> EntityRef:
    """The entity an id or a name points at (the most-mentioned one when a name is shared)."""
    ref = ref.strip()
    if ref.isdigit():
        row = conn.execute(
            "SELECT id, type, name FROM entities WHERE id = ?", (int(ref),)
        ).fetchone()
        if row is None:
            raise NotFound(f"No entity with id {ref}.")
        return EntityRef(int(row[0]), str(row[1]), str(row[2]))
    ids = entities_named(conn, ref)
    if not ids:
        raise NotFound(f"No entity named {ref!r}; try `dossier top` for the names known.")
    row = conn.execute("SELECT id, type, name FROM entities WHERE id = ?", (ids[0],)).fetchone()
    return EntityRef(int(row[0]), str(row[1]), str(row[2]))


def _record(
    conn: sqlite3.Connection, left: EntityRef, right: EntityRef, verdict: str, reason: str | None
) -> None:
    conn.execute(
        "INSERT INTO judgements (left_name, left_type, right_name, right_type, verdict, created_at,"
        " reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            left.name,
            left.type,
            right.name,
            right.type,
            verdict,
            datetime.now(UTC).isoformat(timespec="seconds"),
            reason,
        ),
    )


def _names_of(conn: sqlite3.Connection, entity_id: int) -> list[str]:
    names: list[str] = []
    for name, aliases in conn.execute(
        "SELECT name, aliases FROM doc_entities WHERE entity_id = ?", (entity_id,)
    ):
        for n in [name, *json.loads(aliases or "[]")]:
            if n not in names:
                names.append(n)
    return names


def _rebuild_keys(conn: sqlite3.Connection, entity_id: int, entity_type: str) -> None:
    conn.execute("DELETE FROM entity_keys WHERE entity_id = ?", (entity_id,))
    name = conn.execute("SELECT name FROM entities WHERE id = ?", (entity_id,)).fetchone()
    register_keys(conn, entity_id, entity_type, [str(name[0]), *_names_of(conn, entity_id)])


def merge(conn: sqlite3.Connection, left: str, right: str, reason: str | None = None) -> EntityRef:
    """Join entity `right` into `left` and remember it; returns the surviving entity."""
    a, b = find_entity(conn, left), find_entity(conn, right)
    if a.id == b.id:
        raise DossierError(f"{left!r} and {right!r} are already one entity ({a.id}).")
    conn.execute("BEGIN IMMEDIATE")
    try:
        _record(conn, a, b, "same", reason)
        conn.execute(
            "UPDATE doc_entities SET entity_id = ?, resolution = ? WHERE entity_id = ?",
            (a.id, f"researcher merged {b.name!r} into {a.name!r}", b.id),
        )
        conn.execute("DELETE FROM entity_keys WHERE entity_id = ?", (b.id,))
        conn.execute("DELETE FROM entities WHERE id = ?", (b.id,))
        _rebuild_keys(conn, a.id, a.type)
        rebuild_co_mentions(conn, [a.id])
        refresh(conn, [a.id, b.id])  # b's rows go with it
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return a


def split(conn: sqlite3.Connection, left: str, right: str, reason: str | None = None) -> EntityRef:
    """Record that `left` and `right` are different; if joined, move `right`'s names out.

    Returns the entity that now holds `right`.
    """
    a = find_entity(conn, left)
    inside = not right.strip().isdigit() and a.id in entities_named(conn, right)
    b = EntityRef(a.id, a.type, right.strip()) if inside else find_entity(conn, right)
    left_name = a.name if left.strip().isdigit() else left.strip()
    conn.execute("BEGIN IMMEDIATE")
    try:
        _record(conn, EntityRef(a.id, a.type, left_name), b, "different", reason)
        if b.id == a.id:
            b = _move_out(conn, a, b.name)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return b


def _move_out(conn: sqlite3.Connection, a: EntityRef, right_name: str) -> EntityRef:
    """Give the document entities named `right_name` inside entity `a` an entity of their own."""
    key = name_key(right_name)
    rows = [
        int(r[0])
        for r in conn.execute(
            "SELECT id, name, aliases FROM doc_entities WHERE entity_id = ?", (a.id,)
        )
        if name_key(r[1]) == key
        or (
            key in {name_key(x) for x in json.loads(r[2] or "[]")}
            and name_key(r[1]) != name_key(a.name)
        )
    ]
    if not rows:
        raise NotFound(f"No document names {right_name!r} inside {a.name!r}.")
    if (
        len(rows)
        == conn.execute(
            "SELECT count(*) FROM doc_entities WHERE entity_id = ?", (a.id,)
        ).fetchone()[0]
    ):
        raise DossierError(f"Every document names {a.name!r} as {right_name!r}; nothing to split.")
    cursor = conn.execute(
        "INSERT INTO entities (type, name, name_key, created_at) VALUES (?, ?, ?, ?)",
        (a.type, right_name, key, datetime.now(UTC).isoformat(timespec="seconds")),
    )
    new_id = int(cursor.lastrowid or 0)
    marks = ",".join("?" * len(rows))
    conn.execute(
        f"UPDATE doc_entities SET entity_id = ?, resolution = ? WHERE id IN ({marks})",
        (new_id, f"researcher split {right_name!r} from {a.name!r}", *rows),
    )
    _rebuild_keys(conn, a.id, a.type)
    _rebuild_keys(conn, new_id, a.type)
    rebuild_co_mentions(conn, [a.id, new_id])
    refresh(conn, [a.id, new_id])
    return EntityRef(new_id, a.type, right_name)


def why(conn: sqlite3.Connection, left: str, right: str) -> Explanation:
    """The evidence that joined two entities or keeps them apart."""
    a, b = find_entity(conn, left), find_entity(conn, right)
    explanation = Explanation(a, b, same_entity=a.id == b.id)
    keys = {name_key(left), name_key(right), name_key(a.name), name_key(b.name)}
    for lname, rname, verdict, created, reason in conn.execute(
        "SELECT left_name, right_name, verdict, created_at, reason FROM judgements ORDER BY id"
    ):
        if name_key(lname) in keys and name_key(rname) in keys:
            line = f"researcher judged {lname!r} and {rname!r} {verdict} ({created})"
            explanation.judgements.append(line + (f": {reason}" if reason else ""))
    if a.id != b.id:
        result = compare(entity_profile(conn, a.id), entity_profile(conn, b.id))
        verdict = {True: "would join", False: "kept apart", None: "not enough to join"}
        explanation.evidence = [f"evidence {verdict[result.same]}:", *result.reasons]
    for entity_id in {a.id, b.id}:
        for doc, name, resolution in conn.execute(
            "SELECT document_id, name, resolution FROM doc_entities WHERE entity_id = ?"
            " ORDER BY id",
            (entity_id,),
        ):
            explanation.resolutions.append(f"{doc} {name!r}: {resolution}")
    return explanation
