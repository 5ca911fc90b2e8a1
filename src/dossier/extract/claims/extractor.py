"""Typed claims — meetings, support, criticism, family, jobs, travel, elections — from the parse.

The "claims" component reads each sentence through a `ClaimExtractor`. The built-in backend,
`RuleClaimExtractor`, reads spaCy's dependency parse with the lexicons in
`dossier/lexicons/claim_*.json`; a stronger model can replace it by implementing the same
`extract(sentence, index)` method. Every claim carries the sentence that states it, the date
that sentence gives, its modality (asserted, planned, hedged, denied, reported) and, for
event-like kinds, its PLOVER type.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Protocol

from ...nlp.parse import SentenceView
from ...nlp.registry import Component, DocumentState, component
from ...records import Claim, Evidence
from ...settings import Settings
from ..opinion.lexicon import is_loaded
from .build import make_claim
from .elections import election_claims
from .events import EventMatch, find_events, stored_plover
from .index import EntityIndex
from .lexicon import claim_lexicon
from .relations import relation_claims
from .syntax import (
    clause_chain,
    conjuncts,
    in_dateline,
    in_subtree,
    misparsed_apposition,
    phrase,
    subject_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["ClaimExtractor", "RuleClaimExtractor", "claims_for_document", "make_claim"]

#: Kinds whose target may be a phrase rather than an entity ("pardons for former officers").
_PHRASE_TARGET_KINDS = frozenset({"support", "criticism"})
_PLACE_TYPES = frozenset({"Place", "Country"})


class ClaimExtractor(Protocol):
    """Reads one parsed sentence and returns the claims it states."""

    def extract(self, sentence: SentenceView, index: EntityIndex) -> list[Claim]: ...


class RuleClaimExtractor:
    """Claims from the dependency parse and the trigger and relation lexicons."""

    def extract(self, sentence: SentenceView, index: EntityIndex) -> list[Claim]:
        index.paragraph = sentence.paragraph
        index.current_sentence = sentence.index
        claims: list[Claim] = []
        for event in find_events(sentence.span):
            if event.kind is not None:
                claims.extend(self._event_claims(event, sentence, index))
        meetings = [c for c in claims if c.kind == "meeting" and c.object is not None]
        if meetings and meetings[0].subject is not None:
            index.last_pair = [meetings[0].subject, meetings[0].object]  # type: ignore[list-item]
            index.last_pair_sentence = sentence.index
        claims.extend(relation_claims(sentence, index))
        claims.extend(election_claims(sentence, index))
        return claims

    def _source_keys(self, event: EventMatch, index: EntityIndex) -> list[int]:
        source = event.source
        for _ in range(3):
            if source is None:
                return []
            keys = _actor_keys(source, index)
            recent = index.current_sentence - index.last_pair_sentence <= 2
            if not keys and recent and _the_two(source):
                keys = list(index.last_pair)  # "The two had lunch with X": both of them
            if event.kind in {"meeting", "travel"}:
                # A country or city does not meet anyone or fly anywhere: people do.
                keys = [k for k in keys if index.type_of(k) not in _PLACE_TYPES]
            if keys:
                return keys
            if source.dep_ == "pobj" and source.head.lower_ in {"from", "by"}:
                # "X has drawn criticism from some quarters": an unnamed source; climbing
                # would reach X, who is criticised.
                return []
            # "a proposal that would grant pardons": the proposer is the subject above.
            verb = source.head
            if source.dep_ not in {"dobj", "pobj", "nsubj"} or verb.i == source.i:
                return []
            source = subject_of(verb if verb.pos_ in {"VERB", "AUX"} else verb.head)
        return []

    def _event_claims(
        self, event: EventMatch, sentence: SentenceView, index: EntityIndex
    ) -> list[Claim]:
        assert event.kind is not None
        if event.kind in _ACTS_ON_OTHERS and any(
            t.lower_ in _REFLEXIVE and t.dep_ == "dobj" for t in event.targets
        ):
            return []  # "X defended himself against …": an act on oneself supports no one
        if any(t.lower_ in _NOBODY for t in event.targets):
            return []  # "endorsed none of this", "met no one": a negated object states nothing
        subjects = self._source_keys(event, index)
        if not subjects:
            return []
        place: int | None = None
        objects: list[int] = []
        phrase_value: str | None = None
        phrase_head: Token | None = None
        first_prep: Token | None = None
        unnamed: list[Token] = []
        for target in event.targets:
            # A trip goes to the place named, not to the owner of what is named ("headed
            # X's division" is no trip to X).
            via_poss = event.kind != "travel"
            keys = [k for k in index.keys_of(target, via_poss=via_poss) if k not in subjects]
            place_keys = [k for k in keys if index.type_of(k) in _PLACE_TYPES]
            if event.kind == "travel":
                if not _destination(target, event.trigger):
                    continue  # "spoke in X" after "went": where, not where to
                # Small NER models often type a destination as an organisation: "fly to X".
                to_keys = (
                    keys
                    if target.head.lower_ == "to"
                    and target.head.head.i == event.trigger.i
                    and event.lemma in _FLIGHTS
                    else []
                )
                destination = place_keys or [k for k in to_keys if index.type_of(k) != "Person"]
                if destination and place is None:
                    place = destination[0]
                continue
            if target.head.lower_ in {"in", "at"} and target.head.dep_ == "prep":
                # "met in X", "hosted Y at X": where it happened, never the other side.
                if place_keys and place is None:
                    place = place_keys[0]
                continue
            if event.kind == "meeting":
                keys = [k for k in keys if index.type_of(k) not in _PLACE_TYPES]
                if target.head.lower_ == "of" and event.trigger.pos_ == "NOUN":
                    keys = []  # "a meeting of the caucus": the body meeting, not met
            # "pardons to members of X's regime": X is inside the target, not the target.
            inside = phrase_head is not None and in_subtree(target, [phrase_head])
            # "lunch with the ambassador to X": X names the ambassador's post, not the guest.
            inside = inside or any(in_subtree(target, [n]) for n in unnamed if n.i != target.i)
            if keys and not objects and not inside:
                objects = keys
                first_prep = target.head if target.dep_ == "pobj" else None
            elif keys and objects and _parallel(target, first_prep):
                objects.extend(k for k in keys if k not in objects)
            if not keys and target.pos_ == "NOUN" and target.i != event.trigger.i:
                unnamed.append(target)
            if not keys and phrase_value is None and target.pos_ in {"NOUN", "PROPN"}:
                phrase_value = _phrase_text(target)
                phrase_head = target
        if place is None and event.kind == "meeting":
            place = _place_below(event.trigger, index)
        plover = stored_plover(event)
        if event.kind == "travel":
            if place is None or not _movement(event.trigger):
                return []
            return [
                make_claim("travel", s, event.trigger, sentence, index, obj=place, place=place,
                           lemma=event.lemma, plover=plover)
                for s in subjects
            ]  # fmt: skip
        if not objects and event.kind == "meeting" and len(subjects) > 1 and _mutual(event):
            # "X and Y met": one meeting between the coordinated subjects.
            return [
                make_claim("meeting", subjects[0], event.trigger, sentence, index, obj=other,
                           place=place, lemma=event.lemma, plover=plover)
                for other in subjects[1:]
            ]  # fmt: skip
        if not objects and not (event.kind in _PHRASE_TARGET_KINDS and phrase_value):
            return []
        targets: list[int | None] = list(objects) if objects else [None]
        return [
            make_claim(
                event.kind, s, event.trigger, sentence, index, obj=o, place=place,
                value=None if o is not None else phrase_value, lemma=event.lemma, plover=plover,
            )
            for s in subjects
            for o in targets
            if o != s
        ]  # fmt: skip


#: Kinds whose event is aimed at someone else; a reflexive object ("defended himself",
#: "blamed herself") makes it no claim about anyone (audit: "defended himself against
#: accusations" stored as support).
_ACTS_ON_OTHERS = frozenset({"support", "criticism"})
_NOBODY = frozenset({"none", "nothing", "nobody", "no-one", "neither"})
_REFLEXIVE = frozenset({"himself", "herself", "themselves", "itself", "myself", "ourselves"})

#: Prepositions that name where a trip goes or comes from ("flew to X", "returned from X").
_DESTINATION_PREPS = frozenset({"to", "into", "toward", "towards", "from"})
#: Verbs of arriving, whose "in X" or "at X" is the destination ("arrived in X").
_ARRIVALS = frozenset({"arrive", "land"})
#: Verbs whose "to X" is a destination even when the tagger calls X a body ("flew to X").
_FLIGHTS = frozenset({"fly", "travel", "head"})
#: Particles that turn a movement verb into something else ("went on to say", "go ahead").
_NOT_MOVEMENT_PARTICLES = frozenset({"on", "ahead", "after", "through", "along", "over", "up"})


def _movement(trigger: Token) -> bool:
    """True when a travel verb means moving somewhere: not "went on to say", not "is going to
    meet" (a verb after it), not "went through a crisis"."""
    if trigger.pos_ != "VERB":
        return trigger.pos_ == "NOUN"
    for child in trigger.children:
        if child.dep_ == "prt" and child.lower_ in _NOT_MOVEMENT_PARTICLES:
            return False
        if child.dep_ == "xcomp":
            return False
    return True


