"""The words and patterns of news prose the drafter reads: reporting verbs, names,
quotation marks, days, venues."""

from __future__ import annotations

import re
from collections import deque

REPORTING = (
    r"said|says|say|told|tells|added|adds|stated|states|stating|saying|responded|replied|"
    r"mentioned|emphasi[sz]ed|noted|argued|argues|insisted|insists|warned|declared|"
    r"commented|indicated|highlighted|maintained|reiterated|announced|wrote|asked|"
    r"explained|urged|stressed|acknowledged|conceded|claimed|confirmed|continued|recalled|"
    r"suggested|predicted|promised|vowed|pledged|posted|tweeted|remarked|observed|cautioned|"
    r"assured|admitted|complained|retorted|countered|alleged|affirmed|reaffirmed|lamented|"
    r"quipped|writes|posts|tweets|wrote on|cited|threatened|threatens|recalled|explained|"
    r"announced|replied|answered|responded|clarified|concluded|underscored|elaborated|revealed|"
    r"disclosed|adding|noting|stressing|emphasi[sz]ing|insisting|warning|reiterating|underscoring|"
    r"explaining|declaring"
)
#: Verbs by which a subject judges or names a thing in quotation marks: `Hamas credited the
#: “steadfastness” …`, `Trump called the talks “productive”`.
EVALUATING = (
    r"credited|credits|praised|praises|hailed|hails|welcomed|welcomes|called|calls|described|"
    r"describes|termed|terms|dubbed|branded|labell?ed|condemned|condemns|denounced|slammed|"
    r"critici[sz]ed|accused|accuses|blamed|blames|lauded|thanked|expressed|expresses|voiced|"
    r"referred to|spoke of|speaks of|characteri[sz]ed|lambasted|decried|touted|welcomed"
)
WANTING = (
    r"demanded|demands|wants|wanted|rejects|rejected|dismissed|dismisses|insists|insisted|"
    r"seeks|sought|will seek|accepted|accepts|endorsed|refused|refuses|proposed|proposes|"
    r"offered|offers|called for|calls for|opposes|opposed|supports|supported|argues|argued|"
    r"has demanded|has maintained|has insisted|has dismissed|has rejected|has said|"
    r"has described|described|maintained|emphasized|emphasised|indicated|said|says|stated"
)
VERB = re.compile(rf"\b(?:{REPORTING})\b")
EVALUATE = re.compile(rf"\b(?:{EVALUATING})\b")
WANT = re.compile(rf"\b(?:has |have |had |will )?(?:{WANTING})\b")
#: A word of a name: capitalised (not inside a word: "McDonald" is one word, "official" holds
#: no "al"), initials, or a particle only as a word of its own before a capitalised one
#: ("bin Abdulrahman", "al-Burhan", "de Gaulle"; never the "al" of "official").
NAME_WORD = (
    r"(?:(?<![\w’'\-])(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z][\w’'\-]*\.?)"
    r"|(?<![\w’'\-])(?:de|van|von|der|da|al|el|bin|ibn|la|le)(?:-[A-Z][\w’'\-]*|(?=\s+[A-Z])))"
)
NAME = re.compile(rf"{NAME_WORD}(?:\s+{NAME_WORD})*")
PRONOUN = re.compile(r"\b(he|she|He|She)\b")
#: A quotation: in double marks (curly, straight, or one of each as some sites mix them:
#: `“WE HAVE A DEAL…"`), or in single ones (`‘Historic’`, `` `stop All Firing’ ``, `'yes'`)
#: whose marks are no apostrophes (an apostrophe sits between letters: “Qatar’s”).
QUOTE_PAIRS = re.compile(
    r"“([^“”\"]*)[”\"]|\"([^\"“”\n]*)[\"”]"
    r"|(?<![\w’'])[‘`]((?:[^‘’`'\n]|[’'](?=\w))+?)[’'](?![\w’'])"
    r"|(?<![\w’'])'((?:[^'‘’\n]|'(?=\w))+?)'(?![\w’'])"
)
#: A quote opened and not closed: it runs on into the next paragraph (news convention).
OPEN_ONLY = re.compile(r"(?:“([^“”]*)|\"([^\"]*))$")
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY = re.compile(
    r"\b(?:(last|on|this|next)\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)\b"
)
VENUES = [
    re.compile(r"\baboard (?:the )?([A-Z][\w]*(?: [A-Z0-9][\w]*)*)"),
    re.compile(
        r"\b(?:in|during) an? (?:[a-z]+ )*interview with (?:the )?"
        r"(?:[A-Za-z]+ )*?(?:outlet |newspaper |network )?([A-Z][\w]*(?: [A-Z][\w]*)*)"
    ),
    re.compile(r"\bon (?:U\.S\. )?(television|TV|radio)\b"),
    re.compile(
        r"\b(?:on|to) (ABC|CBS|NBC|CNN|MSNBC|Fox News|BBC|Sky News|Al Jazeera|"
        r"[A-Z]{2,5}(?: News)?)\b"
    ),
    re.compile(r"\bat (?:a|the) ((?:news |press )?(?:conference|briefing|summit|rally|meeting))"),
]
#: Words that start a sentence or a clause but are no names.
NOT_NAMES = {
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "when",
    "while",
    "meanwhile",
    "however",
    "but",
    "and",
    "last",
    "since",
    "nevertheless",
    "if",
    "as",
    "after",
    "before",
    "this",
    "that",
    "it",
    "they",
    "we",
    "i",
    "our",
    "part",
    "until",
    "there",
    "so",
    "still",
    "also",
    "yet",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "he",
    "she",
    "his",
    "her",
    "their",
    "its",
}
TITLE_WORDS = {
    "president",
    "prime",
    "minister",
    "deputy",
    "foreign",
    "secretary",
    "state",
    "envoy",
    "adviser",
    "advisor",
    "national",
    "security",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chancellor",
    "general",
    "gen.",
    "ambassador",
    "senator",
    "sen.",
    "representative",
    "rep.",
    "governor",
    "mayor",
    "chief",
    "defence",
    "defense",
    "head",
    "leader",
    "king",
    "queen",
    "special",
    "treasury",
    "commerce",
    "coordinator",
    "sheikh",
    "emir",
    "crown",
    "prince",
    "sultan",
    "pope",
    "cardinal",
    "bishop",
    "israeli",
    "palestinian",
    "qatari",
    "egyptian",
    "indian",
    "pakistani",
    "iranian",
    "turkish",
    "saudi",
    "u.n.",
    "un",
    "nato",
    "eu",
    "white",
    "kremlin",
    "pentagon",
    "hamas",
    "idf",
    "army",
    "military",
    "intelligence",
    "chairman",
    "chairwoman",
    "chair",
    "speaker",
    "majority",
    "minority",
    "whip",
    "attorney",
    "u.s.",
    "british",
    "french",
    "russian",
    "ukrainian",
    "german",
    "chinese",
    "american",
    "european",
    "vice",
    "dr.",
    "mr.",
    "mrs.",
    "ms.",
    "commander",
    "colonel",
    "admiral",
    "officer",
    "director",
    "press",
    "justice",
    "finance",
    "trade",
    "interior",
    "economy",
    "economic",
    "top",
    "senior",
    "former",
    "acting",
    # role nouns that open a sentence before a name: "Mediator Ingrid Solberg warned"
    "mediator",
    "negotiator",
    "diplomat",
    "official",
    "analyst",
    "lawyer",
    "activist",
    "observer",
    "aide",
    "lawmaker",
    "premier",
    "rapporteur",
    "delegate",
    "economist",
    "professor",
    "researcher",
    "affairs",
}

