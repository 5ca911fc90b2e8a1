"""Rules that keep what is not a name out of the entity candidates, one class of text each.

Real news pages put words next to names that the tagger folds into them or mistakes for
them. Each rule below names the class of text it handles:

* **datelines** — "CITY, Region (Agency) —" or "CITY —" opening an article: a place, never
  a person;
* **credit lines** — "Follow X on Twitter @x", "(Reporting by X; Editing by Y)", "By X":
  the people who wrote or edited the story are credits, not people the story is about, and
  a handle ("@x") is no name;
* **headline case** — words of a title-case or capitals headline glued to a name ("X
  Willing", "Plus X", "X RESIGNS"): the name is cut to the words the body also uses in
  names, and a headline phrase the body never names is dropped;
* **office words** — titles and descriptors the tagger left on the front of a person's name
  ("Majority Whip X Y", "Special Counsel X Y", "Agent X Y", "[Director of] National
  Intelligence X Y"): cut off, and they count as a title cue;
* **groups** — plural groups and descriptors ("many Democrats", "Hill Republicans",
  "Attorneys"): no person, and no entity;
* **generations** — "X Y Jr." is another person than "X Y": the suffix is part of the name.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .entity_lexicon import Lexicon, fold

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .entity_candidates import _Cand
    from .parse import Paragraph
    from .registry import DocumentState

__all__ = ["GENERATIONS", "generation_of", "refine", "review_speakers"]


def _words(text: str) -> frozenset[str]:
    """A word list written as one spaced string."""
    return frozenset(text.split())


#: Generation suffixes: a name with one is a different person from the name without.
GENERATIONS = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})

#: Office and descriptor words that stand before a person's name but are no part of it
#: (folded). Titles in `titles.txt` are cut already; these are the words around them.
OFFICE_WORDS = _words(
    """
    majority minority whip leader counsel staff special independent agent agents officer deputy
    assistant associate executive senior chief general national intelligence director
    secretary attorney prosecutor commissioner chair chairman chairwoman chairperson
    speaker spokesman spokeswoman spokesperson adviser advisor aide strategist pollster
    analyst anchor host correspondent columnist commentator comedian actor actress star
    singer rapper coach judge justice magistrate sheriff detective inspector trooper
    assemblyman assemblywoman councilman councilwoman alderman delegate nominee candidate
    challenger incumbent hopeful frontrunner front-runner contender billionaire businessman
    businesswoman mogul founder co-founder ceo cfo coo president vice prime minister premier
    governor lt. gov. sen. rep. senator representative congressman congresswoman mayor
    ambassador envoy general admiral colonel captain sergeant lieutenant corporal
    soldier veteran pastor reverend rev. bishop cardinal rabbi imam dr. doctor
    professor prof. economist editor publisher reporter writer author historian
    republican democrat democratic gop libertarian independent progressive conservative
    liberal former late then-president then-candidate u.s. us federal state
    fascist communist socialist marxist nazi populist nationalist
    """
)

#: The office words among them that head an office ("Whip", "Counsel"), as opposed to the
#: modifiers ("Majority", "National") that only count before a given name.
_OFFICE_HEADS = OFFICE_WORDS - _words(
    """
    majority minority special independent senior chief general national intelligence
    executive assistant associate deputy vice prime lt. u.s. us federal state former late
    republican democrat democratic gop libertarian progressive conservative liberal
    """
)

#: Acronyms of common nouns that the tagger calls organisations ("a super PAC").
_COMMON_ACRONYMS = _words("PAC PACs VP VAT GDP CEO CFO COO IPO TV SUV FAQ LGBT")

#: Plural nouns for groups of people that the tagger calls a person when capitalised.
GROUP_WORDS = _words(
    """
    democrats republicans conservatives liberals progressives independents libertarians
    moderates evangelicals catholics protestants christians muslims jews mormons latinos
    latinas hispanics blacks whites asians millennials boomers americans voters attorneys
    lawmakers senators governors delegates supporters critics officials leaders members
    """
)

_CREDIT = re.compile(
    r"(?:^|\()\s*(?:Follow\b|By\s+(?=[A-Z])|(?:Additional\s+)?[Rr]eporting\s+by\b|"
    r"[Ee]diting\s+by\b|[Ww]riting\s+by\b|[Cc]ompiled\s+by\b|[Ee]dited\s+by\b)"
)
_DATELINE_END = re.compile(r"^\s*(?:,|\(|—|–|-{1,2}\s)")


def generation_of(words: list[str]) -> str:
    """The generation suffix ending a name ("jr"), or ""."""
    return words[-1].lower().rstrip(".") if words and words[-1].lower() in GENERATIONS else ""


def refine(state: DocumentState, cands: list[_Cand], lex: Lexicon) -> list[_Cand]:
    """The candidates less credits, groups and headline phrases; datelines made places and
    office words cut off names."""
    body_words = _body_words(cands)
    _split_pairs(state.article.text, cands)
    several = len(state.parsed.paragraphs) > 1
    kept: list[_Cand] = []
    for cand in cands:
        if _in_credit(cand) or "@" in cand.text:
            continue
        if _dateline(cand):
            cand.votes.clear()
            cand.votes["Country" if cand.country else "Place"] += 6
            cand.kind_named = True
            kept.append(cand)
            continue
        person = bool(cand.votes["Person"]) or cand.para.doc[cand.i].ent_type_ == "PERSON"
        in_headline = several and _headline(cand.para)
        headline = (person and (in_headline or _capitals(cand))) or (
            in_headline and _bare_body(cand, lex)
        )
        if headline and not _cut_to_body_names(cand, body_words, lex):
            continue
        if person:
            _cut_office_words(cand, lex)
            _strip_dashes(cand)
            if _only_titles(cand, lex):
                continue
        if _group(cand, lex) or cand.text in _COMMON_ACRONYMS or _stance(cand):
            continue
        if person and _institution(cand):
            cand.votes.clear()
            cand.votes["Organization"] += 6
        elif _state_code(cand, lex):
            cand.votes.clear()
            cand.votes["Place"] += 6
        elif (
            (person and (_case_or_show(cand) or _holiday(cand, lex)))
            or cand.text.split()[-1] in {"Poll", "Polls"}
            or _ticker(cand)
            or _product(cand)
            or _event(cand)
        ):
            cand.votes.clear()
            cand.votes["Other"] += 6
        kept.append(cand)
    return kept


# --- datelines and credits ---------------------------------------------------------------


def _dateline(cand: _Cand) -> bool:
    """A name in capitals opening one of the first paragraphs, followed by a comma, a
    bracket or a dash: "CITY, Region (Agency) —", "CITY —"."""
    doc = cand.para.doc
    if cand.para.index > 2 or cand.i != 0 or not cand.text.isupper() or len(cand.text) < 3:
        return False
    rest = cand.para.text[doc[cand.j - 1].idx + len(doc[cand.j - 1].text) :]
    return bool(_DATELINE_END.match(rest))


def _in_credit(cand: _Cand) -> bool:
    """Inside a credit: from "Follow", "By", "Reporting by", "Editing by" … opening the
    paragraph or a bracket, to the end of the paragraph or the bracket."""
    text = cand.para.text
    local = cand.start - cand.para.offset
    for match in _CREDIT.finditer(text):
        if match.start() > local:
            break
        opened = text[match.start() : match.end()].lstrip().startswith("(")
        end = text.find(")", match.end()) if opened else len(text)
        if end == -1:
            end = len(text)
        if local < end and _short_credit(text[match.start() : end]):
            return True
    return False


#: Lower-case words a credit line may hold besides names.
_CREDIT_WORDS = _words("and by on of in at for the reporting editing writing additional")
_CREDIT_WORDS |= _words("compiled edited follow twitter facebook instagram")


def _short_credit(segment: str) -> bool:
    """A credit is a short line of names ("Reporting by X; Editing by Y"), not a sentence
    that starts with "By" or "Follow": every word a name, a handle or a credit word."""
    words = [w.strip("().;,:|") for w in segment.split()]
    words = [w for w in words if w]
    return len(words) <= 16 and all(
        w[0].isupper() or "@" in w or w.lower() in _CREDIT_WORDS for w in words
    )


# --- headline case -----------------------------------------------------------------------


def _headline(para: Paragraph) -> bool:
    """A short paragraph in title case: nearly all of its longer words capitalised."""
    words = [w for w in para.text.split() if len(w) > 3 and w[:1].isalpha()]
    if len(words) < 3 or len(para.text.split()) > 20:
        return False
    return sum(w[0].isupper() for w in words) >= 0.85 * len(words)


def _capitals(cand: _Cand) -> bool:
    """A name of several words in capitals inside a run of capitals (a heading)."""
    return len(cand.text.split()) > 1 and cand.text.isupper()


def _body_words(cands: list[_Cand]) -> set[str]:
    """Folded words of the names found outside headlines and capitals."""
    words: set[str] = set()
    for cand in cands:
        if not _headline(cand.para) and not cand.text.isupper():
            words.update(fold(t.text) for t in cand.para.doc[cand.i : cand.j])
    return words


def _bare_body(cand: _Cand, lex: Lexicon) -> bool:
    """Class: a headline's phrase the tagger calls an organisation ("The Human Face of Wind
    Power"): several words, none of them an organisation's or outlet's word, so nothing but
    the capitals of the headline makes it a name."""
    words = cand.text.split()
    return (
        len(words) > 1
        and cand.votes["Organization"] > 0
        and not cand.kind_named
        and not set(words) & (lex.org_words | lex.outlet_words)
    )


def _cut_to_body_names(cand: _Cand, body_words: set[str], lex: Lexicon) -> bool:
    """Cut a headline's name to its longest run of words the body uses in names; False when
    a name of several words has none and does not open with a given name (a headline
    phrase, not a name)."""
    doc = cand.para.doc
    best: tuple[int, int] | None = None
    run_start: int | None = None
    for k in range(cand.i, cand.j + 1):
        inside = k < cand.j and fold(doc[k].text) in body_words
        if inside and run_start is None:
            run_start = k
        if not inside and run_start is not None:
            if best is None or k - run_start > best[1] - best[0]:
                best = (run_start, k)
            run_start = None
    if best is None:
        return cand.j - cand.i == 1 or (
            cand.j - cand.i <= 3 and doc[cand.i].text in lex.given_names
        )
    _reset(cand, doc, *best)
    return True


# --- office words and groups -------------------------------------------------------------


def _cut_office_words(cand: _Cand, lex: Lexicon) -> None:
    """Cut office and descriptor words (and stray dashes) off the front of a person's name;
    the cut words count as a title."""
    doc = cand.para.doc
    i = cand.i
    while cand.j - i > 1 and (
        fold(doc[i].text).lstrip("-–—") in OFFICE_WORDS
        or doc[i].text in lex.titles
        or _occupation(doc, i, lex)
        or doc[i].is_punct
        or (doc[i].text in {"of", "for"} and i > cand.i)
    ):
        i += 1
    if doc[i].text in {"of", "for"} or not doc[i].text[:1].isupper():
        return
    cut = [fold(doc[k].text).lstrip("-–—") for k in range(cand.i, i)]
    if not (doc[i].text in lex.given_names or set(cut) & _OFFICE_HEADS or i - cand.i == 0):
        return  # "U.S. Federal Reserve": modifiers before no name and no office are kept
    if i > cand.i:
        titled = any(not doc[k].is_punct for k in range(cand.i, i))
        _reset(cand, doc, i, cand.j)
        if titled:
            cand.votes["Person"] += 3


_AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "man", "woman", "maker", "writer")


def _occupation(doc: Doc, i: int, lex: Lexicon) -> bool:
    """Class: an occupation capitalised only because it opens the sentence, before a given
    name ("Filmmaker Ida Brenner said", "Novelist Tom Hale"): a common noun of an agent's
    shape, not a word of the name."""
    token = doc[i]
    if not token.is_sent_start or i + 1 >= len(doc) or doc[i + 1].text not in lex.given_names:
        return False
    word = token.text.lower()
    return (
        token.text not in lex.given_names
        and word.isalpha()
        and len(word) > 4
        and word.endswith(_AGENT_ENDINGS)
    )


def _strip_dashes(cand: _Cand) -> None:
    """A dash glued to the front of a name ("-Ida Holt" in a list) or an "-led" glued to its
    end ("Ida Holt-led") is no part of it."""
    text = cand.text
    lead = len(text) - len(text.lstrip("-–—"))
    if lead and len(text) > lead + 1:
        cand.start += lead
        cand.text = text[lead:]
    for tail in ("-led", "-backed", "-era", "-style", "-run", "-allied"):
        if cand.text.endswith(tail) and len(cand.text) > len(tail) + 1:
            cand.text = cand.text[: -len(tail)]
            cand.end = cand.start + len(cand.text)
            break


def _only_titles(cand: _Cand, lex: Lexicon) -> bool:
    """A "person" made only of titles and office words ("Dr.", "Secretary"): no name."""
    return all(
        fold(w) in OFFICE_WORDS or w in lex.titles or w in lex.honorifics for w in cand.text.split()
    )


#: Last words of an institution's name that the tagger sometimes calls a person.
_INSTITUTION_WORDS = _words("House Senate Congress Court Department Ministry Committee Council")


def _institution(cand: _Cand) -> bool:
    """A "person" whose name ends in an institution's word ("U.S. House"): a body."""
    words = cand.text.split()
    return len(words) > 1 and words[-1] in _INSTITUTION_WORDS