def _destination(target: Token, trigger: Token) -> bool:
    """True when `target` is where the trip goes: the object of "to"/"into"/"from" on the
    verb, the object of "tour X", "visit X", "left X", or "in X" after "arrived"."""
    if target.dep_ == "dobj":
        return target.head.i == trigger.i
    head = target.head
    if target.dep_ != "pobj" or head.head.i != trigger.i:
        return False
    if head.lower_ in _DESTINATION_PREPS:
        return True
    return head.lower_ in {"in", "at"} and trigger.lemma_.lower() in _ARRIVALS


#: Verbs that make coordinated subjects meet each other ("X and Y met", "X and Y talked").
_MUTUAL = frozenset({"meet", "confer", "talk", "speak", "dine", "lunch", "consult"})


def _mutual(event: EventMatch) -> bool:
    """True when "X and Y <verb>" means they met each other: not "both visited Z", not
    "negotiated a deal" (together, with someone else)."""
    trigger = event.trigger
    meeting_nouns = {w for w, t in claim_lexicon().nouns.items() if t.kind == "meeting"}
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    if any(o.lemma_.lower() in meeting_nouns for o in objects):
        return True  # "X and Y had lunch", "held talks"
    return trigger.lemma_.lower() in _MUTUAL and not objects


def _the_two(token: Token) -> bool:
    """ "The two", "the pair", "both men": the two people the text has just named together."""
    words = {t.lower_ for t in token.subtree}
    return bool(words & {"two", "both", "pair"}) and not words & {"three", "all", "dozen"}


