"""The `dossier` command. Each command makes one call into `dossier.api` (or a library
module) and turns a `DossierError` into one line for the user; how it prints (JSON, tables on
a terminal, tab-separated lines in a pipe, progress, -q/-v) is in `cli_output`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Column
from rich.text import Text

from . import __version__, api
from .cli_output import (
    FileProgress,
    error,
    jsonable,
    note,
    print_grouped,
    print_json,
    print_line,
    print_table,
    set_verbosity,
    terminal,
)
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

DbOption = Annotated[
    Path,
    typer.Option(
        "--db",
        envvar="DOSSIER_DB",
        help="The Dossier database file (created by `add` if missing).",
        show_default=True,
    ),
]
JsonOption = Annotated[
    bool,
    typer.Option("--json", help="Print the data as JSON (for scripts) instead of a table."),
]


def fail(message: str) -> None:
    """Print one error line and leave with status 1."""
    error(message)
    raise typer.Exit(1)


def _show_version(value: bool) -> None:
    if value:
        print(f"dossier {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only errors (and the data asked for).")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Print a line for every file read.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and stop."
        ),
    ] = False,
) -> None:
    """Options that go before the command: `dossier -q add ...`."""
    set_verbosity(quiet, verbose)


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
    url: Annotated[
        str | None,
        typer.Option(help="The page's original web address, shown and linked in `dossier serve`."),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only errors (as `dossier -q add`).")
    ] = False,
    as_json: JsonOption = False,
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
    from .ingest.sources import list_inputs

    if quiet:
        set_verbosity(quiet=True, verbose=False)
    settings = Settings(published=published, url=url)
    with FileProgress(list_inputs(paths)) as progress:
        try:
            report = api.add(paths, db, settings, progress, workers=workers)
        except DossierError as exc:
            fail(str(exc))
            return
    if as_json:
        print_json({**vars(report), "ok": report.ok})
    note(
        f"{len(report.added)} added, {len(report.already_stored)} already stored, "
        f"{len(report.failed)} failed → {db}"
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
    note(f"{counts['documents']} documents, {counts['bad_inputs']} bad inputs → {out}")
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
            error(f"skipped {source}: {detail}")
        elif outcome == "warning":
            note(f"warning {source}: {detail}")

    try:
        report = api.load(folder, db, progress)
    except DossierError as exc:
        fail(str(exc))
        return
    note(
        f"{len(report.added)} added, {len(report.already_stored)} already stored, "
        f"{len(report.failed)} failed → {db}"
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
    min_confidence: Annotated[
        float | None,
        typer.Option(
            "--min-confidence",
            help="json: leave out claims and quotes whose rule is less sure than this (0-1).",
        ),
    ] = None,
) -> None:
    """Write the whole database in a format other tools read.

    Documents (with their loaded-language spans), entities, quotes and claims, each with its
    evidence and the rule that made it and how sure that rule is.
    """
    try:
        api.export(db, format, output, min_confidence)
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
    as_json: JsonOption = False,
) -> None:
    """List the most-mentioned people (or organisations, places) in the database."""
    try:
        rows = api.top_entities(db, type, limit)
    except DossierError as exc:
        fail(str(exc))
        return
    if as_json:
        print_json(rows)
    elif names_only:
        for row in rows:
            print(row["name"])
    else:
        columns = ("id", "name", "mentions", "documents")
        cells = [[str(row[column]) for column in columns] for row in rows]
        print_table(columns, cells, title=f"Most-mentioned {type}")


@app.command()
def serve(
    db: DbOption = Path(DEFAULT_DB),
    host: Annotated[
        str,
        typer.Option(help="Address to listen on; the default lets only this computer connect."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token_file: Annotated[
        Path | None,
        typer.Option(
            help="File holding the access token every browser must present (made, with a new "
            "random token, if missing). Needed to listen beyond this computer."
        ),
    ] = None,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            help="Another name this server may be reached under (its name on your network); "
            "requests under any other name are refused. Repeatable."
        ),
    ] = None,
) -> None:
    """Browse the database in your web browser: dossiers of people with every line linked to
    its sentence, documents, search, a network graph and a timeline (read-only).

    Only this computer can connect unless `--host` says otherwise, and then every browser
    needs the token in `--token-file`."""
    from .web import serve as serve_web

    try:
        serve_web(db, host, port, token_file, tuple(allow_host or ()))
    except DossierError as exc:
        fail(str(exc))


EntityArg = Annotated[str, typer.Argument(help="An entity id or a name (as `dossier top` shows).")]


@app.command()
def merge(
    left: EntityArg,
    right: EntityArg,
    db: DbOption = Path(DEFAULT_DB),
    reason: Annotated[str | None, typer.Option(help="Why, in your words; kept with it.")] = None,
    as_json: JsonOption = False,
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
    if as_json:
        print_json(kept)
    else:
        print_line(f"Merged {right!r} into {kept.name!r} (entity {kept.id}).")


@app.command()
def split(
    left: EntityArg,
    right: EntityArg,
    db: DbOption = Path(DEFAULT_DB),
    reason: Annotated[str | None, typer.Option(help="Why, in your words; kept with it.")] = None,
    as_json: JsonOption = False,
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
    if as_json:
        print_json(moved)
    else:
        print_line(f"{right!r} is now kept apart as entity {moved.id}.")


@app.command()
def why(
    left: EntityArg, right: EntityArg, db: DbOption = Path(DEFAULT_DB), as_json: JsonOption = False
) -> None:
    """Show the evidence that joined two entities, or keeps them apart."""
    from .resolve.judgements import why as explain
    from .store import Database

    try:
        with Database(db, create=False, readonly=True) as database:
            result = explain(database.conn, left, right)
    except DossierError as exc:
        fail(str(exc))
        return
    if as_json:
        print_json(result)
        return
    a, b = result.left, result.right
    verdict = "one entity" if result.same_entity else "two entities"
    print_line(f"{a.name!r} ({a.id}) and {b.name!r} ({b.id}): {verdict}")
    for line in [*result.judgements, *result.evidence]:
        print_line(f"  {line}")
    if result.resolutions:
        print_line("How each document's mention was linked:")
        for line in result.resolutions:
            print_line(f"  {line}")


@app.command()
def timeline(name: EntityArg, db: DbOption = Path(DEFAULT_DB), as_json: JsonOption = False) -> None:
    """A person's offices in date order, with the sentence stating each."""
    from .resolve.timeline import timeline as build_timeline
    from .store import Database

    try:
        with Database(db, create=False, readonly=True) as database:
            result = build_timeline(database.conn, name)
    except DossierError as exc:
        fail(str(exc))
        return
    if as_json:
        print_json(result)
        return
    rows = []
    for entry in result.entries:
        office = f"{entry.title} ({entry.of})" if entry.of else entry.title
        evidence = [
            f"{e.text.strip()} [{e.document}:{e.start}-{e.end}"
            + (f", dated by the {e.basis}]" if e.basis else "]")
            for e in entry.evidence
        ]
        # One sentence a line on screen; in a pipe they share the cell, " | " between them.
        cell: str | Text = Text("\n".join(evidence)) if terminal() else " | ".join(evidence)
        rows.append([entry.first or "undated", entry.last or "", office, cell])
    title = f"Offices of {result.entity.name}"
    print_table(("from", "to", "office", "evidence"), rows, title=title)


