"""Candidate names for the entity component: what the tagger found, trimmed and voted on.

Each candidate is a span of one paragraph with body offsets and a tally of type votes: the
tagger's label, plus cues in and around the name (a title or honorific before it, an
organisation, outlet, building or vehicle word in it, a given name, a source phrase, a verb
only people take, a kinship word before or after it, a government noun after a lone surname;
an acronym hyphened into the name or "ruling" before it marks a party). A plural people
("many Africans") is no name, and an owner's possessive is cut off the front of a body's
name ("X's Civic party"), the owner being a mention of its own. Rules here also add names
the tagger missed: adjectival demonyms, "Given Surname" pairs, names after personal titles, names
ending in an organisation or building word, the bracketed acronym after a name. `entities.py`
then groups the candidates into entities.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from ..records import EntityType
from .entity_cues import (
    _DEPARTMENT_WORDS,
    _SPEECH_LEMMAS,
    _airline_of_flight,
    _before_department,
    _beside_a_person,
    _department,
    _person_apposition,
    _personal_reference,
    _shaped_like_a_person,
)
from .entity_lexicon import Lexicon, fold
from .registry import DocumentState

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from .parse import Paragraph
_NER_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
_BASE_VOTE: dict[str, EntityType] = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
}
#: Articles that open an outlet's or institution's name, rarely a person's ("La Tribuna").
_NAME_ARTICLES = {"the", "la", "el", "le", "les", "los", "las", "il", "lo", "die", "der", "das"}
#: Lower-case particles inside personal names ("Ana da Costa"); never a surname on their own.
_PARTICLES = {"da", "de", "del", "della", "di", "do", "dos", "das", "du", "van", "von", "der"}
_PARTICLES |= {"den", "bin", "ibn", "al", "el", "la", "le", "y", "ben", "ter", "st.", "jr.", "sr."}
_POSSESSIVE = {"'s", "’s", "'", "’"}
#: Class: common nouns whose possessive opens a body's own name ("People's Liberation Army",
#: "Children's Hospital", "Veterans' Affairs"): part of the name, not an owner named apart.
COMMON_OWNERS = frozenset(
    {"people", "children", "women", "men", "veterans", "workers", "farmers", "citizens"}
    | {"world", "nation", "nations", "teachers", "nurses", "mothers", "fathers", "saints"}
    | {"soldiers", "sailors", "seamen", "miners", "consumers", "taxpayers", "voters", "states"}
)
_SOURCE_BEFORE = re.compile(
    r"(?:according to|\bper|reported by|reporting by|reports? in|cited by|quoted by|"
    r"in an interview with|told)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SOURCE_AFTER = re.compile(
    r"^(?:'s|’s)?\s*(?:reports?|reported|reporting|wrote|writes|has reported|first reported|"
    r"revealed|published)\b"
)
_REPORTS_AFTER = re.compile(
    r"^\s*(?:has|have|had)\s+(?:also\s+|first\s+|previously\s+)?(?:reported|revealed|published)\b"
)
#: Verbs whose subject is a person: places and bodies are not born, do not die or marry.
_LIFE_LEMMAS = {"bear", "die", "marry", "divorce", "resign", "graduate", "retire"}
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August"}
_MONTHS |= {"September", "October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr."}
_MONTHS |= {"Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.", "Monday", "Tuesday", "Wednesday"}
_MONTHS |= {"Thursday", "Friday", "Saturday", "Sunday"}
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
    #: The name itself says what it is ("… Party", "… Museum"), not just the context: it is
    #: never a person's surname.
    kind_named: bool = False

    @property
    def tokens(self) -> list[str]:
        return [fold(t.text) for t in self.para.doc[self.i : self.j]]


def _is_title_word(token: Token, lex: Lexicon) -> bool:
    return token.text in lex.titles or token.text in lex.honorifics


def _title_before(doc: Doc, i: int, lex: Lexicon) -> bool:
    """True when a title or honorific stands right before token i ("Sen. X", "President X")."""
    return i > 0 and _is_title_word(doc[i - 1], lex)


def _trim(doc: Doc, i: int, j: int, label: str, lex: Lexicon) -> tuple[int, int, bool]:
    """Drop leading articles and titles, a bracketed tail and a trailing possessive; extend a
    person leftwards."""
    titled = False
    while j - i > 1 and doc[i].lower_ == "the" and (doc[i].text == "the" or doc[i].is_sent_start):
        i += 1
    while j - i > 1 and doc[i].text in {"a", "an"}:
        i += 1  # "a Harbour Workers Federation report"
    # "Harbour Workers Federation (HWF": the bracketed acronym is a mention of its own.
    j = next((k for k in range(i + 1, j) if doc[k].text in {"(", "["}), j)
    if label == "PERSON" and doc[j - 1].text != "Day":  # "King Day" is a holiday: refine
        # "X's Ben Chan", "Undersecretary Mr. Y": the person starts after a possessive or title.
        for k in range(j - 2, i - 1, -1):
            if doc[k].text in _POSSESSIVE or _is_title_word(doc[k], lex):
                titled = titled or doc[k].text not in _POSSESSIVE
                i = k + 1
                break
        # A tagged full name may have lost a first name ("[Ida] Maren Holt"); a single word
        # is not extended ("Space Shuttle [Endeavour]").
        while i > 0 and j - i > 1:
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
    elif (
        j - i > 3
        and doc[i + 1].text in _POSSESSIVE
        and doc[i].dep_ == "poss"
        and doc[i].lower_ not in COMMON_OWNERS
    ):
        i += 2  # "Ida Holt's Civic Party": the owner is another mention, not the body's name
    while j - i > 1 and (doc[j - 1].text in _POSSESSIVE or doc[j - 1].is_punct):
        j -= 1
    return i, j, titled or _title_before(doc, i, lex)


def _after_title(doc: Doc, i: int, lex: Lexicon) -> bool:
    """True for the department of an office: "Secretary of [State]", "… for [Trade]"."""
    if i < 2 or doc[i - 1].lower_ not in {"of", "for"}:
        return False
    if doc[i - 2].text in lex.titles:
        return True
    # "secretary of State": news style lowercases the title; then only a ministry's field
    # is taken for part of it, not the company in "the director for Quillon Foods".
    return fold(doc[i - 2].text) in lex.titles_folded and fold(doc[i].text) in _DEPARTMENT_WORDS


def _outlet_score(state: DocumentState, cand: _Cand, lex: Lexicon) -> int:
    """How strongly the context marks a name as a news outlet cited as a source."""
    text = state.article.text
    before = text[max(0, cand.start - 40) : cand.start]
    after = text[cand.end : cand.end + 30]
    cue = bool(_SOURCE_BEFORE.search(before) or _SOURCE_AFTER.match(after))
    reports = bool(_REPORTS_AFTER.match(after))
    if not cue and not reports:
        return 0
    words = cand.text.split()
    # Class: "X and Y have reported": a place does not report, whatever the tagger says.
    score = 2 if reports else 1
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
        first = len(cands)  # this paragraph's candidates are the ones appended from here
        covered: set[int] = set()
        for ent in doc.ents:
            label = ent.label_
            if label not in _NER_LABELS:
                continue
            i, j, titled = _trim(doc, ent.start, ent.end, label, lex)
            j = _before_department(doc, i, j, lex)
            airline = _airline_of_flight(doc, i, j)
            airline, j = airline < j, airline
            span = doc[i:j]
            text = span.text
            if not any(ch.isalpha() for ch in text) or text.islower() or len(text) < 2:
                continue
            if label == "PERSON" and _counted_plural(doc, i, j):
                continue  # "many Africans", "the Smiths": a people or a family, not a name
            nxt = doc[j] if j < len(doc) else None
            office_after = nxt is not None and nxt.text in lex.titles
            if label == "ORG" and office_after and _department(span.text):
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
                if country is not None and label == "PERSON" and text in lex.given_names:
                    country = None  # "Jordan" the given name, not the country
                if country is not None:
                    # the tagger's PERSON on a bare country name is the country ("Tunisia")
                    cand.country = country
                    cand.votes["Country"] += 3
                if airline:
                    cand.votes["Organization"] += 4  # the airline of "X Flight 574"
                    cand.kind_named = True
                elif (
                    titled
                    or _person_apposition(span, lex)
                    or _personal_reference(span)
                    or _beside_a_person(span, lex)
                ):
                    cand.votes["Person"] += 3
                words = text.split()
                site = _site_or_body(words, lex)
                if site is not None:
                    cand.votes[site] += 3  # "… Space Center", "Museum of …"; "Centre for …"
                    cand.kind_named = True
                elif len(words) > 1 and (
                    set(words) & lex.org_words or words[-1] in lex.outlet_words
                ):
                    cand.votes["Organization"] += 2  # "… University", "Edmonton Sun"
                    cand.kind_named = True
                elif country is None and _vehicle(doc, i, j, lex):
                    cand.votes["Other"] += 4  # "Space Shuttle Orla", "the ship Marisol"
                    cand.kind_named = True
                elif country is None and len(words) > 1 and _INITIALS.fullmatch(words[0]):
                    cand.votes["Person"] += 2  # "K.C. Maurer"
                elif country is None and _shaped_like_a_person(words, lex):
                    cand.votes["Person"] += 2  # "Ida K. Brenner", "Jean-Ivo Marsh"
                elif words[0] in lex.given_names and country is None and len(words) < 4:
                    # a given name opens a personal name, not a four-word programme title
                    cand.votes["Person"] += 2 if len(words) > 1 else 1
                if label == "PERSON" and len(words) == 1 and _bare_the(doc, i, j):
                    cand.votes["Other"] += 3  # "the Hajj", "the Taliban": not a person's name
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
                if label == "PERSON" and _acronym_part(span):
                    cand.votes["Organization"] += 2  # "Union-PF": capitals are no person's name
                if i > 0 and doc[i - 1].lower_ == "ruling":
                    cand.votes["Organization"] += 2  # "the ruling Civic League": a party
                if label == "PERSON" and len(words) == 1 and _leads_government(doc, j):
                    cand.votes["Person"] += 1  # "the Brandt administration"
                if _kin_after(doc, j, lex) or _kin_before(doc, i, lex):
                    cand.votes["Person"] += 3  # "X's father", "her brother X"
            covered.update(range(i, j))
            cands.append(cand)
        cands.extend(_bracketed_acronyms(para, cands[first:], covered))
        cands.extend(_demonym_tokens(para, covered, lex))
        cands.extend(_given_name_spans(para, covered, lex))
        cands.extend(_titled_spans(para, covered, lex))
        cands.extend(_org_word_spans(para, covered, lex))
    for cand in cands:
        score = _outlet_score(state, cand, lex)
        if score >= 2 and cand.country is None:
            cand.votes["Organization"] += 4
    return cands


def initials_of(text: str) -> str:
    """The capitals that start a name's words ("World Health Organisation" → "WHO")."""
    words = [w for w in re.split(r"[\s-]+", text) if w and w[0].isupper()]
    return "".join(w[0] for w in words)