#: Nouns of a title written in lower case before a name ("Middle East envoy Steve
#: Witkoff", "deputy foreign minister Andriy Sybiha"): the title ends in one of these.
ROLE_NOUNS = (
    "envoy|minister|secretary|spokesman|spokeswoman|spokesperson|adviser|advisor|ambassador|"
    "negotiator|mediator|official|diplomat|chief|commander|director|aide|coordinator|"
    "representative|president|chairman|chairwoman|chair|premier|delegate|general|senator|"
    "governor|mayor|chancellor|leader|head|officer|lawmaker|counsel|prosecutor"
)
#: Lower-case words that may stand before such a noun in a title ("Gaza truce negotiator",
#: "sovereign wealth fund chief").
ROLE_MODIFIERS = (
    "deputy|foreign|special|senior|top|former|acting|defence|defense|national|security|prime|"
    "vice|press|finance|trade|interior|chief|lead|truce|ceasefire|peace|presidential|sovereign|"
    "wealth|fund|cabinet|intelligence|military|army|regional|state|health|energy|justice|"
    "economy|economic|affairs|policy|humanitarian|aid|hostage|negotiating|government"
)

LEADING_WORD = re.compile(r"\w+")
#: Names each followed by spaces, and runs of them: what `(?:NAME\s+)+` reads.
NAME_UNIT = re.compile(rf"{NAME_WORD}\s+")
NAME_UNITS = re.compile(rf"(?:{NAME_WORD}\s+)+")
#: `\b` at a place in the text (matched with a start, it sees the character before).
BOUNDARY = re.compile(r"\b")
ABBREVIATION = re.compile(r"(?:\b[A-Z]|\bU\.S|\bMr|\bMrs|\bMs|\bDr|\bSt|\bGen)$")
#: A name followed by a reporting verb: "…, Nguyễn Thị Lan, said".
THEN_REPORTING = re.compile(rf",?\s+(?:{REPORTING})\b")
#: Longest stretch of a sentence on either side of a quote read to attribute it: news
#: sentences are far shorter; a longer one (hostile input) would make each of its quotes
#: read the whole of it.
CONTEXT_CHARS = 2000
#: Longest id made from a name (the loader allows 200 characters).
SLUG_CHARS = 80

