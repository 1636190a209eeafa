"""The domain model: entities, relations, sources and facts (claims).

Everything that crosses a package boundary is one of these small, strict models.
A ``Fact`` is one claim made by one source; the graph's edge for a
(subject, relation, object) triple gathers every claim about it (see ``Edge``).
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from json.encoder import c_make_encoder, encode_basestring_ascii  # type: ignore[attr-defined]
from operator import attrgetter
from typing import Annotated, Any, Generic, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)

_T = TypeVar("_T")


class _memoized(Generic[_T]):  # noqa: N801 - used as a decorator, like ``functools.cached_property``
    """``functools.cached_property`` without its per-instance lock (Python 3.11 takes one on every
    first access, which shows on a 100k-claim load). Frozen models only: the value never goes stale."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> _T:
        if obj is None:
            return self  # type: ignore[return-value]
        value = obj.__dict__[self.name] = self.func(obj)
        return value


def _encode_json(value: list[Any] | tuple[Any, ...]) -> str:
    """``json.dumps(value)``, byte for byte, without building a new encoder on every call."""
    return "".join(_ENCODER(value, 0))


def _no_default(value: Any) -> Any:
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


# The C encoder with json.dumps's defaults: ", " and ": " separators, ASCII output, NaN allowed.
_ENCODER = (c_make_encoder(None, _no_default, encode_basestring_ascii, None, ": ", ", ", False, False, True)
            if c_make_encoder is not None else lambda value, _level: [json.dumps(value)])

__all__ = [
    "EntityType",
    "Relation",
    "RelationSpec",
    "RELATIONS",
    "Status",
    "PartialDate",
    "parse_partial_date",
    "date_precision",
    "Source",
    "Entity",
    "Fact",
    "Edge",
    "Batch",
    "RawFact",
    "RawBatch",
    "LoadReport",
    "ENTITY_ATTRIBUTES",
]


class EntityType(StrEnum):
    company = "company"
    person = "person"
    project = "project"
    product = "product"
    fund = "fund"
    government = "government"


ORGANISATIONS = frozenset({EntityType.company, EntityType.fund, EntityType.government, EntityType.project})


class Relation(StrEnum):
    invests_in = "invests_in"
    supplies = "supplies"
    partners_with = "partners_with"
    acquires = "acquires"
    leads = "leads"
    member_of = "member_of"
    competes_with = "competes_with"
    develops = "develops"


@dataclass(frozen=True)
class RelationSpec:
    """How a relation reads, which way it points and which way money flows along it."""

    relation: Relation
    subject_role: str
    object_role: str
    symmetric: bool
    subject_types: frozenset[EntityType]
    object_types: frozenset[EntityType]
    #: +1: money flows subject -> object; -1: object -> subject; 0: no cash flow implied.
    cash_direction: int
    description: str


_ANY = frozenset(EntityType)
_ORG = ORGANISATIONS
_ORG_OR_PRODUCT = _ORG | {EntityType.product}

RELATIONS: dict[Relation, RelationSpec] = {
    spec.relation: spec
    for spec in (
        RelationSpec(Relation.invests_in, "investor", "investee", False, _ORG | {EntityType.person}, _ORG, 1,
                     "Equity, funding rounds, warrants or convertible notes: investor -> investee."),
        RelationSpec(Relation.supplies, "supplier", "customer", False, _ORG, _ORG, -1,
                     "Chips, cloud, power, models or capacity: supplier -> customer (the customer pays)."),
        RelationSpec(Relation.partners_with, "partner", "partner", True, _ORG_OR_PRODUCT, _ORG_OR_PRODUCT, 0,
                     "A declared partnership or alliance (symmetric)."),
        RelationSpec(Relation.acquires, "buyer", "target", False, _ORG, _ORG_OR_PRODUCT, 1,
                     "An acquisition: buyer -> target (money goes to the target's owners)."),
        RelationSpec(Relation.leads, "leader", "organisation", False, frozenset({EntityType.person}), _ORG, 0,
                     "A person leads an organisation, with a role (CEO, President, founder ...)."),
        RelationSpec(Relation.member_of, "member", "project", False, _ORG, _ORG, 0,
                     "An organisation takes part in a project or consortium: member -> project."),
        RelationSpec(Relation.competes_with, "competitor", "competitor", True, _ORG_OR_PRODUCT, _ORG_OR_PRODUCT, 0,
                     "Two organisations or products compete (symmetric)."),
        RelationSpec(Relation.develops, "developer", "product", False, _ORG | {EntityType.person},
                     frozenset({EntityType.product, EntityType.project}), 0,
                     "An organisation develops a product or project: developer -> product."),
    )
}


