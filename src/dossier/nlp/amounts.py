"""Percentages, counts and sums of money, each tied to what it measures, as `amount` claims.

"garnering 54.20% of the vote" belongs to the subject of the clause it hangs from (the
winner); "Pelk's 45.80%" to its possessor; "hire more than 2,000 teachers" is
a count of people whose status is `planned` because it depends on "intends to". The claim's
evidence is the sentence; `attributes` keep what is measured and any qualifier.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..extract.claims.lexicon import claim_lexicon
from ..extract.claims.syntax import is_passive
from ..records import Claim, ClaimStatus, Evidence
from ..settings import Settings
from .entities import english
from .registry import DocumentState, component
from .temporal import document_times, first_date

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .parse import SentenceView
    from .registry import Component

_WORD_NUMBERS: dict[str, float] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
}
_WORD_NUMBERS |= {"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12}
_WORD_NUMBERS |= {"fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_WORD_NUMBERS |= {"hundred": 100, "a": 1, "an": 1, "half": 0.5}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6}
_SCALES |= {"bn": 1e9, "k": 1e3, "dozen": 12, "hundred": 100}
_CURRENCIES = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR"}
_CURRENCY_WORDS |= {"pound": "GBP", "pounds": "GBP", "peso": "peso", "pesos": "peso"}
_CURRENCY_WORDS |= {"yen": "JPY", "rupees": "INR", "reais": "BRL", "rubles": "RUB"}
_PEOPLE = {"people", "person", "persons", "immigrants", "migrants", "refugees", "voters"}
_PEOPLE |= {"workers", "soldiers", "troops", "residents", "citizens", "children", "students"}
_PEOPLE |= {"executives", "members", "employees", "civilians", "protesters", "prisoners"}
_PEOPLE |= {"deaths", "victims", "supporters", "patients", "officers", "delegates", "women"}
_PEOPLE |= {"men", "adults", "inmates", "asylum-seekers", "detainees", "deportees", "staff"}
_RELATIVE = {"that", "which", "who", "whom"}
_PLANNED = {"intend", "plan", "promise", "pledge", "vow", "want", "aim", "propose", "seek"}
_PLANNED |= {"hope", "expect", "threaten", "will", "would", "going"}
_REPORTED = re.compile(r"\b(?:according to|reportedly|reported|reports|per)\b", re.IGNORECASE)
_HEDGED = {"may", "might", "could", "estimate", "estimated", "about", "around", "roughly"}
_QUALIFIER = re.compile(
    r"\b(?P<q>more than|(?:just |well |slightly )?(?:over|under)|nearly|almost|about|around|"
    r"roughly|at least|up to|some|fewer than|less than|close to|approximately|in excess of|"
    r"exceed(?:s|ed|ing)?|above|below|upwards of|at most)\s+$",
    re.IGNORECASE,
)
#: Nouns naming what a person owns in all: "X's net worth", "her fortune", "his wealth".
_WEALTH = {"worth", "wealth", "fortune"}
_NUMBER = re.compile(
    r"(?:(?P<cur>US\$|[$€£¥])\s?)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|m|k)\b)?"
    r"(?P<pct>\s?%|\s+percent\b|\s+per cent\b|\s+percentage points?\b)?"
)
_WORDS_COUNT = re.compile(
    r"\b(?P<num>(?:a |two |three |several )?(?:dozen|hundred|thousand|million)s?|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty)\b(?:\s+(?P<scale>dozen|hundred|thousand|million|billion))?",
    re.IGNORECASE,
)


def _number(text: str) -> float | None:
    """The value of '2,000', '54.20', 'two dozen', 'a hundred'."""
    text = text.strip().lower().replace(",", "")
    try:
        return float(text)
    except ValueError:
        pass
    total = 1.0
    seen = False
    for word in text.split():
        word = word.rstrip("s") if word.endswith("s") and word[:-1] in _SCALES else word
        if word in _WORD_NUMBERS:
            total *= _WORD_NUMBERS[word]
            seen = True
        elif word in _SCALES:
            total *= _SCALES[word]
            seen = True
        elif word != "several":
            return None
    return total if seen else None


def _token_at(sentence: SentenceView, offset: int) -> Token | None:
    base = sentence.paragraph.offset
    for token in sentence.span:
        if base + token.idx <= offset < base + token.idx + len(token.text):
            return token
    return None


def _counted_noun(token: Token) -> Token | None:
    """The noun a number counts ('2,000 new teachers' → teachers)."""
    if token.dep_ == "nummod" and token.head.pos_ in {"NOUN", "PROPN"}:
        return token.head
    if token.dep_ in {"quantmod", "compound"} and token.head.dep_ == "nummod":
        return token.head.head
    return None


def _subject_of(state: DocumentState, token: Token, offset: int) -> int | None:
    """The entity a number belongs to: possessor, else the subject of its governing clauses."""
    for child in token.head.children if token.head is not token else []:
        if child.dep_ == "poss" and child.i < token.i:
            found = state.entity_at(offset + child.idx, offset + child.idx + len(child.text))
            if found is not None:
                return found.key
    for child in token.children:
        if child.dep_ == "poss":
            found = state.entity_at(offset + child.idx, offset + child.idx + len(child.text))
            if found is not None:
                return found.key
    for node in (token, token.head):
        # "$103 million raised by Y": the agent of the participle the sum is described by.
        for clause in node.children:
            if clause.dep_ != "acl":
                continue
            for agent in (c for c in clause.children if c.dep_ == "agent"):
                for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                    found = state.entity_at(offset + pobj.idx, offset + pobj.idx + len(pobj.text))
                    if found is not None and found.type in {"Person", "Organization", "Country"}:
                        return found.key
    node = token
    for _ in range(8):
        if node is not token and node.pos_ == "NOUN":
            # "would fight X's plan to deport 200,000 people": the plan's owner, not the fighter.
            for child in node.children:
                if child.dep_ != "poss":
                    continue
                found = state.entity_at(offset + child.idx, offset + child.idx + len(child.text))
                if found is not None and found.type in {"Person", "Organization", "Country"}:
                    return found.key
        if node.pos_ == "VERB" and _at_value(token, node):
            # "X puts Y's approval at 50 percent": the share is Y's, whose measure it is.
            for obj in (c for c in node.children if c.dep_ == "dobj"):
                for owner in (c for c in obj.children if c.dep_ == "poss"):
                    at = offset + owner.idx
                    found = state.entity_at(at, at + len(owner.text))
                    if found is not None and found.type in {"Person", "Organization", "Country"}:
                        return found.key
        subjects = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass", "agent"}]
        for subject in subjects:
            if subject.lower_ in _RELATIVE and node.dep_ == "relcl":
                # "X, a think tank that received $40,000": the noun the clause describes.
                subject = node.head.head if node.head.dep_ == "appos" else node.head
            found = state.entity_at(offset + subject.idx, offset + subject.idx + len(subject.text))
            if found is not None and found.type in {"Person", "Organization", "Country"}:
                return found.key
        if subjects:
            return None
        if node.head is node:
            break
        node = node.head
    return None


def _wealth_owner(state: DocumentState, token: Token, offset: int) -> tuple[bool, int | None]:
    """Whether a sum is someone's net worth, and whose: (True, owner or None) or (False, None).

    The class: an estimate of a person's fortune names the estimator as the clause subject
    ("Marlow Research puts Dorrik's net worth at $2.9 billion", "Y estimates X's fortune at"),
    so the sum belongs to the owner of the worth noun, not to the subject. Also "X's net worth
    is/exceeds $N", "X is worth $N", "X claimed a net worth of $N", and "X says his net worth
    exceeds $N" (an unresolved "his" inside a clause about it: the person whose clause holds
    it). A sum before the noun ("$500,000 worth of ads") is a quantity of goods, no fortune.
    An owner that is no person (a plane "is worth", a firm's valuation) is nobody's here.
    """
    node = token
    for _ in range(5):
        head = node.head
        if head is node:
            break
        word = head.lemma_.lower()
        if head.lower_ == "worth" and head.dep_ == "acomp" and head.i < token.i:
            return True, _person_subject(state, head.head, offset)  # "X is worth $N"
        if word in _WEALTH and head.pos_ == "NOUN" and head.i < token.i:
            return True, _worth_noun_owner(state, head, offset)  # "a net worth of $N"
        if head.pos_ in {"VERB", "AUX"}:
            for child in head.children:
                wealthy = child.lemma_.lower() in _WEALTH and child.pos_ == "NOUN"
                if wealthy and child.dep_ in {"nsubj", "nsubjpass", "dobj"} and child.i < token.i:
                    return True, _worth_noun_owner(state, child, offset)
            return False, None
        node = head
    return False, None


def _person_at(state: DocumentState, token: Token, offset: int) -> int | None:
    found = state.entity_at(offset + token.idx, offset + token.idx + len(token.text))
    return found.key if found is not None and found.type == "Person" else None


def _person_subject(state: DocumentState, verb: Token, offset: int) -> int | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return _person_at(state, child, offset)
    return None


def _worth_noun_owner(state: DocumentState, noun: Token, offset: int) -> int | None:
    """The person whose worth a worth noun names: its possessor, else the claimant's own."""
    for child in noun.children:
        if child.dep_ != "poss":
            continue
        owner = _person_at(state, child, offset)
        if owner is not None or child.lower_ not in {"his", "her"}:
            return owner
        # "X says his net worth exceeds $N": the worth is the subject of its clause, and the
        # clause it is said in has X as subject.
        verb = noun.head
        if noun.dep_ == "nsubj" and verb.dep_ == "ccomp":
            return _person_subject(state, verb.head, offset)
        return None
    if noun.dep_ == "dobj":
        return _person_subject(state, noun.head, offset)  # "X claimed a net worth of $N"
    return None


def _at_value(token: Token, verb: Token) -> bool:
    """True when the number hangs on the verb's "at"/"to" ("puts X's share at 50 percent")."""
    node = token
    while node.head.i != node.i and node.head.i != verb.i:
        node = node.head
    return node.dep_ == "prep" and node.lower_ in {"at", "to"} and node.head.i == verb.i


def _possessor(state: DocumentState, sentence: SentenceView, start: int) -> int | None:
    """The entity of "Pelk's 45.80%": a possessive name right before the number."""
    before = state.article.text[max(sentence.start, start - 60) : start]
    match = re.search(r"(?P<name>[\w.-]+)['’]s\s+$", before)
    if match is None:
        return None
    at = start - len(before) + match.start("name")
    found = state.entity_at(at, at + len(match.group("name")))
    return found.key if found is not None else None


def _hedged(token: Token) -> bool:
    """True when the clause holding the number is hedged ("allegedly received", "is said to")."""
    hedges = claim_lexicon().words("hedge_adverbs")
    node = token
    for _ in range(8):
        if any(c.lower_ in hedges for c in node.children):
            return True
        if node.lemma_.lower() in claim_lexicon().words("hedge_verbs") and is_passive(node):
            return True  # "is said to have paid", "is believed to hold"
        if node.head is node or node.dep_ in {"ROOT", "parataxis", "relcl"}:
            return False
        node = node.head
    return False


#: Nouns that make what hangs on them a plan: "a pledge to add 7,000 soldiers".
_PLANNED_NOUNS = {"pledge", "plan", "promise", "proposal", "offer", "goal", "target", "bid"}


#: Verbs whose "to" clause is a requirement: "needs to win 60 percent", "has to win".
_REQUIRE = {"need", "have", "require"}


def _required(token: Token) -> bool:
    """True when the number is what someone must reach, not what they have: "must win 58
    percent", "needs to win 60 percent", "all she has to do is win 40 percent"."""
    node = token
    for _ in range(8):
        if any(c.dep_ == "aux" and c.lower_ == "must" for c in node.children):
            return True
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in _REQUIRE:
            return True
        if node.lemma_.lower() == "be":
            for subject in (c for c in node.children if c.i < node.i):
                if any(t.lemma_.lower() == "do" and t.dep_ == "xcomp"
                       and t.head.lemma_.lower() in _REQUIRE for t in subject.subtree):  # fmt: skip
                    return True
        if node.head is node:
            break
        node = node.head
    return False


def _status(sentence: SentenceView, token: Token) -> ClaimStatus:
    if _hedged(token) or _required(token):
        return "hedged"
    node = token
    for _ in range(8):
        if node.lemma_.lower() in _PLANNED and node.pos_ in {"VERB", "AUX"}:
            return "planned"
        if node.lemma_.lower() in _PLANNED_NOUNS and node.pos_ == "NOUN" and node is not token:
            return "planned"
        if node.dep_ == "advcl" and any(c.lower_ in {"unless", "if"} for c in node.children):
            return "hedged"  # "unless they pay me $5 million": a condition, not a payment
        if any(c.lemma_.lower() in {"will", "would"} and c.dep_ == "aux" for c in node.children):
            return "planned"
        if node.head is node:
            break
        node = node.head
    if _REPORTED.search(sentence.text):
        return "reported"
    if any(t.lower_ in {"may", "might", "could"} for t in sentence.span):
        return "hedged"
    return "asserted"


def _sterling(sentence: str, tail: list[str]) -> bool:
    """True when "pounds" is money: "£" in the sentence, or "pounds sterling"/"British pounds"."""
    if "£" in sentence or (len(tail) > 1 and tail[1].lower().startswith("sterling")):
        return True
    return re.search(r"\b(?:British|UK|U\.K\.|Egyptian|Lebanese)\s+pounds?\b", sentence) is not None


def _unit_for_count(noun: Token) -> str:
    word = noun.lower_
    if word in _PEOPLE or noun.ent_type_ == "NORP":
        return "people"
    return noun.lemma_.lower()


def find_amounts(state: DocumentState) -> list[Claim]:
    """Every percentage, money sum and count of something, as an `amount` claim."""
    text = state.article.text
    times = [(t.start, t.end) for t in document_times(state)]
    claims: list[Claim] = []
    for sentence in state.parsed.sentences:
        seen: list[tuple[int, int]] = []
        for match in [*_NUMBER.finditer(sentence.text), *_WORDS_COUNT.finditer(sentence.text)]:
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if any(s < end and start < e for s, e in [*times, *seen]):
                continue
            if not match.group("num").strip() or text[end : end + 1] == "-":
                continue  # "one-time", "two-year-old": part of a compound word
            if match.re is _WORDS_COUNT and _not_a_count(match, text[sentence.start : start]):
                continue
            if _not_a_quantity(text[max(0, start - 12) : start], text[end : end + 12]):
                continue
            if _in_range(text[max(0, start - 40) : start], text[end : end + 30], match):
                continue
            claim = _claim(state, sentence, match, start, end)
            if claim is not None:
                seen.append((start, end))
                claims.append(claim)
    return claims


#: Numbers that name, rank or split rather than measure: "Exodus 18:21", "9/11", "5-to-4",
#: "top 10", "two out of three", "one in three", "our two countries".
#: "Seventy-four": a spelled number after a hyphen is the end of a larger one; "one in three".
_NAMING_BEFORE = re.compile(
    r"(?:[:/#]|\bNo\.\s?|\d-to-|\btop\s+|\b(?:our|their|his|her|its|my|your)\s+|[a-z]-|"
    r"\b(?:one|two|three|four|five|\d+)\s+in\s+)$",
    re.I,
)
_NAMING_AFTER = re.compile(
    r"^(?::\d|/\d|-to-|\s+out\s+of\b|\s+in\s+(?:two|three|four|five|ten|\d{1,3})\b)", re.I
)


def _not_a_quantity(before: str, after: str) -> bool:
    """True for a number that is a reference, a date name, a split, a rank or a proportion."""
    return bool(_NAMING_BEFORE.search(before) or _NAMING_AFTER.search(after))


def _names_a_thing(noun: Token, number: Token) -> bool:
    """True for a number inside a name rather than a count: "Flight 804", "Section 1001",
    "Channel 125", "970 AM", "100 Harbor Avenue" — the word it hangs on is a proper noun
    (a count of people by nationality or party, "30 Democrats", still counts)."""
    if noun.i < number.i:
        return True  # a count comes before what it counts; a number after a noun names it
    return noun.pos_ == "PROPN" and noun.ent_type_ != "NORP" and noun.text[:1].isupper()


#: "between 90 and 95 percent", "$8 billion to $12 billion", "90 to 95 percent", "90-95%":
#: a range is two bounds, and either one alone would misstate it.
_RANGE_START_BEFORE = re.compile(r"\bbetween\s+(?:US\$|[$€£])?\s?$", re.I)
_RANGE_START_AFTER = re.compile(r"^\s*(?:to|and|-|–)\s*(?:US\$|[$€£])?\s?\d", re.I)
_RANGE_END_BEFORE = re.compile(
    r"(?:\bbetween\s+(?:US\$|[$€£])?\s?[\d.,]+(?:\s?(?:thousand|million|billion|trillion|"
    r"percent|%))?\s+and\s+|(?:^|[^\w%])(?:US\$|[$€£])?\s?[\d.,]*\d\s*(?:-|–|\bto)\s*)"
    r"(?:US\$|[$€£])?\s?$",
    re.I,
)


def _in_range(before: str, after: str, match: re.Match[str]) -> bool:
    """True for either bound of a range of numbers."""
    if _RANGE_START_BEFORE.search(before) or _RANGE_END_BEFORE.search(before):
        return True
    unitless = not (match.groupdict().get("pct") or match.groupdict().get("cur"))
    return unitless and bool(_RANGE_START_AFTER.search(after))


def _not_a_count(match: re.Match[str], before: str) -> bool:
    """ "one voice", "one man", "the two leaders": a spelled number that counts nothing new.

    "one" without a scale is an article in disguise; "the two men" refers back to people the
    text already named.
    """
    if match.group("num").lower() == "one" and not match.group("scale"):
        return True
    return re.search(r"\b(?:the|these|those|both|all)\s+$", before, re.IGNORECASE) is not None


#: "won by 12 percentage points", "leads by 8 points", "grew by 3 percent": a margin or a
#: change, the difference between two values, never a share or a count the subject has.
_MARGIN_BEFORE = re.compile(r"\bby\s+(?:about\s+|nearly\s+|more than\s+|some\s+)?$", re.I)
_POINTS_AFTER = re.compile(r"^\s*(?:percentage\s+)?points?\b", re.I)


def _clause_head(token: Token) -> Token:
    """The verb of the clause a token is in (or the root of a verbless sentence); a clause
    with no subject of its own ("won the runoff, garnering 54%") is its governor's."""
    node = token
    for _ in range(12):
        if node.head is node:
            break
        if node.pos_ in {"VERB", "AUX"}:
            own = any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in node.children)
            if own or node.dep_ not in {"advcl", "xcomp", "acl", "conj"}:
                break
        node = node.head
    return node