def _parallel(target: Token, first_prep: Token | None) -> bool:
    """True for the object of "and with Y" after "with X": coordinated with the first object."""
    return (
        first_prep is not None
        and target.dep_ == "pobj"
        and any(c.i == target.head.i for c in first_prep.conjuncts)
    )


def _actor_keys(source: Token, index: EntityIndex) -> list[int]:
    """Entity keys of a subject and its coordinates, looking past a dateline ("CITY, X —")."""
    keys: list[int] = []
    for token in conjuncts(source):
        heads = [token]
        if in_dateline(token):
            heads = [c for c in token.children if c.dep_ == "appos" and not in_dateline(c)]
        for head in heads:
            key = index.key_of(head)
            apposed = misparsed_apposition(head) if key is None else None
            if apposed is not None:
                key = index.key_of(apposed)
            if key is not None and key not in keys:
                keys.append(key)
    return keys


def _place_below(trigger: Token, index: EntityIndex) -> int | None:
    """A place named "in/at X" anywhere under the trigger ("hosted Y for lunch in X")."""
    for token in trigger.subtree:
        if token.dep_ == "pobj" and token.head.lower_ in {"in", "at"} and _on_event(token, trigger):
            key = index.key_of(token)
            if key is not None and index.type_of(key) in _PLACE_TYPES:
                return key
    return None


def _on_event(place: Token, trigger: Token) -> bool:
    """True when "in/at X" hangs on the event itself ("hosted Y at a lunch in X"), not on a
    participant's phrase ("executives with interests in X")."""
    meeting_nouns = {w for w, t in claim_lexicon().nouns.items() if t.kind == "meeting"}
    node = place.head.head
    while node.i != trigger.i:
        if node.lemma_.lower() in meeting_nouns:
            return True  # "for lunch in X", wherever the parser hung the lunch
        if node.pos_ != "ADP" or node.head.i == node.i:
            return False
        node = node.head
    return True


def _phrase_text(token: Token) -> str:
    return phrase(token).text.strip(" ,;:")


def _attribution(
    claim: Claim, index: EntityIndex, trigger_offset: int, sentence: SentenceView
) -> tuple[bool, list[int], int | None]:
    """(reported?, via chain, speaker) for a claim from the quotes and cues around it."""
    quote = index.quote_at(trigger_offset, trigger_offset + 1)
    if quote is not None:
        # `via` is who the statement passed through; the speaker said it and is kept apart.
        return True, [k for k in quote.via if k != quote.speaker], quote.speaker
    return _cue_attribution(sentence, index, trigger_offset)