_SYMMETRIC = frozenset(r for r, spec in RELATIONS.items() if spec.symmetric)


class Status(StrEnum):
    rumored = "rumored"
    in_talks = "in_talks"
    announced = "announced"
    signed = "signed"
    completed = "completed"
    cancelled = "cancelled"


ENTITY_ATTRIBUTES = ("country", "ticker", "website", "wikidata", "description")

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_SHORT_MONTH = re.compile(r"^(\d{4})-(\d)(?=$|-)")  # 2025-9 -> 2025-09
_SHORT_DAY = re.compile(r"^(\d{4}-\d{2})-(\d)$")   # 2025-09-2 -> 2025-09-02


def parse_partial_date(value: Any) -> str:
    """Normalise a date to ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ``ValueError`` if impossible.

    >>> parse_partial_date("2025-09-22"), parse_partial_date("2025-9"), parse_partial_date(2024)
    ('2025-09-22', '2025-09', '2024')
    """
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    m = _DATE_RE.match(text)
    if not m:
        text = _SHORT_MONTH.sub(r"\1-0\2", text)
        text = _SHORT_DAY.sub(r"\1-0\2", text)
        m = _DATE_RE.match(text)
    if not m:
        raise ValueError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m[1]), m[2], m[3]
    if not 1900 <= year <= 2100:
        raise ValueError(f"date {value!r}: year {year} is out of range 1900-2100")
    if month is not None and not 1 <= int(month) <= 12:
        raise ValueError(f"date {value!r}: month {month} does not exist")
    if day is not None:
        last = calendar.monthrange(year, int(month))[1]  # type: ignore[arg-type]
        if not 1 <= int(day) <= last:
            raise ValueError(f"date {value!r}: day {day} does not exist in {year}-{month}")
    return text


def date_precision(value: str | None) -> str | None:
    """``day``, ``month`` or ``year`` for a partial date string."""
    if value is None:
        return None
    return {4: "year", 7: "month", 10: "day"}[len(value)]


PartialDate = Annotated[str, BeforeValidator(parse_partial_date)]

_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(_Strict):
    """Where a claim comes from: an article, a press release, a curator's reading of a page."""

    id: str = Field(min_length=1, max_length=200)
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: PartialDate | None = None
    kind: str = "web"

    @field_validator("url")
    @classmethod
    def _check_url(cls, v: str | None) -> str | None:
        if v is not None and not re.match(r"^https?://\S+$", v):
            raise ValueError(f"url {v!r} must start with http:// or https:// and contain no spaces")
        return v or None


class Entity(_Strict):
    """A canonical thing in the graph: a company, person, project, product, fund or government."""

    id: str
    name: str = Field(min_length=1)
    type: EntityType
    aliases: tuple[str, ...] = ()
    attributes: dict[str, str] = Field(default_factory=dict)

    @field_validator("id")
    @classmethod
    def _check_id(cls, v: str) -> str:
        if not _SLUG_RE.match(v):
            raise ValueError(f"id {v!r} must be a lowercase slug (letters, digits and single dashes)")
        return v

    @field_validator("attributes")
    @classmethod
    def _check_attributes(cls, v: dict[str, str]) -> dict[str, str]:
        unknown = set(v) - set(ENTITY_ATTRIBUTES)
        if unknown:
            raise ValueError(f"unknown attribute(s) {sorted(unknown)}; allowed: {', '.join(ENTITY_ATTRIBUTES)}")
        return {k: str(val) for k, val in v.items() if val not in (None, "")}

    def merged_with(self, other: Entity) -> Entity:
        """This entity with the aliases and missing attributes of another declaration of the same id."""
        if other.id != self.id:
            raise ValueError(f"cannot merge {self.id!r} with {other.id!r}")
        if other.type != self.type:
            raise ValueError(f"entity {self.id!r} is declared as {self.type} and as {other.type}")
        aliases = tuple(dict.fromkeys((*self.aliases, *other.aliases, *((other.name,) if other.name != self.name
                                                                       else ()))))
        return self.model_copy(update={"aliases": aliases, "attributes": {**other.attributes, **self.attributes}})


