"""Entity mentions: known names (the graph's alias table), new names from capitalisation, surnames,
pronouns and descriptions ("its", "the company", "les deux groupes"), with doc-level clustering."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.model import Entity
from graph.resolve import normalize_name

from .lexicon_common import DEMONYMS, GENERIC_TOKENS, GIVEN_NAMES, ORG_SUFFIX_TYPES, PERSON_TITLES, PLACES

__all__ = ["KnownEntities", "Ent", "Mention", "MentionFinder"]

_TOK = r"(?:[A-ZÀ-ÖØ-Þ][\w]*(?:[.:&'’\-][\w]+)*|[a-z]{1,3}[A-Z][\w]*(?:[.:\-][\w]+)*)"
_CONT = rf"(?:{_TOK}|\d+[A-Za-z][\w.\-]*|[A-Z]\w*)"
_CONN = r"(?:bin|ibn|van|von|der|den|al|el|da|dos|del|&)"
SEQ = re.compile(rf"(?<![\w@#])(?:\d{{2,4}} (?=(?:Capital|Ventures|Partners|Fund|Labs|Group)\b))?{_TOK}"
                 rf"(?:[ \u00a0](?:{_CONN} )?{_CONT})*")
#: What may follow a capitalised first word of a sentence for it to be a name: an apposition, a possessive,
#: or a finite verb ("Talmora raised", "Vyrelle boucle", "Orvane a signé").
_NAME_CONTEXT = re.compile(
    r",\s+(?:which|who|the|a|an|its|qui|le|la|un|une|l'|son|sa|dont)\b|'s\b|\s+(?:was|is|has|had|will|would|said|says|"
    r"announced|est|a|avait|sera|va|vient|won|wins|plans|teams|joins|signs|buys|took|made|got|led|leads|"
    r"(?!(?:and|et|of|de|du|des|in|en|on|to|for|the|la|le|les)\b)[a-z]{3,}ed|(?!(?:this|was|has|is|its|his|as|us|"
    r"plus|sous|dans|sans|chez|vers|tous|nous|vous|leurs|des|les|ses|ces|mes)\b)[a-z]{3,}s|"
    r"s'\w+|se \w+|(?!(?:une|que|ce|de|le|me|te|se|ne|dire|entre|contre|comme|notre|votre|autre|même|"
    r"cette|elle|une)\b)[a-zéè]{3,}e|[a-zé]{2,}it|[a-zé]{3,}(?:ra|ront|ait|aient)|lève|rachète|acquiert|prend|obtient|devient|emploie)\b")
_PLACE_AFTER = re.compile(r",\s+(?:" + "|".join(re.escape(p) for p in sorted(PLACES, key=len, reverse=True)) +
                          r"|dans l[ea] |dans l'|en [A-Z]|près de)\b")
_PLACE_BEFORE = re.compile(r"(?:\bin|\bat|\bnear|\boutside|\bà|\bprès de|\bbased in|\bbasée? à)\s+$", re.I)
_ELISION = re.compile(r"^(?:jusqu|lorsqu|puisqu|qu|[dlnscjmt])['’]", re.I)
_PREPS = frozenset("de d du des à au aux en dans sur par pour avec chez of in at to for from with by on into than "
                   "between entre via vers sous under".split())
_PROJECT_WORDS = re.compile(r"\s+(?:Project|Projet|project|projet)$")
_NAMING_CUE = re.compile(r"(?:baptisée?s?|appelée?s?|nommée?s?|called|named|dubbed)\s+$", re.I)
_PRODUCT_BEFORE = re.compile(r"(?:plate-?forme|plateforme|platforms?|modèles?|models?|puces?|chips?|assistant|chatbot|"
                             r"logiciels?|software|services?|cloud|processeurs?|processors?|gamme|famille|outil|"
                             r"supercalculateur|supercomputer|l'assistant|app)\s+$", re.I)
_PRODUCT_AFTER = re.compile(r"^\s+(?:platform|cloud|service|chatbot|assistant|app|model|chip|API|processor|software|"
                            r"accelerator|GPU)\b")
_PROJECT_BEFORE = re.compile(r"(?:projet|project|initiative|consortium)\s+$", re.I)
_FUND_BEFORE = re.compile(r"(?:fonds|fund|venture firm|investment firm|firme d'investissement|société "
                          r"d'investissement|venture capital firm|investor)\s+(?:\w+\s+)?$", re.I)
_COMPANY_BEFORE = re.compile(r"(?:start-?up|company|société|entreprise|laboratoire|lab|groupe|group|firm|maker|"
                             r"fabricant|spécialiste|neocloud|chipmaker|jeune pousse|provider|fournisseur|"
                             r"opérateur|operator)\s+(?:\w+\s+){0,2}$", re.I)
_SAID = re.compile(r"^\s+(?:said|says|added|told|wrote|a déclaré|a dit|a ajouté|a estimé|a souligné|a affirmé|"
                   r"a commenté|a expliqué|explique|estime|souligne|affirme)\b")
_SAID_BEFORE = re.compile(r"(?:said|says|added|a déclaré|a dit|a ajouté|a estimé|a souligné|a affirmé|a commenté|"
                          r"a expliqué|explique|estime|souligne|affirme|selon)\s+$")


#: Common nouns that end product names ("Language Processing Units" is the product "Language Processing Unit").
_PRODUCT_NOUNS = frozenset("unit processor chip accelerator model engine card".split())


class KnownEntities:
    """The extractor's view of the graph: alias table plus a scan for names written in odd case."""

    def __init__(self, entities: Iterable[Entity] = (), extra_aliases: dict[str, str] | None = None) -> None:
        self.by_id: dict[str, Entity] = {}
        self.keys: dict[str, set[str]] = {}
        self.develops: dict[str, str] = {}
        special: set[str] = set()
        for e in entities:
            self.by_id[e.id] = e
            for name in (e.name, *e.aliases):
                self._add(name, e.id)
                if re.search(r"[a-z0-9][A-Z]|^[A-Z]{3,}$|^[a-z]+\d+[a-z]*$", name) and len(name) >= 3:
                    special.add(name)
        for alias, eid in (extra_aliases or {}).items():
            self._add(alias, eid)
        alts = "|".join(re.escape(s) for s in sorted(special, key=len, reverse=True))
        self.scan = re.compile(rf"(?<![\w])(?:{alts})(?![\w])", re.I) if alts else None

    def _add(self, name: str, eid: str) -> None:
        key = normalize_name(name)
        if key:
            self.keys.setdefault(key, set()).add(eid)

    def lookup(self, name: str) -> str | None:
        ids = self.keys.get(normalize_name(name))
        if not ids:
            return None
        return sorted(ids)[0]


