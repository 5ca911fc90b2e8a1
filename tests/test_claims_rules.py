"""The claim rules on hand-built parses (no model): triggers, arguments, modality, PLOVER mood."""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc

from dossier.extract.claim_events import find_events, main_event
from dossier.extract.claim_syntax import modality

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
