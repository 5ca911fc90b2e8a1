"""Write docs/cli.md from the `--help` of every `dossier` command (run by `make docs`)."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import typer
from typer.testing import CliRunner

from dossier.cli import app

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"

# rich lays out help by these variables: fix them so every machine (and CI) renders the same text.
HELP_ENV: dict[str, str | None] = {
    "COLUMNS": "100",
    "LINES": "50",
    "NO_COLOR": "1",
    "TERM": "dumb",
    **dict.fromkeys(
        (
            "FORCE_COLOR",
            "COLORTERM",
            "CI",
            "GITHUB_ACTIONS",
            "TTY_COMPATIBLE",
            "TTY_INTERACTIVE",
            "JUPYTER_COLUMNS",
            "JUPYTER_LINES",
            "_TYPER_FORCE_DISABLE_TERMINAL",
        )
    ),
}


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
        result = runner.invoke(app, [*args, "--help"], env=HELP_ENV, prog_name="dossier")
        title = " ".join(["dossier", *args])
        parts.append(f"## `{title}`\n\n```\n{result.output.rstrip()}\n```\n")
    return "\n".join(parts)


def stale_lines(text: str) -> list[str]:
    """The first lines of a diff between docs/cli.md and the help as rendered now."""
    old = DOCS.read_text().splitlines() if DOCS.exists() else []
    diff = difflib.unified_diff(old, text.splitlines(), "docs/cli.md", "--help", lineterm="")
    return list(diff)[:40]


if __name__ == "__main__":
    text = render()
    if "--check" not in sys.argv:
        DOCS.write_text(text)
    elif not DOCS.exists() or DOCS.read_text() != text:
        print("\n".join(stale_lines(text)), file=sys.stderr)
        sys.exit(1)
