"""The `dossier` command. Each command makes one call into `dossier.api` (or a library
module) and turns a `DossierError` into one line for the user."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import api
from .errors import DossierError
from .export import EXPORTERS
from .settings import DEFAULT_DB, Settings

app = typer.Typer(
    help=(
        "Dossier turns raw news pages into a sourced record of public actors: who holds which "
        "office when, who met, backed or attacked whom, who said what and through whom — each "
        "fact tied to the sentence and article that states it."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)
out = Console()
err = Console(stderr=True)

DbOption = Annotated[
    Path,
    typer.Option(
        "--db",
        envvar="DOSSIER_DB",
        help="The Dossier database file (created by `add` if missing).",
        show_default=True,
    ),
]


def fail(message: str) -> None:
    """Print one error line and leave with status 1."""
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(1)


@app.command()
def add(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files or folders to read (folders recursively), or - for standard input. "
            "HTML pages, plain-text scrapes, WARC web archives and .gz of any of them."
        ),
    ],
    db: DbOption = Path(DEFAULT_DB),
    published: Annotated[
        str | None,
        typer.Option(help="Publication date to record for every page read (YYYY-MM-DD)."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Processes that analyse pages (default: one per core, or none beside this one "
            "for up to 16 pages); one process writes, in input order, so the database is the "
            "same for any number.",
            min=1,
        ),
    ] = None,
) -> None:
    """Read news pages and store who and what they name, with the evidence.

    Finds the people, organisations, offices, quotes and claims in each article and stores the
    article with all of them. Pages already stored are skipped, so an interrupted run can simply
    be started again. Exits with status 1 if any input could not be read.
    """
    settings = Settings(published=published)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, disable=quiet, transient=True) as bar:
        task = bar.add_task("Reading pages", total=None)

        def progress(source: str, outcome: str, detail: str) -> None:
            if outcome == "failed":
                bar.console.print(f"skipped {source}: {detail}", highlight=False, soft_wrap=True)
            elif outcome == "warning":
                bar.console.print(f"warning {source}: {detail}", highlight=False, soft_wrap=True)
            else:
                bar.update(task, advance=1, description=f"{outcome}: {Path(source).name}")

        try:
            report = api.add(paths, db, settings, progress, workers=workers)
        except DossierError as exc:
            fail(str(exc))
            return
    err.print(
        f"{len(report.added)} added, {len(report.already_stored)} already stored, "
        f"{len(report.failed)} failed → {db}",
        highlight=False,
    )
    if not report.ok:
        raise typer.Exit(1)


@app.command("spark")
def spark_job(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files or folders Spark can read (local paths, hdfs://, s3a://), read "
            "recursively: HTML, text, WARC and .gz of them."
        ),
    ],
    out: Annotated[
        str, typer.Option("--out", help="New folder for the Parquet tables (any Spark path).")
    ],
    master: Annotated[
        str | None,
        typer.Option(help="Spark master, e.g. local[2] or yarn (default: local, every core)."),
    ] = None,
    partitions: Annotated[
        int | None, typer.Option(help="Partitions to spread the files over.", min=1)
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date to record for every page read (YYYY-MM-DD)."),
    ] = None,
) -> None:
    """Analyse pages with Apache Spark into Parquet tables; `dossier load` stores them.

    Each partition loads the model once. Writes documents, sentences, doc_entities, mentions,
    roles, quotes, claims and bad_inputs under --out. Exits with status 1 if any input could
    not be read (listed in bad_inputs).
    """
    try:
        counts = api.spark(inputs, out, Settings(published=published), master, partitions)
    except DossierError as exc:
        fail(str(exc))
        return
    err.print(
        f"{counts['documents']} documents, {counts['bad_inputs']} bad inputs → {out}",
        highlight=False,
    )
    if counts["bad_inputs"]:
        raise typer.Exit(1)


@app.command()
def load(
    folder: Annotated[str, typer.Argument(help="The --out folder of `dossier spark`.")],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Store the Parquet tables of `dossier spark` in the database, resolving entities.

    Documents are stored in the order of their input paths, each in one transaction, through
    the same code as `add`; those already stored are skipped. The job's bad inputs are listed,
    one line each, and make the exit status 1.
    """

    def progress(source: str, outcome: str, detail: str) -> None:
        if outcome == "failed":
            err.print(f"skipped {source}: {detail}", highlight=False, soft_wrap=True)
        elif outcome == "warning":
            err.print(f"warning {source}: {detail}", highlight=False, soft_wrap=True)

    try:
        report = api.load(folder, db, progress)
    except DossierError as exc:
        fail(str(exc))
        return
    err.print(
        f"{len(report.added)} added, {len(report.already_stored)} already stored, "
        f"{len(report.failed)} failed → {db}",
        highlight=False,
    )
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def export(
    db: DbOption = Path(DEFAULT_DB),
    format: Annotated[
        str, typer.Option("--format", "-f", help=f"Output format: {', '.join(EXPORTERS)}.")
    ] = "json",
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="File to write (default: standard output).")
    ] = None,
) -> None:
    """Write the whole database in a format other tools read.

    Documents, entities, quotes and claims, each with its evidence.
    """
    try:
        api.export(db, format, output)
    except DossierError as exc:
        fail(str(exc))


