"""Who a mention, a pronoun or an empty slot of a pattern stands for."""

from __future__ import annotations

import re

from . import cues
from .mentions import Ent, Mention
from .model import Sent
from .patterns import mention_ids


class Resolution:
    """Mixed into the extractor's run (``extractor._Run``), whose state (sentences, mentions, facts) it reads."""

    # -- resolution helpers -----------------------------------------------------------------------------
    def _named_orgs(self, s: Sent) -> list[Mention]:
        return [m for m in s.mentions if m.kind == "name" and m.ent is not None and m.ent.orgish]

    def sentence_subject(self, si: int, exclude: set[str], before: int | None = None, depth: int = 0) -> Ent | None:
        if si < 0 or depth > 4:
            return None
        sent = self.sents[si]
        clause_start = 0
        if before is not None:
            cut = max(sent.text.rfind(":", 0, before), sent.text.rfind(";", 0, before))
            clause_start = cut + 1 if cut >= 0 else 0
        for m in sent.mentions:
            if before is not None and m.start >= before:
                break
            if m.start < clause_start:
                continue
            if m.prep or m.kind == "pair":
                continue
            ent = self.resolve(m, exclude, depth + 1)
            if ent is not None and ent.orgish and ent.key not in exclude:
                return ent
            if ent is not None and not ent.orgish and m.kind == "name" and ent.type == "person":
                continue
        return None

    def resolve(self, m: Mention, exclude: set[str], depth: int = 0) -> Ent | None:
        if m.kind == "name":
            e = m.ent
            if e is not None and e.known is None and " " not in e.name:
                full = self.finder.surnames.get(e.name)
                if full is not None and full is not e and full.first < self.sents[m.sent].start + m.start:
                    m.ent = full
                    return full
            return e
        if depth > 4:
            return None
        if m.kind == "pron":
            ent = self.sentence_subject(m.sent, exclude, before=m.start, depth=depth)
            if ent is None:
                for x in self.sents[m.sent].mentions:
                    if x.start >= m.start:
                        break
                    if x.kind == "name" and x.ent is not None and x.ent.orgish and x.ent.key not in exclude:
                        ent = x.ent
                        break
            for back in (1, 2):
                if ent is None:
                    ent = self.sentence_subject(m.sent - back, exclude, depth=depth) or \
                        self._first_org(m.sent - back, exclude)
            return ent or self._salient(m.sent, exclude, None) or self._topic(exclude)
        if m.kind == "desc":
            return self._salient(m.sent, exclude, m.start) or self._topic(exclude)
        return None

    def _first_org(self, si: int, exclude: set[str]) -> Ent | None:
        if si < 0:
            return None
        for x in self.sents[si].mentions:
            if x.kind == "name" and x.ent is not None and x.ent.orgish and x.ent.key not in exclude \
                    and x.ent.type != "project":
                return x.ent
        return None

    def _salient(self, si: int, exclude: set[str], before: int | None) -> Ent | None:
        if before is not None:
            here = self._salient_in([si], si, exclude, before)
            if here is not None:
                return here
        return self._salient_in([si, si - 1, si - 2], si, exclude, before)

    def _salient_in(self, rows: list[int], si: int, exclude: set[str], before: int | None) -> Ent | None:
        cands: list[Ent] = []
        for j in rows:
            if j < 0:
                continue
            for m in self.sents[j].mentions:
                if j == si and (before is None or m.start >= before):
                    continue
                if m.kind == "name" and m.ent and m.ent.orgish and m.ent.key not in exclude \
                        and m.ent.type != "project":
                    cands.append(m.ent)
        if not cands:
            return None
        return max(cands, key=lambda e: (e.count, -e.first))

    def _topic(self, exclude: set[str]) -> Ent | None:
        for e in self.topic:
            if e.key not in exclude:
                return e
        return None

    def _ents(self, ids: list[int], exclude: set[str]) -> list[Ent]:
        out = []
        for i in ids:
            m = self.by_id.get(i)
            if m is None:
                continue
            if m.kind == "pair":
                out.extend(e for e in self.topic if e.key not in exclude)
                continue
            e = self.resolve(m, exclude)
            if e is not None and e not in out:
                out.append(e)
        return out

    def _default(self, how: str, s: Sent, m: re.Match[str], exclude: set[str], side: str,
                 subjects: list[Ent] | None = None) -> list[Ent]:
        a, b = m.span()
        mentions_before = [x for x in s.mentions if self._mpos(s, x) < a]
        if how == "pair":
            return [e for e in self.topic if e.key not in exclude][:2] if len(self.topic) == 2 else []
        if how in ("before", "antecedent"):
            for x in reversed(mentions_before):
                if how == "antecedent" and x.prep and x.kind == "name":
                    continue
                e = self.resolve(x, exclude)
                if e is not None and e.orgish and e.key not in exclude:
                    return [e]
            return []
        if how == "sent":
            e = self.sentence_subject(s.idx, exclude)
            for back in (1, 2):
                if e is None:
                    e = self.sentence_subject(s.idx - back, exclude)
            e = e or self._topic(exclude)
            return [e] if e else []
        if how == "raiser":
            for si in range(s.idx, max(-1, s.idx - 6), -1):
                sent = self.sents[si]
                named = cues.ROUND_OF.search(sent.masked)
                if named:
                    e = self.resolve(self.by_id[int(named.group(1))], exclude)
                    if e is not None and e.orgish and e.key not in exclude:
                        return [e]
                text = sent.masked[:a] if si == s.idx else sent.masked
                hits = list(cues.RAISE.finditer(text))
                if not hits:
                    continue
                pos = hits[-1].start()
                venture = cues.RAISED_FOR.match(sent.masked, hits[-1].end())
                if venture:  # "raised $1B for his new venture, Safe Superintelligence"
                    e = self.resolve(self.by_id[int(venture.group(1))], exclude)
                    if e is not None and e.orgish and e.key not in exclude:
                        return [e]
                for x in reversed(sent.mentions):
                    if self._mpos(sent, x) < pos and not x.prep:  # not "co-founder of OpenAI, raised"
                        e = self.resolve(x, exclude)
                        if e is not None and e.orgish and e.key not in exclude and e.type != "project":
                            return [e]
            e = self._topic(exclude) or self._other_org(s, exclude) or self._salient(s.idx, exclude, None)
            return [e] if e else []
        if how == "role_org":
            after = s.masked[b:b + 14]
            mm = re.match(r",? ⟦(\d+)⟧", after)
            if mm:
                e = self.by_id[int(mm.group(1))].ent
                if e is not None and e.orgish:
                    return [e]
            for f in reversed(self.facts):
                if f.sent is s and f.relation == "leads":
                    return [f.object]
            for x in reversed(mentions_before):
                e = self.resolve(x, exclude)
                if e is not None and e.orgish and e.key not in exclude and x.kind == "name":
                    return [e]
            e = self.sentence_subject(s.idx - 1, exclude)
            if e is None:
                for x in s.mentions:
                    if self._mpos(s, x) >= b and x.kind == "name" and x.ent and x.ent.orgish \
                            and x.ent.key not in exclude:
                        e = x.ent
                        break
            return [e] if e else []
        if how == "sent_or_topic":
            e = self.sentence_subject(s.idx, exclude) or self._topic(exclude)
            return [e] if e else []
        if how == "founded_org":
            cands = [x.ent for x in self._named_orgs(s) if x.ent.key not in exclude and x.ent.type != "product"]
            return [max(cands, key=lambda e: (e.count, -e.first))] if cands else []
        if how == "other":
            inside = {self.by_id[i].ent.key for i in mention_ids(m.group(0)) if self.by_id[i].ent is not None}
            for x in s.mentions:
                if x.kind == "name" and x.ent and x.ent.orgish and x.ent.key not in inside | exclude:
                    return [x.ent]
            e = self._topic(exclude | inside)
            return [e] if e else []
        if how == "last_buyer":
            for f in reversed(self.facts):
                if f.relation == "acquires" and f.subject.key not in exclude:
                    return [f.subject]
            e = self._topic(exclude)
            return [e] if e else []
        if how == "customer":
            for x in s.mentions:
                if self._mpos(s, x) >= b and x.kind == "name" and x.prep and x.ent and x.ent.orgish \
                        and x.ent.key not in exclude and not re.search(r"[;:]|⟪P", s.masked[b:self._mpos(s, x)]):
                    return [x.ent]
            e = self.sentence_subject(s.idx, exclude) or self.sentence_subject(s.idx - 1, exclude)
            return [e] if e else []
        if how == "models_owner":
            for i in mention_ids(m.group(0)):
                x = self.by_id[i]
                e = self.resolve(x, exclude)
                if e is not None and e.orgish and e.key not in exclude:
                    return [e]
            return []
        if how == "after":
            return []
        return []

    def _mpos(self, s: Sent, x: Mention) -> int:
        tok = f"⟦{x.id}⟧" if x.kind == "name" else f"⟨{x.id}⟩"
        pos = s.masked.find(tok)
        return pos if pos >= 0 else 10**9

    def _other_org(self, s: Sent, exclude: set[str]) -> Ent | None:
        for x in s.mentions:
            e = self.resolve(x, exclude)
            if e is not None and e.orgish and e.key not in exclude and e.type != "project":
                return e
        return None
