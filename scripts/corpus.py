#!/usr/bin/env python3
"""The real-article corpus: rebuild its texts, check its split, score the extractor on it.

The repository keeps no article text (copyright): `corpus/manifest.yaml` lists each article (URL, title,
publisher, date, language, length, first words, split) and `corpus/gold/<id>.yaml` its gold facts as
structured fields only. This script rebuilds the texts into a scratch folder (default `.corpus/texts`):

    corpus.py rebuild --from-web                 fetch each URL, strip boilerplate (trafilatura)
    corpus.py rebuild --from-pages DIR           from saved copies of the pages (JSON files holding
                                                 {"url", "excerpt"} records, e.g. stored search results),
                                                 matched by URL, title or first words
    corpus.py clean PAGE.json [--title T]        print one saved page's text as the corpus uses it
    corpus.py split                              print or check each article's split (hash of its URL)
    corpus.py score --scorer PATH [--split tune|check|all] [--lang en|fr]
                                                 run the scorer (shared/eval/score.py) on the rebuilt texts

A stored copy holds only the beginning of a page: a partial text is cut at its last complete sentence,
exactly as `clean_excerpt` does, so the gold describes the same text everyone rebuilds.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
MANIFEST = CORPUS / "manifest.yaml"
GOLD = CORPUS / "gold"
DEFAULT_OUT = ROOT / ".corpus" / "texts"
#: share of the corpus (by URL hash) in the tuning part; the rest is the check part
TUNE_SHARE = 0.60

_DATE_PREFIX = re.compile(r"^\s*date \d{4}(?:-\d{2}){0,2}\s+")
_SENTENCE_END = re.compile(r"[.!?…](?:[\"'»”’)\]]+)?(?=\s|$)")


def url_key(url: str) -> str:
    u = url.strip().lower()
    u = re.sub(r"^[a-z]+://", "", u)
    u = re.sub(r"^www\.", "", u)
    return u.rstrip("/")


def split_of(url: str) -> str:
    """`tune` or `check`, fixed by a hash of the URL (never by looking at results)."""
    h = int(hashlib.sha256(url_key(url).encode()).hexdigest()[:8], 16)
    return "tune" if h / 0xFFFFFFFF < TUNE_SHARE else "check"


def words(text: str) -> list[str]:
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", s)


def clean_excerpt(excerpt: str, title: str | None = None) -> str:
    """A stored page's text as the corpus uses it: no store metadata, no repeated title, whole sentences."""
    text = _DATE_PREFIX.sub("", excerpt.replace("\r\n", "\n")).strip()
    lines = text.split("\n")
    if title and lines and words(lines[0]) == words(title):
        lines = lines[1:]
    text = "\n".join(lines).strip()
    text = re.sub(r"\n{3,}", "\n\n", text)
    ends = list(_SENTENCE_END.finditer(text))
    if ends and not _SENTENCE_END.search(text[-3:] if len(text) >= 3 else text):
        text = text[: ends[-1].end()]
    return text.strip() + "\n"


def front_matter(entry: dict) -> str:
    fields = {k: entry.get(k) for k in ("url", "title", "publisher", "published", "language")}
    lines = ["---"] + [f"{k}: {json.dumps(v, ensure_ascii=False) if v is not None else ''}" for k, v in fields.items()]
    return "\n".join(lines + ["---", ""])


def load_manifest() -> list[dict]:
    data = yaml.safe_load(MANIFEST.read_text(encoding="utf-8")) or {}
    return list(data.get("articles", []))


