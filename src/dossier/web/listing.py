"""Paging, filters and sorting shared by every list of the web UI, all read from the URL.

A list never stops silently: each answers its slice with `{page, per_page, total, pages}`,
and the filters (outlet, date range, claim kind, status, confidence) live in the query
string, so a filtered page can be bookmarked, shared and downloaded as it is.
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
from dataclasses import asdict, dataclass, replace
from typing import Any
from urllib.parse import urlencode

from ..errors import BadQuery
from ..records import CLAIM_KINDS
from ..settings import Settings

Row = dict[str, Any]

#: Lines per page unless `per_page` says otherwise, and the most a page may ask for.
PER_PAGE = 50
#: A dossier shows six lists at once, so fewer lines of each to a page.
DOSSIER_PER_PAGE = 20
MAX_PER_PAGE = 500
#: Every status a claim can have (the claims table's CHECK).
STATUSES = ("asserted", "reported", "planned", "hedged", "denied", "opinion")
#: Confidence levels a reader can pick, as bands of a claim's `confidence` (0-1, how sure the
#: rule that made it is): "unsure" is under the default minimum (Settings.min_confidence) and
#: hidden unless asked for.
CONFIDENCES = ("sure", "likely", "unsure")
_SURE_FROM = 0.9
SORTS = ("newest", "oldest", "outlet")

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True)
class Filters:
    """What a reader narrowed a list to; every field comes from the query string."""

    page: int = 1
    per_page: int = PER_PAGE
    outlet: str = ""
    since: str = ""
    until: str = ""
    kind: str = ""
    status: str = ""
    #: "" hides unsure claims (when claims carry a confidence); "all" shows them too.
    confidence: str = ""
    sort: str = ""

    def query(self, **changes: Any) -> str:
        """This filter set as a query string (defaults left out), with `changes` applied."""
        values = asdict(replace(self, **changes))
        defaults = asdict(Filters())
        kept = {k: v for k, v in values.items() if v != defaults[k]}
        return "?" + urlencode(kept) if kept else "?"

    def active(self) -> dict[str, Any]:
        """The filters that narrow the list (not paging or sort), for the page to show."""
        keys = ("outlet", "since", "until", "kind", "status", "confidence")
        return {k: getattr(self, k) for k in keys if getattr(self, k)}

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def read_filters(
    params: Any,
    sorts: tuple[str, ...] = SORTS,
    kinds: tuple[str, ...] = CLAIM_KINDS,
    per_page: int = PER_PAGE,
) -> Filters:
    """Filters from a request's query parameters; a value that makes no sense is a 400.

    `sorts` are the orders the list offers (the first is its default), `kinds` the values
    its `kind` filter takes (claim kinds, or the kinds of search hit), `per_page` the
    page size when the URL gives none."""
    page = _number(params.get("page"), "page", 1, 1_000_000)
    size = _number(params.get("per_page"), "per_page", per_page, MAX_PER_PAGE)
    since, until = (params.get(k, "").strip() for k in ("since", "until"))
    for name, value in (("since", since), ("until", until)):
        if value and not _DATE.fullmatch(value):
            raise BadQuery(f"{name} must be a date written YYYY-MM-DD (or YYYY-MM, YYYY).")
    kind, status = params.get("kind", "").strip(), params.get("status", "").strip()
    if kind and kind not in kinds:
        raise BadQuery(f"Unknown kind {kind!r}; choose one of: {', '.join(kinds)}.")
    if status and status not in STATUSES:
        raise BadQuery(f"Unknown status {status!r}; choose one of: {', '.join(STATUSES)}.")
    confidence = params.get("confidence", "").strip()
    if confidence and confidence not in (*CONFIDENCES, "all"):
        raise BadQuery(f"Unknown confidence {confidence!r}; choose sure, likely, unsure or all.")
    sort = params.get("sort", "").strip()  # "" is the list's own order, `sorts[0]`
    if sort and sort not in sorts:
        raise BadQuery(f"Unknown sort {sort!r}; choose one of: {', '.join(sorts)}.")
    outlet = params.get("outlet", "").strip()[:200]
    return Filters(page, size, outlet, since, until, kind, status, confidence, sort)


def _number(raw: str | None, name: str, default: int, most: int) -> int:
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= most:
        raise BadQuery(f"{name} must be a whole number from 1 to {most:,}.")
    return int(raw)


def paging(filters: Filters, total: int) -> Row:
    """The slice a list answers: its page, page size, true total and number of pages."""
    pages = max(1, math.ceil(total / filters.per_page))
    return {"page": filters.page, "per_page": filters.per_page, "total": total, "pages": pages}


def document_where(filters: Filters, date: str = "d.published") -> tuple[str, list[Any]]:
    """SQL conditions on the outlet (`d.site`) and on a date expression, with parameters."""
    parts, params = ["1"], []
    if filters.outlet:
        parts.append("d.site = ?")
        params.append(filters.outlet)
    if filters.since:
        parts.append(f"{date} >= ?")
        params.append(filters.since)
    if filters.until:  # "2024-05" ends after every day of May
        parts.append(f"substr({date}, 1, {len(filters.until)}) <= ?")
        params.append(filters.until)
    return " AND ".join(parts), params


def has_column(conn: sqlite3.Connection, table: str, column: str) -> bool:
    """Whether the database has this column (newer schemas add some; older files lack them)."""
    return any(r[1] == column for r in conn.execute(f'PRAGMA table_info("{table}")'))


def database_state(conn: sqlite3.Connection) -> tuple[Any, ...]:
    """Where the database stands on disk: its file's and its write-ahead log's times and
    sizes, which any write by any connection changes. Views kept (cached) under it are the
    same for every connection, and it costs no query (unlike `max(added_at)`, a scan of the
    documents, or `PRAGMA data_version`, which each connection counts for itself)."""
    path = next((r[2] for r in conn.execute("PRAGMA database_list") if r[1] == "main"), "")
    state: list[Any] = [path]
    for name in (path, f"{path}-wal"):
        try:
            info = os.stat(name)
        except OSError:
            state += [None, None]
        else:
            state += [info.st_mtime_ns, info.st_size]
    return tuple(state)


def has_table(conn: sqlite3.Connection, table: str) -> bool:
    """Whether the database has this table (older files lack the newer ones)."""
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,))
    return found.fetchone() is not None


def claim_where(conn: sqlite3.Connection, filters: Filters) -> tuple[str, list[Any]]:
    """Conditions on claims `c` joined to their documents `d`: outlet, dates, kind, status,
    and confidence where claims carry one (unsure ones hidden unless asked for)."""
    where, params = document_where(filters, "coalesce(c.date, d.published)")
    if filters.kind:
        where += " AND c.kind = ?"
        params.append(filters.kind)
    if filters.status:
        where += " AND c.status = ?"
        params.append(filters.status)
    if has_column(conn, "claims", "confidence"):
        least = Settings().min_confidence
        bands = {
            "sure": ("c.confidence >= ?", [_SURE_FROM]),
            "likely": ("c.confidence >= ? AND c.confidence < ?", [least, _SURE_FROM]),
            "unsure": ("c.confidence < ?", [least]),
            # the default: rows stored before claims carried a confidence count as sure enough
            "": ("(c.confidence IS NULL OR c.confidence >= ?)", [least]),
        }
        if filters.confidence in bands:
            condition, values = bands[filters.confidence]
            where += f" AND {condition}"
            params += values
    return where, params


def order_by(filters: Filters, date: str) -> str:
    """ORDER BY for a list sorted newest first, oldest first, or by outlet then newest."""
    if filters.sort == "oldest":
        return f"{date} IS NULL, {date} ASC"
    if filters.sort == "outlet":
        return f"coalesce(d.site, '~'), coalesce({date}, '') DESC"
    return f"coalesce({date}, '') DESC"


def outlets(
    conn: sqlite3.Connection, document_ids_sql: str = "", params: tuple[Any, ...] = ()
) -> list[Row]:
    """The outlets (sites) among some documents (all, by default), with their counts."""
    where = f"WHERE d.id IN ({document_ids_sql})" if document_ids_sql else ""
    return [
        {"name": r[0], "documents": r[1]}
        for r in conn.execute(
            f"SELECT d.site, count(*) FROM documents d {where} GROUP BY d.site"
            " HAVING d.site IS NOT NULL ORDER BY count(*) DESC, d.site",
            params,
        )
    ]
