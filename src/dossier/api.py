"""The library API. Each CLI command is one call to a function here.

>>> from dossier import api
>>> report = api.add(["samples/"], "dossier.db")        # doctest: +SKIP
>>> api.export("dossier.db", "json", "dossier.json")     # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .errors import DossierError, NotFound
from .export import EXPORTERS, export_to
from .ingest import extract_article, iter_pages
from .parallel import analyse_pages, default_workers
from .records import Analysis, Article, Page
from .settings import Settings
from .store import Database

#: A full or partial ISO date as the export contract writes it.
ISO_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?|--(0[1-9]|1[0-2])-\d{2}")


@dataclass
class AddReport:
    """What `add` did, file by file."""

    added: list[str] = field(default_factory=list)
    already_stored: list[str] = field(default_factory=list)
    #: One line per input that could not be stored: "FILE: reason".
    failed: list[str] = field(default_factory=list)
    #: One line per stored input the user should look at: "FILE: warning".
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


#: Called after each input with (source, outcome) where outcome is "added", "already stored",
#: "failed" or "warning"; the CLI uses it to drive a progress bar.
Progress = Callable[[str, str, str], None]


def add(
    paths: Sequence[str],
    db_path: str | Path,
    settings: Settings | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> AddReport:
    """Read every page under `paths`, analyse the new ones and store each in one transaction.

    Bad inputs are reported in `AddReport.failed` and the batch goes on; an input whose clean
    body is already stored is not analysed again, so an interrupted run can simply be repeated.
    `workers` processes analyse the pages (None: one per core, or this process alone for up to
    16 pages); this process alone writes, in input order, so the database is the same whatever
    their number.
    """
    settings = settings or Settings()
    if settings.published is not None and not ISO_DATE.fullmatch(settings.published):
        raise DossierError(
            f"--published {settings.published!r} is not a date: write it as YYYY-MM-DD "
            "(or YYYY-MM, YYYY when only that much is known)."
        )
    if settings.url is not None:
        if not re.fullmatch(r"https?://\S+", settings.url, re.IGNORECASE):
            raise DossierError(
                f"--url {settings.url!r} is not a web address: write it as https://…"
            )
        if len(paths) != 1:
            raise DossierError("--url names the address of one page: give one file with it.")
    chosen = workers is not None
    workers = default_workers() if workers is None else workers
    if workers < 1:
        raise DossierError(f"--workers {workers}: give at least 1 worker process.")
    report = AddReport()
    notify = progress or (lambda source, outcome, detail: None)
    with Database(db_path) as db:
        shared = None if db.path == ":memory:" else str(Path(db.path).resolve())
        outcomes = analyse_pages(
            iter_pages(paths, settings),
            settings,
            workers,
            shared,
            db.has_document,
            small_in_process=not chosen,
        )
        for outcome in outcomes:
            if outcome.failed is not None:
                report.failed.append(outcome.failed)
                notify(outcome.source, "failed", outcome.reason)
                continue
            article, analysis = outcome.article, outcome.analysis
            stored = False
            if article is not None and analysis is not None and not outcome.already_stored:
                _, stored = db.add_article(article, analysis)  # checks again before writing
            if not stored:
                report.already_stored.append(outcome.source)
                notify(outcome.source, "already stored", "")
                continue
            assert article is not None and analysis is not None
            report.added.append(article.source)
            for warning in analysis.warnings:
                report.warnings.append(f"{article.source}: {warning}")
                notify(article.source, "warning", warning)
            notify(article.source, "added", article.title or "")
    return report


def spark(
    inputs: Sequence[str],
    out: str,
    settings: Settings | None = None,
    master: str | None = None,
    partitions: int | None = None,
) -> dict[str, int]:
    """Analyse every file under `inputs` with Apache Spark into Parquet tables under `out`
    (see `dossier.spark.tables`); returns the number of rows of each table."""
    from .spark.job import run_job

    return run_job(inputs, out, settings, master, partitions)


def load(out: str | Path, db_path: str | Path, progress: Progress | None = None) -> AddReport:
    """Store the documents of a `dossier spark` output folder, resolving entities as `add`
    does; the job's bad inputs come back in `AddReport.failed`."""
    from .spark.load import bad_inputs, store_records

    report = AddReport()
    notify = progress or (lambda source, outcome, detail: None)

    def stored(article: Article, analysis: Analysis, new: bool) -> None:
        if not new:
            report.already_stored.append(article.source)
            notify(article.source, "already stored", "")
            return
        report.added.append(article.source)
        for warning in analysis.warnings:
            report.warnings.append(f"{article.source}: {warning}")
            notify(article.source, "warning", warning)
        notify(article.source, "added", article.title or "")

    with Database(db_path) as db:
        store_records(out, db, stored)
    for source, reason in bad_inputs(Path(out)):
        report.failed.append(f"{source}: {reason}")
        notify(source, "failed", reason)
    return report


def analyse_page(page: Page, settings: Settings | None = None) -> tuple[Article, object]:
    """Extract and analyse one page without storing it (for notebooks and tests)."""
    from .nlp.pipeline import Pipeline

    settings = settings or Settings()
    article = extract_article(page, settings)
    return article, Pipeline(settings).analyse(article)


def export(
    db_path: str | Path,
    fmt: str,
    out: str | Path | TextIO | None = None,
    min_confidence: float | None = None,
) -> None:
    """Write the whole database in format `fmt` (see `EXPORTERS`) to `out` (None: stdout);
    with `min_confidence` (json), claims and quotes whose rule is less sure are left out."""
    if fmt not in EXPORTERS:
        raise NotFound(f"Unknown export format {fmt!r}; choose one of: {', '.join(EXPORTERS)}.")
    with Database(db_path, create=False, readonly=True) as db:
        export_to(db, fmt, out, min_confidence)


def top_entities(
    db_path: str | Path, entity_type: str = "Person", limit: int = 10
) -> list[dict[str, object]]:
    """The entities of `entity_type` with the most mentions, with mention and document counts."""
    with Database(db_path, create=False, readonly=True) as db:
        rows = db.conn.execute(
            "SELECT e.id, e.name, count(m.id) AS mentions,"
            " count(DISTINCT d.document_id) AS documents"
            " FROM entities e JOIN doc_entities d ON d.entity_id = e.id"
            " JOIN mentions m ON m.doc_entity_id = d.id WHERE e.type = ?"
            " GROUP BY e.id ORDER BY mentions DESC, e.name LIMIT ?",
            (entity_type, limit),
        ).fetchall()
    if not rows:
        raise NotFound(f"No {entity_type} in {db_path} yet; add some articles first.")
    return [dict(row) for row in rows]
