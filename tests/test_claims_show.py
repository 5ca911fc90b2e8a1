"""`dossier show NAME`: a person's claims from the store, grouped by kind, with their sources."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier import api
from dossier.cli import app
from dossier.errors import NotFound
from dossier.extract.claims.queries import claims_of, describe
from dossier.store import Database

ARTICLE = """Harwick and Olsen meet in Veldoria

Senator Daniel Harwick met with Peter Olsen in Veldoria on Tuesday.

Peter Olsen's older brother Henrik Olsen praised Daniel Harwick on Wednesday.

Daniel Harwick will fly to Marovia to meet with his lunatic ally, Thomas Grey.
"""


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    page = tmp_path / "harwick.txt"
    page.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "show.db"
    report = api.add([str(page)], db)
    assert report.ok
    return db


@pytest.mark.slow
def test_claims_of_groups_by_kind(stored: Path) -> None:
    with Database(stored, create=False) as db:
        result = claims_of(db.conn, "Daniel Harwick")
    assert result.entity.name == "Daniel Harwick"
    assert {"meeting", "support"} <= set(result.by_kind)
    meetings = {(line.other, line.status) for line in result.by_kind["meeting"]}
    assert ("Peter Olsen", "asserted") in meetings
    assert ("Thomas Grey", "planned") in meetings
    praise = result.by_kind["support"]
    assert [(p.side, p.other) for p in praise] == [("object", "Henrik Olsen")]
    for lines in result.by_kind.values():
        for line in lines:
            assert line.evidence.strip()
            assert line.document
            assert describe(line)


@pytest.mark.slow
def test_opinions_show_their_holder(stored: Path) -> None:
    with Database(stored, create=False) as db:
        grey = claims_of(db.conn, "Thomas Grey")
    opinions = grey.by_kind.get("opinion", [])
    assert [line.value for line in opinions] == ["lunatic ally"]
    assert describe(opinions[0]).startswith("called “lunatic ally” by")


@pytest.mark.slow
def test_show_command_prints_claims(stored: Path) -> None:
    result = CliRunner().invoke(
        app, ["show", "Daniel Harwick", "--db", str(stored)], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "associate" in result.output
    # Meetings are under the default minimum (meeting claims were right about two times in
    # three in the audits of real news, c1-c6), a planned one all the more: shown only when
    # everything is asked for.
    assert "planned" not in result.output
    every = CliRunner().invoke(
        app, ["show", "Daniel Harwick", "--db", str(stored), "--all"], env={"COLUMNS": "200"}
    )
    assert "meeting" in every.output
    assert "Peter Olsen" in every.output
    assert "planned" in every.output


def test_unknown_name_is_not_found(fresh_db: Database) -> None:
    with pytest.raises(NotFound):
        claims_of(fresh_db.conn, "Nobody Atall")


@pytest.mark.slow
def test_unsure_claims_are_left_out_unless_asked(stored: Path) -> None:
    with Database(stored, create=False) as db:
        every = claims_of(db.conn, "Daniel Harwick").count()
        sure = claims_of(db.conn, "Daniel Harwick", min_confidence=0.99).count()
        rows = db.conn.execute("SELECT rule, confidence FROM claims").fetchall()
    assert all(r["rule"] and r["confidence"] is not None for r in rows)
    assert sure < every
    hidden = CliRunner().invoke(
        app, ["show", "Daniel Harwick", "--db", str(stored), "--min-confidence", "0.99"]
    )
    shown = CliRunner().invoke(app, ["show", "Daniel Harwick", "--db", str(stored), "--all"])
    assert hidden.exit_code == 0 and shown.exit_code == 0
    assert f"{sure} claims" in hidden.output and f"{every} claims" in shown.output
