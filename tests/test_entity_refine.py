"""Classes of real-news text that are not names: datelines, credits, headline words, office
words, groups, generations (nlp/entity_refine.py). Fixtures are fictional."""

from __future__ import annotations

import pytest

from dossier.records import Article, Entity
from dossier.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run():  # type: ignore[no-untyped-def]
    from dossier.nlp.pipeline import Pipeline

    pipeline = Pipeline(Settings())

    def analyse(text: str) -> list[Entity]:
        return pipeline.analyse(Article(source="test", text=text, language="en")).entities

    return analyse


def named(entities: list[Entity]) -> dict[str, str]:
    return {e.name: e.type for e in entities}


def test_a_dateline_in_capitals_is_a_place(run) -> None:  # type: ignore[no-untyped-def]
    """Class: "CITY, Month Day (Agency) -" opening a wire story; the tagger calls it a person
    and the parse the subject of "said"."""
    found = named(
        run(
            "KORVALLA, Feb 3 (Reuters) - Norland's finance minister Oto Vela said on Monday "
            "that rates would rise."
        )
    )
    assert found.get("KORVALLA") == "Place", found
    assert found.get("Oto Vela") == "Person"


def test_credit_lines_and_handles_are_no_entities(run) -> None:  # type: ignore[no-untyped-def]
    """Class: the reporter's "Follow X on Twitter @x" and "(Reporting by X; Editing by Y)"."""
    found = named(
        run(
            "Mayor Ana Vela opened the bridge on Monday.\n\n"
            "(Reporting by Ida Brenner; Editing by Tom Hale)\n\n"
            "Follow Ivo Marsh on Twitter @IvoMarsh."
        )
    )
    assert "Ana Vela" in found
    assert not {"Ida Brenner", "Tom Hale", "Ivo Marsh", "Twitter @IvoMarsh"} & set(found), found


def test_a_sentence_opening_with_by_is_no_credit(run) -> None:  # type: ignore[no-untyped-def]
    assert "Tom Hale" in named(run("By Tuesday, Tom Hale had left the city of Korvalla."))


def test_headline_words_are_cut_from_names(run) -> None:  # type: ignore[no-untyped-def]
    """Class: a title-case headline gluing its verbs and adverbs to a name."""
    entities = run(
        "Plus Quint Says Budget Deal Near\n\n"
        "Marla Quint told reporters on Monday that a deal was near. Quint said talks went on."
    )
    names = named(entities)
    assert "Marla Quint" in names and not any("Plus" in n or "Says" in n for n in names), names


def test_a_capitals_heading_keeps_only_the_name(run) -> None:  # type: ignore[no-untyped-def]
    entities = run(
        "TOP STORIES.\n\nPARTY CHAIR MARLA QUINT RESIGNS After weeks of criticism, the chair "
        "left. Marla Quint said she had no regrets."
    )
    assert not any("RESIGNS" in e.name for e in entities), named(entities)


def test_office_words_are_cut_off_names(run) -> None:  # type: ignore[no-untyped-def]
    """Class: titles and descriptors the tagger puts inside a person's name."""
    found = named(
        run(
            "Majority Whip Tobias Renwick said the vote would pass. Special Counsel Edgar "
            "Dunmore opened an inquiry. Agent Pauline Strand was removed. Comedian Ruth "
            "Calloway joked about it."
        )
    )
    for name in ("Tobias Renwick", "Edgar Dunmore", "Pauline Strand", "Ruth Calloway"):
        assert found.get(name) == "Person", found
    assert not any(n.split()[0] in {"Majority", "Whip", "Counsel", "Agent"} for n in found)


def test_groups_are_not_persons(run) -> None:  # type: ignore[no-untyped-def]
    """Class: plural groups and descriptors ("many Democrats") as the subject of "said"."""
    entities = run(
        "Many Democrats said the plan would fail. Hill Republicans agreed with Marla Quint."
    )
    people = [e.name for e in entities if e.type == "Person"]
    assert people == ["Marla Quint"], people