#: Marks of a time clause, whose date is also its governing clause's ("once X takes office
#: in March", "when she ran in 2012").
_WHEN = {"when", "once", "after", "before", "as", "since", "until", "while"}


_PERIOD_AFTER = re.compile(r"\s*(?:to|through|until|-|–)\s*\d{4}\b")
_PERIOD_BEFORE = re.compile(r"\b\d{4}\s*(?:to|through|until|-|–)\s*$")


def _clause_date(
    state: DocumentState, sentence: SentenceView, token: Token, *, planned: bool
) -> str | None:
    """The first date, month or year stated in the number's own clause: "In 2009 she had 47
    percent; now she has 39 percent" dates only the first share (audits c5, c6)."""
    head = _clause_head(token)
    inside = []
    for time in document_times(state):
        if not (sentence.start <= time.start and time.end <= sentence.end and time.value):
            continue
        at = _token_at(sentence, time.start)
        if at is None:
            continue
        clause = _clause_head(at)
        if clause.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _WHEN for c in clause.children
        ):
            clause = _clause_head(clause.head)  # "… once she takes office in March"
        text = state.article.text
        period = _PERIOD_AFTER.match(text[time.end :]) or _PERIOD_BEFORE.search(
            text[max(0, time.start - 20) : time.start]
        )
        if clause.i == head.i and not period:
            inside.append(time)  # "from 2009 to 2012" is a period, no date of the amount
    return first_date(inside, state, planned=planned)


