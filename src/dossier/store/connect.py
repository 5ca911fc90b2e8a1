"""Opening a database file without changing what is not ours to change.

The order matters. A file is first looked at through a connection that cannot write (so a
file that is not a Dossier database is never touched, not even its journal mode); only a
Dossier database is then opened for writing, put in WAL mode and brought up to date.

Readers (export, top, show, serve …) open the file for writing only to let SQLite tidy up:
with `PRAGMA query_only` they cannot change any row, and the last connection to close removes
the `-wal` and `-shm` files. Where the file or its folder cannot be written (a read-only mount,
another user's file) they open it `mode=ro`; where SQLite cannot even create its shared-memory
file there (a WAL database in a read-only folder with no `-wal` beside it, so no writer is
connected), it is read as `immutable`, which assumes nobody writes while it is read.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import urlencode

from ..errors import NotADossierDatabase, StoreError
from .migrations import MIGRATIONS, apply_migrations, current_version

SQLITE_MAGIC = b"SQLite format 3\x00"

#: How long a command waits for another one's write to finish before giving up (ms).
BUSY_TIMEOUT_MS = 60_000

#: The schema version this Dossier writes.
LATEST = max(m.version for m in MIGRATIONS)


def _sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def writable(path: Path) -> bool:
    """True when this process may change the file and create files beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _header(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(100)


def check_file(path: Path, create: bool) -> bool:
    """Refuse what cannot be a database; True when the file exists with content."""
    if not path.exists():
        if not create:
            raise StoreError(f"{path}: no such database; run `dossier add` first.")
        if not path.parent.exists():
            raise StoreError(f"{path}: the folder {path.parent} does not exist.")
        return False
    if path.is_dir():
        raise NotADossierDatabase(f"{path}: is a folder, not a database file.")
    try:
        head = _header(path)
    except PermissionError as exc:
        raise StoreError(f"{path}: this file cannot be read (permission denied).") from exc
    if head and not head.startswith(SQLITE_MAGIC):
        raise NotADossierDatabase(f"{path}: not a Dossier database (not an SQLite file).")
    return bool(head)


def _uri(path: Path, **params: str) -> str:
    return f"{path.resolve().as_uri()}?{urlencode(params)}"


def open_readonly(path: Path) -> sqlite3.Connection:
    """A connection that can neither change the file nor, where avoidable, create files.

    A WAL database with no `-wal` beside it (nobody connected) is read `immutable`, because a
    `mode=ro` connection would leave `-wal` and `-shm` files behind; otherwise `mode=ro`, and
    `immutable` again when SQLite cannot create its shared-memory file (a read-only folder).
    """
    wal_header = _header(path)[18:20] == b"\x02\x02"
    quiet = wal_header and not _sidecar(path, "-wal").exists()
    attempts = [{"immutable": "1"}] if quiet else [{"mode": "ro"}, {"immutable": "1"}]
    last: sqlite3.DatabaseError | None = None
    for params in attempts:
        conn = sqlite3.connect(_uri(path, **params), uri=True, check_same_thread=False)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA query_only = ON")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as exc:
            conn.close()
            if "unable to open" not in str(exc):
                raise StoreError(f"{path}: cannot be read ({exc}).") from exc
            last = exc
            continue
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise NotADossierDatabase(f"{path}: not a Dossier database ({exc}).") from exc
        return conn
    raise StoreError(f"{path}: cannot be read ({last}).")


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master")}


def identify(path: Path) -> bool:
    """Through a read-only connection: True for a Dossier database, False for an empty one;
    raises NotADossierDatabase for any other SQLite file, which is left exactly as it was."""
    conn = open_readonly(path)
    try:
        tables = _tables(conn)
    except sqlite3.DatabaseError as exc:
        raise NotADossierDatabase(f"{path}: not a Dossier database ({exc}).") from exc
    finally:
        conn.close()
    if tables and "dossier_migrations" not in tables:
        raise NotADossierDatabase(
            f"{path}: this SQLite file holds other tables and is not a Dossier database; "
            "choose another --db file."
        )
    return bool(tables)


def _read_write(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def connect(path_text: str, *, create: bool = True, readonly: bool = False) -> sqlite3.Connection:
    """Open the Dossier database at `path_text` (":memory:" too) for writing, or for reading
    only with `readonly`; see the module text for what each leaves behind."""
    if path_text == ":memory:":
        conn = _read_write(path_text)
        apply_migrations(conn)
        return conn
    path = Path(path_text)
    has_content = check_file(path, create and not readonly)
    if has_content:
        if not identify(path) and readonly:
            raise StoreError(f"{path}: holds no Dossier data yet; run `dossier add` first.")
    elif readonly:
        raise StoreError(f"{path}: is empty; run `dossier add` first.")
    if readonly and not writable(path):
        conn = open_readonly(path)
        if current_version(conn) < LATEST:
            conn.close()
            raise StoreError(
                f"{path}: was made by an older Dossier and this file is read-only; run any "
                "command once on a writable copy to bring it up to date."
            )
        conn.isolation_level = None
        return conn
    if path.exists() and not writable(path):
        raise StoreError(f"{path}: is read-only; this command needs to write to it.")
    try:
        conn = _read_write(str(path))
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
        if not readonly or current_version_or_zero(conn) < LATEST:
            apply_migrations(conn)
        if readonly:
            conn.execute("PRAGMA query_only = ON")
    except sqlite3.DatabaseError as exc:
        raise NotADossierDatabase(f"{path}: not a Dossier database ({exc}).") from exc
    return conn


def current_version_or_zero(conn: sqlite3.Connection) -> int:
    """The schema version, 0 for a database without the migrations table."""
    if "dossier_migrations" not in _tables(conn):
        return 0
    return current_version(conn)
