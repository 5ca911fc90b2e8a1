"""The words of a role: which title phrases, modifiers and bodies make an office, and how a
role found before a name is finished and attached (`roles.py` runs the finders).

Office words are the title lexicon, job nouns, rank words and relational adjectives; clause
words, participles and judgements that stand beside them are kept out, one class each.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..extract.opinion.lexicon import is_loaded, strip_loaded
from ..records import Entity, Mention, Role
from .entity_lexicon import Lexicon, fold, lexicon
from .entity_places import demonym_forms
from .registry import DocumentState
from .role_time import as_capacity, current_then, past_scene, role_date

if TYPE_CHECKING:
    from spacy.tokens import Token


_PAST_MARKERS = {"former", "ex", "then", "late", "onetime", "one-time", "erstwhile"}

_PAST_MARKERS |= {"ousted", "deposed", "retired"}

QUALIFIERS = (
    r"(?:(?:former|ex-|then-|onetime|one-time|erstwhile|outgoing|incoming|acting|interim"
    r"|current|new|late|ousted|deposed|retired|Former|Ex-|Then-|Outgoing|Incoming"
    r"|Acting|Interim|Onetime|Ousted|Deposed|Retired)\s*)"
)

_PARTIES = {"R": "Republican", "D": "Democratic", "I": "Independent"}

#: Capitalised words before a title that open the sentence or clause, not the office.
NOT_MODIFIERS = {"the", "a", "an", "while", "when", "as", "after", "before", "if", "but"}

NOT_MODIFIERS |= {"and", "because", "though", "although", "since", "until", "then", "so"}

#: A party named before a title ("GOP Sen. X"): the role's party, not a word of its title.
PARTY_WORDS = {"GOP": "Republican", "Republican": "Republican", "Democratic": "Democratic"}

PARTY_WORDS |= {"Democrat": "Democratic", "Libertarian": "Libertarian"}

_PARTY_TAG = re.compile(r"^\s*\((?P<party>[RDI])\s*[-–—,]\s*(?P<region>[A-Z][A-Za-z. ]{0,20})\)")

#: Job nouns accepted as the head of an apposition, besides the title lexicon.
JOB_NOUNS = {"manager", "executive", "chief", "official", "spokesperson", "correspondent"}

JOB_NOUNS |= {"analyst", "economist", "lawyer", "attorney", "researcher", "scientist"}

JOB_NOUNS |= {"owner", "president", "director", "chairman", "founder", "leader", "head"}

JOB_NOUNS |= {"minister", "secretary", "senator", "governor", "mayor", "ambassador"}

JOB_NOUNS |= {"adviser", "advisor", "editor", "professor", "candidate", "lawmaker", "deputy"}

JOB_NOUNS |= {"representative", "commissioner", "judge", "general", "envoy", "chancellor"}

JOB_NOUNS |= {"ceo", "cfo", "coo", "spokesman", "spokeswoman", "coach", "reporter"}

#: Determiners before an apposition's title, no word of it ("X, its acting chairman,").
DETERMINERS = {"the", "a", "an", "its", "his", "her", "their", "our"}


@lru_cache(maxsize=1)
def title_pattern() -> re.Pattern[str]:
    """Regex for a title phrase that ends right before a name."""
    forms = sorted(lexicon().titles, key=len, reverse=True)
    title = "|".join(re.escape(f) for f in forms)
    modifier = r"(?:[A-Z][\w'’.&-]*\s+)"
    return re.compile(
        rf"(?P<qual>{QUALIFIERS}*)(?P<mods>{modifier}{{0,4}}?)(?P<title>{title})"
        rf"(?P<of>\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}})?"
        rf",?\s+$"
    )


def canonical_title(form: str, lex: Lexicon) -> str:
    return lex.titles.get(form) or lex.titles_folded.get(fold(form)) or form


def of_entity(state: DocumentState, start: int, end: int, person: Entity) -> Entity | None:
    """A country or organisation named in [start, end), other than the person.

    Class: a piece the tagger cut from a hyphenated name ("Metro" of "Metro-Goldwyn-Ames")
    is not the body; nothing is returned for it."""
    text = state.article.text
    for entity in state.analysis.entities:
        if entity.key == person.key or entity.type == "Person":
            continue
        for mention in entity.mentions:
            if start <= mention.start and mention.end <= end:
                if re.match(r"-[A-Z]", text[mention.end : mention.end + 2]):
                    continue
                return entity
    return None


def _unloaded(role: Role) -> Role | None:
    """The role without the outlet's loaded words ("sniveling chair" → "chair").

    The verdict is kept as an opinion claim elsewhere; when nothing office-like is left
    ("devoted follower", "extremist") it was never an office.
    """
    if not is_loaded(role.title):
        return role
    title = strip_loaded(role.title)
    words = title.split()
    if not words or fold(words[-1]) not in (JOB_NOUNS | set(lexicon().titles_folded)):
        return None
    shift = role.title.find(title)
    if shift >= 0:
        role.start += shift
    role.title = title
    role.end = role.start + len(title)
    return role


def add_role(entity: Entity, given: Role) -> None:
    role = _unloaded(given)
    if role is None:
        return
    # "was a senator" and "Sen. X" are one office: a lexicon title is written one way.
    role.title = lexicon().titles_folded.get(fold(role.title), role.title)
    for known in entity.roles:
        if (fold(known.title), known.of, known.date) == (fold(role.title), role.of, role.date):
            if role.party and not known.party:
                known.party, known.region = role.party, role.region
            return
    entity.roles.append(role)


def inside_other_name(state: DocumentState, start: int, end: int, person: Entity) -> bool:
    """Class: a title word that is part of another person's name, as in a list of names
    ("…, Ivo Bishop, Kim Marsh, …" or "Ada King, Lee Moss"): a surname, not an office."""
    other = state.entity_at(start, end)
    return other is not None and other.key != person.key and other.type == "Person"


_PERIODS = r"administration|presidency|tenure|term|government|cabinet|era|years|reign"


def _period_of(state: DocumentState, mention: Mention) -> bool:
    """Class: "President X's administration", "Governor Y's tenure": the title names a period
    of its holder's, which may be over; the title is not stated as current."""
    after = state.article.text[mention.end : mention.end + 40]
    return re.match(rf"['’]s?\s+(?:\w+\s+)?(?:{_PERIODS})\b", after) is not None


