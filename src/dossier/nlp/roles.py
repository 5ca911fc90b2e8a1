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

from ..extract.claim_lexicon import is_loaded, strip_loaded
from ..extract.claim_syntax import governing_verb, in_subtree
from ..records import Entity, Mention, Role
from ..settings import Settings
from .entities import english
from .entity_lexicon import Lexicon, fold, lexicon
from .registry import Component, DocumentState, component
from .temporal import document_times

_PAST_MARKERS = {"former", "ex", "then", "late", "onetime", "one-time", "erstwhile"}
_QUALIFIERS = (
    r"(?:(?:former|ex-|then-|onetime|one-time|erstwhile|outgoing|incoming|acting|interim"
    r"|current|new|late)\s*)"
)
_PARTIES = {"R": "Republican", "D": "Democratic", "I": "Independent"}
_PARTY_TAG = re.compile(r"^\s*\((?P<party>[RDI])\s*[-–—,]\s*(?P<region>[A-Z][A-Za-z. ]{0,20})\)")
#: Job nouns accepted as the head of an apposition, besides the title lexicon.
_JOB_NOUNS = {"manager", "executive", "chief", "official", "spokesperson", "correspondent"}
_JOB_NOUNS |= {"analyst", "economist", "lawyer", "attorney", "researcher", "scientist"}
_JOB_NOUNS |= {"owner", "president", "director", "chairman", "founder", "leader", "head"}
_JOB_NOUNS |= {"minister", "secretary", "senator", "governor", "mayor", "ambassador"}
_JOB_NOUNS |= {"adviser", "advisor", "editor", "professor", "candidate", "lawmaker", "deputy"}
_JOB_NOUNS |= {"representative", "commissioner", "judge", "general", "envoy", "chancellor"}
_JOB_NOUNS |= {"ceo", "cfo", "coo", "spokesman", "spokeswoman", "coach", "reporter"}
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


def _date(state: DocumentState, offset: int) -> tuple[str | None, str | None]:
    sentence = state.parsed.sentence_at(offset)
    if sentence is not None:
        stated = _nearest_date(state, sentence.start, sentence.end, offset)
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


def _nearest_date(state: DocumentState, start: int, end: int, offset: int) -> str | None:
    """The date the sentence states closest to the title ("from 2009 until 2023, when Prime
    Minister X appointed him": X's office is dated 2023); calendar dates before relative ones."""
    times = [t for t in document_times(state) if start <= t.start and t.end <= end and t.value]
    times = [t for t in times if _same_clause(state, t.start, offset)]
    if not times:
        return None
    best = min(times, key=lambda t: (t.kind == "relative", abs(t.start - offset)))
    return best.value


def _same_clause(state: DocumentState, time_at: int, title_at: int) -> bool:
    """False when the date belongs to a clause that does not hold the title ("President X
    congratulated Y and said she would meet him on Wednesday": Wednesday is the meeting's)."""
    sentence = state.parsed.sentence_at(title_at)
    if sentence is None:
        return True
    base = sentence.paragraph.offset
    tokens = list(sentence.span)
    time = next((t for t in tokens if base + t.idx <= time_at < base + t.idx + len(t)), None)
    title = next((t for t in tokens if base + t.idx + len(t) > title_at), None)
    verb = governing_verb(time) if time is not None else None
    return verb is None or title is None or in_subtree(title, [verb])


