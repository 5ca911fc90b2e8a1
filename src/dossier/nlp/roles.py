"""Offices and titles the article gives its people, as `Role`s on their entities.

Read from titles before a name ("former Labor Minister X", "Norwegian President Y",
"Sen. Z (D-Ore.)"), appositions after it ("X, the marketing director for Quillon Foods,") and
"served as A and B". A role is *of* the country or organisation the text ties it to (a
demonym, a possessive, "of/for X"); its date is the date its sentence states, else the
document's date (`date_basis="document"`); "former" and "served" roles are not current.
When exactly one person holds a title, "the senator" becomes a mention of that person.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..extract.claims.syntax import governing_verb
from ..extract.opinion.lexicon import is_loaded, strip_loaded
from ..records import Entity, Mention, Role
from ..settings import Settings
from .entities import english
from .entity_lexicon import Lexicon, fold, lexicon
from .entity_places import demonym_forms
from .registry import Component, DocumentState, component
from .temporal import document_times

if TYPE_CHECKING:
    from spacy.tokens import Token

_PAST_MARKERS = {"former", "ex", "then", "late", "onetime", "one-time", "erstwhile"}
_PAST_MARKERS |= {"ousted", "deposed", "retired"}
_QUALIFIERS = (
    r"(?:(?:former|ex-|then-|onetime|one-time|erstwhile|outgoing|incoming|acting|interim"
    r"|current|new|late|ousted|deposed|retired|Former|Ex-|Then-|Outgoing|Incoming"
    r"|Acting|Interim|Onetime|Ousted|Deposed|Retired)\s*)"
)
_PARTIES = {"R": "Republican", "D": "Democratic", "I": "Independent"}
#: Capitalised words before a title that open the sentence or clause, not the office.
_NOT_MODIFIERS = {"the", "a", "an", "while", "when", "as", "after", "before", "if", "but"}
_NOT_MODIFIERS |= {"and", "because", "though", "although", "since", "until", "then", "so"}
#: A party named before a title ("GOP Sen. X"): the role's party, not a word of its title.
_PARTY_WORDS = {"GOP": "Republican", "Republican": "Republican", "Democratic": "Democratic"}
_PARTY_WORDS |= {"Democrat": "Democratic", "Libertarian": "Libertarian"}
_PARTY_TAG = re.compile(r"^\s*\((?P<party>[RDI])\s*[-–—,]\s*(?P<region>[A-Z][A-Za-z. ]{0,20})\)")
#: Job nouns accepted as the head of an apposition, besides the title lexicon.
_JOB_NOUNS = {"manager", "executive", "chief", "official", "spokesperson", "correspondent"}
_JOB_NOUNS |= {"analyst", "economist", "lawyer", "attorney", "researcher", "scientist"}
_JOB_NOUNS |= {"owner", "president", "director", "chairman", "founder", "leader", "head"}
_JOB_NOUNS |= {"minister", "secretary", "senator", "governor", "mayor", "ambassador"}
_JOB_NOUNS |= {"adviser", "advisor", "editor", "professor", "candidate", "lawmaker", "deputy"}
_JOB_NOUNS |= {"representative", "commissioner", "judge", "general", "envoy", "chancellor"}
_JOB_NOUNS |= {"ceo", "cfo", "coo", "spokesman", "spokeswoman", "coach", "reporter"}
#: Determiners before an apposition's title, no word of it ("X, its acting chairman,").
_DETERMINERS = {"the", "a", "an", "its", "his", "her", "their", "our"}
_SERVED_PAST = {"served", "has served", "had served", "worked"}
_SERVED = re.compile(
    r"\b(?P<verb>served|serves|serving|has served|had served|was appointed|was named|"
    r"is serving|was elected|worked|works)\s+as\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?"
)


@lru_cache(maxsize=1)
def _title_pattern() -> re.Pattern[str]:
    """Regex for a title phrase that ends right before a name."""
    forms = sorted(lexicon().titles, key=len, reverse=True)
    title = "|".join(re.escape(f) for f in forms)
    modifier = r"(?:[A-Z][\w'’.&-]*\s+)"
    return re.compile(
        rf"(?P<qual>{_QUALIFIERS}*)(?P<mods>{modifier}{{0,4}}?)(?P<title>{title})"
        rf"(?P<of>\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}})?"
        rf",?\s+$"
    )


def _canonical_title(form: str, lex: Lexicon) -> str:
    return lex.titles.get(form) or lex.titles_folded.get(fold(form)) or form


def _of_entity(state: DocumentState, start: int, end: int, person: Entity) -> Entity | None:
    """A country or organisation named in [start, end), other than the person."""
    for entity in state.analysis.entities:
        if entity.key == person.key or entity.type == "Person":
            continue
        for mention in entity.mentions:
            if start <= mention.start and mention.end <= end:
                return entity
    return None


def _date(
    state: DocumentState,
    offset: int,
    *,
    tied: bool = True,
    span: tuple[int, int] | None = None,
    office: bool = True,
) -> tuple[str | None, str | None]:
    """The date the text gives for the role at `offset`, else the document's.

    `tied` roles are stated by their clause ("served as X from 2009", "then-Senator Y hosted Z
    in 2021"), so the clause's date is theirs; a title that only names someone taking part in
    an event ("Foreign Minister X will fly there in March") keeps the document's date unless
    the date is in its own phrase, on a clause about that date ("in 2021, when Senator X …")
    or on an office verb it takes part in ("President X appointed him in 2023"; not for an
    `office=False` apposition: "X, a former colonel, has governed Y since 2019").
    """
    sentence = state.parsed.sentence_at(offset)
    if sentence is not None:
        mode = "clause" if tied else "office" if office else "phrase"
        stated = _nearest_date(state, sentence.start, sentence.end, offset, mode, span)
        if stated:
            return stated, "text"
    published = state.article.published
    return (published, "document") if published else (None, None)


def _unloaded(role: Role) -> Role | None:
    """The role without the outlet's loaded words ("sniveling chair" → "chair").

    The verdict is kept as an opinion claim elsewhere; when nothing office-like is left
    ("devoted follower", "extremist") it was never an office.
    """
    if not is_loaded(role.title):
        return role
    title = strip_loaded(role.title)
    words = title.split()
    if not words or fold(words[-1]) not in (_JOB_NOUNS | set(lexicon().titles_folded)):
        return None
    shift = role.title.find(title)
    if shift >= 0:
        role.start += shift
    role.title = title
    role.end = role.start + len(title)
    return role


def _nearest_date(
    state: DocumentState,
    start: int,
    end: int,
    offset: int,
    mode: str = "clause",
    span: tuple[int, int] | None = None,
) -> str | None:
    """The date the sentence states closest to the title that belongs to the role; calendar
    dates before relative ones."""
    times = [t for t in document_times(state) if start <= t.start and t.end <= end and t.value]
    times = [t for t in times if _role_time(state, t.start, t.end, offset, mode, span)]
    if not times:
        return None
    best = min(times, key=lambda t: (t.kind == "relative", abs(t.start - offset)))
    return best.value


#: Verbs that state or exercise an office, so their date is the office's too.
_OFFICE_LEMMAS = {"serve", "rule", "govern", "lead", "head", "hold", "chair", "command", "reign"}
_OFFICE_LEMMAS |= {"become", "appoint", "elect", "name", "nominate", "swear", "represent"}


def _role_time(
    state: DocumentState,
    time_start: int,
    time_end: int,
    title_at: int,
    mode: str,
    span: tuple[int, int] | None,
) -> bool:
    """True when the date at [time_start, time_end) is stated for the role at `title_at`:
    in its clause ("clause"), on an office verb it takes part in ("office"), or neither
    ("phrase"); inside the role's own phrase or in a clause about the date, always."""
    if span is not None and span[0] <= time_start and time_end <= span[1]:
        return True
    sentence = state.parsed.sentence_at(title_at)
    if sentence is None:
        return False
    base = sentence.paragraph.offset
    tokens = list(sentence.span)
    inside = [t for t in tokens if time_start <= base + t.idx < time_end]
    title = next((t for t in tokens if base + t.idx + len(t) > title_at), None)
    if not inside or title is None:
        return False
    verb = governing_verb(title)
    if verb is None:
        return False
    if verb.dep_ in {"aux", "auxpass"}:
        verb = verb.head
    # "in 2021, when X was still a senator": a clause about the date itself.
    if verb.dep_ in {"relcl", "advcl", "acl"} and any(verb.head.i == t.i for t in inside):
        return True
    time_verb = governing_verb(inside[-1])
    if time_verb is None:
        return False
    if mode == "clause":
        return any(time_verb.i == v.i for v in _clause_verbs(verb))
    return mode == "office" and time_verb.i == verb.i and verb.lemma_ in _OFFICE_LEMMAS


def _clause_verbs(verb: Token) -> list[Token]:
    """`verb` and the verbs its adverbial clauses hang on ("when X was a senator, he …")."""
    chain = [verb]
    while verb.dep_ == "advcl":
        above = governing_verb(verb.head)
        if above is None or above.i == verb.i:
            break
        verb = above
        chain.append(verb)
    return chain


def _add(entity: Entity, given: Role) -> None:
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


def _titles_before(state: DocumentState, entity: Entity, mention: Mention, lex: Lexicon) -> None:
    """'former Labor Minister X', 'Norwegian President Y', 'Secretary of State Z'."""
    text = state.article.text
    sentence = state.parsed.sentence_at(mention.start)
    floor = sentence.start if sentence else max(0, mention.start - 120)
    window = text[max(floor, mention.start - 120) : mention.start]
    base = mention.start - len(window)
    match = _title_pattern().search(window)
    if _relative_subject(state, mention):
        return  # "exactly the leader X needs": X needs a leader, X is not one
    if match is None:
        _lower_title(state, entity, mention, window, base, lex)
        return
    if _inside_other_name(state, base + match.start("title"), base + match.end("title"), entity):
        return
    title = _canonical_title(match.group("title"), lex)
    mods = match.group("mods").split()
    kept: list[str] = []
    of: Entity | None = None
    party: str | None = None
    offset = base + match.start("mods")
    for word in mods:
        if word in _PARTY_WORDS and not kept:
            party = _PARTY_WORDS[word]
            offset += len(word) + 1
            continue
        found = _of_entity(state, offset, offset + len(word), entity)
        bare = word.rstrip("'’s") if word.endswith(("'s", "’s")) else word
        if found is not None and found.type in {"Country", "Place", "Organization"}:
            of = found
        elif fold(bare) in lex.demonyms or fold(bare) in lex.countries:
            pass
        elif (paired := _demonym_of(state, bare, entity)) is not None:
            of = paired
        elif (
            word.endswith(("'s", "’s"))
            or word.lower() in _NOT_MODIFIERS
            or _clause_word(state, offset)
        ):
            kept = []
        else:
            kept.append(word)
        offset += len(word) + 1
    full = " ".join([*kept, title])
    org = _body_before(state, match, base, mods, entity, lex)
    if org is not None:
        # "Palestinian Authority President X": president of the Authority, not of Palestine.
        body, of = org
        full, kept = f"{title} of the {body}", []
    end = base + match.end("title")
    of_part = match.group("of")
    if of_part:
        of_start = base + match.start("of")
        found = _of_entity(state, of_start, of_start + len(of_part), entity)
        if found is not None and found.type in {"Country", "Place", "Organization"}:
            of = found
        else:
            full = f"{full} {of_part.strip()}"
            end = base + match.end("of")
    start = base + match.start("title")
    if kept or org is not None:
        start = base + match.start("mods") + (match.group("mods").index(kept[0]) if kept else 0)
    elif not match.group("mods") and not match.group("qual"):
        # Class: lower-case office words before a capitalised title ("ACLU executive
        # Director X", "deputy Chief of Staff Y") are words of the office.
        lower = re.search(r"(?:[a-z][a-z-]+\s+){1,2}$", window[: match.start("title")])
        if lower is not None:
            words = _noun_modifiers(state, base + lower.start(), lower.group(0))
            if words:
                full = f"{words} {full}"
                start -= len(words) + 1
    _finish(state, entity, mention, full, (start, end), match.group("qual"), of, party=party)


def _body_before(
    state: DocumentState,
    match: re.Match[str],
    base: int,
    mods: list[str],
    person: Entity,
    lex: Lexicon,
) -> tuple[str, Entity | None] | None:
    """The organisation named by the words before a title ("Palestinian Authority", "Liberty
    Party"): its name and entity, when those words end in an organisation word or are one
    organisation's name."""
    if not mods or any(w.endswith(("'s", "’s")) for w in mods):
        return None
    start = base + match.start("mods")
    end = start + len(match.group("mods").rstrip())
    for entity in state.analysis.entities:
        if entity.type != "Organization" or entity.key == person.key:
            continue
        for mention in entity.mentions:
            if start <= mention.start and mention.end <= end and " " in mention.text.strip():
                return mention.text.strip(), entity
    if mods[-1] in lex.org_words and len(mods) > 1:
        return " ".join(mods), None
    return None


def _inside_other_name(state: DocumentState, start: int, end: int, person: Entity) -> bool:
    """Class: a title word that is part of another person's name, as in a list of names
    ("…, Ivo Bishop, Kim Marsh, …" or "Ada King, Lee Moss"): a surname, not an office."""
    other = state.entity_at(start, end)
    return other is not None and other.key != person.key and other.type == "Person"


def _owning_entity(state: DocumentState, start: int, end: int, person: Entity) -> Entity | None:
    """The country or organisation in [start, end) an office is of, except an owner ("director
    of Y University's Center for Z", "head of Y's Mobility Command"). Class: a possessive
    names the body a unit belongs to; the office is of the unit, which is left unsaid unless
    it is itself an entity after the possessive."""
    found = _of_entity(state, start, end, person)
    if found is None:
        return None
    text = state.article.text
    for mention in found.mentions:
        if start <= mention.start and mention.end <= end:
            if text[mention.end : mention.end + 2] in {"'s", "’s"}:
                return _of_entity(state, mention.end + 2, end, person)
            break
    return found


def _demonym_of(state: DocumentState, word: str, person: Entity) -> Entity | None:
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


def _lower_title(
    state: DocumentState, entity: Entity, mention: Mention, window: str, base: int, lex: Lexicon
) -> None:
    """'navy admiral X', 'White House press secretary Y', 'Estmark's president, Z,': a
    lower-case title before a name."""
    lower = re.search(
        rf"(?P<qual>{_QUALIFIERS}*)\b(?P<mods>(?:[a-z][a-z-]+\s+){{0,2}}?)"
        rf"(?P<title>[a-z][a-z.-]+)\s+$",
        window,
    )
    heads = set(lex.titles_folded)
    if lower is None:
        lower = _OWNED_TITLE.search(window)
        heads |= _JOB_NOUNS
    if lower is None or fold(lower.group("title")) not in heads:
        return
    mods = _noun_modifiers(state, base + lower.start("mods"), lower.group("mods"))
    title = lex.titles_folded.get(fold(lower.group("title")), lower.group("title"))
    if mods:
        title = f"{mods} {lower.group('title')}"
    begin = base + lower.start("title") - (len(mods) + 1 if mods else 0)
    span = (begin, base + lower.end("title"))
    # "Danish navy admiral X", "White House press secretary Y": a name a few lower-case
    # words before the title is its country or body.
    before = re.search(
        r"(?P<d>(?:[A-Z][\w'’.&-]*\s+){0,3}[A-Z][\w'’.&-]*)\s+(?:[a-z-]+\s+){0,2}$",
        window[: lower.start("title")],
    )
    of = None
    owned = "owner" in lower.re.groupindex
    if owned and lower.group("owner"):
        at = base + lower.start("owner")
        of = _of_entity(state, at, base + lower.end("owner"), entity)
        of = of or _demonym_of(state, lower.group("owner"), entity)
    elif before is not None:
        at = base + before.start("d")
        found = _of_entity(state, at, at + len(before.group("d")), entity)
        if found is not None and found.type in {"Country", "Organization"}:
            of = found
        elif found is None:
            of = _demonym_of(state, before.group("d").split()[-1], entity)
    current = True if owned else None
    _finish(state, entity, mention, title, span, lower.group("qual"), of, current=current)


#: "Marwood's spokesman, X,", "the mayor, Y,": an owned or definite title and a comma.
_OWNED_TITLE = re.compile(
    rf"(?:\b(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)|(?P<owner>(?:[A-Z][\w.&-]*\s+){{0,3}}[A-Z][\w.&-]*)['’]s)"
    rf"\s+(?P<qual>{_QUALIFIERS}*)(?P<mods>(?:[a-z][a-z-]+\s+){{0,2}}?)"
    rf"(?P<title>[a-z][a-z.-]+),\s+$"
)


def _noun_modifiers(state: DocumentState, start: int, words: str) -> str:
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
            or _descriptive(word, token)
            or (token.pos_ == "ADJ" and not _office_adjective(word))
        ):
            kept = []
        else:
            kept.append(word)
        at += len(word)
    return " ".join(kept)


