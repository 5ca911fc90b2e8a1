"""Quotes: quotation marks, speakers, cues and reporting chains on fictional articles."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import pytest

from dossier.extract.quotes.marks import find_quoted
from dossier.nlp.parse import split_paragraphs
from dossier.nlp.registry import DocumentState
from dossier.records import Quote


def quoted_texts(text: str) -> list[str]:
    bounds = [(start, start + len(chunk)) for start, chunk in split_paragraphs(text)]
    return [text[q.start : q.end] for q in find_quoted(text, bounds)]


# -- quotation marks, no model ---------------------------------------------------------------


def test_curly_and_straight_marks_pair() -> None:
    text = '“We are ready,” she said. He replied: "Not yet."'
    assert quoted_texts(text) == ["We are ready,", "Not yet."]


def test_mixed_marks_straight_open_curly_close() -> None:
    text = 'He said things like, "If the old general were alive, he would vote for me.” Then.'
    assert quoted_texts(text) == ["If the old general were alive, he would vote for me."]


def test_quotation_over_two_paragraphs_is_one_span() -> None:
    text = "Vela said: “The budget is gone.\n\n“Nobody will say so in public.” Then she left."
    spans = quoted_texts(text)
    assert spans == ["The budget is gone.\n\n“Nobody will say so in public."]


def test_unclosed_curly_quote_is_dropped_not_paired_with_the_next() -> None:
    text = "She called it “a farce and walked out. Later “We will return,” she said."
    assert quoted_texts(text) == ["We will return,"]


def test_curly_quotation_nested_in_straight_one() -> None:
    text = '"The poll asked: “Do you trust him?” Most said no," Brandt said.'
    assert quoted_texts(text) == ["The poll asked: “Do you trust him?” Most said no,"]


def test_single_marks_in_headline_but_not_apostrophes() -> None:
    text = "Vela calls rival 'a danger to the republic' as voters' anger grows"
    assert quoted_texts(text) == ["a danger to the republic"]


# -- the component, with the real model --------------------------------------------------------

ARTICLE = "\n\n".join(
    [
        "Minister Ana Vela: “We will not resign over this”",
        (
            "Senator Tomas Brandt of Veloria said on Monday that the budget had collapsed. “It is"
            " a disgrace,” Brandt said. “Nobody in this chamber will vote for it.”"
        ),
        (
            "“We are ready,” said Lena Okafor, the party's leader. She added that talks would "
            "resume."
        ),
        (
            "According to The Harbor Ledger, Brandt's meeting with Okafor took place on Tuesday. "
            "The two reportedly had lunch with executives. Several ministers attended, per El "
            "Vigía and La Hora."
        ),
        'Okafor, per The Harbor Ledger, claimed, "her plan had not changed."',
        (
            'The senator told reporters the vote would be delayed. He has said things like, "The '
            'treasury is empty and everyone knows it."'
        ),
        (
            '"The ministry is in chaos," The Harbor Ledger reports. "Its staff have not been paid'
            ' for months."'
        ),
        (
            "“The reform is finished,” Brandt said. “It was finished in May.\n“Nobody will admit "
            "it before the vote.”"
        ),
    ]
)


@pytest.fixture(scope="module")
def article_state(run_quotes: Callable[[str], DocumentState]) -> DocumentState:
    return run_quotes(ARTICLE)


def find(state: DocumentState, fragment: str) -> Quote:
    matches = [q for q in state.analysis.quotes if fragment in q.text]
    assert len(matches) == 1, (fragment, [q.text for q in state.analysis.quotes])
    return matches[0]


def name(state: DocumentState, key: int | None) -> str | None:
    entity = state.entity(key)
    return entity.name if entity else None


@pytest.mark.slow
def test_every_quote_text_is_the_body_slice(article_state: DocumentState) -> None:
    body = article_state.article.text
    assert article_state.analysis.quotes
    for quote in article_state.analysis.quotes:
        assert body[quote.start : quote.end] == quote.text
        if quote.cue is not None:
            assert body[quote.cue_start : quote.cue_end] == quote.cue


@pytest.mark.slow
def test_no_stretch_of_text_is_stored_twice(article_state: DocumentState) -> None:
    quotes = sorted(article_state.analysis.quotes, key=lambda q: q.start)
    for first, second in pairwise(quotes):
        assert first.end <= second.start, (first.text, second.text)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("fragment", "speaker", "kind", "cue"),
    [
        ("We will not resign", "Ana Vela", "direct", ":"),
        ("It is a disgrace,", "Tomas Brandt", "direct", "said"),
        ("Nobody in this chamber", "Tomas Brandt", "direct", "said"),
        ("We are ready", "Lena Okafor", "direct", "said"),
        ("the budget had collapsed", "Tomas Brandt", "indirect", "said"),
        ("talks would resume", "Lena Okafor", "indirect", "added"),
        ("her plan had not changed", "Lena Okafor", "direct", "claimed"),
        ("the vote would be delayed", "Tomas Brandt", "indirect", "told"),
        ("The treasury is empty", "Tomas Brandt", "direct", "has said"),
        ("The ministry is in chaos", "The Harbor Ledger", "direct", "reports"),
        ("Its staff have not been paid", "The Harbor Ledger", "direct", "reports"),
    ],
)
def test_shapes_and_speakers(
    article_state: DocumentState, fragment: str, speaker: str, kind: str, cue: str
) -> None:
    quote = find(article_state, fragment)
    assert name(article_state, quote.speaker) == speaker
    assert quote.kind == kind
    assert quote.cue == cue


@pytest.mark.slow
def test_a_later_report_of_something_else_is_no_relay(article_state: DocumentState) -> None:
    """The speaker is never its own relay, and outlets reporting another statement later in
    the paragraph ("Several ministers attended, per …") did not pass this one on."""
    quote = find(article_state, "meeting with Okafor took place")
    assert quote.text == "Brandt's meeting with Okafor took place on Tuesday"
    assert quote.cue == "According to"
    assert name(article_state, quote.speaker) == "The Harbor Ledger"
    assert quote.via == [] and quote.sources == []


@pytest.mark.slow
def test_a_report_that_holds_a_statement_relays_it(run_quotes) -> None:  # type: ignore[no-untyped-def]
    state = run_quotes(
        "Lena Okafor said the harbor would reopen in May, according to The Harbor Ledger."
    )
    quote = find(state, "harbor would reopen")
    assert name(state, quote.speaker) == "Lena Okafor"
    assert [name(state, k) for k in quote.via] == ["The Harbor Ledger"]


@pytest.mark.slow
def test_per_in_the_middle_is_a_via_not_the_speaker(article_state: DocumentState) -> None:
    quote = find(article_state, "her plan had not changed")
    assert name(article_state, quote.speaker) == "Lena Okafor"
    assert [name(article_state, k) for k in quote.via] == ["The Harbor Ledger"]


@pytest.mark.slow
def test_reportedly_inherits_the_paragraph_source(article_state: DocumentState) -> None:
    quote = find(article_state, "had lunch with executives")
    assert name(article_state, quote.speaker) == "The Harbor Ledger"


@pytest.mark.slow
def test_quote_over_paragraphs_is_stored_once(article_state: DocumentState) -> None:
    quote = find(article_state, "It was finished in May.")
    assert quote.text.endswith("Nobody will admit it before the vote.")
    assert name(article_state, quote.speaker) == "Tomas Brandt"


@pytest.mark.slow
def test_mixed_quote_keeps_paraphrase_and_quoted_words(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        "Governor Ilse Marrow wrote to the council on Friday, expressing confidence that the "
        "province “will balance its books within two years.”"
    )
    quote = find(state, "balance its books")
    assert quote.kind == "mixed"
    assert quote.text.startswith("that the province “will balance")
    assert name(state, quote.speaker) == "Ilse Marrow"


@pytest.mark.slow
def test_pronoun_speaker_goes_to_the_last_person_quoted(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        "Pavel Dusan, the mayor of Korvell, opened the bridge on Sunday. “It took nine years,” "
        "Dusan said. He said the next project would be a school."
    )
    quote = find(state, "the next project would be a school")
    assert quote.speaker is not None
    assert quote.speaker == find(state, "It took nine years").speaker
    assert (name(state, quote.speaker) or "").endswith("Dusan")


@pytest.mark.slow
def test_unnamed_source_has_no_speaker_but_a_reason(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes("The talks collapsed late on Thursday, officials said.")
    quote = find(state, "The talks collapsed")
    assert quote.speaker is None
    assert quote.speaker_reason and "officials" in quote.speaker_reason


@pytest.mark.slow
def test_scare_quotes_are_not_statements(run_quotes: Callable[[str], DocumentState]) -> None:
    state = run_quotes("The so-called “reform package” reached the assembly in March.")
    assert state.analysis.quotes == []


@pytest.mark.slow
def test_byline_dash_names_the_speaker(run_quotes: Callable[[str], DocumentState]) -> None:
    state = run_quotes("“The river has never been this low in my lifetime.” ― Marta Solis")
    quote = find(state, "The river has never been")
    assert name(state, quote.speaker) == "Marta Solis"


@pytest.mark.slow
def test_paragraph_ending_in_a_colon_introduces_the_next(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        "Senator Ruth Calder took questions after the vote. Calder continued:\n\n"
        "“The harbour tax was never meant to last. We will repeal it in spring.”"
    )
    quote = find(state, "The harbour tax was never meant to last.")
    assert quote.kind == "direct"
    assert (name(state, quote.speaker) or "").endswith("Calder")


def test_closing_mark_typed_as_opener_still_opens() -> None:
    text = "”The harbour must stay open.” ― Ines Corr"
    assert quoted_texts(text) == ["The harbour must stay open."]


def test_curly_quotation_nested_in_curly_one_is_one_span() -> None:
    text = "“I would rather live in what he calls “chaos” than under his rule.” ― Ada Nune"
    assert quoted_texts(text) == [
        "I would rather live in what he calls “chaos” than under his rule."
    ]


def test_quoted_nickname_between_names_is_not_a_quotation() -> None:
    text = 'Del. Marla "Lia" Pruitt shouted: "The nation is watching."'
    assert quoted_texts(text) == ["The nation is watching."]


def test_doubled_apostrophes_stay_outside_the_quoted_words() -> None:
    text = "He said ''we will win,'' and left."
    (quoted,) = find_quoted(text, [(0, len(text))])
    assert text[quoted.start : quoted.end] == "we will win,"
    assert text[quoted.outer_start : quoted.outer_end] == "''we will win,''"


# -- shapes with the real model ----------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "His spokesman, Owen Trask, said the ministry would not comment on the case.",
        "Owen Trask, a spokesman for the ministry, said the ministry would not comment.",
        "“We will appeal,” said the minister's spokesman, Owen Trask.",
    ],
)
def test_appositive_speaker_is_the_named_person(
    run_quotes: Callable[[str], DocumentState], text: str
) -> None:
    state = run_quotes(text)
    assert len(state.analysis.quotes) == 1
    assert name(state, state.analysis.quotes[0].speaker) == "Owen Trask"


@pytest.mark.slow
def test_a_day_after_the_cue_is_not_the_speaker(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        "“He is absolutely right. There is a severe disconnect here,” Dalton, a party "
        "surrogate, said Thursday morning on Kestrel Radio’s “Morning Hour.”"
    )
    quote = find(state, "absolutely right")
    assert (name(state, quote.speaker) or "").endswith("Dalton")
    # The show's title sits in a time-and-place adjunct of the cue: not a statement.
    assert [q.text for q in state.analysis.quotes if "Morning Hour" in q.text] == []


@pytest.mark.slow
def test_quoted_transcript_turns_are_separate_statements(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        "The interview went as follows:\n\n"
        '"HOLM: Will the port reopen this year?\n\n'
        '"RASK: It will reopen in May, and the ferries will run again."'
    )
    question = find(state, "Will the port reopen")
    answer = find(state, "It will reopen in May")
    assert question.text == "Will the port reopen this year?"
    assert answer.text == "It will reopen in May, and the ferries will run again."
    assert (name(state, answer.speaker) or "").upper().endswith("RASK")


@pytest.mark.slow
def test_aside_cue_inside_the_sentence_keeps_the_whole_clause(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes("Farmers, Vela said, can “outlast any drought” and “outwork any storm.”")
    quote = find(state, "outlast any drought")
    assert quote.kind == "mixed"
    assert quote.text.startswith("Farmers, Vela said, can")
    assert (name(state, quote.speaker) or "").endswith("Vela")


@pytest.mark.slow
def test_quoted_fragment_inside_a_reported_clause_is_mixed(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes("A clerk who “steals a handful of coins” is jailed, Marrow said.")
    quote = find(state, "steals a handful")
    assert quote.kind == "mixed"
    assert quote.text == "A clerk who “steals a handful of coins” is jailed"


@pytest.mark.slow
def test_later_clauses_of_the_narrator_are_not_the_statement(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        "Vandor is promising lower taxes and “jobs, jobs, jobs,” but he has also sharpened "
        "his attacks. The union called Marrow a “champion” for its members, citing her work "
        "after the floods."
    )
    assert find(state, "lower taxes").text == "lower taxes and “jobs, jobs, jobs,”"
    assert find(state, "champion").text == "Marrow a “champion” for its members"


@pytest.mark.slow
def test_chanted_words_are_a_quote(run_quotes: Callable[[str], DocumentState]) -> None:
    state = run_quotes(
        "Small groups of marchers circled the square while chanting, “Bread, not bullets.”"
    )
    quote = find(state, "Bread, not bullets")
    assert quote.kind == "direct"
    assert quote.cue == "chanting"


@pytest.mark.slow
def test_a_judgement_in_quoted_words_is_a_statement_of_the_judge(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        "Former President Ivo Osk criticized the health law as a “crazy system” during a rally."
    )
    quote = find(state, "crazy system")
    assert quote.kind == "mixed"
    assert quote.text == "the health law as a “crazy system”"
    assert quote.cue == "criticized"
    assert name(state, quote.speaker) == "Ivo Osk"


@pytest.mark.slow
def test_a_judging_verb_never_makes_its_clause_a_claim(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes("Mayor Rhea Lund dismissed claims that the port would close.")
    assert state.analysis.quotes == []


@pytest.mark.slow
def test_both_halves_of_a_reported_clause_stay_together(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        "But Dalton said Vandor has “enormous respect” for the army and his rubble comment was "
        "instead an expression of frustration with the strategy."
    )
    quote = find(state, "enormous respect")
    assert quote.text.endswith("an expression of frustration with the strategy")


@pytest.mark.slow
def test_narrator_words_before_the_quotation_make_it_mixed(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes("Not paying taxes “makes me smart,” Vandor said.")
    quote = find(state, "makes me smart")
    assert quote.kind == "mixed"
    assert quote.text.startswith("Not paying taxes")


@pytest.mark.slow
def test_a_dateline_is_not_the_speaker(run_quotes: Callable[[str], DocumentState]) -> None:
    state = run_quotes(
        "KORVELL -- President Ana Vela, opening the new museum on Saturday, said it would tell "
        "a national story, one of ''suffering and delight.''"
    )
    quote = find(state, "suffering and delight")
    assert name(state, quote.speaker) == "Ana Vela"
    assert quote.text.endswith("delight.''")


@pytest.mark.slow
def test_a_claim_noun_gives_its_owner_the_statement(
    run_quotes: Callable[[str], DocumentState],
) -> None:
    state = run_quotes(
        "Senator Mira Pell disputed Governor Ivo Vandor's claim that there have been "
        "“thousands of shootings” in the capital this year."
    )
    quote = find(state, "thousands of shootings")
    assert quote.cue == "claim"
    assert name(state, quote.speaker) == "Ivo Vandor"