def _threshold(token: Token) -> bool:
    """True for a count described as what is needed ("the 1,237 delegates needed to clinch",
    "the 270 votes required"): no one's holding, whoever the clause is about."""
    noun = _counted_noun(token) or token
    return any(
        c.dep_ in {"acl", "amod"} and c.lemma_.lower() in {"need", "require"} for c in noun.children
    )


def _alternative(before: str, after: str) -> bool:
    """True for a value offered as one of two ("either less than $1 billion or more than $42
    billion"): the sentence states neither alone."""
    at = before.lower().rfind("either")
    if at < 0 or not re.match(r"either\b", before[at:], re.I):
        return False
    return bool(re.search(r"\bor\b", before[at:]) or re.match(r"^[^.;]{0,40}?\bor\b", after))


#: The end of "46 percent to " or "46% to ": a share followed by the other side's.
_SECOND_SHARE = re.compile(r"\d\s*(?:%|percent|per cent)\s+to\s+$")


def _claim(
    state: DocumentState, sentence: SentenceView, match: re.Match[str], start: int, end: int
) -> Claim | None:
    groups = match.groupdict()
    value = _number(groups["num"])
    if value is None:
        return None
    scale = groups.get("scale")
    if scale:
        value *= _SCALES.get(scale.lower(), 1)
    token = _token_at(sentence, sentence.start + match.start("num"))
    if token is None or (not token.like_num and token.pos_ not in {"NUM", "DET", "NOUN"}):
        return None
    attributes: dict[str, object] = {}
    unit: str | None = None
    text = state.article.text
    if _MARGIN_BEFORE.search(text[max(0, start - 30) : start]) and (
        groups.get("pct") or _POINTS_AFTER.match(text[end : end + 20])
    ):
        return None  # a margin or a change (`_MARGIN_BEFORE`)
    if groups.get("pct"):
        unit = "percent"
        after = state.article.text[end : end + 40]
        measure = re.match(r"\s+of\s+(?:the\s+)?(?P<what>[\w-]+)", after)
        if measure:
            attributes["measure"] = measure.group("what")
    elif groups.get("cur"):
        unit = _CURRENCIES.get(groups["cur"].strip(), groups["cur"])
    else:
        tail = state.article.text[end : end + 20].split()
        word = tail[0].lower().strip(".,;") if tail else ""
        if word in {"pound", "pounds"} and not _sterling(sentence.text, tail):
            unit = "pound"  # "300 pounds" in US news is a weight; money says £ or sterling
            attributes["counted"] = word
        elif word in _CURRENCY_WORDS:
            unit = _CURRENCY_WORDS[word]
        else:
            noun = _counted_noun(token)
            if noun is None or noun.ent_type_ in {"DATE", "TIME"} or _names_a_thing(noun, token):
                return None
            unit = _unit_for_count(noun)
            attributes["counted"] = noun.text
    before = state.article.text[max(sentence.start, start - 25) : start]
    qualifier = _QUALIFIER.search(before)
    if qualifier:
        attributes["qualifier"] = qualifier.group("q").lower()
    offset = sentence.paragraph.offset
    subject = _possessor(state, sentence, start)
    if subject is None:
        subject = _subject_of(state, token, offset)
    if unit in _CURRENCIES.values():
        wealth, owner = _wealth_owner(state, token, offset)
        if wealth:
            attributes["measure"] = "net worth"
            subject = owner
    if _threshold(token):
        subject = None  # "the 1,237 delegates needed to win": a threshold, nobody's count
    if re.search(r"\brespectively\b", sentence.text, re.IGNORECASE):
        # "X and Y raised $23 million and $20 million, respectively": each sum is one of the
        # coordinated subjects', in order; the clause's subject is only the first of them.
        subject = None
    if unit == "percent" and _SECOND_SHARE.search(before):
        # "X leads Y, 46 percent to 44 percent": the second share is the other side's, whom the
        # clause does not make its subject (audit c4-868), so it is nobody's here.
        subject = None
    status = _status(sentence, token)
    if _alternative(text[max(sentence.start, start - 80) : start], text[end : end + 60]):
        status = "hedged"  # "worth either $43 billion or $55 billion": neither is stated
    evidence = Evidence(sentence.start, sentence.end, sentence.text)
    attributes["text"] = state.article.text[start:end]
    date = _clause_date(state, sentence, token, planned=status == "planned")
    return Claim(
        kind="amount",
        subject=subject,
        evidence=evidence,
        value=value,
        unit=unit,
        date=date,
        status=status,
        attributes=attributes,
    )


@component("amounts")
def make_amounts(settings: Settings) -> Component:
    def run(state: DocumentState) -> None:
        if english(state):
            state.analysis.claims.extend(find_amounts(state))

    return run
