"""English lexicon and relation patterns.

Patterns run on a *masked* sentence where every entity mention is a token: ``⟦7⟧`` for a name,
``⟨8⟩`` for a pronoun or a definite description ("its", "the company"); amounts, power, percentages and
dates are ``⟪M0⟫ ⟪P0⟫ ⟪C0⟫ ⟪D0⟫``. Macros (expanded by ``patterns.py``):

- ``{S}`` ``{O}`` ``{P}``: one mention (subject, object, person); ``{SL}`` ``{OL}`` ``{PL}`` ``{XL}``: lists;
- ``{N}``: any mention (not captured); ``{M}`` ``{PW}`` ``{PC}``: amount, power, percentage;
- ``{G}``: a short gap without names; ``{GX}``: a longer gap that may contain names;
- ``{W}``: up to three plain words; ``{ROLES}``: one or more roles ("founder and chief executive").

When a pattern has no ``{S}``/``{O}`` group, ``s=``/``o=`` say how to find it: ``sent`` (the sentence's
subject), ``before`` (nearest organisation before the match), ``raiser`` (whoever raised the round),
``pair`` (the article's two main organisations), ``antecedent`` (the noun a relative pronoun refers to).
``pre=True`` marks presupposed material (appositions, relative clauses, noun phrases): hedges such as
"analysts speculated" do not weaken it.
"""

from __future__ import annotations

from .patterns import P

LANG = "en"

STOPWORDS = frozenset("""
The A An In On At For From By With Without Under Over After Before Since During Until Into Onto Of To As And But
Or Nor So Yet If When While Where Whereas Which Who Whom Whose What That This These Those It Its It's Their
They Them He She His Her Him We Our Us I You Your There Here Then Than Also Both Each Every All Some Any No Not
Neither Either Most More Many Much Such Other Another One Two Three Four Five Six Seven Eight Nine Ten First
Second Third Last Next Old Its Meanwhile However Still Although Though Because Despite According Among
Earlier Later Now Today Yesterday Tomorrow Analysts Shares Terms People Some Regulators Investors Officials
Reuters Bloomberg CNBC Politico Mr Mrs Ms Dr Chief Executive Officer Vice President Chairman Chairwoman Chair
Founder Co-founder Cofounder Director Head Senior Professor Prof Sir
""".split())

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
RELATIVE_DATES = {
    "last month": ("month", -1), "this month": ("month", 0), "earlier this month": ("month", 0),
    "this year": ("year", 0), "last year": ("year", -1), "earlier this year": ("year", 0),
    "today": ("day", 0), "yesterday": ("day", -1),
}

#: Surface form -> canonical role. Longest forms are tried first.
ROLES = {
    "chief executive officer": "CEO", "chief executive": "CEO", "ceo": "CEO", "managing director": "managing director",
    "president": "President", "chief operating officer": "COO", "coo": "COO",
    "chief financial officer": "CFO", "cfo": "CFO", "chief technology officer": "CTO", "cto": "CTO",
    "chief scientist": "chief scientist", "chief science officer": "chief scientist",
    "co-founder": "co-founder", "cofounder": "co-founder", "founder": "founder",
    "chairman": "chair", "chairwoman": "chair", "chairperson": "chair", "chair": "chair",
    "vice chair": "vice chair", "vice chairman": "vice chair", "executive chairman": "executive chair",
    "executive vice president": "executive vice president", "senior vice president": "senior vice president",
    "chief operating": "COO", "head": "head",
    "chief product officer": "CPO", "chief revenue officer": "CRO", "chief commercial officer": "CCO",
    "chief strategy officer": "chief strategy officer", "chief marketing officer": "CMO",
    "chief information officer": "CIO", "chief people officer": "chief people officer",
    "chief ai officer": "chief AI officer", "chief research officer": "chief research officer",
    "interim chief executive": "interim CEO", "interim ceo": "interim CEO", "acting ceo": "acting CEO",
    "co-ceo": "co-CEO", "co-chief executive": "co-CEO", "executive director": "executive director",
    "director": "director", "vice president": "vice president", "general partner": "general partner",
    "managing partner": "managing partner", "founding partner": "founding partner", "general manager": "general manager",
}

