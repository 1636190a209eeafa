"""Pattern matches on a masked sentence become facts: arguments, slots, roles, copies and rivals."""

from __future__ import annotations

import re
from typing import Any

from . import cues
from .mentions import Ent, Mention
from .model import ExtractedFact, Sent
from .patterns import Compiled, mention_ids


class Building:
    """Mixed into the extractor's run (``extractor._Run``), whose state (sentences, mentions, facts) it reads."""

    # -- patterns -----------------------------------------------------------------------------------------
    def _apply(self, s: Sent) -> None:
        accepted: list[tuple[str, int, int, set[int]]] = []
        hedged = bool(self.lang.hedge.search(s.masked))
        modal = bool(self.lang.modal.search(s.masked))
        talks = bool(self.lang.talks.search(s.masked))
        mentions = len(cues.MENTION_TOKEN.findall(s.masked))
        for cp in self.lang.patterns:
            if cp.mentions > mentions:
                continue
            p = cp.pattern
            for m in cp.regex.finditer(s.masked):
                a, b = m.span()
                gd = m.groupdict()
                ids = {i for k in ("s", "o", "p", "sl", "ol", "pl", "xl") for i in _ids(gd, k)}
                if any(r == p.relation and a < y and x < b and (ids <= used or used <= ids) for r, x, y, used in accepted):
                    continue
                if self._negated(s.masked, a, b):
                    continue
                made = self._build(s, cp, m, hedged, modal, talks)
                if made:
                    accepted.append((p.relation, a, b, ids))

    def _negated(self, masked: str, a: int, b: int) -> bool:
        inside = re.sub(r"[⟦⟨⟪][^⟧⟩⟫]*[⟧⟩⟫]", " ", masked[a:b])
        if self.lang.negation.search(inside):
            return True
        before = masked[max(0, a - 40):a]
        before = re.split(r"[,;:]", before)[-1]
        return bool(self.lang.negation.search(before))

    def _build(self, s: Sent, cp: Compiled, m: re.Match[str], hedged: bool, modal: bool, talks: bool) -> bool:
        p = cp.pattern
        g = m.groupdict()
        rel = p.relation
        a, b = m.span()
        subj_ids = _ids(g, "s") or _ids(g, "sl") or _ids(g, "p") or _ids(g, "pl")
        if "with_list" in p.flags:
            subj_ids = _ids(g, "p") + _ids(g, "pl")
        if g.get("rest") is not None:
            rest_ids = mention_ids(g["rest"])
            subj_ids = [i for i in rest_ids if self._personish(self.by_id[i])]
        obj_ids = _ids(g, "o") or _ids(g, "ol")
        named = {self.by_id[i].ent.key for i in subj_ids + obj_ids
                 if self.by_id[i].kind == "name" and self.by_id[i].ent is not None}
        if "funding_context" in p.flags and not any(
                cues.FUNDING_CUE.search(self.sents[i].masked) for i in (s.idx, s.idx - 1) if i >= 0):
            return False
        if "pronoun_subject" in p.flags and (not subj_ids or self.by_id[subj_ids[0]].kind != "pron"):
            return False
        objs = self._ents(obj_ids, named - {self.by_id[i].ent.key for i in obj_ids
                                            if self.by_id[i].ent is not None}) if obj_ids else []
        if "pair_mention" in p.flags:
            if not subj_ids or self.by_id[subj_ids[0]].kind != "pair" or len(self.topic) < 2 \
                    or " " not in self.by_id[subj_ids[0]].text:
                return False
            f = ExtractedFact(rel, self.topic[0], self.topic[1], s, p.conf, cp.index)
            self._qualify(f, s, m, p, hedged, modal, talks, single=False)
            self.facts.append(f)
            return True
        if "among" in p.flags:
            ents = self._ents(subj_ids, set())
            made = False
            for i, x in enumerate(ents):
                for y in ents[i + 1:]:
                    if x.key != y.key and x.orgish and y.orgish:
                        f = ExtractedFact(rel, x, y, s, p.conf, cp.index)
                        self._qualify(f, s, m, p, hedged, modal, talks, single=False)
                        self.facts.append(f)
                        made = True
            return made
        if "next_sentence" in p.flags:
            return self._rivals(s, p, cp.index, m, objs)
        if "copy" in p.flags or "copy_subject" in p.flags:
            return self._copy(s, p, cp.index, m, subj_ids, objs)
        subjects = self._ents(subj_ids, {o.key for o in objs}) if subj_ids else []
        if not subjects:
            subjects = self._default(p.s, s, m, {o.key for o in objs}, side="s")
        if not objs:
            objs = self._default(p.o, s, m, {x.key for x in subjects}, side="o", subjects=subjects)
        extra = self._ents(mention_ids(g.get("xl")), set()) if g.get("xl") else []
        subjects = subjects + [e for e in extra if e not in subjects]
        if not subjects or not objs:
            return False
        if rel == "leads" and cues.FORMER.search(s.masked[max(0, a - 14):m.start("role") if g.get("role") else a]):
            return False  # "former OpenAI CTO Mira Murati", "l'ancien patron de X": not a current role
        roles = self._roles(g.get("role"), p.role) if rel == "leads" else [None]
        if rel == "leads" and not roles:
            return False
        made = False
        for subj in subjects:
            for obj in objs:
                if subj is obj or subj.key == obj.key:
                    continue
                if not self._slot_ok(rel, p, subj, obj):
                    continue
                for role in roles:
                    fact = ExtractedFact(rel, subj, obj, s, p.conf, cp.index, role=role)
                    single = len(subjects) * len(objs) == 1 or (len(objs) == 1 and bool(cues.EACH.search(m.group(0))))
                    self._qualify(fact, s, m, p, hedged, modal, talks, single=single)
                    self.facts.append(fact)
                    made = True
        return made

    def _personish(self, m: Mention) -> bool:
        e = m.ent
        if e is None or m.kind != "name":
            return False
        if e.known is not None:
            return e.type == "person"
        return e.votes.get("person", 0) > 0 or not (set(e.votes) & {"company", "fund", "product", "project"})

    def _slot_ok(self, rel: str, p: Any, subj: Ent, obj: Ent) -> bool:
        if rel == "leads":
            if subj.known is not None and subj.type != "person":
                return False
            if subj.known is None and (set(subj.votes) - {"person"}) and subj.votes.get("person", 0) == 0:
                return False
            if not obj.orgish:
                return False
            self.finder.person_vote(subj)
            return True
        if subj.type == "person" and rel not in ("invests_in", "develops"):
            return False
        if obj.type == "person":
            return False
        if "product_object" in p.flags or rel == "develops":
            if obj.known is not None and obj.type not in ("product", "project"):
                return False
            if obj.known is None and (obj.votes.get("company", 0) or obj.votes.get("fund", 0)) \
                    and not obj.votes.get("product", 0):
                return False
        if "product_shaped" in p.flags and not (re.search(r"\d", obj.name) and re.search(r"[A-Za-z]", obj.name)):
            return False
        if "project_object" in p.flags and obj.known is not None and obj.type != "project":
            return False
        return True

    def _roles(self, text: str | None, fixed: str | None) -> list[str]:
        if fixed:
            return [fixed]
        if not text:
            return []
        out = []
        for m in self.lang.role_rx.finditer(text):
            if re.search(r"(?:former|ex-|ancien|ancienne|future?)\s*$", text[:m.start()]):
                continue  # "co-founder and former chief scientist": only the current role
            role = self.lang.roles.get(m.group(0).lower())
            if role and role not in out:
                out.append(role)
        return out

    def _copy(self, s: Sent, p: Any, index: int, m: re.Match[str], subj_ids: list[int], objs: list[Ent]) -> bool:
        prev = [f for f in self.facts if f.sent is s and f.relation == p.relation]
        if not prev:
            return False
        base = prev[-1]
        made = False
        if "copy_subject" in p.flags:
            for obj in objs:
                if obj.key != base.subject.key:
                    f = ExtractedFact(p.relation, base.subject, obj, s, p.conf, index, date=None)
                    self._qualify(f, s, m, p, False, False, False, single=True)
                    self.facts.append(f)
                    made = True
            return made
        for subj in self._ents(subj_ids, {base.object.key}):
            if subj.key in (base.object.key, base.subject.key) or subj.orgish == (p.relation == "leads"):
                continue
            f = ExtractedFact(p.relation, subj, base.object, s, min(p.conf, base.confidence), index,
                              date=base.date, status=base.status, role=base.role)
            self.facts.append(f)
            made = True
        return made

    def _rivals(self, s: Sent, p: Any, index: int, m: re.Match[str], objs: list[Ent]) -> bool:
        if s.idx + 1 >= len(self.sents):
            return False
        anchor = objs[0] if objs else None
        if anchor is None:
            ids = _ids(m.groupdict(), "s")
            ents = self._ents(ids, set()) if ids else self._default(p.s, s, m, set(), "s")
            anchor = ents[0] if ents else None
        if anchor is None:
            return False
        nxt = self.sents[s.idx + 1]
        rivals: list[Ent] = []
        for k, x in enumerate(nxt.mentions):
            if x.kind != "name" or x.ent is None or x.ent.type not in (None, "company"):
                continue
            if x.ent.votes.get("fund", 0):
                continue
            pre = nxt.masked[:self._mpos(nxt, x)]
            if not rivals and not any(y.kind == "name" and y.ent and y.ent.orgish for y in nxt.mentions[:k]) \
                    or cues.CONTRAST.search(pre):
                if x.ent.key != anchor.key and x.ent not in rivals:
                    rivals.append(x.ent)
        for r in rivals:
            f = ExtractedFact("competes_with", r, anchor, nxt, p.conf, index)
            self.facts.append(f)
        return bool(rivals)


def _ids(g: dict[str, str | None], name: str) -> list[int]:
    value = g.get(name)
    if value is None:
        return []
    return [int(value)] if value.isdigit() else mention_ids(value)
