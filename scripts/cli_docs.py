"""Write docs/cli.md from the `--help` of every `dossier` command (run by `make docs`)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from typer.testing import CliRunner

from dossier.cli import app

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def command_names() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def render() -> str:
    runner = CliRunner()
    parts = [
        "# The `dossier` command\n",
        "Generated from `--help` by `scripts/cli_docs.py` (`make docs`); a test checks it.\n",
    ]
    for args in [[], *([name] for name in command_names())]:
        result = runner.invoke(app, [*args, "--help"], env={"COLUMNS": "100", "NO_COLOR": "1"})
        title = " ".join(["dossier", *args])
        parts.append(f"## `{title}`\n\n```\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    text = render()
    if "--check" in sys.argv:
        sys.exit(0 if DOCS.exists() and DOCS.read_text() == text else 1)
    DOCS.write_text(text)
