"""What every command does to the files it is pointed at: another application's SQLite file is
never changed, reading leaves no -wal/-shm behind, a read-only database can be read."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import dossier
from dossier.cli import app
from dossier.errors import NotADossierDatabase, StoreError
from dossier.store import Database
from dossier.web import create_app

runner = CliRunner()
WRITER = Path(__file__).with_name("store_writer.py")
SRC = str(Path(dossier.__file__).resolve().parents[1])

#: Every command that opens --db, with its other arguments.
COMMANDS: list[list[str]] = [
    ["add", "{input}"],
    ["export", "-f", "json"],
    ["export", "-f", "ftm"],
    ["export", "-f", "graphml"],
    ["export", "-f", "gexf"],
    ["export", "-f", "csv", "-o", "{out}"],
    ["top"],
    ["why", "Ada Quill", "Oren Quill"],
    ["merge", "Ada Quill", "Oren Quill"],
    ["split", "Ada Quill", "Oren Quill"],
    ["timeline", "Ada Quill"],
    ["show", "Ada Quill"],
    ["quotes", "--by", "Ada Quill"],
]
READING = [c for c in COMMANDS if c[0] not in {"add", "merge", "split"}]


def invoke(command: list[str], db: Path, tmp: Path) -> tuple[int, str]:
    note = tmp / "note.txt"
    note.write_text("Minister Ada Quill spoke in Port Tamsin on Monday about the harbour.")
    args = [a.format(input=note, out=tmp / "csv-out") for a in command]
    result = runner.invoke(app, [*args, "--db", str(db)])
    return result.exit_code, result.output


def sidecars(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name + "-"))


def dossier_db(path: Path, count: int = 3) -> Path:
    subprocess.run(
        [sys.executable, str(WRITER), str(path), str(count)],
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": SRC},
    )
    return path


@pytest.mark.parametrize("wal", [False, True], ids=["rollback-journal", "wal"])
def test_foreign_sqlite_file_is_never_changed(tmp_path: Path, wal: bool) -> None:
    db = tmp_path / "accounts.sqlite"
    conn = sqlite3.connect(db)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoices (total) VALUES (12.5)")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    assert sidecars(db) == []
    for command in COMMANDS:
        code, output = invoke(command, db, tmp_path)
        assert code == 1, (command, output)
        assert "not a Dossier database" in output, command
        assert db.read_bytes() == before, command
        assert sidecars(db) == [], command
    with pytest.raises(NotADossierDatabase):
        create_app(db)
    assert db.read_bytes() == before and sidecars(db) == []


def test_reading_commands_leave_the_database_and_its_folder_as_they_were(tmp_path: Path) -> None:
    db = dossier_db(tmp_path / "d.db")
    before = db.read_bytes()
    assert sidecars(db) == []
    for command in READING:
        code, output = invoke(command, db, tmp_path)
        assert code == 0, (command, output)
        assert sidecars(db) == [], command
        assert db.read_bytes() == before, command
    with TestClient(create_app(db)) as client:
        assert client.get("/index.json").json()["counts"]["documents"] == 3
    assert sidecars(db) == []  # the server closed its connections on shutdown
    assert db.read_bytes() == before


def test_readers_cannot_write(tmp_path: Path) -> None:
    db = dossier_db(tmp_path / "d.db")
    with Database(db, create=False, readonly=True) as reader:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.conn.execute("DELETE FROM documents")
        assert reader.document_count() == 3


def test_an_empty_file_is_not_a_database_to_read(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    db.touch()
    with pytest.raises(StoreError, match="empty"):
        Database(db, create=False, readonly=True)
    assert db.read_bytes() == b""


#: Runs inside a mount namespace where the database's folder is mounted read-only.
READ_ONLY_PROBE = """
import json, sys
from pathlib import Path
from fastapi.testclient import TestClient
from typer.testing import CliRunner
from dossier.cli import app
from dossier.web import create_app

db = sys.argv[1]
runner = CliRunner()
results = {}
for args in json.loads(sys.argv[2]):
    result = runner.invoke(app, [*args, "--db", db])
    results[" ".join(args)] = [result.exit_code, result.output[-300:]]
with TestClient(create_app(Path(db))) as client:
    reply = client.get("/index.json")
    results["serve"] = [reply.status_code, str(reply.json().get("counts"))]
print(json.dumps(results))
"""


def _read_only_mount(folder: Path, script: list[str]) -> subprocess.CompletedProcess[str]:
    inner = (
        f"mount --bind '{folder}' '{folder}' && mount -o remount,bind,ro '{folder}' && "
        + " ".join(f"'{part}'" for part in script)
    )
    return subprocess.run(
        ["unshare", "--mount", "sh", "-c", inner],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": SRC},
        timeout=300,
    )


def test_database_on_a_read_only_mount_is_readable_by_every_reading_command(
    tmp_path: Path,
) -> None:
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare(1) to mount a folder read-only")
    folder = tmp_path / "ro"
    folder.mkdir()
    db = dossier_db(folder / "d.db")
    probe = subprocess.run(
        ["unshare", "--mount", "true"], capture_output=True, text=True, check=False
    )
    if probe.returncode != 0:
        pytest.skip(f"cannot make a mount namespace here: {probe.stderr.strip()}")
    before = db.read_bytes()
    readers = [c for c in READING if "{out}" not in " ".join(c)]
    readers.append(["export", "-f", "csv", "-o", str(tmp_path / "csv-out")])  # written elsewhere
    done = _read_only_mount(
        folder, [sys.executable, "-c", READ_ONLY_PROBE, str(db), json.dumps(readers)]
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout.splitlines()[-1])
    for name, (code, output) in results.items():
        assert code in {0, 200}, (name, output)
    assert "'documents': 3" in results["serve"][1]
    # a command that has to write says so in one line
    added = _read_only_mount(
        folder,
        [
            sys.executable,
            "-c",
            "from dossier.cli import main; main()",
            "merge",
            "Ada Quill",
            "Oren Quill",
            "--db",
            str(db),
        ],
    )
    assert added.returncode == 1
    assert "read-only" in added.stderr
    assert db.read_bytes() == before and sidecars(db) == []
