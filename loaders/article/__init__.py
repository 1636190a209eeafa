"""Offline article extraction: English and French news (text, Markdown, HTML) to sourced facts.

>>> from loaders.article import extract_text
>>> result = extract_text("Acme Corp will invest $2 billion in Widget Labs, the companies said.", language="en")
>>> [(f["subject"], f["relation"], f["object"], f["amount_usd"]) for f in result["facts"]]
[('Acme Corp', 'invests_in', 'Widget Labs', 2000000000.0)]

Loaders return data and never write to a store: ``article_batch`` gives the ``RawBatch`` that
``graph.ingest.load`` resolves and applies.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from graph.model import Entity, RawBatch, RawFact, Source

from .document import MAX_ARTICLE_BYTES, Document, parse_document, read_document
from .extractor import EXTRACTOR_NAME, ExtractedFact, Extraction, entity_type, extract_document
from .mentions import KnownEntities

__all__ = ["EXTRACTOR_NAME", "KnownEntities", "Document", "Extraction", "read_document", "parse_document",
           "extract_document", "extract_file", "extract_text", "extraction_json", "article_batch",
           "bundled_known", "known_from", "known_with", "MAX_ARTICLE_BYTES", "ARTICLE_SUFFIXES", "iter_article_files"]

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".text")


def known_from(entities: Iterable[Entity], develops: dict[str, str] | None = None) -> KnownEntities:
    known = KnownEntities(entities)
    known.develops.update(develops or {})
    return known


_BUNDLED: KnownEntities | None = None


def bundled_known() -> KnownEntities:
    """Known entities from the bundled dataset (files that fail to parse are skipped)."""
    global _BUNDLED
    if _BUNDLED is None:
        from graph.errors import GraphError
        from loaders import bundled_path, iter_fact_files, read_fact_file

        entities: dict[str, Entity] = {}
        develops: dict[str, str] = {}
        try:
            files = list(iter_fact_files([bundled_path()]))
        except (GraphError, OSError):
            files = []
        for path in files:
            try:
                batch = read_fact_file(path)
            except (GraphError, OSError, ValueError):
                continue
            for e in batch.entities:
                entities[e.id] = entities[e.id].merged_with(e) if e.id in entities and \
                    entities[e.id].type == e.type else entities.get(e.id, e)
            for f in batch.facts:
                if f.fields.get("relation") == "develops":
                    develops.setdefault(f.object, f.subject)
        _BUNDLED = known_from(entities.values(), develops)
    return _BUNDLED


def known_with(entities: Iterable[Entity]) -> KnownEntities:
    """The bundled dataset's entities, overridden and extended by ``entities`` (e.g. a store's)."""
    base = bundled_known()
    merged = {e.id: e for e in base.by_id.values()}
    merged.update({e.id: e for e in entities})
    return known_from(merged.values(), base.develops)


def extract_file(path: str | Path, known: KnownEntities | None = None, encoding: str | None = None) -> Extraction:
    return extract_document(read_document(path, encoding=encoding), known)


def extract_text(text: str, known: KnownEntities | None = None, language: str | None = None,
                 published: str | None = None, origin: str = "<text>", min_confidence: float = 0.0
                 ) -> dict[str, Any]:
    """Extract from a string; returns the JSON shape of ``alliances extract``."""
    doc = parse_document(text, origin)
    if language:
        doc.language = language
    if published:
        doc.published = published
    return extraction_json(extract_document(doc, known), min_confidence=min_confidence)


def source_of(doc: Document) -> Source:
    digest = hashlib.sha1(doc.text.encode("utf-8", "replace")).hexdigest()[:12]
    stem = Path(doc.origin).stem if doc.origin and not doc.origin.startswith("<") else "text"
    from graph.resolve import make_slug

    return Source(id=f"article-{make_slug(stem)[:60]}-{digest}", url=doc.url, title=doc.title,
                  publisher=doc.publisher, published=doc.published, kind="article")


def _fact_json(f: ExtractedFact) -> dict[str, Any]:
    return {
        "subject": f.subject.display, "subject_type": entity_type(f.subject), "relation": f.relation,
        "object": f.object.display, "object_type": entity_type(f.object),
        "subject_id": f.subject.known.id if f.subject.known else None,
        "object_id": f.object.known.id if f.object.known else None,
        "subject_canonical": f.subject.known.name if f.subject.known else f.subject.display,
        "object_canonical": f.object.known.name if f.object.known else f.object.display,
        "amount": f.amount, "currency": f.currency,
        "amount_usd": f.amount if f.currency == "USD" and f.amount is not None else None,
        "amount_text": f.amount_text, "power_gw": f.power_gw, "equity_pct": f.equity_pct, "date": f.date,
        "role": f.role, "status": f.status, "qualifier": f.qualifier, "confidence": f.confidence,
        "evidence": f.sent.evidence, "evidence_start": f.sent.start, "evidence_end": f.sent.end,
        "extractor": EXTRACTOR_NAME,
    }


def extraction_json(ex: Extraction, min_confidence: float = 0.0, include_below: bool = False) -> dict[str, Any]:
    """``{"source": {...}, "facts": [...]}``; facts under ``min_confidence`` are left out (or flagged)."""
    doc = ex.document
    facts = []
    for f in ex.facts:
        row = _fact_json(f)
        below = f.confidence < min_confidence
        if below and not include_below:
            continue
        if include_below:
            row["review"] = below
        facts.append(row)
    src = source_of(doc).model_dump(mode="json")
    src.update({"file": doc.origin, "language": doc.language, "characters": len(doc.text)})
    return {"source": src, "facts": facts}


def article_batch(ex: Extraction) -> RawBatch:
    """The extraction as a loader's ``RawBatch``: one source, facts with names (known ids) and types."""
    source = source_of(ex.document)
    facts = []
    for f in ex.facts:
        fields: dict[str, Any] = {
            "relation": f.relation, "source_id": source.id, "evidence": f.sent.evidence,
            "evidence_start": f.sent.start, "evidence_end": f.sent.end, "extractor": EXTRACTOR_NAME,
            "confidence": f.confidence,
        }
        for key in ("amount", "currency", "amount_text", "qualifier", "power_gw", "equity_pct", "date", "role",
                    "status"):
            value = getattr(f, key)
            if value is not None:
                fields[key] = value
        if f.currency == "USD" and f.amount is not None:
            fields["amount_usd"] = f.amount
        subj = f.subject.known.id if f.subject.known else f.subject.display
        obj = f.object.known.id if f.object.known else f.object.display
        facts.append(RawFact(subject=subj, object=obj,
                             subject_type=None if f.subject.known else entity_type(f.subject),
                             object_type=None if f.object.known else entity_type(f.object),
                             fields=fields, location=f"{ex.document.origin}:{f.sent.start}-{f.sent.end}"))
    return RawBatch(origin=ex.document.origin, sources=[source], facts=facts)


def iter_article_files(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob("*") if x.is_file() and x.suffix.lower() in ARTICLE_SUFFIXES))
        else:
            out.append(p)
    return out
