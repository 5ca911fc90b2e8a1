"""Comparing two entities' profiles: do their names, context and offices make them one?

`linker.decide` compares a document's entity with each candidate the store finds; the
judgement commands compare two stored entities to explain a decision. Names alone may
settle it (`name_agreement`: one full name, different given names, different types); only
then are the co-mentioned entities and offices weighed (`compare`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .names import (
    NameForm,
    acronyms,
    country_of,
    cut_from,
    form,
    given_names_compatible,
    region_or_country,
    short_form,
)
from .profiles import Profile

__all__ = ["Comparison", "compare", "compatible_types", "name_agreement"]

#: Types that may be one entity: a country is also a place.
_COMPATIBLE: dict[str, frozenset[str]] = {
    "Place": frozenset({"Place", "Country"}),
    "Country": frozenset({"Place", "Country"}),
}


def compatible_types(a: str, b: str) -> bool:
    """True when entities of types `a` and `b` may be the same."""
    return b in _COMPATIBLE.get(a, frozenset({a}))


@dataclass
class Comparison:
    """The outcome of comparing two profiles: same (True), different (False) or unsure."""

    same: bool | None
    score: float
    reasons: list[str]
    #: How strongly the names alone agree (3: proof, 2: equal bare names, 1 or less: a part).
    strength: float = 0.0


@dataclass(frozen=True)
class _PersonNames:
    """One side's names as a person's, indexed for `_person_agreement`: its full names by
    surname (in order), the keys of its full and of its bare names."""

    full_by_surname: dict[str, list[NameForm]]
    full_keys: frozenset[str]
    bare_keys: frozenset[str]


@lru_cache(maxsize=1 << 14)
def _forms(names: tuple[str, ...], entity_type: str) -> tuple[NameForm, ...]:
    """The comparable forms of names (those with any words), kept for the next comparison."""
    return tuple(f for f in (form(n, entity_type) for n in names) if f.parts)


@lru_cache(maxsize=1 << 14)
def _person_names(names: tuple[str, ...]) -> _PersonNames:
    right = _forms(names, "Person")
    by_surname: dict[str, list[NameForm]] = {}
    for b in right:
        if b.full:
            by_surname.setdefault(b.surname, []).append(b)
    return _PersonNames(
        by_surname,
        frozenset(b.key for b in right if b.full),
        frozenset(b.key for b in right if not b.full),
    )


def _person_agreement(
    left: Sequence[NameForm], right_names: tuple[str, ...]
) -> tuple[float, str] | None:
    """How well two people's names agree: 3 alone suffices, 2 for equal bare names, 1 needs
    context, 0 no match; None when the names prove two people
    (different given names, or a "Jr." against the father's name)."""
    main = left[0]
    names = _person_names(right_names)
    if not main.full:
        if main.surname in names.full_by_surname:
            return (1, f"shared surname {main.surname!r} only")
        if main.key in names.bare_keys:
            return (2, f"same name {main.key!r}")
        return (0, "different names")
    clash = None
    for b in names.full_by_surname.get(main.surname, []):
        if not _same_generation(main, b):
            clash = f"another generation ({main.key!r} {main.generation or '-'} / {b.key!r})"
            continue
        if b.key == main.key:
            return (3, f"same full name {main.key!r}")
        if given_names_compatible(main.given, b.given):
            return (3, f"same first and last name ({main.key!r} / {b.key!r})")
        clash = f"different given names ({main.key!r} / {b.key!r})"
    if clash:
        return None
    for a in left[1:]:
        if a.full and a.key in names.full_keys:
            return (3, f"same full name {a.key!r}")
    if main.surname in names.bare_keys:
        if main.generation and len(main.given) < 2:
            return (0, f"{main.key!r} {main.generation} is not whoever the bare surname is")
        return (1, _FULL_ON_SURNAME + f" {main.surname!r} only")
    return (0, "different names")


#: The agreement of a full name with an entity known only by its surname.
_FULL_ON_SURNAME = "full name on a bare surname:"


def _same_generation(a: NameForm, b: NameForm) -> bool:
    """Whether a generation suffix lets two names with one given name and surname be one
    person: equal suffixes, or a suffix written in full style (with a middle name or
    initial, "Jonas K. Varga Jr.") against none; "X Y Jr." against "X Y" is the son."""
    if a.generation == b.generation:
        return True
    if a.generation and b.generation:
        return False
    suffixed = a if a.generation else b
    return len(suffixed.given) >= 2


@lru_cache(maxsize=1 << 16)
def _initials(parts: tuple[str, ...]) -> frozenset[str]:
    return frozenset(acronyms(list(parts)))


def _other_agreement(left: list[NameForm], right: list[NameForm], place: bool) -> tuple[float, str]:
    """How well two organisations' or places' names agree: 2 suffices, 1 needs context, 0.5
    (a two-letter acronym, which many names share) needs more context; places never join on
    part of a name ("South" is not "South Korea")."""
    best: tuple[float, str] = (0, "different names")
    # Capitals that already stand for another name of either side are no cut of a third.
    spelled = {i for f in [*left, *right] for i in _initials(f.parts)}
    for a in left:
        for b in right:
            if a.key == b.key:
                return (3, f"same name {a.key!r}")
            if country_of(a.parts) and country_of(a.parts) == country_of(b.parts):
                best = max(best, (3, f"names of one country ({a.key!r} / {b.key!r})"))
                continue
            ia, ib = _initials(a.parts), _initials(b.parts)
            if (len(a.parts) == 1 and a.key in ib) or (len(b.parts) == 1 and b.key in ia):
                short_acronym = min(len(a.key), len(b.key)) < 3
                strength = 0.5 if short_acronym else 3
                best = max(best, (strength, f"acronym ({a.key!r} / {b.key!r})"))
                continue
            turned = {a.turned, b.turned} - {()}
            if turned & {a.parts, a.bare, b.parts, b.bare}:
                best = max(best, (2, f"same name turned round ({a.key!r} / {b.key!r})"))
                continue
            if (a.bare and a.bare in {b.parts, b.bare}) or (b.bare and b.bare == a.parts):
                best = max(best, (2, f"same name but for the country ({a.key!r} / {b.key!r})"))
                continue
            if place:
                continue
            short, long_ = (a, b) if len(a.parts) <= len(b.parts) else (b, a)
            if long_.parts[: len(short.parts)] == short.parts:
                rest = long_.parts[len(short.parts) :]
                if not region_or_country(rest) and not set(rest) & _UNIT_WORDS:
                    best = max(best, (1, f"{short.key!r} begins {long_.key!r}"))
            elif (
                short.capitals
                and short_form(short.parts)
                and short.key not in spelled
                and any(cut_from(short.key, w) for w in (long_.parts, long_.bare) if w)
            ):
                best = max(best, (1, f"{short.key!r} is cut from {long_.key!r}"))
    return best


#: Words that make a unit of a body out of its name ("X News", "X Studios"): a division is
#: not its parent, though its name begins with the parent's.
_UNIT_WORDS = frozenset(
    {"news", "studios", "studio", "pictures", "records", "entertainment", "media", "sports"}
    | {"foundation", "institute", "labs", "research", "ventures", "capital", "bank", "fund"}
    | {"college", "school", "university", "hospital", "museum", "division", "unit"}
    # A publication's sections and channels: "X Opinion" is the paper's opinion pages.
    | {"opinion", "opinions", "editorial", "section", "magazine", "radio", "television", "tv"}
    | {"politics", "books", "digital", "online", "live", "podcast", "podcasts"}
    # A chamber's or ministry's committees and offices: "House Oversight Committee".
    | {"committee", "subcommittee", "caucus", "commission", "panel", "bureau", "office"}
)


def _acronym_clash(left: list[NameForm], right: list[NameForm]) -> bool:
    """Both sides have full names and none agree: an acronym they share ("DNC" for a
    committee and a convention) is then two bodies' initials, not one body's."""
    left_long = [f for f in left if len(f.parts) > 1]
    right_long = [f for f in right if len(f.parts) > 1]
    if not left_long or not right_long:
        return False
    return not any(
        a.key == b.key or (a.bare and a.bare == b.bare) for a in left_long for b in right_long
    )


def compare(left: Profile, right: Profile) -> Comparison:
    """Weigh names, context and stated relations to decide whether two profiles are one."""
    named = name_agreement(left, right)
    if isinstance(named, Comparison):
        return named
    strength, why = named
    cross = not compatible_types(left.type, right.type)
    reasons = [why]
    context = 0
    shared = sorted(set(left.context) & set(right.context))
    if shared:
        names = ", ".join(repr(right.context[i]) for i in shared[:3])
        reasons.append(f"co-mentioned with {names}")
        context += min(len(shared), 2)
    roles = sorted(left.roles & right.roles)
    if roles and why.startswith(_FULL_ON_SURNAME) and not shared:
        # A wife, a son or a daughter shares the surname; an office both are given ("both
        # called president") may be the parent's, so it is no evidence on its own here.
        reasons.append(f"both called {', '.join(repr(r) for r in roles[:2])}, not counted")
        roles = []
    if roles:
        reasons.append(f"both called {', '.join(repr(r) for r in roles[:2])}")
        context += 1
    score = strength + 1.5 * context
    if cross:
        # The tagger often calls one company a person or a place: join only on the full
        # name and shared context, never on a part of a name.
        reasons.insert(0, f"typed {left.type} here, {right.type} elsewhere")
        if strength < 3 or context < 1:
            return Comparison(False, 0.0, [*reasons, "not enough to join across types"])
        return Comparison(True, float(score) - 1.0, reasons, strength)
    if strength >= 2 or (strength >= 1 and context >= 1) or context >= 2:
        return Comparison(True, float(score), reasons, strength)
    reasons.append("no evidence beyond the name")
    return Comparison(None, float(score), reasons)


def name_agreement(left: Profile, right: Profile) -> Comparison | tuple[float, str]:
    """The part of `compare` that reads neither context nor offices: a Comparison when the
    types, kin or names already prove two entities, else (strength, why) of the names."""
    cross = not compatible_types(left.type, right.type)
    if cross and "Other" in {left.type, right.type}:
        return Comparison(False, 0.0, [f"different types ({left.type} / {right.type})"])
    if (right.entity_id is not None and right.entity_id in left.family) or (
        left.entity_id is not None and left.entity_id in right.family
    ):
        return Comparison(False, 0.0, ["a stated family relation links them: two people"])
    right_names = tuple(right.names)
    left_forms = list(_forms(tuple(left.names), left.type))
    right_forms = list(_forms(right_names, left.type))
    if not left_forms or not right_forms:
        return Comparison(False, 0.0, ["no comparable name"])
    agreement: tuple[float, str] | None
    if left.type == "Person":
        agreement = _person_agreement(left_forms, right_names)
        if agreement is None:
            main = left_forms[0]
            others = [b.key for b in _person_names(right_names).full_by_surname[main.surname]]
            return Comparison(False, 0.0, [f"different given names ({main.key!r} / {others[0]!r})"])
    else:
        agreement = _other_agreement(left_forms, right_forms, left.type in {"Place", "Country"})
    strength, why = agreement
    if strength == 0:
        return Comparison(False, 0.0, [why])
    if why.startswith("acronym") and _acronym_clash(left_forms, right_forms):
        return Comparison(False, 0.0, [why, "their full names differ: two bodies"])
    return agreement
