"""Bounded pieces for spaCy and the look-ups that keep analysis linear (no model loaded)."""

from __future__ import annotations

import random

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.nlp.parse import MAX_PIECE, ParsedDocument, split_paragraphs, split_pieces
from dossier.nlp.registry import MentionIndex
from dossier.records import Entity, Mention

SENTENCE = "The harbour council of Valdoria met again on Tuesday. "


def check_pieces(text: str, pieces: list[tuple[int, str]], limit: int) -> None:
    for offset, piece in pieces:
        assert 0 < len(piece) <= limit
        assert text[offset : offset + len(piece)] == piece
        assert piece == piece.strip()
    starts = [offset for offset, _ in pieces]
    assert starts == sorted(starts)


def test_short_paragraphs_are_left_whole() -> None:
    text = "Title\n\n" + SENTENCE * 20 + "\n\nLast words."
    assert split_pieces(text) == split_paragraphs(text)


def test_long_paragraph_is_cut_at_sentence_ends() -> None:
    text = "Intro.\n\n" + SENTENCE * 1000
    pieces = split_pieces(text)
    check_pieces(text, pieces, MAX_PIECE)
    assert len(pieces) > 10
    assert all(piece.endswith("Tuesday.") for _, piece in pieces[1:-1])
    covered = "".join(piece for _, piece in pieces[1:])
    assert covered.replace(" ", "") == text[8:].replace(" ", "")


def test_no_sentence_end_cuts_at_a_space_else_anywhere() -> None:
    words = "word " * 3000
    solid = "x" * 12_000
    text = words + "\n" + solid
    pieces = split_pieces(text)
    check_pieces(text, pieces, MAX_PIECE)
    assert all(piece.endswith("word") for _, piece in pieces if "word" in piece)
    assert [len(piece) for _, piece in pieces if "x" in piece] == [5000, 5000, 2000]


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .!?\n\t”’é"), max_size=3000), st.integers(4, 400))
def test_pieces_are_exact_and_bounded(text: str, limit: int) -> None:
    pieces = split_pieces(text, limit)
    check_pieces(text, pieces, limit)
    assert "".join("".join(p.split()) for _, p in pieces) == "".join(text.split())


def test_a_paragraph_longer_than_the_model_allows_is_parsed() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 20_000
    text = "Opening line.\n\n" + SENTENCE * 800  # one paragraph of 43,200 characters
    with pytest.raises(ValueError, match="E088"):
        nlp(text)
    parsed = ParsedDocument.parse(text, nlp)
    assert len(parsed.paragraphs) > 2
    for sentence in parsed.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    at = text.rindex("Tuesday")
    found = parsed.sentence_at(at)
    assert found is not None and found.start <= at < found.end
    assert parsed.paragraph_at(at) is parsed.paragraphs[-1]
    assert parsed.sentence_at(len(text) + 5) is None


def brute_force(entities: list[Entity], start: int, end: int) -> int | None:
    best: tuple[int, int] | None = None
    for position, entity in enumerate(entities):
        for mention in entity.mentions:
            overlap = min(end, mention.end) - max(start, mention.start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, position)
    return best[1] if best else None


def test_mention_index_agrees_with_a_scan_as_mentions_are_added() -> None:
    rng = random.Random(7)
    entities = [Entity(key, "Person", f"P{key}") for key in range(30)]
    index = MentionIndex()
    for round_ in range(40):
        for _ in range(10):
            start = rng.randrange(0, 3000)
            entity = rng.choice(entities)
            entity.mentions.append(Mention(start, start + rng.randrange(1, 150), "x", "name"))
            if round_ % 3 == 0:
                entity.mentions.sort(key=lambda m: m.start)
        if round_ == 20:
            entities = entities[:25]  # a component that rebuilds the entity list
        index.refresh(entities)
        for _ in range(50):
            start = rng.randrange(0, 3100)
            end = start + rng.randrange(0, 300)
            assert index.at(start, end) == brute_force(entities, start, end), (start, end)


def test_batches_are_bounded_by_count_and_by_characters() -> None:
    from dossier.nlp.parse import BATCH_CHARS, _batches

    texts = ["x" * 400] * 100 + ["y" * 5000] * 60
    batches = list(_batches(texts, 64))
    assert [t for batch in batches for t in batch] == texts
    assert all(len(batch) <= 64 for batch in batches)
    assert all(sum(map(len, batch)) <= BATCH_CHARS for batch in batches)
    assert [len(batch) for batch in batches[:3]] == [64, 36 + 17, 20]


def test_parse_many_cuts_pieces_in_every_body() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 20_000
    short, long = "One short line.", "Opening line.\n\n" + SENTENCE * 800
    first, second = ParsedDocument.parse_many([short, long], nlp)
    assert [p.doc.text for p in first.paragraphs] == [short]
    assert len(second.paragraphs) > 2
    assert all(second.text[p.offset : p.end] == p.doc.text for p in second.paragraphs)
