"""Stores written records of numbered articles in a Dossier database, as `add` would after
analysis; the concurrency tests run it as separate processes.

    python tests/store_writer.py DB COUNT [PEOPLE]

Article i names PEOPLE fictional people (the same people in every article), quotes the first
and states that the first met the second; its body differs from every other article's.
Prints one line per article: "added i" or "already i".
"""

from __future__ import annotations

import sys

from dossier.records import Analysis, Article, Claim, Entity, Evidence, Mention, Quote, Sentence
from dossier.store import Database

GIVEN = ["Ada", "Oren", "Mila", "Tobin", "Sefa", "Ivo", "Rhea", "Cato", "Lune", "Pell"]
FAMILY = ["Quill", "Falk", "Varo", "Brannick", "Oduya", "Tamsk", "Orrin", "Belk", "Sarn", "Voss"]


def person(n: int) -> str:
    return f"{GIVEN[n % 10]} {FAMILY[(n // 10) % 10]}"


def article(i: int, people: int = 2) -> tuple[Article, Analysis]:
    """Article `i`: one sentence naming everyone, then a quote and a meeting."""
    names = [person(n) for n in range(people)]
    first = f"On day {i} in Port Tamsin " + ", ".join(names) + " met."
    second = f"{names[0]} said talk {i} was useful."
    text = first + "\n\n" + second
    entities = []
    for key, name in enumerate(names, start=1):
        start = text.index(name)
        entities.append(
            Entity(key, "Person", name, mentions=[Mention(start, start + len(name), name)])
        )
    said = text.index("talk")
    evidence = Evidence(0, len(first), first)
    analysis = Analysis(
        sentences=[Sentence(0, len(first), 0), Sentence(len(first) + 2, len(text), 1)],
        entities=entities,
        quotes=[Quote(1, text[said:-1], "indirect", said, len(text) - 1, cue="said")],
        claims=[Claim("meeting", 1, evidence, object=2, plover="CONSULT")],
    )
    return Article(source=f"day-{i}.txt", text=text, title=f"Day {i}"), analysis


def main(argv: list[str]) -> int:
    path, count = argv[0], int(argv[1])
    people = int(argv[2]) if len(argv) > 2 else 2
    with Database(path) as db:
        for i in range(count):
            _, added = db.add_article(*article(i, people))
            print(("added" if added else "already"), i, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
