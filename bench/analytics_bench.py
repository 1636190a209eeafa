"""Analytics benchmark: ``cycles()`` and the rankings on a synthetic projection, beside networkx.

Usage: python bench/analytics_bench.py [--entities 100000] [--facts 1000000] [--length-bound 4]
                                       [--max-cycles 100] [--limit 50] [--betweenness-k 8]
                                       [--memory auto|tracemalloc|rss] [--pagerank-baseline]

The synthetic graph is built directly as the ``nx.MultiDiGraph`` a store's ``projection()`` returns:
entity nodes (name, type) and one edge per (subject, relation, object) holding its validated
``graph.model.Fact`` claims sorted by date. Hubs are made by preferential choice of the ends, a third
of the claims fall on edges that already exist, 70% state an amount, some are "up to" or rumoured.

Everything runs in this process, one call at a time, timed with ``time.perf_counter``. Memory is
measured two ways: ``tracemalloc``, the peak of Python allocations during a second run of the call
under tracing (exact, but tracing makes that run 3-4x slower), or ``rss``, the peak growth of the
process's RSS during the timed run, sampled every millisecond after a ``gc.collect()`` and
``malloc_trim`` (free, but memory that earlier calls freed and this one reuses does not show, so it
reads low). ``--memory auto`` (the default) traces the cycles comparison and samples the rankings,
to stay within a few minutes at full size; ``tracemalloc`` traces everything (about 6 minutes).
Compared, bounded the same way:

- ``cycles``: ``graph.analytics.cycles(graph, max_length=L, limit=N, max_cycles=M)`` (money-flow digraph
  built from the claims, deal grouping, decade passes, evidence for the top N) beside
  ``networkx.simple_cycles(money_digraph, length_bound=L)`` stopped after M loops, on a plain digraph
  of the same money flow (building that digraph is counted in the baseline);
- ``rank(metric)``: ``graph.analytics.rank`` (collapse to one weighted undirected edge per pair, scores,
  leaders' evidence) beside networkx run straight on the same projection (directed, unweighted):
  ``degree_centrality``, ``betweenness_centrality(k=K, seed)`` and, with ``--pagerank-baseline``, the
  pure-Python PageRank networkx ships (``pagerank`` itself needs SciPy; about a minute at full size).

Our functions pause the cyclic garbage collector while they run (``gc_paused``: with a million claims
alive, full collections would otherwise dominate); the networkx calls run paused too, so the ratios
compare the algorithms. Ratios are ours / networkx's. A last cycles run uses the API's own caps (200,000 loops
seen, 10 s of search), to show how far the ranked search goes when the loop count is not the bound. Peak RSS
of the whole process is printed at the end.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import math
import os
import random
import resource
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph import analytics as A
from graph.analytics._common import gc_paused
from graph.model import RELATIONS, Fact, Relation, Status

# relation, share of claims, subject types, object types
MIX = [
    (Relation.invests_in, 0.33, ("company", "fund", "person"), ("company",)),
    (Relation.supplies, 0.33, ("company",), ("company",)),
    (Relation.acquires, 0.02, ("company",), ("company",)),
    (Relation.partners_with, 0.12, ("company",), ("company",)),
    (Relation.competes_with, 0.06, ("company",), ("company",)),
    (Relation.leads, 0.06, ("person",), ("company",)),
    (Relation.member_of, 0.04, ("company",), ("project",)),
    (Relation.develops, 0.04, ("company",), ("product",)),
]
TYPES = [("company", 0.55), ("fund", 0.12), ("person", 0.25), ("product", 0.05), ("project", 0.03)]


def synthetic(n_entities: int, n_facts: int, seed: int = 7) -> nx.MultiDiGraph:
    """A projection-shaped graph of ``n_entities`` nodes and ``n_facts`` validated ``Fact`` claims."""
    rng = random.Random(seed)
    by_type: dict[str, list[str]] = {t: [] for t, _ in TYPES}
    graph = nx.MultiDiGraph()
    for i in range(n_entities):
        t = rng.choices([t for t, _ in TYPES], weights=[w for _, w in TYPES])[0]
        node = f"e{i}"
        by_type[t].append(node)
        graph.add_node(node, name=f"Entity {i}", type=t)

    def pick(types: tuple[str, ...]) -> str:
        pool = by_type[rng.choice(types)]
        return pool[int(len(pool) * rng.random() ** 3)]  # a few hubs, a long tail

    relations = [m[0] for m in MIX]
    weights = [m[1] for m in MIX]
    spec = {m[0]: m for m in MIX}
    edges: list[tuple[str, Relation, str]] = []
    claims: dict[tuple[str, str, str], list[Fact]] = {}
    statuses = [None, None, Status.announced, Status.signed, Status.completed, Status.rumored, Status.in_talks]
    for i in range(n_facts):
        if edges and rng.random() < 0.33:
            s, r, o = edges[rng.randrange(len(edges))]
        else:
            r = rng.choices(relations, weights=weights)[0]
            _, _, subject_types, object_types = spec[r]
            s, o = pick(subject_types), pick(object_types)
            if s == o:
                continue
            edges.append((s, r, o))
        money = RELATIONS[r].cash_direction != 0
        amount = round(math.exp(rng.gauss(19.5, 2.2)), -3) if money and rng.random() < 0.7 else None
        fact = Fact(subject=s, relation=r, object=o, amount_usd=amount,
                    qualifier="up to" if amount and rng.random() < 0.1 else None,
                    date=f"{rng.randint(2019, 2026)}-{rng.randint(1, 12):02d}", status=rng.choice(statuses),
                    role="CEO" if r == Relation.leads else None, source_id=f"src-{i % 5000}")
        claims.setdefault(fact.key, []).append(fact)
    for (s, rel, o), facts in claims.items():
        facts.sort(key=lambda f: (f.date or "", f.id))
        graph.add_edge(s, o, key=rel, relation=rel, claims=facts)
    return graph


def plain_money_digraph(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """networkx's input for the baseline: payer -> payee wherever a money relation has a claim."""
    flow = nx.DiGraph()
    for s, o, r in graph.edges(keys=True):
        direction = RELATIONS[Relation(r)].cash_direction
        if direction:
            flow.add_edge(*((s, o) if direction > 0 else (o, s)))
    return flow


