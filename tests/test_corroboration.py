"""Corroboration across documents, independent sources, contradictions, and timelines."""

from __future__ import annotations

from dossier.records import Analysis, Article, Claim, Entity, Evidence, Mention, Role, Sentence
from dossier.resolve.corroboration import (
    ClaimGroup,
    corroborate,
    dates_compatible,
    format_value,
    values_compatible,
)
from dossier.resolve.timeline import timeline
from dossier.store import Database

MET = "Ivo Brannick met Alma Rostova in Port Velo."


def ent(key: int, name: str, kind: str = "Person", roles: list[Role] | None = None) -> Entity:
    return Entity(key, kind, name, [], [Mention(0, len(name), name)], roles or [])  # type: ignore[arg-type]


def meeting(text: str, date: str | None, *, via: list[int] | None = None) -> Claim:
    return Claim(
        "meeting",
        1,
        Evidence(0, len(text), text, via or []),
        object=2,
        date=date,
        status="reported",
    )


def store(
    db: Database,
    text: str,
    site: str,
    claims: list[Claim],
    extra: list[Entity] | None = None,
    published: str | None = None,
) -> str:
    entities = [ent(1, "Ivo Brannick"), ent(2, "Alma Rostova"), *(extra or [])]
    article = Article(source=site, text=text, site=site, published=published)
    analysis = Analysis(sentences=[Sentence(0, len(text), 0)], entities=entities, claims=claims)
    return db.add_article(article, analysis)[0]


def test_compatibility_of_partial_dates_and_values() -> None:
    assert dates_compatible("2021-11", "2021-11-30")
    assert dates_compatible(None, "2021")
    assert not dates_compatible("2021-11-29", "2021-11-30")
    assert values_compatible(58.3, 58.30)
    assert not values_compatible(58.3, 41.7)


def test_same_fact_from_sites_and_relays_counts_independent_sources(fresh_db: Database) -> None:
    store(fresh_db, MET + " (1)", "alpha.test", [meeting(MET, "2021-11-30")])
    store(fresh_db, MET + " (2)", "alpha.test", [meeting(MET, "2021-11")])
    # Two outlets that only repeat the Veloria Herald count once, for the Herald.
    herald = ent(3, "Veloria Herald", "Organization")
    store(fresh_db, MET + " (3)", "beta.test", [meeting(MET, None, via=[3])], [herald])
    store(fresh_db, MET + " (4)", "gamma.test", [meeting(MET, "2021-11-30", via=[3])], [herald])
    groups, contradictions = corroborate(fresh_db.conn)
    assert len(groups) == 1
    group = groups[0]
    assert len(group.claims) == 4 and len(group.documents) == 4
    assert group.independent == 2
    assert group.sources == ["alpha.test", "Veloria Herald"]
    assert group.date == "2021-11-30"
    assert contradictions == []


def test_a_relay_of_an_outlet_counts_with_that_outlets_own_report(fresh_db: Database) -> None:
    herald = ent(3, "The Veloria Herald", "Organization")
    store(fresh_db, MET + " (1)", "veloriaherald.test", [meeting(MET, "2021-11-30")])
    store(fresh_db, MET + " (2)", "beta.test", [meeting(MET, None, via=[3])], [herald])
    store(fresh_db, MET + " (3)", "Gamma Post", [meeting(MET, None)])
    groups, _ = corroborate(fresh_db.conn)
    assert groups[0].independent == 2
    assert groups[0].sources == ["veloriaherald.test", "Gamma Post"]


def test_symmetric_meeting_and_contradicting_dates(fresh_db: Database) -> None:
    store(fresh_db, MET + " (1)", "alpha.test", [meeting(MET, "2021-11-30")])
    reverse = Claim(
        "meeting", 2, Evidence(0, len(MET), MET), object=1, date="2021-11-30", status="reported"
    )
    store(fresh_db, MET + " (2)", "beta.test", [reverse])
    store(fresh_db, MET + " (3)", "gamma.test", [meeting(MET, "2021-11-28")])
    groups, contradictions = corroborate(fresh_db.conn)
    by_size = sorted(groups, key=lambda g: -len(g.claims))
    assert len(by_size[0].claims) == 2 and by_size[0].independent == 2
    assert len(contradictions) == 2
    assert all("different dates" in c.reason for c in contradictions)


