"""What the extractor works with: a language's compiled lexicon, sentences, extracted facts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType
from typing import Any

from graph.model import RELATIONS, Relation

from . import lexicon_en, lexicon_fr
from .document import Document
from .mentions import Ent, Mention
from .patterns import MENTION, Compiled, compile_patterns
from .quantities import Lexicon, Quantity

EXTRACTOR_NAME = "article-rules/1"
LEXICONS: dict[str, ModuleType] = {"en": lexicon_en, "fr": lexicon_fr}

#: The mask's own brackets, if present in the input, are replaced by plain ones (same length).
NEUTRAL = str.maketrans("⟦⟧⟨⟩⟪⟫", "[]<>[]")
#: Typographic forms read as their plain ones (one character for one, so offsets stay those of the text).
TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "´": "'", "«": '"', "»": '"', "“": '"', "”": '"',
                             "„": '"', "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2011": "-"})

#: Stock tickers are not names: "(NASDAQ: AMD)", "Constellation Energy CEG.O", "SoftBank Group SFTBY SFTBF".
TICKERS = re.compile(r"\((?:NASDAQ|Nasdaq|NYSE|TSE|TYO|LSE|Euronext(?: Paris)?|EPA|ETR|HKEX|SIX|TSX|OTC\w*|KRX|KOSPI|"
                      r"BSE|NSE|ASX|SGX|Xetra)\s*:\s*[A-Z0-9.]{1,8}\)|(?<=[a-z0-9.] )[A-Z]{1,5}\.[A-Z]{1,2}\b"
                      r"|(?<=[a-z] )[A-Z]{4,5} [A-Z]{4,5}\b(?= [a-z])")


def blank(m: re.Match[str]) -> str:
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

