"""A fact's amount, power, stake, date and status, and its confidence from hedges, modals and talks."""

from __future__ import annotations

import re
from typing import Any

from . import cues
from .model import ExtractedFact, Sent
from .quantities import Quantity


class Qualities:
    """Mixed into the extractor's run (``extractor._Run``), whose state (sentences, mentions, facts) it reads."""

    # -- qualities of a fact ------------------------------------------------------------------------------
    def _qualify(self, f: ExtractedFact, s: Sent, m: re.Match[str], p: Any, hedged: bool, modal: bool,
                 talks: bool, single: bool) -> None:
        a, b = m.span()
        g = m.groupdict()
        rel = f.relation
        if rel in cues.MONEY_RELATIONS and single:
            q = None
            if g.get("m") is not None:
                q = s.quants[int(g["m"])]
            else:
                q = self._nearest(s, "money", a, b, p)
            if q is not None:
                f.amount, f.currency, f.amount_text, f.qualifier = q.value, q.currency, q.text, q.qualifier
        if rel == "supplies":
            q = s.quants[int(g["pw"])] if g.get("pw") is not None else self._nearest(s, "power", a, b, p, span=80)
            if q is not None:
                f.power_gw = q.value
                f.qualifier = f.qualifier or q.qualifier
        if rel == "invests_in" and g.get("pc") is not None:
            f.equity_pct = s.quants[int(g["pc"])].value
        if rel in cues.EVENT_RELATIONS:
            d = self._nearest(s, "date", a, b, p, span=200)
            if d is not None:
                f.date = d.value
            for status, rx in self.lang.status:
                if (not p.pre or status == "cancelled") and rx.search(s.masked):
                    f.status = status  # a presupposed deal ("its planned acquisition of X") can still be called off
                    break
            if rel == "invests_in" and ("round" in p.flags or p.o == "raiser") and f.status != "cancelled" \
                    and cues.COMPLETED_ROUND.search(s.masked):
                f.status = "completed"  # money raised is money in
        conf = p.conf
        if f.subject.known is not None and f.object.known is not None:
            conf += 0.05
        if not p.pre:
            if talks:
                f.status = "in_talks"
                conf *= 0.85
            if modal:
                conf *= 0.65
            if hedged:
                f.status = "rumored" if rel in cues.EVENT_RELATIONS else f.status
                conf *= 0.5
        f.confidence = round(min(conf, 0.99), 3)

    def _nearest(self, s: Sent, kind: str, a: int, b: int, p: Any, span: int = 60) -> Quantity | None:
        best, best_d = None, None
        for qi, q in enumerate(s.quants):
            if q.kind != kind or qi not in s.qpos:
                continue
            if kind == "money":
                if "not_deal" in q.tags:
                    continue
                if "round" in p.flags or "round" in q.tags:
                    x, _ = s.qpos[qi]
                    if not (x >= b and cues.CONTRIBUTES.match(s.masked[b:x + 1])):
                        continue
            x, y = s.qpos[qi]
            if a <= x < b:
                # Inside the match: the figure nearest its end belongs to the trigger verb and the object
                # ("signed a contract worth $11.9B and took $350M of its shares": the stake is $350M).
                d = (b - y) / 10_000
            else:
                d = a - y if y <= a else x - b
                gap = s.masked[min(y, b):max(x, a)]
                if kind != "date" and (";" in gap or re.search(r"[⟦⟨]", gap) and d > 25):
                    continue
            if d > span:
                continue
            if best_d is None or d < best_d:
                best, best_d = q, d
        return best