def _state_code(cand: _Cand, lex: Lexicon) -> bool:
    """A state's postal code ("a VT socialist") or its abbreviation after "City," ("Berea,
    Ohio", "Flint, Mich."): a place."""
    doc = cand.para.doc
    if cand.j - cand.i != 1 or cand.text not in lex.us_states:
        return False
    if cand.text.isupper() and len(cand.text) == 2:
        return True
    return cand.i >= 2 and doc[cand.i - 1].text == "," and doc[cand.i - 2].text[:1].isupper()


#: Words that end the title of a show or programme, not a person's name.
_SHOW_WORDS = frozenset({"Show", "Hour", "Live", "Tonight", "Today", "Report", "Podcast"})


def _case_or_show(cand: _Cand) -> bool:
    """A court case ("X v. Y") or a programme ("The X Show", "X 360") is no person."""
    words = cand.text.split()
    return (
        any(w in {"v.", "vs.", "v"} for w in words[1:-1])
        or words[-1] in _SHOW_WORDS
        or (len(words) > 1 and words[-1].isdigit())
    )


#: Words that end a product's name ("X Keyboard Folio", "Y 10 Plus"), never a body's.
_PRODUCT_WORDS = _words("Keyboard Folio Pro Plus Mini Max OS OSX Edition Console Tablet Laptop")