def test_a_junior_is_not_his_father(run) -> None:  # type: ignore[no-untyped-def]
    """Class: generation suffixes; "X Y Jr." is the son of "X Y"."""
    found = named(
        run(
            "Corwin Ashby Jr. spoke at the rally. His father, Corwin Ashby, watched from the "
            "front row."
        )
    )
    assert "Corwin Ashby Jr." in found and "Corwin Ashby" in found, found


def test_name_variants_in_one_article_are_one_person(run) -> None:  # type: ignore[no-untyped-def]
    """Class: a middle initial and a generation in full style dropped later in the text."""
    entities = run(
        "Edgar T. Dunmore III opened an inquiry on Monday. Edgar Dunmore said he would report soon."
    )
    people = [e for e in entities if e.type == "Person"]
    assert len(people) == 1, [(e.name, [m.text for m in e.mentions]) for e in people]


def test_titles_alone_state_codes_and_shows_are_no_persons(run) -> None:  # type: ignore[no-untyped-def]
    """Classes: a title the tagger calls a person ("Dr."), a state code after a town
    ("Berea, OH"), a programme named after its host ("The Ida Holt Show")."""
    found = named(
        run(
            "Former Senator Dr. Kelli Ivarsson spoke at Marlow, OH, on Monday. The Ida Holt-led "
            "coalition cheered, and Holt said so on The Ida Holt Show."
        )
    )
    assert "Dr." not in found, found
    assert found.get("OH", "Place") == "Place"
    assert found.get("Ida Holt") == "Person"
    assert found.get("Ida Holt Show", "Other") == "Other", found


def test_a_company_before_an_office_is_a_body_a_ministry_field_is_not(run) -> None:  # type: ignore[no-untyped-def]
    """Class: "Acme Computer CEO X" names the company; "Labor Minister Y" names no body."""
    found = named(run("Quillon Computer CEO Ida Brenner spoke. Labor Minister Oto Vela listened."))
    assert found.get("Quillon Computer") == "Organization", found
    assert "Labor" not in found and found.get("Oto Vela") == "Person"


def test_a_company_named_after_its_founder_is_no_surname(run) -> None:  # type: ignore[no-untyped-def]
    """Class: the bare family name the tagger calls an organisation again and again."""
    entities = run(
        "William Clay Ashford Jr. runs the carmaker. Ashford's plan will close 14 plants. "
        "Ashford will fire 12% of its workers, and Ashford's share fell. Analysts said "
        "Ashford had no choice."
    )
    found = named(entities)
    assert found.get("Ashford") == "Organization", found


def test_acronyms_codes_polls_and_lower_case_offices(run) -> None:  # type: ignore[no-untyped-def]
    """Classes: a common-noun acronym ("a super PAC"), a state's postal code ("a VT
    socialist"), a poll, and the field of a lower-case office ("secretary of State")."""
    found = named(
        run(
            "Mayor Ida Brenner backed a super PAC and taunted a nutty VT socialist, according "
            "to the latest Harbour Post-Civic News Poll. The secretary of State met her."
        )
    )
    assert "PAC" not in found and "State" not in found, found
    assert found.get("VT") == "Place"
    assert found.get("Harbour Post-Civic News Poll", "Other") == "Other"


def test_staff_and_institutions_are_no_persons(run) -> None:  # type: ignore[no-untyped-def]
    """Classes: "Chief of Staff X" leaving "Staff" in the name; "the U.S. House" as a person."""
    found = named(
        run(
            "Chief of Staff Jeremy Bashford wrote the email. Ida Brenner was elected to the "
            "U.S. House in 2012."
        )
    )
    assert found.get("Jeremy Bashford") == "Person", found
    assert found.get("U.S. House", "Organization") == "Organization"


def test_a_common_noun_possessive_opens_a_bodys_name(run) -> None:  # type: ignore[no-untyped-def]
    """Class: "People's X", "Children's Y": the possessive is the body's own first word, not
    an owner named apart (as "Ida Holt's Civic Party" is)."""
    found = named(run("Vela said that the People's Liberation Front could be sent to Norvik."))
    assert found.get("People's Liberation Front") == "Organization", found
    assert "Liberation Front" not in found


