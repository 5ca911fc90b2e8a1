"""Event triggers in one parsed sentence: who did what to whom, by the trigger lexicon.

`find_events` is the rule backend's reading of a sentence; the claims component maps its
token heads to entities, and `bench/events.py` scores it against the PLOVER gold records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .lexicon import Trigger, claim_lexicon
from .plover import plover_for, to_current
from .syntax import object_candidates, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_MEAL_VERBS = frozenset({"have", "hold", "host", "attend", "join", "share", "stage", "launch"})
#: Verbs that carry no event of their own when their object names one ("launched a mediation").
_LIGHT_VERBS = frozenset(
    {"launch", "undertake", "stage", "hold", "issue", "make", "take", "lodge", "give", "open",
     "conduct", "begin", "start", "complete", "announce", "reiterate", "send", "dispatch",
     "impose", "reimpose", "declare", "extend"}
)  # fmt: skip
#: Types that become an offer (AGREE) when only promised, and a THREATEN when hostile.
_COOPERATIVE = frozenset({"SUPPORT", "AID", "CONCEDE", "CONSULT", "COOPERATE", "RETREAT"})
_HOSTILE = frozenset({"SANCTION", "COERCE", "FIGHT", "ASSAULT", "PROTEST", "MOBILIZE"})
#: Actors whose violence is conventional military force (FIGHT) rather than ASSAULT.
_MILITARY = frozenset(
    {"army", "armies", "forces", "force", "troops", "soldiers", "military", "aircraft", "navy",
     "warplanes", "jets", "gunships", "helicopters", "artillery", "tanks", "warships", "marines"}
)  # fmt: skip
#: Violence done to people in one's power: ASSAULT whoever does it, soldiers included.
_ABUSE = frozenset({"torture", "beat", "abuse", "rape", "kidnap", "abduct", "execute"})
#: Verbs whose subject undergoes the event its object noun names ("drew criticism", "faced
#: sanctions", "won praise"): the subject is the target, not the source.
#: Prepositions before an event noun whose clause subject undergoes the event rather than
#: doing it: "against accusations", "amid criticism", "despite attacks".
_ENDURED_PREPS = frozenset({"against", "amid", "amidst", "despite", "under"})
_UNDERGO_VERBS = frozenset(
    {"draw", "face", "receive", "attract", "earn", "incur", "suffer", "endure", "weather",
     "invite", "court", "win", "garner", "get", "survive", "withstand", "deflect", "dismiss",
     "ignore", "shrug", "rebuff", "escape", "avoid"}
)  # fmt: skip
_ACTOR_POS = frozenset({"PROPN", "NOUN", "PRON", "ADJ", "NUM"})
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


@dataclass
class EventMatch:
    """One trigger with the heads of its source and its candidate targets."""

    trigger: Token
    lemma: str
    plover: str | None
    kind: str | None
    source: Token | None
    targets: list[Token] = field(default_factory=list)

    @property
    def depth(self) -> int:
        """How far the trigger sits below the sentence root (the main event is shallowest)."""
        depth, token = 0, self.trigger
        while token.head.i != token.i:
            depth, token = depth + 1, token.head
        return depth


#: Verb particles that take a trigger out of its lexicon sense: "blasted out a robocall",
#: "blasted off", "hammered out a deal", "knocked out" (a boxer), "slammed shut".
_OTHER_SENSE: dict[str, set[str]] = {
    "blast": {"out", "off"},
    "hammer": {"out"},
    "knock": {"out"},
    "slam": {"shut"},
}


def _verb_trigger(token: Token) -> tuple[str, Trigger] | None:
    lexicon = claim_lexicon()
    lemma = token.lemma_.lower()
    if token.pos_ == "ADJ" and lemma in {"ready", "willing", "prepared"}:
        # "ready to talk" is an offer; "prepared to impose martial law" a threat.
        for clause in token.children:
            planned = _verb_trigger(clause) if clause.dep_ == "xcomp" else None
            if planned is not None and planned[1].plover in _HOSTILE:
                return lemma, Trigger("THREATEN", None)
        return lemma, Trigger("AGREE", None)
    if token.pos_ not in {"VERB"}:
        return None
    if lemma == "call" and _called_for(token) is not None:
        return "call for", Trigger("DEMAND", "support")
    if lemma == "call" and any(c.dep_ == "prt" and c.lower_ == "off" for c in token.children):
        return "call off", Trigger("CONCEDE", None)
    if lemma in {"speak", "talk", "chat", "eat"} and _has_prep(token, "with"):
        # "spoke by phone with X and with Y": a conversation between the two sides.
        return lemma, Trigger("CONSULT", "meeting")
    if lemma in _MEAL_VERBS:
        for child in token.children:
            noun = lexicon.nouns.get(child.lemma_.lower())
            if child.dep_ == "dobj" and noun is not None and noun.kind == "meeting":
                return child.lemma_.lower(), noun
    if lemma in _LIGHT_VERBS:
        for child in token.children:
            if child.dep_ not in {"dobj", "attr"}:
                continue
            for word in [child, *(c for c in child.children if c.dep_ == "compound")]:
                found = lexicon.nouns.get(word.lemma_.lower())
                if found is not None and found.plover is not None:
                    return word.lemma_.lower(), Trigger(
                        found.plover, lexicon.verbs.get(lemma, Trigger(None, None)).kind
                    )
    if lemma == "blame" and token.dep_ == "xcomp" and token.head.lemma_ == "be":
        return None  # "X is to blame for Y": X is blamed, and blames no one
    particles = {c.lower_ for c in token.children if c.dep_ == "prt"}
    if particles & _OTHER_SENSE.get(lemma, set()):
        return None  # "blasted out a robocall": a particle gives the verb another sense
    trigger = lexicon.verbs.get(lemma)
    return (lemma, trigger) if trigger is not None else None


def _called_for(token: Token) -> Token | None:
    """The "for" of "called for X", right after the verb (a particle or adverb between at most):
    "called a referendum … for June 5" calls for nothing."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "for":
            between = token.doc[token.i + 1 : child.i]
            if all(t.dep_ in {"prt", "advmod"} for t in between):
                return child
    return None


