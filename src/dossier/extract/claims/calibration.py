"""How often each claim rule was right in the hand-judged audit rounds: the counts
(right, judged) that `basis` turns into confidences. Written by bench/calibrate.py
from rounds c1-311, c2-523, c3-741 (bench/audit/), re-running the rules of the day
over the judged articles; regenerate it after a new round is judged."""

#: Per rule judged at least basis.SELDOM times, claims with every participant named, a verb,
#: asserted; '<kind>:*' pools the rules of a kind judged fewer than basis.SELDOM times.
RULES: dict[str, tuple[int, int]] = {
    "amount:*": (20, 29),
    "amount:people": (12, 13),
    "amount:percent": (26, 32),
    "amount:usd": (11, 13),
    "associate:*": (3, 4),
    "associate:adviser": (23, 24),
    "associate:aide": (4, 5),
    "associate:ally": (6, 6),
    "associate:friend": (12, 12),
    "associate:lawyer": (10, 10),
    "associate:rival": (13, 16),
    "associate:spokesperson": (9, 11),
    "criticism:*": (37, 46),
    "criticism:criticized": (4, 6),
    "election_result:*": (15, 15),
    "election_result:wins": (5, 6),
    "election_result:won": (24, 26),
    "employment:*": (36, 40),
    "employment:director": (8, 9),
    "employment:president": (6, 6),
    "employment:professor": (6, 6),
    "family:*": (9, 12),
    "family:daughter": (5, 5),
    "family:husband": (6, 6),
    "family:wife": (7, 8),
    "location:based_in": (18, 23),
    "location:dateline": (0, 5),
    "location:located_in": (39, 43),
    "meeting:*": (8, 11),
    "meeting:met": (13, 16),
    "membership:*": (18, 19),
    "membership:chairman": (10, 10),
    "membership:founder": (5, 5),
    "membership:member": (8, 10),
    "opinion:called": (4, 14),
    "opinion:outlet": (43, 57),
    "opinion:quoted": (26, 36),
    "position:role": (71, 75),
    "residence:from": (41, 49),
    "residence:lives_in": (40, 57),
    "support:*": (12, 16),
    "support:called": (4, 5),
    "support:endorsed": (11, 12),
    "support:support": (5, 10),
    "travel:*": (9, 14),
    "travel:flew": (7, 7),
}

#: Per kind, the same claims: the prior of a rule seldom seen.
KINDS: dict[str, tuple[int, int]] = {
    "amount": (69, 87),
    "associate": (80, 88),
    "criticism": (41, 52),
    "election_result": (44, 47),
    "employment": (56, 61),
    "family": (27, 31),
    "location": (57, 71),
    "meeting": (21, 27),
    "membership": (41, 44),
    "opinion": (73, 107),
    "position": (71, 75),
    "residence": (81, 106),
    "support": (32, 43),
    "travel": (16, 21),
}

#: Per sign of a weaker basis, every kind together.
SIGNS: dict[str, tuple[int, int]] = {
    "clean": (709, 860),
    "noun": (52, 92),
    "status:denied": (9, 19),
    "status:hedged": (11, 21),
    "status:planned": (12, 24),
    "status:reported": (91, 138),
    "unnamed": (85, 139),
}
