"""Small reads of spaCy's dependency parse that the claim rules share.

Everything here takes and returns spaCy tokens; nothing leaves the `extract` stage as spaCy
objects (the claims component turns tokens into entity keys and body offsets).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .lexicon import ClaimLexicon, claim_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: Dependents that end a compact noun phrase (clauses, appositions, punctuation, coordination).
_PHRASE_STOP = frozenset(
    {"relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "ccomp", "xcomp", "parataxis"}
)
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
#: Prepositions whose object is the other side of an event, in order of preference.
TARGET_PREPS: tuple[str, ...] = (
    "with", "to", "against", "on", "for", "at", "from", "into", "toward", "towards", "over",
    "between", "in", "of", "upon", "behind",
)  # fmt: skip


def conjuncts(token: Token) -> list[Token]:
    """The token and every token coordinated with it ("X and Y"), in text order."""
    return sorted([token, *token.conjuncts], key=lambda t: t.i)


def misparsed_apposition(token: Token) -> Token | None:
    """ "His ally in the Senate, Sen. X, went further": the parser may make both the noun and
    the name subjects of the verb; the name after the comma is the noun's apposition."""
    if token.dep_ not in _SUBJECTS or token.head.i == token.i:
        return None
    for sibling in token.head.children:
        if sibling.i <= token.i or sibling.dep_ != token.dep_ or sibling.pos_ != "PROPN":
            continue
        first = min(t.i for t in sibling.subtree)
        if first > 0 and token.doc[first - 1].text == ",":
            return sibling
    return None


def phrase_bounds(token: Token) -> tuple[int, int]:
    """Token indices [start, end) of the compact phrase headed by `token` (no clauses)."""
    indices = [token.i]
    stack = [child for child in token.children if child.dep_ not in _PHRASE_STOP]
    while stack:
        child = stack.pop()
        indices.append(child.i)
        stack.extend(c for c in child.children if c.dep_ not in {"relcl", "acl", "punct"})
    return min(indices), max(indices) + 1


def actor_phrase(token: Token) -> Span:
    """The actor phrase: the compact phrase plus its apposition ("X, the relief coordinator")."""
    start, end = phrase_bounds(token)
    for child in token.children:
        if child.dep_ == "appos":
            _, end = phrase_bounds(child)
            end = max(end, child.i + 1)
    return token.doc[start:end]


def phrase(token: Token) -> Span:
    """The compact phrase headed by `token` as a span of its Doc."""
    start, end = phrase_bounds(token)
    return token.doc[start:end]


def governing_verb(token: Token) -> Token | None:
    """The nearest verb (or auxiliary/adjective predicate) above `token`, itself included."""
    current: Token | None = token
    while current is not None:
        if current.pos_ in {"VERB", "AUX"}:
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """Who does `verb`: its subject, else (for to-clauses and coordinated verbs) its governor's.

    For a passive verb ("was arrested by X") the doer is the agent, or unknown.
    """
    passive = depth == 0 and is_passive(verb)
    # "CITY, Country — X traveled": a parser may give the dateline as a second subject.
    children = sorted(verb.children, key=lambda c: c.dep_ in _SUBJECTS and in_dateline(c))
    for child in children:
        if child.dep_ == "nsubjpass" and passive:
            continue
        if child.dep_ in _SUBJECTS:
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return verb.head
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    if passive:
        return None
    inherits = verb.dep_ in {"xcomp", "advcl", "conj", "acl", "pcomp"}
    if depth < 4 and inherits and verb.head.i != verb.i:
        if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            return verb.head
        return subject_of(verb.head, depth + 1)
    return None


def is_passive(verb: Token) -> bool:
    """True when `verb` has a passive subject ("was arrested")."""
    return any(child.dep_ in {"nsubjpass", "auxpass"} for child in verb.children)