def _has_prep(token: Token, word: str) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == word for c in token.children)


def _noun_trigger(token: Token) -> tuple[str, Trigger] | None:
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    if token.head.lower_ == "in" and token.dep_ == "pobj":
        return None  # "in support of", "in protest at": a manner, not an event of its own
    trigger = claim_lexicon().nouns.get(token.lemma_.lower())
    return (token.lemma_.lower(), trigger) if trigger is not None else None


def _noun_source(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    head = noun.head
    if noun.dep_ == "compound":
        return _noun_source(head)
    if noun.dep_ == "pobj" and head.lower_ in _ENDURED_PREPS:
        # "X defended himself against accusations", "amid criticism from Y": X is the one
        # accused or criticised; the source is only who the phrase names with "from"/"by".
        return next(iter(_from_objects(noun)), None)
    if noun.dep_ in {"dobj", "pobj", "attr"} and head.pos_ in {"VERB", "AUX", "ADP"}:
        verb = head.head if head.pos_ == "ADP" else head
        if noun.dep_ == "dobj" and verb.lemma_.lower() in _UNDERGO_VERBS:
            # "X drew criticism (from Y)": X is criticised, by Y or by someone unnamed.
            return next(iter(_from_objects(noun) + _from_objects(verb)), None)
        return subject_of(verb)
    return None


def _from_objects(token: Token) -> list[Token]:
    return [
        pobj
        for prep in token.children
        if prep.dep_ in {"prep", "agent"} and prep.lower_ in {"from", "by"}
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def _undergoer(noun: Token) -> list[Token]:
    """The subject of "X drew criticism", who is the event's target."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ in _ENDURED_PREPS:
        verb = verb.head  # "X defended himself against accusations": X is accused
        if verb.pos_ not in {"VERB", "AUX"}:
            return []
    elif noun.dep_ != "dobj" or verb.lemma_.lower() not in _UNDERGO_VERBS:
        return []
    subject = subject_of(verb)
    return [subject] if subject is not None else []


def _noun_targets(noun: Token) -> list[Token]:
    sources = {t.i for t in _from_objects(noun) + _from_objects(noun.head)}
    undergoer = _undergoer(noun)
    out = [*undergoer, *(t for t in object_candidates(noun) if t.i not in sources or not undergoer)]
    head = noun
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
        out.extend(object_candidates(head))
    if head.dep_ in {"dobj", "attr"}:
        out.extend(t for t in object_candidates(head.head) if t.i != head.i)
    return out


def find_events(sentence: Span) -> list[EventMatch]:
    """Every trigger in the sentence with its source and targets, in text order."""
    events: list[EventMatch] = []
    taken: set[int] = set()
    for token in sentence:
        found = _verb_trigger(token)
        if found is not None:
            lemma, trigger = found
            targets = object_candidates(token)
            if lemma == "call for":
                # What is called for is the object of "for", not a fronted "To a standing
                # ovation, X called for …".
                prep = _called_for(token)
                targets = [c for c in prep.children if c.dep_ == "pobj"] if prep else []
            noun = next((c for c in token.children if c.lemma_.lower() == lemma), None)
            if trigger.kind == "meeting" and lemma not in claim_lexicon().verbs and noun:
                # "had lunch with X": the meal noun's targets count too.
                taken.add(noun.i)
                targets = [*object_candidates(noun), *targets]
            events.append(
                EventMatch(token, lemma, trigger.plover, trigger.kind, subject_of(token), targets)
            )
    for token in sentence:
        if token.i in taken:
            continue
        found = _noun_trigger(token)
        if found is not None:
            lemma, trigger = found
            events.append(
                EventMatch(
                    token, lemma, trigger.plover, trigger.kind, _noun_source(token),
                    _noun_targets(token),
                )
            )  # fmt: skip
    events.sort(key=lambda e: e.trigger.i)
    return events


def is_named(token: Token) -> bool:
    """True for a token inside a named entity or a proper noun (a likely actor)."""
    return token.ent_type_ in _NAMED or token.pos_ == "PROPN"


def best_target(event: EventMatch) -> Token | None:
    """The most likely target: the first named candidate, else the first nominal one."""
    candidates = [t for t in event.targets if t.pos_ in _ACTOR_POS]
    if event.source is not None:
        candidates = [t for t in candidates if t.i != event.source.i]
    for token in candidates:
        if is_named(token) or any(is_named(t) for t in token.subtree):
            return token
    purpose = _purpose_target(event.trigger)
    if purpose is not None:
        return purpose
    return candidates[0] if candidates else None


def _purpose_target(trigger: Token) -> Token | None:
    """ "began a hunger strike to protest the minister's decision": whom the action is aimed
    at, named in its purpose clause (the owner of what is protested, or the object itself)."""
    for clause in trigger.children:
        if clause.dep_ not in {"advcl", "xcomp"} or clause.pos_ != "VERB":
            continue
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            continue
        objects = [c for c in clause.children if c.dep_ == "dobj"]
        for prep in clause.children:
            if prep.dep_ == "prep" and prep.lower_ in {"against", "for", "from", "on"}:
                objects.extend(c for c in prep.children if c.dep_ == "pobj")
        for obj in objects:
            owners = [c for c in obj.children if c.dep_ == "poss" and c.pos_ != "PRON"]
            for token in [*owners, obj]:
                if is_named(token):
                    return token
            for prep in obj.children:  # "demands for freedom from the minister's government"
                if prep.dep_ == "prep" and prep.lower_ in {"from", "for", "of"}:
                    for pobj in prep.children:
                        owner = next((c for c in pobj.children if c.dep_ == "poss"), None)
                        if owner is not None and is_named(owner):
                            return owner
    return None


def _mood(trigger: Token) -> str:
    """ "promised" (will, would, plans to), "refused" (not, failed to), "demanded" (must), or ""."""
    lexicon = claim_lexicon()
    token, mood = trigger, ""
    for _ in range(3):
        for child in token.children:
            low = child.lower_
            if child.dep_ == "neg" or low in {"not", "n't", "never"}:
                return "refused"
            if child.dep_ == "aux" and low in {"must", "should"}:
                mood = "demanded"
            elif child.dep_ == "aux" and low in {"will", "would", "'ll", "shall"} and not mood:
                mood = "promised"
        if token.dep_ == "xcomp" and token.head.lemma_ in {"fail", "refuse", "decline"}:
            return "refused"
        if token.dep_ in {"xcomp", "ccomp"} and token.head.lemma_ in lexicon.words("planned_verbs"):
            mood = mood or "promised"
        if token.dep_ not in {"xcomp", "conj"}:
            break
        token = token.head
    return mood


def _conditional(trigger: Token) -> bool:
    """True when an "unless" clause hangs on the promised action: a condition set on someone."""
    return any(
        clause.dep_ == "advcl" and any(m.lower_ == "unless" for m in clause.children)
        for clause in trigger.children
    )


def coded_type(event: EventMatch) -> str | None:
    """The PLOVER type once the mood is read: promised aid is AGREE, refused aid REJECT."""
    if event.plover is None:
        return None
    mood = _mood(event.trigger)
    if mood == "refused" and event.plover in _COOPERATIVE | {"AGREE"}:
        return "REJECT"
    if mood == "demanded" and event.trigger.pos_ == "VERB":
        return "DEMAND"
    if mood == "promised" and _conditional(event.trigger):
        return "THREATEN"  # "will withdraw its force unless X holds elections"
    if mood == "promised" and event.plover in _COOPERATIVE:
        return "AGREE"
    if mood == "promised" and event.plover in _HOSTILE:
        return "THREATEN"
    if event.plover == "ASSAULT" and event.source is not None and event.lemma not in _ABUSE:
        words = {t.lower_ for t in event.source.subtree}
        if words & _MILITARY:
            return "FIGHT"
    return event.plover


def stored_plover(event: EventMatch) -> str | None:
    """The current-PLOVER type a claim from `event` carries: the mood-coded type the events
    benchmark scores ("will not meet" is REJECT), else the claim kind's own type."""
    coded = coded_type(event)
    if coded == event.plover and event.kind is not None:
        return plover_for(event.kind, event.lemma) or to_current(coded)
    return to_current(coded)


def _reporting() -> frozenset[str]:
    return frozenset(claim_lexicon().words("reporting_verbs") | {"declare", "conclude"})


def _must_clauses(sentence: Span, taken: set[int]) -> list[EventMatch]:
    """ "X said that Y must drop its tariffs": a demand whatever the verb after "must" is."""
    out: list[EventMatch] = []
    for token in sentence:
        if token.i in taken or token.pos_ not in {"VERB", "AUX"} or token.dep_ != "ccomp":
            continue
        if token.head.lemma_ not in _reporting():
            continue
        if any(c.dep_ == "aux" and c.lower_ in {"must", "should"} for c in token.children):
            targets = object_candidates(token)
            out.append(
                EventMatch(token, token.lemma_.lower(), "DEMAND", None, subject_of(token), targets)
            )
    return out


def main_event(sentence: Span) -> EventMatch | None:
    """The event closest to the sentence root that has a PLOVER type (mood applied)."""
    coded = [e for e in find_events(sentence) if e.plover is not None]
    coded.extend(_must_clauses(sentence, {e.trigger.i for e in coded}))
    if not coded:
        return None
    best = min(coded, key=lambda e: (e.depth, e.trigger.pos_ != "VERB", e.trigger.i))
    best.plover = coded_type(best)
    head = best.trigger.head
    # "Russia said that Sudan must return X": Russia demands, of Sudan. A demand the verb
    # itself names ("the judge ordered X to appear", reported by Y) keeps its own sides.
    by_mood = _mood(best.trigger) == "demanded"
    if by_mood and best.trigger.dep_ == "ccomp" and head.lemma_ in _reporting():
        demanded = best.source
        best.source = subject_of(head)
        best.targets = [t for t in [demanded, *best.targets] if t is not None]
    return best
