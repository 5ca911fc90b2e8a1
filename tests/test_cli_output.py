"""How the `dossier` command prints: --version, JSON, uncut lines in a pipe, file progress."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier import __version__
from dossier.cli import app
from dossier.cli_output import FileProgress, jsonable, print_grouped, print_table, set_verbosity
from dossier.ingest.sources import list_inputs

runner = CliRunner()


@dataclass
class Ref:
    id: int
    name: str
    path: Path


def test_version_is_printed_and_nothing_else() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"dossier {__version__}\n"


def test_jsonable_keeps_field_order_and_nesting() -> None:
    data = {"entity": Ref(3, "Ada Quill", Path("a/b.html")), "lines": (Ref(1, "x", Path("c")),)}
    assert json.dumps(jsonable(data)) == (
        '{"entity": {"id": 3, "name": "Ada Quill", "path": "a/b.html"}, '
        '"lines": [{"id": 1, "name": "x", "path": "c"}]}'
    )


def test_a_pipe_gets_whole_tab_separated_rows(capsys: pytest.CaptureFixture[str]) -> None:
    long = "The minister said the ferry contract was signed in haste. " * 12
    print_table(("name", "evidence"), [["Ada\tQuill", long + "\nSecond line."]], title="T")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "name\tevidence"
    assert lines[1].split("\t") == ["Ada Quill", " ".join((long + " Second line.").split())]
    assert "…" not in "\n".join(lines) and len(lines) == 2


def test_groups_become_a_first_column_in_a_pipe(capsys: pytest.CaptureFixture[str]) -> None:
    print_grouped("kind", ("claim",), {"meeting": [["met X"]], "family": [["brother: Y"]]})
    assert capsys.readouterr().out.splitlines() == [
        "kind\tclaim",
        "meeting\tmet X",
        "family\tbrother: Y",
    ]


def test_list_inputs_walks_folders_and_gives_up_on_stdin(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / ".hidden").write_text("x")
    assert list_inputs([str(tmp_path), "missing.html"]) == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "sub" / "b.html"),
        "missing.html",
    ]
    assert list_inputs(["-"]) is None


def test_progress_counts_a_warc_file_once(capsys: pytest.CaptureFixture[str]) -> None:
    set_verbosity(quiet=False, verbose=True)
    try:
        with FileProgress(["news.warc.gz", "page.html"]) as progress:
            progress("news.warc.gz#0", "added", "First")
            progress("news.warc.gz#5120", "already stored", "")
            progress("page.html", "failed", "the file is empty")
            task = progress.bar.tasks[0]
            assert (task.completed, task.total, progress.pages) == (2, 2, 2)
    finally:
        set_verbosity(quiet=False, verbose=False)
    printed = capsys.readouterr().err
    assert "added news.warc.gz#0 — First" in printed
    assert "skipped page.html: the file is empty" in printed


def test_quiet_progress_prints_only_errors(capsys: pytest.CaptureFixture[str]) -> None:
    set_verbosity(quiet=True, verbose=True)
    try:
        with FileProgress(None) as progress:
            progress("a.html", "warning", "not English (Spanish)")
            progress("a.html", "added", "A")
            progress("b.html", "failed", "the file is empty")
    finally:
        set_verbosity(quiet=False, verbose=False)
    assert capsys.readouterr().err.strip() == "skipped b.html: the file is empty"