def _shortened(text: str, limit: int) -> str:
    """`text` cut at a word boundary to about `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


@app.command()
def show(
    name: EntityArg,
    db: DbOption = Path(DEFAULT_DB),
    as_json: JsonOption = False,
    min_confidence: Annotated[
        float,
        typer.Option(
            "--min-confidence",
            help="Leave out claims whose rule is less sure than this (0-1).",
        ),
    ] = Settings().min_confidence,
    every: Annotated[
        bool, typer.Option("--all", help="Show every claim, however unsure its rule.")
    ] = False,
) -> None:
    """A person's claims grouped by kind: who they met, backed, attacked, are related to, work
    for — each with its date, how sure the article is, the sentence and the source.

    Claims whose rule is unsure (a participant only referred to by a pronoun, a meeting read
    off a noun) are left out unless --all or a lower --min-confidence asks for them."""
    from .extract.claims.queries import claims_of, describe
    from .store import Database

    try:
        with Database(db, create=False, readonly=True) as database:
            result = claims_of(database.conn, name, None if every else min_confidence)
    except DossierError as exc:
        fail(str(exc))
        return
    if as_json:
        print_json(
            {
                "entity": result.entity,
                "count": result.count(),
                "by_kind": {
                    kind: [{**jsonable(line), "claim": describe(line)} for line in lines]
                    for kind, lines in result.by_kind.items()
                },
            }
        )
        return
    on_screen = terminal()
    header = f"{result.entity.name} — {result.count()} claims"
    if on_screen:
        print_line(header, f"[bold]{escape(result.entity.name)}[/] — {result.count()} claims")
    else:  # a pipe gets only the rows
        note(header)
    # The sentence is what a reader checks first: it gets most of a narrow terminal.
    columns = [
        Column("date", no_wrap=True),
        Column("claim", ratio=2),
        Column("status", no_wrap=True),
        Column("evidence", ratio=5),
        Column("source", ratio=2),
        Column("independent\nsources", justify="right", no_wrap=True),
    ]
    groups: dict[str, list[list[str | Text]]] = {}
    for kind, lines in result.by_kind.items():
        rows: list[list[str | Text]] = groups.setdefault(kind, [])
        for line in lines:
            title = line.title or line.document
            source = _shortened(title, 48) if on_screen else title
            if line.site:
                source += f" ({line.site})"
            if line.via:
                source = f"via {', '.join(line.via)} — {source}"
            sources = "" if line.sources is None else str(line.sources)
            rows.append(
                [
                    line.date or "",
                    describe(line),
                    line.status,
                    line.evidence.strip(),
                    source,
                    sources,
                ]
            )
    print_grouped("kind", columns, groups, expand=True)


@app.command()
def quotes(
    by: Annotated[
        str | None, typer.Option("--by", help="Only what this person or outlet said (id or name).")
    ] = None,
    about: Annotated[
        str | None, typer.Option("--about", help="Only statements that name this entity.")
    ] = None,
    db: DbOption = Path(DEFAULT_DB),
    as_json: JsonOption = False,
) -> None:
    """Who said what, through whom: each quote with its speaker, whether it is word for word
    or paraphrased, and the outlets or people it reached the page through."""
    from .extract.quotes.queries import find_quotes
    from .store import Database

    try:
        with Database(db, create=False, readonly=True) as database:
            result = find_quotes(database.conn, by=by, about=about)
    except DossierError as exc:
        fail(str(exc))
        return
    if as_json:
        print_json(result)
        return
    title = "Quotes"
    if result.by:
        title += f" by {result.by.name}"
    if result.about:
        title += f" about {result.about.name}"
    rows: list[list[str | Text]] = []
    for line in result.lines:
        speaker = line.speaker or Text(f"unknown ({line.speaker_reason})", style="dim")
        source = (line.title or line.document) + (f" ({line.site})" if line.site else "")
        source += f" [{line.start}-{line.end}]"
        rows.append([speaker, line.kind, line.text, " ← ".join(line.via), source])
    print_table(("speaker", "kind", "statement", "via", "source"), rows, title=title)
    note(f"{len(result.lines)} quotes")


def main() -> None:
    """Console entry point."""
    try:
        app()
    except DossierError as exc:  # a library error that a command did not turn into a line
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