@app.command()
def top(
    db: DbOption = Path(DEFAULT_DB),
    type: Annotated[
        str, typer.Option("--type", "-t", help="Person, Organization, Country, Place or Other.")
    ] = "Person",
    limit: Annotated[int, typer.Option(help="How many to list.")] = 10,
    names_only: Annotated[bool, typer.Option(help="Print only the names, one a line.")] = False,
) -> None:
    """List the most-mentioned people (or organisations, places) in the database."""
    try:
        rows = api.top_entities(db, type, limit)
    except DossierError as exc:
        fail(str(exc))
        return
    if names_only:
        for row in rows:
            print(row["name"])
        return
    table = Table("id", "name", "mentions", "documents", title=f"Most-mentioned {type}")
    for row in rows:
        table.add_row(str(row["id"]), str(row["name"]), str(row["mentions"]), str(row["documents"]))
    out.print(table)


@app.command()
def serve(
    db: DbOption = Path(DEFAULT_DB),
    host: Annotated[
        str,
        typer.Option(help="Address to listen on; the default lets only this computer connect."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Browse the database in your web browser: dossiers of people with every line linked to
    its sentence, documents, search, a network graph and a timeline (read-only)."""
    from .web import serve as serve_web

    try:
        serve_web(db, host, port)
    except DossierError as exc:
        fail(str(exc))


EntityArg = Annotated[str, typer.Argument(help="An entity id or a name (as `dossier top` shows).")]


@app.command()
def merge(
    left: EntityArg,
    right: EntityArg,
    db: DbOption = Path(DEFAULT_DB),
    reason: Annotated[str | None, typer.Option(help="Why, in your words; kept with it.")] = None,
) -> None:
    """Declare two entities one person (or organisation): RIGHT joins LEFT.

    The judgement is stored by name, so documents added later follow it too.
    """
    from .resolve.judgements import merge as merge_entities
    from .store import Database

    try:
        with Database(db, create=False) as database:
            kept = merge_entities(database.conn, left, right, reason)
    except DossierError as exc:
        fail(str(exc))
        return
    out.print(f"Merged {right!r} into {kept.name!r} (entity {kept.id}).", highlight=False)


@app.command()
def split(
    left: EntityArg,
    right: EntityArg,
    db: DbOption = Path(DEFAULT_DB),
    reason: Annotated[str | None, typer.Option(help="Why, in your words; kept with it.")] = None,
) -> None:
    """Declare LEFT and RIGHT different; if they were joined, RIGHT's documents move out.

    The judgement is stored by name, so documents added later follow it too.
    """
    from .resolve.judgements import split as split_entities
    from .store import Database

    try:
        with Database(db, create=False) as database:
            moved = split_entities(database.conn, left, right, reason)
    except DossierError as exc:
        fail(str(exc))
        return
    out.print(f"{right!r} is now kept apart as entity {moved.id}.", highlight=False)


@app.command()
def why(left: EntityArg, right: EntityArg, db: DbOption = Path(DEFAULT_DB)) -> None:
    """Show the evidence that joined two entities, or keeps them apart."""
    from .resolve.judgements import why as explain
    from .store import Database

    try:
        with Database(db, create=False) as database:
            result = explain(database.conn, left, right)
    except DossierError as exc:
        fail(str(exc))
        return
    a, b = result.left, result.right
    verdict = "one entity" if result.same_entity else "two entities"
    out.print(f"{a.name!r} ({a.id}) and {b.name!r} ({b.id}): {verdict}", highlight=False)
    for line in [*result.judgements, *result.evidence]:
        out.print(f"  {line}", highlight=False)
    if result.resolutions:
        out.print("How each document's mention was linked:", highlight=False)
        for line in result.resolutions:
            out.print(f"  {line}", highlight=False)


@app.command()
def timeline(name: EntityArg, db: DbOption = Path(DEFAULT_DB)) -> None:
    """A person's offices in date order, with the sentence stating each."""
    from .resolve.timeline import timeline as build_timeline
    from .store import Database

    try:
        with Database(db, create=False) as database:
            result = build_timeline(database.conn, name)
    except DossierError as exc:
        fail(str(exc))
        return
    table = Table("from", "to", "office", "evidence", title=f"Offices of {result.entity.name}")
    for entry in result.entries:
        office = f"{entry.title} ({entry.of})" if entry.of else entry.title
        evidence = "\n".join(
            f"{e.text.strip()} [{e.document}:{e.start}-{e.end}"
            + (f", dated by the {e.basis}]" if e.basis else "]")
            for e in entry.evidence
        )
        table.add_row(entry.first or "undated", entry.last or "", office, evidence)
    out.print(table)


def _shortened(text: str, limit: int) -> str:
    """`text` cut at a word boundary to about `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@app.command()
def show(name: EntityArg, db: DbOption = Path(DEFAULT_DB)) -> None:
    """A person's claims grouped by kind: who they met, backed, attacked, are related to, work
    for — each with its date, how sure the article is, the sentence and the source."""
    from .extract.claim_queries import claims_of, describe
    from .store import Database

    try:
        with Database(db, create=False) as database:
            result = claims_of(database.conn, name)
    except DossierError as exc:
        fail(str(exc))
        return
    out.print(f"[bold]{result.entity.name}[/] — {result.count()} claims", highlight=False)
    for kind, lines in result.by_kind.items():
        # The sentence is what a reader checks first: it gets most of a narrow terminal.
        table = Table(title=kind, expand=True)
        table.add_column("date", no_wrap=True)
        table.add_column("claim", ratio=2)
        table.add_column("status", no_wrap=True)
        table.add_column("evidence", ratio=5)
        table.add_column("source", ratio=2)
        table.add_column("independent\nsources", justify="right", no_wrap=True)
        for line in lines:
            status = line.status
            source = _shortened(line.title or line.document, 48)
            if line.site:
                source += f" ({line.site})"
            if line.via:
                source = f"via {', '.join(line.via)} — {source}"
            sources = "" if line.sources is None else str(line.sources)
            table.add_row(
                line.date or "", describe(line), status, line.evidence.strip(), source, sources
            )
        out.print(table)


@app.command()
def quotes(
    by: Annotated[
        str | None, typer.Option("--by", help="Only what this person or outlet said (id or name).")
    ] = None,
    about: Annotated[
        str | None, typer.Option("--about", help="Only statements that name this entity.")
    ] = None,
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Who said what, through whom: each quote with its speaker, whether it is word for word
    or paraphrased, and the outlets or people it reached the page through."""
    from .extract.quote_queries import find_quotes
    from .store import Database

    try:
        with Database(db, create=False) as database:
            result = find_quotes(database.conn, by=by, about=about)
    except DossierError as exc:
        fail(str(exc))
        return
    title = "Quotes"
    if result.by:
        title += f" by {result.by.name}"
    if result.about:
        title += f" about {result.about.name}"
    table = Table("speaker", "kind", "statement", "via", "source", title=title)
    for line in result.lines:
        speaker = line.speaker or f"[dim]unknown ({line.speaker_reason})[/]"
        source = (line.title or line.document) + (f" ({line.site})" if line.site else "")
        source += f" [{line.start}-{line.end}]"
        table.add_row(speaker, line.kind, line.text, " ← ".join(line.via), source)
    out.print(table)
    out.print(f"{len(result.lines)} quotes", highlight=False)


def main() -> None:
    """Console entry point."""
    try:
        app()
    except DossierError as exc:  # a library error that a command did not turn into a line
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)
