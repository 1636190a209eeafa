"""Relation patterns: a readable template language compiled to regular expressions.

A pattern is written with macros (see ``lexicon_en``) and compiled once per language with that
language's roles. Matching runs over a masked sentence, so patterns talk about *mentions*, not names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["P", "Pattern", "compile_patterns", "MENTION", "mention_ids"]

#: A mention token in a masked sentence: ``⟦12⟧`` (a name) or ``⟨12⟩`` (pronoun, description, pair).
MENTION = r"[⟦⟨]\d+[⟧⟩]"
_M = MENTION
_LIST_WORD = (r"(?!(?:par|by|pour|for|with|avec|dans|in|of|à|to|from|sur|on|qui|which|who|that|que|a|an|est|is|sont|"
              r"are|ont|have|has|had|was|were|passés?|passées?|ex|former|ancien|anciens|chez|at|selon|said|a déclaré)"
              r"\b)[a-zà-ÿ][\w-]*\s+")
_LIST_SEP = (r"(?:\s*\([^()⟦⟨]{0,40}\))?"  # "Two Sigma Ventures (strategic), and ..."
             r"(?:\s*,\s*(?:and |et |ou |or |ainsi que |as well as |ou encore |et encore |along with |together with |plus )?"
             r"|\s+(?:and|et|&|ou|or|ainsi que|as well as|ou encore|along with|together with|plus)\s+)"
             r"(?:(?:de |d'|du |des |le |la |les |l'|à |au |aux |the |its |ses |son |sa )?"
             r"(?:[A-Z][\w-]*'s\s+)?(?:(?:" + _LIST_WORD + r"){0,4}?(?:comme|tels? que|telles? que|such as|including|"
             r"like|notamment|dont|à savoir) |(?:" + _LIST_WORD + r"){0,3}?))?")


def _one(name: str) -> str:
    return rf"[⟦⟨](?P<{name}>\d+)[⟧⟩]"


#: a name followed by a verb of saying closes a list: "include A, B and C, Quorra said"
_NOT_SPEAKER = r"(?!\s+(?:said|says|told|added|announced|a déclaré|a indiqué|a annoncé|a précisé|annonce|explique|"\
               r"précise|indique)\b)"


def _list(name: str) -> str:
    first = _M if name == "sl" else r"⟦\d+⟧"
    return rf"(?P<{name}>{first}(?:{_LIST_SEP}⟦\d+⟧{_NOT_SPEAKER})*)"


MACROS = {
    "S": _one("s"), "O": _one("o"),
    "P": r"(?:(?:Sheikh|Cheikh|Dr|Mr|Mrs|Ms|Professor|Prof|professor|professeur|Sir|M|Mme)\.? )?" + _one("p"),
    "SL": _list("sl"), "OL": _list("ol"), "PL": _list("pl"), "XL": _list("xl"),
    "N": _M,
    "M": r"⟪M(?P<m>\d+)⟫", "PW": r"⟪P(?P<pw>\d+)⟫", "PC": r"⟪C(?P<pc>\d+)⟫", "D": r"⟪D\d+⟫",
    "G": r"(?:[^⟦;]{0,70}?)", "GX": r"(?:[^;]{0,110}?)",
    "W": r"(?:[\w'-]+\s+){0,3}?",
    "REST_PERSONS": r"(?P<rest>[^;]*)",
}


@dataclass(frozen=True)
class Pattern:
    relation: str
    template: str
    s: str = "before"
    o: str = "after"
    conf: float = 0.8
    pre: bool = False
    role: str | None = None
    flags: frozenset[str] = field(default_factory=frozenset)


def P(relation: str, template: str, *, s: str = "before", o: str = "after", conf: float = 0.8, pre: bool = False,
      role: str | None = None, flags: set[str] | None = None) -> Pattern:
    """Declare a pattern (see the module docstring of ``lexicon_en`` for the macros and options)."""
    return Pattern(relation, template, s, o, conf, pre, role, frozenset(flags or ()))


@dataclass(frozen=True)
class Compiled:
    pattern: Pattern
    regex: re.Pattern[str]
    index: int
    #: How many mention tokens a sentence needs for this pattern to have any chance (a cheap pre-check).
    mentions: int = 0


_MENTION_MACROS = re.compile(r"\{(?:S|O|P|SL|OL|PL)\}")  # {N} and {XL} are often optional


def roles_regex(roles: dict[str, str]) -> str:
    alts = "|".join(re.escape(r) for r in sorted(roles, key=len, reverse=True))
    one = rf"(?:{alts})"
    later = r"(?:the |le |la |l')?(?:former |ex-|ancien |ancienne |future? )?"
    return rf"(?P<role>{one}(?:\s*(?:,|and|et|&)\s*{later}{one})*)"


def compile_patterns(patterns: list[Pattern], roles: dict[str, str], extra: dict[str, str] | None = None
                     ) -> list[Compiled]:
    macros = {**MACROS, "ROLES": roles_regex(roles), **(extra or {})}
    out = []
    for i, p in enumerate(patterns):
        text = re.sub(r"\{([A-Z_]+)\}", lambda m: macros[m.group(1)], p.template)
        out.append(Compiled(p, re.compile(text, re.IGNORECASE), i, len(_MENTION_MACROS.findall(p.template))))
    return out


_ID = re.compile(r"[⟦⟨](\d+)[⟧⟩]")


def mention_ids(text: str | None) -> list[int]:
    return [int(x) for x in _ID.findall(text or "")]