def _product(cand: _Cand) -> bool:
    """Class: products. An "iName" ("iWidget") or a name ending in a product word ("Smart
    Keyboard", "Note 10 Plus"): a thing sold, not a body or a person."""
    words = cand.text.split()
    if len(words) == 1 and len(words[0]) > 2 and words[0][0] == "i" and words[0][1].isupper():
        return True
    return len(words) > 1 and words[-1] in _PRODUCT_WORDS


def _stance(cand: _Cand) -> bool:
    """Class: a stance written with a name ("the pro-Ida group", "anti-Quillon"): no name."""
    return cand.text.startswith(("pro-", "anti-", "Pro-", "Anti-")) and " " not in cand.text


#: Last words of an event's name ("the Orsk Music Awards", "the Tarlow Open").
_EVENT_WORDS = _words("Awards Festival Championship Championships Olympics Cup Marathon Open")


def _event(cand: _Cand) -> bool:
    """Class: events named like bodies ("the Orsk Music Awards", "Tour de Tarlow"): an awards
    show, a festival, a cup or a race, not an organisation."""
    words = cand.text.split()
    if len(words) > 1 and words[-1] in _EVENT_WORDS:
        return True
    return len(words) > 2 and words[0] == "Tour" and words[1] in {"de", "of"}


def _alone(text: str, name: str) -> int:
    """How often `name` is written as a name of its own: not inside a longer capitalised
    name, nor one side of "X and Y"."""
    pattern = (
        rf"(?<![A-Za-z]\s)(?<!and\s)(?<![\w-]){re.escape(name)}(?![\w-])(?!\s+(?:and\s|&\s|[A-Z]))"
    )
    return len(re.findall(pattern, text))


