"""Entity resolution: names to canonical ids through an alias table.

Matching is exact on a normalised form (case, accents, punctuation and corporate
suffixes ignored), never fuzzy: similar names such as "Meta" and "Metaculus" are
different keys and are never merged. Fuzzy matching is used only to *suggest*.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

from rapidfuzz import fuzz, process
from slugify import slugify

from .model import Entity

__all__ = ["normalize_name", "make_slug", "AliasTable", "suggest"]

CORPORATE_SUFFIXES = frozenset({
    "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "plc", "sa", "sas",
    "sarl", "ag", "nv", "bv", "se", "gmbh", "holdings", "holding", "group", "lp", "llp", "pte", "kk",
})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DOTTED_ACRONYM = re.compile(r"\b(?:[a-z]\.){2,}")


# Pure and called for every name of every claim loaded, where the same names come back again and again;
# the cache is bounded (a few MiB at most).
@lru_cache(maxsize=1 << 16)
def normalize_name(name: str) -> str:
    """The key two names must share to denote the same entity.

    >>> normalize_name("NVIDIA Corporation"), normalize_name("Société Générale S.A."), normalize_name("xAI")
    ('nvidia', 'societe generale', 'xai')
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ").replace("'s ", " ").replace("’s ", " ")
    # Collapse dotted acronyms ("S.A.", "A.I.") before punctuation becomes spaces.
    text = _DOTTED_ACRONYM.sub(lambda m: m.group(0).replace(".", ""), text)
    words = [w for w in _NON_ALNUM.split(text) if w]
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    while len(words) > 1 and words[-1] in CORPORATE_SUFFIXES:
        words.pop()
    return " ".join(words)


def make_slug(name: str) -> str:
    """A stable id for a new entity: ``"Sam Altman"`` -> ``"sam-altman"``."""
    return slugify(name, max_length=80) or "entity"


def suggest(query: str, choices: Mapping[str, str] | Iterable[str], limit: int = 5, cutoff: float = 70) -> list[str]:
    """The closest names to a query (typos, partial names), best first; for messages, never for merging."""
    if isinstance(choices, Mapping):
        pool = dict(choices)
    else:
        pool = {c: c for c in choices}
    keyed = {normalize_name(k) or k.lower(): v for k, v in pool.items()}
    q = normalize_name(query) or query.lower()
    hits = process.extract(q, list(keyed), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=cutoff)
    out: list[str] = []
    for key, _score, _ in hits:
        value = keyed[key]
        if value not in out:
            out.append(value)
    return out[:limit]


class AliasTable:
    """Normalised name -> entity id, built from entities' names and aliases plus extra aliases."""

    def __init__(self) -> None:
        self._ids: dict[str, set[str]] = {}
        self._names: dict[str, str] = {}

    @classmethod
    def from_entities(cls, entities: Iterable[Entity], extra: Mapping[str, str] | None = None) -> AliasTable:
        table = cls()
        for entity in entities:
            table.add_entity(entity)
        for alias, entity_id in (extra or {}).items():
            table.add(alias, entity_id)
        return table

    def add_entity(self, entity: Entity) -> None:
        self._names[entity.id] = entity.name
        for name in (entity.id, entity.name, *entity.aliases):
            self.add(name, entity.id)

    def add(self, alias: str, entity_id: str) -> None:
        key = normalize_name(alias)
        if key:
            self._ids.setdefault(key, set()).add(entity_id)

    def lookup(self, name: str) -> set[str]:
        """Every entity id whose name or alias normalises like ``name`` (empty if none)."""
        return set(self._ids.get(normalize_name(name), ()))

    def resolve(self, name: str) -> str | None:
        """The one entity id for a name, or None when unknown or ambiguous."""
        ids = self.lookup(name)
        if name in self._names:
            return name
        return next(iter(ids)) if len(ids) == 1 else None

    def suggestions(self, name: str, limit: int = 5) -> list[str]:
        """Ids of entities whose names look like ``name``."""
        choices = {key: sorted(ids)[0] for key, ids in self._ids.items()}
        return suggest(name, choices, limit=limit)

    def keys(self) -> Iterable[str]:
        return self._ids.keys()

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and bool(self.lookup(name))

    def __len__(self) -> int:
        return len(self._ids)
