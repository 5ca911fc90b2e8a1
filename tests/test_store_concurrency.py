"""Several processes on one database file: two writers, a reader beside a writer, a writer
killed with SIGKILL. Each runs `tests/store_writer.py` (the store's real write path) as its
own process on a temporary file."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import dossier
from dossier import api

WRITER = Path(__file__).with_name("store_writer.py")
ENV = {**os.environ, "PYTHONPATH": str(Path(dossier.__file__).resolve().parents[1])}


def writer(db: Path, count: int, people: int = 2) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(db), str(count), str(people)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )


def finish(proc: subprocess.Popen[str]) -> list[str]:
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    return out.splitlines()


def count(db: Path, table: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def test_two_writers_on_a_new_file_store_each_article_once(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    first, second = writer(db, 40, 6), writer(db, 40, 6)
    lines = finish(first) + finish(second)
    added = sorted(int(line.split()[1]) for line in lines if line.startswith("added"))
    assert added == list(range(40))  # each article stored by exactly one of the two
    assert count(db, "documents") == 40
    assert count(db, "quotes") == 40
    # entity resolution saw the other run's entities: six people, no duplicates
    assert count(db, "entities") == 6
    assert integrity(db) == "ok"


def _check_json(text: str) -> int:
    data = json.loads(text)
    documents = {d["id"] for d in data["documents"]}
    entities = {e["id"] for e in data["entities"]}
    assert len(data["quotes"]) == len(data["claims"]) == len(documents)
    assert {q["document"] for q in data["quotes"]} <= documents
    assert {c["evidence"]["document"] for c in data["claims"]} <= documents
    assert {c["subject"] for c in data["claims"]} <= entities
    return len(documents)


def _check_ftm(text: str) -> int:
    proxies = [json.loads(line) for line in text.splitlines()]
    ids = {p["id"] for p in proxies}
    articles = [p for p in proxies if p["schema"] == "Article"]
    events = [p for p in proxies if p["schema"] == "Event"]
    assert len(events) == len(articles)
    for proxy in proxies:
        props = proxy["properties"]
        for name in ("document", "proof", "involved", "entity", "resolved"):
            assert set(props.get(name, [])) <= ids, (proxy["schema"], name)
    return len(articles)


def _check_graph(graph: Any) -> int:
    claims = graph.number_of_edges()
    for _, data in graph.nodes(data=True):
        assert data["documents"] == claims  # both people are named in every article
    for _, _, data in graph.edges(data=True):
        assert data["independent_sources"] == claims
    return int(claims)


def _check_csv(folder: Path) -> int:
    def rows(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO((folder / name).read_text(encoding="utf-8"))))

    documents = {r["id"] for r in rows("documents.csv")}
    quotes, claims = rows("quotes.csv"), rows("claims.csv")
    assert len(quotes) == len(claims) == len(documents)
    assert {q["document_id"] for q in quotes} <= documents
    return len(documents)


def export_and_check(db: Path, fmt: str, folder: Path) -> int:
    """Export in `fmt` and check the snapshot is whole; returns its number of documents."""
    if fmt == "csv":
        target = folder / f"csv-{time.monotonic_ns()}"
        api.export(db, "csv", target)
        return _check_csv(target)
    buffer = io.StringIO()
    api.export(db, fmt, buffer)
    text = buffer.getvalue()
    if fmt == "json":
        return _check_json(text)
    if fmt == "ftm":
        return _check_ftm(text)
    parse = nx.parse_graphml if fmt == "graphml" else nx.read_gexf
    graph = parse(text) if fmt == "graphml" else parse(io.BytesIO(text.encode()))
    return _check_graph(graph)


def test_export_while_adding_is_one_consistent_snapshot(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    finish(writer(db, 1))  # the file exists before the first export
    proc = writer(db, 400)
    seen: dict[str, list[int]] = {f: [] for f in ("json", "ftm", "csv", "graphml", "gexf")}
    try:
        while proc.poll() is None:
            for fmt in seen:
                seen[fmt].append(export_and_check(db, fmt, tmp_path))
    finally:
        finish(proc)
    for fmt, counts in seen.items():
        assert counts == sorted(counts), fmt  # a later export never sees less
    # the exports did run while articles were being added
    assert any(0 < n < 400 for counts in seen.values() for n in counts)
    assert export_and_check(db, "json", tmp_path) == 400


def _content(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(db)
    try:
        return {
            "documents": conn.execute("SELECT id, text FROM documents ORDER BY id").fetchall(),
            "entities": conn.execute("SELECT id, name FROM entities ORDER BY id").fetchall(),
            "doc_entities": conn.execute(
                "SELECT document_id, entity_id, name, resolution FROM doc_entities ORDER BY id"
            ).fetchall(),
            "mentions": conn.execute(
                'SELECT document_id, start, "end" FROM mentions ORDER BY document_id, start'
            ).fetchall(),
            "quotes": conn.execute("SELECT document_id, text FROM quotes ORDER BY id").fetchall(),
            "claims": conn.execute(
                "SELECT document_id, kind, evidence_text FROM claims ORDER BY id"
            ).fetchall(),
            "co_mentions": conn.execute("SELECT * FROM co_mentions ORDER BY 1, 2").fetchall(),
        }
    finally:
        conn.close()


def test_writer_killed_mid_batch_loses_nothing_and_a_rerun_completes(tmp_path: Path) -> None:
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    finish(writer(clean, 60, 30))
    proc = writer(killed, 60, 30)
    assert proc.stdout is not None
    for _ in range(5):  # let a few articles be stored, then kill it in the middle of the batch
        proc.stdout.readline()
    time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    stored = count(killed, "documents")
    assert 5 <= stored < 60
    assert integrity(killed) == "ok"
    # every stored document is whole: its sentences, quote and claim are there
    assert count(killed, "quotes") == count(killed, "claims") == stored
    assert count(killed, "sentences") == 2 * stored
    lines = finish(writer(killed, 60, 30))
    assert sum(line.startswith("already") for line in lines) == stored
    assert _content(killed) == _content(clean)


@pytest.mark.slow
def test_two_dossier_add_runs_over_the_same_files_both_finish(tmp_path: Path) -> None:
    articles = Path(__file__).parent / "fixtures" / "articles"
    db = tmp_path / "same.db"
    command = [sys.executable, "-c", "from dossier.cli import main; main()", "add", "--json"]
    runs = [
        subprocess.Popen(
            [*command, str(articles), "--db", str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    reports = [json.loads(out) for out, _ in outputs]
    inputs = len(list(articles.iterdir()))
    added = sum(len(report["added"]) for report in reports)
    assert added == inputs  # each article stored by one run; the other found it stored
    assert all(len(r["added"]) + len(r["already_stored"]) == inputs for r in reports)
    assert all("Traceback" not in err for _, err in outputs)
    assert count(db, "documents") == inputs
    assert integrity(db) == "ok"
