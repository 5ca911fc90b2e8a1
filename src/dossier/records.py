"""Plain typed records that the stages hand to each other.

Ingest produces `Page` (raw bytes and what the container said about them) and then `Article`
(a clean body with its metadata). The NLP stages turn an `Article` into an `Analysis`:
sentences, entities with mentions and roles, quotes and claims, each carrying character
offsets into `Article.text`. The store, the exporters and the web UI only ever see these
records — never spaCy objects.

Inside one `Analysis`, entities are referred to by their `key` (a small int, unique in that
document); the store maps keys to database ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

EntityType = Literal["Person", "Organization", "Country", "Place", "Other"]
ENTITY_TYPES: tuple[EntityType, ...] = ("Person", "Organization", "Country", "Place", "Other")

QuoteKind = Literal["direct", "indirect", "mixed"]
QUOTE_KINDS: tuple[QuoteKind, ...] = ("direct", "indirect", "mixed")

ClaimStatus = Literal["asserted", "reported", "planned", "hedged", "denied", "opinion"]
CLAIM_STATUSES: tuple[ClaimStatus, ...] = (
    "asserted",
    "reported",
    "planned",
    "hedged",
    "denied",
    "opinion",
)

#: The claim vocabulary. Each kind is documented in README ("Claims").
CLAIM_KINDS: tuple[str, ...] = (
    "meeting",
    "support",
    "criticism",
    "family",
    "associate",
    "membership",
    "employment",
    "education",
    "position",
    "travel",
    "election_result",
    "amount",
    "residence",
    "location",
    "opinion",
)

DateSource = Literal["html", "warc", "text", "user"]


@dataclass
class Page:
    """One input before extraction: the bytes of a page and what its container told us."""

    source: str
    data: bytes
    #: Detected content kind: "html" or "text" (WARC and gzip are unpacked before this).
    kind: str
    url: str | None = None
    #: Capture date from a WARC record (ISO date), if any.
    captured: str | None = None


@dataclass
class Article:
    """A clean article body and its metadata, ready for the NLP stages."""

    source: str
    text: str
    title: str | None = None
    site: str | None = None
    authors: list[str] = field(default_factory=list)
    #: ISO date, full (YYYY-MM-DD) or partial (YYYY-MM, YYYY, --MM-DD); None when unknown.
    published: str | None = None
    published_from: DateSource | None = None
    #: Latest year the page can be from (a copyright line), when nothing better is known.
    published_not_after: str | None = None
    url: str | None = None
    #: ISO 639-1 code of the body's language when detected ("en"); None when unsure.
    language: str | None = None
    #: Things the user should know about this document (e.g. "not English").
    warnings: list[str] = field(default_factory=list)


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass
class Mention:
    """One place in the body where an entity is named (or referred to by a pronoun)."""

    start: int
    end: int
    text: str
    #: "name", "surname", "title", "pronoun", "demonym", "possessive", …
    form: str = "name"


@dataclass
class Role:
    """An office or title the article gives an entity (`Secretary of State`, `Senator`)."""

    title: str
    start: int
    end: int
    #: Key of the entity the office is of (a country, party, company), if stated.
    of: int | None = None
    #: Full or partial ISO date the role is stated for.
    date: str | None = None
    #: "text" when the sentence gives the date, "document" when it is the document's date.
    date_basis: str | None = None
    #: False for "former X", True for a present role, None when the text does not say.
    current: bool | None = None
    party: str | None = None
    region: str | None = None


@dataclass
class Entity:
    """One person, organisation or place as this document knows it."""

    key: int
    type: EntityType
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    #: Free attributes a component wants to keep (e.g. {"gender": "f"}).
    attributes: dict[str, object] = field(default_factory=dict)


@dataclass
class Evidence:
    """Where a fact is stated: `text` is `Article.text[start:end]`, the sentence."""

    start: int
    end: int
    text: str
    #: Entity keys the statement came through, nearest first: a chain of relays, each
    #: repeating the next ("X told The Ledger, citing Radio Norte"). Never the speaker.
    via: list[int] = field(default_factory=list)
    #: Entity keys of sources that state it side by side, each on its own ("according to
    #: The Ledger … Radio Norte also reported"): parallel, not a chain.
    sources: list[int] = field(default_factory=list)


@dataclass
class Quote:
    speaker: int | None
    text: str
    kind: QuoteKind
    start: int
    end: int
    #: Reporting verb or phrase ("said", "according to"), with its offsets.
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    via: list[int] = field(default_factory=list)
    #: Why the speaker is None (e.g. "no speaker named in the text").
    speaker_reason: str | None = None
    #: Parallel sources that also report it, each on its own (see `Evidence.sources`).
    sources: list[int] = field(default_factory=list)
    #: Which rule attributed it ("cue-after-quote", "according-to", …) and how sure that rule
    #: is (0..1, the precision measured for its class on audited real articles).
    rule: str | None = None
    confidence: float | None = None


@dataclass
class Claim:
    kind: str
    subject: int | None
    evidence: Evidence
    object: int | None = None
    value: float | str | None = None
    unit: str | None = None
    date: str | None = None
    place: int | None = None
    status: ClaimStatus = "asserted"
    #: PLOVER event type for event-like claims (CONSULT, SUPPORT, ACCUSE, …).
    plover: str | None = None
    #: Who holds this claim: None for facts; for an `opinion`, the outlet (`site`) or a speaker.
    holder: str | None = None
    #: Kind-specific detail: {"relation": "brother"}, {"round": "runoff"}, {"trigger": "met"}.
    #: (`Any` because the field `object` above shadows the builtin inside this class.)
    attributes: dict[str, Any] = field(default_factory=dict)
    #: Which rule made it ("event:meet", "relation:kin-noun", …) and how sure that rule is
    #: (0..1, the precision measured for its class on audited real articles).
    rule: str | None = None
    confidence: float | None = None


@dataclass
class TimeExpression:
    """A date or period the text states, normalised against the document's date."""

    start: int
    end: int
    text: str
    #: ISO value, full or partial ("2025-12-14", "--12-14", "2021", "2025-11"); None if vague.
    value: str | None
    #: "date", "year", "month", "relative", "duration", …
    kind: str = "date"


@dataclass
class LoadedSpan:
    """A loaded word or phrase: the outlet's (or a speaker's) characterisation, not a fact."""

    start: int
    end: int
    text: str
    #: Key of the entity it characterises, when the sentence makes that clear.
    about: int | None = None
    #: Who uses the word: the outlet (its site) or, inside a quote or paraphrase, the speaker.
    holder: str | None = None
    #: Key of the speaker when the holder is one.
    holder_entity: int | None = None


@dataclass
class Analysis:
    """Everything the pipeline found in one article."""

    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    #: Dates and periods stated in the body (filled by the "temporal" component).
    times: list[TimeExpression] = field(default_factory=list)
    #: Share of sentences carrying the outlet's loaded characterisations (0..1).
    loaded_score: float | None = None
    #: Every loaded word or phrase in the body, with who uses it and about whom.
    loaded_spans: list[LoadedSpan] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
