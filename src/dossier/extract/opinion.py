"""The outlet's verdicts kept apart from facts: loaded characterisations become `opinion` claims.

A subjectivity lexicon (`dossier/lexicons/subjectivity.txt`) marks loaded words and phrases
("lunatic", "right-wing extremist", "dirty secrets", "sniveling"). Each hit becomes
`Claim(kind="opinion", status="opinion", holder=<the outlet>, subject=<who it characterises>,
value=<the loaded phrase>)` — never a fact about the person — and the document gets
`analysis.loaded_score`, the share of its sentences that carry such language. Inside a quote
the holder is the quoted speaker rather than the outlet.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from ..nlp.parse import SentenceView
from ..nlp.registry import Component, DocumentState, component
from ..records import Claim, Evidence
from ..settings import Settings
from .claim_index import EntityIndex
from .claim_lexicon import subjectivity_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["find_loaded", "opinion_claims"]

_DEFAULT_HOLDER = "the outlet"
_WORD_BREAK = re.compile(r"[\s-]")


def find_loaded(sentence: SentenceView) -> list[tuple[int, int, str]]:
    """(first token, end token, class) of each loaded phrase in the sentence, longest first."""
    lexicon = subjectivity_lexicon()
    longest, openings = _lexicon_openings()
    tokens = list(sentence.span)
    hits: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        if not tokens[i].is_space and _first_word(tokens[i].text.lower()) not in openings:
            i += 1  # no loaded phrase begins with this word (the quick test)
            continue
        found = None
        for size in range(min(longest + 2, len(tokens) - i), 0, -1):
            span = tokens[i : i + size]
            text = "".join(t.text_with_ws for t in span).strip().lower().replace(" - ", "-")
            words = " ".join(text.replace("-", " - ").split()).replace(" - ", "-")
            if words in lexicon:
                found = (span[0].i, span[-1].i + 1, lexicon[words])
                break
        if found is None:
            i += 1
            continue
        hits.append(found)
        i += found[1] - found[0]
    return hits


def _first_word(text: str) -> str:
    return _WORD_BREAK.split(text.strip(), maxsplit=1)[0]


@cache
def _lexicon_openings() -> tuple[int, frozenset[str]]:
    """The longest phrase's length in words, and every beginning of a phrase's first word
    (a token may be only the start of it: "don" of "don't")."""
    lexicon = subjectivity_lexicon()
    longest = max((len(p.split()) for p in lexicon), default=1)
    firsts = {_first_word(p) for p in lexicon}
    return longest, frozenset(w[:n] for w in firsts for n in range(len(w) + 1))


def _phrase_head(doc_tokens: list[Token]) -> Token:
    """The noun a loaded word modifies, or the loaded word when it is itself the noun."""
    last = doc_tokens[-1]
    token = last
    while token.dep_ in {"amod", "compound", "advmod", "punct"} and token.head.i != token.i:
        token = token.head
    return token


def _characterised(head: Token, index: EntityIndex) -> int | None:
    """Who the loaded phrase is about: the name it describes, is apposed to, or belongs to."""
    seen = 0
    token = head
    while seen < 4:
        seen += 1
        key = index.key_of(token)
        if key is not None:
            return key
        for child in token.children:
            if child.dep_ == "poss":
                owner = index.key_at(child)
                if owner is not None:
                    return owner
        if token.dep_ in {"appos", "conj", "compound", "amod", "attr", "acomp"}:
            token = token.head
            if token.pos_ in {"AUX", "VERB"}:
                subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
                return index.key_of(subjects[0]) if subjects else None
            continue
        if token.dep_ == "pobj" and token.head.dep_ == "prep":
            token = token.head.head
            continue
        if token.dep_ == "dobj" and token.pos_ == "NOUN":
            # "X sent a gushing message": the verdict is on X's act, so on X.
            subjects = [
                c for c in token.head.children if c.dep_ == "nsubj" and c.pos_ in {"PROPN", "PRON"}
            ]
            return index.key_of(subjects[0]) if subjects else None
        break
    return None


def _value(words: list[Token]) -> str:
    """The loaded phrase with the common noun it qualifies ("lunatic ally", "fascist
    dictator"), never the name it is said of."""
    doc = words[0].doc
    end = words[-1].i + 1
    token = words[-1]
    while (token.pos_ != "NOUN" or token.i < end) and token.dep_ in {
        "amod",
        "compound",
        "advmod",
        "punct",
    }:
        if token.head.i == token.i:
            break
        token = token.head
    if token.pos_ == "NOUN" and token.i >= end and token.i - end < 4:
        end = token.i + 1
    return doc[words[0].i : end].text


def opinion_claims(state: DocumentState) -> tuple[list[Claim], float]:
    """Opinion claims of the document and the share of sentences that carry loaded language."""
    index = EntityIndex(state)
    text = state.article.text
    outlet = state.article.site or _DEFAULT_HOLDER
    claims: list[Claim] = []
    loaded_sentences = 0
    sentences = state.parsed.sentences
    for sentence in sentences:
        index.paragraph = sentence.paragraph
        hits = find_loaded(sentence)
        if hits:
            loaded_sentences += 1
        for start, end, label in hits:
            doc = sentence.span.doc
            head = _phrase_head(list(doc[start:end]))
            subject = _characterised(head, index)
            first, _ = index.offsets(doc[start])
            _, last = index.offsets(doc[end - 1])
            quote = index.quote_at(first, last)
            holder = outlet
            via: list[int] = []
            # Only a direct quotation carries the speaker's own words; a paraphrase is the
            # outlet's wording.
            if quote is not None and quote.speaker is not None and quote.kind == "direct":
                speaker = index.entity(quote.speaker)
                holder = speaker.name if speaker is not None else outlet
                via = [quote.speaker, *quote.via]
            claims.append(
                Claim(
                    kind="opinion", subject=subject, status="opinion", holder=holder,
                    value=_value(list(doc[start:end])),
                    evidence=Evidence(sentence.start, sentence.end,
                                      text[sentence.start : sentence.end], via=via),
                    attributes={"class": label, "start": first, "end": last},
                )
            )  # fmt: skip
    score = loaded_sentences / len(sentences) if sentences else 0.0
    return claims, round(score, 4)


@component("opinion")
def make_opinion(settings: Settings) -> Component:
    """The opinion component: outlet's loaded characterisations and the document's score."""

    def run(state: DocumentState) -> None:
        claims, score = opinion_claims(state)
        state.analysis.claims.extend(claims)
        state.analysis.loaded_score = score

    return run
