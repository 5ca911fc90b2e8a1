"""Reading a reporting clause off the parse: cue words, subjects, speaker names, content edges.

Plain functions over spaCy tokens, shared by the passes in `quotes`; offsets they return are
body offsets (paragraph offset + character index in the paragraph).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ...nlp.parse import Paragraph
from .marks import ALL_MARKS
from .speakers import SpeakerSpan, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SUBJECT_DEPS = ("nsubj", "nsubjpass")
NAME_DEPS = ("compound", "det", "amod", "poss", "nmod", "nummod", "case", "punct")
CLIMB_DEPS = ("xcomp", "advcl", "conj", "acl", "pcomp", "relcl")
#: What a verb says or names ("promised lower taxes", "called it a farce"), not when or where.
COMPLEMENT_DEPS = ("dobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "dative")
#: Prepositions that carry the words of a judgement: "as a “fraud”", "of “lying”",
#: "for being “dishonest”", "likened it to a “trap”" (the last only after an object).
JUDGED_AS = ("as", "of", "for", "to")
DASHES = ("—", "–", "-", "--", "―")
#: Prepositions that open the narrator's circumstances, not the speaker's words.
ASIDE_PREPS = ("during", "at", "after", "before", "amid", "since", "following", "while")
#: "said Thursday": a day after the cue is when, not who.
WHEN_ENTS = ("DATE", "TIME")
#: Verbs whose object alone can be the statement ("the report details his views").
OBJECT_CONTENT_LEMMAS = frozenset(
    ("detail", "reveal", "describe", "disclose", "confirm", "deny", "announce", "allege")
)


def token_start(paragraph: Paragraph, token: Token) -> int:
    return paragraph.offset + token.idx


def token_end(paragraph: Paragraph, token: Token) -> int:
    return paragraph.offset + token.idx + len(token.text)


def is_speech_verb(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if not (token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")):
        return False
    if lemma in ("call", "label", "dub", "brand"):
        before = token.doc[token.i - 1].lower_ if token.i else ""
        if token.dep_ in ("amod", "acl") or before in ("so", "-", "so-"):
            return False  # "the so-called “reform”", "a show called “Brokers”": a name
    if lemma == "point":
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children)
    if lemma in ("shoot", "fire", "hit", "push"):
        # "shot back, “…”": a retort
        return any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in token.children)
    if lemma == "put":
        # "as Vela put it, “…”": the idiom cues a quotation
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)
    cognition = lemma in lexicon("attribution_cognition_verbs.txt")
    if (cognition or lemma == "continue") and any(c.dep_ == "xcomp" for c in token.children):
        return False  # "continues to battle", "is expected to win": no statement follows
    if lemma == "continue" and any(c.tag_ == "MD" for c in token.children):
        return False  # "predicts it will continue “for years”": a trend, not a speaker
    return cognition or lemma in lexicon("speech_verbs.txt")


def is_evaluation_verb(token: Token) -> bool:
    """'blasted the press as “dishonest”': a judgement that cues the quotation it governs."""
    is_verb = token.pos_ == "VERB" or token.tag_.startswith("VB")
    return is_verb and token.lemma_.lower() in lexicon("attribution_evaluation_verbs.txt")


def claim_noun(token: Token) -> tuple[Token, Token] | None:
    """'Vela's claim that “…”': the owner and the that-clause of a statement noun."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in lexicon("attribution_claim_nouns.txt"):
        return None
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    clause = next(
        (
            c
            for c in token.children
            if c.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" for m in c.children)
        ),
        None,
    )
    return (owner, clause) if owner is not None and clause is not None else None


def speaker_span(paragraph: Paragraph, token: Token) -> SpeakerSpan:
    """The name around a subject or object token, without appositions or clauses."""
    left = token
    for child in token.lefts:
        if child.dep_ in NAME_DEPS and child.dep_ != "punct":
            left = min(left, child.left_edge, key=lambda t: t.i)
    right = token
    for child in token.rights:
        if child.dep_ in ("compound", "flat") and child.i == right.i + 1:
            right = child
    determiner = next((c.lower_ for c in token.lefts if c.dep_ == "det"), None)
    span = SpeakerSpan(
        start=token_start(paragraph, left),
        end=token_end(paragraph, right),
        head_start=token_start(paragraph, token),
        head_end=token_end(paragraph, token),
        head_lemma=token.lemma_,
        head_pos="PRON" if token.tag_ in ("PRP", "PRP$") else token.pos_,
        determiner=determiner,
    )
    span.conjuncts = [speaker_span(paragraph, c) for c in token.conjuncts if c.i > token.i]
    return span


