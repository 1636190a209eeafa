"""Cue words and shapes the extractor looks for around a match (language-independent or both languages)."""

from __future__ import annotations

import re

from .patterns import MENTION

MENTION_TOKEN = re.compile(MENTION)

EVENT_RELATIONS = {"invests_in", "supplies", "acquires", "partners_with", "member_of"}

MONEY_RELATIONS = {"invests_in", "supplies", "acquires"}

RAISE = re.compile(r"\b(?:raised|raises|raising|raise|secured|secures|closed a|closes a|landed|lands|nabbed|bagged|"
                    r"a levé|lève|levé|levait|a bouclé|boucle|avoir bouclé|levée(?: de fonds)?|lèvera|va lever|"
                    r"a récolté|récolte|a obtenu|obtient)\b", re.I)

#: "the financing of X", "la levée de fonds de X": who raises a round named without a verb
ROUND_OF = re.compile(r"\b(?:financing|funding|round|raise|fundraise|levée(?: de fonds)?|tour de table|financement)"
                       r" (?:of|for|de|d'|du) (?:the |la |le |l')?⟦(\d+)⟧", re.I)

#: a sentence about money raised: list patterns flagged ``funding_context`` need one here or just before
FUNDING_CUE = re.compile(r"\b(?:round|funding|financing|raise[sd]?|raising|investors?|backers?|series [a-h]\b|seed|"
                          r"valuation|levée|lève|levé|tour de table|financement|investisseurs?|actionnaires?|série [a-h]\b|"
                          r"amorçage|valorisation|au capital)", re.I)

#: background, not the news of the day: "had invested", "in 2019", "previously", "déjà", "auparavant"
PAST_CUE = re.compile(r"\b(?:had|previously|earlier|formerly|once|already|last year|avait|avaient|déjà|auparavant|"
                       r"précédemment|l'an dernier|l'année dernière)\b|⟪D", re.I)

COMPLETED_ROUND = re.compile(r"\b(?:raised|has raised|secured|closed|completed|completion|landed|a levé|lève|vient de lever|"
                              r"a bouclé|boucle|a finalisé|finalise|a obtenu|a récolté)\b", re.I)

FORMER = re.compile(r"\b(?:former|formerly|ex-|onetime|one-time|erstwhile|ancien|ancienne|anciens|ex)\b[^⟦⟨]{0,3}"
                     r"(?:[⟦⟨]\d+[⟧⟩]\s*)?(?:'s\s*)?[^⟦⟨]{0,3}$|\bex-", re.I)

EACH = re.compile(r"\b(?:each|apiece|chacun|chacune)\b", re.I)

CONTRAST = re.compile(r"\b(?:tandis que|alors que|while|whereas|et|and)\s+$", re.I)

CONTRIBUTES = re.compile(r"^[^⟦⟨.;]{0,25}\b(?:qui apporte\w*|apporter\w*|contribu\w+|which (?:will )?(?:invest|put|"
                          r"provide|contribute)\w*|investing|putting in)\b", re.I)

#: who raised when the subject is a founder: "raised $1B for his new venture, X", "pour sa nouvelle start-up X"
RAISED_FOR = re.compile(r"[^.;]{0,80}?\b(?:for|pour) (?:his|her|its|their|the|a|sa|son|leur|la|le) (?:new |nouvelle |"
                        r"nouveau |jeune )?(?:\w+ ){0,3}?(?:venture|startup|start-up|company|lab|firm|business|société|"
                        r"entreprise|laboratoire|jeune pousse),?(?: called| named| baptisée?| appelée?)? ⟦(\d+)⟧", re.I)
