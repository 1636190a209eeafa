"""Turn what a loader read (names) into what a store applies (ids): the one way facts enter a store."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .errors import InvalidFact
from .gcpause import collector_paused
from .model import RELATIONS, Batch, Entity, EntityType, Fact, LoadReport, RawBatch, RawFact, Relation
from .resolve import AliasTable, make_slug

if TYPE_CHECKING:
    from .store import GraphStore

__all__ = ["resolve_batch", "load", "validation_problems"]


def validation_problems(err: ValidationError, location: str, prefix: str = "") -> list[dict[str, Any]]:
    """Pydantic's errors as {location, field, reason} rows."""
    rows = []
    for e in err.errors():
        field = ".".join(str(p) for p in e["loc"]) or prefix.rstrip(".") or "-"
        reason = e["msg"].removeprefix("Value error, ")
        if e.get("input") is not None and e["type"] not in ("missing", "extra_forbidden"):
            reason = f"{reason} (got {e['input']!r})"[:300]
        rows.append({"location": location, "field": f"{prefix}{field}" if prefix and e["loc"] else field,
                     "reason": reason})
    return rows


def _raise_if(problems: list[dict[str, Any]], origin: str) -> None:
    if not problems:
        return
    lines = [f"{p['location'] or origin}: {p['field']}: {p['reason']}" for p in problems[:20]]
    more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
    raise InvalidFact(f"{origin}: {len(problems)} problem(s), nothing loaded:\n" + "\n".join(lines) + more,
                      problems=problems)


class _Resolver:
    def __init__(self, raw: RawBatch, store_entities: dict[str, Entity], table: AliasTable) -> None:
        self.entities: dict[str, Entity] = {}
        self.known = store_entities
        self.table = table
        self.problems: list[dict[str, Any]] = []
        for entity in raw.entities:
            self._declare(entity)
        for alias, target in raw.aliases.items():
            entity_id = self.resolve_name(target, None, f"{raw.origin}: aliases", "aliases")
            if entity_id:
                self._declare(self.entity(entity_id).model_copy(update={"aliases": (alias,)}))

    def entity(self, entity_id: str) -> Entity:
        return self.entities.get(entity_id) or self.known[entity_id]

    def _declare(self, entity: Entity) -> None:
        base = self.entities.get(entity.id) or self.known.get(entity.id)
        try:
            merged = base.merged_with(entity) if base else entity
        except ValueError as exc:
            self.problems.append({"location": "", "field": f"entities.{entity.id}", "reason": str(exc)})
            return
        self.entities[entity.id] = merged
        self.table.add_entity(merged)

    def resolve_name(self, name: str, type_: EntityType | None, location: str, field: str) -> str | None:
        ids = self.table.lookup(name)
        if name in self.entities or name in self.known:
            ids = {name}
        if len(ids) == 1:
            return ids.pop()
        if len(ids) > 1:
            self.problems.append({"location": location, "field": field,
                                  "reason": f"{name!r} is ambiguous: it names {', '.join(sorted(ids))}; use an id"})
            return None
        if type_ is None:
            hint = self.table.suggestions(name)
            did = f"; did you mean {', '.join(hint)}?" if hint else ""
            self.problems.append({"location": location, "field": field, "reason":
                                  f"unknown entity {name!r}{did} (declare it under 'entities' or give its type)"})
            return None
        entity_id = make_slug(name)
        if entity_id in self.known or entity_id in self.entities:
            entity_id = f"{entity_id}-{type_.value}"
        self._declare(Entity(id=entity_id, name=name.strip(), type=type_))
        return entity_id


def _check_types(fact: Fact, resolver: _Resolver, location: str) -> list[dict[str, Any]]:
    spec = RELATIONS[Relation(fact.relation)]
    problems = []
    for end, allowed, role in ((fact.subject, spec.subject_types, "subject"),
                               (fact.object, spec.object_types, "object")):
        kind = resolver.entity(end).type
        if kind not in allowed:
            problems.append({"location": location, "field": role, "reason":
                             f"{fact.relation} needs a {'/'.join(sorted(allowed))} as {role} "
                             f"({spec.subject_role if role == 'subject' else spec.object_role}), "
                             f"but {end!r} is a {kind}"})
    return problems


def resolve_batch(raw: RawBatch, store: GraphStore, review_threshold: float | None = None) -> Batch:
    """Resolve names to ids, create declared or typed new entities, validate every fact.

    Raises ``InvalidFact`` listing every problem (file, line, field, reason) if any fact is bad;
    nothing is partially resolved. Extracted (non-curated) facts under ``review_threshold`` go to
    ``Batch.review`` instead of ``Batch.facts``.
    """
    known = {e.id: e for e in store.entities()}
    resolver = _Resolver(raw, known, store.alias_table())
    source_ids = {s.id for s in raw.sources}
    facts: list[Fact] = []
    review: list[Fact] = []
    for item in raw.facts:
        fact = _resolve_fact(item, resolver, source_ids, store)
        if fact is None:
            continue
        type_problems = _check_types(fact, resolver, item.location)
        if type_problems:
            resolver.problems.extend(type_problems)
            continue
        low = review_threshold is not None and fact.extractor != "curated" and fact.confidence < review_threshold
        (review if low else facts).append(fact)
    _raise_if(resolver.problems, raw.origin)
    used = {f.subject for f in facts + review} | {f.object for f in facts + review} | \
        {e.id for e in raw.entities} | set(resolver.entities)
    entities = [resolver.entities[i] for i in sorted(used) if i in resolver.entities]
    return Batch(origin=raw.origin, sources=raw.sources, entities=entities, facts=facts, review=review)


def _resolve_fact(item: RawFact, resolver: _Resolver, source_ids: set[str], store: GraphStore) -> Fact | None:
    subject = resolver.resolve_name(item.subject, item.subject_type, item.location, "subject")
    obj = resolver.resolve_name(item.object, item.object_type, item.location, "object")
    source_id = item.fields.get("source_id")
    if source_id and source_id not in source_ids and not store.has_source(str(source_id)):
        resolver.problems.append({"location": item.location, "field": "source",
                                  "reason": f"unknown source {source_id!r}: declare it under 'sources'"})
        return None
    if subject is None or obj is None:
        return None
    try:
        return Fact(subject=subject, object=obj, **item.fields)
    except ValidationError as exc:
        resolver.problems.extend(validation_problems(exc, item.location))
        return None
    except TypeError as exc:
        resolver.problems.append({"location": item.location, "field": "-", "reason": str(exc)})
        return None


@collector_paused()
def load(store: GraphStore, raw: RawBatch, review_threshold: float | None = None) -> LoadReport:
    """Resolve a loader's batch and apply it to the store in one transaction (all or nothing)."""
    return store.apply(resolve_batch(raw, store, review_threshold))