def test_values_that_disagree_are_contradictions(fresh_db: Database) -> None:
    text = "Ivo Brannick won 58.3% of the vote on 2025-11-30."

    def result(value: float, date: str | None = "2025-11-30") -> Claim:
        return Claim(
            "election_result", 1, Evidence(0, len(text), text), value=value, unit="percent",
            date=date,
        )  # fmt: skip

    store(fresh_db, text, "alpha.test", [result(58.3)])
    store(fresh_db, text + " Yes.", "beta.test", [result(58.3)])
    store(fresh_db, text + " No.", "gamma.test", [result(55.1)])
    store(fresh_db, text + " Later.", "delta.test", [result(41.0, date=None)])
    groups, contradictions = corroborate(fresh_db.conn)
    agreed = next(g for g in groups if g.value == 58.3)
    assert agreed.independent == 2
    # A share with no date may be another contest's: only the same day's results conflict.
    assert len(contradictions) == 2
    assert contradictions[0].reason == "different values: 58.3% / 55.1%"


def test_amounts_conflict_only_for_one_measure_on_one_day(fresh_db: Database) -> None:
    text = "Orvel Foods will cut 1,200 jobs, its chief said on 2025-03-02."

    def amount(value: float, counted: str, **extra: object) -> Claim:
        attributes: dict[str, object] = {"counted": counted, **extra}
        return Claim(
            "amount", 1, Evidence(0, len(text), text), value=value, unit="job",
            date="2025-03-02", attributes=attributes,
        )  # fmt: skip

    store(fresh_db, text, "alpha.test", [amount(1200, "jobs")])
    store(fresh_db, text + " A.", "beta.test", [amount(5_000_000_000.0, "jobs")])
    store(fresh_db, text + " B.", "gamma.test", [amount(300, "stores")])
    store(fresh_db, text + " C.", "delta.test", [amount(900, "jobs", qualifier="more than")])
    _, contradictions = corroborate(fresh_db.conn)
    # Stores are another measure; "more than 900" is a bound that fits 1,200.
    assert [c.reason for c in contradictions] == ["different values: 1,200 job / 5 billion job"]


def test_a_plan_or_another_object_is_no_denial(fresh_db: Database) -> None:
    text = "Tomas Reyes backed Lena Varga."

    def support(status: str, obj: int | None, value: str | None = None) -> Claim:
        return Claim(
            "support", 1, Evidence(0, len(text), text), object=obj, value=value,
            status=status, date="2025-06-02",  # type: ignore[arg-type]
        )  # fmt: skip

    store(fresh_db, text, "alpha.test", [support("asserted", 2)])
    store(fresh_db, text + " A.", "beta.test", [support("planned", 2)])
    store(fresh_db, text + " B.", "gamma.test", [support("denied", None, "the tariff plan")])
    store(fresh_db, text + " C.", "delta.test", [support("denied", 2)])
    _, contradictions = corroborate(fresh_db.conn)
    assert len(contradictions) == 1
    assert contradictions[0].reason == "one source denies what the other states"


def _act(kind: str, text: str, status: str, date: str | None) -> Claim:
    return Claim(
        kind, 1, Evidence(0, len(text), text), object=2, date=date,
        status=status,  # type: ignore[arg-type]
    )  # fmt: skip


def test_a_denial_speaks_for_its_own_occasion(fresh_db: Database) -> None:
    denied = "Ivo Brannick did not attack Alma Rostova on Tuesday night."
    store(fresh_db, denied, "alpha.test", [_act("criticism", denied, "denied", "2025-04-08")])
    # Attacks at other times, or undated ("has attacked her repeatedly"), stand beside it.
    often = "Ivo Brannick has attacked Alma Rostova repeatedly."
    store(fresh_db, often, "beta.test", [_act("criticism", often, "asserted", None)])
    before = "On Saturday Ivo Brannick assailed Alma Rostova."
    store(fresh_db, before, "gamma.test", [_act("criticism", before, "asserted", "2025-04-05")])
    assert corroborate(fresh_db.conn)[1] == []
    same = "Ivo Brannick attacked Alma Rostova on Tuesday night."
    store(fresh_db, same, "delta.test", [_act("criticism", same, "asserted", "2025-04-08")])
    _, contradictions = corroborate(fresh_db.conn)
    assert [c.reason for c in contradictions] == ["one source denies what the other states"]


def test_a_position_that_changed_is_no_contradiction(fresh_db: Database) -> None:
    # "has not endorsed her" in June, "endorsed her on 12 July": both true, at their time;
    # so is "refuses to attack her character" beside an attack on her record.
    yet = "Ivo Brannick has not endorsed Alma Rostova."
    store(
        fresh_db, yet, "alpha.test", [_act("support", yet, "denied", None)], published="2025-06-29"
    )
    did = "Ivo Brannick endorsed Alma Rostova on Tuesday."
    store(fresh_db, did, "beta.test", [_act("support", did, "asserted", "2025-07-12")])
    early = "Ivo Brannick backed Alma Rostova in her first race."
    store(fresh_db, early, "gamma.test", [_act("support", early, "asserted", "2025-06-02")])
    assert corroborate(fresh_db.conn)[1] == []


