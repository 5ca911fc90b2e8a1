"""How the `dossier` command prints, in one place, so every command prints alike.

- `--json`: the library's records as JSON on standard output (dataclass fields as keys).
- On a terminal: rich tables. In a pipe or a file: one tab-separated line per row with a
  header line, never cut, never wrapped, so `cut`, `sort` and spreadsheets read it whole.
- Messages go to standard error: errors always; notes and warnings unless `-q`; one line
  per file with `-v`. Long work shows a bar with done/total, rate and time left.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Column, Table
from rich.text import Text

out = Console()
err = Console(stderr=True)

#: A table cell: plain text, or rich `Text` when it carries a style on the terminal.
Cell = str | Text


@dataclass
class Verbosity:
    """The global `-q` / `-v` flags, set once per run by the command's callback."""

    quiet: bool = False
    verbose: bool = False


verbosity = Verbosity()


def set_verbosity(quiet: bool, verbose: bool) -> None:
    """Record the global flags (quiet wins when both are given)."""
    verbosity.quiet = quiet
    verbosity.verbose = verbose and not quiet


# --- data on standard output -------------------------------------------------------------


def jsonable(value: Any) -> Any:
    """`value` with dataclasses turned into dicts (fields in declaration order), paths into
    strings, tuples into lists: what `json.dumps` takes."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(item) for item in value]
    if isinstance(value, Path):
        return str(value)
    return value


def print_json(data: Any) -> None:
    """Write `data` as indented JSON (UTF-8, not escaped) to standard output."""
    sys.stdout.write(json.dumps(jsonable(data), ensure_ascii=False, indent=2) + "\n")


def terminal() -> bool:
    """True when standard output is a terminal (rich tables), False in a pipe or file."""
    return out.is_terminal


def plain(cell: Cell | None) -> str:
    """A cell as one tab-free line: tabs and line breaks become spaces."""
    text = cell.plain if isinstance(cell, Text) else ("" if cell is None else str(cell))
    return " ".join(text.replace("\t", " ").split())


def _header(column: str | Column) -> str:
    header = column.header if isinstance(column, Column) else column
    return plain(str(header))


def print_rows(columns: Sequence[str | Column], rows: Iterable[Sequence[Cell]]) -> None:
    """Tab-separated lines, a header line first: what a pipe or a file gets."""
    print("\t".join(_header(column) for column in columns))
    for row in rows:
        print("\t".join(plain(cell) for cell in row))


def print_table(
    columns: Sequence[str | Column],
    rows: Iterable[Sequence[Cell]],
    title: str | None = None,
    expand: bool = False,
) -> None:
    """A rich table on a terminal, tab-separated lines otherwise (the title only on screen)."""
    rows = list(rows)
    if not terminal():
        print_rows(columns, rows)
        return
    # rich keeps a table's cells in its Column objects: each table gets fresh copies.
    fresh = [dataclasses.replace(c, _cells=[]) if isinstance(c, Column) else c for c in columns]
    table = Table(*fresh, title=title, expand=expand)
    for row in rows:
        table.add_row(*[cell if isinstance(cell, Text) else Text(str(cell)) for cell in row])
    out.print(table)


def print_grouped(
    group: str,
    columns: Sequence[str | Column],
    groups: Mapping[str, Sequence[Sequence[Cell]]],
    expand: bool = False,
) -> None:
    """One rich table per group on a terminal; in a pipe one table with the group as its
    first column (so the lines can be filtered by it)."""
    if terminal():
        for name, rows in groups.items():
            print_table(columns, rows, title=name, expand=expand)
        return
    print_rows([group, *columns], ([name, *row] for name, rows in groups.items() for row in rows))


def print_line(text: str, markup: str | None = None) -> None:
    """One line of data on standard output: `markup` (rich) on a terminal, `text` otherwise."""
    if terminal():
        out.print(markup if markup is not None else Text(text), highlight=False, soft_wrap=True)
    else:
        print(text)


# --- messages on standard error ----------------------------------------------------------


def error(message: str) -> None:
    """An error line: always shown."""
    err.print(Text.assemble(("error:", "bold red"), " ", message), highlight=False, soft_wrap=True)


def note(message: str) -> None:
    """A line about what was done: hidden by `-q`."""
    if not verbosity.quiet:
        err.print(Text(message), highlight=False, soft_wrap=True)


# --- progress ----------------------------------------------------------------------------


class RateColumn(ProgressColumn):
    """Items per second, once there is a rate to show."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f}/s" if speed else "–/s", style="progress.data.speed")


@dataclass
class FileProgress:
    """Drives a progress bar from `api.add`'s per-page notices, counting input files.

    `files` are the inputs listed beforehand (None when unknown, as for standard input): the
    bar then shows done/total, rate and time left; otherwise the count and rate. A WARC file
    holds many pages, whose sources are "FILE#offset": the file counts once, at its first page.
    """

    files: list[str] | None
    bar: Progress = field(init=False)
    pages: int = 0
    _seen: set[str] = field(default_factory=set)
    _task: Any = None

    def __post_init__(self) -> None:
        columns: list[ProgressColumn] = [
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files"),
            RateColumn(),
            TimeElapsedColumn(),
        ]
        if self.files is not None:
            columns += [TextColumn("left"), TimeRemainingColumn()]
        self.bar = Progress(*columns, console=err, disable=verbosity.quiet, transient=True)
        total = None if self.files is None else len(self.files)
        self._task = self.bar.add_task("Reading", total=total)
        self._known = set(self.files or [])

    def __enter__(self) -> FileProgress:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(None, None, None)

    def _file(self, source: str) -> str:
        if source in self._known or "#" not in source:
            return source
        return source.rsplit("#", 1)[0]

    def __call__(self, source: str, outcome: str, detail: str) -> None:
        """`api.Progress`: one notice per page ("added", "already stored", "failed") or
        warning."""
        say = self.bar.console.print
        if outcome == "failed":
            say(f"skipped {source}: {detail}", highlight=False, soft_wrap=True, markup=False)
        elif outcome == "warning":
            if not verbosity.quiet:
                say(f"warning {source}: {detail}", highlight=False, soft_wrap=True, markup=False)
            return
        else:
            self.pages += 1
            if verbosity.verbose:
                line = f"{outcome} {source}" + (f" — {detail}" if detail else "")
                say(line, highlight=False, soft_wrap=True, markup=False)
        file = self._file(source)
        advance = 0 if file in self._seen else 1
        self._seen.add(file)
        description = f"{self.pages} pages, last: {Path(file).name}"
        self.bar.update(self._task, advance=advance, description=description)
