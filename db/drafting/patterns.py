"""The words and patterns of news prose the drafter reads: reporting verbs, names,
quotation marks, days, venues."""

from __future__ import annotations

import re

REPORTING = (
    r"said|says|say|told|tells|added|adds|stated|states|stating|saying|responded|replied|"
    r"mentioned|emphasi[sz]ed|noted|argued|argues|insisted|insists|warned|declared|"
    r"commented|indicated|highlighted|maintained|reiterated|announced|wrote|asked|"
    r"explained|urged|stressed|acknowledged|conceded|claimed|confirmed|continued|recalled|"
    r"suggested|predicted|promised|vowed|pledged"
)
WANTING = (
    r"demanded|demands|wants|wanted|rejects|rejected|dismissed|dismisses|insists|insisted|"
    r"seeks|sought|will seek|accepted|accepts|endorsed|refused|refuses|proposed|proposes|"
    r"offered|offers|called for|calls for|opposes|opposed|supports|supported|argues|argued|"
    r"has demanded|has maintained|has insisted|has dismissed|has rejected|has said|"
    r"has described|described|maintained|emphasized|emphasised|indicated|said|says|stated"
)
VERB = re.compile(rf"\b(?:{REPORTING})\b")
WANT = re.compile(rf"\b(?:has |have |had |will )?(?:{WANTING})\b")
NAME_WORD = r"(?:[A-Z][\w’'\-]*\.?|[A-Z]\.(?:[A-Z]\.)+|(?:de|van|von|der|da|al|bin|ibn|la|le))"
NAME = re.compile(rf"{NAME_WORD}(?:\s+{NAME_WORD})*")
PRONOUN = re.compile(r"\b(he|she|He|She)\b")
QUOTE_PAIRS = re.compile(r"“([^“”]*)”|\"([^\"\n]*)\"")
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
}

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