def test_a_holiday_named_after_a_person_is_no_person(run) -> None:  # type: ignore[no-untyped-def]
    """Class: "Ada Lind Brisk Day": a day, not a person named "Day" titled by the rest."""
    found = named(run("The debate was held on the eve of Martin Luther King Day in Orsk."))
    assert found.get("Martin Luther King Day") in {None, "Other"}, found
    assert "Day" not in found


def test_a_stock_ticker_is_no_organisation(run) -> None:  # type: ignore[no-untyped-def]
    """Class: "Acme shares (ACM)": a market code after shares or an exchange."""
    found = named(run("Quillon registered shares (QLLN) are listed on the Orsk exchange."))
    assert found.get("QLLN") in {None, "Other"}, found


def test_a_speaker_known_by_party_alone_is_no_entity_name(run) -> None:  # type: ignore[no-untyped-def]
    """Class: "the Republican said": a party member described, not a body or a name."""
    found = named(
        run(
            "Senator Ivo Rubek is tested as rivals attack. After the Republican seemed to "
            'confirm critiques of his candidacy, the question was how much. "I will stay," '
            "the Republican said."
        )
    )
    assert found.get("the Republican") in {None, "Other"}, found


def test_a_ministrys_field_after_a_country_belongs_to_the_office(run) -> None:  # type: ignore[no-untyped-def]
    """Class: "the then Estmark Home Secretary, X,": the tagger's "Estmark Home" is the
    country; "Home" is the office's."""
    found = named(run("In June, the then UK Home Secretary, Tom Hale, approved the request."))
    assert "UK Home" not in found, found
    assert found.get("Tom Hale") == "Person"


def test_a_name_shaped_like_a_persons_is_a_person(run) -> None:  # type: ignore[no-untyped-def]
    """Class: a hyphenated given name ("Jean-Ivo Marsh") or a middle initial ("Ida K.
    Brenner"), even where the tagger says organisation."""
    found = named(
        run(
            "The teams were tied after Jean-Wilfried Tsonga cruised past Uchiyama and Gael "
            "Monfils won the deciding match."
        )
    )
    assert found.get("Jean-Wilfried Tsonga") == "Person", found


def test_an_occupation_opening_the_sentence_is_no_part_of_the_name(run) -> None:  # type: ignore[no-untyped-def]
    """Class: "Filmmaker Ida Brenner said": capitalised only because it opens the sentence."""
    found = named(run('Filmmaker Jack Marino said, "At work you would be weeded out."'))
    assert found.get("Jack Marino") == "Person", found
    assert "Filmmaker Jack Marino" not in found


def test_a_name_that_reports_is_no_place(run) -> None:  # type: ignore[no-untyped-def]
    """Class: "As both X and Y have reported": places do not report; the tagger's place is an
    outlet."""
    found = named(run("As both Orsk News and Varnholm have reported, there is a security risk."))
    assert found.get("Varnholm") == "Organization", found


def test_a_headline_phrase_is_no_organisation(run) -> None:  # type: ignore[no-untyped-def]
    """Class: a headline's capitalised phrase the tagger calls a body ("The Human Face of Coal
    Power"), no word of which the body uses in a name."""
    found = named(
        run(
            "The Human Face of Coal Power.\n\nIvo Marsh worked on the turbines of Tarlow for "
            "thirty years, and he says the town has changed."
        )
    )
    assert "Coal Power" not in found, found


def test_a_name_in_apposition_with_a_persons_noun_is_a_person(run) -> None:  # type: ignore[no-untyped-def]
    """Class: "Ivo Marsh, a miner from Tarlow,": a noun only people are, beside the name,
    makes it a person whatever the tagger's label."""
    found = named(run("Ivo Marsh, a miner from Tarlow, says the town has changed."))
    assert found.get("Ivo Marsh") == "Person", found