def _cue_attribution(
    sentence: SentenceView, index: EntityIndex, trigger_offset: int
) -> tuple[bool, list[int], int | None]:
    """ "According to X", "per X", "X reports that": a source named in the sentence itself."""
    reporting = claim_lexicon().words("reporting_verbs")
    index.paragraph = sentence.paragraph
    trigger = next(
        (t for t in sentence.span if index.offsets(t)[0] <= trigger_offset < index.offsets(t)[1]),
        None,
    )
    for token in sentence.span:
        if token.lower_ == "according" or (token.lower_ == "per" and token.dep_ == "prep"):
            pobjs = [t for t in token.subtree if t.dep_ == "pobj"]
            keys = [k for t in pobjs for k in [index.key_of(t)] if k is not None]
            if keys:
                return True, [], keys[0]
    if trigger is not None:
        chain = clause_chain(trigger)
        for below, above in itertools.pairwise(chain):
            if below.dep_ == "ccomp" and above.lemma_ in reporting:
                subjects = [c for c in above.children if c.dep_ in {"nsubj"}]
                keys = [k for s in subjects for k in [index.key_of(s)] if k is not None]
                if keys:
                    return True, [], keys[0]
    return False, [], None


def _loaded_title(title: str) -> bool:
    """True for a 'role' that is really the outlet's verdict ("devoted follower", "extremist")."""
    return is_loaded(title)


def position_claims(state: DocumentState) -> list[Claim]:
    """One `position` claim per role the entity stage found, dated as the role is."""
    out: list[Claim] = []
    text = state.article.text
    for entity in state.analysis.entities:
        for role in entity.roles:
            if _loaded_title(role.title):
                continue
            sentence = state.parsed.sentence_at(role.start)
            start, end = (sentence.start, sentence.end) if sentence else (role.start, role.end)
            attributes: dict[str, object] = {"title": role.title}
            if role.current is not None:
                attributes["current"] = role.current
            out.append(
                Claim(
                    kind="position", subject=entity.key, object=role.of, value=role.title,
                    date=role.date, evidence=Evidence(start, end, text[start:end]),
                    attributes=attributes,
                )
            )  # fmt: skip
    return out


def family_attribute_claims(state: DocumentState) -> list[Claim]:
    """Claims from `entity.attributes["family"]` when the entity stage recorded relatives."""
    out: list[Claim] = []
    text = state.article.text
    for entity in state.analysis.entities:
        relatives = entity.attributes.get("family")
        if not isinstance(relatives, list):
            continue
        for item in relatives:
            if not isinstance(item, dict):
                continue
            other = item.get("key", item.get("of", item.get("entity")))
            relation = item.get("relation")
            start = item.get("start")
            if not isinstance(other, int) or not isinstance(relation, str):
                continue
            sentence = state.parsed.sentence_at(start) if isinstance(start, int) else None
            if sentence is None:
                continue
            out.append(
                Claim(
                    kind="family", subject=entity.key, object=other,
                    evidence=Evidence(sentence.start, sentence.end,
                                      text[sentence.start : sentence.end]),
                    attributes={"relation": relation, "from": "entities"},
                )
            )  # fmt: skip
    return out


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen: set[tuple[object, ...]] = set()
    out: list[Claim] = []
    for claim in claims:
        key = (claim.kind, claim.subject, claim.object, claim.evidence.start, str(claim.value))
        if key in seen:
            continue
        seen.add(key)
        out.append(claim)
    return out


def claims_for_document(state: DocumentState, extractor: ClaimExtractor) -> list[Claim]:
    """Every claim of the document: per sentence from `extractor`, plus roles and relatives."""
    index = EntityIndex(state)
    claims: list[Claim] = []
    for sentence in state.parsed.sentences:
        for claim in extractor.extract(sentence, index):
            trigger_offset = int(str(claim.attributes.pop("_at", sentence.start)))
            reported, via, speaker = _attribution(claim, index, trigger_offset, sentence)
            if reported:
                claim.evidence.via = via
                quote = index.quote_at(trigger_offset, trigger_offset + 1)
                if quote is not None:
                    claim.evidence.sources = list(quote.sources)
                if speaker is not None:
                    claim.attributes["speaker"] = speaker
                if claim.status in {"asserted", "planned"}:
                    if claim.status == "planned":
                        claim.attributes["planned"] = True
                    claim.status = "reported"
            claims.append(claim)
    claims.extend(family_attribute_claims(state))
    claims.extend(position_claims(state))
    return _dedupe(claims)


@component("claims")
def make_claims(settings: Settings) -> Component:
    """The rule-based claims component (facts only: opinions come from "opinion")."""
    extractor = RuleClaimExtractor()

    def run(state: DocumentState) -> None:
        state.analysis.claims.extend(claims_for_document(state, extractor))

    return run
