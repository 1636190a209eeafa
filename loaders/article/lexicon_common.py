"""Language-independent word lists: generic acronyms, places, organisation cues, given names.

These are data, not logic: extend them to improve recognition on new articles.
"""

from __future__ import annotations

#: Capitalised tokens that are never a name on their own (acronyms of common nouns, units...).
GENERIC_TOKENS = frozenset("""
AI IA GPU GPUs CPU CPUs TPU TPUs LLM LLMs API APIs ML GenAI IPO IPOs CEO CEOs CFO CFOs COO CTO PDG DG
GW MW KW TWh GWh US USA UK EU UE UN ONU R&D IT PC PCs HPC SaaS B2B B2C ESG OK TV
USD EUR GBP JPY CNY CHF CAD Will Would Could Should Might Must Shall Like Unlike Via Per
NASDAQ Nasdaq NYSE TSE TYO LSE HKEX TSX OTC Md Mds Mrd Mrds M€ Md€ Mds€ Billionaire Tycoon Sommet Semaine
""".split())

#: Nationality and regional adjectives, never names of organisations on their own.
DEMONYMS = frozenset("""
American Americans Chinese Arabic Arab European French British English Japanese Israeli German Emirati Saudi Korean
Indian Finnish Canadian Italian Dutch Swiss Taiwanese Russian Asian African Californian Texan Irish Spanish
Swedish Norwegian Danish Polish Ukrainian Brazilian Mexican Australian Singaporean Qatari Gulf Western Eastern
Européen Européenne Américain Américaine Chinois Chinoise Japonais Japonaise Français Française Allemand Allemande
Britannique Israélien Israélienne Émirati Coréen Coréenne Indien Indienne Finlandais Finlandaise Italien Italienne
Californien Californienne Parisien Parisienne
""".split())

#: Place names (countries, regions, cities) that are never organisations in a relation.
PLACES = frozenset(line.strip() for line in """
Alabama
Alaska
Arkansas
Colorado
Connecticut
Delaware
Florida
Georgia
Hawaii
Idaho
Illinois
Indiana
Iowa
Kansas
Kentucky
Louisiana
Maine
Maryland
Massachusetts
Michigan
Minnesota
Mississippi
Missouri
Montana
Nebraska
Nevada
Oklahoma
Pennsylvania
Tennessee
Utah
Vermont
Wisconsin
Wyoming
Ontario
Quebec
Québec
Alberta
Bavaria
Bavière
Wales
Scotland
Écosse
Ireland
Irlande
Île-de-France
Occitanie
Bretagne
Normandie
Provence
Essonne
Lyon
Marseille
Toulouse
Bordeaux
Lille
Nantes
Grenoble
Montpellier
Nice
Strasbourg
Rennes
North Carolina
South Carolina
North Dakota
South Dakota
New Mexico
West Virginia
New Hampshire
Rhode Island
British Columbia
Auvergne-Rhône-Alpes
Hauts-de-France
Nouvelle-Aquitaine
Grand Est
Abu Dhabi
Dubai
UAE
Emirates
United Arab Emirates
Saudi Arabia
Qatar
Israel
Tel Aviv
Yokneam
Haifa
Jerusalem
United States
U.S.
U.S
US
USA
America
Washington
New York
New Jersey
California
Texas
Silicon Valley
San Francisco
Seattle
Redmond
Santa Clara
Austin
Boston
Chicago
Virginia
Ohio
Arizona
Oregon
Wall Street
Europe
European Union
Asia
Africa
Middle East
Central Asia
Latin America
Gulf
China
Beijing
Shanghai
Shenzhen
Hong Kong
Taiwan
Taipei
Japan
Tokyo
Korea
South Korea
Seoul
India
Mumbai
Bangalore
Singapore
Malaysia
Indonesia
Vietnam
Australia
Canada
Toronto
Montreal
Mexico
Brazil
United Kingdom
Britain
Great Britain
England
London
Ireland
Dublin
France
Paris
Germany
Berlin
Munich
Italy
Rome
Milan
Spain
Madrid
Netherlands
Amsterdam
Belgium
Brussels
Bruxelles
Switzerland
Zurich
Geneva
Sweden
Stockholm
Norway
Finland
Helsinki
Denmark
Poland
Russia
Moscow
Ukraine
Atlantic
Pacific
Vineland
Secaucus
États-Unis
Etats-Unis
Amérique
Japon
Chine
Allemagne
Royaume-Uni
Angleterre
Londres
Italie
Espagne
Pays-Bas
Belgique
Suisse
Suède
Finlande
Irlande
Inde
Corée
Corée du Sud
Taïwan
Singapour
Émirats
Emirats
Émirats arabes unis
Arabie saoudite
Moyen-Orient
Asie
Afrique
Amérique latine
Île-de-France
Bretagne
Lyon
Marseille
Toulouse
Grenoble
Nice
Californie
Texas
New Jersey
""".strip().splitlines() if line.strip())