def _bracketed_acronyms(para: Paragraph, found: list[_Cand], covered: set[int]) -> list[_Cand]:
    """The acronym in brackets right after a name it abbreviates ("… Organisation (WHO)"),
    with the name's votes: the tagger often folds it into the name or leaves it out."""
    out: list[_Cand] = []
    doc = para.doc
    for cand in found:
        k = cand.j
        if k + 2 >= len(doc) or doc[k].text != "(" or doc[k + 2].text != ")" or k + 1 in covered:
            continue
        token = doc[k + 1]
        if not (token.is_upper and token.is_alpha and len(token.text) > 1):
            continue
        if initials_of(cand.text) != token.text or len(cand.text.split()) < 2:
            continue
        start = para.offset + token.idx
        acronym = _Cand(para, k + 1, k + 2, start, start + len(token.text), token.text)
        acronym.votes = Counter(cand.votes)
        acronym.kind_named = True
        covered.add(k + 1)
        out.append(acronym)
    return out


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


def _vehicle(doc: Doc, i: int, j: int, lex: Lexicon) -> bool:
    """A craft's or vessel's name: a vehicle word in it ("Space Shuttle Orla") or right
    before it in lower case ("the cruise ship Marisol")."""
    if any(fold(t.text) in lex.vehicle_words for t in doc[i:j]):
        return True
    return i > 0 and doc[i - 1].is_lower and doc[i - 1].lower_ in lex.vehicle_words


