"""Score an export (`dossier.export.contract.build_export`) against the gold in `tests/gold/`.

Plain functions so that the quality gate (`tests/test_quality_gate.py`) and the human report
(`bench/samples_report.py`) read the same numbers. The gold format is described in the
`_about` field of `tests/gold/samples.json`. Areas:

- entities: persons and organisations per document, by name and type (one-to-one);
- roles: offices per person per document, by title, with `current` and date accuracy;
- quotes: quoted stretches found by text, with kind, speaker and `via` accuracy;
- claims: by (kind, subject, object or value), with status and date accuracy (`opinion` claims
  are scored apart; `position` claims are left out, the roles area scores offices);
- opinions: the outlet's loaded phrases;
- dates: each document's publication date and where it came from;
- crossdoc: links between documents (same person or organisation) as P/R/F1 and as the share
  of same-entity pairs linked and of different-entity pairs kept apart, the share of
  same-surname people kept apart, and how many such pairs were wrongly merged.

Predictions that match an optional gold item, or a gold item already matched (a quote split
in two, a role stated twice), are neither rewarded nor counted as false positives.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GOLD_PATH = Path(__file__).resolve().parent / "gold" / "samples.json"

#: Claim kinds whose subject and object may come in either order.
SYMMETRIC_KINDS = frozenset({"meeting", "associate", "family"})
#: Claim kinds not scored in the claims area (see the module docstring).
UNSCORED_CLAIM_KINDS = frozenset({"opinion", "position"})
SCORED_ENTITY_TYPES = frozenset({"Person", "Organization"})

_TITLE_WORDS = {
    "sen.": "senator",
    "rep.": "representative",
    "gen.": "general",
    "gov.": "governor",
    "amb.": "ambassador",
    "spokeswoman": "spokesman",
    "spokesperson": "spokesman",
    "advisor": "adviser",
    "chairman": "chair",
    "chairwoman": "chair",
}


def load_gold(path: Path = GOLD_PATH) -> dict[str, Any]:
    """The gold file as a dict (kept as JSON so that it reads without Python)."""
    return json.loads(path.read_text(encoding="utf-8"))


def normalise(text: str) -> str:
    """Compare names and phrases without case, accents, curly quotes, 'the' or a possessive."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"').casefold()
    text = " ".join(text.split())
    text = text.strip(" .,;:!?\"'")
    text = re.sub(r"^the ", "", text)
    text = re.sub(r"'s?$", "", text)
    return text.strip()


def _options(value: Any) -> list[Any]:
    """A gold value that may be one value or a list of acceptable ones."""
    return list(value) if isinstance(value, list) else [value]


@dataclass
class Counts:
    """True positives, false positives and false negatives of one area."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        # Nothing predicted: perfect only when nothing was expected either.
        if not self.tp + self.fp:
            return 0.0 if self.fn else 1.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Accuracy:
    """Right answers out of the cases where the gold says something."""

    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0


@dataclass
class Report:
    """Every area's counts, plus one line per mistake for whoever wants to fix them."""

    counts: dict[str, Counts] = field(default_factory=dict)
    accuracies: dict[str, Accuracy] = field(default_factory=dict)
    wrong_merges: list[str] = field(default_factory=list)
    mistakes: list[str] = field(default_factory=list)

    def count(self, area: str) -> Counts:
        return self.counts.setdefault(area, Counts())

    def accuracy(self, name: str) -> Accuracy:
        return self.accuracies.setdefault(name, Accuracy())

    def metrics(self) -> dict[str, float]:
        """Flat metric name → value, the keys used by `tests/quality_floors.json`."""
        out: dict[str, float] = {}
        for area, c in self.counts.items():
            out[f"{area}.precision"] = c.precision
            out[f"{area}.recall"] = c.recall
            out[f"{area}.f1"] = c.f1
        for name, a in self.accuracies.items():
            out[name] = a.value
        out["crossdoc.wrong_merges"] = float(len(self.wrong_merges))
        return out


