"""A researcher's merge or split holds for articles added afterwards: new mentions join the
side they belong to, never a new duplicate, and `why` agrees with the entity tables."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from dossier.cli import app
from dossier.records import Analysis, Article, Entity, Mention, Role, Sentence
from dossier.store import Database

runner = CliRunner()


def add(path: Path, text: str, name: str, title: str | None = None) -> None:
    """Store an article about the fictional Port Velo that names one person."""
    start = text.index(name)
    roles = [Role(title, text.index(title), text.index(title) + len(title))] if title else []
    person = Entity(1, "Person", name, [], [Mention(start, start + len(name), name)], roles)
    with Database(path) as db:
        db.add_article(
            Article(source=text[:20], text=text, site="velo.test"),
            Analysis(sentences=[Sentence(0, len(text), 0)], entities=[person]),
        )


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def people(path: Path) -> dict[str, set[str]]:
    """Entity name → the names its documents give it, as the tables hold them."""
    with Database(path, create=False, readonly=True) as db:
        rows = db.conn.execute(
            "SELECT e.name, d.name FROM entities e JOIN doc_entities d ON d.entity_id = e.id"
            " WHERE e.type = 'Person'"
        ).fetchall()
    found: dict[str, set[str]] = {}
    for entity, name in rows:
        found.setdefault(str(entity), set()).add(str(name))
    return found


def entity_count(path: Path) -> int:
    with Database(path, create=False, readonly=True) as db:
        return int(db.conn.execute("SELECT count(*) FROM entities").fetchone()[0])


def test_split_of_a_suffixed_name_holds_for_later_articles(db_path: Path) -> None:
    db = str(db_path)
    add(db_path, "Senator Ivo Brannick spoke in Port Velo.", "Ivo Brannick", "Senator")
    add(db_path, "Ivo R. Brannick Jr. opened a bakery in Port Velo.", "Ivo R. Brannick Jr.")
    # without a judgement the linker joins them: a suffix written in full style (with a middle
    # initial) is the formal name of the same man
    assert people(db_path) == {"Ivo Brannick": {"Ivo Brannick", "Ivo R. Brannick Jr."}}
    assert "kept apart" in run("split", "Ivo Brannick", "Ivo R. Brannick Jr.", "--db", db)
    assert people(db_path) == {
        "Ivo Brannick": {"Ivo Brannick"},
        "Ivo R. Brannick Jr.": {"Ivo R. Brannick Jr."},
    }

    add(db_path, "Senator Ivo Brannick returned to Port Velo.", "Ivo Brannick", "Senator")
    add(db_path, "Ivo R. Brannick Jr. sold the bakery in Port Velo.", "Ivo R. Brannick Jr.")
    add(db_path, "Port Velo cheered Ivo Brannick at the harbour.", "Ivo Brannick")
    assert entity_count(db_path) == 2  # no third, duplicate Brannick
    assert people(db_path) == {
        "Ivo Brannick": {"Ivo Brannick"},
        "Ivo R. Brannick Jr.": {"Ivo R. Brannick Jr."},
    }
    explained = run("why", "Ivo Brannick", "Ivo R. Brannick Jr.", "--db", db)
    first = explained.splitlines()[0]
    assert "two entities" in first
    ids = [part.split(")")[0] for part in first.split("(")[1:]]
    assert len(set(ids)) == 2  # the two names point at the two entities the tables hold
    assert "different" in explained


def test_split_of_a_surname_holds_for_later_articles(db_path: Path) -> None:
    db = str(db_path)
    add(db_path, "Senator Ivo Brannick spoke in Port Velo.", "Ivo Brannick", "Senator")
    add(db_path, "Senator Brannick spoke again in Port Velo.", "Brannick", "Senator")
    assert len(people(db_path)) == 1  # joined on the shared surname and office
    run("split", "Ivo Brannick", "Brannick", "--db", db)
    add(db_path, "Senator Ivo Brannick came back to Port Velo.", "Ivo Brannick", "Senator")
    add(db_path, "Senator Brannick left Port Velo.", "Brannick", "Senator")
    assert entity_count(db_path) == 2
    assert people(db_path) == {"Ivo Brannick": {"Ivo Brannick"}, "Brannick": {"Brannick"}}
    assert "two entities" in run("why", "Ivo Brannick", "Brannick", "--db", db).splitlines()[0]


def test_merge_holds_for_later_articles(db_path: Path) -> None:
    db = str(db_path)
    add(db_path, "Ivo Brannick spoke in Port Velo.", "Ivo Brannick")
    add(db_path, "Velo harbour master Brannick resigned.", "Brannick")
    assert len(people(db_path)) == 2  # a bare surname without context stays apart
    run("merge", "Ivo Brannick", "Brannick", "--db", db)
    add(db_path, "Brannick returned to the harbour.", "Brannick")
    add(db_path, "Ivo Brannick opened the harbour fair.", "Ivo Brannick")
    assert entity_count(db_path) == 1
    assert people(db_path) == {"Ivo Brannick": {"Ivo Brannick", "Brannick"}}
    assert "one entity" in run("why", "Ivo Brannick", "Brannick", "--db", db).splitlines()[0]
