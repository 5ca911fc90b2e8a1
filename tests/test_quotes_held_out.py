"""Quote shapes found when checking the rules on text they were not tuned on (fictional)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dossier.nlp.registry import DocumentState
from dossier.records import Quote

pytestmark = pytest.mark.slow


def find(state: DocumentState, fragment: str) -> Quote:
    matches = [q for q in state.analysis.quotes if fragment in q.text]
    assert len(matches) == 1, (fragment, [q.text for q in state.analysis.quotes])
    return matches[0]


def speaker(state: DocumentState, quote: Quote) -> str | None:
    entity = state.entity(quote.speaker)
    return entity.name if entity else None


def test_a_participle_after_a_comma_speaks_for_the_sentence_subject(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        "Band member Kiro shared the news on social media last week, writing “Feels great to "
        "support someone I believe in. This is a man with integrity.”"
    )
    quote = find(state, "a man with integrity")
    assert quote.cue == "writing"
    assert speaker(state, quote) == "Kiro"


def test_the_agent_of_another_verb_is_not_the_speaker(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        "Comedian Lia Marsh was booed and shouted down by Tarn supporters after telling "
        "holdouts that they were “being ridiculous.”"
    )
    quote = find(state, "being ridiculous")
    assert "Lia Marsh" in (speaker(state, quote) or "")


def test_an_aside_cue_keeps_a_statement_ending_in_a_straight_closing_mark(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        '"There is a clear need to act," Ortiz added. An envoy\'s job, he said, should be to '
        '"counter lies and distortions with hard data and facts."'
    )
    quote = find(state, "counter lies")
    assert quote.kind == "mixed"
    assert quote.text.startswith("An envoy's job")
    assert quote.cue == "said"
    assert speaker(state, quote) == "Ortiz"


def test_a_date_before_a_colon_is_not_the_speaker(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        "Here’s Vela in December 1992: “Our new direction must rest on an understanding of "
        "the new realities of global competition.”"
    )
    quote = find(state, "Our new direction")
    assert speaker(state, quote) == "Vela"


def test_as_someone_put_it_cues_the_quotation_and_a_title_is_no_quote(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        "As Aron Kell, professor of law at Dunmore and author of ''The Quiet Charter,'' put "
        "it, ''Senate members should remember that a compromise candidate may be far better.''"
    )
    quote = find(state, "Senate members should remember")
    assert quote.cue == "put"
    assert speaker(state, quote) == "Aron Kell"
    assert not [q for q in state.analysis.quotes if "Quiet Charter" in q.text]


def test_echoed_with_a_colon_introduces_the_next_paragraph(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        "Young voter Jared Pott echoed:\n\n“He speaks his mind, and I think that might be what "
        "the country needs.”"
    )
    quote = find(state, "He speaks his mind")
    assert quote.cue == "echoed"
    assert speaker(state, quote) == "Jared Pott"


def test_a_cue_handing_over_with_a_comma_beats_the_next_sentence_verb(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        "Vela responds to Mills with, “Why now? That was on my way to Korvia?” Mills then "
        "writes back, “You look cute.”"
    )
    quote = find(state, "Why now?")
    assert quote.cue == "responds"
    assert speaker(state, quote) == "Vela"


def test_a_verb_in_a_relative_clause_after_a_quotation_is_not_its_cue(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        "Her campaign emailed a video of Tarn on “Meet the Press” from 1999, in which Tarn "
        "called himself “very pro-choice” and admitted that he viewed the issue differently."
    )
    assert not [q for q in state.analysis.quotes if "Meet the Press" in q.text]
    quote = find(state, "very pro-choice")
    assert quote.cue == "called"
    assert speaker(state, quote) == "Tarn"


@pytest.mark.parametrize(
    "text",
    [
        "“Sons of Tarn” is an adaptation of a show called “Brokers,” written by a Selmar troupe.",
        "As the “Never Tarn” movement continues to battle the party, Sen. Gray backed Voss.",
        "Sunday, on KTV’s “State of the Union,” while commenting on the floods, Mara Fell wept.",
    ],
)
def test_titles_and_names_in_quotation_marks_are_not_statements(
    run_quotes: Callable[[str], DocumentState], text: str
) -> None:
    assert run_quotes(text).analysis.quotes == []


def test_per_after_according_to_runs_through_the_first_outlet(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        "According to The Harbor Ledger, the minister's meeting with Okafor took place on "
        "Tuesday. Several bankers attended, per El Vigía and La Hora."
    )
    quote = find(state, "Several bankers attended")
    assert speaker(state, quote) == "The Harbor Ledger"
    assert [state.entity(k).name for k in quote.via if state.entity(k)] == ["El Vigía"]
    assert [state.entity(k).name for k in quote.sources if state.entity(k)] == ["La Hora"]


def test_a_no_break_space_before_the_next_quotation_still_carries_it_on(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        "“If my campaign manager had done that, my campaign would be over,” Marek said.\u00a0"
        "“He would have had to resign. I would have had to quit that very day.”"
    )
    quote = find(state, "He would have had to resign")
    assert quote.cue == "said"
    assert speaker(state, quote) == "Marek"


def test_a_clause_the_same_speaker_adds_does_not_break_the_quotation(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        '"You\'re down to the people you can count and meet," Bukan said, noting that Mora did '
        'not lose a single vote. "If you\'re not tough, you will lose."'
    )
    quote = find(state, "If you're not tough")
    assert quote.cue == "said"
    assert speaker(state, quote) == "Bukan"


@pytest.mark.parametrize(
    ("text", "fragment", "cue"),
    [
        (
            "“The way I see it,” Vela elaborated, “no one ever questioned the captain.”",
            "no one",
            "elaborated",
        ),
        (
            "Vela shot back, “The minister called them out. They must have been crushed.”",
            "crushed",
            "shot back",
        ),
        (
            "Vela pledged to make the mills “build their damn engines in this country.”",
            "engines",
            "pledged",
        ),
    ],
)
def test_more_reporting_verbs(
    run_quotes: Callable[[str], DocumentState], text: str, fragment: str, cue: str
) -> None:
    quote = find(run_quotes(text), fragment)
    assert quote.cue == cue


def test_a_long_uncued_quotation_right_after_a_speakers_words_is_theirs(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        "Tarn sent a warm message to Vela on Monday, expressing confidence that Korvia “will "
        "advance shared priorities, including public security and trade.” The Republic seeks to "
        "work closely with her government “to deepen our partnership and promote shared "
        "prosperity in our region.”"
    )
    quote = find(state, "to deepen our partnership")
    assert speaker(state, quote) == "Tarn"
    assert find(state, "will advance shared priorities").cue == "expressing confidence"


def test_the_noun_after_a_cue_that_follows_the_quotation_spoke(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        '"In writing her speech, the team took notes on her inspirations," read the statement, '
        "which was attributed to Mira Dole."
    )
    quote = find(state, "the team took notes")
    assert quote.speaker is None
    assert quote.speaker_reason == "unnamed source: 'the statement'"


def test_told_names_the_listener_not_the_speaker(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        "“We were tremendously wrong to not have confronted him from the beginning,” Ramos, 58, "
        "told AFP in an interview in Velo City on Monday."
    )
    quote = find(state, "tremendously wrong")
    assert speaker(state, quote) == "Ramos"


def test_an_indefinite_speaker_is_unnamed_not_the_place_in_it(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        "“I guess you never say never, but the gap is awfully large,” added a Norland Democrat."
    )
    quote = find(state, "the gap is awfully large")
    assert quote.speaker is None
    assert quote.speaker_reason == "unnamed source: 'a Norland Democrat'"


def test_page_labels_are_not_transcript_turns(run_quotes: Callable[[str], DocumentState]) -> None:
    state = run_quotes(
        "CORRECTION: Due to an editing error, an alternate version of this article was "
        "published early on Wednesday morning."
    )
    assert state.analysis.quotes == []


def test_markup_attribute_values_are_not_quotations() -> None:
    from dossier.extract.quotes.marks import find_quoted

    text = '<post author="velanews" date="March 10, 2016">Wirt said “we will not go.”</post>'
    spans = [text[q.start : q.end] for q in find_quoted(text, [(0, len(text))])]
    assert spans == ["we will not go."]


def test_a_quoted_word_opening_a_longer_reported_clause_is_mixed(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes("Mora said “zero” voters would follow Senator Ilse Brant and endorse Vela.")
    quote = find(state, "zero")
    assert quote.kind == "mixed"
    assert quote.text.endswith("endorse Vela")


def test_a_trend_that_will_continue_has_no_speaker_cue(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        "Housing prices have risen, a trend that analysts expect will continue ''for the next "
        "few years.''"
    )
    assert not [q for q in state.analysis.quotes if q.cue and "continue" in q.cue]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (
            "Vela argued that a registry would keep people from entering the country "
            "illegally, saying it is “all about management.”",
            "all about management",
        ),
        (
            "Vela seemed ready to riff on the incident in Dunmore, telling the crowd, “Some "
            "people get a little carried away, have you noticed that?”",
            "carried away",
        ),
    ],
)
def test_a_participle_after_a_comma_speaks_for_the_main_subject(
    run_quotes: Callable[[str], DocumentState], text: str, fragment: str
) -> None:
    state = run_quotes(text)
    assert speaker(state, find(state, fragment)) == "Vela"