def subject_of(token: Token) -> Token | None:
    """The verb's subject, climbing through `saying`, `and added` and the like."""
    current = token
    for _ in range(4):
        if current.tag_ == "VBG" and current.dep_ in ("pcomp", "pobj", "acl"):
            # "aligned himself with Vela saying …": the gerund belongs to the clause's subject.
            current = current.head
            while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
                current = current.head
            continue
        subjects = [
            c
            for c in current.children
            if c.dep_ in SUBJECT_DEPS and c.tag_ not in ("EX", "WDT", "WP")
        ]
        if subjects:
            # "KORVELL — President Vela said": a dateline the parse also calls a subject.
            return min(subjects, key=lambda c: abs(c.i - current.i))
        # "it was said by Vela" names the speaker; "was booed by fans after telling …" does
        # not: past the cue itself an agent is someone else.
        for child in current.children if current.i == token.i else ():
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if current.dep_ not in CLIMB_DEPS or current.head.i == current.i:
            return None
        current = current.head
    return None


def name_near(verb: Token) -> Token | None:
    """When the parse gives no subject ("“…,” said Vela, the mayor"), the name beside the cue:
    the one right after it, else the first name between the quotation and the cue."""
    doc = verb.doc
    after = doc[verb.i + 1] if verb.i + 1 < verb.sent.end else None
    # "told AFP" names the listener, not the speaker
    listener = verb.lemma_.lower() in ("tell", "ask", "assure", "inform", "remind")
    named_after = after is not None and after.pos_ == "PROPN" and after.ent_type_ not in WHEN_ENTS
    if after is not None and named_after and not listener:
        return name_head(after)
    inverted = inverted_subject(verb)
    if inverted is not None:
        return inverted
    found: Token | None = None
    for token in reversed(doc[max(verb.sent.start, verb.i - 8) : verb.i]):
        if token.text in ALL_MARKS or token.text in "“”‘’":
            break
        if token.ent_type_ in WHEN_ENTS:
            continue
        if token.pos_ == "PROPN" or (token.tag_ == "PRP" and token.lower_ not in ("it", "you")):
            found = token
    return name_head(found) if found is not None else None


def inverted_subject(verb: Token) -> Token | None:
    """'“…,” read the statement' / 'added another senator': right after a quotation the noun
    after the cue is who spoke, whatever the parse calls it."""
    doc = verb.doc
    back = verb.i - 1
    while back >= 0 and doc[back].text in (",", " "):
        back -= 1
    if back < 0 or doc[back].text not in ("”", '"', "''", "’"):
        return None
    for child in verb.rights:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and child.pos_ in ("NOUN", "PROPN"):
            return child
    return None


def in_complement(verb: Token, token: Token) -> bool:
    """True when `token` lies in what the verb says or names ("called it “a farce”",
    "accused her of “lying”"), not in a time or place adjunct ("said on “Morning Hour”")."""
    while token.head.i != token.i and token.head.i != verb.i:
        token = token.head
    if token.head.i != verb.i:
        return False
    if token.dep_ == "prep" and token.lower_ in JUDGED_AS:
        return token.lower_ != "to" or any(c.dep_ == "dobj" for c in verb.children)
    return token.dep_ in COMPLEMENT_DEPS


def said_end(head: Token, *, cue: bool) -> int:
    """Index of the last token of what `head` says, before a clause that only tells more.

    After the cue verb ("is promising lower taxes, but he has also …", "called her a
    “fraud” after she …", "… in a speech") every further clause, coordinated or adverbial,
    and every time or place phrase is the narrator's;
    inside a complement only a participle after a comma is ("…, citing her record").
    """
    last = head.i
    for child in head.rights:
        comma = child.i > 0 and child.doc[child.i - 1].text == ","
        narrator = child.dep_ == "advcl" and child.tag_ == "VBG" and comma
        if cue:
            verb_conj = child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")
            adjunct = child.dep_ == "prep" and child.lower_ not in JUDGED_AS  # "in a speech"
            narrator = (
                narrator or child.dep_ in ("advcl", "cc", "parataxis") or verb_conj or adjunct
            )
        if narrator:
            break
        last = max(last, child.right_edge.i)
    return last


def opens_other_clause(token: Token) -> bool:
    """'“…” that would respond to …', 'on “Meet the Press,” in which X called …', '“…,” while
    commenting on …': a relative pronoun or a subordinator after a quotation starts a clause
    whose verb does not cue it."""
    return token.tag_ in ("WDT", "WP", "WP$") or (token.dep_ == "mark" and token.lower_ != "as")


def narrator_aside(token: Token) -> bool:
    """A word that starts the narrator's when or aside: a dash, a date, "during …"."""
    if token.text in DASHES:
        return True
    return token.ent_type_ in WHEN_ENTS or (token.dep_ == "prep" and token.lower_ in ASIDE_PREPS)


def name_head(token: Token) -> Token:
    while token.dep_ in ("compound", "flat") and token.head.i != token.i:
        token = token.head
    return token


