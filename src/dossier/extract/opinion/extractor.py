"""The outlet's verdicts kept apart from facts: loaded characterisations become `opinion` claims.

A subjectivity lexicon (`dossier/lexicons/subjectivity.txt`) marks loaded words and phrases
("lunatic", "right-wing extremist", "dirty secrets", "sniveling"). Each hit becomes
`Claim(kind="opinion", status="opinion", holder=<the outlet>, subject=<who it characterises>,
value=<the loaded phrase>)` — never a fact about the person — and the document gets
`analysis.loaded_score`, the share of its sentences that carry such language, and
`analysis.loaded_spans`, every loaded word with its holder and target. Inside a quote or a
paraphrase ("X said the plan was reckless") the holder is the speaker rather than the outlet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...nlp.parse import SentenceView
from ...nlp.registry import Component, DocumentState, component
from ...records import Claim, Evidence, LoadedSpan
from ...settings import Settings
from ..claims.index import EntityIndex
from ..claims.syntax import phrase, subject_of
from .lexicon import loaded_lexicon, subjectivity_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["find_loaded", "in_writer_voice", "loaded_language", "opinion_claims"]

_DEFAULT_HOLDER = "the outlet"


_QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d"})
#: The most words a pair of scare quotes holds: the "reform", so-called "experts".
_SCARE_WORDS = 2


def scare_quoted(sentence: SentenceView) -> list[tuple[int, int, str]]:
    """(first token, end token, "scare quotes") of each word or two the writer sets in
    quotation marks inside their own sentence, holding it at arm's length: the "reform".

    A quotation introduced by a colon or comma, one that holds punctuation or more than
    `_SCARE_WORDS` words, one that opens the sentence or a capitalised one (a title, a
    nickname) is someone's words or a name, not a sneer.
    """
    tokens = list(sentence.span)
    marks = [n for n, t in enumerate(tokens) if t.text in _QUOTE_MARKS]
    hits: list[tuple[int, int, str]] = []
    for a, b in zip(marks[::2], marks[1::2], strict=False):
        inside = tokens[a + 1 : b]
        if not 1 <= len(inside) <= _SCARE_WORDS or a == 0:
            continue
        if tokens[a - 1].text in {":", ",", "\u2014", "-"}:
            continue
        if not inside[0].text[:1].islower():
            continue
        if not all(t.text.replace("-", "").replace("'", "").isalpha() for t in inside):
            continue
        hits.append((inside[0].i, inside[-1].i + 1, "scare quotes"))
    return hits


#: Lexicon classes of the adjectives whose adverbs and nouns of quality are loaded too.
_QUALITIES = frozenset({"evaluative", "emotive", "insult", "praise", "smear", "intensifier"})
#: Parts of speech whose inflected forms match a lexicon word through their lemma.
_INFLECTED = frozenset({"NOUN", "VERB", "ADJ", "ADV"})


def _key(words: list[str]) -> str:
    """Words as the lexicons spell them: lower case, single spaces, hyphens closed up."""
    text = " ".join(words).lower().replace(" - ", "-")
    return " ".join(text.replace("-", " - ").split()).replace(" - ", "-")


def _lemma(token: Token, first: int) -> str:
    """The dictionary form of an inflected word ("slams", "slamming" → "slam"); a name, a
    capitalised word inside the sentence or a function word stays as written."""
    if token.pos_ not in _INFLECTED or (token.is_title and token.i != first):
        return token.lower_
    return token.lemma_.lower() or token.lower_


def _derived_base(token: Token, lexicon: dict[str, str]) -> str | None:
    """The loaded adjective an adverb or a noun of quality is made from ("bizarrely" ←
    "bizarre", "angrily" ← "angry", "horribly" ← "horrible", "cynically" ← "cynical";
    "rudeness" ← "rude", "callousness" ← "callous"), else None. Nouns in -ity are left
    out: the commonest name an issue ("police brutality")."""
    word = token.lower_
    bases: list[str] = []
    if token.pos_ == "ADV" and word.endswith("ly") and len(word) >= 6:
        bases.append(word[:-2])
        if word.endswith("ily"):
            bases.append(word[:-3] + "y")
        if word.endswith(("bly", "ply", "tly")):
            bases.append(word[:-1] + "e")
        if word.endswith("ically"):
            bases.append(word[:-4])
    elif token.pos_ == "NOUN" and word.endswith("ness") and len(word) >= 8:
        bases += [word[:-4], word[:-5] + "y"]
    return next((b for b in bases if lexicon.get(b) in _QUALITIES), None)


#: The first part of a compound that turns a loaded word into the name of a stance or a
#: plain fact ("anti-fascist", "non-toxic"): such a compound names a side, it does not judge.
_STANCE_PREFIXES = frozenset({"anti", "pro", "non", "post", "neo", "counter"})


def _compound(tokens: list[Token], i: int) -> tuple[int, int]:
    """Positions [first, end) in `tokens` of the hyphenated compound holding token i
    ("crazy-eyed", "scandal-plagued"), or just the token."""
    first, end = i, i + 1

    def joined(left: int) -> bool:  # tokens[left] "-" tokens[left + 2], no spaces
        return (
            left >= 0
            and left + 2 < len(tokens)
            and tokens[left + 1].text == "-"
            and not tokens[left].whitespace_
            and not tokens[left + 1].whitespace_
            and tokens[left].is_alpha
            and tokens[left + 2].is_alpha
        )

    while joined(first - 2):
        first -= 2
    while joined(end - 1):
        end += 2
    return first, end


def _whole_compounds(
    tokens: list[Token], hits: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Each one-word hit inside a hyphenated compound widened to the compound
    ("crazy-eyed", "hate-spewing"), unless the compound starts with a stance prefix and
    names a side rather than judges ("non-toxic", "anti-fascist"): that hit is dropped."""
    offset = tokens[0].i if tokens else 0
    out: list[tuple[int, int, str]] = []
    for start, end, kind in hits:
        first, last = _compound(tokens, start - offset)
        if end - start != 1 or (first + offset, last + offset) == (start, end):
            out.append((start, end, kind))
        elif tokens[first].lower_ not in _STANCE_PREFIXES:
            out.append((first + offset, last + offset, kind))
    # Two hits in one compound ("lying-cheating") widen to the same span: keep it once.
    return sorted(set(out))


