"""French lexicon and relation patterns (same macros and options as ``lexicon_en``)."""

from __future__ import annotations

from .patterns import P

LANG = "fr"

STOPWORDS = frozenset("""
Le La Les L Un Une Des Du De D Au Aux En Dans Sur Sous Pour Par Avec Sans Selon Chez Entre Vers Depuis Pendant
Avant Après Contre Et Ou Mais Donc Or Ni Car Si Quand Lorsque Alors Ainsi Aussi Comme Que Qui Quoi Dont Où Ce
Cet Cette Ces Son Sa Ses Leur Leurs Il Elle Ils Elles On Nous Vous Je Tu Cela Ceci Celui Celle Ceux Tout Tous
Toute Toutes Chaque Plusieurs Certains Aucun Aucune Autre Autres Même Mêmes Une Deux Trois Quatre Cinq Six Sept
Huit Neuf Dix Premier Première Dernier Dernière Nouveau Nouvelle Enfin Toutefois Cependant Pourtant Néanmoins
Mais Puis Ensuite Déjà Encore Ici Là Aujourd Hier Demain Notant Fondée Fondé Installé Installée Basé Basée
Selon Monsieur Madame M Mme PDG Président Présidente Directeur Directrice Fondateur Fondatrice Cofondateur
Cofondatrice Vice Chef Race Il S Ceci Cela Wall
""".split())

MONTHS = {
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5,
    "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "sept": 9, "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12, "déc": 12,
}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
RELATIVE_DATES = {
    "le mois dernier": ("month", -1), "ce mois-ci": ("month", 0), "plus tôt ce mois-ci": ("month", 0),
    "cette année": ("year", 0), "l'an dernier": ("year", -1), "l'année dernière": ("year", -1),
    "aujourd'hui": ("day", 0), "hier": ("day", -1),
}

ROLES = {
    "président-directeur général": "CEO", "présidente-directrice générale": "CEO", "pdg": "CEO",
    "directeur général": "CEO", "directrice générale": "CEO", "patron": "CEO", "patronne": "CEO",
    "président du conseil d'administration": "chair", "présidente du conseil d'administration": "chair",
    "président du conseil": "chair", "présidente du conseil": "chair",
    "président exécutif": "executive chair", "présidente exécutive": "executive chair",
    "président": "President", "présidente": "President",
    "directeur financier": "CFO", "directrice financière": "CFO", "directeur administratif et financier": "CFO",
    "directrice administrative et financière": "CFO",
    "directeur des opérations": "COO", "directrice des opérations": "COO", "directeur opérationnel": "COO",
    "directrice opérationnelle": "COO", "directeur technique": "CTO", "directrice technique": "CTO",
    "directeur scientifique": "chief scientist", "directrice scientifique": "chief scientist",
    "cofondateur": "co-founder", "cofondatrice": "co-founder", "co-fondateur": "co-founder",
    "co-fondatrice": "co-founder", "fondateur": "founder", "fondatrice": "founder",
    "vice-président exécutif": "executive vice president", "vice-présidente exécutive": "executive vice president",
    "vice-président": "vice president", "vice-présidente": "vice president",
    "ceo": "CEO", "cfo": "CFO", "coo": "COO", "cto": "CTO",
    "président du directoire": "CEO", "présidente du directoire": "CEO", "directeur général délégué": "deputy CEO",
    "directrice générale déléguée": "deputy CEO", "co-pdg": "co-CEO", "copdg": "co-CEO",
    "administrateur": "board member", "administratrice": "board member",
    "membre du conseil d'administration": "board member", "directeur": "director", "directrice": "director",
    "responsable": "head", "chef": "head", "dirigeant": "head", "dirigeante": "head",
}

SCALES = {"milliers de milliards": 1e12, "billions": 1e12, "billion": 1e12, "milliards": 1e9, "milliard": 1e9,
          "mds": 1e9, "md": 1e9, "millions": 1e6, "million": 1e6, "m": 1e6, "mn": 1e6}
CURRENCY_WORDS = {"dollars": "USD", "dollar": "USD", "dollars américains": "USD", "euros": "EUR", "euro": "EUR",
                  "livres": "GBP", "livres sterling": "GBP", "yens": "JPY", "yen": "JPY", "yuans": "CNY"}
QUALIFIERS = {"jusqu'à": "up to", "jusqu'a": "up to", "au moins": "at least", "environ": "about",
              "quelque": "about", "près de": "about", "presque": "about", "autour de": "about",
              "plus de": "more than", "au minimum": "at least", "au maximum": "up to", "pouvant atteindre": "up to"}
