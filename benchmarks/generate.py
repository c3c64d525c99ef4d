"""Generate realistic dossiers of any size, deterministically (same arguments, same bytes).

Sources are news articles of a few paragraphs: datelines, direct quotes in “ ”, reported
sentences with reporting verbs, background and sub-headings. Actors form sides -> states,
bodies -> persons (with aliases, some non-ASCII names); issues are questions a stance
answers. Every quote is a verbatim passage of its source (direct: the words between “ ”;
reported: a whole sentence), of 20-30 words, given `occurrence` when its text occurs more
than once there (articles sometimes repeat a sentence as a bullet). Positions cite quotes
of their actor on their issue, sometimes from an earlier article.

    python benchmarks/generate.py --quotes 100000 --out benchmarks/data/q100k   # a folder
    python benchmarks/generate.py --quotes 200 --out small.json                 # one file

A folder gets `--split N` files (default: one per 50,000 quotes); actors and issues are in
the first, and records refer to records in other files of the folder. Output is streamed
(memory stays flat whatever the size) and written atomically (a folder or file that exists
is complete).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import resource
import shutil
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ceasefire_tui.db.load import occurrences  # the loader's own rule for verbatim places

QUOTES_PER_FILE = 50_000
MIN_WORDS, MAX_WORDS = 20, 30
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FIRST_DAY = date(2022, 3, 1)
SPAN_DAYS = 1400


def default_actors(quotes: int) -> int:
    return max(20, round(2 * math.sqrt(quotes)))  # 10k: 200, 100k: 632, 1M: 2,000


def default_issues(quotes: int) -> int:
    return max(8, round(0.5 * math.sqrt(quotes)))  # 10k: 50, 100k: 158, 1M: 500


def default_sources(quotes: int) -> int:
    return max(1, quotes // 25)  # about 25 quotes per article


# --- vocabulary --------------------------------------------------------------------------

# name cultures: (first names, last names); "f:" marks a woman's first name (for -ska, -ova)
CULTURES: dict[str, tuple[list[str], list[str]]] = {
    "ru": (["Vladimir", "Sergei", "Dmitry", "Alexander", "f:Maria", "Yuri", "Nikolai", "Andrei",
            "Mikhail", "f:Olga", "f:Tatiana", "Konstantin", "f:Valentina", "Leonid", "Pyotr",
            "Alexei", "f:Yelena", "Grigory", "Vasily", "Anatoly", "f:Svetlana", "Kirill"],
           ["Ivanov", "Petrov", "Sokolov", "Kuznetsov", "Morozov", "Volkov", "Lebedev", "Kozlov",
            "Novikov", "Orlov", "Zakharov", "Belyaev", "Tarasov", "Gromov", "Sorokin", "Polyakov",
            "Frolov", "Yermakov", "Shcherbakov", "Vinogradov", "Golubev", "Komarov", "Karpov",
            "Danilov", "Zhukov", "Ryabkov", "Galuzin", "Nebenzya", "Ushakov", "Medinsky"]),
    "uk": (["Volodymyr", "Oleksandr", "Andriy", "f:Olena", "f:Iryna", "Mykhailo", "Dmytro",
            "f:Yuliia", "Serhiy", "f:Oksana", "Taras", "Bohdan", "f:Kateryna", "Petro", "Vitaliy",
            "f:Halyna", "Denys", "Ruslan", "f:Nataliia", "Yaroslav", "Rustem", "Kyrylo"],
           ["Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Oliynyk", "Melnyk",
            "Moroz", "Lysenko", "Hrytsenko", "Savchenko", "Rudenko", "Pavlenko", "Marchenko",
            "Yaremchuk", "Kuzmenko", "Zinchenko", "Dmytrenko", "Ostapchuk", "Sydorenko", "Boyko",
            "Kharchenko", "Yurchenko", "Koval", "Stefanyshyn", "Humeniuk", "Umerov", "Sybiha",
            "Yermak", "Podolyak", "Budanov", "Syrskyi", "Lubinets", "Kuleba"]),
    "us": (["John", "f:Mary", "Robert", "f:Linda", "Michael", "f:Karen", "David", "f:Susan",
            "James", "f:Patricia", "Thomas", "f:Jennifer", "Daniel", "f:Elizabeth", "Mark",
            "f:Sarah", "Kevin", "f:Laura", "Brian", "f:Rachel", "Keith", "f:Tammy"],
           ["Miller", "Harris", "Coleman", "Bennett", "Brooks", "Hayes", "Foster", "Sullivan",
            "Price", "Russell", "Griffin", "Hughes", "Myers", "Ford", "Hamilton", "Graham",
            "Wallace", "Woods", "Cole", "West", "Jordan", "Reynolds", "Fisher", "Ellis", "Holt",
            "Kellogg", "Vance", "Hegseth", "Bruce", "Whitaker"]),
    "gb": (["Oliver", "f:Harriet", "Alistair", "f:Fiona", "Nigel", "f:Imogen", "Rupert",
            "f:Siobhan", "Hamish", "f:Priya", "Callum", "f:Gemma", "Jonathan", "f:Yvette"],
           ["Ashworth", "Pemberton", "Whitaker", "Fairclough", "Hargreaves", "Thornton",
            "Blackwood", "Cartwright", "Lockhart", "Beaumont", "McAllister", "Fraser", "Lammy",
            "Healey", "Powell", "Doughty", "Ó Briain"]),
    "fr": (["François", "f:Hélène", "Jérôme", "Sébastien", "f:Amélie", "Benoît", "f:Cécile",
            "f:Élodie", "Thierry", "f:Agnès", "Laurent", "f:Margaux", "Mathieu", "f:Clémence",
            "Jean-Noël", "f:Anne-Claire"],
           ["Lefèvre", "Dubois", "Moreau", "Girard", "Bonnet", "Lambert", "Fontaine", "Rousseau",
            "Mercier", "Chevalier", "Bérenger", "Faure", "Gauthier", "Lemaître", "Perrin",
            "Rénier", "Barrot", "Lecornu", "Séjourné"]),
    "de": (["Jürgen", "f:Ursula", "Wolfgang", "f:Annegret", "Matthias", "Jörg", "f:Sabine",
            "Günter", "f:Katrin", "Björn", "f:Dörte", "Felix", "f:Heike", "Lukas", "Boris",
            "f:Annalena"],
           ["Müller", "Schröder", "Schäfer", "Köhler", "Weiß", "Günther", "Fischer", "Wagner",
            "Becker", "Hoffmann", "Krüger", "Böhm", "Vogel", "Hartmann", "Brandt", "Schulze",
            "Löwe", "Fuchs", "Wadephul", "Pistorius", "Baerbock"]),
    "pl": (["Łukasz", "f:Małgorzata", "Paweł", "f:Katarzyna", "Grzegorz", "f:Agnieszka",
            "Wojciech", "Michał", "f:Zofia", "Tomasz", "f:Joanna", "Bartłomiej", "Jędrzej",
            "f:Dorota", "Radosław", "Władysław"],
           ["Wiśniewski", "Dąbrowski", "Kowalczyk", "Zieliński", "Szymański", "Woźniak", "Kamiński",
            "Lewandowski", "Nowak", "Wójcik", "Kaczmarek", "Mazur", "Krawczyk", "Piątek",
            "Grabowski", "Pawłowski", "Michalski", "Król", "Jabłoński", "Górski", "Sikorski",
            "Kosiniak-Kamysz"]),
    "it": (["f:Giorgia", "Matteo", "f:Francesca", "Alessandro", "f:Chiara", "Lorenzo", "f:Giulia",
            "Niccolò", "f:Federica", "Stefano", "Guido", "Antonio"],
           ["Rossi", "Bianchi", "Ferrari", "Esposito", "Romano", "Colombo", "Ricci", "Marino",
            "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Tajani", "Crosetto"]),
    "nordic": (["Søren", "f:Mette", "Jens", "f:Ingrid", "Anders", "f:Ulla", "Pekka", "f:Aino",
                "f:Kaja", "Toomas", "Jonas", "f:Åsa", "Mikael", "f:Sanna", "Bjørn", "Gabrielius",
                "f:Elina", "Krišjānis"],
               ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Lindqvist", "Andersson",
                "Johansson", "Halvorsen", "Jørgensen", "Søndergaard", "Tamm", "Saar", "Kask",
                "Berg", "Åberg", "Landsbergis", "Kariņš", "Häkkänen", "Tsahkna", "Løkke"]),
    "tr": (["Recep", "Hakan", "Mevlüt", "f:Ayşe", "f:Emine", "Ömer", "İbrahim", "f:Fatma",
            "Mustafa", "f:Zeynep", "Çağlar", "f:Şule", "Yaşar"],
           ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Özdemir",
            "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Erdem", "Koç", "Fidan", "Kalın",
            "Güler"]),
    "zh": (["Yi", "Jian", "Wei", "Lin", "Qiang", "Hua", "Jun", "Ming", "Xiu", "Hong", "Jing",
            "Lei", "Hui", "Chunying"],
           ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu",
            "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Gao", "Lin", "Luo", "Fu", "Mao"]),
    "ar": (["Faisal", "Mohammed", "Abdullah", "Khalid", "f:Noura", "f:Hessa", "Tamim", "Majed",
            "Sultan", "f:Reem", "Fahad", "f:Lolwah", "Anwar"],
           ["al-Thani", "bin Farhan", "al-Khulaifi", "al-Jubeir", "al-Otaiba", "Al Nahyan",
            "al-Mansouri", "al-Attiyah", "al-Sudairi", "Gargash", "al-Kaabi", "al-Ansari",
            "al-Hashimi", "al-Khater"]),
    "pt": (["João", "Celso", "Mauro", "f:Luíza", "f:Ana", "Gonçalo", "f:Inês", "Márcio",
            "f:Fernanda", "Sérgio"],
           ["Gonçalves", "Araújo", "Figueiredo", "Simões", "Magalhães", "Conceição", "Lopes",
            "Ribeiro", "Carvalho", "Vieira", "Amorim"]),
    "in": (["Subrahmanyam", "Ajit", "f:Nirmala", "Rajnath", "f:Priya", "Vikram", "f:Anjali",
            "Harsh", "f:Meera", "Arun"],
           ["Jaishankar", "Doval", "Sitharaman", "Kumar", "Menon", "Iyer", "Rao", "Chatterjee",
            "Nair", "Reddy", "Mehta", "Shringla", "Misri"]),
    "za": (["Cyril", "f:Naledi", "Thabo", "f:Lindiwe", "Ronald", "f:Nkosazana", "Sipho",
            "f:Zanele"],
           ["Pandor", "Lamola", "Mbeki", "Ramokgopa", "Dlamini", "Nkosi", "Mokoena", "Khumalo",
            "Ntshavheni"]),
    "hu": (["Viktor", "Péter", "f:Katalin", "Zoltán", "f:Judit", "Gergely", "f:Ildikó",
            "Balázs"],
           ["Szijjártó", "Novák", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Nagy",
            "Farkas", "Gulyás"]),
}

# sides: id, name, kind, aliases, adjective, culture, capital, weight; then members
# (states under a coalition or organization) and bodies (governments, organizations).
SIDES = [
    dict(id="russia", name="Russia", kind="state", aliases=["Moscow", "Russian Federation"],
         adj="Russian", culture="ru", capital="Moscow", weight=5.0,
         role="Russian Federation; invaded Ukraine in 2022",
         bodies=[("kremlin", "Kremlin", "government", "Office of the Russian President",
                  ["the Kremlin"], "the Kremlin", "Kremlin"),
                 ("russia-foreign-ministry", "Russian Foreign Ministry", "government",
                  "Ministry of Foreign Affairs of Russia", ["MID", "Russian MFA"],
                  "Russia’s Foreign Ministry", "Russian")],
         members=[]),
    dict(id="ukraine", name="Ukraine", kind="state", aliases=["Kyiv", "Kiev"], adj="Ukrainian",
         culture="uk", capital="Kyiv", weight=5.0, role="State resisting Russia's invasion",
         bodies=[("ukraine-presidential-office", "Office of the President of Ukraine", "government",
                  "Ukraine's presidential administration", ["Bankova", "the presidential office"],
                  "Ukraine’s presidential office", "Ukrainian presidential"),
                 ("verkhovna-rada", "Verkhovna Rada", "government", "Parliament of Ukraine",
                  ["the Rada", "Ukrainian parliament"], "the Verkhovna Rada", "Ukrainian")],
         members=[]),
    dict(id="united-states", name="United States", kind="state",
         aliases=["U.S.", "US", "USA", "Washington", "United States of America"], adj="U.S.",
         culture="us", capital="Washington", weight=4.0,
         role="Proposer of the 30-day ceasefire; mediating between Russia and Ukraine",
         bodies=[("white-house", "White House", "government", "Office of the U.S. President",
                  ["the White House"], "the White House", "White House"),
                 ("state-department", "State Department", "government",
                  "U.S. Department of State", ["the State Department", "DoS"],
                  "the State Department", "State Department"),
                 ("pentagon", "Pentagon", "government", "U.S. Department of Defense",
                  ["the Pentagon", "DoD"], "the Pentagon", "Pentagon")],
         members=[]),
    dict(id="europe", name="Europe", kind="coalition",
         aliases=["European allies", "European nations", "Ukraine's European allies"],
         adj="European", culture="gb", capital="Brussels", weight=4.0,
         role="Ukraine's European allies, including Britain and France",
         bodies=[("european-commission", "European Commission", "organization",
                  "Executive of the European Union", ["the Commission", "E.U. Commission"],
                  "the European Commission", "E.U.")],
         members=[("united-kingdom", "United Kingdom", ["Britain", "UK", "U.K.", "Great Britain"],
                   "British", "gb", "London"),
                  ("france", "France", ["French Republic"], "French", "fr", "Paris"),
                  ("germany", "Germany", ["Berlin", "Federal Republic of Germany"], "German",
                   "de", "Berlin"),
                  ("poland", "Poland", ["Warsaw", "Polska"], "Polish", "pl", "Warsaw"),
                  ("italy", "Italy", ["Rome", "Italia"], "Italian", "it", "Rome"),
                  ("finland", "Finland", ["Helsinki", "Suomi"], "Finnish", "nordic", "Helsinki"),
                  ("estonia", "Estonia", ["Tallinn", "Eesti"], "Estonian", "nordic", "Tallinn"),
                  ("lithuania", "Lithuania", ["Vilnius", "Lietuva"], "Lithuanian", "nordic",
                   "Vilnius"),
                  ("denmark", "Denmark", ["Copenhagen", "Danmark"], "Danish", "nordic",
                   "Copenhagen"),
                  ("hungary", "Hungary", ["Budapest", "Magyarország"], "Hungarian", "hu",
                   "Budapest"),
                  ("sweden", "Sweden", ["Stockholm", "Sverige"], "Swedish", "nordic", "Stockholm"),
                  ("portugal", "Portugal", ["Lisbon"], "Portuguese", "pt", "Lisbon")]),
    dict(id="nato", name="NATO", kind="organization",
         aliases=["North Atlantic Treaty Organization", "the Alliance", "OTAN"], adj="NATO",
         culture="nordic", capital="Brussels", weight=1.5,
         role="The North Atlantic alliance", bodies=[
             ("nato-military-committee", "NATO Military Committee", "organization",
              "NATO's senior military authority", ["the Military Committee"],
              "NATO’s Military Committee", "NATO")], members=[]),
    dict(id="united-nations", name="United Nations", kind="organization",
         aliases=["U.N.", "UN", "the U.N."], adj="U.N.", culture="pt", capital="New York",
         weight=1.5, role="The United Nations and its agencies",
         bodies=[("iaea", "International Atomic Energy Agency", "organization",
                  "U.N. nuclear watchdog", ["IAEA", "the IAEA"], "the IAEA", "IAEA"),
                 ("unhcr", "UNHCR", "organization", "U.N. refugee agency",
                  ["U.N. refugee agency", "UN Refugee Agency"], "the U.N. refugee agency",
                  "UNHCR"),
                 ("hrmmu", "U.N. Human Rights Monitoring Mission in Ukraine", "organization",
                  "U.N. monitors of civilian casualties", ["HRMMU"],
                  "the U.N. monitoring mission", "U.N.")], members=[]),
    dict(id="turkey", name="Turkey", kind="state", aliases=["Türkiye", "Ankara"], adj="Turkish",
         culture="tr", capital="Ankara", weight=1.0, role="Mediator; host of talks in Istanbul",
         bodies=[("turkey-foreign-ministry", "Turkish Foreign Ministry", "government",
                  "Ministry of Foreign Affairs of Türkiye", ["Turkish MFA"],
                  "Turkey’s Foreign Ministry", "Turkish")], members=[]),
    dict(id="china", name="China", kind="state", aliases=["Beijing", "People's Republic of China",
                                                          "PRC"],
         adj="Chinese", culture="zh", capital="Beijing", weight=1.0,
         role="Proponent of its own peace plan", bodies=[
             ("china-foreign-ministry", "Chinese Foreign Ministry", "government",
              "Ministry of Foreign Affairs of China", ["Chinese MFA"],
              "China’s Foreign Ministry", "Chinese")], members=[]),
    dict(id="gulf-mediators", name="Gulf mediators", kind="coalition",
         aliases=["Gulf states", "the Gulf mediators"], adj="Gulf", culture="ar",
         capital="Riyadh", weight=0.8, role="Hosts of talks and prisoner-exchange mediators",
         bodies=[], members=[
             ("saudi-arabia", "Saudi Arabia", ["Riyadh", "the Kingdom"], "Saudi", "ar", "Riyadh"),
             ("qatar", "Qatar", ["Doha"], "Qatari", "ar", "Doha"),
             ("united-arab-emirates", "United Arab Emirates", ["UAE", "U.A.E.", "Abu Dhabi"],
              "Emirati", "ar", "Abu Dhabi")]),
    dict(id="global-south", name="Global South", kind="coalition",
         aliases=["BRICS mediators", "the Global South"], adj="Global South", culture="in",
         capital="New Delhi", weight=0.8, role="Non-aligned states urging a negotiated end",
         bodies=[], members=[
             ("india", "India", ["New Delhi", "Bharat"], "Indian", "in", "New Delhi"),
             ("brazil", "Brazil", ["Brasília", "Brasil"], "Brazilian", "pt", "Brasília"),
             ("south-africa", "South Africa", ["Pretoria", "RSA"], "South African", "za",
              "Pretoria")]),
    dict(id="belarus", name="Belarus", kind="state", aliases=["Minsk"], adj="Belarusian",
         culture="ru", capital="Minsk", weight=0.5, role="Ally of Russia", bodies=[], members=[]),
    dict(id="holy-see", name="Holy See", kind="state", aliases=["the Vatican", "Vatican"],
         adj="Vatican", culture="it", capital="Vatican City", weight=0.3,
         role="Humanitarian mediator", bodies=[], members=[]),
]

# the seed's people, with the seed's ids (so `compare putin zelenskiy` works on any size)
SEED_PERSONS = [
    ("putin", "Vladimir Putin", "President", "kremlin", ["Putin", "President Putin"]),
    ("zelenskiy", "Volodymyr Zelenskiy", "President", "ukraine",
     ["Zelenskiy", "Zelensky", "Zelenskyy", "Volodymyr Zelensky", "Volodymyr Zelenskyy"]),
    ("trump", "Donald Trump", "President", "united-states", ["Trump", "President Trump"]),
    ("grushko", "Alexander Grushko", "Deputy Foreign Minister", "russia", ["Grushko"]),
    ("witkoff", "Steve Witkoff", "envoy", "united-states", ["Witkoff"]),
    ("rubio", "Marco Rubio", "Secretary of State", "united-states", ["Rubio"]),
    ("starmer", "Keir Starmer", "Prime Minister", "united-kingdom", ["Starmer"]),
    ("macron", "Emmanuel Macron", "President", "france", ["Macron"]),
    ("waltz", "Mike Waltz", "national security adviser", "united-states", ["Waltz"]),
]

# (title, is-a-name-prefix): "Foreign Minister X" vs "X, a spokesperson"
STATE_ROLES = ["Foreign Minister", "Deputy Foreign Minister", "Defence Minister",
               "Deputy Defence Minister", "Prime Minister", "Deputy Prime Minister",
               "presidential spokesperson", "national security adviser", "chief negotiator",
               "Ambassador to the U.N.", "special envoy", "Chief of the General Staff",
               "Finance Minister", "Energy Minister", "presidential aide", "lawmaker",
               "head of the parliamentary foreign affairs committee", "Interior Minister",
               "ombudsman for human rights", "Justice Minister", "deputy chief of staff",
               "Ambassador to Washington", "intelligence chief", "army spokesperson"]
US_ROLES = {"Foreign Minister": "Secretary of State", "Deputy Foreign Minister": "Deputy Secretary of State",
            "Defence Minister": "Defense Secretary", "Deputy Defence Minister": "Deputy Defense Secretary",
            "Prime Minister": "Vice President", "Deputy Prime Minister": "White House chief of staff",
            "Finance Minister": "Treasury Secretary", "Energy Minister": "Energy Secretary",
            "lawmaker": "Senator", "Interior Minister": "Homeland Security Secretary",
            "Justice Minister": "Attorney General", "Ambassador to Washington": "Ambassador to NATO",
            "Chief of the General Staff": "Chairman of the Joint Chiefs of Staff"}
ORG_ROLES = ["Secretary-General", "Deputy Secretary-General", "spokesperson", "special envoy",
             "High Representative", "Commissioner for Enlargement", "head of the monitoring mission",
             "Director General", "humanitarian coordinator", "legal adviser", "senior official"]

PLACES = ["Kherson", "Zaporizhzhia", "Donetsk", "Luhansk", "Crimea", "Kursk", "Kharkiv",
          "Odesa", "Mykolaiv", "Sumy", "Belgorod", "Pokrovsk", "Bakhmut", "Avdiivka", "Kupiansk",
          "Enerhodar", "Huliaipole", "Toretsk", "Chasiv Yar", "Vuhledar", "Kramatorsk",
          "Sloviansk", "Melitopol", "Berdiansk", "Mariupol", "Nova Kakhovka", "Izium", "Lyman",
          "Siversk", "Kostiantynivka", "Dnipro", "Chernihiv", "Snake Island", "the Kinburn Spit",
          "Vovchansk", "Orikhiv", "Robotyne", "Velyka Novosilka", "Kurakhove", "Bryansk"]
_TOWN_A = ["Novo", "Staro", "Krasno", "Bilo", "Zoloto", "Velyko", "Malo", "Pokrov", "Hulia",
           "Vysoko", "Seredno", "Chorno", "Yasno", "Zeleno", "Kamyano", "Dobro", "Pishcha",
           "Berezo", "Dubo", "Lypo"]
_TOWN_B = ["hrodivka", "pillia", "mykhailivka", "selydove", "dolynske", "marivka", "yarske",
           "horivka", "bahatske", "stavky", "lukivka", "polye", "vodiane", "rivne", "zorya",
           "tsarivka", "kamianka", "bohdanivka", "ivanivka", "pavlivka"]
FACILITIES = ["Zaporizhzhia nuclear power plant", "Kakhovka reservoir", "port of Odesa",
              "port of Mykolaiv", "Crimean Bridge", "Kerch Strait", "Black Sea grain corridor",
              "Kursk nuclear plant", "Sudzha gas metering station", "TurkStream pipeline",
              "Danube ports", "Antonivskyi Bridge", "Chornobyl exclusion zone",
              "Pivdennyi oil terminal"]
CITIES = ["Geneva", "Istanbul", "Riyadh", "Jeddah", "Doha", "Abu Dhabi", "Vienna", "Helsinki",
          "Minsk", "Ankara", "Brussels", "Washington", "Paris", "Berlin", "Warsaw", "London",
          "New York", "Rome", "Budapest", "Beijing", "New Delhi", "Brasília", "Vatican City"]
SECTORS = ["oil exports", "banks", "fertiliser exports", "aviation parts", "agricultural exports",
           "the SWIFT payment system", "steel", "diamonds", "liquefied natural gas", "shipping",
           "sovereign debt", "technology imports"]
WEAPONS = ["long-range missiles", "F-16 fighter jets", "Patriot air-defence systems",
           "Taurus cruise missiles", "ATACMS missiles", "Storm Shadow missiles", "Abrams tanks",
           "artillery shells", "Gripen fighter jets", "Tomahawk missiles", "counter-drone systems"]
ALLIANCES = [("NATO", "NATO"), ("the European Union", "the E.U."), ("the OSCE", "the OSCE"),
             ("the CSTO", "the CSTO")]
DOMAINS = ["energy infrastructure", "Black Sea shipping", "air strikes", "long-range drones",
           "the front line in {place}", "civilian rail lines", "ports and grain terminals",
           "nuclear facilities", "hospitals and schools"]
NOUNS_RARE = ["moratorium", "communiqué", "memorandum", "escrow", "reparations", "amnesty",
              "referendum", "demarcation", "mine-clearing", "de-mining", "exclaves", "enclaves",
              "disengagement", "sequencing", "snapback", "verification", "ratification",
              "arbitration", "indemnities", "repatriation", "deconfliction", "custodianship",
              "receivership", "condominium", "trusteeship", "protocols", "annexes",
              "escalation ladder", "tripwire", "red-teaming", "hotline", "back-channel",
              "shuttle diplomacy", "prisoner swaps", "grain levies", "insurance premiums",
              "war-risk insurance", "telemetry", "satellite imagery", "sapper teams",
              "checkpoints", "humanitarian corridors", "buffer strips", "frozen conflict",
              "Minsk-style formula", "Istanbul communiqué", "Helsinki Final Act",
              "Budapest Memorandum", "Dayton-style settlement", "Korean-style armistice"]
ADVERBS = ["firmly", "categorically", "patiently", "unequivocally", "consistently", "openly",
           "quietly", "repeatedly", "publicly", "cautiously", "emphatically", "pragmatically"]
ADJ_RARE = ["phased", "verifiable", "irreversible", "unconditional", "incremental", "reciprocal",
            "parliament-approved", "time-bound", "open-ended", "legally binding", "ironclad",
            "provisional", "internationally monitored", "UN-mandated", "step-by-step",
            "comprehensive", "limited", "symmetrical", "asymmetric", "enforceable"]
OUTLETS = [("Reuters", "reuters.com"), ("Associated Press", "apnews.com"),
           ("Agence France-Presse", "afp.com"), ("BBC News", "bbc.co.uk"),
           ("The Kyiv Independent", "kyivindependent.com"), ("Meduza", "meduza.io"),
           ("Le Monde", "lemonde.fr"), ("Der Spiegel", "spiegel.de"),
           ("Gazeta Wyborcza", "wyborcza.pl"), ("Al Jazeera", "aljazeera.com"),
           ("The Guardian", "theguardian.com"), ("Politico Europe", "politico.eu"),
           ("Bloomberg", "bloomberg.com"), ("TASS", "tass.com"), ("Ukrainska Pravda", "pravda.com.ua"),
           ("Deutsche Welle", "dw.com"), ("Anadolu Agency", "aa.com.tr"), ("NHK World", "nhk.or.jp"),
           ("Süddeutsche Zeitung", "sueddeutsche.de"), ("Corriere della Sera", "corriere.it")]
TV = ["ABC", "CBS", "NBC", "Fox News", "CNN", "the BBC", "ZDF", "France 24", "Channel One",
      "Rossiya-1", "the 1+1 channel", "Al Arabiya", "Sky News", "TVP", "RAI"]
MEDIA = ["Izvestia", "Kommersant", "RIA Novosti", "Interfax", "Ukrinform", "Le Figaro",
         "Bild", "Rzeczpospolita", "Hürriyet", "Xinhua", "Axios", "Le Point", "Die Zeit",
         "The Economist", "Frankfurter Allgemeine Zeitung", "Financial Times"]

# reporting verbs, by stance (index stance + 2)
REPORT_VERBS = [
    ["warned", "insisted", "declared", "said flatly", "made clear"],
    ["cautioned", "argued", "said", "noted", "suggested"],
    ["said", "suggested", "acknowledged", "indicated", "remarked"],
    ["said", "signalled", "noted", "stressed", "indicated"],
    ["insisted", "reiterated", "stressed", "declared", "emphasized"],
]
SAY = ["said", "told reporters", "said in a statement", "wrote on Telegram", "told journalists",
       "said at a news conference", "said in a video address", "told a briefing"]

DIRECT_OPENERS = [
    ["{NP} is out of the question for us", "We will never accept {np}",
     "We {adv} reject {np}", "Any talk of {np} is a provocation",
     "There will be no {np_bare} while we have anything to say about it",
     "Let me be very clear: {np} is a red line"],
    ["We have serious doubts about {np}", "We do not believe {np} would bring peace closer",
     "We are not convinced that {np} can work", "Frankly, {np} looks premature to us",
     "We see many risks in {np}"],
    ["We are ready to discuss {np}", "It is too early to say whether {np} is realistic",
     "Everything depends on the details of {np}", "We have not taken a final decision on {np}",
     "We are listening to every proposal, including {np}"],
    ["We are prepared to support {np}", "We see real merit in {np}",
     "In principle we can accept {np}", "We would welcome {np}",
     "We {adv} back {np}"],
    ["We will insist on {np}", "There can be no settlement without {np}",
     "{NP} is a precondition for any agreement we sign", "Our demand has not changed: {np}",
     "Nobody should doubt that we will press for {np}", "We {adv} demand {np}"],
]
DIRECT_TAILS = [
    "and that is what our people expect from us", "and our partners in {city} understand this",
    "and the next round of talks in {city} will show who is serious",
    "as we have said many times, including at the U.N. Security Council",
    "because every day of fighting near {place} costs more lives",
    "and nothing about Ukraine will be decided without Ukraine",
    "and no signature on paper will replace real guarantees on the ground",
    "whatever the pressure from {city}", "and we will not be rushed into a bad deal",
    "even if the talks drag on for months", "once the guns fall silent along the front line",
    "before any cease-fire can take hold", "under strict international supervision",
    "for the sake of the civilians still living in {place}",
    "and the shelling of {place} last night only proves the point",
    "in line with the U.N. Charter and international law",
    "after {n} days of talks that achieved very little",
    "and we expect the mediators in {city} to respect that",
    "as winter approaches and the energy grid remains fragile",
    "while the drones keep flying over {place}", "and we have made this clear to the E.U.",
    "in a step-by-step, verifiable way", "with a clear timetable and independent monitors",
    "if the other side is acting in good faith", "which is what a just and lasting peace means",
    "and the so-called peace plan ignores that reality", "because half-measures have failed before",
    "without any hidden preconditions", "and the {rare} must be settled first",
    "and I said exactly this to my counterpart in {city}", "so that {place} never burns again",
    "and the {adj} option is the only honest one", "as the Istanbul talks showed",
    "and the world should not look away from {place}",
]
REPORTED_CLAUSES = [
    ["{subj} would never {vp}", "any demand that {subj} {vp} was unacceptable",
     "under no circumstances would {subj} {vp}", "{np} was a red line"],
    ["{subj} should not {vp} for now", "it would be a mistake for {subj} to {vp} at this stage",
     "asking {subj} to {vp} was premature", "{np} raised more questions than it answered"],
    ["{subj} might {vp} if the conditions were right",
     "it was too early to say whether {subj} would {vp}",
     "the question of whether {subj} should {vp} remained open",
     "{np} deserved a serious discussion"],
    ["{subj} should {vp}", "it would be sensible for {subj} to {vp}",
     "{subj} ought to {vp} once the fighting stops", "{np} could be a useful step"],
    ["{subj} must {vp}", "{subj} would have to {vp} before any deal",
     "there could be no agreement unless {subj} agreed to {vp}", "{np} was non-negotiable"],
]
REPORTED_TAILS = [
    "according to a transcript released by the ministry",
    "adding that the talks in {city} had been “constructive but difficult”",
    "in what officials described as a “decisive moment”", "a day after drone strikes hit {place}",
    "as fighting continued near {place}", "citing the fragile situation around the {facility}",
    "according to {media}", "in remarks carried by {media}", "despite pressure from {city}",
    "and that the {rare} would be discussed later", "before leaving for {city}",
    "without giving a timetable", "after meeting mediators in {city}",
    "as both sides traded accusations over {place}", "and called for a “pause for diplomacy”",
    "in a sign of hardening positions", "in a rare show of flexibility",
    "though aides later said the {adj} wording was deliberate",
    "calling it the only “realistic” path to peace", "as the U.N. warned of a humanitarian crisis",
]
BACKGROUND = [
    "Since the full-scale invasion in February 2022, Russia has seized control of Crimea and "
    "large parts of four regions, including most of {place}.",
    "The U.N. monitoring mission has recorded more than {k},000 civilian deaths since the war "
    "began, and it says the true figure is likely considerably higher.",
    "Talks in {city} ended on {weekday} without a joint statement, and officials gave no date "
    "for the next round.",
    "Fighting has intensified around {place}, where both sides reported heavy drone and "
    "artillery fire overnight.",
    "A previous round of negotiations in Istanbul in 2022 collapsed over the question of "
    "security guarantees and the size of Ukraine’s armed forces.",
    "There was no immediate response from the Kremlin to a request for comment.",
    "The {facility} has been a flashpoint for months, with the IAEA warning of a risk of "
    "a serious accident.",
    "Western officials say the gap between the two sides remains wide on territory, "
    "sanctions and the shape of any security guarantees.",
    "Prisoner exchanges, often brokered by the United Arab Emirates, have continued "
    "throughout the war, most recently near {place}.",
    "Grain shipments from the port of Odesa have resumed under a Ukrainian-run corridor, "
    "though insurers still charge high war-risk premiums.",
]
HEADINGS = ["{adj_side} Demands on {title}", "The Question of {title}", "Reaction in {city}",
            "What Comes Next", "Guarantees and Monitors", "{title}: Where the Sides Stand"]
# position summaries by kind, then by the stance's sign (+, 0, -)
SUMMARIES = {
    "demand": {1: ["Insists on {np}", "Demands {np} before any deal", "Makes {np} a precondition",
                   "Will press for {np}, calling it non-negotiable", "Wants {adj} {np_bare} now"]},
    "red_line": {-1: ["Rules out {np} under any circumstances", "Calls {np} a red line",
                      "Rejects {np} outright", "Will never accept {np}",
                      "Dismisses {np} as a provocation"]},
    "offer": {1: ["Ready to back {np} if {cond}", "Offers {adj} support for {np}",
                  "Proposes {adj} talks to secure {np}"],
              0: ["Offers to discuss {np}", "Open to talks on {np} on a {adj} basis",
                  "Proposes {adj} consultations on {np}"]},
    "condition": {1: ["Would accept {np} only if {cond}", "Backs {np} provided {cond}",
                      "Accepts {np} in principle, if {cond}"],
                  0: ["Links {np} to the {rare}", "Undecided on {np} until {cond}"],
                  -1: ["Opposes {np} unless {cond}", "Would reject {np} unless {cond}"]},
    "assessment": {1: ["Calls {np} realistic but distant", "Thinks {np} deserves a serious look",
                       "Sees promise in {np}"],
                   0: ["Expects {np} to take years", "Says {np} needs more study"],
                   -1: ["Doubts {np} can work", "Sees {np} as premature",
                        "Warns {np} would reward aggression"]},
}
CONDITIONS = ["a cease-fire holds for a month", "Kyiv consents", "sanctions are eased first",
              "monitors are unarmed", "the U.N. Security Council endorses it",
              "prisoners are exchanged first", "Russia withdraws heavy weapons",
              "elections follow within a year", "parliament ratifies it",
              "guarantors are named in advance"]

_TRANSLIT = str.maketrans({"ü": "ue", "ö": "oe", "ä": "ae", "ß": "ss", "Ü": "Ue", "Ö": "Oe",
                           "Ä": "Ae", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae",
                           "đ": "d", "ı": "i", "İ": "I", "ş": "s", "Ş": "S", "ğ": "g"})


def _nfc(value):
    """NFC-normalise every string of the vocabulary (the loader warns about anything else)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_nfc(v) for v in value)
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value


def ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


def _mix(*numbers: int) -> float:
    """A deterministic pseudo-random number in [0, 1) from integers (no state, no memory)."""
    h = 0x9E3779B9
    for n in numbers:
        h = ((h ^ (n & 0xFFFFFFFF)) * 0x01000193) & 0xFFFFFFFF
        h ^= h >> 15
        h = (h * 0x2C1B3C6D) & 0xFFFFFFFF
        h ^= h >> 12
    return h / 2**32


# --- actors and issues -------------------------------------------------------------------


@dataclass
class Actor:
    index: int
    id: str
    name: str
    kind: str
    role: str | None
    parent: str | None
    aliases: list[str]
    side: int  # index into the sides chosen
    culture: str
    adj: str  # prefix for a person's title: "Polish", "Kremlin", "U.N."
    mention: str  # first mention in an article
    short: str  # later mentions
    weight: float = 1.0

    def record(self) -> dict:
        rec = {"id": self.id, "name": self.name, "kind": self.kind}
        if self.role:
            rec["role"] = self.role
        if self.parent:
            rec["parent"] = self.parent
        if self.aliases:
            rec["aliases"] = self.aliases
        return rec


@dataclass
class Issue:
    index: int
    id: str
    title: str
    question: str
    subj: str
    vp: str
    np: str
    np_bare: str

    def record(self) -> dict:
        return {"id": self.id, "title": self.title, "question": self.question}


