"""The README's screenshots, taken on real articles: PolNeAR political news in Chromium.

`build` picks articles from ../shared/data/polnear (train), days on which several outlets
wrote, wraps each brat `.txt` in a small HTML page carrying its outlet, date and headline
from `metadata.tsv` (the text files have none), and runs `dossier add` on them into a
database outside the repository. `shoot` serves that database and saves the dossier, story,
entity index and graph pages as PNGs under docs/.

    python bench/screenshots.py build --db /tmp/polnear.db [--articles 80]
    python bench/screenshots.py shoot --db /tmp/polnear.db [--out docs]
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "data"

#: The outlets as their own pages name themselves.
OUTLETS = {
    "breitbart": "Breitbart",
    "huff-post": "HuffPost",
    "nyt": "The New York Times",
    "politico": "Politico",
    "usa-today": "USA Today",
    "wash-post": "The Washington Post",
    "west-journal": "Western Journal",
}


def pick(count: int) -> list[dict[str, str]]:
    """Train articles from the days on which the most distinct outlets wrote."""
    with (POLNEAR / "metadata.tsv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["compartment"] == "train"]
    by_day: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        if (POLNEAR / "train" / "text" / f"{r['filename']}.txt").is_file():
            by_day[r["publication_date"]].append(r)
    days = sorted(by_day, key=lambda d: (-len({r["publisher"] for r in by_day[d]}), d))
    chosen: list[dict[str, str]] = []
    for day in days:
        chosen += by_day[day]
        if len(chosen) >= count:
            break
    return chosen[:count]


def page(row: dict[str, str], text: str) -> str:
    """An HTML page for one article: headline, outlet, date and author in the usual tags."""
    lines = [p.strip() for p in text.split("\n\n") if p.strip()]
    if lines and lines[0].rstrip(".") == row["title"].rstrip("."):
        lines = lines[1:]
    outlet = OUTLETS.get(row["publisher"], row["publisher"])
    author = row["author"] if row["author"] not in ("", "None") else ""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in lines)
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(row['title'])}</title>"
        f"<meta property='og:site_name' content='{html.escape(outlet)}'>"
        f"<meta property='article:published_time' content='{row['publication_date']}'>"
        + (f"<meta name='author' content='{html.escape(author)}'>" if author else "")
        + f"</head><body><article><h1>{html.escape(row['title'])}</h1>{body}</article>"
        "</body></html>"
    )


def build(db: Path, count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for row in pick(count):
            text = (POLNEAR / "train" / "text" / f"{row['filename']}.txt").read_text("utf-8")
            (Path(tmp) / f"{row['filename']}.html").write_text(page(row, text), "utf-8")
        subprocess.run(
            [
                sys.executable,
                "-c",
                "from dossier.cli import main; main()",
                "add",
                tmp,
                "--db",
                str(db),
                "--quiet",
            ],
            check=False,
        )


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def shoot(db: Path, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    port = _port()
    code = "import sys; from pathlib import Path; from dossier.web import serve; "
    code += "serve(Path(sys.argv[1]), '127.0.0.1', int(sys.argv[2]))"
    proc = subprocess.Popen([sys.executable, "-c", code, str(db), str(port)])
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/index.json", timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        with urllib.request.urlopen(base + "/entities.json?type=Person&per_page=1") as r:
            top = json.load(r)["entities"][0]["id"]
        with urllib.request.urlopen(base + "/stories.json?per_page=20") as r:
            stories = json.load(r)["stories"]
        story = max(stories, key=lambda s: len(s["outlets"]))["id"] if stories else None
        shots = {
            "dossier": f"/entity/{top}",
            "entities": "/entities?type=Person",
            "graph": f"/entity/{top}/graph",
        }
        if story:
            shots["story"] = f"/story/{story}"
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            view = browser.new_page(viewport={"width": 1200, "height": 860})
            for name, path in shots.items():
                view.goto(base + path)
                if name == "graph":
                    view.wait_for_function("window.dossierGraphReady === true", timeout=20000)
                target = out / f"{name}.png"
                view.screenshot(path=str(target))
                print(f"{target}: {target.stat().st_size // 1024} KB  ← {path}")
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("step", choices=["build", "shoot"])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=80)
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args()
    if not POLNEAR.is_dir():
        sys.exit(f"{POLNEAR}: PolNeAR is not there; see ../shared/data/README.md.")
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    if args.step == "build":
        build(args.db, args.articles)
    else:
        shoot(args.db, args.out)


if __name__ == "__main__":
    main()
