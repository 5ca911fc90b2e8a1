"""End to end through the `dossier` command: add, re-add, bad inputs, export, top."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.store import Database

pytestmark = pytest.mark.slow

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
SCHEMA = Path(__file__).parent.parent / "src" / "dossier" / "export" / "dossier-export.schema.json"
runner = CliRunner()


def dossier(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def dossier_out(*args: str) -> tuple[str, str]:
    """Standard output and standard error of a successful run, apart."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


def stored_counts(db: Path) -> dict[str, int]:
    with Database(db, create=False) as opened:
        return {
            table: opened.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("documents", "entities", "mentions", "claims", "quotes")
        }


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(ARTICLES, folder)
    return folder


def test_add_folder_then_again_stores_each_article_once(corpus: Path, db_path: Path) -> None:
    code, output = dossier("add", str(corpus), "--db", str(db_path))
    assert code == 0, output
    assert "2 added, 0 already stored, 0 failed" in output
    first = stored_counts(db_path)
    assert first["documents"] == 2 and first["entities"] > 3
    code, output = dossier("add", str(corpus), "--db", str(db_path))
    assert code == 0 and "0 added, 2 already stored" in output
    assert stored_counts(db_path) == first


def test_gzipped_copy_is_the_same_document(corpus: Path, db_path: Path, tmp_path: Path) -> None:
    packed = tmp_path / "copy.bin"
    packed.write_bytes(gzip.compress((corpus / "ferry_strike.html").read_bytes()))
    code, output = dossier("add", str(corpus), str(packed), "--db", str(db_path))
    assert code == 0, output
    assert "2 added, 1 already stored" in output


def test_export_validates_against_schema(corpus: Path, db_path: Path, tmp_path: Path) -> None:
    dossier("add", str(corpus), "--db", str(db_path), "-q")
    target = tmp_path / "out.json"
    code, output = dossier("export", "--db", str(db_path), "-o", str(target))
    assert code == 0, output
    exported = json.loads(target.read_text())
    jsonschema.validate(exported, json.loads(SCHEMA.read_text()))
    by_title = {d["title"]: d for d in exported["documents"]}
    html_doc = by_title["Ferry workers strike over pay"]
    assert html_doc["published"] == "2024-05-06" and html_doc["published_from"] == "html"
    assert html_doc["site"] == "The Estmark Herald"
    assert "Subscribe" not in html_doc["text"] and "Politics" not in html_doc["text"]
    texts = {d["id"]: d["text"] for d in exported["documents"]}
    for entity in exported["entities"]:
        for mention in entity["mentions"]:
            surface = texts[mention["document"]][mention["start"] : mention["end"]]
            assert surface, entity
    for claim in exported["claims"]:
        evidence = claim["evidence"]
        assert texts[evidence["document"]][evidence["start"] : evidence["end"]] == evidence["text"]
    names = {e["name"] for e in exported["entities"] if e["type"] == "Person"}
    assert {"Ada Quill", "Oren Falk", "Piet Okafor"} <= names
    for document in exported["documents"]:
        for span in document["loaded_spans"]:
            assert document["text"][span["start"] : span["end"]] == span["text"]
    for record in [*exported["claims"], *exported["quotes"]]:
        assert record["rule"] and 0 < record["confidence"] <= 1
        assert record.get("speaker") not in record.get("via", []) or record.get("speaker") is None
    sure = tmp_path / "sure.json"
    code, _ = dossier("export", "--db", str(db_path), "-o", str(sure), "--min-confidence", "0.99")
    assert code == 0
    assert len(json.loads(sure.read_text())["claims"]) < len(exported["claims"])


def test_text_scrape_debris_stays_out(corpus: Path, db_path: Path) -> None:
    dossier("add", str(corpus / "harbor_vote.txt"), "--db", str(db_path), "-q")
    with Database(db_path, create=False) as db:
        title, text = db.conn.execute("SELECT title, text FROM documents").fetchone()
    assert title == "Harbor Council Backs Quill Plan After Long Night"
    assert text.startswith("Mayor Ada Quill won")
    assert text.rstrip().endswith("called the plan reckless.")
    for debris in ("Skip to content", "Photo via", "Donate", "©", title):
        assert debris not in text