#: Per lexicon: the longest entry, in tokens, that starts with each first word ("right" →
#: 4 for "right-wing extremist"), and the longest of the entries spelt oddly enough that the
#: tokeniser may split them otherwise. Keyed by id, with the lexicon kept to check it.
_FIRST_WORDS: dict[int, tuple[dict[str, str], dict[str, int], int]] = {}


def _first_words(lexicon: dict[str, str]) -> tuple[dict[str, int], int]:
    """The entries' first words with their longest length, and the odd entries' longest, so
    that only tokens that can start an entry are tried."""
    cached = _FIRST_WORDS.get(id(lexicon))
    if cached is not None and cached[0] is lexicon:
        return cached[1], cached[2]
    firsts: dict[str, int] = {}
    odd = 0
    for entry in lexicon:
        pieces = entry.replace("-", " - ").split()
        if not pieces:
            continue
        if pieces[0].replace("'", "").replace(".", "").isalnum():
            firsts[pieces[0]] = max(firsts.get(pieces[0], 0), len(pieces))
        else:
            odd = max(odd, len(pieces))
    _FIRST_WORDS[id(lexicon)] = (lexicon, firsts, odd)
    return firsts, odd


def find_loaded(
    sentence: SentenceView, lexicon: dict[str, str] | None = None, *, rules: bool = False
) -> list[tuple[int, int, str]]:
    """(first token, end token, class) of each loaded phrase in the sentence, longest first.

    `lexicon` defaults to the strong verdicts that make opinion claims; `loaded_lexicon()`
    finds every loaded word. With `rules`, the word forms of a lexicon entry count too (its
    inflections through their lemma, "slams" for "slam"; the adverb made from a loaded
    adjective, "bizarrely" for "bizarre"), and so do words in scare quotes (never a verdict:
    they make loaded spans, not opinion claims).
    """
    lexicon = lexicon if lexicon is not None else subjectivity_lexicon()
    firsts, odd = _first_words(lexicon)
    first = sentence.span.start
    tokens = list(sentence.span)
    hits: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tokens):
        found = None
        token = tokens[i]
        longest = max(firsts.get(token.lower_, 0), odd)
        if rules:
            longest = max(longest, firsts.get(_lemma(token, first), 0))
        # One token more than the entry's own count: the tokeniser may split a word the
        # entry writes whole.
        for size in range(min(longest + 1, len(tokens) - i) if longest else 0, 0, -1):
            span = tokens[i : i + size]
            keys = [_key([t.text for t in span])]
            if rules:
                keys.append(_key([_lemma(t, first) for t in span]))
            key = next((k for k in keys if k in lexicon), None)
            if key is not None:
                found = (span[0].i, span[-1].i + 1, lexicon[key])
                break
        if found is None and rules:
            base = _derived_base(tokens[i], lexicon)
            if base is not None:
                kind = "intensifier" if tokens[i].pos_ == "ADV" else lexicon[base]
                found = (tokens[i].i, tokens[i].i + 1, kind)
        if found is None:
            i += 1
            continue
        hits.append(found)
        i += found[1] - found[0]
    if rules:
        hits = _whole_compounds(tokens, hits)
        taken = {n for a, b, _ in hits for n in range(a, b)}
        hits += [h for h in scare_quoted(sentence) if not taken & set(range(h[0], h[1]))]
        hits.sort()
    return hits