NOT_DEAL_MONEY = r"(?:valorisation|valorisée?s?|valorisant|valeur|chiffre d'affaires|capitalisation|" \
                 r"bénéfice|revenus?)\s*(?:de\s*|d'|à\s*|quelque\s*|environ\s*|autour de\s*)*$"
ROUND_MONEY = r"(?:levé|levée de fonds de|lève|levant|tour de table de|tour de|levée de)\s+$"

PRONOUNS = r"\b(?:son|sa|ses|Son|Sa|Ses|[Ii]l|[Ee]lle)\b"
DESCRIPTIONS = (r"\b(?:le|la|Le|La|l'|L') ?(?:groupe|société|entreprise|start-up|startup|jeune pousse|firme|"
                r"fabricant|laboratoire|géant|créateur|concepteur|éditeur)(?: (?:américain|américaine|japonais|"
                r"japonaise|français|française|californien|californienne|chinois|chinoise|émirati|de [A-Z]\w+))?\b")
PAIRS = r"\b(?:les deux (?:groupes|sociétés|entreprises|partenaires)|[Ii]ls|[Ee]lles)\b"

NEGATIONS = r"(?:\bne\b|\bn'|\bpas\b|\bjamais\b|\bplutôt que\b|\bau lieu de\b|\bécarté\b|\bécarte\b|\bdément\w*|" \
            r"\bsans\b|\baucune?\b|\brenoncé\b)"
HEDGES = r"(?:\bselon (?:des|plusieurs|certains|nos)?\s*(?:sources|médias|informations)|\bselon {N}|" \
         r"\brumeur\w*|\bspécul\w+|\bpressenti\w*|\bsans que\b|\bn'a pas été confirm\w+|\bpas été confirm\w+|" \
         r"\bcité\w* par\b|\baurai(?:en)?t\b|\bà en croire\b)"
MODALS = r"(?:\bpourrai(?:en)?t\b|\bpourra(?:ient)?\b|\benvisag\w+|\bréfléchi\w+|\bpourrait\b)"
TALKS = r"(?:\ben (?:discussions?|négociations?|pourparlers)\b|\bnégoci\w+|\bdiscut\w+)"
STATUS_CUES = [
    ("cancelled", r"\b(?:annul\w+|abandonn\w+|renonc\w+|rompu\w*)\b"),
    ("completed", r"\b(?:bouclé\w*|finalisé\w*|finalise|clôturé\w*|achevé\w*|conclu\w* l'acquisition)\b"),
    ("signed", r"\b(?:signé\w*|conclu\w*|scellé\w*|noué\w*)\b"),
    ("announced", r"\b(?:annonc\w+|dévoil\w+|va |vont |prévoit|compte|(?:le |son |un )plan (?:de|d)|projette|"
                  r"entend|s'engage)\b"),
]

_PROD = r"(?:plate-forme|plateforme|modèles?|puces?|assistant|logiciel|service|cloud|processeurs?|chatbot|gamme|" \
        r"famille|outil|supercalculateur|système|systèmes|serveurs?|accélérateurs?)"
_HW = r"(?:systèmes|puces|processeurs graphiques|processeurs|GPU|serveurs|accélérateurs|capacité|calcul)"
_DE = r"(?:de |d'|du |des )"
_INVEST = r"(?:investi\w*|investit|injecte\w*|injecté\w*|apport\w+|mis|met|mettre|placé\w*)"
_ACQ = r"(?:rachète\w*|racheté\w*|racheter|acquiert|acquis|acquérir|absorbé\w*|absorbe\w*|absorber|s'offre|" \
       r"s'est offert|s'offrir|reprend|repris|reprendre|met la main sur|a mis la main sur|mettre la main sur|" \
       r"fait l'acquisition d[e']|a fait l'acquisition d[e']|annonce l'acquisition d[e']|finalise l'acquisition d[e']|" \
       r"finalise le rachat d[e']|annonce le rachat d[e'])"

_LEVE = r"(?:a levé|lève|levé|lever|lèvera|levait|a récolté|récolte|récolté|a obtenu|obtient|obtenu|a bouclé|boucle|" \
        r"bouclé|a réuni|réunit|annonce une levée|a sécurisé|sécurise|a finalisé|finalise)"
