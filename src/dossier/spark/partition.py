"""What one Spark task does with its share of the input files: read, extract, analyse.

Plain Python over an iterator of (path, bytes), so that it is the same code whether Spark or
a test drives it. The model is loaded once per Python worker process (and kept while Spark
reuses the worker), and pages are analysed in the same groups as `add --workers`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..errors import InputError, TooLarge
from ..ingest.sources import pages_from_bytes
from ..parallel import GROUP, Outcome, _Worker
from ..records import Page
from ..settings import Settings
from .tables import Row, document_rows

#: The worker of this process, kept while Spark reuses the process (so the model stays loaded).
_WORKER: list[_Worker] = []


def local_source(path: str) -> str:
    """The name a file is stored under: a local path without `file:`, other URLs as they are."""
    if path.startswith("file://"):
        return path[len("file://") :]
    if path.startswith("file:"):
        return path[len("file:") :]
    return path


def _items(
    files: Iterable[tuple[str, bytes]], settings: Settings
) -> Iterator[tuple[str, int, Page | InputError]]:
    for path, data in files:
        source = local_source(path)
        if len(data) > settings.max_bytes:
            limit = settings.max_bytes / (1024 * 1024)
            yield source, 0, TooLarge(source, f"too large (the limit is {limit:.1f} MB); not read")
            continue
        for index, item in enumerate(pages_from_bytes(source, bytes(data), settings)):
            yield source, index, item


def analyse_files(
    files: Iterable[tuple[str, bytes]], settings: Settings
) -> Iterator[tuple[str, Row]]:
    """(table name, row) for every document and every bad input among `files`."""
    if not _WORKER or _WORKER[0].settings != settings:
        _WORKER[:] = [_Worker(settings, None)]
    worker = _WORKER[0]
    group: list[tuple[str, int, Page | InputError]] = []
    for entry in _items(files, settings):
        group.append(entry)
        if len(group) == GROUP:
            yield from _rows(worker, group)
            group = []
    if group:
        yield from _rows(worker, group)


def _rows(
    worker: _Worker, group: list[tuple[str, int, Page | InputError]]
) -> Iterator[tuple[str, Row]]:
    outcomes: list[Outcome] = worker.group([item for _, _, item in group])
    for (path, index, _), outcome in zip(group, outcomes, strict=True):
        if outcome.failed is not None:
            yield "bad_inputs", (outcome.source, outcome.reason)
            continue
        assert outcome.article is not None and outcome.analysis is not None
        for table, rows in document_rows(outcome.article, outcome.analysis, path, index).items():
            for row in rows:
                yield table, row