#: Multipliers of amounts, and currencies, as written in English.
SCALES = {"trillion": 1e12, "tn": 1e12, "t": 1e12, "billion": 1e9, "bn": 1e9, "b": 1e9, "million": 1e6, "mn": 1e6,
          "m": 1e6, "mln": 1e6, "thousand": 1e3, "k": 1e3}
CURRENCY_WORDS = {"dollars": "USD", "dollar": "USD", "usd": "USD", "euros": "EUR", "euro": "EUR", "eur": "EUR",
                  "pounds": "GBP", "pound": "GBP", "gbp": "GBP", "yen": "JPY", "jpy": "JPY", "yuan": "CNY"}
QUALIFIERS = {"up to": "up to", "as much as": "up to", "at least": "at least", "about": "about", "around": "about",
              "roughly": "about", "approximately": "about", "nearly": "about", "almost": "about",
              "some": "about", "more than": "more than", "over": "more than", "close to": "about"}
#: Money that is not what changes hands (valuations, revenue, round totals).
NOT_DEAL_MONEY = r"(?:valuation|valued|valuing|worth of the company|revenue|sales|market value|market cap\w*)\s*(?:of\s*|at\s*)?$"
ROUND_MONEY = r"(?:raised|raises|raising|round of|funding of|secured|closed)\s+(?:a\s+)?$"

#: Definite descriptions and pronouns that stand for an organisation already named.
PRONOUNS = r"\b(?:its|it|It|Its)\b"
DESCRIPTIONS = (r"\b(?:the|The) (?:\w+ )?(?:company|group|firm|start-up|startup|chipmaker|lab|laboratory|"
                r"giant|maker|developer|provider|operator)\b(?! (?:of|to)\b)")
PAIRS = r"\b(?:the two (?:companies|groups|firms|partners)|both companies|the partners|[Tt]hey)\b"

NEGATIONS = r"(?:\bnot\b|n't\b|\bnever\b|\bno longer\b|\brather than\b|\binstead of\b|\bstops? short of\b|" \
            r"\bdenied\b|\bdenies\b|\bruled out\b|\bwithout\b)"
HEDGES = r"(?:\breportedly\b|\brumou?r\w*|\bspeculat\w+|\bpeople familiar\b|\bsources said\b|" \
         r"\baccording to (?:(?:two|three|several|multiple|some|unnamed|anonymous) )?(?:people|persons|a person|sources?|" \
         r"someone|reports?|media|documents|an? (?:report|source|person|insider)|insiders|the (?:report|newspaper|" \
         r"outlet|publication))\b|\baccording to {N}|" \
         r"\bnot confirmed\b|\bunconfirmed\b|\bhave not confirmed\b|\bpeople close to\b)"
MODALS = r"(?:\bcould\b|\bmight\b|\bmay\b|\bconsidering\b|\bweighing\b|\bexploring\b)"
TALKS = r"(?:\bin talks\b|\bin discussions\b|\bnegotiat\w+|\bin advanced talks\b|\bdiscussing\b)"
STATUS_CUES = [
    ("cancelled", r"\b(?:cancel\w+|called off|abandon\w+|scrapped|terminated|collapsed)\b"),
    ("completed", r"\b(?:completed|completes|closed|finali[sz]ed|is now part of|now owns)\b"),
    ("signed", r"\b(?:signed|agreed|struck|inked|sealed)\b"),
    ("announced", r"\b(?:announced|announces|unveiled|said|says|will|plans? to|(?:the |its |a )plan (?:to|for)|"
                  r"to invest|to supply|intends to|committed to|pledged)\b"),
]

_PROD = r"(?:platform|cloud|chips?|models?|services?|software|assistant|chatbot|processors?|accelerators?|app|system|" \
        r"systems|supercomputers?|servers?|family|range|line|suite)"
_HW = r"(?:systems|chips|GPUs|processors|accelerators|servers|hardware|capacity|compute|computing power)"
_INVEST = r"(?:invest(?:s|ed|ing)?|put(?:s|ting)?|pour(?:s|ed|ing)?|inject(?:s|ed|ing)?|plow(?:s|ed)?|sink(?:s)?|sank)"
_ACQ = r"(?:acquir(?:e|es|ed|ing)|buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing)|take over|takes over|took over|" \
       r"taking over|absorb(?:s|ed|ing)?|snap(?:s|ped)? up|scoop(?:s|ed)? up)"
