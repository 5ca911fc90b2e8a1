"""Election results: winner, opponent, vote shares, round and date from one sentence.

"X won the Dec. 14 runoff, garnering 58.30% of the vote over Y's 41.70%" becomes
`election_result(subject=X, object=Y, value=58.3, unit="percent",
attributes={"opponent_share": 41.7, "round": "runoff"}, date=<Dec. 14>)`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...records import Claim
from .build import make_claim
from .index import EntityIndex
from .lexicon import claim_lexicon
from .syntax import subject_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...nlp.parse import SentenceView

_NUMBER = re.compile(r"^\d{1,3}(?:[.,]\d+)?$")
_ROUNDS = (
    ("runoff", "runoff"), ("run-off", "runoff"), ("second round", "runoff"),
    ("first round", "first round"), ("primary", "primary"), ("primaries", "primary"),
)  # fmt: skip


def _percent_at(token: Token) -> float | None:
    """The share a token states: "58.30" before "%"/"percent", or "58.30%" as one token."""
    doc = token.doc
    text = token.text.rstrip("%")
    if not _NUMBER.match(text):
        return None
    if token.text.endswith("%"):
        return float(text.replace(",", "."))
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in {"%", "percent", "per"}:
        return float(text.replace(",", "."))
    return None


def _shares(tokens: list[Token]) -> list[tuple[Token, float]]:
    return [(t, share) for t in tokens for share in [_percent_at(t)] if share is not None]


#: Words that make a sentence about a forecast, not a count of votes.
_FORECASTS = frozenset({"poll", "polls", "polling", "survey", "forecast", "odds", "markets"})


def _stated_result(verb: Token) -> bool:
    """True when the verb states a result: "won", "has won", "wins" (a headline), "winning
    the biggest bloc" — not "to win", "can clinch", "would have to win", nor a poll's lead."""
    if verb.tag_ == "VB":
        return False  # an infinitive or a modal's verb: a hope, a need, a forecast
    return not any(t.lower_ in _FORECASTS for t in verb.sent)


def _is_election(verb: Token) -> bool:
    nouns = claim_lexicon().words("election_nouns")
    for child in verb.children:
        if child.dep_ in {"dobj", "prep", "npadvmod"} and any(
            t.lemma_.lower() in nouns for t in child.subtree
        ):
            return True
    return False


#: Places behind the first: "secured second place" is no win.
_BEHIND = frozenset({"second", "third", "fourth", "fifth", "sixth", "last", "runner-up"})


def _placed_behind(verb: Token) -> bool:
    """True when the verb's object is a place other than first ("secured second place",
    "won third place in the primary"): a finish, not a win."""
    for child in verb.children:
        if child.dep_ == "dobj" and any(t.lower_ in _BEHIND for t in child.subtree):
            return True
    return False


def _winner(subject: Token, index: EntityIndex) -> int | None:
    """The entity that won: the subject itself, or a name apposed to it. A common noun that
    only carries a name as its modifier ("X supporters won three slots", "the GOP candidate
    won") is a group or someone else, not the named one."""
    if subject.pos_ == "NOUN" and index.key_at(subject) is None:
        appositions = [c for c in subject.children if c.dep_ == "appos"]
        keys = [k for c in appositions for k in [index.key_at(c)] if k is not None]
        return keys[0] if keys else None
    return index.key_of(subject)


def _round(text: str) -> str | None:
    low = text.lower()
    return next((label for cue, label in _ROUNDS if cue in low), None)


def _opponent(verb: Token, index: EntityIndex, winner: int) -> tuple[int | None, Token | None]:
    """The loser: the object of "defeated"/"beat", or the name after "over"/"against"."""
    candidates: list[Token] = []
    if verb.lemma_ in {"defeat", "beat", "edge", "trounce"}:
        candidates.extend(c for c in verb.children if c.dep_ == "dobj")
    for token in verb.subtree:
        if token.lower_ in {"over", "against", "ahead"} and token.dep_ in {"prep", "advmod"}:
            candidates.extend(t for t in token.subtree if t.pos_ == "PROPN")
    for token in candidates:
        key = index.key_of(token)
        if key is not None and key != winner and index.type_of(key) == "Person":
            return key, token
    return None, None


def _other_antecedent(subject: Token, verb: Token, index: EntityIndex) -> bool:
    """True when a pronoun winner in a time clause may be the other person of the clause it
    hangs on: "X was quick to embrace the mogul after he clinched the nomination" — "he" is
    the mogul, a described person no name resolves to (audits c5-c7)."""
    if subject.pos_ != "PRON" or verb.dep_ != "advcl":
        return False
    for other in verb.head.children:
        if other.dep_ not in {"dobj", "pobj", "dative"}:
            continue
        if other.pos_ == "NOUN" and any(
            c.lower_ in {"the", "this", "that"} for c in other.children
        ):
            return True  # "the mogul", "the candidate": a person described, not named
        key = index.key_of(other)
        if other.pos_ == "PROPN" and key is not None and index.type_of(key) == "Person":
            return True  # two people before the pronoun: which one won is not clear
    return False


def election_claims(sentence: SentenceView, index: EntityIndex) -> list[Claim]:
    """Election results stated in one sentence."""
    lexicon = claim_lexicon()
    claims: list[Claim] = []
    for verb in sentence.span:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in lexicon.words("election_verbs"):
            continue
        if any(c.dep_ == "prt" for c in verb.children):
            continue  # "beat up on X", "won over X's donors", "lost out": not a result
        if not _stated_result(verb):
            continue
        defeat_with_shares = verb.lemma_ in {"defeat", "beat"} and bool(_shares(list(verb.subtree)))
        if (verb.lemma_ == "lose" or not _is_election(verb)) and not defeat_with_shares:
            continue
        if _placed_behind(verb):
            continue
        subject = subject_of(verb)
        winner = _winner(subject, index) if subject is not None else None
        if winner is None or (subject is not None and _other_antecedent(subject, verb, index)):
            continue
        opponent, opponent_token = _opponent(verb, index, winner)
        shares = _shares(list(verb.subtree))
        value: float | None = None
        attributes: dict[str, object] = {}
        if shares:
            # The opponent's share sits right on their name ("over Y's 41.7%").
            near = opponent_token.i if opponent_token is not None else -10
            theirs = [s for t, s in shares if 0 < t.i - near <= 3]
            ours = [s for t, s in shares if not 0 < t.i - near <= 3]
            value = ours[0] if ours else None
            if theirs:
                attributes["opponent_share"] = theirs[0]
        round_label = _round(" ".join(t.text for t in verb.subtree))
        if round_label:
            attributes["round"] = round_label
        claims.append(
            make_claim(
                "election_result", winner, verb, sentence, index, obj=opponent, value=value,
                unit="percent" if value is not None else None, attributes=attributes,
            )
        )  # fmt: skip
    return claims