def _saved_pages(folder: Path) -> list[dict]:
    pages: list[dict] = []
    for path in sorted(folder.rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        records = data.get("results", [data]) if isinstance(data, dict) else data
        pages.extend(r for r in records if isinstance(r, dict) and r.get("excerpt"))
    return pages


def _match(entry: dict, pages: list[dict]) -> dict | None:
    key = url_key(entry["url"])
    for page in pages:
        if page.get("url") and url_key(page["url"]) == key:
            return page
    start = words(entry.get("first_words", ""))
    title = words(entry.get("title", ""))
    for page in pages:
        w = words(_DATE_PREFIX.sub("", page["excerpt"]))
        if (start and w[: len(start)] == start) or (title and w[: len(title)] == title):
            return page
    return None


def _fetch(url: str) -> str | None:
    import httpx
    import trafilatura

    try:
        response = httpx.get(url, follow_redirects=True, timeout=20, headers={"User-Agent": "alliancegraph-corpus"})
        response.raise_for_status()
    except httpx.HTTPError as exc:
        print(f"  {url}: {exc}", file=sys.stderr)
        return None
    return trafilatura.extract(response.text, include_comments=False, include_tables=False)


def rebuild(args: argparse.Namespace) -> int:
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    pages = _saved_pages(Path(args.from_pages)) if args.from_pages else []
    missing = 0
    entries = load_manifest()
    for entry in entries:
        if args.from_pages:
            page = _match(entry, pages)
            raw = page["excerpt"] if page else None
        else:
            raw = _fetch(entry["url"])
        if not raw:
            missing += 1
            print(f"missing: {entry['id']} ({entry['url']})", file=sys.stderr)
            continue
        text = clean_excerpt(raw, entry.get("title"))
        if args.from_web and entry.get("length"):
            text = text[: int(entry["length"])]
            text = clean_excerpt(text)
        (out / f"{entry['id']}.txt").write_text(front_matter(entry) + text, encoding="utf-8")
    print(f"rebuilt {len(entries) - missing} texts in {out}; {missing} missing")
    return 1 if missing else 0


def check_split(_: argparse.Namespace) -> int:
    bad = 0
    counts: dict[tuple[str, str], int] = {}
    for entry in load_manifest():
        want = split_of(entry["url"])
        if entry.get("split") != want:
            bad += 1
            print(f"{entry['id']}: manifest says {entry.get('split')}, hash says {want}")
        counts[(want, entry["language"])] = counts.get((want, entry["language"]), 0) + 1
    for (split, lang), n in sorted(counts.items()):
        print(f"{split:6} {lang}: {n}")
    return 1 if bad else 0


def score(args: argparse.Namespace) -> int:
    texts: Path = args.texts
    chosen = [e for e in load_manifest()
              if (args.split == "all" or e["split"] == args.split) and (not args.lang or e["language"] == args.lang)]
    with tempfile.TemporaryDirectory() as tmp:
        arts, gold = Path(tmp, "articles"), Path(tmp, "gold")
        arts.mkdir()
        gold.mkdir()
        for entry in chosen:
            src = texts / f"{entry['id']}.txt"
            if not src.exists():
                print(f"no text for {entry['id']}: run `corpus.py rebuild` first", file=sys.stderr)
                return 2
            shutil.copy(src, arts / src.name)
            shutil.copy(GOLD / f"{entry['id']}.yaml", gold / f"{entry['id']}.yaml")
        cmd = [sys.executable, str(args.scorer), "--articles", str(arts), "--gold", str(gold),
               "--cmd", args.cmd, "--timeout", "60"]
        if args.show_misses:
            cmd.append("--show-misses")
        if args.relations:
            cmd += ["--relations", args.relations]
        print(f"{args.split} part{' (' + args.lang + ')' if args.lang else ''}: {len(chosen)} articles", flush=True)
        return subprocess.call(cmd)


def clean(args: argparse.Namespace) -> int:
    page = json.loads(Path(args.page).read_text(encoding="utf-8"))
    sys.stdout.write(clean_excerpt(page["excerpt"], args.title))
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    rb = sub.add_parser("rebuild", help="rebuild the article texts into a scratch folder")
    src = rb.add_mutually_exclusive_group(required=True)
    src.add_argument("--from-web", action="store_true", help="fetch every URL (needs internet access)")
    src.add_argument("--from-pages", metavar="DIR", help="folder of saved page copies (JSON)")
    rb.add_argument("--out", type=Path, default=DEFAULT_OUT)
    rb.set_defaults(func=rebuild)
    cl = sub.add_parser("clean", help="print one saved page's text as the corpus uses it")
    cl.add_argument("page", help="a JSON file holding one {url, excerpt} record")
    cl.add_argument("--title")
    cl.set_defaults(func=clean)
    sp = sub.add_parser("split", help="check that every article's split is the one its URL hash gives")
    sp.set_defaults(func=check_split)
    sc = sub.add_parser("score", help="score the extractor on a part of the corpus")
    sc.add_argument("--scorer", type=Path, required=True, help="path of score.py")
    sc.add_argument("--split", choices=["tune", "check", "all"], default="check")
    sc.add_argument("--lang", choices=["en", "fr"])
    sc.add_argument("--texts", type=Path, default=DEFAULT_OUT)
    sc.add_argument("--cmd", default=f"{ROOT / '.venv/bin/alliances'} extract --format json {{file}}")
    sc.add_argument("--relations")
    sc.add_argument("--show-misses", action="store_true")
    sc.set_defaults(func=score)
    args = ap.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