def object_candidates(trigger: Token, depth: int = 0) -> list[Token]:
    """Heads of what the event is done to or with, most likely first."""
    out: list[Token] = []
    children = list(trigger.children)
    if trigger.pos_ in {"VERB", "AUX", "ADJ"} and is_passive(trigger):
        out.extend(c for c in children if c.dep_ == "nsubjpass")
    out.extend(c for c in children if c.dep_ in {"dobj", "attr", "oprd"})
    out.extend(c for c in children if c.dep_ == "dative" and c.pos_ != "ADP")
    preps = [
        c
        for c in children
        if (c.dep_ in {"prep", "agent"} or (c.dep_ == "dative" and c.pos_ == "ADP"))
        and c.lower_ in TARGET_PREPS
    ]
    preps.sort(key=lambda p: TARGET_PREPS.index(p.lower_))
    # "with X and with Y": the second preposition hangs off the first as its conjunct.
    preps = [q for p in preps for q in [p, *(c for c in p.conjuncts if c.pos_ == "ADP")]]
    for prep in preps:
        for child in prep.children:
            if child.dep_ == "pobj" or (child.dep_ == "pcomp" and child.pos_ != "VERB"):
                out.append(child)
            elif child.dep_ == "pcomp":  # "to surviving members", "with X saying": gerunds
                out.extend(c for c in child.children if c.dep_ in {"nsubj", "dobj"})
    for obj in list(out):
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ in {"to", "for", "against", "with", "of"}:
                out.extend(c for c in prep.children if c.dep_ == "pobj")
    if depth < 2:
        for child in children:
            if child.dep_ in {"xcomp", "ccomp"}:
                out.extend(c for c in child.children if c.dep_ in _SUBJECTS)
                out.extend(object_candidates(child, depth + 1))
    return [t for t in out if t.pos_ not in {"VERB"} and not is_time(t)]


_TIME_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
     "yesterday", "tomorrow", "week", "month", "year", "night", "morning", "evening", "weekend"}
)  # fmt: skip


def is_time(token: Token) -> bool:
    """True for a date or time phrase head ("Tuesday", "last month"): never an actor."""
    return token.ent_type_ in {"DATE", "TIME"} or token.lower_ in _TIME_WORDS


def in_subtree(token: Token, heads: Iterable[Token]) -> bool:
    """True when `token` is one of `heads` or below one of them."""
    head_ids = {h.i for h in heads}
    current = token
    while True:
        if current.i in head_ids:
            return True
        if current.head.i == current.i:
            return False
        current = current.head


def clause_chain(token: Token) -> list[Token]:
    """`token` and the verbs above it, up to the root (for modality and attribution)."""
    chain = [token]
    current = token
    while current.head.i != current.i:
        current = current.head
        chain.append(current)
    return chain


def _child_cue(child: Token, status: str, cues: list[str], hedges: frozenset[str]) -> str:
    """Update `status` with what one dependent says (not, reportedly, may, will)."""
    low = child.lower_
    if child.dep_ == "neg" or low in {"never", "not", "n't", "n’t"}:
        cues.append(low)
        return "denied"
    if status == "denied":
        return status
    if low in hedges or (child.dep_ == "aux" and low in {"may", "might", "could", "should"}):
        cues.append(low)
        return "hedged"
    if child.dep_ == "mark" and low in _CONDITIONS:
        cues.append(low)  # "if X meets Y": a condition, not an event
        return "hedged"
    future = low in {"will", "'ll", "’ll", "shall", "wo"}
    if child.dep_ == "aux" and future and status == "asserted":
        cues.append(low)
        return "planned"
    if child.dep_ == "aux" and low in {"would", "'d", "’d"} and status == "asserted":
        cues.append(low)  # "would meet": a hypothetical, or a plan reported in the past
        return "hedged"
    return status


#: Subordinators that make their clause a condition or an open question ("if", "whether").
_CONDITIONS = frozenset({"if", "unless", "whether", "lest"})
#: Verbs after which the event is a plan ("going to meet", "scheduled to visit").
_TO_FUTURE = frozenset({"go", "schedule", "slate", "due", "set", "poise"})