#: Adjectives that judge a holder rather than name an office ("a better candidate").
_EVALUATIVE = {"good", "better", "best", "bad", "worse", "worst", "great", "greater", "poor"}
_EVALUATIVE |= {"strong", "stronger", "weak", "weaker", "ideal", "perfect", "terrible", "real"}


#: Adjectives that name an office's rank or scope ("deputy", "chief", "executive").
_OFFICE_ADJECTIVES = {"executive", "deputy", "assistant", "associate", "senior", "junior"}
_OFFICE_ADJECTIVES |= {"chief", "vice", "managing", "general", "principal", "lead", "special"}
_OFFICE_ADJECTIVES |= {"top", "foreign", "federal", "local", "interim", "acting", "joint"}


def _office_adjective(word: str) -> bool:
    """Class: an adjective before a lower-case title is a word of the office only when it
    names rank or field: a rank word ("deputy", "executive") or a relational adjective
    ("regional", "economic", "military", "presidential"); "moderate", "popular", "young"
    describe the holder."""
    word = word.lower()
    if word in _OFFICE_ADJECTIVES:
        return True
    return word.endswith(("al", "ic", "ary", "ian")) and word not in _EVALUATIVE


def _descriptive(word: str, token: Token | None = None) -> bool:
    """Class: a word before a job noun that describes the holder instead of naming the office:
    a participle ("globe-trotting secretary general", "embattled chairman", a verb the parser
    took for an adjective: "informed regional director X") or a judgement ("a better
    candidate"). Offices are named by nouns and relational adjectives ("regional", "press",
    "executive"), which stay."""
    last = word.lower().split("-")[-1]
    if last in _EVALUATIVE:
        return True
    if last in lexicon().titles_folded or last in _JOB_NOUNS:
        return False
    if token is not None and token.text == word:
        if token.pos_ in {"NOUN", "PROPN"}:
            return False  # "marketing director", "banking regulator"
        if token.tag_ in {"VBD", "VBN", "VBG", "JJR", "JJS"}:
            return True
    participle = last.endswith("ed") or ("-" in word and last.endswith("ing"))
    return len(last) > 4 and participle