def test_a_meeting_denied_after_it_was_reported(fresh_db: Database) -> None:
    never = "Ivo Brannick denied ever meeting Alma Rostova."
    store(
        fresh_db,
        never,
        "alpha.test",
        [_act("meeting", never, "denied", None)],
        published="2025-06-30",
    )
    later = "Ivo Brannick met Alma Rostova on 14 July."
    store(fresh_db, later, "beta.test", [_act("meeting", later, "asserted", "2025-07-14")])
    assert corroborate(fresh_db.conn)[1] == []  # a meeting after the denial is no conflict
    met = "Ivo Brannick met Alma Rostova in Port Velo on 3 June."
    store(fresh_db, met, "gamma.test", [_act("meeting", met, "asserted", "2025-06-03")])
    _, contradictions = corroborate(fresh_db.conn)
    assert [c.reason for c in contradictions] == ["one source denies what the other states"]


def test_plans_and_repeated_trips_never_conflict(fresh_db: Database) -> None:
    plan = "Ivo Brannick and Alma Rostova are meeting up next week, a spokesman said."
    store(fresh_db, plan, "alpha.test", [_act("meeting", plan, "reported", "2025-05-05")])
    held = "Ivo Brannick met Alma Rostova on Thursday."
    store(fresh_db, held, "beta.test", [_act("meeting", held, "asserted", "2025-05-12")])
    unlikely = "Ivo Brannick is not expected to meet Alma Rostova on Friday."
    store(fresh_db, unlikely, "gamma.test", [_act("meeting", unlikely, "denied", "2025-05-12")])
    trip = "Ivo Brannick travelled to Port Velo with Alma Rostova on 2 May."
    store(fresh_db, trip, "delta.test", [_act("travel", trip, "asserted", "2025-05-02")])
    again = "Ivo Brannick travelled to Port Velo with Alma Rostova on 20 May."
    store(fresh_db, again, "epsilon.test", [_act("travel", again, "asserted", "2025-05-20")])
    assert corroborate(fresh_db.conn)[1] == []
    # Two past dates for one meeting of the same pair in one month are still flagged.
    other = "Ivo Brannick met Alma Rostova on 9 May."
    store(fresh_db, other, "zeta.test", [_act("meeting", other, "asserted", "2025-05-09")])
    _, contradictions = corroborate(fresh_db.conn)
    assert [c.reason for c in contradictions] == [
        "different dates for what may be one event: 2025-05-12 / 2025-05-09"
    ]


def test_rival_estimates_of_a_net_worth_conflict_as_ranges(fresh_db: Database) -> None:
    """The class: estimates of one person's fortune, undated, in reports of the same season,
    with qualifiers as bounds ("more than $10 billion" cannot be $2.9 billion)."""
    text = "Ivo Brannick's net worth is large, the reports say."

    def worth(value: float, qualifier: str | None = None, date: str | None = None) -> Claim:
        attributes: dict[str, object] = {"measure": "net worth"}
        if qualifier:
            attributes["qualifier"] = qualifier
        return Claim(
            "amount", 1, Evidence(0, len(text), text), value=value, unit="USD", date=date,
            attributes=attributes,
        )  # fmt: skip

    store(fresh_db, text, "alpha.test", [worth(10e9, "more than")], published="2025-03-01")
    store(fresh_db, text + " A.", "beta.test", [worth(2.9e9)], published="2025-05-10")
    store(fresh_db, text + " B.", "gamma.test", [worth(12e9)], published="2025-04-02")
    # Another year's estimate, and a dated low point decades ago, are other times.
    store(fresh_db, text + " C.", "delta.test", [worth(1e9)], published="2027-01-01")
    store(fresh_db, text + " D.", "eps.test", [worth(5e8, date="1990")], published="2025-04-03")
    _, contradictions = corroborate(fresh_db.conn)
    reasons = sorted(c.reason for c in contradictions)
    assert reasons == [
        "different values: $2.9 billion / $12 billion",
        "different values: more than $10 billion / $2.9 billion",
    ]