def _site_or_body(words: list[str], lex: Lexicon) -> EntityType | None:
    """Place for a name headed by a building word ("… Space Center", "Museum of …"),
    Organization for "Centre for …", else None: the head word decides, not the tagger."""
    if len(words) < 2:
        return None
    if words[-1] in lex.facility_words:
        return "Place"
    for word, nxt in pairwise(words):
        if word in lex.facility_words and nxt in {"of", "for"}:
            return "Place" if nxt == "of" else "Organization"
    return None


#: Organisation words that follow a capitalised name in lower case and still end it.
_LOWERCASE_BODY_WORDS = frozenset({"party"})


def _political_before(token: Token) -> bool:
    """True for a capitalised political adjective or group ("Republican", "Green") before
    a lower-case "party", not a holiday or an event ("Christmas", "Halloween")."""
    if not token.is_title or token.ent_type_ in {"DATE", "EVENT", "TIME", "FAC"}:
        return False
    return token.ent_type_ in {"NORP", "ORG"} or token.pos_ == "ADJ"


def _org_word_spans(para: Paragraph, covered: set[int], lex: Lexicon) -> list[_Cand]:
    """Untagged capitalised names ending in an organisation or building word ("Civic Party")."""
    out: list[_Cand] = []
    doc = para.doc
    kind_words = lex.org_words | lex.facility_words
    for token in doc:
        # News style often lowercases "party" after the party's name ("the Civic party").
        word = token.text.title() if token.text in _LOWERCASE_BODY_WORDS else token.text
        if token.i in covered or word not in kind_words or token.i == 0:
            continue
        if word != token.text and not _political_before(doc[token.i - 1]):
            continue  # "a Christmas party" is a celebration
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
        if nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title:
            continue  # the name goes on: "Civic Harbour Party" ends at "Party"
        span = doc[i : token.i + 1]
        start = para.offset + span.start_char
        cand = _Cand(para, i, token.i + 1, start, start + len(span.text), span.text)
        cand.votes[_site_or_body(span.text.split(), lex) or "Organization"] += 3
        cand.kind_named = True
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