def owning_entity(state: DocumentState, start: int, end: int, person: Entity) -> Entity | None:
    """The country or organisation in [start, end) an office is of, except an owner ("director
    of Y University's Center for Z", "head of Y's Mobility Command"). Class: a possessive
    names the body a unit belongs to; the office is of the unit, which is left unsaid unless
    it is itself an entity after the possessive."""
    found = of_entity(state, start, end, person)
    if found is None:
        return None
    text = state.article.text
    for mention in found.mentions:
        if start <= mention.start and mention.end <= end:
            if text[mention.end : mention.end + 2] in {"'s", "’s"}:
                return of_entity(state, mention.end + 2, end, person)
            based = re.match(r"(?:,\s*[\w.]+)?-based\b", text[mention.end : mention.end + 40])
            if based is not None:
                # Class: "CEO of Orsk, Tarlow-based company Quillon": where the body is.
                return of_entity(
                    state, mention.end + based.end(), max(end, mention.end + 80), person
                )
            break
    return found


def demonym_of(state: DocumentState, word: str, person: Entity) -> Entity | None:
    """The place a demonym the lexicon lacks is formed from ("Estmarkian" → Estmark,
    "Valdorian" → Valdoria), when the article names that place."""
    folded = fold(word)
    for entity in state.analysis.entities:
        if entity.type == "Person" or entity.key == person.key or " " in entity.name:
            continue
        name = fold(entity.name)
        if len(name) >= 4 and folded in demonym_forms(name):
            return entity
    return None


def noun_modifiers(state: DocumentState, start: int, words: str) -> str:
    """The lower-case words before a title that the parser reads as its noun modifiers
    ("press" in "press secretary"), not verbs or function words ("met secretary …")."""
    kept: list[str] = []
    at = start
    for word in words.split():
        at = state.article.text.find(word, at)
        sentence = state.parsed.sentence_at(at)
        token = None
        if sentence is not None:
            offset = sentence.paragraph.offset
            token = next((t for t in sentence.span if offset + t.idx == at), None)
        if (
            token is None
            or token.pos_ not in {"NOUN", "ADJ"}
            or token.dep_ not in {"compound", "amod"}
            or descriptive(word, token)
            or (token.pos_ == "ADJ" and not office_adjective(word))
            or word.lower() in _GENERIC_BODIES
        ):
            kept = []
        else:
            kept.append(word)
        at += len(word)
    return " ".join(kept)


#: Adjectives that judge a holder rather than name an office ("a better candidate").
EVALUATIVE = {"good", "better", "best", "bad", "worse", "worst", "great", "greater", "poor"}

EVALUATIVE |= {"strong", "stronger", "weak", "weaker", "ideal", "perfect", "terrible", "real"}
EVALUATIVE |= {"only", "lone", "sole", "combative", "controversial", "embattled", "beleaguered"}
EVALUATIVE |= {"absolute", "undisputed", "clear", "natural", "obvious", "true"}

