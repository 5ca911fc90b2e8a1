"""`dossier merge / split / why / timeline` through the CLI, on a database of written records."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from dossier.cli import app
from dossier.records import Analysis, Article, Entity, Mention, Role, Sentence
from dossier.store import Database

runner = CliRunner()


def build(path: Path) -> None:
    docs = [
        ("Senator Ivo Brannick spoke in Port Velo.", "Ivo Brannick", "Senator", "2021-05-02"),
        ("Minister Brannick spoke again.", "Brannick", "Minister", "2025-01-09"),
    ]
    with Database(path) as db:
        for text, name, title, published in docs:
            start = text.index(name)
            ivo = Entity(
                1,
                "Person",
                name,
                [],
                [Mention(start, start + len(name), name)],
                [Role(title, 0, len(title))],
            )
            db.add_article(
                Article(source=name, text=text, site="velo.test", published=published),
                Analysis(sentences=[Sentence(0, len(text), 0)], entities=[ivo]),
            )


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_merge_why_split_and_timeline(db_path: Path) -> None:
    build(db_path)
    db = str(db_path)
    assert "two entities" in run("why", "Ivo Brannick", "Brannick", "--db", db)
    assert "Merged 'Brannick' into 'Ivo Brannick'" in run(
        "merge", "Ivo Brannick", "Brannick", "--db", db, "--reason", "same office"
    )
    explained = run("why", "Ivo Brannick", "Brannick", "--db", db)
    assert "one entity" in explained and "same office" in explained
    timeline = run("timeline", "Ivo Brannick", "--db", db)
    assert timeline.index("Senator") < timeline.index("Minister")
    assert "2021-05-02" in timeline and "2025-01-09" in timeline
    assert "kept apart" in run("split", "Ivo Brannick", "Brannick", "--db", db)
    assert "two entities" in run("why", "Ivo Brannick", "Brannick", "--db", db)


def test_unknown_name_is_one_clear_error(db_path: Path) -> None:
    build(db_path)
    result = runner.invoke(app, ["why", "Nobody Atall", "Brannick", "--db", str(db_path)])
    assert result.exit_code == 1
    assert "No entity named 'Nobody Atall'" in result.output


def test_reading_commands_print_json(db_path: Path) -> None:
    build(db_path)
    db = str(db_path)
    why = json.loads(run("why", "Ivo Brannick", "Brannick", "--db", db, "--json"))
    assert why["same_entity"] is False and why["left"]["name"] == "Ivo Brannick"
    assert set(why) == {"left", "right", "same_entity", "judgements", "evidence", "resolutions"}
    merged = json.loads(run("merge", "Ivo Brannick", "Brannick", "--db", db, "--json"))
    assert merged == {"id": merged["id"], "type": "Person", "name": "Ivo Brannick"}
    timeline = json.loads(run("timeline", "Ivo Brannick", "--db", db, "--json"))
    assert [entry["title"] for entry in timeline["entries"]] == ["Senator", "Minister"]
    evidence = timeline["entries"][0]["evidence"][0]
    assert evidence["text"] == "Senator Ivo Brannick spoke in Port Velo."
    top = json.loads(run("top", "--db", db, "--json"))
    assert top == [{"id": merged["id"], "name": "Ivo Brannick", "mentions": 2, "documents": 2}]


def test_timeline_in_a_pipe_is_tab_separated(db_path: Path) -> None:
    build(db_path)
    lines = run("timeline", "Ivo Brannick", "--db", str(db_path)).splitlines()
    assert lines[0] == "from\tto\toffice\tevidence"
    assert lines[1].split("\t") == [
        "2021-05-02",
        "2021-05-02",
        "Senator",
        "Senator Ivo Brannick spoke in Port Velo. [c3e3e046cfea9005:0-40, dated by the document]",
    ]
    assert len(lines) == 2  # "Brannick" the minister is another entity until merged