def build_actors(rng: random.Random, n: int) -> tuple[list[Actor], list[dict]]:
    """`n` actors: several sides, their states and bodies, then persons below them."""
    n_sides = max(3, min(len(SIDES), n // 8))
    sides = SIDES[:n_sides]
    actors: list[Actor] = []
    by_id: dict[str, Actor] = {}

    def add(actor: Actor) -> None:
        actor.index = len(actors)
        actors.append(actor)
        by_id[actor.id] = actor

    for s, side in enumerate(sides):
        add(Actor(0, side["id"], side["name"], side["kind"], side["role"], None,
                  list(side["aliases"]), s, side["culture"], side["adj"], side["name"],
                  side["name"], weight=1.0))
    # structural nodes, round-robin over sides: bodies and member states, then ministries
    queues = []
    for s, side in enumerate(sides):
        bodies = [Actor(0, bid, name, kind, role, side["id"], list(aliases), s,
                        side["culture"], adj, mention, mention)
                  for bid, name, kind, role, aliases, mention, adj in side["bodies"]]
        members = [Actor(0, mid, name, "state", f"{side['adj']} member state", side["id"],
                         list(aliases), s, culture, adj, name, name)
                   for mid, name, aliases, adj, culture, _capital in side["members"]]
        queues.append(members + bodies)  # a coalition speaks through its states first
    n_struct = min(sum(map(len, queues)), max(0, int(n * 0.15) - n_sides))
    while n_struct > 0:
        for q in queues:
            if q and n_struct > 0:
                add(q.pop(0))
                n_struct -= 1
    # generated ministries for states present, while structure is still short of 12%
    states = [a for a in actors if a.kind == "state"]
    extra = max(0, int(n * 0.15) - len(actors))
    bodies = ["Foreign Ministry", "Defence Ministry", "Parliament", "Security Council",
              "General Staff", "Energy Ministry"]
    for b in bodies:
        for st in states:
            if extra <= 0:
                break
            bid = f"{st.id}-{slug(b)}"
            if bid in by_id:
                continue
            add(Actor(0, bid, f"{st.adj} {b}", "government", f"{b} of {st.name}", st.id, [],
                      st.side, st.culture, st.adj, f"{st.name}’s {b}", f"the {b.lower()}"))
            extra -= 1
    # persons: the seed's first (where their parent is present), then generated ones
    used_names: set[str] = {a.name for a in actors}
    used_aliases: set[str] = {al for a in actors for al in a.aliases}
    for pid, name, title, parent_id, aliases in SEED_PERSONS:
        if len(actors) >= n:
            break
        parent = by_id.get(parent_id) or by_id.get(_parent_side(parent_id, sides))
        if parent is None:
            continue
        nation = _nation(parent, by_id)
        add(Actor(0, pid, name, "person", f"{nation} {title}", parent.id, list(aliases),
                  parent.side, parent.culture, nation, f"{nation} {title} {name}",
                  name.split()[-1], weight=4.0))
        used_names.add(name)
        used_aliases.update(aliases)
    parents = [a for a in actors if a.kind != "person"]
    parent_weights = [3.0 if a.kind == "state" else 2.0 if a.kind == "government" else 1.0
                      for a in parents]
    while len(actors) < n:
        parent = rng.choices(parents, weights=parent_weights)[0]
        first_names, last_names = CULTURES[parent.culture]
        for _ in range(50):
            first, last = rng.choice(first_names), rng.choice(last_names)
            female = first.startswith("f:")
            first = first.removeprefix("f:")
            if female and last.endswith(("ski", "cki", "dzki")):
                last = last[:-1] + "a"
            elif female and parent.culture == "ru" and last.endswith(("ov", "ev", "in")):
                last = last + "a"
            name = f"{last} {first}" if parent.culture == "zh" else f"{first} {last}"
            if name not in used_names:
                break
        else:  # every combination taken: a middle initial
            name = f"{first} {chr(65 + len(actors) % 26)}. {last}"
        used_names.add(name)
        org = parent.kind in ("organization", "coalition")
        title = rng.choice(ORG_ROLES if org else STATE_ROLES)
        title = US_ROLES.get(title, title) if parent.culture == "us" else title
        short = last if parent.culture != "zh" else name
        aliases = []
        for alias in (short, f"{first[0]}. {last}" if parent.culture != "zh" else ""):
            if alias and alias != name and alias not in used_aliases:
                aliases.append(alias)
                used_aliases.add(alias)
                break
        folded = ascii_fold(name)
        if folded != name and folded not in used_aliases:
            aliases.append(folded)  # "Lukasz Wisniewski", "Juergen Mueller"
            used_aliases.add(folded)
        pid = slug(name)
        while pid in by_id:
            pid += "-" + str(len(actors))
        nation = _nation(parent, by_id)
        add(Actor(0, pid, name, "person", f"{nation} {title}", parent.id, aliases, parent.side,
                  parent.culture, nation, f"{nation} {title} {name}", short))
    return actors, sides


def _nation(actor: Actor, by_id: dict[str, Actor]) -> str:
    """The adjective of the nearest state, organization or side: "Polish", "U.N.", "NATO"."""
    while actor.kind == "government" and actor.parent:
        actor = by_id[actor.parent]
    return actor.adj


def _parent_side(parent_id: str, sides: list[dict]) -> str | None:
    for side in sides:
        if parent_id == side["id"] or any(m[0] == parent_id for m in side["members"]) or any(
                b[0] == parent_id for b in side["bodies"]):
            return side["id"]
    return None


def _town(rng: random.Random) -> str:
    return rng.choice(_TOWN_A) + rng.choice(_TOWN_B)


def _place(rng: random.Random) -> str:
    return rng.choice(PLACES) if rng.random() < 0.7 else _town(rng)


def build_issues(rng: random.Random, n: int) -> list[Issue]:
    """`n` issues, each a question a stance answers, with the phrases quotes are built of."""
    countries = ["Ukraine", "Georgia", "Moldova", "Belarus", "Finland", "Sweden", "Serbia"]
    guarantors = ["the United States", "the European Union", "NATO members", "Turkey",
                  "the U.N. Security Council", "China", "a coalition of the willing"]
    holders = ["the European Union", "the G7", "Belgium", "Euroclear", "the United States"]

    def make(kind: int) -> tuple[str, str, str, str, str, str]:
        # (id-stem, title, subject, verb phrase, noun phrase, bare noun phrase)
        place = _place(rng)
        if kind == 0:
            s, a = rng.choice([("Russia", "Russian"), ("Ukraine", "Ukrainian")])
            return (f"withdraw-{s}-{place}", f"{a} withdrawal from {place}", s,
                    f"withdraw its forces from {place}",
                    f"a withdrawal of {a} forces from {place}", f"{a} withdrawal from {place}")
        if kind == 1:
            return (f"dmz-{place}", f"Demilitarised zone around {place}", "the parties",
                    f"set up a demilitarised zone around {place}",
                    f"a demilitarised zone around {place}", f"demilitarised zone around {place}")
        if kind == 2:
            c = rng.choice(countries)
            long, short = rng.choice(ALLIANCES)
            return (f"{c}-joins-{short}", f"{c} in {short.removeprefix('the ')}", c,
                    f"be able to join {long}", f"{c}’s membership of {short}",
                    f"membership of {short} for {c}")
        if kind == 3:
            g, c = rng.choice(guarantors), rng.choice(countries)
            return (f"guarantees-{c}-{g}", f"Security guarantees for {c} from {g}", g,
                    f"give {c} binding security guarantees",
                    f"binding security guarantees for {c} from {g}",
                    f"security guarantees for {c}")
        if kind == 4:
            sec = rng.choice(SECTORS)
            return (f"sanctions-{sec}", f"Sanctions relief: {sec}", "the West",
                    f"ease sanctions on Russian {sec}", f"an easing of sanctions on Russian {sec}",
                    f"sanctions relief on {sec}")
        if kind == 5:
            f = rng.choice(FACILITIES)
            return (f"un-{f}", f"U.N. supervision of the {f}", f"the {f}",
                    "be placed under U.N. supervision", f"U.N. supervision of the {f}",
                    f"international supervision of the {f}")
        if kind == 6:
            return (f"prisoners-{place}", f"Prisoner exchange for {place}", "the parties",
                    f"exchange all prisoners captured around {place}",
                    f"an all-for-all exchange of prisoners captured around {place}",
                    f"all-for-all prisoner exchange for {place}")
        if kind == 7:
            k = rng.choice([6, 9, 12, 18])
            return (f"elections-{k}", f"Elections within {k} months", "Ukraine",
                    f"hold elections within {k} months of a cease-fire",
                    f"elections within {k} months of a cease-fire",
                    f"{k}-month election timetable")
        if kind == 8:
            days = rng.choice([14, 30, 60, 90])
            dom = rng.choice(DOMAINS).format(place=place)
            return (f"ceasefire-{days}-{dom}", f"{days}-day cease-fire on {dom}", "the parties",
                    f"agree a {days}-day cease-fire on {dom}", f"a {days}-day cease-fire on {dom}",
                    f"{days}-day truce on {dom}")
        if kind == 9:
            c = rng.choice(["Ukraine", "Europe", "China", "Turkey", "the United Nations"])
            topic = rng.choice(["territory", "security guarantees", "sanctions", "prisoners",
                                "nuclear safety", "reconstruction", "Black Sea shipping"])
            return (f"table-{c}-{topic}", f"{c} at the table on {topic}", c,
                    f"take part in talks on {topic}", f"{c}’s participation in talks on {topic}",
                    f"a seat at the table on {topic}")
        if kind == 10:
            h = rng.choice(holders)
            return (f"assets-{h}-{place}", f"Frozen assets for {place}", h,
                    f"use frozen Russian assets to rebuild {place}",
                    f"the use of frozen Russian assets to rebuild {place}",
                    f"frozen-asset reconstruction fund for {place}")
        if kind == 11:
            c = rng.choice(["Britain", "France", "Turkey", "Poland", "the Nordic states",
                            "a U.N. mission"])
            return (f"peacekeepers-{c}-{place}", f"Peacekeepers from {c} in {place}", c,
                    f"send peacekeepers to {place}", f"peacekeepers from {c} in {place}",
                    f"peacekeeping deployment to {place}")
        if kind == 12:
            w = rng.choice(WEAPONS)
            c = rng.choice(["the United States", "Germany", "Britain", "France", "Sweden"])
            return (f"arms-{c}-{w}", f"{w[0].upper()}{w[1:]} from {c}", c,
                    f"deliver {w} to Ukraine", f"deliveries of {w} to Ukraine",
                    f"{w} for Ukraine")
        if kind == 13:
            k = rng.choice([50, 85, 100, 150, 250])
            return (f"army-cap-{k}", f"Cap of {k},000 troops", "Ukraine",
                    f"cap its armed forces at {k},000 troops",
                    f"a cap of {k},000 troops on Ukraine’s armed forces",
                    f"{k},000-troop ceiling")
        if kind == 14:
            return (f"children-{place}", f"Return of children from {place}", "Russia",
                    f"return the children deported from {place}",
                    f"the return of children deported from {place}",
                    f"repatriation of children from {place}")
        if kind == 15:
            c = rng.choice(["the United States", "Europe", "Turkey", "Hungary"])
            return (f"recognise-{c}-{place}", f"Recognition of Russian control of {place}", c,
                    f"recognise Russian control of {place}",
                    f"recognition of Russian control of {place}",
                    f"de jure recognition of {place}")
        if kind == 16:
            f = rng.choice(FACILITIES)
            return (f"reopen-{f}", f"Reopening the {f}", "the parties",
                    f"reopen the {f} to civilian traffic",
                    f"the reopening of the {f} to civilian traffic", f"reopened {f}")
        # kind 17
        rare = rng.choice(NOUNS_RARE)
        return (f"{rare}-{place}", f"{rare[0].upper()}{rare[1:]} for {place}", "the parties",
                f"agree on {rare} for {place}", f"an agreement on {rare} for {place}",
                f"{rare} for {place}")

    issues: list[Issue] = []
    seen: set[str] = set()
    tries = 0
    while len(issues) < n:
        tries += 1
        stem, title, subj, vp, np, np_bare = make(rng.randrange(18))
        iid = slug(stem)[:80]
        if iid in seen:
            if tries > 200 * n:  # the combinations run out: number them
                iid = f"{iid}-{len(issues)}"
            else:
                continue
        seen.add(iid)
        modal = "Must" if rng.random() < 0.15 else "Should"
        question = f"{modal} {subj} {vp}?".replace("’", "'")
        question = question[0].upper() + question[1:]
        issues.append(Issue(len(issues), iid, title.replace("’", "'"), question, subj, vp, np,
                            np_bare))
    return issues


# --- articles ----------------------------------------------------------------------------


@dataclass
class QuoteSpec:
    start: int
    text: str
    speaker: Actor
    kind: str
    issue: Issue | None
    stance: int
    also: list[Issue] = field(default_factory=list)
    venue: str | None = None
    said: str | None = None


class World:
    """Everything fixed before the articles: actors, issues, stances, popularity."""

    def __init__(self, rng: random.Random, n_actors: int, n_issues: int, seed: int):
        self.rng = rng
        self.seed = seed
        self.actors, self.sides = build_actors(rng, n_actors)
        self.issues = build_issues(rng, n_issues)
        # each side's stance on each issue; an actor's is its side's, nudged
        self.side_stance = [[rng.choice((-2, -2, -1, 0, 1, 2, 2)) for _ in self.issues]
                            for _ in self.sides]
        # popularity: a few actors and issues dominate, as in real coverage
        self.side_weights = [s["weight"] for s in self.sides]
        self.members: list[list[Actor]] = [[] for _ in self.sides]
        for a in self.actors:
            self.members[a.side].append(a)
        self.member_cw = []
        for members in self.members:
            order = list(range(len(members)))
            rng.shuffle(order)
            order.sort(key=lambda i: -members[i].weight)  # the seed's people lead (stable)
            ranks = {i: r for r, i in enumerate(order)}
            total, cw = 0.0, []
            for i, a in enumerate(members):
                w = a.weight / (ranks[i] + 1) ** 0.9
                total += w
                cw.append(total)
            self.member_cw.append(cw)
        order = list(range(len(self.issues)))
        rng.shuffle(order)
        total, self.issue_cw = 0.0, []
        ranks = {i: r for r, i in enumerate(order)}
        for i in range(len(self.issues)):
            total += 1 / (ranks[i] + 1) ** 0.8
            self.issue_cw.append(total)

    def stance(self, actor: Actor, issue: Issue) -> int:
        base = self.side_stance[actor.side][issue.index]
        r = _mix(self.seed, actor.index, issue.index)
        nudge = -1 if r < 0.15 else 1 if r > 0.85 else 0
        return max(-2, min(2, base + nudge))


_RANDOM_SLOTS = {
    "place": _place,
    "city": lambda rng: rng.choice(CITIES),
    "n": lambda rng: rng.randint(3, 90),
    "k": lambda rng: rng.randint(9, 14),
    "rare": lambda rng: rng.choice(NOUNS_RARE),
    "adj": lambda rng: rng.choice(ADJ_RARE),
    "adv": lambda rng: rng.choice(ADVERBS),
    "facility": lambda rng: rng.choice(FACILITIES),
    "media": lambda rng: rng.choice(MEDIA),
    "weekday": lambda rng: rng.choice(WEEKDAYS),
}


class _Fill(dict):
    """Template slots: the issue's phrases, and random words drawn only when a slot asks."""

    def __init__(self, rng: random.Random, issue: Issue):
        super().__init__(np=issue.np, NP=issue.np[0].upper() + issue.np[1:],
                         np_bare=issue.np_bare, subj=issue.subj, vp=issue.vp)
        self.rng = rng

    def __missing__(self, key: str):
        return _RANDOM_SLOTS[key](self.rng)


class ArticleWriter:
    """Builds one article, recording where each quote starts."""

    def __init__(self, world: World, published: date):
        self.w = world
        self.rng = world.rng
        self.published = published
        self.parts: list[str] = []
        self.pos = 0
        self.quotes: list[QuoteSpec] = []
        self.mentioned: set[int] = set()
        self.shorts: dict[str, int] = {}  # short name -> the actor it stands for here
        self.sentences: list[tuple[int, str, list[QuoteSpec]]] = []  # reported, for bullets

    # pieces of text

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.pos += len(text)

    def fill(self, template: str, issue: Issue) -> str:
        if "{" not in template:
            return template
        return template.format_map(_Fill(self.rng, issue))

    def name(self, actor: Actor) -> str:
        """The full mention the first time, then the short name (the full name where
        another actor of the article has the same short name)."""
        if actor.index not in self.mentioned:
            self.mentioned.add(actor.index)
            self.shorts.setdefault(actor.short, actor.index)
            return actor.mention
        return actor.short if self.shorts.get(actor.short) == actor.index else actor.name

    def when(self) -> tuple[str, str | None]:
        """(' on Sunday', said date) or ('', None) or (' last week', None)."""
        r = self.rng.random()
        if r < 0.4:
            said = self.published - timedelta(days=self.rng.randint(0, 3))
            return f" on {WEEKDAYS[said.weekday()]}", said.isoformat()
        if r < 0.55:
            return self.rng.choice([" last week", " earlier this month", " late on Friday"]), None
        return "", None

    def words(self, head: str, tails: list[str], issue: Issue, end: str) -> str | None:
        """`head` lengthened with tails to 20-30 words, ending with `end`; None if too long."""
        text = self.fill(head, issue)
        n = len(text.split())
        rng = self.rng
        for _ in range(4):
            if n >= MIN_WORDS - 1:  # the reporting words come after
                break
            tail = self.fill(rng.choice(tails), issue)
            text = f"{text}, {tail}" if rng.random() < 0.6 or tail.startswith("and") else \
                f"{text} {tail}"
            n = len(text.split())
        return text + end

    def direct(self, speaker: Actor, issue: Issue, stance: int, end: str) -> str:
        rng = self.rng
        for _ in range(20):
            text = self.words(rng.choice(DIRECT_OPENERS[stance + 2]), DIRECT_TAILS, issue, end)
            if MIN_WORDS <= len(text.split()) <= MAX_WORDS:
                return text
        return _pad(text, end)

    def reported(self, lead: str, issue: Issue, stance: int) -> str:
        rng = self.rng
        for _ in range(20):
            clause = self.fill(rng.choice(REPORTED_CLAUSES[stance + 2]), issue)
            text = f"{lead} that {clause}"
            n = len(text.split())
            while n < MIN_WORDS:
                text = f"{text}, {self.fill(rng.choice(REPORTED_TAILS), issue)}"
                n = len(text.split())
            if n <= MAX_WORDS:
                return text + "."
        return _pad(f"{lead} that {clause}", ".")

    # paragraphs

    def pick_speaker(self, pool: list[Actor]) -> Actor:
        return pool[int(self.rng.random() ** 1.6 * len(pool))]

    def tags(self, issue: Issue, topic: list[Issue]) -> list[Issue]:
        if self.rng.random() < 0.25 and len(topic) > 1:
            other = self.rng.choice(topic)
            if other is not issue:
                return [other]
        return []

    def para_direct(self, speaker: Actor, issue: Issue, topic: list[Issue]) -> None:
        rng = self.rng
        stance = self.w.stance(speaker, issue)
        when, said = self.when()
        venue_kind = rng.random()
        if speaker.kind != "person":
            venue = rng.choice(["statement", "Telegram", "communiqué"])
            say = f"said on {venue}" if venue == "Telegram" else f"said in a {venue}"
        elif venue_kind < 0.3:
            tv = rng.choice(TV)
            say, venue = f"told {tv}", tv.removeprefix("the ")
        elif venue_kind < 0.5:
            media = rng.choice(MEDIA)
            say, venue = f"said in an interview with {media}", f"interview with {media}"
        elif venue_kind < 0.65:
            city = rng.choice(CITIES)
            say, venue = f"told a news conference in {city}", f"news conference in {city}"
        else:
            say, venue = rng.choice(SAY), None
        also = self.tags(issue, topic)
        if rng.random() < 0.7:
            # “Q1,” X said on Sunday. [“Q2.”]
            q1 = self.direct(speaker, issue, stance, ",")
            start = self.pos + 1
            self.add(f"“{q1}” {self.name(speaker)} {say}{when}.")
            self.quotes.append(QuoteSpec(start, q1, speaker, "direct", issue, stance, also,
                                         venue, said))
            if rng.random() < 0.35:
                q2 = self.direct(speaker, issue, stance, ".")
                start = self.pos + 2
                self.add(f" “{q2}”")
                self.quotes.append(QuoteSpec(start, q2, speaker, "direct", issue, stance, [],
                                             venue, said))
        else:
            # X said on Sunday: “Q.”
            q = self.direct(speaker, issue, stance, ".")
            head = f"{self.name(speaker)} {say}{when}: “"
            start = self.pos + len(head)
            self.add(f"{head}{q}”")
            self.quotes.append(QuoteSpec(start, q, speaker, "direct", issue, stance, also, venue,
                                         said))
        self.add("\n")

    def para_reported(self, speaker: Actor, issue: Issue, topic: list[Issue],
                      dateline: str = "") -> None:
        rng = self.rng
        stance = self.w.stance(speaker, issue)
        when, said = self.when()
        verb = rng.choice(REPORT_VERBS[stance + 2])
        subject = self.name(speaker)
        subject = subject[0].upper() + subject[1:]
        text = self.reported(f"{subject} {verb}{when}", issue, stance)
        self.add(dateline)
        spec = QuoteSpec(self.pos, text, speaker, "reported", issue, stance,
                         self.tags(issue, topic), None, said)
        self.quotes.append(spec)
        self.sentences.append((self.pos, text, [spec]))
        self.add(text)
        if rng.random() < 0.3:
            # "He added that …": the same speaker, another reported sentence
            stance2 = self.w.stance(speaker, issue)
            lead = f"{speaker.short} also {rng.choice(['said', 'noted', 'added'])}"
            lead = lead[0].upper() + lead[1:]
            text2 = self.reported(lead, issue, stance2)
            self.add(" ")
            spec2 = QuoteSpec(self.pos, text2, speaker, "reported", issue, stance2, [], None,
                              said)
            self.quotes.append(spec2)
            self.add(text2)
        self.add("\n")

    def para_multi(self, pool: list[Actor], issue: Issue) -> bool:
        """One sentence reporting two or three actors who agree: one quote each, same text."""
        rng = self.rng
        first = self.pick_speaker(pool)
        stance = self.w.stance(first, issue)
        agree = [a for a in pool if a is not first and self.w.stance(a, issue) == stance]
        if not agree:
            return False
        speakers = [first] + agree[: rng.randint(1, 2)]
        listed_shorts = [a.short for a in speakers]
        names = [a.short if listed_shorts.count(a.short) == 1
                 and self.shorts.get(a.short, a.index) == a.index else a.name
                 for a in speakers]
        for a in speakers:
            self.mentioned.add(a.index)
            self.shorts.setdefault(a.short, a.index)
        listed = ", ".join(names[:-1]) + " and " + names[-1]
        when, said = self.when()
        venue = rng.choice(["interviews", "appearances on television", "statements"])
        verb = rng.choice(REPORT_VERBS[stance + 2])
        text = self.reported(f"In separate {venue}{when}, {listed} {verb}", issue, stance)
        specs = [QuoteSpec(self.pos, text, a, "reported", issue, stance, [], None, said)
                 for a in speakers]
        self.quotes.extend(specs)
        self.sentences.append((self.pos, text, specs))
        self.add(text + "\n")
        return True

    def para_background(self, issue: Issue) -> None:
        self.add(self.fill(self.rng.choice(BACKGROUND), issue) + "\n")

    def heading(self, issue: Issue, side: dict) -> None:
        h = self.rng.choice(HEADINGS).format(adj_side=side["adj"], title=issue.title,
                                             city=self.rng.choice(CITIES))
        self.add(h + "\n")

    def write(self, target: int) -> tuple[str, list[QuoteSpec], list[Issue]]:
        """An article with at least `target` quotes (extra ones are dropped by the caller)."""
        rng, w = self.rng, self.w
        n_sides = min(len(w.sides), rng.choice((2, 2, 3, 3, 4)))
        sides: list[int] = []
        while len(sides) < n_sides:
            s = rng.choices(range(len(w.sides)), weights=w.side_weights)[0]
            if s not in sides:
                sides.append(s)
        pool: list[Actor] = []
        for s in sides:
            for _ in range(rng.randint(2, 4)):
                a = rng.choices(w.members[s], cum_weights=w.member_cw[s])[0]
                if a not in pool:
                    pool.append(a)
        topic: list[Issue] = []
        for i in rng.choices(range(len(w.issues)), cum_weights=w.issue_cw,
                             k=rng.randint(2, 5)):
            if w.issues[i] not in topic:
                topic.append(w.issues[i])
        dateline = rng.choice(CITIES).upper() + ": "
        self.para_reported(self.pick_speaker(pool), topic[0], topic, dateline)
        paragraphs = 1
        while len(self.quotes) < target:
            issue = topic[int(rng.random() ** 1.5 * len(topic))]
            r = rng.random()
            if r < 0.40:
                self.para_direct(self.pick_speaker(pool), issue, topic)
            elif r < 0.75:
                self.para_reported(self.pick_speaker(pool), issue, topic)
            elif r < 0.83:
                if not self.para_multi(pool, issue):
                    self.para_reported(self.pick_speaker(pool), issue, topic)
            elif r < 0.95:
                self.para_background(issue)
            elif paragraphs > 3:
                self.heading(issue, w.sides[rng.choice(sides)])
            paragraphs += 1
        if rng.random() < 0.12 and self.sentences:
            # a bullet repeating a sentence of the body: its quotes need `occurrence`
            pos, text, specs = rng.choice(self.sentences)
            bullet = f"- {text}\n"
            for q in self.quotes:
                q.start += len(bullet)
            if rng.random() < 0.5:
                for spec in specs:
                    spec.start = 2  # the bullet's copy (occurrence 1)
            self.parts.insert(0, bullet)
        text = "".join(self.parts)
        if text.endswith("\n"):
            text = text[:-1]
        return text, self.quotes, topic


def _pad(text: str, end: str) -> str:
    """Last resort, never reached in practice: trim or pad to the word range."""
    words = text.split()
    while len(words) < MIN_WORDS:
        words.append("again")
    return " ".join(words[:MAX_WORDS]) + end


def headline(quote: QuoteSpec) -> str:
    verbs = ["rules out", "questions", "keeps door open to", "backs", "insists on"]
    return (f"{quote.speaker.short} {verbs[quote.stance + 2]} "
            f"{quote.issue.np_bare if quote.issue else 'talks'}").replace("’", "'")


# --- output ------------------------------------------------------------------------------


class Part:
    """One output file, streamed: sources go straight to it; quotes and positions to
    temporary files appended at the end (each record's text is built once)."""

    def __init__(self, path: Path, fmt: str, head: dict[str, list[dict]] | None = None):
        self.path = path
        self.fmt = fmt
        self.out = open(path, "w", encoding="utf-8", newline="\n")
        self.spill = {k: open(path.with_name(path.name + f".{k}.tmp"), "w+", encoding="utf-8",
                              newline="\n") for k in ("quotes", "positions")}
        self.counts = {"sources": 0, "quotes": 0, "positions": 0}
        if fmt == "json":
            self.out.write("{\n")
            for kind, records in (head or {}).items():
                self.out.write(f'"{kind}": [\n')
                self.out.write(",\n".join(_json(r) for r in records))
                self.out.write("\n],\n")
            self.out.write('"sources": [\n')
        else:
            for kind, records in (head or {}).items():
                self.out.write(f"{kind}:\n")
                for r in records:
                    self.out.write(_yaml(r))
            self.out.write("sources:\n")

    def add(self, kind: str, record: dict) -> None:
        stream = self.out if kind == "sources" else self.spill[kind]
        if self.fmt == "json":
            if self.counts[kind]:
                stream.write(",\n")
            stream.write(_json(record))
        else:
            stream.write(_yaml(record))
        self.counts[kind] += 1

    def close(self) -> None:
        for kind, stream in self.spill.items():
            if self.fmt == "json":
                self.out.write(f'\n],\n"{kind}": [\n')
            else:
                self.out.write(f"{kind}:\n")
            stream.seek(0)
            shutil.copyfileobj(stream, self.out, 1 << 20)
            stream.close()
            os.unlink(stream.name)
        self.out.write("\n]\n}\n" if self.fmt == "json" else "")
        self.out.close()


def _json(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


def _yaml(record: dict) -> str:
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump([record], Dumper=dumper, allow_unicode=True, sort_keys=False,
                     width=1 << 30, default_flow_style=False)


@dataclass
class Stats:
    counts: dict[str, int]
    files: list[Path]
    bytes: int
    seconds: float
    peak_rss_mb: float


def generate(quotes: int, out: Path, *, actors: int | None = None, issues: int | None = None,
             sources: int | None = None, split: int | None = None, seed: int = 1,
             fmt: str | None = None) -> Stats:
    """Write a dossier of exactly `quotes` quotes to `out` (a .json/.yaml file, or a folder)."""
    started = time.perf_counter()
    out = Path(out)
    single = out.suffix.lower() in (".json", ".yaml", ".yml")
    if fmt is None:
        fmt = "yaml" if out.suffix.lower() in (".yaml", ".yml") else "json"
    if single and (split or 1) > 1:
        raise ValueError("--split needs a folder for --out, not a file")
    n_actors = actors or default_actors(quotes)
    n_issues = issues or default_issues(quotes)
    n_sources = min(quotes, sources or default_sources(quotes))
    n_files = 1 if single else max(1, min(n_sources, split or math.ceil(quotes / QUOTES_PER_FILE)))
    if quotes < 1 or n_actors < 3 or n_issues < 1:
        raise ValueError("expected at least 1 quote, 3 actors and 1 issue")

    rng = random.Random(seed)
    world = World(rng, n_actors, n_issues, seed)
    # quotes per article: 1 each, the rest spread by log-normal weights (some long reports)
    weights = [rng.lognormvariate(0, 0.45) for _ in range(n_sources)]
    total_w = sum(weights)
    spread = quotes - n_sources
    per_source, acc, given = [], 0.0, 0
    for wgt in weights:
        acc += wgt
        upto = round(spread * acc / total_w)
        per_source.append(1 + upto - given)
        given = upto

    tmp = out.with_name(out.name + f".tmp-{os.getpid()}")
    if not single:
        tmp.mkdir(parents=True)
    else:
        tmp.parent.mkdir(parents=True, exist_ok=True)
    ext = "yaml" if fmt == "yaml" else "json"
    width = max(4, len(str(n_files)))
    head = {"actors": [a.record() for a in world.actors],
            "issues": [i.record() for i in world.issues]}
    files: list[Path] = []
    counts = {"sources": 0, "actors": len(world.actors), "issues": len(world.issues),
              "quotes": 0, "positions": 0}
    last_quote: dict[int, str] = {}  # (speaker, issue) -> a quote id from an earlier article
    n_issues_total = len(world.issues)
    span = SPAN_DAYS / n_sources
    part = None
    file_index = -1
    try:
        for s in range(n_sources):
            want = s * n_files // n_sources
            if want != file_index:
                if part is not None:
                    part.close()
                file_index = want
                path = tmp if single else tmp / f"part-{file_index + 1:0{width}d}.{ext}"
                files.append(path)
                part = Part(path, fmt, head if file_index == 0 else None)
            published = FIRST_DAY + timedelta(days=int(s * span) + rng.randint(0, 2))
            writer = ArticleWriter(world, published)
            text, specs, topic = writer.write(per_source[s])
            specs = specs[: per_source[s]]
            outlet, domain = OUTLETS[rng.randrange(len(OUTLETS))]
            sid = f"{slug(outlet)}-{published.isoformat()}-{s + 1}"
            title = headline(specs[0])
            source = {"id": sid, "title": title[0].upper() + title[1:], "outlet": outlet,
                      "published": published.isoformat()}
            if rng.random() < 0.7:
                source["url"] = f"https://www.{domain}/world/{slug(title)[:60]}-{s + 1}"
            source["text"] = text
            part.add("sources", source)
            groups: dict[int, list[str]] = {}
            where = occurrences(text, [spec.text for spec in specs])
            for spec in specs:
                counts["quotes"] += 1
                qid = f"q{counts['quotes']:07d}"
                rec = {"id": qid, "source": sid, "speaker": spec.speaker.id, "kind": spec.kind,
                       "text": spec.text}
                starts = where[spec.text]
                if len(starts) > 1:
                    rec["occurrence"] = starts.index(spec.start) + 1  # ValueError: a bug
                if spec.venue:
                    rec["venue"] = spec.venue
                if spec.said:
                    rec["said"] = spec.said
                tagged = ([spec.issue] if spec.issue else []) + spec.also
                if tagged and rng.random() < 0.95:
                    rec["issues"] = [i.id for i in tagged]
                else:
                    tagged = []
                r = rng.random()
                if r < 0.03:
                    rec["confidence"] = rng.choice(("high", "medium", "low"))
                    if r < 0.01:
                        rec["note"] = "Speaker inferred from the paragraph before."
                part.add("quotes", rec)
                if tagged:
                    key = spec.speaker.index * n_issues_total + spec.issue.index
                    groups.setdefault(key, []).append(qid)
            for key, qids in groups.items():
                if rng.random() >= 0.6:
                    last_quote[key] = qids[0]
                    continue
                actor = world.actors[key // n_issues_total]
                issue = world.issues[key % n_issues_total]
                evidence = qids[:3]
                earlier = last_quote.get(key)
                if earlier and rng.random() < 0.25:
                    evidence.append(earlier)  # a quote in an earlier article (maybe file)
                last_quote[key] = qids[0]
                counts["positions"] += 1
                stance = world.stance(actor, issue)
                kind = _position_kind(rng, stance)
                part.add("positions", {
                    "id": f"p{counts['positions']:07d}", "actor": actor.id, "issue": issue.id,
                    "stance": stance, "kind": kind, "summary": _summary(rng, kind, stance, issue),
                    "evidence": evidence})
            counts["sources"] += 1
        part.close()
        part = None
        if single:
            os.replace(tmp, out)
            files = [out]
        else:
            if out.exists():
                shutil.rmtree(out)
            os.replace(tmp, out)
            files = [out / f.name for f in files]
    finally:
        if part is not None:
            part.close()
        if tmp.exists():
            shutil.rmtree(tmp) if tmp.is_dir() else tmp.unlink()
    size = sum(f.stat().st_size for f in files)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return Stats(counts, files, size, time.perf_counter() - started, rss)


def _position_kind(rng: random.Random, stance: int) -> str:
    if stance == 2:
        return rng.choice(("demand", "demand", "condition"))
    if stance == -2:
        return rng.choice(("red_line", "red_line", "assessment"))
    if stance == 0:
        return rng.choice(("condition", "offer", "assessment"))
    return rng.choice(("offer", "condition", "assessment") if stance > 0 else
                      ("assessment", "condition"))


def _summary(rng: random.Random, kind: str, stance: int, issue: Issue) -> str:
    by_sign = SUMMARIES[kind]
    sign = (stance > 0) - (stance < 0)
    templates = by_sign.get(sign) or next(iter(by_sign.values()))
    text = rng.choice(templates).format(
        np=issue.np, np_bare=issue.np_bare, adj=rng.choice(ADJ_RARE), cond=rng.choice(CONDITIONS),
        rare=rng.choice(NOUNS_RARE))
    return text.replace("’", "'")


# normalise every vocabulary list once (the literals above are NFC already; this makes sure)
for _name in ("CULTURES", "SIDES", "SEED_PERSONS", "PLACES", "FACILITIES", "CITIES", "MEDIA",
              "DIRECT_OPENERS", "DIRECT_TAILS", "REPORTED_CLAUSES", "REPORTED_TAILS",
              "BACKGROUND", "NOUNS_RARE", "OUTLETS", "TV", "_TOWN_A", "_TOWN_B"):
    globals()[_name] = _nfc(globals()[_name])


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quotes", type=int, required=True, help="number of quotes (exact)")
    ap.add_argument("--out", type=Path, required=True,
                    help="a .json or .yaml file, or a folder (written as --split files)")
    ap.add_argument("--actors", type=int, help="default: 2*sqrt(quotes), at least 20")
    ap.add_argument("--issues", type=int, help="default: sqrt(quotes)/2, at least 8")
    ap.add_argument("--sources", type=int, help="default: quotes/25")
    ap.add_argument("--split", type=int,
                    help=f"files in the folder (default: one per {QUOTES_PER_FILE:,} quotes)")
    ap.add_argument("--format", choices=("json", "yaml"),
                    help="default: from the --out suffix; json for folders")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    try:
        stats = generate(args.quotes, args.out, actors=args.actors, issues=args.issues,
                         sources=args.sources, split=args.split, seed=args.seed, fmt=args.format)
    except ValueError as exc:
        ap.error(str(exc))
    counts = ", ".join(f"{n:,} {k}" for k, n in stats.counts.items())
    print(f"wrote {counts} to {args.out} ({len(stats.files)} file(s), "
          f"{stats.bytes / 1e6:,.1f} MB) in {stats.seconds:.1f} s, peak RSS "
          f"{stats.peak_rss_mb:,.0f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