class Fact(_Strict):
    """One claim by one source about (subject, relation, object), with resolved entity ids."""

    model_config = ConfigDict(ignored_types=(_memoized,))

    subject: str
    relation: Relation
    object: str
    amount_usd: float | None = Field(default=None, ge=0)
    amount: float | None = Field(default=None, ge=0)
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    amount_text: str | None = None
    power_gw: float | None = Field(default=None, ge=0)
    equity_pct: float | None = Field(default=None, ge=0, le=100)
    date: PartialDate | None = None
    status: Status | None = None
    qualifier: str | None = None
    role: str | None = None
    source_id: str
    evidence: str | None = None
    evidence_start: int | None = None
    evidence_end: int | None = None
    extractor: str = "curated"
    confidence: float = Field(default=0.9, ge=0, le=1)

    @model_validator(mode="before")
    @classmethod
    def _fill_usd(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("currency") == "USD" and data.get("amount") is not None \
                and data.get("amount_usd") is None:
            data = {**data, "amount_usd": data["amount"]}
        return data

    @model_validator(mode="after")
    def _check(self) -> Fact:
        if self.subject == self.object:
            raise ValueError(f"subject and object are the same entity ({self.subject!r})")
        if self.relation == Relation.leads and not self.role:
            raise ValueError("a 'leads' fact needs a role (CEO, President, founder ...)")
        if self.amount is not None and self.currency is None:
            raise ValueError("'amount' needs a 'currency' (e.g. USD, EUR)")
        return self

    @property
    def date_precision(self) -> str | None:
        return date_precision(self.date)

    @property
    def symmetric(self) -> bool:
        return RELATIONS[self.relation].symmetric

    @_memoized
    def key(self) -> tuple[str, str, str]:
        """The edge this claim belongs to; symmetric relations use a sorted pair."""
        return _edge_key(self)

    @_memoized
    def id(self) -> str:
        """A stable id from the claim's content, so loading the same claim twice adds nothing."""
        # Worked out for every claim of every load, so the key is memoized here too, without a second
        # trip through the descriptor.
        fields = self.__dict__
        key = fields.get("key")
        if key is None:
            key = fields["key"] = _edge_key(self)
        # The bytes hashed, and so the ids of stored claims, must never change (a test pins them).
        payload = (fields["source_id"], *key, *_ID_FIELDS(self))
        return hashlib.sha1(_encode_json(payload).encode()).hexdigest()[:20]

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Fact:
        """A copy whose id and key are worked out again from its own content."""
        copied = super().model_copy(update=update, deep=deep)
        copied.__dict__.pop("id", None)
        copied.__dict__.pop("key", None)
        return copied

    def to_row(self) -> dict[str, Any]:
        row = self.model_dump(mode="json")
        row["id"] = self.id
        return row


def _edge_key(fact: Fact) -> tuple[str, str, str]:
    """``Fact.key``, read straight from the model's fields (it runs for every claim of every load)."""
    fields = fact.__dict__
    s, o, relation = fields["subject"], fields["object"], fields["relation"]
    if o < s and relation in _SYMMETRIC:
        s, o = o, s
    return (s, relation._value_, o)  # ``.value`` is a Python-level property: slower, on every claim


#: What a claim's id hashes after its source and edge key, in this order.
_ID_FIELDS = attrgetter("amount_usd", "amount", "currency", "power_gw", "equity_pct", "date", "status", "qualifier",
                        "role", "evidence")


class Edge(BaseModel):
    """The graph's edge for one (subject, relation, object): every claim about it, and their disagreements."""

    subject: str
    relation: Relation
    object: str
    claims: list[Fact]

    @property
    def conflicts(self) -> list[dict[str, Any]]:
        """Where sources disagree about the same deal, with the claims side by side.

        Claims are about the same deal when their dates agree at the precision both give
        ("2025-09" and "2025-09-22" agree); on such pairs from different sources, amounts more
        than 2% apart or different statuses conflict. Claims with the same amount but dates that
        do not agree conflict on the date. Different rounds on different dates are not conflicts.
        """
        found: dict[tuple[str, str], dict[str, Any]] = {}
        claims = self.claims
        for i, a in enumerate(claims):
            for b in claims[i + 1:]:
                if a.source_id == b.source_id:
                    continue
                for field in _pair_conflicts(a, b):
                    values = (getattr(a, field), getattr(b, field))
                    entry = found.setdefault((field, str(sorted(map(str, values)))),
                                             {"field": field, "values": [], "claims": []})
                    for fact in (a, b):
                        if fact.id not in entry["claims"]:
                            entry["claims"].append(fact.id)
                            value = getattr(fact, field)
                            value = value.value if isinstance(value, StrEnum) else value
                            if value not in entry["values"]:
                                entry["values"].append(value)
        return list(found.values())

    def summary(self) -> dict[str, Any]:
        """The edge's headline values: the largest amount, the latest date, the most advanced status."""
        amounts = [c.amount_usd for c in self.claims if c.amount_usd is not None]
        dates = [c.date for c in self.claims if c.date]
        power = [c.power_gw for c in self.claims if c.power_gw is not None]
        statuses = [c.status for c in self.claims if c.status]
        qualifiers = {c.qualifier for c in self.claims if c.qualifier and c.amount_usd == max(amounts, default=None)}
        return {
            "subject": self.subject,
            "relation": self.relation.value,
            "object": self.object,
            "amount_usd": max(amounts) if amounts else None,
            "qualifier": sorted(qualifiers)[0] if qualifiers else None,
            "power_gw": max(power) if power else None,
            "first_date": min(dates) if dates else None,
            "last_date": max(dates) if dates else None,
            "status": statuses[-1].value if statuses else None,
            "roles": sorted({c.role for c in self.claims if c.role}),
            "claim_count": len(self.claims),
            "source_count": len({c.source_id for c in self.claims}),
            "conflicts": self.conflicts,
        }


def dates_agree(a: str | None, b: str | None) -> bool:
    """'2025-09' and '2025-09-22' agree (one is a prefix of the other); '2025-09-22' and '2025-09-23' do not."""
    if a is None or b is None:
        return False
    return a.startswith(b) or b.startswith(a)


def _amounts_differ(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    low, high = sorted((a, b))
    return high > low * 1.02


def _pair_conflicts(a: Fact, b: Fact) -> list[str]:
    fields = []
    if dates_agree(a.date, b.date):
        if _amounts_differ(a.amount_usd, b.amount_usd):
            fields.append("amount_usd")
        if a.status and b.status and a.status != b.status:
            fields.append("status")
        if _amounts_differ(a.power_gw, b.power_gw):
            fields.append("power_gw")
    elif a.date and b.date and a.amount_usd is not None and b.amount_usd is not None \
            and not _amounts_differ(a.amount_usd, b.amount_usd):
        fields.append("date")
    return fields


class RawFact(BaseModel):
    """A claim as a loader reads it: names not yet resolved, and where it was read (for error messages)."""

    model_config = ConfigDict(extra="forbid")

    subject: str = Field(min_length=1)
    object: str = Field(min_length=1)
    subject_type: EntityType | None = None
    object_type: EntityType | None = None
    fields: dict[str, Any]
    location: str = ""


class RawBatch(BaseModel):
    """What a loader returns: everything read from one file or article, before resolution."""

    model_config = ConfigDict(extra="forbid")

    origin: str
    sources: list[Source] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    aliases: dict[str, str] = Field(default_factory=dict)
    facts: list[RawFact] = Field(default_factory=list)


class Batch(BaseModel):
    """What one load applies atomically: sources, entity declarations and resolved facts."""

    model_config = ConfigDict(extra="forbid")

    origin: str
    sources: list[Source] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    review: list[Fact] = Field(default_factory=list)

    @field_validator("facts", "review", mode="wrap")
    @classmethod
    def _made_claims_as_they_are(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> list[Fact]:
        """Claims that are ``Fact`` objects already passed their checks when they were made (they are frozen),
        so they are taken as they are; pydantic would run the checks again on each (a few % of a big load)."""
        if isinstance(value, list) and all(type(fact) is Fact for fact in value):
            return list(value)
        return handler(value)  # type: ignore[no-any-return]


class LoadReport(BaseModel):
    """What a load changed: counts of things added and already present."""

    origin: str = ""
    sources_added: int = 0
    sources_unchanged: int = 0
    entities_added: int = 0
    entities_updated: int = 0
    entities_unchanged: int = 0
    facts_added: int = 0
    facts_unchanged: int = 0
    facts_rejected: int = 0
    queued_for_review: int = 0

    def __add__(self, other: LoadReport) -> LoadReport:
        data = {k: getattr(self, k) + getattr(other, k) for k in type(self).model_fields if k != "origin"}
        return LoadReport(origin=self.origin or other.origin, **data)

    @property
    def added(self) -> int:
        return self.sources_added + self.entities_added + self.facts_added
