"""One entity per person, organisation and country in an article, with every mention of it.

spaCy's small model tags names one at a time: a bare surname comes out as ORG, LOC or PERSON
by chance, a first name is dropped, a newspaper becomes a person. This component gathers
the candidate names, votes each entity's type over all its mentions and the cues around them
(titles, honorifics, source phrases, organisation words, the country lexicon), links a
surname to the full name in scope, finds the mentions the tagger missed, turns demonyms and
possessive countries into Country mentions, resolves clear pronouns (`pronouns.py`) and
records family relations stated in the text ("his older brother Corwin").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..records import Entity, EntityType, Mention
from ..settings import Settings
from .entity_lexicon import Lexicon, fold, lexicon
from .registry import Component, DocumentState, component

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .parse import Paragraph

_NER_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
_BASE_VOTE: dict[str, EntityType] = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
}
#: Articles that open an outlet's or institution's name, rarely a person's ("La Nación").
_NAME_ARTICLES = {"the", "la", "el", "le", "les", "los", "las", "il", "lo", "die", "der", "das"}
#: Lower-case particles inside personal names ("Ana da Costa"); never a surname on their own.
_PARTICLES = {"da", "de", "del", "della", "di", "do", "dos", "das", "du", "van", "von", "der"}
_PARTICLES |= {"den", "bin", "ibn", "al", "el", "la", "le", "y", "ben", "ter", "st.", "jr.", "sr."}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_SOURCE_BEFORE = re.compile(
    r"(?:according to|\bper|reported by|reporting by|reports? in|cited by|quoted by|"
    r"in an interview with|told)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SOURCE_AFTER = re.compile(
    r"^(?:'s|’s)?\s*(?:reports?|reported|reporting|wrote|writes|has reported|first reported|"
    r"revealed|published)\b"
)
_SPEECH_LEMMAS = {"say", "tell", "point", "add", "claim", "argue", "state", "note", "explain"}
_SPEECH_LEMMAS |= {"insist", "warn", "write", "deny", "admit", "ask", "reply", "respond"}
#: Verbs whose subject is a person: places and bodies are not born, do not die or marry.
_LIFE_LEMMAS = {"bear", "die", "marry", "divorce", "resign", "graduate", "retire"}
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August"}
_MONTHS |= {"September", "October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr."}
_MONTHS |= {"Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.", "Monday", "Tuesday", "Wednesday"}
_MONTHS |= {"Thursday", "Friday", "Saturday", "Sunday"}
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m"}
_PRONOUN_GENDER |= {"she": "f", "her": "f", "hers": "f", "herself": "f"}
#: Titles that only ever stand before a person's name (not "General Motors").
_PERSON_TITLES = {"Sen.", "Rep.", "Gov.", "Gen.", "Lt.", "Col.", "Capt.", "Sgt.", "Prof."}
_PERSON_TITLES |= {"Senator", "President", "Governor", "Mayor", "Minister", "Judge"}
_PERSON_TITLES |= {"Chancellor", "Ambassador", "Congressman", "Congresswoman", "Rev."}
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
_KIN_MODIFIERS = {"older", "younger", "elder", "eldest", "oldest", "youngest", "late", "twin"}
_KIN_MODIFIERS |= {"big", "little", "baby", "estranged", "former", "then", "own", "only"}


@dataclass
class _Cand:
    """A name found in one paragraph, before it is linked to an entity."""

    para: Paragraph
    i: int  # first token index in the paragraph's Doc
    j: int  # one past the last token
    start: int  # body offsets
    end: int
    text: str
    form: str = "name"
    votes: Counter[str] = field(default_factory=Counter)
    country: str | None = None
    cluster: int = -1
    #: The name itself says organisation ("… Party", "… University"), not just the context.
    org_name: bool = False

    @property
    def tokens(self) -> list[str]:
        return [fold(t.text) for t in self.para.doc[self.i : self.j]]


def _is_title_word(token: Token, lex: Lexicon) -> bool:
    return token.text in lex.titles or token.text in lex.honorifics


def _title_before(doc: Doc, i: int, lex: Lexicon) -> bool:
    """True when a title or honorific stands right before token i ("Sen. X", "President X")."""
    return i > 0 and _is_title_word(doc[i - 1], lex)


def _trim(doc: Doc, i: int, j: int, label: str, lex: Lexicon) -> tuple[int, int, bool]:
    """Drop leading articles and titles and a trailing possessive; extend a person leftwards."""
    titled = False
    while j - i > 1 and doc[i].lower_ == "the" and (doc[i].text == "the" or doc[i].is_sent_start):
        i += 1
    if label == "PERSON":
        # "X's Ben Chan", "Undersecretary Mr. Y": the person starts after a possessive or title.
        for k in range(j - 2, i - 1, -1):
            if doc[k].text in _POSSESSIVE or _is_title_word(doc[k], lex):
                titled = titled or doc[k].text not in _POSSESSIVE
                i = k + 1
                break
        while i > 0:
            prev = doc[i - 1]
            if (
                prev.pos_ == "PROPN"
                and prev.is_title
                and prev.ent_iob_ == "O"
                and not _is_title_word(prev, lex)
                and prev.text not in _MONTHS
                and fold(prev.text) not in lex.demonyms
                and fold(prev.text) not in lex.countries
                and not (i - 1 == prev.sent.start and prev.is_stop)
            ):
                i -= 1
            else:
                break
    while j - i > 1 and (doc[j - 1].text in _POSSESSIVE or doc[j - 1].is_punct):
        j -= 1
    return i, j, titled or _title_before(doc, i, lex)


def _after_title(doc: Doc, i: int, lex: Lexicon) -> bool:
    """True for the department of an office: "Secretary of [State]", "… for [Trade]"."""
    return i >= 2 and doc[i - 1].lower_ in {"of", "for"} and doc[i - 2].text in lex.titles


def _outlet_score(state: DocumentState, cand: _Cand, lex: Lexicon) -> int:
    """How strongly the context marks a name as a news outlet cited as a source."""
    text = state.article.text
    before = text[max(0, cand.start - 40) : cand.start]
    after = text[cand.end : cand.end + 30]
    cue = bool(_SOURCE_BEFORE.search(before) or _SOURCE_AFTER.match(after))
    if not cue:
        return 0
    words = cand.text.split()
    score = 1
    if any(w in lex.outlet_words for w in words) or cand.text in lex.outlet_words:
        score += 2
    first = cand.para.doc[cand.i - 1] if cand.i > 0 else None
    if (words and fold(words[0]) in _NAME_ARTICLES) or (first is not None and first.text == "The"):
        score += 1
    if cand.votes["Organization"]:
        score += 1
    return score


def _collect(state: DocumentState, lex: Lexicon) -> list[_Cand]:
    """Candidate names from the tagger, trimmed, voted, plus adjectival demonyms."""
    cands: list[_Cand] = []
    for para in state.parsed.paragraphs:
        doc = para.doc
        covered: set[int] = set()
        for ent in doc.ents:
            label = ent.label_
            if label not in _NER_LABELS:
                continue
            i, j, titled = _trim(doc, ent.start, ent.end, label, lex)
            span = doc[i:j]
            text = span.text
            if not any(ch.isalpha() for ch in text) or text.islower() or len(text) < 2:
                continue
            nxt = doc[j] if j < len(doc) else None
            if label == "ORG" and nxt is not None and nxt.text in lex.titles:
                continue  # "Labor" in "Labor Minister": part of an office, not a body
            if label == "ORG" and _after_title(doc, i, lex):
                continue  # "State" in "Secretary of State"
            if label == "ORG" and doc[j - 1].text in lex.titles:
                continue  # "Harbour Authority Governor": an office
            folded = fold(text)
            demonym = lex.demonyms.get(folded)
            cand = _Cand(
                para, i, j, para.offset + span.start_char, para.offset + span.end_char, text
            )
            if demonym is not None and label in {"NORP", "GPE", "ORG"}:
                if not _adjectival(doc, i, j):
                    continue
                cand.form, cand.country = "demonym", demonym
                cand.votes["Country"] += 3
            elif label == "NORP":
                continue
            else:
                cand.votes[_BASE_VOTE[label]] += 1
                country = lex.countries.get(folded)
                if country is not None and label in {"GPE", "LOC", "ORG"}:
                    cand.country = country
                    cand.votes["Country"] += 3
                if titled:
                    cand.votes["Person"] += 3
                words = text.split()
                if len(words) > 1 and (set(words) & lex.org_words or words[-1] in lex.outlet_words):
                    cand.votes["Organization"] += 2  # "… University", "Edmonton Sun"
                    cand.org_name = True
                elif country is None and len(words) > 1 and _INITIALS.fullmatch(words[0]):
                    cand.votes["Person"] += 2  # "K.C. Maurer"
                elif words[0] in lex.given_names and country is None:
                    cand.votes["Person"] += 2 if len(words) > 1 else 1
                if label == "PERSON" and len(words) == 1 and _bare_the(doc, i, j):
                    cand.votes["Other"] += 2  # "the Hajj", "the Taliban": not a person's name
                if label == "PERSON" and fold(words[0]) in _NAME_ARTICLES and len(words) > 1:
                    cand.votes["Organization"] += 2
                if nxt is not None and nxt.text in _POSSESSIVE and cand.country:
                    cand.form = "possessive"
                head = span.root
                if len(words) == 1 and head.dep_ in {"nsubj", "nsubjpass"}:
                    verb = head.head.lemma_
                    if verb in _SPEECH_LEMMAS or verb in _LIFE_LEMMAS:
                        # Places do not speak or get born; organisations do say ("X says").
                        place = label in {"GPE", "LOC", "FAC"} or verb in _LIFE_LEMMAS
                        cand.votes["Person"] += 2 if place else 1
                if _kin_after(doc, j, lex):
                    cand.votes["Person"] += 3  # "X's father"
            covered.update(range(i, j))
            cands.append(cand)
        cands.extend(_demonym_tokens(para, covered, lex))
        cands.extend(_given_name_spans(para, covered, lex))
        cands.extend(_titled_spans(para, covered, lex))
        cands.extend(_org_word_spans(para, covered, lex))
    for cand in cands:
        score = _outlet_score(state, cand, lex)
        if score >= 2 and cand.country is None:
            cand.votes["Organization"] += 4
    return cands


def _given_name_spans(para: Paragraph, covered: set[int], lex: Lexicon) -> list[_Cand]:
    """Untagged "Given Surname" pairs: a common given name followed by capitalised names."""
    out: list[_Cand] = []
    doc = para.doc
    for token in doc:
        if token.i in covered or token.text not in lex.given_names:
            continue
        j = token.i + 1
        while (
            j < len(doc)
            and j - token.i < 4
            and j not in covered
            and doc[j].pos_ == "PROPN"
            and doc[j].is_title
            and doc[j].text not in lex.titles
        ):
            j += 1
        if j - token.i < 2:
            continue
        span = doc[token.i : j]
        start = para.offset + span.start_char
        cand = _Cand(para, token.i, j, start, start + len(span.text), span.text)
        cand.votes["Person"] += 3
        covered.update(range(token.i, j))
        out.append(cand)
    return out


def _org_word_spans(para: Paragraph, covered: set[int], lex: Lexicon) -> list[_Cand]:
    """Untagged capitalised names ending in an organisation word ("Civic Party")."""
    out: list[_Cand] = []
    doc = para.doc
    for token in doc:
        if token.i in covered or token.text not in lex.org_words or token.i == 0:
            continue
        i = token.i
        while (
            i > 0
            and token.i - i < 4
            and i - 1 not in covered
            and doc[i - 1].is_title
            and doc[i - 1].pos_ in {"PROPN", "ADJ", "NOUN"}
            and not doc[i - 1].is_sent_start
            and doc[i - 1].text not in lex.titles
        ):
            i -= 1
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if i == token.i or (nxt is not None and nxt.text in lex.titles):
            continue  # "Central Bank Governor" is an office
        span = doc[i : token.i + 1]
        start = para.offset + span.start_char
        cand = _Cand(para, i, token.i + 1, start, start + len(span.text), span.text)
        cand.votes["Organization"] += 3
        cand.org_name = True
        covered.update(range(i, token.i + 1))
        out.append(cand)
    return out


def _titled_spans(para: Paragraph, covered: set[int], lex: Lexicon) -> list[_Cand]:
    """Untagged names right after an honorific or a personal title ("Mr. Oduya", "Sen. X")."""
    out: list[_Cand] = []
    doc = para.doc
    for token in doc[:-1]:
        if not (token.text in lex.honorifics or token.text in _PERSON_TITLES):
            continue
        i = j = token.i + 1
        while (
            j < len(doc)
            and j - i < 3
            and j not in covered
            and doc[j].pos_ == "PROPN"
            and doc[j].is_title
            and doc[j].text not in lex.org_words
            and doc[j].text not in lex.titles
        ):
            j += 1
        if j == i:
            continue
        span = doc[i:j]
        start = para.offset + span.start_char
        cand = _Cand(para, i, j, start, start + len(span.text), span.text)
        cand.votes["Person"] += 3
        covered.update(range(i, j))
        out.append(cand)
    return out


def _kin_after(doc: Doc, j: int, lex: Lexicon) -> bool:
    """True for a name followed by a possessive and a kinship word ("X's older sister")."""
    if j >= len(doc) or doc[j].text not in _POSSESSIVE:
        return False
    k = j + 1
    while k < len(doc) and doc[k].lower_ in _KIN_MODIFIERS:
        k += 1
    return k < len(doc) and fold(doc[k].text) in lex.kinship


def _bare_the(doc: Doc, i: int, j: int) -> bool:
    """True for a one-word name after a lower-case "the" that heads its phrase ("the Hajj")."""
    return i > 0 and doc[i - 1].text == "the" and doc[j - 1].dep_ not in {"compound", "amod"}


def _adjectival(doc: Doc, i: int, j: int) -> bool:
    """A demonym used as an adjective ("Danish voters"), not as a noun ("the Dane's")."""
    if j < len(doc) and doc[j].text in _POSSESSIVE:
        return False
    last = doc[j - 1]
    if last.dep_ in {"amod", "compound", "nmod"} or last.pos_ == "ADJ":
        return True
    return j < len(doc) and doc[j].pos_ in {"NOUN", "PROPN", "ADJ"}


def _demonym_tokens(para: Paragraph, covered: set[int], lex: Lexicon) -> list[_Cand]:
    """Capitalised adjectival demonyms the tagger left out ("Norwegian President …")."""
    out: list[_Cand] = []
    doc = para.doc
    for token in doc:
        if token.i in covered or not token.is_title:
            continue
        for width in (2, 1):
            j = token.i + width
            if j > len(doc) or any(k in covered for k in range(token.i, j)):
                continue
            span = doc[token.i : j]
            country = lex.demonyms.get(fold(span.text))
            if country and _adjectival(doc, token.i, j):
                start = para.offset + span.start_char
                cand = _Cand(para, token.i, j, start, start + len(span.text), span.text)
                cand.form, cand.country = "demonym", country
                cand.votes["Country"] += 3
                covered.update(range(token.i, j))
                out.append(cand)
                break
    return out


@dataclass
class _Cluster:
    """Mentions grouped as one entity, with the votes of all of them."""

    key: int
    name_tokens: list[str]
    cands: list[_Cand] = field(default_factory=list)
    votes: Counter[str] = field(default_factory=Counter)
    country: str | None = None

    def add(self, cand: _Cand) -> None:
        cand.cluster = self.key
        self.cands.append(cand)
        self.votes.update(cand.votes)


def _vote(votes: Counter[str]) -> str:
    order = ("Person", "Organization", "Country", "Place", "Other")
    return max(order, key=lambda t: (votes[t], -order.index(t))) if votes else "Other"


def _name_key(tokens: list[str]) -> tuple[str, ...]:
    return tuple(t for t in tokens if t not in {"the"})


def _cluster(cands: list[_Cand]) -> list[_Cluster]:
    """Group candidates: countries by lexicon name, names by spelling, then surnames to names."""
    clusters: list[_Cluster] = []
    by_key: dict[tuple[str, ...], _Cluster] = {}

    def new(tokens: list[str]) -> _Cluster:
        cluster = _Cluster(len(clusters), tokens)
        clusters.append(cluster)
        return cluster

    groups: dict[tuple[str, ...], list[_Cand]] = {}
    for cand in cands:
        if cand.country is not None:
            key: tuple[str, ...] = ("<country>", cand.country)
        else:
            key = _name_key(cand.tokens)
        groups.setdefault(key, []).append(cand)
    votes = {key: sum((c.votes for c in group), Counter()) for key, group in groups.items()}

    # Full personal names (two tokens or more) become entities first.
    full = [
        k
        for k in groups
        if k and k[0] != "<country>" and len(k) > 1 and _vote(votes[k]) == "Person"
    ]
    full.sort(key=len, reverse=True)
    for key in full:
        # A longer tagged name that only adds words to a known name ("X Y Overjoyed")
        # or a shorter one that ends a known name ("Maren Holt" for "Ida Maren Holt") joins it.
        target = next(
            (
                by_key[other]
                for other in by_key
                if (len(key) < len(other) and other[-len(key) :] == key)
                or (len(groups[key]) == 1 and other == key[: len(other)] and len(other) > 1)
            ),
            None,
        )
        if target is None:
            target = new(list(key))
            by_key[key] = target
        for cand in groups[key]:
            target.add(cand)
    persons = list(by_key.values())

    for key, group in groups.items():
        if key in full:
            continue
        if key and key[0] == "<country>":
            cluster = new(list(key[1:]))
            cluster.country = key[1]
            for cand in group:
                cluster.add(cand)
            continue
        matches = _surname_matches(key, persons, group)
        if not matches:
            cluster = new(list(key))
            for cand in group:
                cluster.add(cand)
            continue
        for cand in group:
            # The full name decides the type; the tagger's guess on a bare surname does not.
            cand.votes = Counter({"Person": 1})
            _pick(cand, matches).add(cand)
            cand.form = "surname" if cand.form == "name" else cand.form
    _merge_prefixed(persons)
    _merge_acronyms(clusters)
    return [c for c in clusters if c.cands]


def _initials(text: str) -> str:
    words = [w for w in re.split(r"[\s-]+", text) if w and w[0].isupper()]
    return "".join(w[0] for w in words)


def _merge_acronyms(clusters: list[_Cluster]) -> None:
    """An acronym joins the one longer name whose capitals spell it ("OAS")."""
    longer: dict[str, list[_Cluster]] = {}
    for cluster in clusters:
        if cluster.country is None and len(cluster.name_tokens) > 1 and cluster.cands:
            for cand in cluster.cands:
                initials = _initials(cand.text)
                if len(initials) > 1 and cluster not in longer.get(initials, []):
                    longer.setdefault(initials, []).append(cluster)
    for cluster in clusters:
        if len(cluster.name_tokens) != 1 or not cluster.cands or cluster.country:
            continue
        text = cluster.cands[0].text.replace(".", "")
        targets = longer.get(text, []) if text.isupper() and len(text) > 1 else []
        if len(targets) == 1 and targets[0] is not cluster:
            for cand in cluster.cands:
                cand.form = "acronym"
                targets[0].add(cand)
            cluster.cands = []


def _merge_prefixed(persons: list[_Cluster]) -> None:
    """A name tagged once with a word too many ("X Y Overjoyed") joins the known "X Y"."""
    for cluster in persons:
        if len(cluster.cands) != 1:
            continue
        for other in persons:
            n = len(other.name_tokens)
            if other is cluster or n < 2 or n >= len(cluster.name_tokens) or not other.cands:
                continue
            if cluster.name_tokens[:n] == other.name_tokens:
                cand = cluster.cands.pop()
                span = cand.para.doc[cand.i : cand.i + n]
                cand.j = cand.i + n
                cand.text = span.text
                cand.end = cand.start + len(span.text)
                other.add(cand)
                break


def _surname_matches(
    key: tuple[str, ...], persons: list[_Cluster], group: list[_Cand]
) -> list[_Cluster]:
    """Full-name entities a shorter name can stand for (last name first, then first name)."""
    if not key or any(c.country for c in group):
        return []
    if any(c.org_name for c in group):
        return []
    if len(key) == 1 and group[0].text.isupper() and len(group[0].text) > 1:
        return []  # an acronym is not a surname
    n = len(key)
    last = [p for p in persons if tuple(p.name_tokens[-n:]) == key]
    if last:
        return last
    if n == 1 and key[0] not in _PARTICLES:
        return [p for p in persons if p.name_tokens[0] == key[0]]
    return []


def _pick(cand: _Cand, matches: list[_Cluster]) -> _Cluster:
    """The person a surname stands for: the one named last in its paragraph, else the first."""
    if len(matches) == 1:
        return matches[0]
    best: tuple[int, _Cluster] | None = None
    for cluster in matches:
        for other in cluster.cands:
            before = other.para is cand.para and other.end <= cand.start
            if before and len(other.tokens) > 1 and (best is None or other.start > best[0]):
                best = (other.start, cluster)
    if best is not None:
        return best[1]
    return min(matches, key=lambda c: min(x.start for x in c.cands))


def _propagate(state: DocumentState, cands: list[_Cand], clusters: list[_Cluster]) -> None:
    """Add the surname mentions of known people that the tagger did not tag at all."""
    index: dict[str, list[_Cluster]] = {}
    for cluster in clusters:
        if _vote(cluster.votes) == "Person" and cluster.country is None:
            index.setdefault(cluster.name_tokens[-1], []).append(cluster)
    if not index:
        return
    covered = {(id(c.para), k) for c in cands for k in range(c.i, c.j)}
    by_key = {c.key: c for c in clusters}
    for para in state.parsed.paragraphs:
        doc = para.doc
        for token in doc:
            if (id(para), token.i) in covered or not token.is_title or token.pos_ != "PROPN":
                continue
            matches = index.get(fold(token.text))
            if not matches:
                continue
            prev = doc[token.i - 1] if token.i > 0 else None
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if prev is not None and prev.pos_ == "PROPN" and prev.is_title:
                continue
            if nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title:
                continue
            start = para.offset + token.idx
            cand = _Cand(para, token.i, token.i + 1, start, start + len(token.text), token.text)
            cand.form = "surname"
            cand.votes["Person"] += 1
            target = _pick(cand, matches)
            by_key[target.key].add(cand)
            cands.append(cand)


def _propagate_names(state: DocumentState, cands: list[_Cand], clusters: list[_Cluster]) -> None:
    """Add the untagged repeats of organisation names the tagger found once ("The Courier")."""
    wanted: dict[str, _Cluster] = {}
    for cluster in clusters:
        if cluster.country is None and _vote(cluster.votes) == "Organization":
            for cand in cluster.cands:
                if len(cand.text) > 2 and cand.text[0].isupper():
                    wanted.setdefault(cand.text, cluster)
    if not wanted:
        return
    by_first: dict[str, list[tuple[str, _Cluster]]] = {}
    for name, cluster in wanted.items():
        by_first.setdefault(name.split()[0], []).append((name, cluster))
    covered = {(id(c.para), k) for c in cands for k in range(c.i, c.j)}
    for para in state.parsed.paragraphs:
        doc = para.doc
        for token in doc:
            if (id(para), token.i) in covered or not token.text[:1].isupper():
                continue
            for name, cluster in by_first.get(token.text, ()):
                if not para.doc.text.startswith(name, token.idx):
                    continue
                span = doc.char_span(token.idx, token.idx + len(name))
                if span is None or any(
                    (id(para), k) in covered for k in range(span.start, span.end)
                ):
                    continue
                start = para.offset + token.idx
                cand = _Cand(para, span.start, span.end, start, start + len(name), name)
                cand.votes["Organization"] += 1
                cluster.add(cand)
                cands.append(cand)
                covered.update((id(para), k) for k in range(span.start, span.end))
                break


def _canonical(cluster: _Cluster) -> str:
    """The fullest spelling: most words, then accented over plain, then most frequent."""
    if cluster.country:
        return cluster.country
    names = Counter(c.text for c in cluster.cands if c.form != "demonym")
    if not names:
        return cluster.cands[0].text
    if len(names) == 1 and "." in next(iter(names)):
        state = lexicon().us_states.get(next(iter(names)))  # "Ore." → Oregon
        if state:
            return state
    return max(
        names,
        key=lambda n: (len(n.split()), sum(ord(ch) > 127 for ch in n), names[n], -len(n)),
    )


def _to_entities(clusters: list[_Cluster]) -> list[Entity]:
    """Records for the clusters, keyed 1.. in order of first mention."""
    clusters = sorted(clusters, key=lambda c: min(x.start for x in c.cands))
    entities: list[Entity] = []
    for number, cluster in enumerate(clusters, start=1):
        entity_type: EntityType
        voted = _vote(cluster.votes)
        if cluster.country:
            entity_type = "Country"
        elif voted in {"Person", "Organization", "Place", "Country", "Other"}:
            entity_type = voted  # type: ignore[assignment]
        else:
            entity_type = "Other"
        name = _canonical(cluster)
        entity = Entity(key=number, type=entity_type, name=name)
        seen: set[tuple[int, int]] = set()
        for cand in sorted(cluster.cands, key=lambda c: c.start):
            if (cand.start, cand.end) in seen:
                continue
            seen.add((cand.start, cand.end))
            form = cand.form
            end = cand.end
            text = cand.text
            if entity_type == "Person" and form == "name" and len(text.split()) < len(name.split()):
                form = "surname"
            nxt = cand.para.doc[cand.j] if cand.j < len(cand.para.doc) else None
            if form in {"name", "surname"} and nxt is not None and nxt.text in {"'s", "’s"}:
                form = "possessive"
            entity.mentions.append(Mention(cand.start, end, text, form))
            if text != name and form != "demonym" and text not in entity.aliases:
                entity.aliases.append(text)
        entities.append(entity)
    return entities


def _family(state: DocumentState, lex: Lexicon) -> None:
    """Record "his older brother Corwin" / "X's father, Y" on the relative, and its gender."""
    for entity in state.analysis.entities:
        if entity.type != "Person":
            continue
        for mention in list(entity.mentions):
            if mention.form not in {"name", "surname"}:
                continue
            found = _kin_before(state, mention, lex)
            if found is None:
                continue
            relation, gender, possessor_start, possessor_end = found
            owner = state.entity_at(possessor_start, possessor_end)
            if gender != "-":
                entity.attributes.setdefault("gender", gender)
            if owner is None or owner.key == entity.key or owner.type != "Person":
                continue
            links = entity.attributes.setdefault("family", [])
            assert isinstance(links, list)
            link = {"relation": relation, "of": owner.key}
            if link not in links:
                links.append(link)


def _kin_before(
    state: DocumentState, mention: Mention, lex: Lexicon
) -> tuple[str, str, int, int] | None:
    """(relation, gender, possessor offsets) for "POSS [adj] KIN[,] NAME", else None."""
    sentence = state.parsed.sentence_at(mention.start)
    if sentence is None:
        return None
    doc = sentence.paragraph.doc
    offset = sentence.paragraph.offset
    k = next((t.i for t in sentence.span if offset + t.idx == mention.start), None)
    if k is None:
        return None
    k -= 1
    if k >= sentence.span.start and doc[k].text == ",":
        k -= 1
    if k < sentence.span.start or fold(doc[k].text) not in lex.kinship:
        return None
    relation, gender = lex.kinship[fold(doc[k].text)]
    k -= 1
    while k >= sentence.span.start and doc[k].lower_ in _KIN_MODIFIERS:
        k -= 1
    if k < sentence.span.start:
        return None
    token = doc[k]
    if token.lower_ in {"his", "her"}:
        return relation, gender, offset + token.idx, offset + token.idx + len(token.text)
    if token.text in _POSSESSIVE and k > sentence.span.start:
        owner = doc[k - 1]
        return relation, gender, offset + owner.idx, offset + owner.idx + len(owner.text)
    return relation, gender, -1, -1


def _gender_from_titles(state: DocumentState, lex: Lexicon) -> None:
    """Gender from a given name, honorifics ("Mrs. X") and gendered titles, for pronouns."""
    gendered = {"Congressman": "m", "Congresswoman": "f", "King": "m", "Queen": "f"}
    gendered |= {"Prince": "m", "Princess": "f", "Chairman": "m", "Chairwoman": "f"}
    gendered |= {"Spokesman": "m", "Spokeswoman": "f"}
    text = state.article.text
    for entity in state.analysis.entities:
        if entity.type != "Person" or "gender" in entity.attributes:
            continue
        given = lex.given_names.get(entity.name.split()[0])
        if given and len(entity.name.split()) > 1:
            entity.attributes["gender"] = given
            continue
        for mention in entity.mentions:
            before = text[max(0, mention.start - 16) : mention.start].split()
            if not before:
                continue
            word = before[-1]
            gender = lex.honorifics.get(word) or gendered.get(word)
            if gender and gender != "-":
                entity.attributes["gender"] = gender
                break


def _mostly_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) > 40 and sum(ch.isupper() for ch in letters) > 0.8 * len(letters)


def find_entities(state: DocumentState) -> list[Entity]:
    """The consolidated entities of the parsed article (pronouns and family included)."""
    from .pronouns import resolve_pronouns

    lex = lexicon()
    cands = _collect(state, lex)
    clusters = _cluster(cands)
    capitals = _mostly_capitals(state.article.text)
    if not capitals:
        _propagate(state, cands, clusters)
        _propagate_names(state, cands, clusters)
    state.analysis.entities = _to_entities(clusters)
    _gender_from_titles(state, lex)
    _family(state, lex)  # genders of relatives first, for the pronouns
    if not capitals:
        resolve_pronouns(state)
        _family(state, lex)  # owners named by a pronoun ("his father, …")
    return state.analysis.entities


def english(state: DocumentState) -> bool:
    """False when the article says it is not English: its names are then left alone."""
    language = state.article.language
    return language is None or language == "en"


@component("entities")
def make_entities(settings: Settings) -> Component:
    def run(state: DocumentState) -> None:
        if not english(state):
            state.analysis.warnings.append(
                f"Entities not extracted: the text is in {state.article.language!r}, not English."
            )
            return
        if _mostly_capitals(state.article.text):
            state.analysis.warnings.append(
                "The text is written in capitals: entity types may be unreliable."
            )
        find_entities(state)

    return run


def sentence_index(state: DocumentState) -> tuple[list[int], list[int]]:
    """Starts and ends of the sentences, for bisecting a body offset."""
    starts = [s.start for s in state.parsed.sentences]
    ends = [s.end for s in state.parsed.sentences]
    return starts, ends


def sentence_of(starts: list[int], offset: int) -> int:
    """Index of the sentence that holds `offset` (the last one starting at or before it)."""
    return max(0, bisect_right(starts, offset) - 1)