#: Places named as the subject of speech: a state, never a person ("Russia said").
PLACES = {
    "russia", "ukraine", "israel", "gaza", "united states", "us", "u.s.", "america", "china", "india",
    "pakistan", "qatar", "egypt", "iran", "turkey", "armenia", "azerbaijan", "rwanda", "congo", "drc",
    "moscow", "kyiv", "kiev", "washington", "beijing", "jerusalem", "tel aviv", "doha", "cairo",
    "islamabad", "new delhi", "delhi", "baku", "yerevan", "kigali", "kinshasa", "geneva", "jeddah",
    "europe", "european union", "eu", "nato", "britain", "uk", "france", "germany", "lebanon", "syria",
    "west bank", "saudi arabia", "the west", "west",
}  # fmt: skip

#: Adjectives of a side, for an anonymous source's ("a senior Israeli official": Israel).
DEMONYMS = {
    "israeli": "Israel",
    "palestinian": "Palestine",
    "russian": "Russia",
    "ukrainian": "Ukraine",
    "american": "United States",
    "u.s.": "United States",
    "us": "United States",
    "qatari": "Qatar",
    "egyptian": "Egypt",
    "indian": "India",
    "pakistani": "Pakistan",
    "chinese": "China",
    "iranian": "Iran",
    "turkish": "Turkey",
    "saudi": "Saudi Arabia",
    "emirati": "United Arab Emirates",
    "british": "United Kingdom",
    "french": "France",
    "german": "Germany",
    "european": "European Union",
    "congolese": "Democratic Republic of the Congo",
    "rwandan": "Rwanda",
    "armenian": "Armenia",
    "azerbaijani": "Azerbaijan",
    "lebanese": "Lebanon",
    "syrian": "Syria",
    "sudanese": "Sudan",
    "western": "West",
}


