"""The article extractor: document -> sentences -> mentions -> masked sentences -> patterns -> facts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType
from typing import Any

from graph.model import RELATIONS, EntityType, Relation

from . import lexicon_en, lexicon_fr
from .document import Document
from .mentions import Ent, KnownEntities, Mention, MentionFinder
from .patterns import MENTION, Compiled, compile_patterns, mention_ids
from .quantities import Lexicon, Quantity, find_quantities
from .sentences import split_sentences

__all__ = ["EXTRACTOR_NAME", "ExtractedFact", "Extraction", "extract_document"]

EXTRACTOR_NAME = "article-rules/1"
LEXICONS: dict[str, ModuleType] = {"en": lexicon_en, "fr": lexicon_fr}
_MENTION_TOKEN = re.compile(MENTION)
_EVENT_RELATIONS = {"invests_in", "supplies", "acquires", "partners_with", "member_of"}
_MONEY_RELATIONS = {"invests_in", "supplies", "acquires"}
_ORG_TYPES = {"company", "fund", "government", "project"}
_RAISE = re.compile(r"\b(?:raised|raises|raising|raise|secured|secures|closed a|closes a|landed|lands|nabbed|bagged|"
                    r"a levé|lève|levé|levait|a bouclé|boucle|avoir bouclé|levée(?: de fonds)?|lèvera|va lever|"
                    r"a récolté|récolte|a obtenu|obtient)\b", re.I)
#: "the financing of X", "la levée de fonds de X": who raises a round named without a verb
_ROUND_OF = re.compile(r"\b(?:financing|funding|round|raise|fundraise|levée(?: de fonds)?|tour de table|financement)"
                       r" (?:of|for|de|d'|du) (?:the |la |le |l')?⟦(\d+)⟧", re.I)
#: a sentence about money raised: list patterns flagged ``funding_context`` need one here or just before
_FUNDING_CUE = re.compile(r"\b(?:round|funding|financing|raise[sd]?|raising|investors?|backers?|series [a-h]\b|seed|"
                          r"valuation|levée|lève|levé|tour de table|financement|investisseurs?|actionnaires?|série [a-h]\b|"
                          r"amorçage|valorisation|au capital)", re.I)
#: background, not the news of the day: "had invested", "in 2019", "previously", "déjà", "auparavant"
_PAST_CUE = re.compile(r"\b(?:had|previously|earlier|formerly|once|already|last year|avait|avaient|déjà|auparavant|"
                       r"précédemment|l'an dernier|l'année dernière)\b|⟪D", re.I)
_COMPLETED_ROUND = re.compile(r"\b(?:raised|has raised|secured|closed|completed|completion|landed|a levé|lève|vient de lever|"
                              r"a bouclé|boucle|a finalisé|finalise|a obtenu|a récolté)\b", re.I)
_FORMER = re.compile(r"\b(?:former|formerly|ex-|onetime|one-time|erstwhile|ancien|ancienne|anciens|ex)\b[^⟦⟨]{0,3}"
                     r"(?:[⟦⟨]\d+[⟧⟩]\s*)?(?:'s\s*)?[^⟦⟨]{0,3}$|\bex-", re.I)
_EACH = re.compile(r"\b(?:each|apiece|chacun|chacune)\b", re.I)
_CONTRAST = re.compile(r"\b(?:tandis que|alors que|while|whereas|et|and)\s+$", re.I)
_CONTRIBUTES = re.compile(r"^[^⟦⟨.;]{0,25}\b(?:qui apporte\w*|apporter\w*|contribu\w+|which (?:will )?(?:invest|put|"
                          r"provide|contribute)\w*|investing|putting in)\b", re.I)


#: The mask's own brackets, if present in the input, are replaced by plain ones (same length).
_NEUTRAL = str.maketrans("⟦⟧⟨⟩⟪⟫", "[]<>[]")
#: Typographic forms read as their plain ones (one character for one, so offsets stay those of the text).
TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "´": "'", "«": '"', "»": '"', "“": '"', "”": '"',
                             "„": '"', "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2011": "-"})


#: Stock tickers are not names: "(NASDAQ: AMD)", "Constellation Energy CEG.O", "SoftBank Group SFTBY SFTBF".
_TICKERS = re.compile(r"\((?:NASDAQ|Nasdaq|NYSE|TSE|TYO|LSE|Euronext(?: Paris)?|EPA|ETR|HKEX|SIX|TSX|OTC\w*|KRX|KOSPI|"
                      r"BSE|NSE|ASX|SGX|Xetra)\s*:\s*[A-Z0-9.]{1,8}\)|(?<=[a-z0-9.] )[A-Z]{1,5}\.[A-Z]{1,2}\b"
                      r"|(?<=[a-z] )[A-Z]{4,5} [A-Z]{4,5}\b(?= [a-z])")


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


@dataclass
class Language:
    code: str
    lex: ModuleType
    patterns: list[Compiled]
    quantities: Lexicon
    negation: re.Pattern[str]
    hedge: re.Pattern[str]
    modal: re.Pattern[str]
    talks: re.Pattern[str]
    status: list[tuple[str, re.Pattern[str]]]
    roles: dict[str, str]
    role_rx: re.Pattern[str]


@lru_cache(maxsize=4)
def language(code: str) -> Language:
    lex = LEXICONS.get(code, lexicon_en)
    roles = lex.ROLES
    return Language(
        code=code, lex=lex, patterns=compile_patterns(lex.PATTERNS, roles),
        quantities=Lexicon(*[m for m in (lexicon_en, lexicon_fr) if m is not lex], lex),
        negation=re.compile(lex.NEGATIONS, re.I), hedge=re.compile(lex.HEDGES.replace("{N}", MENTION), re.I),
        modal=re.compile(lex.MODALS, re.I), talks=re.compile(lex.TALKS, re.I),
        status=[(s, re.compile(rx, re.I)) for s, rx in lex.STATUS_CUES], roles=roles,
        role_rx=re.compile("|".join(re.escape(r) for r in sorted(roles, key=len, reverse=True)), re.I))


@dataclass
class Sent:
    idx: int
    start: int
    end: int
    text: str
    mentions: list[Mention]
    quants: list[Quantity]
    evidence: str = ""  # the sentence as written (``text`` has typographic quotes and spaces made plain)
    masked: str = ""
    qpos: dict[int, tuple[int, int]] = field(default_factory=dict)  # quant index -> masked span


@dataclass
class ExtractedFact:
    relation: str
    subject: Ent
    object: Ent
    sent: Sent
    confidence: float
    pattern: int
    role: str | None = None
    amount: float | None = None
    currency: str | None = None
    amount_text: str | None = None
    qualifier: str | None = None
    power_gw: float | None = None
    equity_pct: float | None = None
    date: str | None = None
    status: str | None = None

    def key(self) -> tuple[Any, ...]:
        s, o = self.subject.key, self.object.key
        if RELATIONS[Relation(self.relation)].symmetric and o < s:
            s, o = o, s
        return (s, self.relation, o, self.role, self.amount, self.currency, self.power_gw, self.date, self.sent.idx)


@dataclass
class Extraction:
    document: Document
    facts: list[ExtractedFact]
    entities: list[Ent]


def extract_document(doc: Document, known: KnownEntities | None = None) -> Extraction:
    return _Run(doc, known or KnownEntities()).run()


class _Run:
    def __init__(self, doc: Document, known: KnownEntities) -> None:
        self.doc = doc
        self.lang = language(doc.language)
        self.known = known
        self.finder = MentionFinder(known, self.lang.lex, lexicon_en.STOPWORDS | lexicon_fr.STOPWORDS,
                                    list(lexicon_en.ROLES) + list(lexicon_fr.ROLES))
        self.sents: list[Sent] = []
        self.by_id: dict[int, Mention] = {}
        self.facts: list[ExtractedFact] = []
        self.topic: list[Ent] = []

    # ---------------------------------------------------------------------------------------------------
    def run(self) -> Extraction:
        doc = self.doc
        plain = _TICKERS.sub(_blank, doc.text.translate(TYPOGRAPHIC))
        spans = split_sentences(plain)
        texts = [plain[a:b] for a, b in spans]
        self.finder.learn(texts)
        published = doc.published_date
        last_currency: str | None = None
        for i, ((a, b), text) in enumerate(zip(spans, texts, strict=False)):
            quants = find_quantities(text, self.lang.quantities, doc.language, published, last_currency)
            for q in quants:
                if q.kind == "money":
                    last_currency = q.currency
            ments = self.finder.find(i, text, a, len(self.by_id), title=a < doc.body_start)
            for m in ments:
                self.by_id[m.id] = m
            self.sents.append(Sent(i, a, b, text, ments, quants, evidence=doc.text[a:b]))
        self._merge_short_names()
        for s in self.sents:
            self._mask(s)
        orgs = sorted((e for e in self.finder.ents.values() if e.orgish and e.type != "project"),
                      key=lambda e: (-e.count, e.first))
        self.topic = orgs[:2]
        for s in self.sents:
            if s.mentions or "⟪" in s.masked:
                self._apply(s)
        return Extraction(doc, self._finish(), list(self.finder.ents.values()))

    def _merge_short_names(self) -> None:
        """"Quillon" after "Quillon Robotics" (or in the title) is the same organisation."""
        ents = self.finder.ents
        longer: dict[str, list[Ent]] = {}
        for e in ents.values():
            if " " in e.display and e.type != "person":
                longer.setdefault(e.display.split()[0], []).append(e)
        for key, e in list(ents.items()):
            if e.known is None and " " not in e.name and len(longer.get(e.name, [])) == 1:
                target = longer[e.name][0]
                if e.count - 3 * e.titles > target.count - 3 * target.titles:
                    continue
                target.count += e.count
                target.first = min(target.first, e.first)
                for m in self.by_id.values():
                    if m.ent is e:
                        m.ent = target
                del ents[key]

    def _mask(self, s: Sent) -> None:
        items: list[tuple[int, int, str]] = []
        for m in s.mentions:
            tok = f"⟦{m.id}⟧" if m.kind == "name" else f"⟨{m.id}⟩"
            items.append((m.start, m.end, tok))
        letter = {"money": "M", "power": "P", "pct": "C", "date": "D"}
        for qi, q in enumerate(s.quants):
            items.append((q.start, q.end, f"⟪{letter[q.kind]}{qi}⟫"))
        items.sort()
        out, pos, cur = [], 0, 0
        for a, b, tok in items:
            if a < pos:
                continue
            out.append(s.text[pos:a].translate(_NEUTRAL))
            cur += a - pos
            if tok.startswith("⟪"):
                s.qpos[int(tok[2:-1])] = (cur, cur + len(tok))
            out.append(tok)
            cur += len(tok)
            pos = b
        out.append(s.text[pos:].translate(_NEUTRAL))
        s.masked = "".join(out).replace("’", "'")

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

    # -- patterns -----------------------------------------------------------------------------------------
    def _apply(self, s: Sent) -> None:
        accepted: list[tuple[str, int, int, set[int]]] = []
        hedged = bool(self.lang.hedge.search(s.masked))
        modal = bool(self.lang.modal.search(s.masked))
        talks = bool(self.lang.talks.search(s.masked))
        mentions = len(_MENTION_TOKEN.findall(s.masked))
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
                _FUNDING_CUE.search(self.sents[i].masked) for i in (s.idx, s.idx - 1) if i >= 0):
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
        if rel == "leads" and _FORMER.search(s.masked[max(0, a - 14):m.start("role") if g.get("role") else a]):
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
                    single = len(subjects) * len(objs) == 1 or (len(objs) == 1 and bool(_EACH.search(m.group(0))))
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
                named = _ROUND_OF.search(sent.masked)
                if named:
                    e = self.resolve(self.by_id[int(named.group(1))], exclude)
                    if e is not None and e.orgish and e.key not in exclude:
                        return [e]
                text = sent.masked[:a] if si == s.idx else sent.masked
                hits = list(_RAISE.finditer(text))
                if not hits:
                    continue
                pos = hits[-1].start()
                for x in reversed(sent.mentions):
                    if self._mpos(sent, x) < pos:
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
                    or _CONTRAST.search(pre):
                if x.ent.key != anchor.key and x.ent not in rivals:
                    rivals.append(x.ent)
        for r in rivals:
            f = ExtractedFact("competes_with", r, anchor, nxt, p.conf, index)
            self.facts.append(f)
        return bool(rivals)

    # -- qualities of a fact ------------------------------------------------------------------------------
    def _qualify(self, f: ExtractedFact, s: Sent, m: re.Match[str], p: Any, hedged: bool, modal: bool,
                 talks: bool, single: bool) -> None:
        a, b = m.span()
        g = m.groupdict()
        rel = f.relation
        if rel in _MONEY_RELATIONS and single:
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
        if rel in _EVENT_RELATIONS:
            d = self._nearest(s, "date", a, b, p, span=200)
            if d is not None:
                f.date = d.value
            if not p.pre:
                for status, rx in self.lang.status:
                    if rx.search(s.masked):
                        f.status = status
                        break
            if rel == "invests_in" and ("round" in p.flags or p.o == "raiser") and f.status != "cancelled" \
                    and _COMPLETED_ROUND.search(s.masked):
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
                f.status = "rumored" if rel in _EVENT_RELATIONS else f.status
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
                    if not (x >= b and _CONTRIBUTES.match(s.masked[b:x + 1])):
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
                else:
                    pass
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
            if f.date is None and f.relation in _EVENT_RELATIONS and f.sent.idx <= last \
                    and not _PAST_CUE.search(f.sent.masked):
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

    def _other_org(self, s: Sent, exclude: set[str]) -> Ent | None:
        for x in s.mentions:
            e = self.resolve(x, exclude)
            if e is not None and e.orgish and e.key not in exclude and e.type != "project":
                return e
        return None


def _ids(g: dict[str, str | None], name: str) -> list[int]:
    value = g.get(name)
    if value is None:
        return []
    return [int(value)] if value.isdigit() else mention_ids(value)


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
        elif f.relation in _EVENT_RELATIONS and pair in dated and 0 < f.sent.idx - dated[pair][1] <= reach:
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