def test_bad_inputs_each_get_one_line_and_the_batch_goes_on(
    corpus: Path, db_path: Path, tmp_path: Path
) -> None:
    dossier("add", str(corpus / "harbor_vote.txt"), "--db", str(db_path), "-q")
    before = stored_counts(db_path)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.html").write_bytes(b"")
    (bad / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    words = " ".join(f"w{i * 7919 % 100003}" for i in range(20000)).encode()
    packed = gzip.compress(b"<html><body><p>" + words + b"</p></body></html>")
    (bad / "cut.gz").write_bytes(packed[: len(packed) // 2])
    (bad / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    huge = bad / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)
    missing = tmp_path / "nowhere.html"
    code, output = dossier(
        "add", str(bad), str(missing), str(corpus / "ferry_strike.html"), "--db", str(db_path)
    )
    assert code == 1
    for name in ("empty.html", "picture.txt", "cut.gz", "menu.html", "huge.txt", "nowhere.html"):
        lines = [line for line in output.splitlines() if name in line]
        assert len(lines) == 1, (name, output)
    assert "1 added" in output and "6 failed" in output
    after = stored_counts(db_path)
    assert after["documents"] == before["documents"] + 1


def test_latin1_text_is_read_with_a_warning(db_path: Path, tmp_path: Path) -> None:
    page = tmp_path / "latin.txt"
    body = (
        "Señora Inés Ibáñez, the mayor of Valdoria's capital, opened the new bridge on Friday. "
        "She said the crossing would cut travel times for thousands of commuters every day."
    )
    page.write_bytes(("Bridge opens in the capital\n\n" + body).encode("latin-1"))
    code, output = dossier("add", str(page), "--db", str(db_path))
    assert code == 0, output
    assert "latin.txt" in output
    with Database(db_path, create=False) as db:
        text = db.conn.execute("SELECT text FROM documents").fetchone()[0]
    assert "Inés Ibáñez" in text


def test_foreign_database_is_refused_untouched(corpus: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("not a database at all")
    code, output = dossier("add", str(corpus), "--db", str(notes), "-q")
    assert code == 1
    assert "notes.db" in output and "not a Dossier database" in output
    assert notes.read_text() == "not a database at all"


def test_top_lists_people_by_mentions(corpus: Path, db_path: Path) -> None:
    dossier("add", str(corpus), "--db", str(db_path), "-q")
    code, output = dossier("top", "--db", str(db_path), "--limit", "1", "--names-only")
    assert code == 0
    assert output.strip() == "Ada Quill"


def test_export_of_missing_database_is_one_line(tmp_path: Path) -> None:
    code, output = dossier("export", "--db", str(tmp_path / "absent.db"))
    assert code == 1 and "no such database" in output
    assert len(output.strip().splitlines()) == 1


def test_published_must_be_a_date(corpus: Path, db_path: Path) -> None:
    code, output = dossier("add", str(corpus), "--db", str(db_path), "--published", "last week")
    assert code == 1 and "is not a date" in output
    assert not db_path.exists() or Database(db_path).document_count() == 0


def test_published_given_by_the_user_wins(corpus: Path, db_path: Path) -> None:
    code, _ = dossier(
        "add", str(corpus / "harbor_vote.txt"), "--db", str(db_path), "-q", "--published", "2024-03"
    )
    assert code == 0
    with Database(db_path, create=False) as db:
        row = db.conn.execute("SELECT published, published_from FROM documents").fetchone()
    assert tuple(row) == ("2024-03", "user")


def test_quiet_prints_only_errors_and_verbose_every_file(
    corpus: Path, db_path: Path, tmp_path: Path
) -> None:
    (corpus / "empty.html").write_bytes(b"")
    result = runner.invoke(app, ["-q", "add", str(corpus), "--db", str(db_path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"skipped {corpus / 'empty.html'}: the file is empty"
    ]
    result = runner.invoke(app, ["-v", "add", str(corpus), "--db", str(db_path), "--json"])
    assert result.exit_code == 1
    for name in ("ferry_strike.html", "harbor_vote.txt"):
        assert f"already stored {corpus / name}" in result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"added", "already_stored", "failed", "warnings", "ok"}
    assert report["added"] == [] and len(report["already_stored"]) == 2 and not report["ok"]


def test_reading_commands_print_json_and_plain_lines(corpus: Path, db_path: Path) -> None:
    dossier("add", str(corpus), "--db", str(db_path))
    db = ("--db", str(db_path))
    shown, _ = dossier_out("show", "Ada Quill", *db, "--json")
    claims = json.loads(shown)
    assert claims["entity"]["name"] == "Ada Quill" and claims["count"] > 0
    line = next(iter(claims["by_kind"].values()))[0]
    assert {"claim", "evidence", "document", "start", "end", "status", "via"} <= set(line)
    quotes = json.loads(dossier_out("quotes", *db, "--json")[0])
    assert quotes["lines"] and {"speaker", "text", "via"} <= set(quotes["lines"][0])
    timeline = json.loads(dossier_out("timeline", "Ada Quill", *db, "--json")[0])
    assert timeline["entity"]["name"] == "Ada Quill"
    why = json.loads(dossier_out("why", "Ada Quill", "Oren Falk", *db, "--json")[0])
    assert why["same_entity"] is False
    rows, header = dossier_out("show", "Ada Quill", *db)
    assert header.strip() == f"Ada Quill — {claims['count']} claims"
    lines = rows.splitlines()
    assert lines[0].split("\t")[:2] == ["kind", "date"] and len(lines) == claims["count"] + 1
    assert "…" not in rows
    for claim_lines in claims["by_kind"].values():
        for claim in claim_lines:
            assert any(claim["evidence"] in row for row in lines)
