"""The claim rules on hand-built parses (no model): triggers, arguments, modality, PLOVER mood."""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc

from dossier.extract.claims.events import find_events, main_event
from dossier.extract.claims.syntax import modality

Row = tuple[str, str, int, str, str]  # word, lemma, head, dep, pos
_VOCAB = English().vocab  # lexical attributes (lower case) without loading a model


def _doc(rows: list[Row]) -> Doc:
    return Doc(
        _VOCAB,
        words=[r[0] for r in rows],
        lemmas=[r[1] for r in rows],
        heads=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        pos=[r[4] for r in rows],
    )


def test_meeting_trigger_source_and_target() -> None:
    doc = _doc(
        [
            ("Harwick", "Harwick", 2, "nsubj", "PROPN"),
            ("will", "will", 2, "aux", "AUX"),
            ("meet", "meet", 2, "ROOT", "VERB"),
            ("Olsen", "Olsen", 2, "dobj", "PROPN"),
            (".", ".", 2, "punct", "PUNCT"),
        ]
    )
    (event,) = find_events(doc[:])
    assert (event.kind, event.plover) == ("meeting", "CONSULT")
    assert event.source is not None and event.source.text == "Harwick"
    assert [t.text for t in event.targets] == ["Olsen"]
    assert modality(event.trigger) == ("planned", ["will"])


def test_negation_denies_and_hedge_adverb_hedges() -> None:
    denied = _doc(
        [
            ("Harwick", "Harwick", 3, "nsubj", "PROPN"),
            ("did", "do", 3, "aux", "AUX"),
            ("not", "not", 3, "neg", "PART"),
            ("meet", "meet", 3, "ROOT", "VERB"),
            ("Olsen", "Olsen", 3, "dobj", "PROPN"),
        ]
    )
    assert modality(denied[3])[0] == "denied"
    hedged = _doc(
        [
            ("Harwick", "Harwick", 2, "nsubj", "PROPN"),
            ("reportedly", "reportedly", 2, "advmod", "ADV"),
            ("met", "meet", 2, "ROOT", "VERB"),
            ("Olsen", "Olsen", 2, "dobj", "PROPN"),
        ]
    )
    assert modality(hedged[2]) == ("hedged", ["reportedly"])


def test_passive_subject_is_the_target() -> None:
    doc = _doc(
        [
            ("Berg", "Berg", 2, "nsubjpass", "PROPN"),
            ("was", "be", 2, "auxpass", "AUX"),
            ("praised", "praise", 2, "ROOT", "VERB"),
            ("by", "by", 2, "agent", "ADP"),
            ("Grey", "Grey", 3, "pobj", "PROPN"),
        ]
    )
    (event,) = find_events(doc[:])
    assert event.source is not None and event.source.text == "Grey"
    assert event.targets[0].text == "Berg"


def test_promised_aid_is_agree_and_promised_sanction_a_threat() -> None:
    def coded(verb: str, lemma: str, noun: str) -> str | None:
        doc = _doc(
            [
                ("Veldoria", "Veldoria", 2, "nsubj", "PROPN"),
                ("will", "will", 2, "aux", "AUX"),
                (verb, lemma, 2, "ROOT", "VERB"),
                (noun, noun, 2, "dobj", "NOUN"),
            ]
        )
        event = main_event(doc[:])
        return event.plover if event is not None else None

    assert coded("give", "give", "grain") == "AGREE"
    assert coded("expel", "expel", "diplomats") == "THREATEN"
    assert coded("reject", "reject", "plan") == "REJECT"


def test_a_must_clause_under_a_report_is_the_reporters_demand() -> None:
    doc = _doc(
        [
            ("Ostland", "Ostland", 1, "nsubj", "PROPN"),
            ("said", "say", 1, "ROOT", "VERB"),
            ("Veldoria", "Veldoria", 4, "nsubj", "PROPN"),
            ("must", "must", 4, "aux", "AUX"),
            ("drop", "drop", 1, "ccomp", "VERB"),
            ("tariffs", "tariff", 4, "dobj", "NOUN"),
        ]
    )
    event = main_event(doc[:])
    assert event is not None and event.plover == "DEMAND"
    assert event.source is not None and event.source.text == "Ostland"
    assert event.targets[0].text == "Veldoria"


def test_an_order_reported_by_others_keeps_its_own_sides() -> None:
    doc = _doc(
        [
            ("judge", "judge", 1, "nsubj", "NOUN"),
            ("ordered", "order", 5, "ccomp", "VERB"),
            ("Berg", "Berg", 1, "dobj", "PROPN"),
            ("to", "to", 4, "aux", "PART"),
            ("appear", "appear", 1, "xcomp", "VERB"),
            ("said", "say", 5, "ROOT", "VERB"),
            ("sources", "source", 5, "nsubj", "NOUN"),
        ]
    )
    event = main_event(doc[:])
    assert event is not None and event.plover == "DEMAND"
    assert event.source is not None and event.source.text == "judge"


def test_a_promise_with_an_unless_is_a_threat() -> None:
    doc = _doc(
        [
            ("Veldoria", "Veldoria", 2, "nsubj", "PROPN"),
            ("will", "will", 2, "aux", "AUX"),
            ("withdraw", "withdraw", 2, "ROOT", "VERB"),
            ("troops", "troop", 2, "dobj", "NOUN"),
            ("unless", "unless", 6, "mark", "SCONJ"),
            ("Ostland", "Ostland", 6, "nsubj", "PROPN"),
            ("pays", "pay", 2, "advcl", "VERB"),
        ]
    )
    event = main_event(doc[:])
    assert event is not None and event.plover == "THREATEN"


def test_soldiers_who_torture_commit_assault_not_combat() -> None:
    def coded(lemma: str) -> str | None:
        doc = _doc(
            [
                ("soldiers", "soldier", 1, "nsubj", "NOUN"),
                (lemma + "ed", lemma, 1, "ROOT", "VERB"),
                ("prisoners", "prisoner", 1, "dobj", "NOUN"),
            ]
        )
        event = main_event(doc[:])
        return event.plover if event is not None else None

    assert coded("torture") == "ASSAULT"
    assert coded("bomb") == "FIGHT"