def speaker_of(
    paragraph: Paragraph, verb: Token, quoted: Callable[[int], bool] | None = None
) -> SpeakerSpan | None:
    """The verb's subject, unless the parse took it from inside a quotation.

    A participle after a comma (", saying …") speaks for the main clause's subject when the
    parse finds none, or when the main verb reports too ("Vela argued that a tax would …,
    saying …": Vela, not the tax)."""
    relayed = quoted_as(verb)
    if relayed is not None:
        return speaker_span(paragraph, named(relayed[0]))
    subject = subject_of(verb)
    if subject is not None and quoted is not None and quoted(token_start(paragraph, subject)):
        subject = None
    main = clause_subject(verb)
    if main is not None and (subject is None or is_speech_verb(verb.sent.root)):
        subject = main
    subject = subject or name_near(verb)
    return speaker_span(paragraph, named(subject)) if subject is not None else None


#: Verbs by which one party passes on another's words: "X quoted Y as saying …".
_RELAY_VERBS = frozenset({"quote", "cite"})


def quoted_as(verb: Token) -> tuple[Token, Token | None] | None:
    """(speaker, relay) of "X quoted Y as saying …" / "X cited Y as saying …": the words are
    Y's, passed on by X; None for any other verb of saying."""
    node = verb.head
    if verb.dep_ not in ("pcomp", "advcl", "xcomp") or node.i == verb.i or node.lower_ != "as":
        return None  # "X cited the report, saying …" is X's own statement
    node = node.head
    if node.lemma_.lower() not in _RELAY_VERBS or node.pos_ != "VERB":
        return None
    speaker = next((c for c in node.children if c.dep_ == "dobj"), None)
    if speaker is None:
        return None
    relay = next((c for c in node.children if c.dep_ in SUBJECT_DEPS), None)
    return speaker, relay


def clause_subject(verb: Token) -> Token | None:
    """'Vela shared the news, writing “…”': a participle after a comma that the parse left
    unattached speaks for the subject of the sentence's main verb."""
    doc = verb.doc
    if verb.tag_ != "VBG" or verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    root = verb.sent.root
    subjects = [c for c in root.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i]
    return subjects[0] if subjects and subjects[0].tag_ not in ("EX", "WDT", "WP") else None


def named(token: Token) -> Token:
    """'His spokesman, Owen Trask, said': a common noun with a name beside it is that name;
    so is a dateline ("KORVELL -- Mayor Ana Vela, …, said") the parse took for the subject."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    dateline = token.text.isupper() and following is not None and following.text in DASHES
    if token.pos_ == "PRON" or (token.pos_ == "PROPN" and not dateline):
        return token
    for child in token.rights:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return name_head(child)
    return token


def opens_quotation(token: Token) -> bool:
    """A mark that opens a quotation: a curly opener, or a straight one after a space."""
    if token.text in ("“", "‘"):
        return True
    before = token.doc[token.i - 1] if token.i else None
    return token.text in ('"', "'") and (before is None or bool(before.whitespace_))


def trim(doc_span: Span) -> tuple[int, int] | None:
    """Token bounds of a content span without the punctuation at its edges (quotes kept)."""
    tokens = list(doc_span)
    while tokens and (tokens[0].is_punct or tokens[0].is_space) and tokens[0].text not in "“\"‘'":
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        if tokens[-1].text in ALL_MARKS or tokens[-1].text in ("”", "’"):
            break
        tokens.pop()
    if len(tokens) < 2:
        return None
    return tokens[0].i, tokens[-1].i + 1


def source_stop(preposition: Token) -> int:
    """Index just past the source named after "to"/"per": up to a comma or the clause."""
    doc = preposition.doc
    stop = preposition.i + 1
    sentence_end = preposition.sent.end
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    limit = objects[0].right_edge.i + 1 if objects else min(stop + 4, sentence_end)
    while stop < min(limit, sentence_end) and doc[stop].text not in (",", ";", "—", "–"):
        stop += 1
    return stop


def source_after(preposition: Token) -> Token | None:
    """The head word of the source named after "according to" or "per"."""
    stop = source_stop(preposition)
    if stop <= preposition.i + 1:
        return None
    return preposition.doc[preposition.i + 1 : stop].root


def cue_bounds(paragraph: Paragraph, verb: Token) -> tuple[int, int]:
    """The reporting verb with its auxiliaries and particle ("has learned", "shot back"), and
    the feeling a verb of expressing names ("expressing confidence that …")."""
    first, last = verb, verb
    expressing = verb.lemma_.lower() in ("express", "voice")
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass", "neg") and child.i < verb.i and child.i >= verb.i - 3:
            first = min(first, child, key=lambda t: t.i)
        particle = child.dep_ == "prt" or (child.dep_ == "advmod" and child.lower_ == "back")
        if particle and child.i == verb.i + 1:
            last = child
        if expressing and child.dep_ == "dobj" and child.i == verb.i + 1:
            last = child
    return token_start(paragraph, first), token_end(paragraph, last)
