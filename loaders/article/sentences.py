"""Sentence splitting with character offsets (rule-based, English and French abbreviations)."""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

_ABBREV = frozenset("""mr mrs ms dr prof sr jr st inc corp co ltd no vs etc e.g i.e u.s u.k u.n jan feb mar apr jun
jul aug sep sept oct nov dec mme mlle m av bd cf fig approx est dept gen gov sen rep""".split())
_END = re.compile(r"[.!?…]+[\"'”»)\]]*(?=\s+[\"'“«(\[]?[A-ZÀ-ÖØ-Þ0-9])|[.!?…]+[\"'”»)\]]*$|\n\s*\n|"
                  r"\n(?![ \t]*[a-zà-ÿ0-9$€£(«\"“])")
MAX_SENTENCE = 2000


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence; long runs without punctuation are cut at ``MAX_SENTENCE``."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        if m.group(0)[:1] == ".":
            word = re.search(r"([\w.]+)\.$", text[max(start, m.start() - 12):m.start() + 1])
            w = word.group(1).lower() if word else ""
            if w in _ABBREV or (len(w) == 1 and w.isalpha()) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", w):
                continue
        _add(text, start, end, out)
        start = end
    _add(text, start, len(text), out)
    return out


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        out.append((start, cut))
        start = cut + 1
    if end > start:
        out.append((start, end))
