"""Hand-written fact files (YAML, JSON, CSV) to ``RawBatch``: sources, entities, aliases and facts.

The format is documented in docs/fact-files.md. Every problem is reported with the file,
the line (or CSV row), the field and the reason; a file with any problem yields nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from graph.errors import InvalidFact
from graph.gcpause import collector_paused
from graph.ingest import validation_problems
from graph.model import ENTITY_ATTRIBUTES, Entity, EntityType, Fact, RawBatch, RawFact, Source
from graph.resolve import make_slug

from . import safeyaml
from .reading import read_text
from .safeyaml import MAX_DEPTH, BoundedSafeLoader

__all__ = ["parse_fact_file", "read_fact_file", "FACT_FILE_SUFFIXES", "iter_fact_files", "FACT_FIELDS"]

FACT_FILE_SUFFIXES = (".yaml", ".yml", ".json", ".csv")
#: Keys a fact may carry besides subject/object (and their types) and its source.
FACT_FIELDS = ("relation", "amount_usd", "amount", "currency", "amount_text", "power_gw", "equity_pct", "date",
               "status", "qualifier", "role", "evidence", "evidence_start", "evidence_end", "extractor",
               "confidence")
_FACT_KEYS = {"subject", "object", "subject_type", "object_type", "source", "note", *FACT_FIELDS}
_SOURCE_KEYS = {"id", "url", "title", "publisher", "published", "kind"}
_LINE = "__line__"


class _LineLoader(BoundedSafeLoader):
    """A safe loader that records each mapping's line and keeps dates as text (we validate them)."""


_LineLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in BoundedSafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> dict[str, Any]:
    mapping = BoundedSafeLoader.construct_mapping(loader, node, deep=True)
    mapping[_LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _problem(location: str, field: str, reason: str) -> dict[str, Any]:
    return {"location": location, "field": field, "reason": reason}


def _source_id(url: str | None, title: str | None) -> str:
    basis = url or title or ""
    return "src-" + hashlib.sha1(basis.encode()).hexdigest()[:12]


class _Builder:
    """Collects a file's sources, entities and facts, and every problem, then builds the batch."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.problems: list[dict[str, Any]] = []
        self.sources: dict[str, Source] = {}
        self.entities: list[Entity] = []
        self.aliases: dict[str, str] = {}
        self.facts: list[RawFact] = []
        #: A source's fields as read -> its id, for sources already checked: a CSV repeats its source's
        #: cells on every row, and checking them again cost ~15% of parsing a large file.
        self._checked_sources: dict[tuple[tuple[str, str | None], ...], str] = {}

    def at(self, line: int | None, what: str = "") -> str:
        return f"{self.origin}:{line}" if line else f"{self.origin}{what}"

    def add_source(self, raw: Any, line: int | None) -> str | None:
        loc = self.at(line)
        if not isinstance(raw, dict):
            self.problems.append(_problem(loc, "sources", f"a source must be a mapping, got {raw!r:.60}"))
            return None
        data = {k: v for k, v in raw.items() if k != _LINE}
        unknown = set(data) - _SOURCE_KEYS
        if unknown:
            self.problems.append(_problem(loc, f"source.{sorted(unknown)[0]}",
                                          f"unknown key; allowed: {', '.join(sorted(_SOURCE_KEYS))}"))
            return None
        data = {k: (str(v) if v is not None else None) for k, v in data.items()}
        as_read = tuple(data.items())
        checked = self._checked_sources.get(as_read)
        if checked is not None:
            return checked
        if not data.get("url") and not data.get("title"):
            self.problems.append(_problem(loc, "source.url", "a source needs a url (or at least a title)"))
            return None
        data.setdefault("id", None)
        data["id"] = data["id"] or _source_id(data.get("url"), data.get("title"))
        try:
            source = Source(**data)
        except ValidationError as exc:
            self.problems.extend(validation_problems(exc, loc, "source."))
            return None
        if source.id in self.sources and self.sources[source.id] != source:
            self.problems.append(_problem(loc, "source.id", f"source id {source.id!r} is declared twice"))
        else:
            self._checked_sources[as_read] = source.id
        self.sources[source.id] = source
        return source.id

    def add_entity(self, raw: Any, line: int | None) -> None:
        loc = self.at(line)
        if not isinstance(raw, dict):
            self.problems.append(_problem(loc, "entities", f"an entity must be a mapping, got {raw!r:.60}"))
            return
        data = {k: v for k, v in raw.items() if k != _LINE}
        attributes = {k: data.pop(k) for k in list(data) if k in ENTITY_ATTRIBUTES}
        nested = data.pop("attributes", None) or {}
        if not isinstance(nested, dict):
            self.problems.append(_problem(loc, "entity.attributes", "attributes must be a mapping"))
            return
        attributes.update({k: v for k, v in nested.items() if k != _LINE})
        aliases = data.pop("aliases", None) or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if data.get("name") and not data.get("id"):
            data["id"] = make_slug(str(data["name"]))
        try:
            self.entities.append(Entity(**data, aliases=tuple(str(a) for a in aliases),
                                        attributes={k: str(v) for k, v in attributes.items() if v is not None}))
        except ValidationError as exc:
            self.problems.extend(validation_problems(exc, loc, "entity."))
        except TypeError as exc:
            self.problems.append(_problem(loc, "entity", str(exc)))

    def add_fact(self, raw: Any, line: int | None, inline_source: str | None = None) -> None:
        loc = self.at(line)
        if not isinstance(raw, dict):
            self.problems.append(_problem(loc, "facts", f"a fact must be a mapping, got {raw!r:.60}"))
            return
        data = {k: v for k, v in raw.items() if k != _LINE and v is not None and v != ""}
        unknown = sorted(set(data) - _FACT_KEYS)
        if unknown:
            self.problems.append(_problem(loc, unknown[0], f"unknown field; allowed: {', '.join(sorted(_FACT_KEYS))}"))
            return
        missing = [k for k in ("subject", "relation", "object") if k not in data]
        if missing:
            self.problems.append(_problem(loc, missing[0], "required field is missing"))
            return
        source = data.pop("source", None) or inline_source
        if source is None and len(self.sources) == 1:
            source = next(iter(self.sources))
        if source is None:
            self.problems.append(_problem(loc, "source", "every fact needs a source (a source id of this file)"))
            return
        if "note" in data:
            data["evidence"] = data.pop("note")
        types = {}
        for end in ("subject_type", "object_type"):
            if end in data:
                value = str(data.pop(end)).strip().lower()
                if value not in EntityType.__members__:
                    self.problems.append(_problem(loc, end, f"{value!r} is not one of "
                                                            f"{', '.join(EntityType.__members__)}"))
                    return
                types[end] = EntityType(value)
        subject, obj = str(data.pop("subject")), str(data.pop("object"))
        data["source_id"] = str(source)
        try:  # check every field now, so errors carry this file's line; names are resolved later
            Fact(subject="subject-placeholder", object="object-placeholder", **data)
        except ValidationError as exc:
            self.problems.extend(validation_problems(exc, loc))
            return
        self.facts.append(RawFact(subject=subject, object=obj, fields=data, location=loc, **types))

    def build(self) -> RawBatch:
        if self.problems:
            lines = [f"{p['location']}: {p['field']}: {p['reason']}" for p in self.problems[:20]]
            raise InvalidFact(f"{self.origin}: {len(self.problems)} problem(s), nothing loaded:\n" + "\n".join(lines),
                              problems=self.problems)
        return RawBatch(origin=self.origin, sources=list(self.sources.values()), entities=self.entities,
                        aliases=self.aliases, facts=self.facts)


def _parse_document(doc: Any, b: _Builder) -> None:
    if isinstance(doc, list):
        doc = {"facts": doc}
    if not isinstance(doc, dict):
        b.problems.append(_problem(b.origin, "-", "expected a mapping with 'sources', 'entities' and 'facts'"))
        return
    allowed = {"source", "sources", "entities", "aliases", "facts", _LINE}
    for key in sorted(set(doc) - allowed):
        b.problems.append(_problem(b.at(doc.get(_LINE)), str(key), f"unknown section; allowed: "
                                                                   f"{', '.join(sorted(allowed - {_LINE}))}"))
    sources = doc.get("sources") or []
    if doc.get("source"):
        sources = [doc["source"], *sources]
    for raw in _as_list(sources, "sources", b):
        b.add_source(raw, _line(raw))
    for raw in _as_list(doc.get("entities") or [], "entities", b):
        b.add_entity(raw, _line(raw))
    aliases = doc.get("aliases") or {}
    if not isinstance(aliases, dict):
        b.problems.append(_problem(b.origin, "aliases", "aliases must map an alias to an entity id or name"))
    else:
        b.aliases.update({str(k): str(v) for k, v in aliases.items() if k != _LINE})
    for raw in _as_list(doc.get("facts") or [], "facts", b):
        b.add_fact(raw, _line(raw))


def _as_list(value: Any, name: str, b: _Builder) -> list[Any]:
    if isinstance(value, list):
        return value
    b.problems.append(_problem(b.origin, name, f"'{name}' must be a list"))
    return []


def _line(raw: Any) -> int | None:
    return raw.get(_LINE) if isinstance(raw, dict) else None


def _parse_structured(text: str, b: _Builder, is_json: bool) -> None:
    if is_json:
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            b.problems.append(_problem(b.at(exc.lineno), "-", f"invalid JSON: {exc.msg} (column {exc.colno})"))
            return
        except RecursionError:
            b.problems.append(_problem(b.at(None), "-", f"invalid JSON: nested deeper than {MAX_DEPTH} levels"))
            return
    try:
        doc = safeyaml.load(text, _LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = b.at(mark.line + 1 if mark else None)
        b.problems.append(_problem(where, "-", f"invalid {'JSON' if is_json else 'YAML'}: "
                                               f"{getattr(exc, 'problem', None) or exc}"))
        return
    _parse_document(doc, b)


_CSV_SOURCE_COLUMNS = {"source_url": "url", "source_title": "title", "source_publisher": "publisher",
                       "source_published": "published", "source_id": "id"}


def _parse_csv(text: str, b: _Builder) -> None:
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    allowed = _FACT_KEYS | set(_CSV_SOURCE_COLUMNS)
    unknown = [h for h in header if h not in allowed]
    if not header:
        b.problems.append(_problem(b.at(1), "-", "empty CSV: the first row must name the columns"))
        return
    if unknown:
        b.problems.append(_problem(b.at(1), unknown[0], f"unknown column; allowed: {', '.join(sorted(allowed))}"))
        return
    try:
        for row in reader:
            line = reader.line_num
            if None in row:
                b.problems.append(_problem(b.at(line), "-", f"row has more cells than the header's {len(header)}"))
                continue
            cells = {k: v.strip() for k, v in row.items() if v is not None and v.strip() != ""}
            source_data = {_CSV_SOURCE_COLUMNS[k]: cells.pop(k) for k in list(cells) if k in _CSV_SOURCE_COLUMNS}
            inline = None
            if source_data.get("url") or source_data.get("title"):
                inline = b.add_source(source_data, line)
                if inline is None:
                    continue
            elif "id" in source_data:
                cells["source"] = source_data["id"]
            b.add_fact(cells, line, inline)
    except csv.Error as exc:
        b.problems.append(_problem(b.at(reader.line_num), "-", f"invalid CSV: {exc}"))


@collector_paused()
def parse_fact_file(text: str, origin: str, fmt: str) -> RawBatch:
    """Parse a fact file's text (``fmt`` is yaml, json or csv) into a batch; ``InvalidFact`` lists problems."""
    b = _Builder(origin)
    if fmt == "csv":
        _parse_csv(text, b)
    elif fmt in ("yaml", "yml", "json"):
        _parse_structured(text, b, fmt == "json")
    else:
        raise InvalidFact(f"{origin}: unknown fact file format {fmt!r}; use .yaml, .json or .csv")
    if not b.facts and not b.entities and not b.problems:
        b.problems.append(_problem(origin, "facts", "the file declares no facts and no entities"))
    return b.build()


def read_fact_file(path: str | Path) -> RawBatch:
    """Read and parse one fact file by its suffix."""
    p = Path(path)
    if p.suffix.lower() not in FACT_FILE_SUFFIXES:
        raise InvalidFact(f"{p}: not a fact file (expected {', '.join(FACT_FILE_SUFFIXES)})")
    return parse_fact_file(read_text(p), str(p), p.suffix.lower().lstrip("."))


def iter_fact_files(paths: list[Path]) -> Iterator[Path]:
    """Files given, and fact files found recursively in folders given, in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FACT_FILE_SUFFIXES)
        elif path.exists():
            yield path
        else:
            raise InvalidFact(f"{path}: no such file or folder")
