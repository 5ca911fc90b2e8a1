"""Corroboration for the web pages: `resolve.corroboration`'s fact groups, read per page.

The pages and `dossier show` count sources the one way the exports do: claims stating the
same fact, from independent sites or the outlets their reports only repeat. Only the facts
about the entities a page shows are read (through the claims' entity indexes), once per
page, and each group is summarised once however many lines on the page state it.
"""

from __future__ import annotations

import copy
import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from ..resolve.corroboration import (
    SYMMETRIC_KINDS,
    ClaimGroup,
    Contradiction,
    corroborate,
    outlet_key,
)

Row = dict[str, Any]

#: Reports listed under one source; the rest are counted ("and 3 more").
REPORTS_SHOWN = 5
#: Entities whose fact groups are kept between requests (paging through a dossier, or
#: filtering it, reads the same groups again until the database changes).
CACHED_ENTITIES = 64

Found = tuple[list[ClaimGroup], list[Contradiction]]
#: Per entity and state of the file, its Facts: fact groups, contradictions, and summaries of
#: the groups shown so far (a busy fact's sources are tallied once, not on every page).
_cache: OrderedDict[tuple[Any, ...], Facts] = OrderedDict()
_cache_lock = threading.Lock()


def _database_version(conn: sqlite3.Connection) -> tuple[Any, ...]:
    """The database file and the state of it (and of its write-ahead log) on disk: any write
    by another connection changes one of them."""
    path = next((r[2] for r in conn.execute("PRAGMA database_list") if r[1] == "main"), "")
    state: list[Any] = [path]
    for name in (path, path + "-wal"):
        try:
            info = os.stat(name)
            state += [info.st_mtime_ns, info.st_size]
        except OSError:
            state += [None, None]
    return tuple(state)


_lists: OrderedDict[tuple[Any, ...], list[Any]] = OrderedDict()


def remembered(
    conn: sqlite3.Connection, key: tuple[Any, ...], build: Callable[[], list[Any]]
) -> list[Any]:
    """`build()`, kept under `key` until the database changes on disk: the next pages of a
    list read the same ordered ids again, not every candidate row."""
    key = (*_database_version(conn), *key)
    with _cache_lock:
        found = _lists.get(key)
        if found is not None:
            _lists.move_to_end(key)
            return found
    found = build()
    with _cache_lock:
        _lists[key] = found
        while len(_lists) > CACHED_ENTITIES:
            _lists.popitem(last=False)
    return found


class Facts:
    """The fact groups and contradictions around some entities, shared by a page's claims."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        entities: set[int],
        found: Found | None = None,
    ) -> None:
        self.conn = conn
        if found is None:
            found = corroborate(conn, entities=entities) if entities else ([], [])
        self.groups: list[ClaimGroup] = found[0]
        self.contradictions: list[Contradiction] = found[1]
        self.group_of = {claim: group for group in self.groups for claim in group.claims}
        self._summaries: dict[int, Row] = {}

    @classmethod
    def of_entity(cls, conn: sqlite3.Connection, entity_id: int) -> Facts:
        """The facts around one entity, kept for the next pages of its dossier until the
        database changes on disk."""
        key = (*_database_version(conn), entity_id)
        with _cache_lock:
            kept = _cache.get(key)
            if kept is not None:
                _cache.move_to_end(key)
        if kept is None:
            kept = cls(conn, {entity_id}, corroborate(conn, entities={entity_id}))
            with _cache_lock:
                _cache[key] = kept
                while len(_cache) > CACHED_ENTITIES:
                    _cache.popitem(last=False)
        # this request's connection reads the reports; what was tallied before is kept
        facts = copy.copy(kept)
        facts.conn = conn
        return facts

    @classmethod
    def around(cls, conn: sqlite3.Connection, claims: list[Row]) -> Facts:
        """The facts any of these claims can belong to: a fact's subject is always among
        its claims' subjects (either end, for facts that read both ways)."""
        entities = {c["subject"]["id"] for c in claims if c["subject"]}
        entities |= {
            c["object"]["id"] for c in claims if c["object"] and c["kind"] in SYMMETRIC_KINDS
        }
        return cls(conn, entities)

    def attach(self, claims: list[Row]) -> None:
        """Set each claim's `corroboration`: its fact's sources, or None (an opinion, or a
        claim with no resolved subject, is no fact to corroborate)."""
        groups = [self.group_of.get(c["id"]) for c in claims]
        self._summarise([g for g in groups if g is not None and id(g) not in self._summaries])
        for claim, group in zip(claims, groups, strict=True):
            claim["corroboration"] = self._summaries[id(group)] if group else None

    def disagreements(self, limit: int) -> list[Contradiction]:
        """One contradiction per pair of facts (the first found), at most `limit`."""
        seen: set[tuple[int, int]] = set()
        found = []
        for c in self.contradictions:
            left, right = self.group_of.get(c.left), self.group_of.get(c.right)
            pair = (min(id(left), id(right)), max(id(left), id(right)))
            if left is None or right is None or pair in seen:
                continue
            seen.add(pair)
            found.append(c)
            if len(found) >= limit:
                break
        return found

    def _summarise(self, groups: list[ClaimGroup]) -> None:
        """Sources of each group, with the reports under each (title, sentence, what it
        repeats); one query for the documents and sentences of every report listed."""
        shown: dict[int, list[tuple[str, list[Any]]]] = {}
        wanted: set[int] = set()
        for group in groups:
            by_source: dict[str, list[Any]] = {s: [] for s in group.sources}
            named = {outlet_key(s): s for s in group.sources}
            for claim in group.members:
                by_source[named[outlet_key(claim.source)]].append(claim)
            shown[id(group)] = list(by_source.items())
            wanted |= {c.id for members in by_source.values() for c in members[:REPORTS_SHOWN]}
        details = self._report_details(sorted(wanted))
        for group in groups:
            self._summaries[id(group)] = {
                "fact": group.claims[0],
                "independent": group.independent,
                "documents": len(group.documents),
                "claims": len(group.claims),
                "sources": [
                    {
                        "name": name,
                        "count": len(members),
                        "repeating": sum(1 for c in members if c.relays),
                        "reports": [
                            {**details[c.id], "repeats": c.relays} for c in members[:REPORTS_SHOWN]
                        ],
                        "more": max(0, len(members) - REPORTS_SHOWN),
                    }
                    for name, members in shown[id(group)]
                ],
            }

    def _report_details(self, claim_ids: list[int]) -> dict[int, Row]:
        details: dict[int, Row] = {}
        for i in range(0, len(claim_ids), 500):
            part = claim_ids[i : i + 500]
            marks = ",".join("?" * len(part))
            for r in self.conn.execute(
                "SELECT c.id, c.document_id, d.title, d.site,"
                " (SELECT max(idx) FROM sentences s WHERE s.document_id = c.document_id"
                " AND s.start <= c.evidence_start) FROM claims c"
                f" JOIN documents d ON d.id = c.document_id WHERE c.id IN ({marks})",
                part,
            ):
                anchor = f"#s{r[4]}" if r[4] is not None else ""
                details[int(r[0])] = {
                    "claim": int(r[0]),
                    "document": {"id": r[1], "title": r[2], "site": r[3]},
                    "link": f"/document/{r[1]}{anchor}",
                }
        return details
