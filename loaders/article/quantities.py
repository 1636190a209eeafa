"""Amounts, power, percentages and dates as written in English or French, normalised.

``find_quantities(sentence, lex, published)`` returns spans with their values; the extractor masks them
as ``⟪M0⟫`` (money) ``⟪P0⟫`` (power) ``⟪C0⟫`` (percent) ``⟪D0⟫`` (date) before matching relation patterns.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import ModuleType
from typing import Any

__all__ = ["Quantity", "find_quantities", "parse_number", "Lexicon"]

_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_NUM = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*"


@dataclass
class Quantity:
    kind: str  # money | power | pct | date
    start: int
    end: int
    text: str
    value: Any
    currency: str | None = None
    qualifier: str | None = None
    tags: set[str] = field(default_factory=set)  # not_deal, round


class Lexicon:
    """The pieces of a language lexicon quantities need, with compiled regexes."""

    def __init__(self, *mods: ModuleType) -> None:
        self.scales: dict[str, float] = {}
        self.currencies: dict[str, str] = {}
        self.qualifiers: dict[str, str] = {}
        self.months: dict[str, int] = {}
        self.weekdays: dict[str, int] = {}
        self.relative: dict[str, tuple[str, int]] = {}
        for m in mods:
            self.scales.update(m.SCALES)
            self.currencies.update(m.CURRENCY_WORDS)
            self.qualifiers.update(m.QUALIFIERS)
            self.months.update(m.MONTHS)
            self.weekdays.update(m.WEEKDAYS)
            self.relative.update(m.RELATIVE_DATES)
        self.not_deal = re.compile("|".join(f"(?:{m.NOT_DEAL_MONEY})" for m in mods), re.I)
        self.round = re.compile("|".join(f"(?:{m.ROUND_MONEY})" for m in mods), re.I)
        scale = _alts(self.scales)
        cur = _alts(self.currencies)
        sym = r"US\$|\$|€|£|¥"
        self.money = re.compile(
            rf"(?<![\w$€£])(?P<sym>{sym})\s?(?P<n1>{_NUM})(?:\s?(?P<s1>{scale})\b)?"
            rf"|(?<![\w.,])(?P<n2>{_NUM})\s?(?:(?P<s2>{scale})\s?)?(?:(?:de |d['’]|of )?\s?(?P<cur>{cur})\b|"
            rf"(?P<sym2>\$|€|£)(?!\w))"
            rf"|(?<![\w.,])(?P<n3>\d+(?:[.,]\d+)?)\s(?P<s3>milliards?|billion|million|millions)\b(?!\s*(?:de |d['’]|of ))",
            re.I)
        self.power = re.compile(r"(?<![\w.,])(?P<n>\d+(?:[.,]\d+)?)\s?(?P<u>gigawatts?|GW|mégawatts?|megawatts?|MW)\b")
        self.pct = re.compile(r"(?<![\w.,])(?P<n>\d+(?:[.,]\d+)?)\s?(?:%|per ?cent\b|pour ?cent\b)", re.I)
        mon = _alts(self.months)
        wd = _alts(self.weekdays)
        self.dates = [
            ("ymd", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")),
            ("mdy", re.compile(rf"\b(?P<mon>{mon})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b",
                               re.I)),
            ("dmy", re.compile(rf"\b(?P<d>\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?P<mon>{mon})\.?,?\s+(?P<y>(?:19|20)\d\d)\b",
                               re.I)),
            ("my", re.compile(rf"\b(?P<mon>{mon})\.?\s+(?P<y>(?:19|20)\d\d)\b", re.I)),
            ("md", re.compile(rf"\b(?P<mon>{mon})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:%|\d|milliard|million|"
                              rf"billion))", re.I)),
            ("dm", re.compile(rf"\b(?P<d>\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?P<mon>{mon})\b", re.I)),
            ("m", re.compile(rf"\b(?:in|since|until|by|early|late|mid-|en|depuis|début|fin|mi-|au mois de|d'ici|"
                             rf"courant)\s+(?P<mon>{mon})\b", re.I)),
            ("y", re.compile(r"\b(?:in|since|until|by|of|early|late|en|depuis|fin|début|d'ici|dès|au|année)\s+"
                             r"(?P<y>(?:19|20)\d\d)\b", re.I)),
            ("wd", re.compile(rf"\b(?P<wd>{wd})\b", re.I)),
            ("rel", re.compile(_alts(self.relative), re.I)),
        ]
        self._qual = re.compile(rf"(?:{_alts(self.qualifiers)})\s*$", re.I)


def _alts(words: dict[str, Any]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def parse_number(text: str, lang: str = "en") -> float:
    """``'6,3'`` -> 6.3, ``'1,500'`` -> 1500, ``'2 500'`` -> 2500, ``'1.5'`` -> 1.5."""
    t = re.sub(r"[ \u00a0\u202f]", "", text)
    if "," in t and "." in t:
        t = t.replace(",", "") if t.rfind(".") > t.rfind(",") else t.replace(".", "").replace(",", ".")
    elif "," in t:
        parts = t.split(",")
        t = t.replace(",", "") if all(len(p) == 3 for p in parts[1:]) and len(parts[0]) <= 3 and lang == "en" \
            else t.replace(",", ".", 1).replace(",", "")
    elif t.count(".") > 1:
        t = t.replace(".", "")
    return float(t)


def _shift_months(d: date, months: int) -> tuple[int, int]:
    total = d.year * 12 + d.month - 1 + months
    return total // 12, total % 12 + 1


def _infer_year(month: int, day: int | None, published: date | None) -> int | None:
    if published is None:
        return None
    if (month, day or 1) > (published.month, published.day if day else published.month and 1):
        return published.year - 1 if month > published.month or (month == published.month and day and
                                                                   day > published.day) else published.year
    return published.year


_DIGIT = re.compile(r"\d")
#: Date forms written without digits ("in March", "on Monday", "last year").
_WORD_DATES = frozenset({"m", "wd", "rel"})


def find_quantities(sentence: str, lex: Lexicon, lang: str, published: date | None,
                    last_currency: str | None = None) -> list[Quantity]:
    """Every amount, power, percentage and date in a sentence (non-overlapping, in order)."""
    found: list[Quantity] = []
    digits = _DIGIT.search(sentence) is not None  # amounts, power, percentages and most dates need one
    for m in lex.money.finditer(sentence) if digits else ():
        num = m.group("n1") or m.group("n2") or m.group("n3")
        scale_word = (m.group("s1") or m.group("s2") or m.group("s3") or "").lower()
        if m.group("sym"):
            currency = _SYMBOLS.get(m.group("sym").lower(), "USD")
        elif m.group("cur"):
            currency = lex.currencies.get(m.group("cur").lower())
        elif m.group("sym2"):
            currency = _SYMBOLS[m.group("sym2")]
        else:
            currency = last_currency
            if currency is None:
                continue
        if m.group("n3") and not scale_word:
            continue
        if len(scale_word) == 1 and scale_word in "mbtk" and m.group("n2") and not m.group("sym2") \
                and not m.group("cur"):
            continue
        try:
            value = parse_number(num, lang) * lex.scales.get(scale_word, 1.0)
        except ValueError:
            continue
        q = Quantity("money", m.start(), m.end(), m.group(0), value, currency)
        before = sentence[max(0, m.start() - 40):m.start()]
        after = sentence[m.end():m.end() + 40]
        qm = lex._qual.search(before)
        if qm:
            q.qualifier = lex.qualifiers.get(qm.group(0).strip().lower())
            before = before[:qm.start()]
        if lex.not_deal.search(before) or re.match(r"\s*(?:de |d['’])?(?:chiffre d'affaires|revenus?|de valorisation|"
                                                   r"valuation|in revenue|in sales|in annual revenue)", after, re.I):
            q.tags.add("not_deal")
        if lex.round.search(before):
            q.tags.add("round")
        last_currency = currency
        found.append(q)
    for m in lex.power.finditer(sentence) if digits else ():
        unit = m.group("u").lower()
        value = parse_number(m.group("n"), lang) / (1000.0 if unit.startswith(("m", "mé")) else 1.0)
        q = Quantity("power", m.start(), m.end(), m.group(0), value)
        qm = lex._qual.search(sentence[max(0, m.start() - 40):m.start()])
        if qm:
            q.qualifier = lex.qualifiers.get(qm.group(0).strip().lower())
        found.append(q)
    for m in lex.pct.finditer(sentence) if digits else ():
        try:
            found.append(Quantity("pct", m.start(), m.end(), m.group(0), parse_number(m.group("n"), lang)))
        except ValueError:
            pass
    for kind, rx in lex.dates:
        if not digits and kind not in _WORD_DATES:
            continue
        for m in rx.finditer(sentence):
            value = _date_value(kind, m, lex, published)
            if value:
                s = m.start("mon") if kind == "m" else m.start("y") if kind == "y" else m.start()
                found.append(Quantity("date", s, m.end(), sentence[s:m.end()], value))
    return _non_overlapping(found)


def _date_value(kind: str, m: re.Match[str], lex: Lexicon, published: date | None) -> str | None:
    g = m.groupdict()
    try:
        if kind == "ymd":
            return _valid(int(g["y"]), int(g["m"]), int(g["d"]))
        month = lex.months.get(g["mon"].lower().rstrip(".")) if g.get("mon") else None
        if kind in ("mdy", "dmy"):
            return _valid(int(g["y"]), month, int(g["d"]))
        if kind == "my":
            return f"{int(g['y']):04d}-{month:02d}"
        if kind in ("md", "dm"):
            if published is None or month is None:
                return None
            day = int(g["d"])
            year = published.year if (month, day) <= (published.month, published.day) else published.year - 1
            return _valid(year, month, day)
        if kind == "m":
            if published is None or month is None:
                return None
            year = published.year if month <= published.month else published.year - 1
            return f"{year:04d}-{month:02d}"
        if kind == "y":
            return g["y"]
        if kind == "wd":
            if published is None:
                return None
            wd = lex.weekdays[g["wd"].lower()]
            back = (published.weekday() - wd) % 7
            return (published - timedelta(days=back)).isoformat()
        if kind == "rel":
            if published is None:
                return None
            unit, delta = lex.relative[m.group(0).lower()]
            if unit == "day":
                return (published + timedelta(days=delta)).isoformat()
            if unit == "month":
                y, mo = _shift_months(published, delta)
                return f"{y:04d}-{mo:02d}"
            return str(published.year + delta)
    except (ValueError, TypeError, KeyError):
        return None
    return None


def _valid(y: int, m: int | None, d: int) -> str | None:
    if m is None or not 1 <= m <= 12 or not 1 <= d <= calendar.monthrange(y, m)[1]:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _non_overlapping(items: list[Quantity]) -> list[Quantity]:
    items.sort(key=lambda q: (q.start, -(q.end - q.start)))
    out: list[Quantity] = []
    for q in items:
        if out and q.start < out[-1].end:
            if (q.end - q.start) > (out[-1].end - out[-1].start):
                out[-1] = q
            continue
        out.append(q)
    return out