class DocView:
    """One exported document with the entities mentioned in it and the names they go by there."""

    def __init__(self, doc: dict[str, Any], entities: Iterable[dict[str, Any]]) -> None:
        self.doc = doc
        text: str = doc["text"]
        self.entities: dict[int, dict[str, Any]] = {}
        self.names: dict[int, set[str]] = {}
        self.mention_counts: dict[int, int] = {}
        for entity in entities:
            spans = [m for m in entity["mentions"] if m["document"] == doc["id"]]
            if not spans:
                continue
            self.entities[entity["id"]] = entity
            names = {normalise(text[m["start"] : m["end"]]) for m in spans}
            names.add(normalise(entity["name"]))
            self.names[entity["id"]] = {n for n in names if n}
            self.mention_counts[entity["id"]] = len(spans)

    def entity_matches(self, entity_id: int | None, names: Iterable[str]) -> bool:
        """Whether the entity goes by one of `names` here ("Sen. Lucas Marwood" is Marwood)."""
        if entity_id is None or entity_id not in self.names:
            return False
        wanted = [normalise(n) for n in names]
        return any(
            have == want or have.endswith(" " + want)
            for have in self.names[entity_id]
            for want in wanted
        )

    def candidates(self, names: Iterable[str], types: frozenset[str] | None = None) -> list[int]:
        """Entities here that go by one of `names`, exact names and most mentioned first."""
        wanted = {normalise(n) for n in names}
        found = [
            eid
            for eid in self.entities
            if (types is None or self.entities[eid]["type"] in types)
            and self.entity_matches(eid, wanted)
        ]
        return sorted(
            found,
            key=lambda eid: (not (self.names[eid] & wanted), -self.mention_counts[eid], eid),
        )


def _gold_names(gold_doc: dict[str, Any], name: str) -> list[str]:
    """A gold name and the aliases its document's entity list gives it."""
    for entity in gold_doc["entities"]:
        if entity["name"] == name:
            return [name, *entity.get("aliases", [])]
    return [name]


def _matches_name(view: DocView, gold_doc: dict[str, Any], entity_id: Any, gold: Any) -> bool:
    """A gold subject/object (a name, a list of names, None = anything) against an entity id."""
    options = _options(gold)
    if None in options:
        return True
    return any(view.entity_matches(entity_id, _gold_names(gold_doc, n)) for n in options)


def score_entities(
    view: DocView, gold_doc: dict[str, Any], report: Report, label: str
) -> dict[int, str]:
    """Persons and organisations one-to-one by name and type; returns entity id → gold name."""
    counts = report.count("entities")
    assigned: dict[int, str] = {}
    for entity in gold_doc["entities"]:
        optional = entity.get("optional", False)
        names = [entity["name"], *entity.get("aliases", [])]
        free = [eid for eid in view.candidates(names) if eid not in assigned]
        if not free:
            if not optional:
                counts.fn += 1
                report.mistakes.append(f"{label}: entity missed: {entity['name']}")
            continue
        eid = free[0]
        assigned[eid] = entity["name"]
        got = view.entities[eid]["type"]
        if optional:
            continue
        if got == entity["type"]:
            counts.tp += 1
        else:
            counts.fn += 1
            if got in SCORED_ENTITY_TYPES:
                counts.fp += 1
            report.mistakes.append(
                f"{label}: entity {entity['name']} typed {got}, expected {entity['type']}"
            )
    for eid, entity in view.entities.items():
        if eid not in assigned and entity["type"] in SCORED_ENTITY_TYPES:
            counts.fp += 1
            report.mistakes.append(f"{label}: extra {entity['type']}: {entity['name']}")
    return assigned


def _title_words(title: str) -> set[str]:
    words = normalise(title).replace(",", " ").split()
    return {_TITLE_WORDS.get(w, w) for w in words}


def score_roles(
    view: DocView,
    gold_doc: dict[str, Any],
    assigned: dict[int, str],
    report: Report,
    label: str,
) -> None:
    """Offices by person and title words; then `current` and stated dates of the matched ones."""
    counts = report.count("roles")
    gold_roles = gold_doc["roles"]
    found: dict[int, dict[str, Any]] = {}
    for eid, entity in view.entities.items():
        for role in entity["roles"]:
            if role["document"] != view.doc["id"]:
                continue
            person = assigned.get(eid)
            words = _title_words(role["title"])
            hits = [
                i
                for i, g in enumerate(gold_roles)
                if g["person"] == person and _title_words(g["title"]) <= words
            ]
            if not hits:
                counts.fp += 1
                report.mistakes.append(f"{label}: extra role {role['title']!r} on {entity['name']}")
                continue
            fresh = [i for i in hits if i not in found and not gold_roles[i].get("optional")]
            if fresh:
                found[fresh[0]] = role
    for i, gold in enumerate(gold_roles):
        if gold.get("optional"):
            continue
        role = found.get(i)
        if role is None:
            counts.fn += 1
            report.mistakes.append(f"{label}: role missed: {gold['person']} {gold['title']}")
            continue
        counts.tp += 1
        if gold.get("current") is not None:
            ok = role["current"] == gold["current"]
            report.accuracy("roles.current_accuracy").add(ok)
            if not ok:
                report.mistakes.append(
                    f"{label}: role {gold['person']} {gold['title']}: current={role['current']}"
                )
        if gold.get("date"):
            ok = _date_matches(role["date"], gold["date"])
            report.accuracy("roles.date_accuracy").add(ok)
            if not ok:
                report.mistakes.append(
                    f"{label}: role {gold['person']} {gold['title']}: date {role['date']}"
                )