def _words(span: Span) -> str:
    """A span as the lexicons spell it: lower case, hyphens closed up."""
    text = span.text.strip().lower().replace(" - ", "-")
    return " ".join(text.replace("-", " - ").split()).replace(" - ", "-")


def _phrase_head(doc_tokens: list[Token]) -> Token:
    """The noun a loaded word modifies, or the loaded word when it is itself the noun."""
    last = doc_tokens[-1]
    token = last
    while token.dep_ in {"amod", "compound", "advmod", "punct"} and token.head.i != token.i:
        token = token.head
    return token


def _characterised(head: Token, index: EntityIndex) -> int | None:
    """Who the loaded phrase is about: the name it describes, is apposed to, or belongs to."""
    seen = 0
    token = head
    while seen < 4:
        seen += 1
        key = index.key_of(token)
        if key is not None:
            return key
        for child in token.children:
            if child.dep_ == "poss":
                owner = index.key_at(child)
                if owner is not None:
                    return owner
        if token.dep_ in {"appos", "conj", "compound", "amod", "attr", "acomp"}:
            token = token.head
            if token.pos_ in {"AUX", "VERB"}:
                subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
                return index.key_of(subjects[0]) if subjects else None
            continue
        if token.dep_ in {"oprd", "dobj", "ccomp", "xcomp"}:
            # "X called Y a liar": the word is said of the called one, the object before it.
            called = [
                c for c in token.head.children if c.dep_ in {"dobj", "oprd"} and c.i < token.i
            ]
            if called and index.key_of(called[0]) is not None:
                return index.key_of(called[0])
        if token.dep_ == "pobj" and token.head.dep_ == "prep":
            token = token.head.head
            continue
        if token.dep_ == "dobj" and token.pos_ == "NOUN":
            # "X sent a gushing message": the verdict is on X's act, so on X.
            subjects = [
                c for c in token.head.children if c.dep_ == "nsubj" and c.pos_ in {"PROPN", "PRON"}
            ]
            return index.key_of(subjects[0]) if subjects else None
        break
    return None


def _value(words: list[Token]) -> str:
    """The loaded phrase with the common noun it qualifies ("lunatic ally", "fascist
    dictator"), never the name it is said of."""
    doc = words[0].doc
    end = words[-1].i + 1
    token = words[-1]
    while (token.pos_ != "NOUN" or token.i < end) and token.dep_ in {
        "amod",
        "compound",
        "advmod",
        "punct",
    }:
        if token.head.i == token.i:
            break
        token = token.head
    if token.pos_ == "NOUN" and token.i >= end and token.i - end < 4:
        end = token.i + 1
    return doc[words[0].i : end].text


#: Verbs whose subject applies the word that follows to someone ("called him a liar").
_CALLING = frozenset(
    {"call", "label", "brand", "dub", "describe", "deem", "term", "denounce", "decry",
     "tweet", "slam", "blast", "think", "believe", "consider", "view", "regard", "see",
     "say", "argue", "insist", "claim", "accuse", "mock", "deride", "portray", "paint"}
)  # fmt: skip
_OPEN_MARKS = ("“", '"', "''", "‘")
_CLOSE_MARKS = ("”", '"', "''", "’")


def _caller(head: Token) -> Token | None:
    """The subject of a calling verb above the loaded phrase ("X called him a liar",
    "Democrats labeled her as an extremist", "he thought she was a liar"), else None."""
    token = head
    for _ in range(5):
        if token.head.i == token.i or token.dep_ == "advcl":
            return None  # an adverbial clause has its own subject: "while the mayor smiled"
        token = token.head
        if token.pos_ == "VERB" and token.lemma_.lower() in _CALLING:
            subject = subject_of(token)
            if subject is None or subject.lower_ in {"it", "this", "that", "which", "there"}:
                return None
            return subject
    return None


def _part_of_name(words: Span, index: EntityIndex) -> bool:
    """True when capitalised loaded words belong to a name ("Notorious RBG")."""
    if not all(t.is_title or t.is_upper for t in words):
        return False
    return any(index.named_at(t) or t.ent_type_ for t in words)