_ACHAT = r"(?:achète|achètera|acheter|a acheté|va acheter|achèterait|achetait|loue|louera|a loué|va louer|louer|" \
         r"commande|commandera|a commandé|va commander|commander|acquiert|acquérir|se fournit|se fournira|" \
         r"s'approvisionne|s'approvisionnera)"
_DEPENSE = r"(?:dépenser|dépensera|dépense|a dépensé|consacrer|consacrera|consacre|a consacré|investir|investira)"
_SERVICES = r"(?:cloud|puces|processeurs|GPU|serveurs|capacités?|calcul|infrastructures?|services|électricité|énergie|" \
            r"centres de données|data centers?|modèles|systèmes|accélérateurs|supercalculateurs?)"

PATTERNS = [
    # ---- leads ------------------------------------------------------------------------------------------
    P("leads", r"{P}, (?:le |la |l'|un |une |son |sa )?(?:nouveau |nouvelle |actuel |actuelle )?{ROLES}"
               r"(?: (?:de la |du |des |de l')[\w' -]{1,30}?)? " + _DE + r"?{O}", pre=True, conf=0.9),
    P("leads", r"\b(?:les |ses |leurs |deux |trois )*(?:\w+ )?(?:co-?fondateurs|fondateurs|cofondatrices|fondatrices)\b,? "
               r"{PL}", o="sent_or_topic", pre=True, role="founder", conf=0.75),
    P("leads", r"{P}, (?:déjà |aussi |également )?{ROLES} (?:du |de la |de l'|d'|de )(?:{W})?{O}", pre=True, conf=0.8),
    P("leads", r"\baux côtés (?:de |d'|du )(?:{W})?{PL}", flags={"copy"}, pre=True, conf=0.75),
    P("leads", r"\b(?:[Ff]ondée?s?|[Cc]réée?s?|[Cc]ofondée?s?|[Ll]ancée?s?) (?:en {D} )?par (?:les |ses |deux |trois )?"
               r"(?:frères |sœurs |anciens |ex-|chercheurs |ingénieurs )*(?:{W})?{PL}", o="before", pre=True,
      role="founder", conf=0.75),
    P("leads", r"{P} {G}\b(?:rejoint|a rejoint|rejoindra|intègre|a intégré|entre (?:à|au)|fait son entrée (?:à|au)|siégera "
               r"(?:à|au)|siège (?:à|au)) (?:le |la )?(?:board|conseil d'administration|conseil de surveillance|comité "
               r"stratégique|comité de direction) (?:de |d'|du ){O}", pre=True, role="board member", conf=0.8),
    P("leads", r"{P},? {G}\b(?:a été |est |sera |vient d'être )?(?:nommée?|promue?|désignée?|élue?|choisie?) (?:au poste de |"
               r"comme |en tant que )?(?:nouveau |nouvelle )?{ROLES}(?: (?:de |d'|du ){O})?", o="role_org", pre=True,
      conf=0.8),
    P("leads", r"(?:le |la |l'|Le |La |L')?{ROLES} " + _DE + r"{O},? {P}", pre=True, conf=0.9),
    P("leads", r"{O} {ROLES},? {P}", pre=True, conf=0.85),
    P("leads", r"\b(?:[Ff]ondée?s?|[Cc]réée?s?|[Cc]ofondée?s?) (?:en {D} )?par {PL}", o="founded_org", pre=True,
      role="founder", conf=0.8),
    P("leads", r"{O} (?:a été|est|avait été) (?:co)?fondée? (?:en {D} )?par {PL}", pre=True, role="founder",
      conf=0.85),
    P("leads", r"\bdont {P} (?:assure|occupe|prend|a pris) la présidence", o="before", pre=True, role="chair",
      conf=0.8),
    P("leads", r"{O} (?:est|était) (?:présidée?|dirigée?) par {P}", pre=True, role="chair", conf=0.8),
    P("leads", r"{P}{G}\b(?:devient|deviendra|est devenue?|a été nommée?|est nommée?) {ROLES} " + _DE + r"?{O}",
      pre=True, conf=0.8),
    P("leads", r"{P},? {G}\b(?:à la tête|aux commandes|à la direction|à la barre) (?:de |d'|du |des ){O}", pre=True,
      role="head", conf=0.8),
    P("leads", r"{P} {G}\b(?:rejoint|a rejoint|rejoindra|va rejoindre|rejoignent|intègre|a intégré) {O},? (?:en tant que|"
               r"comme|au poste de|pour y occuper le poste de) (?:nouveau |nouvelle )?{ROLES}", pre=True, conf=0.8),
    P("leads", r"{P} {G}\b(?:rejoint|a rejoint|rejoindra|va rejoindre|intègre|a intégré) {O},? pour (?:diriger|prendre la "
               r"tête|piloter|mener)", pre=True, role="head", conf=0.75),
    P("leads", r"{O} {G}\b(?:nomme|a nommé|nommera|recrute|a recruté|débauche|a débauché|désigne|a désigné) {G}{P} "
               r"(?:au poste de |comme |en tant que |à la fonction de )?(?:nouveau |nouvelle )?{ROLES}", pre=True, conf=0.8),
    P("leads", r"\b(?:dirigée?s?|présidée?s?|pilotée?s?|cofondée?s?|fondée?s?) par {P}", o="before", pre=True,
      role="head", conf=0.7),
    P("leads", r"{ROLES} {P}", o="role_org", pre=True, conf=0.75),
    # ---- invests_in ------------------------------------------------------------------------------------
    P("invests_in", r"\b(?:et|puis) (?:investit|investira|a investi|va investir) {G}\bdans {O}", s="sent", conf=0.85),
    P("invests_in", r"{SL} {G}\b" + _INVEST + r"\b{G}\b(?:dans|en|chez) {OL}", conf=0.85),
    P("invests_in", r"\bparmi (?:les |ses |leurs )?(?:nouveaux |principaux )?(?:investisseurs|actionnaires|souscripteurs|"
                    r"participants|bailleurs de fonds|soutiens)\b[^⟦⟨]{0,40}?(?:figurent|figuraient|on trouve|on retrouve|"
                    r"se trouvent|on compte|on note|:)\s*(?:{W})?{SL}", o="raiser", flags={"round"}, conf=0.8),
    P("invests_in", r"\b(?:participation|contribution|soutien|présence)s? (?:significative |notable |importante )?(?:de |d'|"
                    r"du |des )(?:{W}(?:acteurs|investisseurs|fonds|groupes) (?:tels que |comme |dont |parmi lesquels )?)?"
                    r"(?:la branche {W}(?:de |d'|du ))?{SL}", o="raiser", flags={"round", "funding_context"}, conf=0.75),
    P("invests_in", r"{SL} {G}\b(?:a|ont|avait|avaient) (?:également |aussi |déjà |elle-même |lui-même )?(?:contribué|participé|"
                    r"pris part|remis au pot|souscrit)\b", o="raiser", flags={"round", "funding_context"}, conf=0.75),
    P("invests_in", r"\b(?:au capital|à l'actionnariat|au tour de table)\b,? (?:on trouve |figurent |se trouvent |"
                    r"arrivent |entrent )?(?:aussi |également |notamment )?{SL}", o="raiser", flags={"round"}, conf=0.75),
    P("invests_in", r"{SL} {G}\b(?:entre|entrent|entrera|entreront|est entrée?|sont entrés|fait son entrée|font leur "
                    r"entrée|se font (?:aussi |également )?une place) (?:aussi |également )?au capital\b(?! (?:de|d'|du))",
      o="raiser", flags={"round"}, conf=0.75),
    P("invests_in", r"{O},? {G}\b" + _LEVE + r"\b{G}\bauprès (?:de |d'|du |des )(?:{W}\(?\s*)?{SL}", flags={"round"},
      conf=0.85),
    P("invests_in", r"\b(?:levée|levés|levé|levées|tour de table|financement)\b{G}\bauprès (?:de |d'|du |des )(?:{W}\(?\s*)?{SL}",
      o="raiser", flags={"round"}, conf=0.8),
    P("invests_in", r"\b(?:investissement|financement|apport|injection|soutien financier|enveloppe)\b{G}\b(?:de la part "
                    r"(?:de |d'|du |des )|venant (?:de |d'|du |des )|accordée? par |apportée? par ){SL}", o="sent",
      conf=0.8),
    P("invests_in", r"{S} {G}\b(?:devenir|devient|deviendra|est devenue?|devenu|devenue|sera) (?:le |l'|un |une |son |"
                    r"sa )?(?:premier |principal |nouvel |nouveau |nouvelle |grand |premier )?(?:actionnaire|investisseur|"
                    r"associé)\w* (?:\w+ )?(?:de |d'|du ){O}", conf=0.8),
    P("invests_in", r"\b(?:prise de participation|participation|entrée au capital)\b {G}\b(?:de |d'|du |des ){S} "
                    r"(?:dans|au capital de|au capital d') {O}", pre=True, conf=0.8),
    P("invests_in", r"{S} {G}\b(?:annonce|réalise|a réalisé|prend|a pris|prendra|officialise)\b {G}\b(?:prise de "
                    r"participation|participation|investissement)\b{G}\b(?:dans|au capital de|au capital d') {O}",
      conf=0.85),
    P("invests_in", r"\b(?:dans|en) (?:lequel|laquelle|lesquels|lesquelles) {S} (?:a|avait|ont|avaient|aurait) "
                    r"(?:déjà )?(?:investi|injecté|misé)", o="antecedent", pre=True, conf=0.85),
    P("invests_in", r"{S} (?:détient|détenait|détiendra|possède|possédait|prend|prendra|a pris) {G}{PC} "
                    r"(?:du capital )?" + _DE + r"?{O}", conf=0.85),
    P("invests_in", r"{S} {G}\b(?:entre|entrera|est entrée?) au capital " + _DE + r"{O}", conf=0.85),
    P("invests_in", r"\b(?:participation|prise de participation) {G}\b(?:dans|au capital de|au capital d') {O}",
      s="before", conf=0.8),
    P("invests_in", r"\btour(?: de table)?(?: " + _DE + r"{O})?{G}\b(?:est |a été |était )?(?:co-)?(?:mené|menée)e?s? "
                    r"par {SL}", o="raiser", flags={"round"}, conf=0.85),
    P("invests_in", r"\bsous la houlette (?:de |d'|du ){SL}", o="raiser", flags={"round"}, conf=0.8),
    P("invests_in", r"\b(?:tour de table|levée(?: de fonds)?|opération|financement)\b{GX}\b(?:réunit|rassemble|associe|"
                    r"compte|inclut|comprend|implique|mobilise)\b (?:également |aussi |notamment |en outre )?{SL}",
      o="raiser", flags={"round"}, conf=0.8),
    P("invests_in", r"\b(?:auquel|à laquelle|auxquels|auxquelles) (?:ont|a) (?:aussi |également )?(?:participé|"
                    r"pris part) {SL}", o="raiser", flags={"round"}, conf=0.8),
    P("invests_in", r"\b(?:investisseurs|actionnaires|souscripteurs|participants)\b,? (?:parmi lesquels|dont|"
                    r"notamment|comme|tels que) {SL}", o="raiser", flags={"round"}, conf=0.8),
    P("invests_in", r"{SL} {G}\b(?:figur\w+|compt\w+|sont|étaient|était) {G}\bparmi les (?:investisseurs|"
                    r"actionnaires|souscripteurs)", o="raiser", flags={"round"}, conf=0.8),
    P("invests_in", r"{S} (?:a|avait|ont|avaient) (?:aussi |également |déjà )?participé {G}\b(?:au|à un|à une|à la) "
                    r"{G}\b(?:tour de table|levée de fonds|tour) " + _DE + r"{O}", conf=0.85),
    P("invests_in", r"{M} (?:apportés?|investis|injectés) par {S}", o="raiser", conf=0.8),
    P("invests_in", r"\baux côtés (?:de |d'|du |des ){SL}", flags={"copy"}, conf=0.8),
    P("invests_in", r"{SL} (?:ont|a|avaient) {G}\b(?:créé|formé|fondé|lancé|constitué)\w* {G}\b(?:une coentreprise|"
                    r"une co-entreprise|une filiale commune|une société commune)[^⟦⟨]{0,30}{O}", conf=0.8),
    # ---- supplies ----------------------------------------------------------------------------------------
    P("supplies", r"{S} (?:fournira|fournit|fournissait|a fourni|va fournir|fournir|fourniront|fournissent|"
                  r"livrera|livre|a livré|vend|vendra|a vendu) (?:à |a |aux? ){O}", conf=0.85),
    P("supplies", r"{S} (?:mettra|met|a mis|va mettre|mettait|mettront) à (?:la )?disposition " + _DE + r"{O}",
      conf=0.85),
    P("supplies", r"{O} {G}\b" + _ACHAT + r" {G}\b(?:à |auprès de |auprès d'|auprès du |chez |de la part de ){S}",
      conf=0.85),
    P("supplies", r"\b(?:contrat|accord) (?:de fourniture|d'approvisionnement) (?:d'électricité |d'énergie |de gaz |"
                  r"de puces |de capacités? )?avec (?:{W})?{OL}", s="sent", conf=0.75),
    P("supplies", r"{O} {G}\b" + _DEPENSE + r"\b{G}\b(?:dans|en|pour) (?:les |le |la |l')?" + _SERVICES + r" "
                  r"(?:de |d'|du |des ){S}", conf=0.8),
    P("supplies", r"{S} {G}\b(?:devient|deviendra|est|sera|a été choisie? comme|choisie? comme|a été retenue? comme|"
                  r"retenue? comme|désignée? comme) (?:le |l'|un |une |son |sa )?(?:fournisseur|prestataire|partenaire "
                  r"technologique)\w* (?:\w+ ){0,2}?(?:de |d'|du ){O}", conf=0.8),
    P("supplies", r"{O}(?: {G})? (?:s'appuie|s'appuiera|s'appuyait|repose|reposera|tourne|tournera|fonctionne|"
                  r"fonctionnera|est entraînée?|sont entraînés|entraîne|entraînera|héberge|hébergera) (?:\w+ )?sur (?:les |le |"
                  r"la |l')?" + _SERVICES + r" (?:de |d'|du |des )?{S}", conf=0.8),
    P("supplies", r"\b(?:contrat|accord|commande)\b {G}\bavec {O}\b {G}\bpour (?:fournir|livrer|construire|héberger|"
                  r"alimenter)", s="sent", conf=0.75),
    P("supplies", r"{O} {G}\b(?:s'est engagée?|s'engage\w*|a promis|s'engageant) à (?:acheter|dépenser|louer) {G}"
                  r"\b(?:services?|outils|produits|capacités?|puces|logiciels|modèles) " + _DE + r"?{S}", conf=0.8),
    P("supplies", r"\bfournisseur {G}{S}, où {O} (?:agit |agissait )?(?:en tant que|comme) {W}client", conf=0.8),
    P("supplies", r"{S} {G}\b(?:en tant que|comme) {W}(?:fournisseur|prestataire) (?:[\w-]+ ){0,3}?" + _DE + r"{O}",
      conf=0.8),
    P("supplies", r"{OL} (?:comptent|compte|figurent|figure|sont|est) parmi {S} clients", pre=True, conf=0.8),
    P("supplies", r"{OL} (?:comptent|compte|figurent|figure|sont|est) parmi les clients " + _DE + r"{S}", pre=True,
      conf=0.8),
    P("supplies", r"\b(?:fournis|fournies|livrés|livrées|vendus|vendues) par {S}", o="sent", conf=0.75),
    P("supplies", r"\b(?:qu'|que )(?:utilise|utilisent|utilisait) (?:en revanche |aussi |également |déjà )?{O}",
      s="before", pre=True, conf=0.75),
    P("supplies", r"{PW} " + _DE + r"{W}" + _HW + r" {S}", o="customer", conf=0.8),
    P("supplies", r"{PW} " + _DE + r"{W}" + _HW + r" (?:de |d'|fournis par |auprès de )\s?{S}", o="customer",
      conf=0.8),
    P("supplies", r"\baccord (?:de |du )?(?:cloud|calcul|capacité|fourniture|compute|puces)\b{G}\bavec {S}",
      o="sent", conf=0.75),
    # ---- partners_with -----------------------------------------------------------------------------------
    P("partners_with", r"{S} et {O} (?:ont |avaient |avait |vont )?(?:\w+ )?(?:annonc|conclu|sign|nou|scell|form|"
                       r"officialis|dévoil|concrétis|renforc|étend|prolong)\w* {G}\b(?:partenariat|alliance|accord|"
                       r"collaboration|coopération)", conf=0.85),
    P("partners_with", r"{S} {G}\b(?:construire|construira|construisent|développer|développera|bâtir|créer|créera|lancer|"
                       r"concevoir|déployer|codévelopper|co-développer) (?:conjointement )?{GX}\bavec {OL}", conf=0.65),
    P("partners_with", r"{SL} {G}\b(?:(?:sont|est) entrée?s? en|a entamé|ont entamé|a engagé|ont engagé|mène|mènent|"
                       r"a ouvert|ont ouvert) (?:des |de )?(?:discussions|négociations|pourparlers) (?:exclusives )?avec {OL}",
      conf=0.7),
    P("partners_with", r"\b(?:partenariat|alliance|collaboration|accord de licence|coopération)\b{G}\bavec {OL}",
      s="before", conf=0.8),
    P("partners_with", r"\bs'all(?:ie|ient|ier|iera|iait)\w* (?:à|avec) {O}", s="before", conf=0.85),
    P("partners_with", r"{SL} {G}\b(?:s'associe|s'associent|s'associera|s'est associée?|se sont associés|va s'associer|"
                       r"s'associer|s'unit|s'unissent|unit ses forces|unissent leurs forces|collabore|collaborera|"
                       r"collaborent|coopère|travaille(?:ra)? main dans la main|se rapproche|noue un partenariat|"
                       r"a noué un partenariat|signe un partenariat|a signé un partenariat|s'allie) (?:à |avec |au |aux )"
                       r"{OL}", conf=0.85),
    P("partners_with", r"\b(?:partenariat|alliance|collaboration|coopération|rapprochement|coentreprise|co-entreprise)\b "
                       r"(?:\w+ )?entre {S} et {O}", pre=True, conf=0.8),
    P("partners_with", r"{O}, {W}partenaire " + _DE + r"{S}", pre=True, conf=0.8),
    P("partners_with", r"\b(?:collaborateurs|partenaires)\b,? (?:notamment|dont|comme|parmi lesquels|tels que) {OL}",
      s="other", conf=0.75),
    P("partners_with", r"\b(?:ce partenariat|le partenariat)\b", s="pair", o="pair", conf=0.75),
    P("partners_with", r"⟨(?P<s>\d+)⟩", flags={"pair_mention"}, conf=0.75),
    P("partners_with", r"\b(?:modèles|produits|services|outils)\b{GX}\b(?:seront|seraient|sont|sera|serait) "
                       r"(?:proposés|disponibles|distribués|hébergés|intégrés) (?:sur|via|dans) {O}",
      s="models_owner", conf=0.75),
    P("partners_with", r"{SL} (?:ont|a|avaient) {G}\b(?:créé|formé|fondé|lancé|constitué)\w* {G}\b(?:une coentreprise"
                       r"|une co-entreprise|une filiale commune|une société commune)", flags={"among"}, conf=0.8),
    # ---- acquires ----------------------------------------------------------------------------------------
    P("acquires", r"{O} (?:constitue|est|représente|reste|demeure) {G}\b(?:acquisition|rachat|achat|opération) "
                  r"(?:de |d'|par ){S}", pre=True, conf=0.8),
    P("acquires", r"\b(?:depuis|après|avant) (?:celle|celui) " + _DE + r"{O}", flags={"copy_subject"}, pre=True,
      conf=0.75),
    P("acquires", r"\b(?:après avoir|avoir) (?:absorbé|racheté|acquis|repris) {OL}", s="sent", conf=0.8),
    P("acquires", r"{S} {G}\b" + _ACQ + r" ?{OL}", conf=0.85),
    P("acquires", r"{S} {G}\b" + _ACQ + r" ?(?:(?:la |le |l'|les |une |un )?(?:(?!participation|part|parts|capital|actions|"
                  r"titres|puces|serveurs|capacités?)[\w'-]+ ){1,5}?)(?:de |d')?{OL}", conf=0.8),
    P("acquires", r"{O} {G}\b(?:passe|passera|est passée?|va passer) sous (?:le )?(?:contrôle|pavillon|giron|bannière) "
                  r"(?:de |d'|du |des )(?:{W})?{S}", conf=0.8),
    P("acquires", r"{O} (?:a été|est|sera|avait été|va être) (?:racheté|acquis|absorbé|repris)e?s? par {S}",
      conf=0.85),
    P("acquires", r"\b(?:rachat|acquisition|achat|reprise)\b,? {G}" + _DE + r"(?:[\w-]+ ){0,3}?{O}", s="before",
      pre=True, conf=0.8),
    # ---- competes_with -----------------------------------------------------------------------------------
    P("competes_with", r"{O}, {W}(?:principal |principale |grand |grande |premier |plus grand |farouche )?"
                       r"(?:concurrent|concurrente|rival|rivale) " + _DE + r"{S}", pre=True, conf=0.8),
    P("competes_with", r"\b(?:un |une |le |la )(?:\w+ )?(?:rival|rivale|concurrent|concurrente) (?:de |d'|à |du )"
                       r"(?:{N} (?:de |d'|du ))?{O}", s="sent", pre=True, conf=0.75),
    P("competes_with", r"\b(?:concurrencer|rivaliser avec|en concurrence (?:directe )?avec|concurrence|rivalise avec|"
                       r"rivalisent avec|rivalisera avec|concurrencera|concurrencent|défier|défie|affronter|affronte|"
                       r"tailler des croupières à|faire de l'ombre à) {OL}", s="before", conf=0.75),
    P("competes_with", r"\b(?:concurrents?|rivaux|rivales?|compétiteurs)\b,? (?:\w+ ){0,2}?(?:comme|tels que|dont|"
                       r"notamment|parmi lesquels) {OL}", s="sent", conf=0.7),
    P("competes_with", r"\b(?:défier|défie|défient|bousculer|bouscule|détrôner|contester|conteste) (?:la domination |"
                       r"l'hégémonie |la suprématie )?(?:de |d'|du )?{O}", s="sent", conf=0.7),
    P("competes_with", r"\b(?:alternatives? (?:à|aux?)|briser|casser|contrer) (?:la domination |l'hégémonie |le monopole |"
                       r"la suprématie )?(?:de |d'|du )?{O}", s="sent", conf=0.7),
    P("competes_with", r"\b(?:guerre|bataille|course|duel|rivalité|lutte|concurrence)\b (?:\w+ ){0,2}?(?:avec|contre|face "
                       r"à|face aux?) {OL}", s="sent", conf=0.7),
    P("competes_with", r"\b(?:réduire|combler|resserrer|creuser|rattraper) (?:l'écart|son retard) (?:avec|sur) {O}",
      s="sent", conf=0.7),
    P("competes_with", r"\b(?:rivaux|concurrents)\b(?: " + _DE + r"{O})?[^⟦⟨]*$", s="sent",
      flags={"next_sentence"}, conf=0.7),
    P("competes_with", r"{S} {W}(?:rivaux|concurrents)\b[^⟦⟨]*$", flags={"next_sentence"}, conf=0.7),
    # ---- develops ----------------------------------------------------------------------------------------
    P("develops", _PROD + r" (?:[\w-]+ ){0,2}?{O} " + _DE + r"{S}", pre=True, flags={"product_object"}, conf=0.75),
    P("develops", r"{O} " + _DE + r"{S}", pre=True, flags={"product_shaped"}, conf=0.7),
    P("develops", r"{S} " + _PROD + r" {O}", pre=True, flags={"pronoun_subject", "product_object"}, conf=0.75),
    P("develops", r"\b(?:dévoil\w+|lanc\w+|présent\w+|sorti\w*) (?:son |sa |ses |le |la |les )?(?:\w+ )?{OL}",
      s="sent", flags={"product_object"}, conf=0.75),
    P("develops", r"\bbaptisée?s? {O}", s="sent", pre=True, conf=0.75),
    P("develops", r"{S}, qui (?:développe|conçoit|commercialise|édite|fabrique|produit) (?:l'|le |la |les )?{W}{O}",
      pre=True, conf=0.8),
    P("develops", r"{O},? {G}\b(?:conçue?s?|développée?s?|créée?s?|mise?s? au point) par {S}", pre=True, conf=0.8),
    P("develops", r"\b(?:créateur|concepteur|éditeur|développeur|inventeur) " + _DE + r"{O}", s="sent", pre=True,
      conf=0.75),
    P("develops", r"\b(?:dont|whose) (?:l'|le |la |les )(?:assistant|modèle|chatbot|plateforme|plate-forme|service|"
                  r"puce|logiciel|outil)s? {O}", s="before", pre=True, conf=0.75),
    P("develops", r"\bmodèles? {W}" + _DE + r"{S}, {OL}", pre=True, conf=0.75),
    P("develops", r"{S}, (?:des|les|ses|avec les|notamment les) (?:modèles|puces|versions|processeurs) {OL}",
      pre=True, conf=0.75),
    # ---- member_of ---------------------------------------------------------------------------------------
    P("member_of", r"{S} (?:est|était|devient|est devenue?) (?:un |une )?{W}(?:partenaire|membre|participant|"
                   r"actionnaire) {W}(?:dans|de|du|au sein du|au sein de) (?:l'|le |la )?{W}{O}", conf=0.8),
    P("member_of", r"{SL} (?:ont|a|avaient|avait) (?:\w+ )?(?:lancé|créé|fondé|formé|constitué)(?: (?:avec|aux côtés "
                   r"de) {XL})? (?:le projet |le consortium |l'initiative |la coentreprise )?{O}",
      flags={"project_object"}, conf=0.8),
]