def test_a_name_referred_to_as_a_person_is_a_person(run) -> None:  # type: ignore[no-untyped-def]
    """Class: "X said he would …": a body would be "it"."""
    said = named(run("Ivo Marsh said he would not concede the race in Tarlow."))
    assert said.get("Ivo Marsh") == "Person", said
    body = named(run("Orsk Holdings said it would cut jobs."))
    assert body.get("Orsk Holdings") == "Organization", body


def test_a_name_coordinated_with_a_persons_is_a_person(run) -> None:  # type: ignore[no-untyped-def]
    """Class: "between Novak Vukic and Andy Marlow": a two-word name beside a person's full
    name, with no organisation's word, is a person whatever the tagger's label."""
    found = named(
        run("Spectators paid tribute before the title match between Novak Vukic and Andy Marlow.")
    )
    assert found.get("Novak Vukic") == "Person", found


def test_a_flight_is_named_by_its_airline(run) -> None:  # type: ignore[no-untyped-def]
    """Class: "Orsk Air Flight 574": the name is the airline's, with or without the number in
    the tagger's span."""
    found = named(
        run("The losses of Orsk Air Flight 574 and Tarlow Indonesia Flight 200 killed 102.")
    )
    assert "Tarlow Indonesia Flight" not in found and "Orsk Air Flight 574" not in found, found
    assert found.get("Tarlow Indonesia") == "Organization", found


def test_an_ideology_glued_to_a_name_is_no_part_of_it(run) -> None:  # type: ignore[no-untyped-def]
    """Class: a descriptor before a name ("a shirt that read 'Fascist Marsh'")."""
    found = named(
        run(
            "People ejected from a rally in Orsk on Monday included a man in a shirt that read "
            "''Fascist Marsh,'' and a group of women."
        )
    )
    assert "Fascist Marsh" not in found, found


def test_products_are_no_bodies_or_people(run) -> None:  # type: ignore[no-untyped-def]
    """Class: a name ending in a product word ("Smart Keyboard") or an "iName" ("iPod")."""
    found = named(
        run(
            "She soon let me know how cramped the 11-inch Smart Keyboard felt to her. Tarl is "
            "the producer of the most-sold player, the iPod."
        )
    )
    assert found.get("Smart Keyboard") in {None, "Other"}, found
    assert found.get("iPod") in {None, "Other"}, found


def test_two_names_joined_by_and_are_two(run) -> None:  # type: ignore[no-untyped-def]
    """Class: "Tarlbook and Quillon" tagged as one body, the second written alone elsewhere."""
    found = named(
        run(
            "Following the lead of Tarlbook and Quillon, which have given autonomy to their "
            "units, Orsk Systems promised. Quillon said it would agree; Tarlbook declined."
        )
    )
    assert "Tarlbook and Quillon" not in found, found
    assert found.get("Tarlbook") == "Organization", found


def test_a_stance_written_with_a_name_is_no_name(run) -> None:  # type: ignore[no-untyped-def]
    """Class: "the pro-Ferro group": a stance, not a body's name."""
    found = named(
        run(
            "Priorities Tarlow raised money, though the pro-Ferro group is expected to report "
            "before the deadline."
        )
    )
    assert "pro-Ferro" not in found, found


def test_events_named_like_bodies_are_no_organisations(run) -> None:  # type: ignore[no-untyped-def]
    """Class: an awards show, a race ("the Orsk Music Awards", "Tour de Tarlow")."""
    found = named(
        run(
            "She was kept from performing at the Orsk Music Awards. Congrats to rider Ivo Marsh "
            "on his back-to-back Tour de Tarlow victories."
        )
    )
    assert found.get("Orsk Music Awards") in {None, "Other"}, found
    assert found.get("Tour de Tarlow") in {None, "Other"}, found


def test_a_plural_people_is_no_mention_of_its_country(run) -> None:  # type: ignore[no-untyped-def]
    """Class: "disabled Estonians unable to work": people, not the country."""
    found = run("Governor Ivo Wallek helped save support for disabled Estonians unable to work.")
    assert not any(m.text == "Estonians" for e in found for m in e.mentions), found
