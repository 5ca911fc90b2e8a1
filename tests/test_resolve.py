"""Cross-document resolution: evidence-weighed links, reasons, judgements (no model needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.errors import NotFound
from dossier.records import Analysis, Article, Entity, Mention, Role, Sentence
from dossier.resolve.judgements import find_entity, merge, split, why
from dossier.resolve.linker import MAX_CO_MENTIONED
from dossier.resolve.names import form, given_names_compatible
from dossier.store import Database

#: Judgements and new entities stamp the time they were made; no link may depend on it.
pytestmark = pytest.mark.clock


def person(key: int, name: str, *aliases: str, roles: tuple[str, ...] = (), **attrs: object):
    return Entity(
        key=key,
        type="Person",
        name=name,
        aliases=list(aliases),
        mentions=[Mention(0, len(name), name)],
        roles=[Role(title=t, start=0, end=len(t)) for t in roles],
        attributes=dict(attrs),
    )


def org(key: int, name: str, *aliases: str) -> Entity:
    return Entity(key, "Organization", name, list(aliases), [Mention(0, len(name), name)])


def add(db: Database, text: str, *entities: Entity, site: str = "example.test") -> str:
    doc_id, _ = db.add_article(
        Article(source=text[:20], text=text, site=site), Analysis(entities=list(entities))
    )
    return doc_id


def entity_of(db: Database, doc_id: str, name: str) -> int:
    row = db.conn.execute(
        "SELECT entity_id FROM doc_entities WHERE document_id = ? AND name = ?", (doc_id, name)
    ).fetchone()
    return int(row[0])


def reason_of(db: Database, doc_id: str, name: str) -> str:
    row = db.conn.execute(
        "SELECT resolution FROM doc_entities WHERE document_id = ? AND name = ?", (doc_id, name)
    ).fetchone()
    return str(row[0])


def test_name_forms_drop_titles_accents_and_party_tags() -> None:
    assert form("Sen. Alma Rostová (R-Vel.)", "Person").key == "alma rostova"
    assert form("Secretary of State Alma Rostova", "Person").key == "alma rostova"
    assert form("Brannick Mining Corp.", "Organization").key == "brannick mining"
    assert given_names_compatible(("ivo", "tomas"), ("ivo",))
    assert given_names_compatible(("i",), ("ivo",))
    assert not given_names_compatible(("ivo",), ("pell",))


def test_title_and_accent_variants_join_with_a_reason(fresh_db: Database) -> None:
    d1 = add(fresh_db, "one", person(1, "Senator Alma Rostova", roles=("Senator",)))
    d2 = add(fresh_db, "two", person(1, "Alma Rostová"))
    assert entity_of(fresh_db, d1, "Senator Alma Rostova") == entity_of(
        fresh_db, d2, "Alma Rostová"
    )
    assert "same full name 'alma rostova'" in reason_of(fresh_db, d2, "Alma Rostová")


def test_middle_name_dropped_joins_but_different_given_names_do_not(fresh_db: Database) -> None:
    d1 = add(fresh_db, "one", person(1, "Ivo Tomas Brannick"))
    d2 = add(fresh_db, "two", person(1, "Ivo Brannick"), person(2, "Pell Brannick"))
    ivo = entity_of(fresh_db, d1, "Ivo Tomas Brannick")
    assert entity_of(fresh_db, d2, "Ivo Brannick") == ivo
    assert entity_of(fresh_db, d2, "Pell Brannick") != ivo


def test_bare_surname_needs_evidence(fresh_db: Database) -> None:
    d1 = add(fresh_db, "one", person(1, "Ivo Brannick"), org(2, "Veloria Labour Front"))
    d2 = add(fresh_db, "two", person(1, "Brannick"))
    ivo = entity_of(fresh_db, d1, "Ivo Brannick")
    assert entity_of(fresh_db, d2, "Brannick") != ivo
    assert "without evidence" in reason_of(fresh_db, d2, "Brannick")
    d3 = add(fresh_db, "three", org(1, "Veloria Labour Front"), person(2, "Brannick"))
    assert entity_of(fresh_db, d3, "Brannick") == ivo
    assert "co-mentioned with 'Veloria Labour Front'" in reason_of(fresh_db, d3, "Brannick")


def test_bare_surname_shared_by_two_people_stays_apart(fresh_db: Database) -> None:
    add(fresh_db, "one", person(1, "Ivo Brannick"), org(2, "Veloria Labour Front"))
    add(fresh_db, "two", person(1, "Pell Brannick"), org(2, "Veloria Labour Front"))
    d3 = add(fresh_db, "three", org(1, "Veloria Labour Front"), person(2, "Brannick"))
    assert "ambiguous" in reason_of(fresh_db, d3, "Brannick")


def test_stated_family_relation_keeps_people_apart(fresh_db: Database) -> None:
    d1 = add(fresh_db, "one", person(1, "Ivo Brannick"), org(2, "Veloria Labour Front"))
    d2 = add(
        fresh_db,
        "two",
        person(1, "Ivo Brannick"),
        org(2, "Veloria Labour Front"),
        person(3, "Brannick", family=[{"relation": "father", "of": 1}]),
    )
    ivo = entity_of(fresh_db, d1, "Ivo Brannick")
    assert entity_of(fresh_db, d2, "Ivo Brannick") == ivo
    assert entity_of(fresh_db, d2, "Brannick") != ivo


def test_acronym_and_company_suffix_join_organisations(fresh_db: Database) -> None:
    d1 = add(fresh_db, "one", org(1, "Organization of Northern States"), org(2, "Kessel Corp."))
    d2 = add(fresh_db, "two", org(1, "ONS"), org(2, "Kessel"))
    assert entity_of(fresh_db, d2, "ONS") == entity_of(
        fresh_db, d1, "Organization of Northern States"
    )
    assert entity_of(fresh_db, d2, "Kessel") == entity_of(fresh_db, d1, "Kessel Corp.")


def test_merge_split_why_and_judgements_hold_for_new_documents(fresh_db: Database) -> None:
    add(fresh_db, "one", person(1, "Ivo Brannick"))
    add(fresh_db, "two", person(1, "Brannick"))
    assert (
        find_entity(fresh_db.conn, "Ivo Brannick").id != find_entity(fresh_db.conn, "Brannick").id
    )
    kept = merge(fresh_db.conn, "Ivo Brannick", "Brannick", "same man, per his office")
    assert find_entity(fresh_db.conn, "Brannick").id == kept.id
    explanation = why(fresh_db.conn, "Ivo Brannick", "Brannick")
    assert explanation.same_entity
    assert any("same" in j and "per his office" in j for j in explanation.judgements)
    d3 = add(fresh_db, "three", person(1, "Brannick"))
    assert entity_of(fresh_db, d3, "Brannick") == kept.id
    assert "researcher judged" in reason_of(fresh_db, d3, "Brannick")

    moved = split(fresh_db.conn, "Ivo Brannick", "Brannick")
    assert moved.id != kept.id
    d4 = add(fresh_db, "four", person(1, "Brannick"), org(2, "Kessel"))
    assert entity_of(fresh_db, d4, "Brannick") != kept.id
    explanation = why(fresh_db.conn, "Ivo Brannick", "Brannick")
    assert not explanation.same_entity
    assert any("different" in j for j in explanation.judgements)


def test_unknown_names_raise_not_found(fresh_db: Database) -> None:
    with pytest.raises(NotFound):
        find_entity(fresh_db.conn, "Nobody Atall")


def test_a_surname_first_entity_takes_the_full_name_given_later(fresh_db: Database) -> None:
    d1 = add(fresh_db, "one", person(1, "Brannick"), org(2, "Veloria Labour Front"))
    d2 = add(fresh_db, "two", org(1, "Veloria Labour Front"), person(2, "Ivo Brannick"))
    entity_id = entity_of(fresh_db, d1, "Brannick")
    assert entity_of(fresh_db, d2, "Ivo Brannick") == entity_id
    name = fresh_db.conn.execute("SELECT name FROM entities WHERE id = ?", (entity_id,))
    assert name.fetchone()[0] == "Ivo Brannick"


def place(key: int, name: str) -> Entity:
    return Entity(key, "Place", name, [], [Mention(0, len(name), name)])


def test_two_letter_acronyms_and_parts_of_place_names_do_not_join_alone(
    fresh_db: Database,
) -> None:
    d1 = add(fresh_db, "one", org(1, "Supreme Court"), place(2, "North Veloria"))
    d2 = add(fresh_db, "two", org(1, "SC"), place(2, "North"))
    assert entity_of(fresh_db, d2, "SC") != entity_of(fresh_db, d1, "Supreme Court")
    assert entity_of(fresh_db, d2, "North") != entity_of(fresh_db, d1, "North Veloria")
    d3 = add(fresh_db, "three", org(1, "Veloria Labour Front"), org(2, "Kessel Mining Board"))
    d4 = add(
        fresh_db,
        "four",
        org(1, "Veloria Labour Front"),
        org(2, "Kessel Mining Board"),
        org(3, "KMB"),
    )
    assert entity_of(fresh_db, d4, "KMB") == entity_of(fresh_db, d3, "Kessel Mining Board")


def test_context_follows_documents_moved_by_a_merge(fresh_db: Database) -> None:
    d1 = add(fresh_db, "one", person(1, "Ivo Brannick"))
    add(fresh_db, "two", org(1, "Kessel Mining Board"), person(2, "Brannick"))
    ivo = entity_of(fresh_db, d1, "Ivo Brannick")
    merge(fresh_db.conn, "Ivo Brannick", "Brannick")
    # "Mr. Brannick" is no name a judgement covers: only the union, named beside Brannick in
    # the merged-in document, is evidence that he is Ivo Brannick.
    d3 = add(fresh_db, "three", org(1, "Kessel Mining Board"), person(2, "Mr. Brannick"))
    assert entity_of(fresh_db, d3, "Mr. Brannick") == ivo
    assert "co-mentioned with 'Kessel Mining Board'" in reason_of(fresh_db, d3, "Mr. Brannick")


def test_names_later_in_a_document_are_context_for_the_first(fresh_db: Database) -> None:
    d1 = add(fresh_db, "one", org(1, "Kessel Mining"), person(2, "Ivo Brannick"))
    # "Kessel" comes first: the only evidence is Ivo Brannick, named after it, whom the store
    # already knows under exactly that name.
    d2 = add(fresh_db, "two", org(1, "Kessel"), person(2, "Ivo Brannick"))
    assert entity_of(fresh_db, d2, "Kessel") == entity_of(fresh_db, d1, "Kessel Mining")
    assert "co-mentioned with 'Ivo Brannick'" in reason_of(fresh_db, d2, "Kessel")
    with Database(":memory:") as other:
        o1 = add(other, "one", org(1, "Kessel Mining"), person(2, "Ivo Brannick"))
        o2 = add(other, "two", org(1, "Kessel"), person(2, "Oren Falk"))
        assert entity_of(other, o2, "Kessel") != entity_of(other, o1, "Kessel Mining")


def test_a_body_named_either_way_round_is_one(fresh_db: Database) -> None:
    d1 = add(fresh_db, "one", org(1, "Department of Fisheries"))
    d2 = add(fresh_db, "two", org(1, "Fisheries Department"))
    d3 = add(fresh_db, "three", org(1, "University of Tamsin"))
    d4 = add(fresh_db, "four", org(1, "Tamsin University"))
    assert entity_of(fresh_db, d2, "Fisheries Department") == entity_of(
        fresh_db, d1, "Department of Fisheries"
    )
    assert "turned round" in reason_of(fresh_db, d2, "Fisheries Department")
    assert entity_of(fresh_db, d4, "Tamsin University") != entity_of(
        fresh_db, d3, "University of Tamsin"
    )


def test_capitals_cut_from_a_longer_name_join_with_context() -> None:
    def second(*entities: Entity) -> tuple[int, int, str]:
        with Database(":memory:") as db:
            d1 = add(db, "one", org(1, "Tamsin Rail"), org(2, "Veloria Labour Front"))
            d2 = add(db, "two", *entities)
            name = entities[-1].name
            return (
                entity_of(db, d1, "Tamsin Rail"),
                entity_of(db, d2, name),
                reason_of(db, d2, name),
            )

    rail, tamra, reason = second(org(1, "Veloria Labour Front"), org(2, "TAMRA"))
    assert tamra == rail and "'tamra' is cut from 'tamsin rail'" in reason
    # Without company, written as a word, or standing for its own long name: kept apart.
    for entities in [
        (org(1, "TAMRA"),),
        (org(1, "Veloria Labour Front"), org(2, "Tamra")),
        (org(1, "Veloria Labour Front"), org(2, "Trade and Maritime Regulatory Agency", "TAMRA")),
    ]:
        rail, other, _ = second(*entities)
        assert other != rail, entities[-1].name


def test_a_regional_arm_is_not_the_company(
    fresh_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier.resolve import names

    monkeypatch.setattr(names, "_countries", lambda: {("veloria",): "Veloria"})
    d1 = add(fresh_db, "one", org(1, "Kessel"), org(2, "Veloria Labour Front"))
    d2 = add(fresh_db, "two", org(1, "Veloria Labour Front"), org(2, "Kessel Veloria"))
    d3 = add(fresh_db, "three", org(1, "Veloria Labour Front"), org(2, "Kessel Europe"))
    d4 = add(fresh_db, "four", org(1, "Veloria Labour Front"), org(2, "Kessel Mining"))
    kessel = entity_of(fresh_db, d1, "Kessel")
    assert entity_of(fresh_db, d2, "Kessel Veloria") != kessel
    assert entity_of(fresh_db, d3, "Kessel Europe") != kessel
    assert entity_of(fresh_db, d4, "Kessel Mining") == kessel


def test_every_name_of_a_country_is_one_place(
    fresh_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dossier.resolve import names

    known = {("veloria",): "Veloria", ("republic", "of", "veloria"): "Veloria", ("rv",): "Veloria"}
    monkeypatch.setattr(names, "_countries", lambda: known)
    d1 = add(fresh_db, "one", place(1, "Republic of Veloria"))
    d2 = add(fresh_db, "two", place(1, "Veloria"))
    d3 = add(fresh_db, "three", place(1, "RV"))
    country = entity_of(fresh_db, d1, "Republic of Veloria")
    assert entity_of(fresh_db, d2, "Veloria") == country
    assert entity_of(fresh_db, d3, "RV") == country
    assert "names of one country" in reason_of(fresh_db, d3, "RV")


def test_familiar_and_formal_given_names_join(fresh_db: Database) -> None:
    """Class: "Chuck"/"Charles", "Joe"/"Joseph R. … Jr." (middle initial, full-style suffix)."""
    d1 = add(fresh_db, "one", person(1, "Charles Vandermeer"), person(2, "Joseph R. Halloran Jr."))
    d2 = add(fresh_db, "two", person(1, "Chuck Vandermeer"), person(2, "Joe Halloran"))
    assert entity_of(fresh_db, d1, "Charles Vandermeer") == entity_of(
        fresh_db, d2, "Chuck Vandermeer"
    )
    assert entity_of(fresh_db, d1, "Joseph R. Halloran Jr.") == entity_of(
        fresh_db, d2, "Joe Halloran"
    )


def test_a_junior_never_joins_his_namesake(fresh_db: Database) -> None:
    """Class: "X Y Jr." is the son; a different first name also blocks a join."""
    d1 = add(fresh_db, "one", person(1, "Corwin Ashby"), org(2, "Veloria Labour Front"))
    d2 = add(fresh_db, "two", person(1, "Corwin Ashby Jr."), org(2, "Veloria Labour Front"))
    d3 = add(fresh_db, "three", person(1, "Nadia Ashby"), org(2, "Veloria Labour Front"))
    father = entity_of(fresh_db, d1, "Corwin Ashby")
    assert entity_of(fresh_db, d2, "Corwin Ashby Jr.") != father
    assert entity_of(fresh_db, d3, "Nadia Ashby") != father


def test_joins_say_how_sure_they_are(fresh_db: Database) -> None:
    add(fresh_db, "one", person(1, "Ivo Brannick"))
    d2 = add(fresh_db, "two", person(1, "Ivo Brannick"))
    reason = fresh_db.conn.execute(
        "SELECT resolution FROM doc_entities WHERE document_id = ?", (d2,)
    ).fetchone()[0]
    assert reason.endswith("sure: high"), reason


def test_a_shared_office_alone_does_not_join_a_full_name_to_a_surname(
    fresh_db: Database,
) -> None:
    """Class: a daughter named in full against an entity known only by the family name,
    both called "president" (the parent's office)."""
    d1 = add(fresh_db, "one", person(1, "Ashby", roles=("President",)))
    d2 = add(fresh_db, "two", person(1, "Nadia Ashby", roles=("President",)))
    assert entity_of(fresh_db, d1, "Ashby") != entity_of(fresh_db, d2, "Nadia Ashby")


def test_one_acronym_for_two_bodies_does_not_join_them(fresh_db: Database) -> None:
    """Class: "VLC" stands for a committee in one document and a convention in another."""
    d1 = add(fresh_db, "one", org(1, "Veloria Labour Convention", "VLC"))
    d2 = add(fresh_db, "two", org(1, "Veloria Labour Committee"))
    assert entity_of(fresh_db, d1, "Veloria Labour Convention") != entity_of(
        fresh_db, d2, "Veloria Labour Committee"
    )


def test_a_division_is_not_its_parent(fresh_db: Database) -> None:
    """Class: "Quillon News" or "Quillon Studios" beside "Quillon" in shared company."""
    d1 = add(fresh_db, "one", org(1, "Quillon"), person(2, "Ida Brenner"))
    d2 = add(fresh_db, "two", org(1, "Quillon Studios"), person(2, "Ida Brenner"))
    assert entity_of(fresh_db, d1, "Quillon") != entity_of(fresh_db, d2, "Quillon Studios")


def test_a_papers_section_is_not_the_paper(fresh_db: Database) -> None:
    """Class: "The Orsk Ledger Opinion" (a paper's opinion pages) beside "Orsk Ledger"."""
    d1 = add(fresh_db, "one", org(1, "Orsk Ledger"), person(2, "Ida Brenner"))
    d2 = add(fresh_db, "two", org(1, "Orsk Ledger Opinion"), person(2, "Ida Brenner"))
    assert entity_of(fresh_db, d1, "Orsk Ledger") != entity_of(fresh_db, d2, "Orsk Ledger Opinion")


def test_a_chambers_committee_is_not_the_chamber(fresh_db: Database) -> None:
    """Class: "Assembly Oversight Committee" beside "Assembly" in shared company."""
    d1 = add(fresh_db, "one", org(1, "Assembly"), person(2, "Ida Brenner"))
    d2 = add(fresh_db, "two", org(1, "Assembly Oversight Committee"), person(2, "Ida Brenner"))
    assert entity_of(fresh_db, d1, "Assembly") != entity_of(
        fresh_db, d2, "Assembly Oversight Committee"
    )


def test_a_document_naming_hundreds_records_co_mentions_for_its_first_150_only(
    db_path: Path,
) -> None:
    """Co-mention pairs grow with the square of a document's entities: a list naming hundreds
    of people must not make storing quadratic in its size."""
    given = ["Ada", "Oren", "Mila", "Tobin", "Sefa", "Ivo", "Rhea", "Cato", "Lune", "Pell"]
    family = ["Quill", "Falk", "Varo", "Brannick", "Oduya", "Tamsk", "Orrin", "Belk", "Sarn"]
    names = [f"{given[n % 10]} {family[(n // 10) % 9]}-{family[n // 90]}" for n in range(200)]
    text = "The roll of Port Tamsin: " + ", ".join(names) + "."
    entities = []
    for key, name in enumerate(names, start=1):
        start = text.index(name)
        entities.append(
            Entity(key, "Person", name, mentions=[Mention(start, start + len(name), name)])
        )
    analysis = Analysis(sentences=[Sentence(0, len(text), 0)], entities=entities)
    with Database(db_path) as db:
        db.add_article(Article(source="roll.txt", text=text, title="Roll"), analysis)
        people = db.conn.execute("SELECT count(*) FROM entities").fetchone()[0]
        pairs = db.conn.execute("SELECT count(*) FROM co_mentions").fetchone()[0]
    assert people == 200
    assert pairs == MAX_CO_MENTIONED * (MAX_CO_MENTIONED - 1)
