"""The package's public names and the CLI docs stay in sync with the code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import dossier

ROOT = Path(__file__).resolve().parent.parent


def test_all_names_exist_and_public_names_are_listed() -> None:
    for name in dossier.__all__:
        assert hasattr(dossier, name), name
    public = {n for n in vars(dossier) if not n.startswith("_") and n[0].isupper()}
    assert public <= set(dossier.__all__)


def test_cli_docs_match_every_command_help() -> None:
    script = ROOT / "scripts" / "cli_docs.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True)
    assert result.returncode == 0, (
        "docs/cli.md is stale: run `make docs`\n" + result.stderr.decode()
    )