def _rss() -> int:
    """Resident memory of this process, in bytes (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _trim() -> None:
    """Collect garbage and hand freed heap memory back to the OS, so the next RSS baseline is tight."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


class _PeakRSS(threading.Thread):
    """Samples RSS every millisecond (the GIL lets it run at least every 5 ms) and keeps the peak."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = _rss()
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.001):
            self.peak = max(self.peak, _rss())

    def stop(self) -> int:
        self._done.set()
        self.join()
        return max(self.peak, _rss())


def measure(fn: Callable[[], Any], tracing: bool) -> dict[str, Any]:
    """Time one call; its memory is the peak RSS growth during it (sampled), or, with ``tracing``, the
    peak of Python allocations under ``tracemalloc`` in a second call (exact, but tracing is slow)."""
    _trim()
    base = _rss()
    sampler = _PeakRSS()
    sampler.start()
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    peak = max(0, sampler.stop() - base)
    if tracing:
        del result
        _trim()
        tracemalloc.start()
        result = fn()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return {"seconds": seconds, "peak_mb": peak / 2**20, "memory": "tracemalloc" if tracing else "rss",
            "result": result}


def compare(name: str, ours: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any]:
    row = {"name": name, "ours_s": ours["seconds"], "networkx_s": theirs["seconds"],
           "time_ratio": ours["seconds"] / theirs["seconds"] if theirs["seconds"] else None,
           "ours_peak_mb": ours["peak_mb"], "networkx_peak_mb": theirs["peak_mb"],
           "memory_ratio": (ours["peak_mb"] / theirs["peak_mb"]) if ours["peak_mb"] and theirs["peak_mb"] else None,
           "memory_method": ours["memory"]}
    mem = f"  peak +{row['ours_peak_mb']:7.1f} MB vs +{row['networkx_peak_mb']:7.1f} MB [{ours['memory']}]"
    if row["memory_ratio"] is not None:
        mem += f" (x{row['memory_ratio']:.2f})"
    print(f"{name:<14} {row['ours_s']:8.2f} s vs {row['networkx_s']:8.2f} s (x{row['time_ratio']:.2f}){mem}",
          flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--facts", type=int, default=1_000_000)
    parser.add_argument("--length-bound", type=int, default=4, help="Longest loop (both sides).")
    parser.add_argument("--max-cycles", type=int, default=100, help="Loops seen before stopping (both sides).")
    parser.add_argument("--limit", type=int, default=50, help="Loops returned by cycles().")
    parser.add_argument("--betweenness-k", type=int, default=8, help="Sampled sources (both sides).")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--memory", choices=["auto", "tracemalloc", "rss"], default="auto",
                        help="tracemalloc: peak Python allocations in a second run of each call (exact, slow); "
                             "rss: peak RSS growth sampled during the timed run (one run, reads low); auto "
                             "(default): tracemalloc for cycles, rss for the rankings.")
    parser.add_argument("--pagerank-baseline", action="store_true",
                        help="Also time networkx's pure-Python PageRank on the projection (slow: ~1 min at "
                             "full size).")
    parser.add_argument("--json", action="store_true", help="Also print the figures as JSON.")
    args = parser.parse_args()
    trace_cycles = args.memory in ("auto", "tracemalloc")
    trace_ranks = args.memory == "tracemalloc"

    start = time.perf_counter()
    graph = synthetic(args.entities, args.facts, args.seed)
    n_claims = sum(len(d) for _, _, d in graph.edges(data="claims"))
    print(f"synthetic projection: {graph.number_of_nodes():,} entities, {graph.number_of_edges():,} edges, "
          f"{n_claims:,} claims, built in {time.perf_counter() - start:.1f} s", flush=True)
    rows = []

    # ------------------------------------------------------------------------------------- cycles
    bound, cap = args.length_bound, args.max_cycles
    ours = measure(lambda: A.cycles(graph, max_length=bound, limit=args.limit, max_cycles=cap,
                                    time_budget_s=3600), trace_cycles)
    theirs = measure(gc_paused(lambda: sum(1 for _ in islice(nx.simple_cycles(plain_money_digraph(graph),
                                                                            length_bound=bound), cap))), trace_cycles)
    result = ours["result"]
    print(f"cycles: length <= {bound}, at most {cap:,} loops seen; ours scanned {result['scanned']:,} "
          f"(found {result['found']:,}, complete={result['complete']}, stopped_by={result['stopped_by']}), "
          f"networkx enumerated {theirs['result']:,}; money digraph {result['money_graph']['nodes']:,} nodes, "
          f"{result['money_graph']['edges']:,} edges", flush=True)
    if result["cycles"]:
        top = result["cycles"][0]
        print(f"  top loop: {top['path']}  bottleneck ${top['min_amount_usd'] or 0:,.0f}", flush=True)
    rows.append(compare("cycles", ours, theirs))
    # As the API runs it: the same top loops, bounded by the API's caps (200,000 loops, 10 s of search).
    api = measure(lambda: A.cycles(graph, max_length=bound, limit=args.limit), False)
    r = api["result"]
    rows.append({"name": "cycles (API caps)", "ours_s": api["seconds"], "ours_peak_mb": api["peak_mb"],
                 "memory_method": api["memory"], "scanned": r["scanned"], "complete": r["complete"],
                 "stopped_by": r["stopped_by"]})
    print(f"cycles, API caps {api['seconds']:6.2f} s  peak +{api['peak_mb']:7.1f} MB [rss]: scanned {r['scanned']:,}, "
          f"complete={r['complete']}, stopped_by={r['stopped_by']}", flush=True)

    # ----------------------------------------------------------------------------------- rankings
    from networkx.algorithms.link_analysis import pagerank_alg

    nx_pagerank = getattr(pagerank_alg, "_pagerank_python", None)
    baselines: dict[str, Callable[[], Any]] = {
        "degree": lambda: nx.degree_centrality(graph),
        "betweenness": lambda: nx.betweenness_centrality(graph, k=min(args.betweenness_k, len(graph)),
                                                         seed=args.seed),
    }
    if nx_pagerank is not None and args.pagerank_baseline:
        baselines["pagerank"] = lambda: nx_pagerank(graph)
    for metric in ("degree", "pagerank", "betweenness"):
        ours = measure(lambda m=metric: A.rank(graph, m, top=20, k=args.betweenness_k),  # type: ignore[misc]
                       trace_ranks)
        if metric in baselines:
            rows.append(compare(f"rank {metric}", ours, measure(gc_paused(baselines[metric]), trace_ranks)))
        else:
            rows.append({"name": f"rank {metric}", "ours_s": ours["seconds"], "ours_peak_mb": ours["peak_mb"],
                         "memory_method": ours["memory"]})
            print(f"rank {metric:<9} {ours['seconds']:8.2f} s  peak +{ours['peak_mb']:7.1f} MB [{ours['memory']}] "
                  "(networkx baseline: --pagerank-baseline)", flush=True)
        leaders = ", ".join(f"{i['id']} ({i['type']})" for i in ours["result"]["items"][:3])
        print(f"  leaders: {leaders}", flush=True)

    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak_rss:,.0f} MB; total {time.perf_counter() - start:.0f} s", flush=True)
    if args.json:
        print(json.dumps({"entities": graph.number_of_nodes(), "edges": graph.number_of_edges(), "claims": n_claims,
                          "rows": rows, "peak_rss_mb": peak_rss}, indent=2))


if __name__ == "__main__":
    main()
