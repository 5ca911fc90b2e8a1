"""`dossier quotes [--by NAME] [--about NAME]`: quotes read back from the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.errors import NotFound
from dossier.extract.quotes.queries import find_quotes
from dossier.records import Analysis, Article, Entity, Mention, Quote
from dossier.store import Database

BODY = (
    "“The port will reopen in June,” Mira Tallis said. "
    "According to The Coastal Wire, Tallis met Oren Vasko on Monday."
)


def stored_analysis() -> tuple[Article, Analysis]:
    """One fictional article with a direct quote and a reported statement, built by hand."""
    direct = BODY.index("The port")
    reported = BODY.index("Tallis met")
    wire = BODY.index("The Coastal Wire")
    vasko = BODY.index("Oren Vasko")
    entities = [
        Entity(
            1,
            "Person",
            "Mira Tallis",
            mentions=[
                Mention(BODY.index("Mira"), BODY.index("Mira") + 11, "Mira Tallis"),
                Mention(reported, reported + 6, "Tallis", "surname"),
            ],
        ),
        Entity(2, "Organization", "The Coastal Wire", mentions=[Mention(wire, wire + 16, "x")]),
        Entity(3, "Person", "Oren Vasko", mentions=[Mention(vasko, vasko + 10, "Oren Vasko")]),
    ]
    end_direct = BODY.index(",”")
    end_reported = BODY.index(" on Monday") + len(" on Monday")
    quotes = [
        Quote(1, BODY[direct:end_direct], "direct", direct, end_direct, cue="said", via=[1]),
        Quote(
            2,
            BODY[reported:end_reported],
            "indirect",
            reported,
            end_reported,
            cue="According to",
            via=[2],
        ),
    ]
    article = Article(source="wire.txt", text=BODY, title="Port to reopen")
    return article, Analysis(entities=entities, quotes=quotes)


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    path = tmp_path / "quotes.db"
    with Database(path) as db:
        db.add_article(*stored_analysis())
    return path


def test_by_speaker_and_about_entity(db_file: Path) -> None:
    with Database(db_file, create=False) as db:
        everything = find_quotes(db.conn)
        by_tallis = find_quotes(db.conn, by="Mira Tallis")
        about_vasko = find_quotes(db.conn, about="Oren Vasko")
        wire_about_vasko = find_quotes(db.conn, by="The Coastal Wire", about="Oren Vasko")
    assert len(everything.lines) == 2
    assert [line.text for line in by_tallis.lines] == ["The port will reopen in June"]
    assert [line.speaker for line in about_vasko.lines] == ["The Coastal Wire"]
    assert about_vasko.lines[0].via == ["The Coastal Wire"]
    assert len(wire_about_vasko.lines) == 1


def test_unknown_speaker_is_not_found(db_file: Path) -> None:
    with Database(db_file, create=False) as db, pytest.raises(NotFound):
        find_quotes(db.conn, by="Nobody Atall")


def test_quotes_command_prints_speaker_and_chain(db_file: Path) -> None:
    result = CliRunner().invoke(
        app, ["quotes", "--about", "Oren Vasko", "--db", str(db_file)], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "The Coastal Wire" in result.output
    assert "Tallis met Oren Vasko on Monday" in result.output
    assert "The port will reopen" not in result.output


def test_quotes_command_unknown_name_is_one_line(db_file: Path) -> None:
    result = CliRunner().invoke(app, ["quotes", "--by", "Nobody Atall", "--db", str(db_file)])
    assert result.exit_code == 1
    assert "Nobody Atall" in result.output


def test_quotes_as_json_and_as_tab_separated_lines(db_file: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["quotes", "--by", "Mira Tallis", "--db", str(db_file), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["by"]["name"] == "Mira Tallis" and data["about"] is None
    assert [line["text"] for line in data["lines"]] == ["The port will reopen in June"]
    assert {"speaker", "kind", "via", "document", "start", "end"} <= set(data["lines"][0])
    piped = runner.invoke(app, ["quotes", "--db", str(db_file)]).stdout.splitlines()
    assert piped[0].split("\t") == ["speaker", "kind", "statement", "via", "source"]
    assert len(piped) == 3 and all(line.count("\t") == 4 for line in piped)
