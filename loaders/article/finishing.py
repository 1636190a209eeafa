"""The article's facts made final: types voted by slots, products to owners, dates shared, duplicates dropped."""

from __future__ import annotations

from typing import Any

from graph.model import RELATIONS, EntityType, Relation

from . import cues
from .mentions import Ent
from .model import ExtractedFact


class Finishing:
    """Mixed into the extractor's run (``extractor._Run``), whose state (sentences, mentions, facts) it reads."""

    # -- finishing: types, owners, validation, duplicates -------------------------------------------------
    def _finish(self) -> list[ExtractedFact]:
        owners: dict[str, Ent] = {}
        for f in self.facts:
            votes = _SLOT_VOTES.get(f.relation)
            if votes:
                for ent, kind in ((f.subject, votes[0]), (f.object, votes[1])):
                    if ent.known is None and kind and not ent.votes.get(kind):
                        ent.votes[kind] += 1 if kind != "product" else 2
        for f in self.facts:
            if f.relation == "develops" and f.object.type in ("product", "project"):
                owners.setdefault(f.object.key, f.subject)
        out: dict[tuple[Any, ...], ExtractedFact] = {}
        for f in self.facts:
            if f.relation != "develops":
                for side in ("subject", "object"):
                    ent = getattr(f, side)
                    if ent.type == "product":
                        owner = owners.get(ent.key) or self._known_owner(ent)
                        if owner is not None:
                            setattr(f, side, owner)
                        elif f.relation in ("supplies", "competes_with", "partners_with"):
                            other = self._other_org(f.sent, {f.subject.key, f.object.key})
                            if other is None:
                                break
                            setattr(f, side, other)
            if f.subject.key == f.object.key:
                continue
            if not _types_ok(f):
                continue
            k = f.key()
            if k not in out or out[k].confidence < f.confidence:
                out[k] = f
        _inherit_dates(list(out.values()))
        self._date_the_lead(list(out.values()))
        kept = _drop_subsumed(list(out.values()))
        return sorted(kept, key=lambda f: (f.sent.idx, f.pattern))

    def _date_the_lead(self, facts: list[ExtractedFact], lead: int = 2) -> None:
        """The news of the article: an undated deal in the title or the first sentences is dated by the publication."""
        published = self.doc.published
        if not published:
            return
        body = [st.idx for st in self.sents if st.start >= self.doc.body_start]
        last = body[min(lead, len(body)) - 1] if body else -1
        for f in facts:
            if f.date is None and f.relation in cues.EVENT_RELATIONS and f.sent.idx <= last \
                    and not cues.PAST_CUE.search(f.sent.masked):
                f.date = published

    def _known_owner(self, ent: Ent) -> Ent | None:
        if ent.known is None:
            return None
        owner_id = self.known.develops.get(ent.known.id)
        if owner_id is None:
            return None
        for e in self.finder.ents.values():
            if e.known is not None and e.known.id == owner_id:
                return e
        return None


_SLOT_VOTES = {
    "leads": ("person", "company"), "invests_in": ("company", "company"), "supplies": ("company", "company"),
    "partners_with": ("company", "company"), "acquires": ("company", "company"),
    "competes_with": ("company", "company"), "develops": ("company", "product"),
    "member_of": ("company", "project"),
}


def _inherit_dates(facts: list[ExtractedFact], reach: int = 2) -> None:
    """An undated deal takes the date of a dated deal between the same two entities stated just before.

    "X and Y announced a partnership on 22 September 2025. It includes X's plan to invest $100B in Y":
    the investment is dated by the sentence before (at most ``reach`` sentences back).
    """
    dated: dict[frozenset[str], tuple[str, int]] = {}
    for f in sorted(facts, key=lambda f: f.sent.idx):
        pair = frozenset((f.subject.key, f.object.key))
        if f.date is not None:
            dated[pair] = (f.date, f.sent.idx)
        elif f.relation in cues.EVENT_RELATIONS and pair in dated and 0 < f.sent.idx - dated[pair][1] <= reach:
            f.date = dated[pair][0]


_DETAILS = ("amount", "currency", "power_gw", "equity_pct", "date", "qualifier", "status")


def _drop_subsumed(facts: list[ExtractedFact]) -> list[ExtractedFact]:
    """Drop a claim when another claim of the article on the same triple (and role) says all it says and more.

    A later sentence that restates a deal without its figures ("AWS will give OpenAI ...") then does not
    stand beside the sentence that gives them; claims that differ on a figure are all kept.
    """
    def details(f: ExtractedFact) -> dict[str, Any]:
        return {k: getattr(f, k) for k in _DETAILS if getattr(f, k) is not None}

    groups: dict[tuple[Any, ...], list[tuple[ExtractedFact, dict[str, Any]]]] = {}
    for f in facts:
        groups.setdefault(f.key()[:4], []).append((f, details(f)))
    kept = []
    for group in groups.values():
        for f, mine in group:
            if not any(g is not f and len(theirs) > len(mine) and all(theirs.get(k) == v for k, v in mine.items())
                       for g, theirs in group):
                kept.append(f)
    return kept


def entity_type(ent: Ent) -> str:
    t = ent.type
    return t if t in {e.value for e in EntityType} else "company"


def _types_ok(f: ExtractedFact) -> bool:
    spec = RELATIONS[Relation(f.relation)]
    return EntityType(entity_type(f.subject)) in spec.subject_types and \
        EntityType(entity_type(f.object)) in spec.object_types