def _in_marks(sentence: str, start: int, end: int) -> bool:
    """True when [start, end) of the sentence lies inside quotation marks."""
    before = sentence[:start]
    opened = max(before.rfind(m) for m in _OPEN_MARKS)
    closed = before.rfind("”")
    if opened < 0 or closed > opened:
        return False
    return any(m in sentence[end:] for m in _CLOSE_MARKS)


def in_writer_voice(sentence: Span, start: int, end: int) -> bool:
    """True when tokens [start, end) of the sentence are the writer's own words: not inside
    quotation marks, and not a word a named speaker says or calls someone ("X called him a
    liar", "X said the plan was reckless"). Without the document's quotes this is the
    sentence-level view of what `loaded_language` holds the outlet to."""
    doc = sentence.doc
    first = doc[start].idx - sentence.start_char
    last = doc[end - 1].idx + len(doc[end - 1]) - sentence.start_char
    if _in_marks(sentence.text, first, last):
        return False
    return _caller(_phrase_head(list(doc[start:end]))) is None


def opinion_claims(state: DocumentState) -> tuple[list[Claim], float]:
    """Opinion claims of the document and the share of sentences that carry loaded language."""
    claims, score, _ = loaded_language(state)
    return claims, score


def loaded_language(state: DocumentState) -> tuple[list[Claim], float, list[LoadedSpan]]:
    """Opinion claims, the loaded share of sentences and every loaded span, with holders."""
    spans: list[LoadedSpan] = []
    index = EntityIndex(state)
    text = state.article.text
    outlet = state.article.site or _DEFAULT_HOLDER
    claims: list[Claim] = []
    loaded_sentences = 0
    sentences = state.parsed.sentences
    for sentence in sentences:
        index.paragraph = sentence.paragraph
        hits = find_loaded(sentence, loaded_lexicon(), rules=True)
        verdicts = subjectivity_lexicon()
        if any(_words(sentence.span.doc[a:b]) in verdicts for a, b, _ in hits):
            loaded_sentences += 1
        for start, end, label in hits:
            strong = _words(sentence.span.doc[start:end]) in verdicts
            doc = sentence.span.doc
            head = _phrase_head(list(doc[start:end]))
            subject = _characterised(head, index)
            first, _ = index.offsets(doc[start])
            _, last = index.offsets(doc[end - 1])
            quote = index.quote_at(first, last)
            holder: str | None = outlet
            holder_key: int | None = None
            rule = "opinion:outlet"
            via: list[int] = []
            # Inside a quotation or a paraphrase the characterisation is the speaker's: the
            # outlet reports that they hold it ("X said the plan was reckless").
            caller = _caller(head)
            if _part_of_name(doc[start:end], index):
                continue  # "Notorious RBG", "the Countering Violent Extremism program": names
            if quote is not None and quote.speaker is not None:
                speaker = index.entity(quote.speaker)
                holder = speaker.name if speaker is not None else outlet
                holder_key = quote.speaker
                via = [k for k in quote.via if k != quote.speaker]
                rule = "opinion:quoted"
            elif caller is not None:
                # "X called him a liar", "Democrats label her an extremist": X's word.
                holder_key = index.key_of(caller)
                named = index.entity(holder_key)
                holder = named.name if named is not None else phrase(caller).text
                rule = "opinion:called"
            elif _in_marks(sentence.text, first - sentence.start, last - sentence.start):
                holder, holder_key = None, None  # quoted words whose speaker the text hides
            spans.append(
                LoadedSpan(first, last, text[first:last], about=subject, holder=holder,
                           holder_entity=holder_key)
            )  # fmt: skip
            if holder is None or not strong:
                continue  # an opinion needs a verdict and its holder; the span keeps the words
            claims.append(
                Claim(
                    kind="opinion", subject=subject, status="opinion", holder=holder,
                    value=_value(list(doc[start:end])),
                    evidence=Evidence(sentence.start, sentence.end,
                                      text[sentence.start : sentence.end], via=via),
                    attributes={"class": label, "start": first, "end": last}, rule=rule,
                )
            )  # fmt: skip
    score = loaded_sentences / len(sentences) if sentences else 0.0
    return claims, round(score, 4), spans


@component("opinion")
def make_opinion(settings: Settings) -> Component:
    """The opinion component: outlet's loaded characterisations and the document's score."""

    def run(state: DocumentState) -> None:
        claims, score, spans = loaded_language(state)
        state.analysis.claims.extend(claims)
        state.analysis.loaded_score = score
        state.analysis.loaded_spans.extend(spans)

    return run