#: Generic nouns for the employer ("company CEO X"): the body, left to `of`, not the title.
_GENERIC_BODIES = {"company", "firm", "group", "agency", "organization", "organisation"}
#: Adjectives that name an office's rank or scope ("deputy", "chief", "executive").
_OFFICE_ADJECTIVES = {"executive", "deputy", "assistant", "associate", "senior", "junior"}

_OFFICE_ADJECTIVES |= {"chief", "vice", "managing", "general", "principal", "lead", "special"}

_OFFICE_ADJECTIVES |= {"top", "foreign", "federal", "local", "interim", "acting", "joint"}


def office_adjective(word: str) -> bool:
    """Class: an adjective before a lower-case title is a word of the office only when it
    names rank or field: a rank word ("deputy", "executive") or a relational adjective
    ("regional", "economic", "military", "presidential"); "moderate", "popular", "young"
    describe the holder."""
    word = word.lower()
    if word in _OFFICE_ADJECTIVES:
        return True
    return word.endswith(("al", "ic", "ary", "ian")) and word not in EVALUATIVE


def descriptive(word: str, token: Token | None = None) -> bool:
    """Class: a word before a job noun that describes the holder instead of naming the office:
    a participle ("globe-trotting secretary general", "embattled chairman", a verb the parser
    took for an adjective: "informed regional director X") or a judgement ("a better
    candidate"). Offices are named by nouns and relational adjectives ("regional", "press",
    "executive"), which stay."""
    last = word.lower().split("-")[-1]
    if last in EVALUATIVE:
        return True
    if last in lexicon().titles_folded or last in JOB_NOUNS:
        return False
    if token is not None and token.text == word:
        if token.pos_ in {"NOUN", "PROPN"}:
            return False  # "marketing director", "banking regulator"
        if token.tag_ in {"VBD", "VBN", "VBG", "JJR", "JJS"}:
            return True
    participle = last.endswith("ed") or ("-" in word and last.endswith("ing"))
    return len(last) > 4 and participle


def finish_role(
    state: DocumentState,
    entity: Entity,
    mention: Mention,
    title: str,
    span: tuple[int, int],
    qualifiers: str | None,
    of: Entity | None,
    current: bool | None = True,
    party: str | None = None,
) -> None:
    """Date, currency and party of a role found before a name; attach it."""
    words = [q.lower().rstrip("-") for q in (qualifiers or "").split()]
    past = any(q in _PAST_MARKERS for q in words)
    # "then-Senator X hosted Y in 2021": "then" ties the title to the clause's date.
    date, basis = role_date(state, mention.start, tied="then" in words, span=(span[0], mention.end))
    if basis == "document" and (scene := past_scene(state, mention.start)) is not None:
        date, basis = scene, "text"
    role = Role(title, span[0], span[1], of.key if of else None, date, basis)
    if current and (as_capacity(state, span[0]) or _period_of(state, mention)):
        current = None
    role.current = False if past else current_then(state, current, date, basis)
    role.party = party
    tag = _PARTY_TAG.match(state.article.text[mention.end : mention.end + 30])
    if tag:
        role.party = _PARTIES[tag.group("party")]
        region = tag.group("region").strip()
        role.region = lexicon().us_states.get(region, region)
    add_role(entity, role)


def token_at(state: DocumentState, offset: int) -> Token | None:
    """The parsed token that starts at body `offset`, if any."""
    sentence = state.parsed.sentence_at(offset)
    if sentence is None:
        return None
    base = sentence.paragraph.offset
    return next((t for t in sentence.span if base + t.idx == offset), None)


#: Parts of speech that open a clause or phrase, never a word of an office's name.
_CLAUSE_POS = {"ADP", "SCONJ", "CCONJ", "DET", "PRON", "ADV", "AUX", "VERB", "PART", "INTJ"}


def clause_word(state: DocumentState, offset: int) -> bool:
    """Class: a capitalised word that opens the sentence or a clause before a title ("With
    Governor X and Senator Y in the race", "While President X has warned", "Despite Mayor
    Y"): a preposition, conjunction, adverb or verb is no part of the office's name."""
    token = token_at(state, offset)
    return token is not None and token.pos_ in _CLAUSE_POS


def verb_at(state: DocumentState, offset: int) -> bool:
    """True when the parser reads the word at body `offset` as a verb."""
    sentence = state.parsed.sentence_at(offset)
    if sentence is None:
        return False
    for token in sentence.span:
        if sentence.paragraph.offset + token.idx == offset:
            return token.pos_ in {"VERB", "AUX"}
    return False
