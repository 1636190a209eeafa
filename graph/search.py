"""Ranking entities against a free-text query: exact, then prefix, then typo-tolerant matches."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz

from .model import Entity, EntityType
from .resolve import normalize_name

__all__ = ["rank_entities"]


def _score(query: str, name: str) -> float:
    key = normalize_name(name)
    if not key:
        return 0.0
    if key == query:
        return 100.0
    if key.startswith(query) or any(w.startswith(query) for w in key.split()):
        return 90.0 + 9.0 * len(query) / len(key)
    ratio = fuzz.ratio(query, key)
    if len(query) >= 4:
        ratio = max(ratio, fuzz.token_set_ratio(query, key) - 5)
    return float(ratio) * 0.89


def rank_entities(entities: Iterable[Entity], q: str, type: EntityType | None = None,
                  cutoff: float = 60.0) -> list[tuple[Entity, float]]:
    """Entities whose name or an alias matches ``q``, best first (ties by name)."""
    query = normalize_name(q) or q.strip().lower()
    scored = []
    for entity in entities:
        if type is not None and entity.type != type:
            continue
        if not query:
            scored.append((entity, 0.0))
            continue
        best = max(_score(query, n) for n in (entity.name, entity.id, *entity.aliases))
        if best >= cutoff:
            scored.append((entity, round(best, 1)))
    scored.sort(key=lambda pair: (-pair[1], pair[0].name.lower()))
    return scored
