"""Loaded-language rules: word forms of lexicon entries, the writer's own voice, and the
classes of words that name a subject rather than judge it. Fictional fixture text."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from spacy.language import Language

from dossier.extract.opinion.extractor import find_loaded, in_writer_voice
from dossier.extract.opinion.lexicon import loaded_lexicon


def _marked(nlp: Language, text: str) -> dict[str, str]:
    doc = nlp(text)
    hits = find_loaded(SimpleNamespace(span=doc[:]), loaded_lexicon(), rules=True)  # type: ignore[arg-type]
    return {doc[a:b].text: label for a, b, label in hits}


@pytest.mark.slow
def test_inflected_forms_match_through_their_lemma(nlp: Language) -> None:
    marked = _marked(nlp, "Mayor Lena Varga scolds the council and claims the harbor tax is fair.")
    assert {"scolds", "claims"} <= set(marked)
    # Without the rules only the spelling in the lexicon counts.
    doc = nlp("Mayor Lena Varga scolds the council.")
    assert find_loaded(SimpleNamespace(span=doc[:]), loaded_lexicon()) == []  # type: ignore[arg-type]


@pytest.mark.slow
def test_a_capitalised_word_inside_the_sentence_is_not_lemmatised(nlp: Language) -> None:
    """A name that looks like an inflection ("Scolds", a fictional band) stays a name."""
    assert "Scolds" not in _marked(nlp, "Tickets for the Scolds sold out in Veldoria on Monday.")


@pytest.mark.slow
def test_the_adverb_of_a_loaded_adjective_is_loaded(nlp: Language) -> None:
    marked = _marked(
        nlp, "The minister despicably blamed the weather and cruelly mocked the harbor workers."
    )
    assert marked.get("despicably") == "intensifier"
    assert marked.get("cruelly") == "intensifier"
    # An adverb is not loaded because a loaded word hides in its spelling ("directly", "dire").
    assert "directly" not in _marked(nlp, "The minister spoke directly to the harbor workers.")


@pytest.mark.slow
def test_names_of_movements_and_topics_are_not_loaded(nlp: Language) -> None:
    marked = _marked(
        nlp,
        "The right-wing party and the socialist bloc debated racism, illegal immigration and "
        "the welfare state in the Marovian parliament.",
    )
    assert marked == {}
    assert "bumbling" in _marked(nlp, "The bumbling minister peddled a hoax about the harbor.")


@pytest.mark.slow
def test_words_in_quotation_marks_or_said_by_a_speaker_are_not_the_writers(nlp: Language) -> None:
    doc = nlp('Tomas Reyes called the plan "a disgusting hoax" while the reckless mayor smiled.')
    hits = find_loaded(SimpleNamespace(span=doc[:]), loaded_lexicon(), rules=True)  # type: ignore[arg-type]
    voice = {doc[a:b].text: in_writer_voice(doc[:], a, b) for a, b, _ in hits}
    assert voice == {"disgusting": False, "hoax": False, "reckless": True}
    doc = nlp("Senator Tomas Reyes called Lena Varga a liar on Monday.")
    ((start, end, _),) = find_loaded(SimpleNamespace(span=doc[:]), loaded_lexicon(), rules=True)  # type: ignore[arg-type]
    assert doc[start:end].text == "liar" and not in_writer_voice(doc[:], start, end)


@pytest.mark.slow
def test_the_noun_of_a_loaded_quality_is_loaded_but_not_the_name_of_an_issue(nlp: Language) -> None:
    marked = _marked(nlp, "The rudeness of the harbor council surprised nobody in Veldoria.")
    assert marked.get("rudeness") == "evaluative"
    assert _marked(nlp, "Marchers in Veldoria protested against police brutality.") == {}


@pytest.mark.slow
def test_a_compound_with_a_loaded_part_is_loaded_unless_it_names_a_stance(nlp: Language) -> None:
    marked = _marked(nlp, "The crazy-eyed plan of the harbor board reached Veldoria.")
    assert marked.get("crazy-eyed") == "evaluative"
    assert _marked(nlp, "The harbor board bought non-toxic paint for the Veldoria pier.") == {}
