"""Articles per second of the article extractor on one core, against a named baseline in the same process.

Synthetic 1,000-word news articles (English and French, fixed seed) are generated in memory. The
baseline, ``regex-split+alias-scan``, splits sentences with one regex and scans each for known aliases:
the least any extractor must do. The report gives both rates and their ratio.

    .venv/bin/python bench/extract_bench.py [--articles 200] [--words 1000]
"""

from __future__ import annotations

import argparse
import random
import re
import time

from graph.model import Entity, EntityType
from loaders.article import KnownEntities, extract_document, parse_document

ORGS = ["Altura Labs", "Bexley Systems", "Corvid Capital", "Dunmore", "Elsin Cloud", "Fenwick Semiconductor",
        "Garrow AI", "Halden Group", "Istra Networks", "Jarvik Compute"]
PEOPLE = ["Marta Oyelaran", "Tomas Reyne", "Ines Varga", "Paul Ardent", "Keiko Marsh"]
EN = ["{a} will invest ${n} billion in {b}, the companies said on Monday.",
      "{p}, {a}'s chief executive, said the deal would close next year.",
      "{b} buys most of its accelerators from {a}.",
      "Analysts expect demand for data-centre capacity to keep growing through the decade.",
      "{a} competes with {b} for cloud contracts in Europe.",
      "The agreement covers up to {n} gigawatts of capacity over five years.",
      "Shares of {a} rose {n} percent in early trading after the announcement."]
FR = ["{a} a investi {n} milliards de dollars dans {b}, a annoncé mardi le groupe.",
      "« Nous voulons aller plus vite », a déclaré {p}, PDG de {a}.",
      "{a} fournira à {b} jusqu'à {n} gigawatts de puces.",
      "Les analystes jugent que la demande de calcul restera forte pendant plusieurs années.",
      "{b} compte parmi les concurrents de {a} sur le marché européen.",
      "Le rachat de {b} par {a} doit être finalisé au premier semestre."]


def article(rng: random.Random, words: int, lang: str) -> str:
    templates = EN if lang == "en" else FR
    out, count = [], 0
    while count < words:
        a, b = rng.sample(ORGS, 2)
        s = rng.choice(templates).format(a=a, b=b, p=rng.choice(PEOPLE), n=rng.randint(1, 90))
        out.append(s)
        count += len(s.split())
    header = f"---\ntitle: Synthetic {lang}\npublished: 2025-05-0{rng.randint(1, 9)}\nlanguage: {lang}\n---\n"
    return header + " ".join(out)


def baseline(text: str, aliases: re.Pattern[str]) -> int:
    hits = 0
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        hits += len(aliases.findall(sentence))
    return hits


def rate(fn, texts: list[str], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for t in texts:
            fn(t)
        best = min(best, time.perf_counter() - start)
    return len(texts) / best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--words", type=int, default=1000)
    args = ap.parse_args()
    rng = random.Random(7)
    texts = [article(rng, args.words, "en" if i % 2 == 0 else "fr") for i in range(args.articles)]
    entities = [Entity(id=f"org-{i}", name=n, type=EntityType.company) for i, n in enumerate(ORGS[:6])]
    known = KnownEntities(entities)
    alias_rx = re.compile("|".join(re.escape(e.name) for e in entities))
    for t in texts[:2]:
        extract_document(parse_document(t), known)  # warm caches (compiled patterns, both languages)
    facts = sum(len(extract_document(parse_document(t), known).facts) for t in texts[:10])
    ours = rate(lambda t: extract_document(parse_document(t), known), texts, repeat=2)
    base = rate(lambda t: baseline(t, alias_rx), texts, repeat=3)
    print(f"articles: {len(texts)} x ~{args.words} words (en and fr), one process, one core")
    print(f"baseline regex-split+alias-scan: {base:,.1f} articles/s")
    print(f"article extractor ({facts / 10:.0f} facts per article): {ours:,.1f} articles/s")
    print(f"ratio extractor/baseline: {ours / base:.4f} (extractor is {base / ours:,.0f}x slower)")
    print(f"floor >= 10 articles/s (issue 12): {'met' if ours >= 10 else 'NOT met'}; "
          f"earlier aim >= 50: {'met' if ours >= 50 else 'NOT met'}")


if __name__ == "__main__":
    main()