_BUY = r"(?:buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing)|sourc(?:e|es|ed|ing)|order(?:s|ed|ing)?|procur(?:e|es|ed|ing)|" \
       r"lease[sd]?|leasing|rent(?:s|ed|ing)?|get(?:s|ting)?|got|obtain(?:s|ed|ing)?|secur(?:e|es|ed|ing))"
_SPEND = r"(?:spend(?:s|ing)?|spent|commit(?:s|ted|ting)?|pay(?:s|ing)?|paid)"
_PARTNER_VERB = r"(?:team(?:s|ed|ing)? up|join(?:s|ed|ing)? forces|partner(?:s|ed|ing)?|collaborat(?:e|es|ed|ing)|" \
                r"all(?:y|ies|ied|ying)|work(?:s|ed|ing)? (?:closely )?together|cooperat(?:e|es|ed|ing))"
_STAKE_VERB = r"(?:took|takes|take|taking|bought|buys|buy|buying|acquired|acquires|acquire|holds?|owns?|held|" \
              r"purchased|purchases|purchase|picked up|picks up)"
_SERVICE = r"(?:cloud|chips?|GPUs?|services?|capacity|compute|computing|infrastructure|servers?|hardware|platform|" \
           r"processors?|accelerators?|power|electricity|data cent(?:er|re)s?|supercomputers?|systems|models?)"