def _date_matches(got: Any, want: Any) -> bool:
    """Right when the date is, or refines, one of the gold dates ("2021-11" refines "2021")."""
    if not want or not got:
        return False
    return any(str(got).startswith(w) for w in _options(want))


def _quote_text(text: str) -> str:
    return normalise(text.replace("\n", " "))


def _quote_hits(text: str, gold: dict[str, Any]) -> bool:
    said = _quote_text(text)
    for part in gold["parts"]:
        want = _quote_text(part)
        if want in said or (len(said) >= 10 and said in want):
            return True
    return False


def score_quotes(
    view: DocView,
    gold_doc: dict[str, Any],
    quotes: list[dict[str, Any]],
    report: Report,
    label: str,
) -> None:
    """Quotes by text; for each found one, its kind, speaker and channels (`via` less speaker)."""
    counts = report.count("quotes")
    gold_quotes = gold_doc["quotes"]
    found: dict[int, dict[str, Any]] = {}
    for quote in quotes:
        hits = [i for i, g in enumerate(gold_quotes) if _quote_hits(quote["text"], g)]
        if not hits:
            counts.fp += 1
            report.mistakes.append(f"{label}: extra quote {quote['text'][:60]!r}")
            continue
        fresh = [i for i in hits if i not in found and not gold_quotes[i].get("optional")]
        if fresh:
            found[fresh[0]] = quote
    for i, gold in enumerate(gold_quotes):
        if gold.get("optional"):
            continue
        if i not in found:
            counts.fn += 1
            report.mistakes.append(f"{label}: quote missed: {gold['parts'][0]!r}")
            continue
        quote = found[i]
        counts.tp += 1
        report.accuracy("quotes.kind_accuracy").add(quote["kind"] in _options(gold["kind"]))
        speaker = quote["speaker"]
        if gold["speaker"] is None:
            speaker_ok = speaker is None
        else:
            speaker_ok = view.entity_matches(speaker, _gold_names(gold_doc, gold["speaker"]))
        report.accuracy("quotes.speaker_accuracy").add(speaker_ok)
        if not speaker_ok:
            got = view.entities[speaker]["name"] if speaker in view.entities else None
            report.mistakes.append(
                f"{label}: quote {gold['parts'][0][:40]!r}: speaker {got}, expected "
                f"{gold['speaker']}"
            )
        channels = [v for v in quote["via"] if v != speaker]
        via_ok = len(channels) == len(gold["via"]) and all(
            view.entity_matches(v, _gold_names(gold_doc, g))
            for v, g in zip(channels, gold["via"], strict=True)
        )
        report.accuracy("quotes.via_accuracy").add(via_ok)
        if not via_ok:
            got_via = [view.entities[v]["name"] if v in view.entities else v for v in channels]
            report.mistakes.append(
                f"{label}: quote {gold['parts'][0][:40]!r}: via {got_via}, expected {gold['via']}"
            )


def _value_matches(got: Any, want: Any) -> bool:
    if isinstance(want, int | float) and isinstance(got, int | float):
        return abs(float(got) - float(want)) <= 1e-6 * max(1.0, abs(float(want)))
    if got is None:
        return False
    return normalise(str(want)) in normalise(str(got))


def _claim_hits(view: DocView, gold_doc: dict[str, Any], claim: dict[str, Any], gold: Any) -> bool:
    if claim["kind"] not in _options(gold["kind"]):
        return False
    orders = [(claim["subject"], claim["object"])]
    if claim["kind"] in SYMMETRIC_KINDS:
        orders.append((claim["object"], claim["subject"]))
    for subject, obj in orders:
        if not _matches_name(view, gold_doc, subject, gold.get("subject")):
            continue
        if "value" in gold:
            if _value_matches(claim["value"], gold["value"]):
                return True
        elif _matches_name(view, gold_doc, obj, gold.get("object")):
            return True
    return False