def last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The last match of `pattern` in `text` (one pass, nothing kept but the last)."""
    found = deque(pattern.finditer(text), maxlen=1)
    return found[0] if found else None


_MONTH = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
)
#: A day in a sentence: a weekday ("last Friday"), or a date ("March 16", "16 March 2025").
DATE_PHRASE = re.compile(
    r"\b(?:(?P<when>last|on|this|next)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)\b"
    rf"|\b(?:on\s+)?(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?"
    rf"|\b(?:on\s+)?(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>{_MONTH})(?:,?\s+(?P<year2>\d{{4}}))?"
)
#: Words between a reporting verb and a day that make the day another event's: the words
#: look ahead ("will take effect on Sunday") or report something else ("said that the
#: truce starts on Sunday").
NOT_WHEN_SAID = re.compile(
    r"\b(?:that|will|would|shall|goes|go|going|take|takes|taking|effect|start|starts|begin|begins|"
    r"until|from|by|before|after|due|expected|scheduled|set|plans?|planned|when|if|since|"
    r"deadline|next|expires?|ends?|resume|resumes|meet|meets|hold|holds|held|took|began|came|"
    r"signed|agreed|announced|reached)\b|[;“”\"]"
)
_DOC = r"statement|readout|read-out|communiqu[eé]|press release|release|announcement|declaration"
#: A statement or readout named in a sentence; and, around it, who issued it.
DOCUMENT_WORD = re.compile(rf"\b(?:{_DOC})\b")
ISSUED_BEFORE = re.compile(
    r"\s+(?:said in|issued|released|published|put out|posted|sent|shared|in)\s+"
    r"(?:a|an|its|the|their)\s+(?:[\w\-]+\s+){0,2}$"
)
ISSUED_POSSESSIVE = re.compile(r"[’']s\s+(?:[\w\-]+\s+){0,2}$")
ISSUED_AFTER = re.compile(
    r"\s+(?:from|by|issued by|released by|published by)\s+((?:the\s+)?(?:[A-Z][\w.’'\-]*\s*){1,5})"
)
#: "… Netanyahu’s office": the office, after a possessive name.
OFFICE_AFTER = re.compile(r"(office|government|cabinet|ministry|administration|team)\b")
#: "Netanyahu’s office" ending the words before "released a statement".
OFFICE_OF = re.compile(
    r"(?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w.\-]*[’']s\s+(?:office|government|cabinet|ministry|administration|team)\s*$"
)


#: Before a quoted phrase: it is a name given to something, not anyone's words
#: (`received the name “Putin's ultimatum”`, `the so-called “peace plan”`, `titled “…”`).
NAMING_BEFORE = re.compile(
    r"(?:(?:\bthe name|\bnamed|\bknown as|\bdubbed|\bso-called|\btitled|\bentitled|\bheadline|"
    r"\bthe term|\bnicknamed|\bcodenamed|\boperation|\btitle|\brenamed)"
    # `dubbed the “Trump Route …”`, `named a “Board of Peace”`
    r"(?:\s+(?:the|a|an))?"
    # a hypothetical: `Will Russia say ‘yes’ to ceasefire?`
    r"|\b(?:will|would|could|should|might|may|can|does|did)\s+\S+(?:\s+\S+)?\s+say)\s*[“\"‘'`]?$",
    re.IGNORECASE,
)
#: After one: `The “peace package” is the current name of …`.
NAMING_AFTER = re.compile(r"[”\"’']?\s*(?:is|was|are|were) (?:the|its|their) (?:\w+ ){0,2}?name\b")
#: A programme's or a publication's title after a possessive: `CNN’s “State of the Union”`.
TITLE_AFTER_POSSESSIVE = re.compile(r"[A-Z][\w.]*[’']s\s*[“\"‘]$")