def _add(entity: Entity, given: Role) -> None:
    role = _unloaded(given)
    if role is None:
        return
    for known in entity.roles:
        if (known.title, known.of, known.date) == (role.title, role.of, role.date):
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
        lower = re.search(rf"(?P<qual>{_QUALIFIERS}*)\b(?P<title>[a-z][a-z.-]+)\s+$", window)
        if lower is None or fold(lower.group("title")) not in lex.titles_folded:
            return
        title = lex.titles_folded[fold(lower.group("title"))]
        span = (base + lower.start("title"), base + lower.end("title"))
        # "Danish navy admiral X": a demonym a few lower-case words before the title.
        before = re.search(r"(?P<d>[A-Z][\w'’.-]*)\s+(?:[a-z-]+\s+){0,2}$", window[: lower.start()])
        country = None
        if before is not None:
            at = base + before.start("d")
            found = _of_entity(state, at, at + len(before.group("d")), entity)
            country = found if found is not None and found.type == "Country" else None
        _finish(state, entity, mention, title, span, lower.group("qual"), country, current=None)
        return
    title = _canonical_title(match.group("title"), lex)
    mods = match.group("mods").split()
    kept: list[str] = []
    of: Entity | None = None
    offset = base + match.start("mods")
    for word in mods:
        found = _of_entity(state, offset, offset + len(word), entity)
        bare = word.rstrip("'’s") if word.endswith(("'s", "’s")) else word
        if found is not None and found.type in {"Country", "Place", "Organization"}:
            of = found
        elif fold(bare) in lex.demonyms or fold(bare) in lex.countries:
            pass
        elif word.endswith(("'s", "’s")) or word in {"The", "A", "An"}:
            kept = []
        else:
            kept.append(word)
        offset += len(word) + 1
    full = " ".join([*kept, title])
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
    if kept:
        start = base + match.start("mods") + match.group("mods").index(kept[0])
    _finish(state, entity, mention, full, (start, end), match.group("qual"), of)


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
) -> None:
    """Date, currency and party of a role found before a name; attach it."""
    past = any(q.lower().rstrip("-") in _PAST_MARKERS for q in (qualifiers or "").split())
    date, basis = _date(state, mention.start)
    role = Role(title, span[0], span[1], of.key if of else None, date, basis)
    role.current = False if past else current
    tag = _PARTY_TAG.match(state.article.text[mention.end : mention.end + 30])
    if tag:
        role.party = _PARTIES[tag.group("party")]
        region = tag.group("region").strip()
        role.region = lexicon().us_states.get(region, region)
    _add(entity, role)


def _apposition(state: DocumentState, entity: Entity, mention: Mention, lex: Lexicon) -> None:
    """'X, the marketing director for Quillon Foods,' and 'Y, Z Group's Vice President for …,'."""
    text = state.article.text
    tail = text[mention.end : mention.end + 140]
    match = re.match(r",\s+(?P<phrase>[^,;:()\"“”]{3,120}?)(?=,|\.\s|;|$)", tail)
    if match is None:
        return
    phrase = match.group("phrase")
    start = mention.end + match.start("phrase")
    if _verb_at(state, start):
        # "X, works as a policy analyst for Y": the title is what follows "works as".
        served = _SERVED.match(phrase)
        if served is None:
            return
        phrase, start = phrase[served.end() :], start + served.end()
    head_part = re.split(r"\s+(?:for|of|at|in|with|from|to|on|as)\s+", phrase, maxsplit=1)
    head_words = head_part[0].split()
    if not head_words or fold(head_words[-1]) not in (_JOB_NOUNS | set(lex.titles_folded)):
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
    elif phrase.split()[0].lower() in {"the", "a", "an"}:
        title_start = len(phrase.split()[0]) + 1
    qual = re.match(rf"{_QUALIFIERS}+", phrase[title_start:])
    past = bool(qual and qual.group(0).split()[0].lower().rstrip("-") in {"former", "ex", "late"})
    if qual:
        title_start += qual.end()
    title = phrase[title_start:].strip()
    if of is None and len(head_part) > 1:
        rest_start = start + len(head_part[0])
        of = _of_entity(state, rest_start, start + len(phrase), entity)
        if of is not None:
            title = head_part[0][title_start:].strip()
    if not title or len(title.split()) > 8:
        return
    date, basis = _date(state, mention.start)
    begin = start + title_start
    role = Role(title, begin, begin + len(title), of.key if of else None, date, basis)
    role.current = not past
    _add(entity, role)


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
            role = Role(part, start, start + len(part), None, date, basis)
            role.current = False if past else None if "was" in match.group("verb") else True
            _add(subject, role)


_COPULA = re.compile(
    r"\b(?P<verb>is|was|has been|had been|became|becomes)\s+(?:a|an|the|its|their)\s+"
    r"(?P<qual>(?:former|then|longtime|senior|junior|deputy|chief)\s+)?"
    r"(?P<title>[a-z][a-z-]+(?:\s+[a-z][a-z-]+)?)\b(?P<rest>\s+(?:of|for|at|in)\s+(?:the\s+)?)?"
)


def _copular(state: DocumentState, lex: Lexicon) -> None:
    """'His father, Y, was a lieutenant in the army' → Y: lieutenant (past)."""
    text = state.article.text
    heads = _JOB_NOUNS | set(lex.titles_folded)
    for match in _COPULA.finditer(text):
        words = match.group("title").split()
        while words and fold(words[-1]) not in heads:
            words.pop()
        if not words:
            continue
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
            tail_end = min(sentence.end, match.end() + 60)
            of = _of_entity(state, match.end(), tail_end, subject)
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
    _title_mentions(state, lex)


@component("roles")
def make_roles(settings: Settings) -> Component:
    def run(state: DocumentState) -> None:
        if english(state):
            find_roles(state)

    return run