def _split_pairs(text: str, cands: list[_Cand]) -> None:
    """Class: two names the tagger joined through "and" ("Alphabet and Quillon"), when each
    is written on its own elsewhere in the article ("North and South Korea" and "National Air
    and Space Museum" are one name): the first ends before "and"."""
    for cand in cands:
        doc = cand.para.doc
        for k in range(cand.i + 1, cand.j - 1):
            if doc[k].text != "and":
                continue
            first, second = doc[cand.i : k].text, doc[k + 1 : cand.j].text
            if second[:1].isupper() and _alone(text, first) and _alone(text, second):
                _reset(cand, doc, cand.i, k)
            break


def _holiday(cand: _Cand, lex: Lexicon) -> bool:
    """Class: a holiday named after a person ("Ada Brisk Day", "Founders Day"): the tagger
    calls it a person, but it is a day. Two words whose first is a given name stay a person
    (a surname "Day")."""
    words = cand.text.split()
    if len(words) < 2 or words[-1] != "Day":
        return False
    return len(words) > 2 or words[0] not in lex.given_names


_MARKET_WORDS = _words("shares stock stocks ticker symbol NYSE Nasdaq NASDAQ LSE TSX")


def _ticker(cand: _Cand) -> bool:
    """Class: a stock ticker in brackets after shares or an exchange ("Acme shares (ACM)",
    "(NYSE: ACM)"): a market code, not another name of the company."""
    doc = cand.para.doc
    if not cand.text.isupper() or cand.i == 0 or doc[cand.i - 1].text not in {"(", ":"}:
        return False
    before = {t.text for t in doc[max(0, cand.i - 4) : cand.i]}
    return bool(before & _MARKET_WORDS)