@dataclass
class Ent:
    """One entity of the article: a known entity or a new name, with the evidence for its type."""

    key: str
    name: str
    known: Entity | None = None
    count: int = 0
    titles: int = 0
    first: int = 10**9
    votes: Counter[str] = field(default_factory=Counter)
    surface: Counter[str] = field(default_factory=Counter)

    @property
    def type(self) -> str | None:
        if self.known is not None:
            return self.known.type.value
        if not self.votes:
            return None
        best = self.votes.most_common()
        return best[0][0]

    @property
    def orgish(self) -> bool:
        return self.type in (None, "company", "fund", "government", "project")

    @property
    def display(self) -> str:
        """The entity's name as this article gives it in full; the graph's name when the article uses it.

        A known entity keeps its canonical name when the article's fullest form is that name (or only an
        acronym); otherwise the article's own fullest form is shown ("Coatue", not the graph's "Coatue
        Management"), so the output reads like the article while ``known.id`` links it to the graph.
        """
        if self.known is None:
            return self.name
        forms = [_PROJECT_WORDS.sub("", f) for f in self.surface if not re.fullmatch(r"[A-Z0-9&.]{2,6}", f)]
        if not forms:
            return self.known.name
        best = max(forms, key=lambda f: (len(f.split()), len(f), self.surface.get(f, 0)))
        if normalize_name(best) == normalize_name(self.known.name):
            return self.known.name
        return best


@dataclass
class Mention:
    id: int
    sent: int
    start: int  # offsets inside the sentence
    end: int
    text: str
    kind: str  # name | pron | desc | pair
    ent: Ent | None = None
    prep: bool = False
    possessive: bool = False