def _relative_subject(state: DocumentState, mention: Mention) -> bool:
    """True when the name is the subject of a relative clause on the noun before it."""
    sentence = state.parsed.sentence_at(mention.start)
    if sentence is None:
        return False
    for token in sentence.span:
        at = sentence.paragraph.offset + token.idx
        if mention.start <= at < mention.end and token.dep_ in {"nsubj", "nsubjpass"}:
            # The clause hangs on the very noun before the name: "the leader [X needs]".
            first = next(t for t in token.subtree if t.i <= token.i)
            return token.head.dep_ in {"relcl", "acl"} and token.head.head.i == first.i - 1
    return False


def _finish(
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
    date, basis = _date(state, mention.start, tied="then" in words, span=(span[0], mention.end))
    if basis == "document" and (scene := _past_scene(state, mention.start)) is not None:
        date, basis = scene, "text"
    role = Role(title, span[0], span[1], of.key if of else None, date, basis)
    if current and _as_capacity(state, span[0]):
        current = None
    role.current = False if past else _current_then(state, current, date, basis)
    role.party = party
    tag = _PARTY_TAG.match(state.article.text[mention.end : mention.end + 30])
    if tag:
        role.party = _PARTIES[tag.group("party")]
        region = tag.group("region").strip()
        role.region = lexicon().us_states.get(region, region)
    _add(entity, role)


def _earlier_year(state: DocumentState, date: str | None) -> bool:
    """True when `date` falls in a year before the document's."""
    published = state.article.published
    return bool(date and published and date[:4].isdigit() and date[:4] < published[:4])


def _current_then(
    state: DocumentState, current: bool | None, date: str | None, basis: str | None
) -> bool | None:
    """Class: a title the text dates years before the article ("President X appointed her in
    2003", "in 1999 … against President Y") says what the holder was then; whether it is still
    held is not said."""
    if current and basis == "text" and _earlier_year(state, date):
        return None
    return current


def _as_capacity(state: DocumentState, start: int) -> bool:
    """Class: "As Estmark's governor, X declared …", "As Governor, Y signed …": the title names
    the capacity someone acted in, which may be past; it is not stated as current."""
    sentence = state.parsed.sentence_at(start)
    floor = sentence.start if sentence is not None else max(0, start - 60)
    before = state.article.text[max(floor, start - 60) : start]
    found = re.search(
        r"(?<![Ss]uch )(?<!well )\b[Aa]s\s+(?!for\b|of\b|if\b|though\b|well\b)"
        r"(?:[\w'’.-]+\s+){0,3}$",
        before,
    )
    return found is not None and "," not in found.group(0)


def _past_scene(state: DocumentState, offset: int) -> str | None:
    """The earlier year a sentence sets its main clause in ("In 1999, a year after managing
    proceedings against President X, Y lined up …", "Rep. Z told him last year …"), when the
    title at `offset` is not inside a relative or reported clause of its own."""
    sentence = state.parsed.sentence_at(offset)
    title = _token_at_or_after(state, offset)
    if sentence is None or title is None:
        return None
    root = sentence.span.root
    node = title
    while node.i != root.i and node.head.i != node.i:
        if node.dep_ in {"relcl", "acl", "ccomp", "xcomp", "parataxis", "conj"}:
            return None
        node = node.head
    base = sentence.paragraph.offset
    for time in document_times(state):
        if not (sentence.start <= time.start and time.end <= sentence.end and time.value):
            continue
        if not _earlier_year(state, time.value):
            continue
        token = _token_at_or_after(state, time.start)
        verb = governing_verb(token) if token is not None else None
        if verb is not None and verb.i == root.i and base + token.idx < time.end:  # type: ignore[union-attr]
            return time.value
    return None


def _token_at_or_after(state: DocumentState, offset: int) -> Token | None:
    sentence = state.parsed.sentence_at(offset)
    if sentence is None:
        return None
    base = sentence.paragraph.offset
    return next((t for t in sentence.span if base + t.idx + len(t) > offset), None)


def _courtesy_titles(entity: Entity) -> None:
    """Class: courtesy titles. An article that calls a person a former holder of an office
    ("former Secretary of State X", "X, a former judge") and elsewhere writes the bare title
    before the name ("Secretary X", "Judge X") uses it as a courtesy: not current."""
    former = {fold(w) for r in entity.roles if r.current is False for w in r.title.split()}
    for role in entity.roles:
        if role.current and role.date_basis == "document":
            if fold(role.title.split()[-1]) in former:
                role.current = None


def _apposition(state: DocumentState, entity: Entity, mention: Mention, lex: Lexicon) -> None:
    """'X, the marketing director for Quillon Foods,' and 'Y, Z Group's Vice President for …,'."""
    text = state.article.text
    tail = text[mention.end : mention.end + 140]
    match = re.match(r",\s+(?P<phrase>[^,;:()\"“”]{3,120}?)(?=,|\.\s|;|$)", tail)
    if match is None:
        return
    phrase = match.group("phrase")
    start = mention.end + match.start("phrase")
    later = re.search(r"\s+and\s+(?:now|later|currently)\s+(?:(?:his|her|their)\s+)?", phrase)
    if later:
        # "X, his longtime adviser and now his chief of staff": the office held now.
        phrase, start = phrase[later.end() :], start + later.end()
    served = None
    if _verb_at(state, start):
        # "X, works as a policy analyst for Y": the title is what follows "works as".
        served = _SERVED.match(phrase)
        if served is None:
            return
        phrase, start = phrase[served.end() :], start + served.end()
    head_part = re.split(r"\s+(?:for|of|at|in|with|from|to|on|as)\s+", phrase, maxsplit=1)
    head_words = head_part[0].split()
    heads = _JOB_NOUNS | set(lex.titles_folded)
    if not head_words or fold(head_words[-1]) not in heads:
        return
    if head_words[0].lower() in {"who", "which", "that", "whose"}:
        return
    of: Entity | None = None
    # Only a name that opens the phrase owns the title ("Acme Corp's Vice President"), not
    # one inside it ("the hard-right candidate in Estmark's presidential race").
    possessive = re.match(r"(?P<owner>(?:[A-Z][\w.&-]*\s+){0,4}[A-Z][\w.&-]*)['’]s\s+", phrase)
    title_start = 0
    if possessive:
        of = _of_entity(state, start, start + possessive.end("owner"), entity)
        title_start = possessive.end()
    then = re.match(r"(?:then|at the time)\s+(?=(?:the|a|an)\s)", phrase)
    if then:
        # "Kovacs, then a candidate,": the office of the clause's moment, since left.
        title_start = then.end()
    rest = phrase[title_start:].split()
    if rest and rest[0].lower() in _DETERMINERS:
        title_start += len(rest[0]) + 1
    qual = re.match(rf"{_QUALIFIERS}+", phrase[title_start:])
    past = bool(qual and qual.group(0).split()[0].lower().rstrip("-") in {"former", "ex", "late"})
    past = past or bool(then)
    if qual:
        title_start += qual.end()
    while (word := re.match(r"[\w'’-]+\s+", phrase[title_start:])) and _descriptive(
        word.group(0).strip(), _token_at(state, start + title_start)
    ):
        title_start += word.end()  # "the globe-trotting secretary general"
    title = phrase[title_start:].strip()
    if of is None and len(head_part) > 1:
        rest_start = start + len(head_part[0])
        of = _owning_entity(state, rest_start, start + len(phrase), entity)
        if of is not None:
            title = head_part[0][title_start:].strip()
    if " and " in title:
        # Class: two offices in one apposition ("a former deputy secretary and head of
        # Y"): the first is kept alone; "of Y" belongs to the last.
        title, of = title.split(" and ")[0].strip(), None
    if served is not None and served.group("verb") in _SERVED_PAST:
        past = True  # "X, served as governor of Y before …": an office held then
    if not title or len(title.split()) > 8:
        return
    phrase_span = (start, start + len(phrase))
    date, basis = _date(state, mention.start, tied=bool(then), span=phrase_span, office=False)
    begin = start + title_start
    role = Role(title, begin, begin + len(title), of.key if of else None, date, basis)
    role.current = not past
    _add(entity, role)


def _token_at(state: DocumentState, offset: int) -> Token | None:
    """The parsed token that starts at body `offset`, if any."""
    sentence = state.parsed.sentence_at(offset)
    if sentence is None:
        return None
    base = sentence.paragraph.offset
    return next((t for t in sentence.span if base + t.idx == offset), None)


#: Parts of speech that open a clause or phrase, never a word of an office's name.
_CLAUSE_POS = {"ADP", "SCONJ", "CCONJ", "DET", "PRON", "ADV", "AUX", "VERB", "PART", "INTJ"}


def _clause_word(state: DocumentState, offset: int) -> bool:
    """Class: a capitalised word that opens the sentence or a clause before a title ("With
    Governor X and Senator Y in the race", "While President X has warned", "Despite Mayor
    Y"): a preposition, conjunction, adverb or verb is no part of the office's name."""
    token = _token_at(state, offset)
    return token is not None and token.pos_ in _CLAUSE_POS


def _verb_at(state: DocumentState, offset: int) -> bool:
    """True when the parser reads the word at body `offset` as a verb."""
    sentence = state.parsed.sentence_at(offset)
    if sentence is None:
        return False
    for token in sentence.span:
        if sentence.paragraph.offset + token.idx == offset:
            return token.pos_ in {"VERB", "AUX"}
    return False


def _served_as(state: DocumentState, lex: Lexicon) -> None:
    """'X … served as Labor Minister and Central Bank Governor in Y's government'."""
    text = state.article.text
    for match in _SERVED.finditer(text):
        sentence = state.parsed.sentence_at(match.start())
        if sentence is None:
            continue
        verb_token = next(
            (t for t in sentence.span if sentence.paragraph.offset + t.idx == match.start("verb")),
            None,
        )
        if verb_token is None:
            continue
        verb = verb_token if verb_token.pos_ in {"VERB", "AUX"} else verb_token.head
        if verb.dep_ == "aux":
            verb = verb.head
        subject = _subject_person(state, verb, sentence.paragraph.offset)
        if subject is None:
            continue
        rest = text[match.end() : sentence.end]
        chunk = re.match(
            r"(?:[A-Z][\w'’.-]*|of|and|for|the)(?:\s+(?:[A-Z][\w'’.-]*|of|and|for|the))*", rest
        )
        if chunk is None:
            continue
        for part_match in re.finditer(r"[^,]+", re.sub(r"\s+and\s+", ",", chunk.group(0))):
            part = part_match.group(0).strip()
            words = part.split()
            if not words or not any(w in lex.titles for w in words):
                continue
            start = text.find(part, match.end())
            date, basis = _date(state, match.start())
            past = match.group("verb") in {"served", "has served", "had served", "worked"}
            of = _body_after(state, match.end() + chunk.end(), sentence.end, subject)
            role = Role(part, start, start + len(part), of.key if of else None, date, basis)
            role.current = False if past else None if "was" in match.group("verb") else True
            _add(subject, role)


_LED_BODY = re.compile(
    r"\s*(?:in|under|for|of)\s+(?:the\s+)?(?P<owner>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}?)"
    r"(?:['’]s?)?\s+(?:government|administration|cabinet|regime|army|navy|military)\b"
)


def _body_after(state: DocumentState, start: int, end: int, person: Entity) -> Entity | None:
    """Whose office it was, from 'in X's government' after it: X itself when X is a country
    or organisation, else the country X's own office in this article is of."""
    found = _LED_BODY.match(state.article.text[start:end])
    if found is None:
        return None
    at = start + found.start("owner")
    owner = _of_entity(state, at, start + found.end("owner"), person)
    if owner is None:
        owner = _demonym_of(state, found.group("owner").split()[-1], person)
    if owner is None:
        leader = state.entity_at(at, start + found.end("owner"))
        owner = leader if leader is not None and leader.key != person.key else None
    if owner is None or owner.type != "Person":
        return owner
    for role in owner.roles:
        body = state.entity(role.of) if role.of is not None else None
        if body is not None and body.type == "Country":
            return body
    return None


_COPULA = re.compile(
    r"\b(?P<verb>is|was|has been|had been|became|becomes)\s+"
    r"(?:(?:still|already|once|briefly|then|previously)\s+)?(?:a|an|the|its|their)\s+"
    r"(?P<qual>(?:former|then|longtime|senior|junior|deputy|chief)\s+)?"
    r"(?P<title>[a-z][a-z-]+(?:\s+(?!(?:of|for|at|in)\b)[a-z][a-z-]+)?)\b"
    r"(?P<rest>\s+(?:of|for|at|in)\s+(?:the\s+)?)?"
)


def _copular(state: DocumentState, lex: Lexicon) -> None:
    """'His father, Y, was a lieutenant in the army' → Y: lieutenant (past)."""
    text = state.article.text
    heads = _JOB_NOUNS | set(lex.titles_folded)
    for match in _COPULA.finditer(text):
        words = match.group("title").split()
        while words and fold(words[-1]) not in heads:
            words.pop()
        if not words or any(w.lower() in _EVALUATIVE for w in words):
            continue  # "X is a better candidate": a judgement, not an office
        while len(words) > 1 and _descriptive(words[0]):
            words.pop(0)
        sentence = state.parsed.sentence_at(match.start())
        if sentence is None:
            continue
        offset = sentence.paragraph.offset
        verb = next((t for t in sentence.span if offset + t.idx == match.start("verb")), None)
        if verb is None:
            continue
        if verb.dep_ == "aux":
            verb = verb.head
        subject = _subject_person(state, verb, offset)
        if subject is None:
            continue
        title = " ".join(words)
        start = match.start("title")
        of: Entity | None = None
        if match.group("rest"):
            # Only the name right after the preposition: "a lieutenant in the navy before
            # fleeing to X" is no office of X.
            of = _body_after(state, match.end("title"), sentence.end, subject)
            name = re.match(r"(?:[A-Z][\w'’.&-]*\s*)+", text[match.end() : sentence.end])
            if of is None and name is not None:
                of = _of_entity(state, match.end(), match.end() + name.end(), subject)
        date, basis = _date(state, match.start())
        role = Role(title, start, start + len(title), of.key if of else None, date, basis)
        past = match.group("verb") in {"was", "had been"} or (match.group("qual") or "").startswith(
            ("former", "then")
        )
        role.current = False if past else True if match.group("verb") == "is" else None
        _add(subject, role)


def _subject_person(state: DocumentState, verb: object, offset: int) -> Entity | None:
    """The person entity that is the subject of `verb` (its own name or an appositive)."""
    from spacy.tokens import Token

    assert isinstance(verb, Token)
    for child in verb.children:
        if child.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        for token in [child, *[c for c in child.children if c.dep_ in {"appos", "compound"}]]:
            found = state.entity_at(offset + token.idx, offset + token.idx + len(token.text))
            if found is not None and found.type == "Person":
                return found
    return None


def _title_mentions(state: DocumentState, lex: Lexicon) -> None:
    """'the senator' as a mention of the one person in the article who is a senator."""
    holders: dict[str, set[int]] = {}
    for entity in state.analysis.entities:
        if entity.type != "Person":
            continue
        for role in entity.roles:
            head = role.title.split()[-1].lower()
            if fold(head) in lex.titles_folded:  # "Senator", "Labor Minister"; not "… Relations"
                holders.setdefault(head, set()).add(entity.key)
    if not holders:
        return
    heads = "|".join(re.escape(h) for h in holders if h.isalpha())
    if not heads:
        return
    pattern = re.compile(rf"\b[Tt]he\s+(?:former\s+)?(?P<head>{heads})\b(?!\s+(?:of\b|[A-Z]))")
    text = state.article.text
    for match in pattern.finditer(text):
        keys = holders[match.group("head").lower()]
        if len(keys) != 1:
            continue
        holder = state.entity(next(iter(keys)))
        if holder is None or state.entity_at(match.start(), match.end()) is not None:
            continue
        holder.mentions.append(Mention(match.start(), match.end(), match.group(0), "title"))
        holder.mentions.sort(key=lambda m: m.start)


def find_roles(state: DocumentState) -> None:
    """Attach every role the text states to the people of `state.analysis.entities`."""
    lex = lexicon()
    for entity in state.analysis.entities:
        if entity.type != "Person":
            continue
        for mention in list(entity.mentions):
            if mention.form in {"pronoun", "title", "demonym"}:
                continue
            _titles_before(state, entity, mention, lex)
            _apposition(state, entity, mention, lex)
    _served_as(state, lex)
    _copular(state, lex)
    for entity in state.analysis.entities:
        _courtesy_titles(entity)
    _title_mentions(state, lex)


@component("roles")
def make_roles(settings: Settings) -> Component:
    def run(state: DocumentState) -> None:
        if english(state):
            find_roles(state)

    return run