def _group(cand: _Cand, lex: Lexicon) -> bool:
    """A plural group or descriptor ("many Democrats", "Hill Republicans"), when the tagger
    or the cues call it a person."""
    doc = cand.para.doc
    last = doc[cand.j - 1]
    if not (cand.votes["Person"] or last.ent_type_ == "PERSON"):
        return False
    if any(t.text in lex.given_names for t in doc[cand.i : cand.j]):
        return False
    word = fold(last.text)
    plural_demonym = word.endswith("s") and word[:-1] in lex.demonyms
    return word in GROUP_WORDS or plural_demonym


def _reset(cand: _Cand, doc: Doc, i: int, j: int) -> None:
    span = doc[i:j]
    cand.start = cand.para.offset + span.start_char
    cand.i, cand.j = i, j
    cand.text = span.text
    cand.end = cand.start + len(span.text)


# --- speakers named after the entity component ------------------------------------------


def review_speakers(state: DocumentState, first_new_key: int, lex: Lexicon) -> None:
    """Apply the same classes to the entities later components made from speaker phrases
    (a dateline or a group the parse took for the subject of "said")."""
    text = state.article.text
    for entity in state.analysis.entities:
        if entity.key < first_new_key or not entity.mentions:
            continue
        if _described(entity.name.split(), lex):
            entity.type = "Other"
            continue
        if entity.type != "Person":
            continue
        if all(_dateline_at(text, m.start, m.end) for m in entity.mentions):
            entity.type = "Place"
            continue
        words = entity.name.split()
        last = fold(words[-1])
        if last in GROUP_WORDS or (last.endswith("s") and last[:-1] in lex.demonyms):
            entity.type = "Other"
            continue
        k = 0
        while len(words) - k > 1 and (fold(words[k]) in OFFICE_WORDS or words[k] in lex.titles):
            k += 1
        if k and words[k][:1].isupper():
            entity.aliases.append(entity.name)
            entity.name = " ".join(words[k:])


#: Party words that describe a member ("the Republican said"), no body's name.
_PARTY_MEMBERS = _words("republican democrat democratic gop libertarian independent socialist")


def _described(words: list[str], lex: Lexicon) -> bool:
    """Class: a speaker known only by a description ("the Republican", "the Estmarkian"):
    one person named by party or nation, no name and no organisation."""
    if len(words) != 2 or words[0].lower() != "the":
        return False
    word = fold(words[1])
    return word in _PARTY_MEMBERS or word in lex.demonyms


def _dateline_at(text: str, start: int, end: int) -> bool:
    """A word in capitals opening a paragraph near the top, followed by a comma, a bracket
    or a dash."""
    opens = start == 0 or text[max(0, start - 2) : start] == "\n\n"
    word = text[start:end]
    return (
        opens
        and start < 600
        and word.isupper()
        and len(word) > 2
        and bool(_DATELINE_END.match(text[end:]))
    )
