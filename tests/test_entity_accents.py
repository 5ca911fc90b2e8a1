"""The stored name of an entity keeps the accented spelling when documents differ."""

from __future__ import annotations

from dossier.records import Analysis, Article, Entity, Mention
from dossier.store import Database


def _person(name: str) -> Entity:
    return Entity(1, "Person", name, [], [Mention(0, len(name), name)])


def _add(db: Database, text: str, entity: Entity) -> None:
    article = Article(source=text, text=text, site="example.test")
    db.add_article(article, Analysis(entities=[entity]))


def _names(db: Database) -> list[str]:
    return [row[0] for row in db.conn.execute("SELECT name FROM entities ORDER BY id")]


def test_a_later_accented_spelling_names_the_stored_person(fresh_db: Database) -> None:
    _add(fresh_db, "one", _person("Ilona Kovacs"))
    _add(fresh_db, "two", _person("Ilona Kovács"))
    assert _names(fresh_db) == ["Ilona Kovács"]
    _add(fresh_db, "three", _person("Ilona Kovacs"))
    assert _names(fresh_db) == ["Ilona Kovács"]  # a plain spelling does not undo it
