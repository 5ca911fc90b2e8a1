"""Extracting and analysing pages in worker processes, results handed back in input order.

`dossier add --workers N` reads the inputs in the main process, sends them in fixed groups of
`GROUP` pages to N worker processes (started with `spawn`, each loading the model once), and
gets every group back in the order it was sent, so the single writer (the main process)
stores the documents exactly as one process would, and cross-document resolution sees them
in the same order whatever N is. A group is parsed as one spaCy stream, so its batches are
full; groups are the same for every N, so the analyses are the same too.

A worker skips an article whose body is already stored (a read-only look at the database,
which SQLite's WAL allows beside the writer); the writer checks again before storing.
"""

from __future__ import annotations

import os
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain, islice
from multiprocessing import get_context
from typing import TYPE_CHECKING

from .errors import InputError
from .ingest import extract_article
from .records import Analysis, Article, Page
from .settings import Settings
from .store import document_id

if TYPE_CHECKING:
    from .nlp.pipeline import Pipeline

#: Pages per group: one spaCy stream, one task for a worker.
GROUP = 8
#: Inputs of at most this many groups are analysed in the main process when the number of
#: workers was not asked for.
SMALL = 2


@dataclass
class Outcome:
    """What became of one input: stored-worthy (article and analysis), already stored, or bad."""

    source: str
    article: Article | None = None
    analysis: Analysis | None = None
    already_stored: bool = False
    #: "FILE: reason" when the input cannot be a document (exceptions do not cross processes).
    failed: str | None = None
    reason: str = ""


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class _Worker:
    """The state of one analysing process: settings, database to peek at, the model."""

    def __init__(
        self,
        settings: Settings,
        db_path: str | None,
        stored: Callable[[str], bool] | None = None,
    ) -> None:
        self.settings = settings
        self.db_path = db_path
        self._stored = stored
        self._conn: sqlite3.Connection | None = None
        self._pipeline: Pipeline | None = None

    def stored(self, doc_id: str) -> bool:
        if self._stored is not None:
            return self._stored(doc_id)
        if self.db_path is None:
            return False
        if self._conn is None:
            self._conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True)
        row = self._conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row is not None

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            from .nlp.pipeline import Pipeline

            self._pipeline = Pipeline(self.settings)
        return self._pipeline

    def group(self, items: list[Page | InputError]) -> list[Outcome]:
        """Extract every page of a group, then analyse the new articles as one stream."""
        outcomes: list[Outcome] = []
        fresh: list[Outcome] = []
        for item in items:
            if isinstance(item, InputError):
                outcomes.append(Outcome(item.source, failed=str(item), reason=item.reason))
                continue
            try:
                article = extract_article(item, self.settings)
            except InputError as exc:
                outcomes.append(Outcome(exc.source, failed=str(exc), reason=exc.reason))
                continue
            outcome = Outcome(article.source, article=article)
            outcome.already_stored = self.stored(document_id(article.text))
            outcomes.append(outcome)
            if not outcome.already_stored:
                fresh.append(outcome)
        if fresh:
            analyses = self.pipeline.analyse_many([o.article for o in fresh if o.article])
            for outcome, analysis in zip(fresh, analyses, strict=True):
                outcome.analysis = analysis
        return outcomes


_STATE: _Worker | None = None


def _start(settings: Settings, db_path: str | None) -> None:
    global _STATE
    _STATE = _Worker(settings, db_path)
    _STATE.pipeline  # noqa: B018  (load the model once, before the first group arrives)


def _run_group(items: list[Page | InputError]) -> list[Outcome]:
    assert _STATE is not None, "worker not started"
    return _STATE.group(items)


def _groups(items: Iterable[Page | InputError]) -> Iterator[list[Page | InputError]]:
    group: list[Page | InputError] = []
    for item in items:
        group.append(item)
        if len(group) == GROUP:
            yield group
            group = []
    if group:
        yield group


def analyse_pages(
    items: Iterable[Page | InputError],
    settings: Settings,
    workers: int,
    db_path: str | None,
    stored: Callable[[str], bool] | None = None,
    *,
    small_in_process: bool = False,
) -> Iterator[Outcome]:
    """Outcomes of `items`, in input order, analysed by `workers` processes (1: this one).

    `stored` tells this process whether a document id is already stored (workers instead read
    `db_path`, which must exist unless it is None). With `small_in_process`, an input of at
    most `SMALL` groups is analysed here: starting workers (each loads the model) would cost
    more than it saves. The groups, and so the database, are the same either way.
    """
    groups = _groups(items)
    if workers > 1 and small_in_process:
        head = list(islice(groups, SMALL + 1))
        if len(head) <= SMALL:
            workers = 1
        groups = chain(head, groups)
    if workers <= 1:
        local = _Worker(settings, None, stored)
        for group in groups:
            yield from local.group(group)
        return
    context = get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start, initargs=(settings, db_path)
    ) as pool:
        pending: deque[Future[list[Outcome]]] = deque()
        for group in groups:
            pending.append(pool.submit(_run_group, group))
            # A few groups per worker in flight keeps them busy without reading every input.
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