def test_rival_estimates_in_one_report_conflict(fresh_db: Database) -> None:
    first = "Ivo Brannick says his net worth exceeds $10 billion."
    second = "A rich list puts Ivo Brannick's net worth at $6.5 billion."
    text = f"{first} {second}"

    def worth(start: int, end: int, value: float, qualifier: str | None = None) -> Claim:
        attributes: dict[str, object] = {"measure": "net worth"}
        if qualifier:
            attributes["qualifier"] = qualifier
        return Claim(
            "amount", 1, Evidence(start, end, text[start:end]), value=value, unit="USD",
            attributes=attributes,
        )  # fmt: skip

    claims = [worth(0, len(first), 10e9, "exceeds"), worth(len(first) + 1, len(text), 6.5e9)]
    store(fresh_db, text, "alpha.test", claims, published="2025-03-01")
    _, contradictions = corroborate(fresh_db.conn)
    assert [c.reason for c in contradictions] == [
        "different values: more than $10 billion / $6.5 billion"
    ]


def test_qualified_values_are_ranges() -> None:
    from dossier.resolve.corroboration import value_range

    assert value_range(10.0, "more than") == (10.0, float("inf"))
    assert value_range(40.0, "just under") == (36.0, 40.0)
    assert value_range(10.0, None) == (10.0, 10.0)
    assert value_range(10.0, "give or take") is None


def test_values_are_written_as_a_person_writes_them() -> None:
    assert format_value(5_000_000_000.0, "USD") == "$5 billion"
    assert format_value(3.2, "percent") == "3.2%"
    assert format_value(12000.0, None) == "12,000"
    assert format_value(2_500_000.0, "EUR") == "€2.5 million"


def test_timeline_orders_offices_with_evidence(fresh_db: Database) -> None:
    later = "Secretary of Trade Ivo Brannick spoke."
    earlier = "Senator Ivo Brannick met voters."
    ivo_late = ent(
        1,
        "Ivo Brannick",
        roles=[Role("Secretary of Trade", 0, 18, date="2025-12", date_basis="text")],
    )
    ivo_early = ent(1, "Ivo Brannick", roles=[Role("Senator", 0, 7)])
    for text, site, ivo, published in [
        (later, "alpha.test", ivo_late, "2025-12-15"),
        (earlier, "beta.test", ivo_early, "2021-12-02"),
    ]:
        fresh_db.add_article(
            Article(source=site, text=text, site=site, published=published),
            Analysis(sentences=[Sentence(0, len(text), 0)], entities=[ivo]),
        )
    result = timeline(fresh_db.conn, "Ivo Brannick")
    assert [e.title for e in result.entries] == ["Senator", "Secretary of Trade"]
    senator = result.entries[0]
    assert senator.first == "2021-12-02" and senator.evidence[0].basis == "document"
    assert senator.evidence[0].text == earlier
    assert result.entries[1].evidence[0].basis == "text"


def test_facts_about_some_entities_are_the_whole_stores_groups(fresh_db: Database) -> None:
    herald = ent(3, "Veloria Herald", "Organization")
    store(fresh_db, MET + " (1)", "alpha.test", [meeting(MET, "2021-11-30")])
    store(fresh_db, MET + " (2)", "beta.test", [meeting(MET, None, via=[3])], [herald])
    store(fresh_db, MET + " (3)", "gamma.test", [meeting(MET, "2021-11-28")])
    other = "Edda Lorne met Cas Mirren."
    edda, cas = ent(1, "Edda Lorne"), ent(2, "Cas Mirren")
    fresh_db.add_article(
        Article(source="delta.test", text=other, site="delta.test"),
        Analysis(
            sentences=[Sentence(0, len(other), 0)],
            entities=[edda, cas],
            claims=[Claim("meeting", 1, Evidence(0, len(other), other), object=2)],
        ),
    )
    everything, all_contradictions = corroborate(fresh_db.conn)
    alma = fresh_db.conn.execute("SELECT id FROM entities WHERE name = 'Alma Rostova'")
    alma_id = alma.fetchone()[0]
    some, contradictions = corroborate(fresh_db.conn, entities={alma_id})
    assert len(everything) == 3 and len(some) == 2

    def key(g: ClaimGroup) -> tuple[list[int], list[str], str | None]:
        return (g.claims, g.sources, g.date)

    assert [key(g) for g in some] == [
        key(g) for g in everything if alma_id in (g.subject, g.object)
    ]
    assert contradictions == all_contradictions and len(contradictions) == 1
    agreed = next(g for g in some if len(g.claims) == 2)
    assert agreed.sources == ["alpha.test", "Veloria Herald"]
    relay = next(c for c in agreed.members if c.relays)
    assert relay.relays == "Veloria Herald" and agreed.source_for(relay) == "Veloria Herald"
