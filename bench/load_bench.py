"""Load benchmark: synthetic facts into the embedded store, batched vs one transaction per fact.

Usage: python bench/load_bench.py [--facts 100000] [--baseline-facts 10000] [--rounds 3]

Both runs happen in this process on fresh SQLite files in a temporary folder, on the same work: the
entities and sources are loaded first (untimed), then the claims are timed. Each run builds its own
``Fact`` objects, so working out claim ids (a content hash, done lazily) is timed in both.
- batched: all the claims applied by one ``EmbeddedStore.apply`` (one transaction, ``executemany``);
- baseline (naive): the claims applied one ``Batch`` (one transaction) per fact, on the first
  ``--baseline-facts`` of them (rates are compared; the naive rate stays within ~10% over 100,000 facts).
The two alternate for ``--rounds`` rounds; the medians are compared and each round's ratio is shown.
It also times one batch holding the entities and sources too, and the whole pipeline (parse a CSV fact
file, resolve names, apply), and reports peak RSS.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph.embedded import EmbeddedStore  # noqa: E402
from graph.ingest import load  # noqa: E402
from graph.model import Batch, Entity, EntityType, Fact, Relation, Source  # noqa: E402
from loaders import read_fact_file  # noqa: E402

RELATIONS = [Relation.invests_in, Relation.supplies, Relation.partners_with, Relation.competes_with]


def synthetic(n_facts: int, seed: int = 7) -> tuple[list[Source], list[Entity], list[Fact]]:
    rng = random.Random(seed)
    n_entities = max(10, n_facts // 5)
    entities = [Entity(id=f"org-{i}", name=f"Org {i}", type=EntityType.company) for i in range(n_entities)]
    sources = [Source(id=f"src-{i}", url=f"https://example.org/{i}", published="2025-01-01")
               for i in range(max(1, n_facts // 100))]
    facts = []
    for i in range(n_facts):
        a, b = rng.sample(range(n_entities), 2)
        facts.append(Fact(subject=f"org-{a}", relation=rng.choice(RELATIONS), object=f"org-{b}",
                          amount_usd=float(rng.randint(1, 10_000)) * 1e6, date=f"20{rng.randint(19, 26)}",
                          source_id=sources[i % len(sources)].id, evidence=f"synthetic claim {i}"))
    return sources, entities, facts


def bench_batched(folder: Path, sources: list[Source], entities: list[Entity], facts: list[Fact]) -> float:
    store = EmbeddedStore(folder / "batched.sqlite3")
    store.apply(Batch(origin="bench", sources=sources, entities=entities))
    start = time.perf_counter()
    store.apply(Batch(origin="bench", facts=facts))
    elapsed = time.perf_counter() - start
    assert store.stats()["facts"] == len({f.id for f in facts})
    store.close()
    return elapsed


def bench_one_batch(folder: Path, sources: list[Source], entities: list[Entity], facts: list[Fact]) -> float:
    store = EmbeddedStore(folder / "one-batch.sqlite3")
    start = time.perf_counter()
    store.apply(Batch(origin="bench", sources=sources, entities=entities, facts=facts))
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed


def bench_naive(folder: Path, sources: list[Source], entities: list[Entity], facts: list[Fact]) -> float:
    store = EmbeddedStore(folder / "naive.sqlite3")
    store.apply(Batch(origin="bench", sources=sources, entities=entities))
    start = time.perf_counter()
    for fact in facts:
        store.apply(Batch(origin="bench", facts=[fact]))
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed


def bench_pipeline(folder: Path, n: int) -> float:
    path = folder / "facts.csv"
    rng = random.Random(3)
    with path.open("w") as fh:
        fh.write("subject,subject_type,relation,object,object_type,amount_usd,date,source_url\n")
        for i in range(n):
            a, b = rng.sample(range(max(10, n // 5)), 2)
            fh.write(f"Org {a},company,invests_in,Org {b},company,{i + 1},2025,https://example.org/{i % 500}\n")
    store = EmbeddedStore(folder / "pipeline.sqlite3")
    start = time.perf_counter()
    load(store, read_fact_file(path))
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed


def measure_rounds(folder: Path, n_facts: int, n_naive: int, rounds: int) -> list[tuple[float, float]]:
    """(batched, naive) rates in facts/s for each round; the two runs alternate so drift hits both."""
    rates = []
    for i in range(rounds):
        here = folder / f"round-{i}"
        here.mkdir()
        # Each run gets objects of its own, so none finds the claim ids another one worked out.
        sources, entities, facts = synthetic(n_facts)
        batched = n_facts / bench_batched(here, sources, entities, facts)
        sources, entities, facts = synthetic(n_facts)
        naive = n_naive / bench_naive(here, sources, entities, facts[:n_naive])
        rates.append((batched, naive))
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--baseline-facts", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3, help="Batched and naive runs, alternating (median shown).")
    parser.add_argument("--dir", default=None, help="Where the SQLite files go (default: the system temp dir).")
    args = parser.parse_args()
    n_naive = min(args.baseline_facts, args.facts)
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp)
        rates = measure_rounds(folder, args.facts, n_naive, args.rounds)
        sources, entities, facts = synthetic(args.facts)
        whole = bench_one_batch(folder, sources, entities, facts)
        pipeline = bench_pipeline(folder, args.facts)
    rate_batched = statistics.median(b for b, _ in rates)
    rate_naive = statistics.median(n for _, n in rates)
    ratios = sorted(b / n for b, n in rates)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"batched apply : {args.facts:>8,} facts per run, median {rate_batched:>10,.0f} facts/s "
          f"({args.rounds} runs)")
    print(f"naive baseline: {n_naive:>8,} facts per run, median {rate_naive:>10,.0f} facts/s "
          "(one transaction per fact)")
    print(f"speed-up      : {rate_batched / rate_naive:.1f}x the naive baseline "
          f"(per round: {', '.join(f'{r:.1f}x' for r in ratios)})")
    print(f"one batch     : {len(facts):>8,} facts with their {len(entities):,} entities and {len(sources):,} sources "
          f"in {whole:.2f} s")
    print(f"full pipeline : {args.facts:>8,} CSV rows parsed, resolved and applied in {pipeline:.2f} s "
          f"= {args.facts / pipeline:,.0f} facts/s")
    print(f"peak RSS      : {peak_mib:,.0f} MiB")


if __name__ == "__main__":
    main()