#: Last words of organisation names, with the entity type they suggest.
ORG_SUFFIX_TYPES = {
    "capital": "fund", "ventures": "fund", "venture": "fund", "partners": "fund", "fund": "fund",
    "investments": "fund", "investment": "fund", "management": "fund", "equity": "fund", "fonds": "fund",
    "inc": "company", "corp": "company", "corporation": "company", "ltd": "company", "llc": "company",
    "plc": "company", "sa": "company", "sas": "company", "ag": "company", "gmbh": "company", "group": "company",
    "groupe": "company", "systems": "company", "technologies": "company", "technology": "company",
    "labs": "company", "lab": "company", "networks": "company", "semiconductor": "company",
    "semiconductors": "company", "computing": "company", "robotics": "company", "bank": "company",
    "holdings": "company", "university": "company", "université": "company", "institute": "company",
    "ai": "company", "energy": "company", "cloud": "product", "commission": "government",
    "ministry": "government", "government": "government", "gouvernement": "government",
    "project": "project", "projet": "project", "initiative": "project", "consortium": "project",
}

#: Words that, placed just before a name, say it is a person.
PERSON_TITLES = frozenset("""
Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. professor Professor Sir Dame M. Mme Mme. Mlle
""".split())

#: Common given names (international). A first token from this list makes a capitalised sequence a person.
GIVEN_NAMES = frozenset("""
Aaron Adam Adrian Ahmed Aidan Alan Albert Alex Alexander Alexandra Alexis Alice Alicia Ali Alison Amanda Amy
Andrew Andy Angela Anna Anne Anthony Antoine Arthur Ashley Aurélien Barbara Ben Benjamin Bernard Beth Bill
Bob Brad Bradley Brian Bruce Bruno Camille Carl Carlos Caroline Catherine Cédric Charles Charlie Chris
Christian Christine Christopher Claire Clara Colin Craig Dan Daniel Daniela Dario David Deborah Dennis Diane
Dominique Doug Douglas Duncan Ed Edward Elena Eli Elizabeth Ellen Elon Emily Emma Emmanuel Eric Erik Étienne
Eva Fabien Fei Florence Florian Forrest Francis François Françoise Frank Fred Frédéric Gabriel Gary George
Georges Gérard Gilles Gina Grace Greg Gregory Guillaume Hannah Harry Helen Hélène Henri Henry Hugo Ian Ilya
Isabelle Jack Jacob Jacques James Jan Jane Janet Jason Jean Jean-Claude Jean-Louis Jean-Marc Jean-Pierre Jeff
Jeffrey Jennifer Jensen Jeremy Jérôme Jessica Jim Joanna Joe John Jonathan Jordan José Joseph Josh Joshua
Judith Julia Julie Julien Justin Karen Kate Katherine Kathy Keith Kelly Kevin Kim Kyle Larry Laura Laurent
Lauren Lee Leo Léa Lisa Louis Lucas Lucy Luc Mandy Marc Marco Margaret Maria Marie Mark Martin Mary Masayoshi
Mathieu Matt Matthew Maxime Meir Melissa Michael Michel Michelle Mike Mira Mustafa Nadia Natalie Nathalie
Nicholas Nick Nicolas Noam Olivier Omar Omri Oren Pascal Pat Patricia Patrick Paul Pauline Peng Peter Philippe
Pierre Rachel Ralph Raphaël Rebecca Reid Richard Rob Robert Robin Roger Ron Ronen Ryan Safra Sam Samuel Sandra
Sarah Satya Scott Sean Sébastien Shantanu Sheryl Simon Sophie Stephen Steve Steven Sundar Sunny Susan Sylvain
Ted Thomas Thierry Tim Timothée Timothy Tom Tony Valérie Vincent Virginie Walter William Xavier Yann Yoshua
Yuval Zoe Arkady Jan-Erik Lip-Bu Hock Jean-Noël Nikesh Kai-Fu Arvind Jay Jayshree Marc-André Joelle
""".split())

#: Elided articles/prepositions glued to a name by an apostrophe (French): d'OpenAI, l'UE, qu'Amazon.
ELISIONS = ("jusqu", "lorsqu", "puisqu", "quoiqu", "qu", "d", "l", "n", "s", "c", "j", "m", "t")