def _purpose(trigger: Token, lexicon: ClaimLexicon) -> bool:
    """True for an infinitive of purpose: "flew to X to meet Y", "travelling to visit her"."""
    has_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children)
    if not has_to or trigger.dep_ not in {"advcl", "xcomp"}:
        return False
    head = trigger.head.lemma_.lower()
    told = {"plan", "want", "decline", "refuse"} | lexicon.words("planned_verbs")
    return trigger.dep_ == "advcl" or head in {"travel", "fly", "go", "come", "head"} - told


def _plans(token: Token, below: Token, lexicon: ClaimLexicon) -> bool:
    """True when `token` makes the clause below it a plan ("plans to", "is going to meet")."""
    if token.lemma_ in lexicon.words("planned_verbs"):
        return True
    return token.lemma_ in _TO_FUTURE and below.dep_ == "xcomp"


def _is_question(trigger: Token) -> bool:
    """True when the trigger's sentence is a question ("Will X meet Y?", "Did X …?")."""
    sent = trigger.sent
    last = next(
        (t for t in reversed(sent) if not t.is_space and t.text not in {'"', "”", "’", "'"}), None
    )
    return last is not None and last.text == "?"


def modality(trigger: Token) -> tuple[str, list[str]]:
    """(status, cues) of the event at `trigger`: denied, hedged, planned or asserted."""
    lexicon = claim_lexicon()
    hedge_adverbs = lexicon.words("hedge_adverbs")
    cues: list[str] = []
    status = "asserted"
    if trigger.pos_ in {"NOUN", "PROPN"} and trigger.dep_ in _SUBJECTS:
        # "His meeting with X was not political": the clause says what the event was, not
        # whether it happened.
        return ("hedged", ["?"]) if _is_question(trigger) else ("asserted", [])
    chain = clause_chain(trigger)
    if _purpose(trigger, lexicon):
        cues.append("to")
        return "planned", cues  # "was traveling to Cairo to visit her": an aim
    lemma_only = False
    for level, token in enumerate(chain[:4]):
        if level and chain[level - 1].dep_ == "relcl":
            break
        if not lemma_only:
            for child in token.children:
                status = _child_cue(child, status, cues, hedge_adverbs)
        if level and token.lemma_ in lexicon.words("denial_verbs"):
            cues.append(token.lemma_)
            status = "denied"
        elif level and token.lemma_ in lexicon.words("hedge_verbs") and is_passive(token):
            cues.append(f"is {token.text} to")
            status = "hedged" if status != "denied" else status
        elif level and status == "asserted" and _plans(token, chain[level - 1], lexicon):
            cues.append(token.lemma_)
            status = "planned"
        if lemma_only or token.dep_ in {"ROOT", "parataxis"}:
            break
        lemma_only = token.dep_ == "ccomp"
    if status in {"asserted", "planned"} and _is_question(trigger):
        cues.append("?")
        status = "hedged"  # a question asks whether it happened; it does not say so
    return status, cues


_DASHES = frozenset({"—", "–", "-", "--"})


def in_dateline(token: Token) -> bool:
    """True for a token of a leading dateline ("KESSA, Morvania —", "CITY, Nov 25 (AGENCY) -").

    Parsers often make the city the subject of the first sentence; it never acts.
    """
    sent = token.sent
    first = sent[0]
    agency = _agency_dateline(sent)
    if agency is not None:
        return token.i < agency  # "New York (AGENCY) –": a place and a wire, never an actor
    if not (first.is_alpha and len(first.text) >= 3 and first.text.isupper()):
        return False
    dash = next((t for t in sent[:15] if t.text in _DASHES), None)
    return dash is not None and token.i < dash.i


def _agency_dateline(sent: Span) -> int | None:
    """Index of the dash ending "Place (AGENCY) –" at a sentence's start, else None."""
    words = list(sent[:10])
    for n, word in enumerate(words[:-3]):
        closing = words[n + 2]
        if word.text == "(" and words[n + 1].text.isupper() and closing.text == ")":
            dash = words[n + 3]
            return dash.i if dash.text in _DASHES else None
    return None


def sentence_tokens(span: Span) -> list[Token]:
    """The tokens of a sentence span as a list."""
    return list(span)