def _describe(view: DocView, claim: dict[str, Any]) -> str:
    def name(eid: Any) -> str:
        return str(view.entities[eid]["name"]) if eid in view.entities else str(eid)

    target = name(claim["object"]) if claim["object"] is not None else claim["value"]
    return f"{claim['kind']}({name(claim['subject'])}, {target}) [{claim['status']}]"


def score_claims(
    view: DocView,
    gold_doc: dict[str, Any],
    claims: list[dict[str, Any]],
    report: Report,
    label: str,
) -> None:
    """Claims by (kind, subject, object or value); opinions by their loaded phrase."""
    counts = report.count("claims")
    gold_claims = gold_doc["claims"]
    found: dict[int, dict[str, Any]] = {}
    opinions: list[dict[str, Any]] = []
    for claim in claims:
        if claim["kind"] == "opinion":
            opinions.append(claim)
            continue
        if claim["kind"] in UNSCORED_CLAIM_KINDS:
            continue
        hits = [i for i, g in enumerate(gold_claims) if _claim_hits(view, gold_doc, claim, g)]
        if not hits:
            counts.fp += 1
            report.mistakes.append(f"{label}: extra claim {_describe(view, claim)}")
            continue
        fresh = [i for i in hits if i not in found and not gold_claims[i].get("optional")]
        # Two results for one person (a nomination, a runoff): the one with this date first.
        fresh.sort(key=lambda i: not _date_matches(claim["date"], gold_claims[i].get("date")))
        if fresh:
            found[fresh[0]] = claim
    for i, gold in enumerate(gold_claims):
        if gold.get("optional"):
            continue
        target = gold.get("value", gold.get("object"))
        if i not in found:
            counts.fn += 1
            report.mistakes.append(
                f"{label}: claim missed: {gold['kind']}({gold.get('subject')}, {target})"
            )
            continue
        claim = found[i]
        counts.tp += 1
        status_ok = claim["status"] in _options(gold["status"])
        report.accuracy("claims.status_accuracy").add(status_ok)
        if not status_ok:
            report.mistakes.append(
                f"{label}: claim {_describe(view, claim)}: status expected {gold['status']}"
            )
        if gold.get("date"):
            ok = _date_matches(claim["date"], gold["date"])
            report.accuracy("claims.date_accuracy").add(ok)
            if not ok:
                report.mistakes.append(
                    f"{label}: claim {_describe(view, claim)}: date {claim['date']}, "
                    f"expected {gold['date']}"
                )
    score_opinions(gold_doc, opinions, report, label)


def score_opinions(
    gold_doc: dict[str, Any], opinions: list[dict[str, Any]], report: Report, label: str
) -> None:
    """The outlet's loaded phrases: a predicted phrase matches a gold one that it contains."""
    counts = report.count("opinions")
    wanted = [normalise(p) for p in gold_doc["opinions"]]
    allowed = [normalise(p) for p in gold_doc.get("optional_opinions", [])]
    found: set[int] = set()
    for claim in opinions:
        phrase = normalise(str(claim["value"] or claim["evidence"]["text"]))
        hits = [i for i, w in enumerate(wanted) if w in phrase or phrase in w]
        if hits:
            found.update(hits[:1])
        elif not any(a in phrase or phrase in a for a in allowed):
            counts.fp += 1
            report.mistakes.append(f"{label}: extra opinion {phrase!r}")
    counts.tp += len(found)
    counts.fn += len(wanted) - len(found)
    for i, w in enumerate(wanted):
        if i not in found:
            report.mistakes.append(f"{label}: opinion missed: {w!r}")


def score_dates(doc: dict[str, Any], gold_doc: dict[str, Any], report: Report, label: str) -> None:
    """The publication date, where it came from and (when the gold gives it) the latest year."""
    keys = ["published", "published_from"]
    if "published_not_after" in gold_doc:
        keys.append("published_not_after")
    ok = all(doc[k] == gold_doc[k] for k in keys)
    report.accuracy("dates.published_accuracy").add(ok)
    if not ok:
        got = {k: doc[k] for k in keys}
        want = {k: gold_doc[k] for k in keys}
        report.mistakes.append(f"{label}: publication date {got}, expected {want}")