#: Nouns a leader's surname qualifies ("the Brandt government").
_LED_BODIES = {"government", "administration", "regime", "presidency", "cabinet", "campaign"}
#: Capitals that do belong in personal names (generations, "Jr").
_NAME_CAPITALS = {"II", "III", "IV", "JR", "SR"}


def _leads_government(doc: Doc, j: int) -> bool:
    """True for a name right before a government noun it qualifies."""
    return j < len(doc) and doc[j].lower_ in _LED_BODIES and doc[j - 1].dep_ == "compound"


def _acronym_part(span: Span) -> bool:
    """True when a hyphen joins an acronym into the name ("Union-PF"): no personal name
    has one (a product's "Arkham VR" is left to the other cues)."""
    return any(
        t.is_upper
        and t.is_alpha
        and len(t.text) > 1
        and t.text not in _NAME_CAPITALS
        and t.i > span.start
        and t.nbor(-1).text == "-"
        for t in span
    )


def _counted_plural(doc: Doc, i: int, j: int) -> bool:
    """A one-word plural proper noun after a lower-case determiner, quantifier or adjective
    ("many Africans", "the Smiths"), not a surname ending in -s ("Walker Evans", "Evans said")."""
    return (
        j - i == 1
        and doc[i].tag_ == "NNPS"
        and i > 0
        and doc[i - 1].is_lower
        and doc[i - 1].pos_ in {"DET", "ADJ", "NUM"}
    )


def _kin_after(doc: Doc, j: int, lex: Lexicon) -> bool:
    """True for a name followed by a possessive and a kinship word ("X's older sister")."""
    if j >= len(doc) or doc[j].text not in _POSSESSIVE:
        return False
    k = j + 1
    while k < len(doc) and doc[k].lower_ in _KIN_MODIFIERS:
        k += 1
    return k < len(doc) and fold(doc[k].text) in lex.kinship


def _kin_before(doc: Doc, i: int, lex: Lexicon) -> bool:
    """True for a name right after a kinship word ("her brother X", "his wife, X")."""
    k = i - 1
    if k >= 0 and doc[k].text == ",":
        k -= 1
    return k >= 0 and doc[k].is_lower and fold(doc[k].text) in lex.kinship


def _bare_the(doc: Doc, i: int, j: int) -> bool:
    """True for a one-word name after a lower-case "the" that heads its phrase ("the Hajj")."""
    return i > 0 and doc[i - 1].text == "the" and doc[j - 1].dep_ not in {"compound", "amod"}


def _adjectival(doc: Doc, i: int, j: int) -> bool:
    """A demonym used as an adjective ("Danish voters"), not as a noun ("the Dane's")."""
    if j < len(doc) and doc[j].text in _POSSESSIVE:
        return False
    last = doc[j - 1]
    if last.tag_ in {"NNS", "NNPS"}:
        return False  # Class: a plural people ("disabled Americans unable to work")
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