class MentionFinder:
    """Finds the mentions of one article, sentence by sentence, clustering them into ``Ent``s."""

    def __init__(self, known: KnownEntities, lang_lex, stopwords: frozenset[str], roles: Iterable[str]) -> None:
        self.known = known
        self.lex = lang_lex
        self.stop = stopwords
        self.role_words = {w for r in roles for w in re.split(r"[\s-]+", r) if len(w) > 2} | {"PDG", "CEO", "CFO",
                                                                                             "COO", "CTO"}
        self.ents: dict[str, Ent] = {}
        self.surnames: dict[str, Ent] = {}
        self.acronyms: dict[str, Ent] = {}
        self.pron = re.compile(lang_lex.PRONOUNS)
        self.desc = re.compile(lang_lex.DESCRIPTIONS)
        self.pair = re.compile(lang_lex.PAIRS)
        self.month_words = {m.capitalize() for m in lang_lex.MONTHS} | {w.capitalize() for w in lang_lex.WEEKDAYS}
        self.mid_tokens: set[str] = set()
        self.body_tokens: set[str] = set()  # capitalised words of the sentences that are not headlines

    # -- pass 1: which capitalised words are used mid-sentence (names) ------------------------------------
    def learn(self, sentences: list[str]) -> None:
        for s in sentences:
            if is_title_case(s):
                continue  # a headline capitalises every word: no evidence of a name
            self.body_tokens.update(_strip(t)[0] for t in re.findall(r"\S+", s) if t[:1].isupper())
            for m in SEQ.finditer(s):
                if m.start() > 0 and not _is_initial(s, m.start()):
                    for tok in m.group(0).split():
                        self.mid_tokens.add(_strip(tok)[0])

    # -- pass 2: mentions ----------------------------------------------------------------------------------
    def find(self, si: int, s: str, offset: int, next_id: int, title: bool = False) -> list[Mention]:
        names: list[tuple[int, int, str, Ent]] = []
        raw: list[tuple[int, int, str]] = []
        for m in SEQ.finditer(s):
            raw.extend(self._chunks(s, m.start(), m.group(0)))
        if self.known.scan is not None:
            for m in self.known.scan.finditer(s):
                if not any(a < m.end() and m.start() < b for a, b, _ in raw):
                    raw.append((m.start(), m.end(), m.group(0)))
        raw.sort()
        headline = is_title_case(s)
        for start, end, text in raw:
            if names and start < names[-1][1]:
                continue
            if headline and not self._named_elsewhere(text):
                continue
            ent = self._resolve(s, start, end, text, offset + start, title)
            if ent is not None:
                names.append((start, end, text, ent))
        spans: list[tuple[int, int, str, str, Ent | None]] = [(a, b, t, "name", e) for a, b, t, e in names]
        for rx, kind in ((self.pair, "pair"), (self.desc, "desc"), (self.pron, "pron")):
            for m in rx.finditer(s):
                if any(a < m.end() and m.start() < b for a, b, _, _, _ in spans):
                    continue
                if kind == "desc" and any(0 <= a - m.end() <= 25 and not re.search(r"[,;:.]", s[m.end():a])
                                          for a, _, _, k, _ in spans if k == "name"):
                    continue  # "the chip start-up Groq": a descriptor of the name that follows
                if kind == "pron" and m.group(0) in ("Son", "Sa", "Ses") and m.start() > 0 \
                        and not _is_initial(s, m.start()):
                    continue
                spans.append((m.start(), m.end(), m.group(0), kind, None))
        spans.sort(key=lambda x: x[0])
        out: list[Mention] = []
        for start, end, text, kind, ent in spans:
            ment = Mention(next_id + len(out), si, start, end, text, kind, ent)
            before = s[max(0, start - 30):start]
            prev_word = re.findall(r"[\w']+", before.lower().replace("’", "'"))
            ment.prep = bool(prev_word) and (prev_word[-1].rstrip("'") in _PREPS or before.endswith(("d'", "d’")))
            if kind == "name":
                ment.possessive = s[end:end + 2] in ("'s", "’s")
                acro = re.match(r"\s*\(([A-Z][A-Za-z0-9&.]{1,9})\)", s[end:end + 14])
                if acro and ent is not None:
                    self.acronyms[acro.group(1)] = ent
            out.append(ment)
        return out

    def _named_elsewhere(self, text: str) -> bool:
        """In a title-case headline, a capitalised run is a name only if the graph knows it or the body uses it."""
        text = text.strip(" .,:;'\"()")
        if self.known.lookup(text) is not None or text in self.acronyms or text in self.surnames:
            return True
        toks = [_strip(t)[0] for t in text.split()]
        return bool(toks) and all(t in self.body_tokens for t in toks)

    def _chunks(self, s: str, start: int, seq: str) -> list[tuple[int, int, str]]:
        """Split a capitalised sequence at function words, roles, months; strip elisions and possessives."""
        toks = [(m.start() + start, m.group(0)) for m in re.finditer(r"\S+", seq)]
        chunks: list[list[tuple[int, str]]] = [[]]
        for pos, tok in toks:
            if not chunks[-1] and tok in ("Le", "La", "Les", "The") and _NAMING_CUE.search(s[max(0, pos - 30):pos]):
                chunks[-1].append((pos, tok))
                continue
            if re.search(r"-(?:based|born|headquartered)$", tok):
                chunks[-1] = []
                chunks.append([])
                continue
            backed = re.match(r"(.+?)-(?:backed|owned|funded|led|controlled|supported|financed)$", tok)
            if backed:  # "Nvidia-backed Nscale": two names, the backer and the company
                chunks[-1].append((pos, backed.group(1)))
                chunks.append([])
                continue
            el = _ELISION.match(tok)
            if el:
                if chunks[-1]:
                    chunks.append([])
                pos, tok = pos + el.end(), tok[el.end():]
            bare, poss = _strip(tok)
            is_surname = bare in self.surnames and not _is_initial(s, pos)
            after_given = bool(chunks[-1]) and chunks[-1][-1][1] in GIVEN_NAMES
            breaking = (bare in self.stop and not is_surname and not after_given) or bare in self.month_words or bare in DEMONYMS or \
                bare in self.role_words or bare in PERSON_TITLES
            if breaking or (bare in GENERIC_TOKENS and not chunks[-1]):
                if chunks[-1]:
                    chunks.append([])
                continue
            if tok[:1].islower() and not re.match(r"[a-z]{1,3}[A-Z]|bin|ibn|van|von|der|den|al|el|da|dos|del", tok):
                if chunks[-1]:
                    chunks.append([])
                continue
            chunks[-1].append((pos, bare))
            if poss:
                chunks.append([])
        out = []
        for ch in chunks:
            while ch and ch[-1][1] in ("&", "bin", "ibn", "van", "von", "der", "den", "al", "el", "da", "dos"):
                ch.pop()
            if not ch:
                continue
            a = ch[0][0]
            b = ch[-1][0] + len(ch[-1][1])
            out.append((a, b, s[a:b]))
        return out

    def _resolve(self, s: str, start: int, end: int, text: str, abs_pos: int, title: bool) -> Ent | None:
        text = text.strip(" .,:;'’\"“”«»()")
        if not text:
            return None
        single = " " not in text
        initial = _is_initial(s, start)
        known_id = self.known.lookup(text)
        if known_id is None and _PROJECT_WORDS.search(text):
            known_id = self.known.lookup(_PROJECT_WORDS.sub("", text))
        if known_id is not None:
            return self._ent("id:" + known_id, text, abs_pos, title, known=self.known.by_id[known_id])
        if text in self.acronyms:
            ent = self.acronyms[text]
            ent.count += 1
            return ent
        if text in PLACES or text in GENERIC_TOKENS or text in DEMONYMS:
            return None
        if single and _PLACE_AFTER.match(s[end:end + 30]) and _PLACE_BEFORE.search(s[max(0, start - 20):start]):
            return None  # "in Childress, Texas", "à Valence, dans la Drôme"
        if single and text in self.surnames and not (initial and text in self.stop):
            ent = self.surnames[text]
            ent.count += 1
            return ent
        if single and initial and text not in self.mid_tokens and not re.search(r"[a-z][A-Z]|\d|^[A-Z]{2,}$", text) \
                and not _NAME_CONTEXT.match(s[end:end + 24]):
            return None
        if single and len(text) < 2:
            return None
        name = _PROJECT_WORDS.sub("", text) if _PROJECT_WORDS.search(text) else text
        if not single and re.fullmatch(r"[A-Z][a-z]{2,}s", name.split()[-1]) and not name.endswith("ss") \
                and name.split()[-1].lower()[:-1] in _PRODUCT_NOUNS:
            name = name[:-1]
        ent = self._ent(normalize_name(name) or name.lower(), name, abs_pos, title)
        self._vote(ent, s, start, end, text)
        return ent

    def _ent(self, key: str, name: str, pos: int, title: bool, known: Entity | None = None) -> Ent:
        ent = self.ents.get(key)
        if ent is None:
            ent = self.ents[key] = Ent(key, name, known)
        ent.count += 3 if title else 1
        ent.titles += 1 if title else 0
        ent.first = min(ent.first, pos)
        ent.surface[name] += 1
        if known is None and len(name) > len(ent.name) and name.split()[0] == ent.name.split()[0]:
            ent.name = name
        if known is not None and known.type.value == "person" or ent.type == "person":
            self._add_surname(ent, name)
        return ent

    def _add_surname(self, ent: Ent, name: str) -> None:
        parts = name.split()
        if len(parts) >= 2:
            self.surnames.setdefault(parts[-1], ent)

    def _vote(self, ent: Ent, s: str, start: int, end: int, text: str) -> None:
        before, after = s[max(0, start - 40):start], s[end:end + 30]
        toks = text.split()
        last = toks[-1].lower().rstrip(".")
        if last in ORG_SUFFIX_TYPES and len(toks) > 1:
            ent.votes[ORG_SUFFIX_TYPES[last]] += 2
        if _PROJECT_WORDS.search(text) or _PROJECT_BEFORE.search(before):
            ent.votes["project"] += 3
        if (_NAMING_CUE.search(before) and not after.startswith(("'s", "’s"))) or _PRODUCT_BEFORE.search(before) \
                or _PRODUCT_AFTER.match(after):
            ent.votes["product"] += 2
        if re.search(r"\d", text) and re.search(r"[A-Za-z]", text) and last not in ORG_SUFFIX_TYPES:
            ent.votes["product"] += 1
        if _FUND_BEFORE.search(before):
            ent.votes["fund"] += 2
        if _COMPANY_BEFORE.search(before):
            ent.votes["company"] += 1
        prev_tok = re.findall(r"[\w.]+", before)[-1:] or [""]
        if len(toks) >= 2 and toks[0] in GIVEN_NAMES and last not in ORG_SUFFIX_TYPES:
            ent.votes["person"] += 2
        if toks[0] in ("Sheikh", "Cheikh") and len(toks) > 1:
            ent.votes["person"] += 3
        if prev_tok[0] in PERSON_TITLES or prev_tok[0].lower() in {"professor", "professeur", "sheikh", "cheikh"}:
            ent.votes["person"] += 3
        if len(toks) >= 2 and (_SAID.match(after) or _SAID_BEFORE.search(before)):
            ent.votes["person"] += 1
        if ent.votes.get("person", 0) >= 2:
            self._add_surname(ent, text)

    def person_vote(self, ent: Ent, weight: int = 2) -> None:
        if ent.known is None:
            ent.votes["person"] += weight
            self._add_surname(ent, ent.name)


_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w'’-]*")


def is_title_case(s: str) -> bool:
    """A headline or section title in title case: most of its longer words start with a capital."""
    words = [w for w in _WORD.findall(s) if len(w) >= 4]
    caps = sum(1 for w in words if w[0].isupper())
    # A sentence capitalises names, not its verbs and nouns: a list of investors still has "include", "said".
    return caps >= 4 and caps == len(words)


def _strip(tok: str) -> tuple[str, bool]:
    tok = tok.strip(",;:!?\"“”«»()[]")
    if tok.endswith(("'s", "’s")):
        return tok[:-2], True
    if tok.endswith(("'", "’")):
        return tok[:-1], True
    return tok.rstrip("."), False


def _is_initial(s: str, pos: int) -> bool:
    head = s[:pos]
    return not re.search(r"[\w]", re.sub(r"^\W*(?:[LlDd]['’])?", "", head)) and \
        not re.search(r"\w", head.replace("L'", "").replace("L’", "").replace("D'", "").replace("D’", ""))