PATTERNS = [
    # ---- leads (person -> organisation, with a role) -------------------------------------------------
    P("leads", r"{P}, (?:the |its |their |a |an )?(?:new |current |interim |acting )?{ROLES}(?: (?:of|for) [\w&' -]{1,40}?)? "
               r"(?:of|at) (?:the )?{O}", pre=True, conf=0.9),
    P("leads", r"{P},? (?:who|which) (?:now |currently )?(?:leads|heads|runs|oversees|directs|chairs) {O}", pre=True,
      role="head", conf=0.8),
    P("leads", r"{P},? {G}\b(?:has been |was |is |will be |been |recently |just )*(?:appointed|named|promoted to|elevated to|"
               r"tapped as|elected|installed as|confirmed as|hired as) (?:as )?(?:the |its |their |his |her |{N} )?(?:new |"
               r"interim |acting )?{ROLES}(?: (?:of|at|for) (?:the )?{O})?", o="role_org", pre=True, conf=0.8),
    P("leads", r"{P} {G}\b(?:becomes|became|will become|will be|transitions to|moves to|takes over as|took over as|"
               r"steps in as|stepped in as|steps up as|stepped up as|returns as|remains) (?:the |its |their )?(?:new |"
               r"interim |acting )?{ROLES}(?: (?:of|at|for) (?:the )?{W}{O})?", o="role_org", pre=True, conf=0.75),
    P("leads", r"\b(?:its |the |their )?(?:\w+ )?(?:co-?founders|founders) (?:are |were |include |including )?{PL}",
      o="sent_or_topic", pre=True, role="founder", conf=0.75),
    P("leads", r"{P}, {G}\b(?:co-)?founded {O} (?:in {D} )?(?:with|alongside) {PL}", pre=True, role="founder",
      flags={"with_list"}, conf=0.8),
    P("leads", r"\b(?:(?:co-)?founded|started|created|launched|set up) (?:in {D} )?by (?:the |two |three |its )?"
               r"(?:(?:former |ex-)?(?:{N} )?(?:engineers?|researchers?|executives?|employees?|scientists?|alumni) )?"
               r"(?:{W})?{PL}", o="before", pre=True, role="founder", conf=0.75),
    P("leads", r"\b(?:alongside|along with|together with) (?:{W})?{PL}", flags={"copy"}, pre=True, conf=0.7),
    P("leads", r"{P}, {O}(?:'s?)? {ROLES}", pre=True, conf=0.9),
    P("leads", r"{P}, (?:who is |the )?{O}(?:'s?)? {W}{ROLES}", pre=True, conf=0.85),
    P("leads", r"{O}(?:'s?)? {ROLES},? {P}", pre=True, conf=0.9),
    P("leads", r"{P} {G}\b(?:joins|joined|will join|has joined|is joining|to join|returns to|returned to|rejoins) {O},? "
               r"(?:as (?:its |the |a |an )?(?:new )?{ROLES}|to (?:head|lead|run|oversee))", pre=True, conf=0.8),
    P("leads", r"{P} {G}\b(?:joins|joined|will join|has joined|is joining|to join) {O},? to (?:head|lead|run|oversee)",
      pre=True, role="head", conf=0.75),
    P("leads", r"{O} {G}\b(?:hired|hires|appointed|appoints|named|names|tapped|taps|poached|recruited) {G}{P} (?:as|to be) "
               r"(?:its |the |a |an )?(?:new )?{ROLES}", pre=True, conf=0.8),
    P("leads", r"{ROLES} (?:of|at) {O},? {P}", pre=True, conf=0.9),
    P("leads", r"{O} (?:is|was|has been) (?:also )?chaired by {P}", pre=True, role="chair", conf=0.85),
    P("leads", r"{O} (?:was|is) (?:co-)?founded (?:in {D} )?by{REST_PERSONS}", pre=True, role="founder", conf=0.8),
    P("leads", r"{O} (?:is|was|has been) (?:co-)?founded (?:in {D} )?by {PL}", pre=True, role="founder", conf=0.85),
    P("leads", r"{P}{GX}\b(?:join|joins|joined|will join|to join) {O}(?:'s?)? board", pre=True, role="board member",
      conf=0.8),
    P("leads", r"{P}, (?:who )?(?:co-)?founded {O}", pre=True, role="founder", conf=0.85),
    P("leads", r"{ROLES} {P}", o="role_org", pre=True, conf=0.75),
    P("leads", r"{P}{G}\b(?:becomes|became|will become|was named|has been named|named) (?:the )?(?:new )?{ROLES}",
      o="role_org", pre=True, conf=0.75),
    # ---- invests_in ------------------------------------------------------------------------------------
    P("invests_in", r"{SL} {G}\b" + _INVEST + r"\b{G}\b(?:in|into) {O}", conf=0.85),
    P("invests_in", r"\b" + _INVEST + r" ⟪M\d+⟫,? and {S},? {M},? (?:in|into) {O}", conf=0.85),
    P("invests_in", r"{S} {G}\b" + _INVEST + r" {M},? and {N},? ⟪M\d+⟫,? (?:in|into) {O}", conf=0.85),
    P("invests_in", r"{S} {G}\b(?:becomes|became|become|will become|is now|has become|was) (?:a |an |the )?(?:new |"
                    r"minority |majority |major |largest |strategic |key )*(?:shareholder|investor|backer|owner) "
                    r"(?:in|of) {O}", conf=0.8),
    P("invests_in", r"\b(?:investment|funding|financing|backing|capital|cash injection|infusion)\b {G}\bfrom {SL}",
      o="sent", conf=0.8),
    P("invests_in", r"\bparticipation (?:from|of|by) (?:{W}(?:investors|backers|funds|firms) )?(?:including |such as |like )?"
                    r"{SL}", o="raiser", flags={"round"}, conf=0.8),
    P("invests_in", r"\b(?:investors?|backers?|shareholders|funds|firms|investments?|funding|financing|capital|money|"
                    r"backing)\b (?:\w+ ){0,3}?(?:from|by|such as|including|include|included|like|among them)[: ]+"
                    r"(?:(?:\w+ )?(?:firms|funds|investors|backers|institutions|names) )?(?:such as |including |like )?{SL}",
      o="raiser",
      flags={"round", "funding_context"}, conf=0.8),
    P("invests_in", r"{SL} (?:led|co-led|leads|co-leads|headed|anchored) (?:this|the|its|their|a|that|the company's) "
                    r"{W}(?:funding |financing |investment |equity )?(?:round|raise|financing|investment)", o="raiser",
      flags={"round"}, conf=0.85),
    P("invests_in", r"{SL},? (?:\w+ ){0,2}?(?:also |too )?(?:participated|took part|joined in|joined the round|chipped in|"
                    r"contributed|invested)\b", o="raiser", flags={"round", "funding_context"}, conf=0.75),
    P("invests_in", r"\b(?:backed by|funded by|financed by|supported by investors including) {SL}", o="sent",
      flags={"funding_context"}, conf=0.75),
    P("invests_in", r"{N} (?:through|via) (?:its |his |her )?(?:{W}(?:fund|firm|arm|vehicle|office) )?{SL}", flags={"copy"},
      conf=0.75),
    P("invests_in", r"\b(?:financing|funding|round|raise|fundraise|investment) (?:of|in|for) {O},? (?:including|among "
                    r"them|such as|notably) {SL}", flags={"round"}, conf=0.8),
    P("invests_in", r"{SL}{G}\b" + _STAKE_VERB + r" {G}\b(?:stake|shares|stock|holding|interest|equity)\b (?:in|of) {O}",
      conf=0.85),
    P("invests_in", r"{S}{G}\b(?:took|takes|bought|buys|acquired|holds?|owns?|held) {G}(?:of|in) {O}(?:'s?)? "
                    r"(?:shares|stock|equity)", conf=0.85),
    P("invests_in", r"{S}{G}\b(?:took|takes|bought|acquired|holds?|owns?) {G}{PC} (?:stake )?(?:in|of) {O}",
      conf=0.85),
    P("invests_in", r"{S}, which is (?:also )?(?:among|one of) {O}(?:'s?)? (?:shareholders|investors|backers|owners)",
      pre=True, conf=0.85),
    P("invests_in", r"{S},? (?:an? |the )?{W}(?:firm |fund |investor )?(?:that|which) (?:led|co-led) {O}(?:'s?)? {W}"
                    r"round", pre=True, flags={"round"}, conf=0.85),
    P("invests_in", r"{S} (?:led|co-led|leads) {O}(?:'s?)? {W}(?:funding |financing |investment )?round",
      flags={"round"}, conf=0.85),
    P("invests_in", r"(?:round|raise|funding|financing|investment)\b{G}\b(?:was )?(?:co-)?led by {SL}",
      o="raiser", flags={"round"}, conf=0.85),
    P("invests_in", r"\bwith {SL} (?:also )?(?:taking part|participating|joining|contributing)", o="raiser",
      flags={"round", "after_round"}, conf=0.8),
    P("invests_in", r"(?:investors|backers|shareholders|participants|funds|firms)\b{G}\b(?:include|included|including|"
                    r"such as|among them|were|are)[: ]+{SL}", o="raiser", flags={"round"}, conf=0.8),
    P("invests_in", r"{O} {G}\b(?:raised|raises|raise|raising|secured|secures|closed|closes|landed|lands|nabbed|bagged|"
                    r"received|receives|attracted|drew|won) {G}\bfrom {SL}", flags={"round"}, conf=0.8),
    P("invests_in", r"{S}{G}\b(?:participated|took part|joined|invested) in {O}(?:'s?)? {W}round", conf=0.85),
    P("invests_in", r"\balongside {N},? (?:and )?(?:the )?{W}{SL}", flags={"copy"}, conf=0.8),
    P("invests_in", r"\balongside (?:the )?{W}{SL}", flags={"copy"}, conf=0.8),
    P("invests_in", r"{M} (?:investment|stake) (?:in|into) {O}", s="before", pre=True, conf=0.8),
    P("invests_in", r"{S}-backed {O}", pre=True, conf=0.8),
    P("invests_in", r"{SL} {G}\b(?:formed|created|set up|launched|established) {G}\b(?:joint venture|JV)\b,? "
                    r"(?:called |named )?{O}", conf=0.8),
    # ---- supplies (supplier -> customer) ---------------------------------------------------------------
    P("supplies", r"{S} {G}\b(?:suppl(?:y|ies|ied|ying)|provid(?:e|es|ed|ing)|deliver(?:s|ed|ing)?|sell(?:s|ing)?|"
                  r"sold) {O} with", conf=0.85),
    P("supplies", r"{S} {G}\b(?:suppl(?:y|ies|ied|ying)|provid(?:e|es|ed|ing)|deliver(?:s|ed|ing)?|sell(?:s|ing)?|"
                  r"sold|lease|leases|leased|rent(?:s|ed)?) {G}\b(?:to|for) {O}", conf=0.8),
    P("supplies", r"{O}(?:'s?)? {G}\b(?:run|runs|running|ran|host|hosts|hosted|train|trains|trained|training|deploy|"
                  r"deploys|deployed|built|builds|relies|rely|relied|depends|depend) {G}\bon {S}(?:'s?)? (?:{N} )?{W}" + _PROD,
      conf=0.8),
    P("supplies", r"{O} {G}\b" + _SPEND + r"\b{G}\b(?:on|for) {S}(?:'s?)? {W}" + _SERVICE, conf=0.8),
    P("supplies", r"{O} {G}\b" + _BUY + r"\b{G}\b" + _SERVICE + r"\b{G}\bfrom {S}", conf=0.8),
    P("supplies", r"{S} {G}\b(?:named|selected|chosen|picked|tapped|is|was|becomes|became|will be|has become|as)\b "
                  r"(?:as )?(?:a |an |the )?{O}'s? {W}(?:supplier|provider|vendor)", conf=0.8),
    P("supplies", r"\b(?:power|electricity|energy|gas|capacity) supply (?:agreement|deal|contract)s? with (?:{W})?{OL}",
      s="sent", conf=0.75),
    P("supplies", r"\b(?:power|electricity|energy) purchase (?:agreement|deal|contract)s?\b (?:\(PPA\) )?with {SL}",
      o="sent", conf=0.75),
    P("supplies", r"\b(?:contract|deal|agreement|order)\b {G}\b(?:with|from) {O} {G}\bto (?:supply|provide|deliver|"
                  r"build|host|power)", s="sent", conf=0.75),
    P("supplies", r"{O} {G}\b(?:trained|trains|runs|built) (?:{N} )?{G}\bon {W}(?:built|made|supplied|provided|"
                  r"designed) by {S}", conf=0.8),
    P("supplies", r"{O} {G}\b" + _BUY + r" {G}\bfrom {S}", conf=0.8),
    P("supplies", r"{S}, {G}{O}'s? {W}(?:supplier|provider|vendor)", pre=True, conf=0.8),
    P("supplies", r"{O}'s? {W}(?:supplier|provider|vendor)(?: of [\w -]+)?,? {S}", pre=True, conf=0.8),
    P("supplies", r"{S}{G}\bas (?:a |an |the )?{W}(?:supplier|provider|vendor) (?:to|for|of) {O}", conf=0.8),
    P("supplies", r"{O} accounted for {G}{PC} of {S}'s? (?:revenue|sales|turnover)", conf=0.8),
    P("supplies", r"{O} {G}\b(?:signed|struck|inked) {G}\b(?:contract|cloud deal|supply deal|supply agreement) "
                  r"(?:with|from) {S}", conf=0.7),
    P("supplies", r"\b(?:cloud|compute|computing|capacity|supply|chip) (?:deal|contract|agreement)\b{G}\bwith {S}",
      o="sent", conf=0.7),
    P("supplies", r"{PW} of {W}{S}(?:'s?)? " + _HW, o="customer", conf=0.8),
    P("supplies", r"{PW} of {W}" + _HW + r" from {S}", o="customer", conf=0.8),
    P("supplies", r"(?:supplied|provided|delivered|made) by {S}", o="sent", conf=0.7),
    P("supplies", r"{OL} (?:is|are) (?:among|one of) {S}(?:'s?)? (?:customers|clients)", pre=True, conf=0.8),
    P("supplies", r"{S}(?:'s?)? (?:customers|clients) (?:include|including|such as) {OL}", pre=True, conf=0.8),
    P("supplies", r"\bprovider {S}, (?:where|with) {O} (?:acts|acting) as (?:a |the )?{W}(?:customer|client)",
      conf=0.8),
    # ---- partners_with -----------------------------------------------------------------------------------
    P("partners_with", r"{S} and {O} (?:have |had |also )?(?:announced|signed|formed|struck|agreed|unveiled|sealed|"
                       r"entered)\b{G}\b(?:partnership|alliance|collaboration|agreement|deal|pact)", conf=0.85),
    P("partners_with", r"\b(?:partnership|alliance|collaboration|licensing agreement|licensing deal|pact)\b{G}"
                       r"\bwith {OL}", s="before", conf=0.8),
    P("partners_with", r"{SL} {G}\b" + _PARTNER_VERB + r" (?:with|alongside) {OL}", conf=0.85),
    P("partners_with", r"{S},? and {O} (?:will |to |have )?(?:partner|team up|join forces|ally|collaborate|cooperate|"
                       r"work together|partnered|teamed up|joined forces)\b", conf=0.8),
    P("partners_with", r"{SL} {G}\b(?:initiated|entered|entered into|began|started|opened|are in|is in|held|hold|holds) "
                       r"(?:\w+ ){0,2}?(?:discussions|talks|negotiations) with {OL}", conf=0.7),
    P("partners_with", r"{S} {G}\bto (?:jointly )?(?:build|develop|create|launch|deploy|co-develop|design) {G}\b"
                       r"(?:with|alongside) {OL}", conf=0.65),
    P("partners_with", r"\b(?:partnership|alliance|collaboration|cooperation|tie-up|joint venture|pact)\b (?:between|"
                       r"of|uniting) {S} and {O}", pre=True, conf=0.8),
    P("partners_with", r"{S} {G}\b(?:signed|struck|sealed|formed|entered) {G}\b(?:agreement|deal) with {O}",
      conf=0.75),
    P("partners_with", r"\blicen[cs](?:e|es|ed|ing) {G}\bfrom {O}", s="before", conf=0.75),
    P("partners_with", r"{O}, {S}'s? {W}partner", pre=True, conf=0.85),
    P("partners_with", r"{S}'s? {W}partner,? {O}", pre=True, conf=0.85),
    P("partners_with", r"\b(?:collaborators|partners)\b,? (?:including|such as|notably|among them) {OL}",
      s="other", conf=0.75),
    P("partners_with", r"\b(?:this partnership|the partnership)\b", s="pair", o="pair", conf=0.75),
    P("partners_with", r"⟨(?P<s>\d+)⟩", flags={"pair_mention"}, conf=0.75),
    P("partners_with", r"{SL} {G}\b(?:formed|created|set up|launched|established) {G}\b(?:joint venture|JV)\b",
      flags={"among"}, conf=0.8),
    # ---- acquires ----------------------------------------------------------------------------------------
    P("acquires", r"{O} (?:is|was|has been|had been|to be|will be|is being) (?:acquired|bought|purchased|taken over|"
                  r"absorbed) by {S}", conf=0.85),
    P("acquires", r"{O}{G}\b(?:is|was|has been|had been|to be|will be) (?:acquired|bought|purchased|taken over|"
                  r"absorbed) by {S}", conf=0.8),
    P("acquires", r"{O}, {G}\b(?:was|has been|had been) (?:acquired|bought|purchased|taken over)\b(?! by)",
      s="last_buyer", conf=0.75),
    P("acquires", r"{S} {G}\b" + _ACQ + r" {OL}", conf=0.85),
    P("acquires", r"{S} {G}\b" + _ACQ + r" (?:(?:a |the |an )?(?:(?!stake|shares|equity|interest|holding|chips?|GPUs?|"
                  r"capacity|power|servers|stock|assets of)[\w'-]+ ){1,5}?)(?:of )?{OL}", conf=0.8),
    P("acquires", r"{O} {G}\b(?:comes|came|will come|passes|passed) under (?:the )?(?:control|ownership) of (?:{W})?{S}",
      conf=0.8),
    P("acquires", r"{S} (?:completes|completed|closes|closed|announces|announced|finali[sz]es|finali[sz]ed) "
                  r"(?:its |the )?{O} (?:acquisition|purchase|takeover|deal)", conf=0.85),
    P("acquires", r"{O} (?:is now|has become|became|is now a) (?:a )?part of {S}", conf=0.85),
    P("acquires", r"{O} (?:is|was|remains) (?:the |an? )?{W}(?:acquisition|purchase|takeover|deal) (?:of|by) {S}",
      pre=True, conf=0.8),
    P("acquires", r"\b(?:acquisition|purchase|takeover|buyout) of {O}", s="before", pre=True, conf=0.8),
    P("acquires", r"\b(?:since|after|than|before) that of {O}", flags={"copy_subject"}, pre=True, conf=0.75),
    # ---- competes_with -----------------------------------------------------------------------------------
    P("competes_with", r"\b(?:compet(?:e|es|ed|ing)|competition|rivalry) (?:directly )?(?:with|against) {OL}",
      s="before", conf=0.8),
    P("competes_with", r"{OL}, {S}(?:'s?)? {W}(?:rivals?|competitors?|challengers?)", pre=True, conf=0.8),
    P("competes_with", r"{S}{G}\b(?:rivals?|competitors?|challengers?) (?:to|of) {OL}", conf=0.8),
    P("competes_with", r"\b(?:to challenge|challenging|challenges|to take on|taking on|to unseat|to dethrone|"
                       r"going head-to-head with|head-to-head with) {OL}", s="sent", conf=0.7),
    P("competes_with", r"\b(?:alternatives? to|break|breaking|challenge|challenging|erode|eroding|loosen|loosening|"
                       r"chip away at|chipping away at|end|ending|disrupt|disrupting) {O}'s? (?:\w+ )?(?:dominance|grip|lead|"
                       r"monopoly|hegemony|stranglehold|stronghold|supremacy)", s="sent", conf=0.7),
    P("competes_with", r"\b(?:rivals?|competitors?|challengers?|competition)\b,? (?:\w+ ){0,2}?(?:like|such as|including|"
                       r"notably|from) {OL}", s="sent", conf=0.7),
    P("competes_with", r"\b(?:war|battle|fight|race|rivalry|showdown|arms race)\b (?:\w+ ){0,2}?(?:with|against) {OL}",
      s="sent", conf=0.7),
    P("competes_with", r"{S} {G}\b(?:rivals|rivalled|rivaled|competes|competed|takes on|took on|challenges|challenged|"
                       r"goes up against|went up against|battles|vies with)\b (?:with )?{OL}", conf=0.75),
    P("competes_with", r"{O}, {S}'s? {W}(?:rival|competitor)", pre=True, conf=0.8),
    P("competes_with", r"\b(?:a |an |the )?(?:rival|competitor) (?:of|to) (?:{N} from )?{O}", s="sent", pre=True,
      conf=0.75),
    P("competes_with", r"\b(?:close|closing|narrow|narrowing) the gap (?:with|on) {O}", s="sent", conf=0.7),
    P("competes_with", r"\balongside {SL}", flags={"copy"}, conf=0.75),
    P("competes_with", r"\b(?:rivals|competitors)\b(?: of {O})?[^⟦⟨]*$", s="sent", flags={"next_sentence"},
      conf=0.7),
    # ---- develops (organisation -> product or project) ---------------------------------------------------
    P("develops", r"{O},? {G}\b(?:developed|designed|created|engineered) by {S}", pre=True, conf=0.8),
    P("develops", r"{S}'s? {O}(?: {W}" + _PROD + r")?", pre=True, flags={"product_object"}, conf=0.7),
    P("develops", r"{S} {G}\b(?:unveil(?:s|ed)?|launch(?:es|ed)?|releas(?:es|ed)|introduc(?:es|ed)|develops|"
                  r"developed|makes|built|builds) (?:its |the |a )?(?:{W})?{OL}", flags={"product_object"}, conf=0.75),
    P("develops", r"\bwhich {N} calls? {O}", s="before", pre=True, conf=0.75),
    P("develops", r"\b(?:assistant|chatbot|model|chip|platform|service|app) (?:called|named|dubbed) {O}", s="sent",
      pre=True, conf=0.75),
    P("develops", r"\bthe {O} (?:service|platform|chatbot|assistant|app|model|chip|chips|cloud)\b", s="sent",
      pre=True, flags={"product_object"}, conf=0.65),
    P("develops", r"\b(?:creator|maker|developer|designer) of {O}", s="sent", pre=True, conf=0.75),
    P("develops", r"{S}, (?:which|that|who) (?:develops|makes|builds|designs) {W}{O}", pre=True, conf=0.8),
    # ---- member_of (organisation -> project) ------------------------------------------------------------
    P("member_of", r"{S} (?:is|was|became|has become) (?:a |an )?{W}(?:partner|member|participant|backer|investor) "
                   r"(?:in|of) (?:the )?{W}{O}", conf=0.8),
    P("member_of", r"{SL} {G}\b(?:launched|formed|created|founded|set up|unveiled)(?: (?:with|alongside) {XL})? "
                   r"(?:the )?{O}", flags={"project_object"}, conf=0.8),
]
