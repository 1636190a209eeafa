"""The article extractor: document -> sentences -> mentions -> masked sentences -> patterns -> facts.

The steps live in their own modules: ``resolution`` (what mentions stand for), ``building`` (matches to facts),
``qualities`` (amounts, dates, status, confidence) and ``finishing`` (types, owners, duplicates).
"""

from __future__ import annotations

from . import lexicon_en, lexicon_fr
from .building import Building
from .document import Document
from .finishing import Finishing, entity_type
from .mentions import Ent, KnownEntities, Mention, MentionFinder
from .model import EXTRACTOR_NAME, NEUTRAL, TICKERS, TYPOGRAPHIC, ExtractedFact, Extraction, Sent, blank, language
from .qualities import Qualities
from .quantities import find_quantities
from .resolution import Resolution
from .sentences import split_sentences

__all__ = ["EXTRACTOR_NAME", "ExtractedFact", "Extraction", "extract_document", "entity_type"]


def extract_document(doc: Document, known: KnownEntities | None = None) -> Extraction:
    return _Run(doc, known or KnownEntities()).run()


class _Run(Resolution, Building, Qualities, Finishing):
    """One article's extraction: the steps are mixed in from their modules and share this run's state."""

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
        plain = TICKERS.sub(blank, doc.text.translate(TYPOGRAPHIC))
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
            out.append(s.text[pos:a].translate(NEUTRAL))
            cur += a - pos
            if tok.startswith("⟪"):
                s.qpos[int(tok[2:-1])] = (cur, cur + len(tok))
            out.append(tok)
            cur += len(tok)
            pos = b
        out.append(s.text[pos:].translate(NEUTRAL))
        s.masked = "".join(out).replace("’", "'")