def score_crossdoc(views: dict[str, DocView], gold: dict[str, Any], report: Report) -> None:
    """Links across documents, and same-surname people who must stay apart."""
    identity: dict[str, str] = {}
    for group in gold["same_person"]:
        for name in group:
            identity[normalise(name)] = normalise(group[0])
    occurrences: list[tuple[str, str, int]] = []
    by_person: dict[str, set[int]] = {}
    for title, view in views.items():
        for entity in gold["documents"][title]["entities"]:
            if entity.get("optional"):
                continue
            names = [entity["name"], *entity.get("aliases", [])]
            found = view.candidates(names)
            if not found:
                continue
            who = identity.get(normalise(entity["name"]), normalise(entity["name"]))
            occurrences.append((title, who, found[0]))
            by_person.setdefault(who, set()).add(found[0])
    counts = report.count("crossdoc")
    for (doc_a, who_a, id_a), (doc_b, who_b, id_b) in itertools.combinations(occurrences, 2):
        if doc_a == doc_b:
            continue
        same, linked = who_a == who_b, id_a == id_b
        pairs = "crossdoc.same_pairs_linked" if same else "crossdoc.different_pairs_apart"
        report.accuracy(pairs).add(linked == same)
        if same and linked:
            counts.tp += 1
        elif same:
            counts.fn += 1
            report.mistakes.append(f"crossdoc: {who_a} not linked between {doc_a!r} and {doc_b!r}")
        elif linked:
            counts.fp += 1
            report.mistakes.append(f"crossdoc: {who_a} and {who_b} merged")
    kept = report.accuracy("crossdoc.kept_apart")
    for group in gold["keep_apart"]:
        people = [identity.get(normalise(n), normalise(n)) for n in group]
        for a, b in itertools.combinations(people, 2):
            if a not in by_person or b not in by_person:
                continue
            merged = bool(by_person[a] & by_person[b])
            kept.add(not merged)
            if merged:
                report.wrong_merges.append(f"{a} = {b}")
                report.mistakes.append(f"crossdoc: same-surname people merged: {a} = {b}")


def score(export: dict[str, Any], gold: dict[str, Any]) -> Report:
    """Every area for every gold document found in the export (a missing one scores as missed)."""
    report = Report()
    by_title = {d["title"]: d for d in export["documents"]}
    views: dict[str, DocView] = {}
    for title, gold_doc in gold["documents"].items():
        label = gold_doc.get("file", title)
        doc = by_title.get(title)
        if doc is None:
            report.mistakes.append(f"{label}: document not in the export")
            for area in ("entities", "roles", "quotes", "claims"):
                report.count(area).fn += sum(not g.get("optional") for g in gold_doc[area])
            report.count("opinions").fn += len(gold_doc["opinions"])
            report.accuracy("dates.published_accuracy").add(False)
            continue
        view = DocView(doc, export["entities"])
        views[title] = view
        assigned = score_entities(view, gold_doc, report, label)
        score_roles(view, gold_doc, assigned, report, label)
        score_quotes(
            view,
            gold_doc,
            [q for q in export["quotes"] if q["document"] == doc["id"]],
            report,
            label,
        )
        claims = [c for c in export["claims"] if c["evidence"]["document"] == doc["id"]]
        score_claims(view, gold_doc, claims, report, label)
        score_dates(doc, gold_doc, report, label)
    score_crossdoc(views, gold, report)
    return report


def format_table(report: Report, floors: dict[str, float] | None = None) -> str:
    """A plain table: one row per area, P/R/F1 or accuracy, and the floor when given."""
    floors = floors or {}
    lines = [f"{'metric':34} {'value':>7} {'floor':>7}  counts"]
    metrics = report.metrics()
    for name in sorted(metrics):
        area = name.split(".")[0]
        if name.endswith((".precision", ".recall", ".f1")) and area in report.counts:
            c = report.counts[area]
            detail = f"tp={c.tp} fp={c.fp} fn={c.fn}"
        elif name in report.accuracies:
            a = report.accuracies[name]
            detail = f"{a.right}/{a.total}"
        else:
            detail = "; ".join(report.wrong_merges)
        floor = f"{floors[name]:7.2f}" if name in floors else " " * 7
        value = metrics[name]
        shown = f"{int(value):7d}" if name == "crossdoc.wrong_merges" else f"{value:7.3f}"
        lines.append(f"{name:34} {shown} {floor}  {detail}")
    return "\n".join(lines)
