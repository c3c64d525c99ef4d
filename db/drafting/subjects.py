"""Who a subject phrase of news prose names, before any actor is looked up: a name (with
its title split off), a pronoun, a document ("the statement"), an anonymous source ("a
senior Israeli official"), or nothing (a label, a sentence opener, a common noun).

Each reading is one small function; `read_subject` tries them in order. They read only the
phrase they are given (at most a sentence's stretch), so none is slower than linear in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .patterns import NAME, NAME_WORD, NOT_NAMES, ROLE_MODIFIERS, ROLE_NOUNS, TITLE_WORDS, last_match

#: How much of a phrase is read: a subject is a few words; a longer phrase (hostile input)
#: would make each of its quotes read all of it.
WINDOW = 300


@dataclass(frozen=True)
class Subject:
    #: name | pronoun | document | anonymous | role
    kind: str
    #: The name (kind name), the pronoun, the document's noun, the source's noun
    #: (official, source, diplomat …) or the role.
    text: str
    #: A title before the name ("U.S. Treasury Secretary"), or what qualifies an anonymous
    #: source or a role ("senior Israeli").
    title: str = ""
    #: Whether the name is a body's (a ministry, an office): kept whole, never split.
    body: bool = False


#: Capitalised words that open a sentence or label a line and are never a name.
OPENERS = {
    "although",
    "though",
    "notably",
    "quote",
    "quotes",
    "statement",
    "asked",
    "speaking",
    "separately",
    "additionally",
    "earlier",
    "later",
    "now",
    "today",
    "yesterday",
    "tonight",
    "then",
    "thus",
    "indeed",
    "instead",
    "even",
    "only",
    "both",
    "for",
    "from",
    "with",
    "without",
    "under",
    "despite",
    "amid",
    "during",
    "because",
    "according",
    "here",
    "what",
    "why",
    "how",
    "where",
    "who",
    "whom",
    "whose",
    "which",
    "while",
    "whether",
    "once",
    "again",
    "furthermore",
    "moreover",
    "specifically",
    "ultimately",
    "finally",
    "first",
    "second",
    "third",
    "next",
    "previously",
    "recently",
    "currently",
    "overall",
    "elsewhere",
    "similarly",
    "likewise",
    "otherwise",
    "these",
    "those",
    "such",
    "many",
    "most",
    "some",
    "all",
    "each",
    "every",
    "no",
    "not",
    "one",
    "two",
    "to",
    "of",
    "by",
    "or",
    "nor",
    "you",
    "my",
    "your",
    "us",
    "them",
    "him",
    "me",
    "read",
    "watch",
    "see",
    "update",
    "breaking",
    "exclusive",
    "analysis",
    "opinion",
    "editor",
    "editor’s",
    "photo",
    "file",
    "advertisement",
    "will",
    "would",
    "could",
    "can",
    "should",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "probably",
    "perhaps",
    "maybe",
    "details",
    "source",
    "background",
    "meanwhile",
    "per",
    "following",
    "after",
    "ahead",
}
#: The last word of a body's name: "Russian Foreign Ministry", "Prime Minister's Office".
BODY_WORDS = {
    "ministry",
    "office",
    "department",
    "council",
    "committee",
    "commission",
    "agency",
    "government",
    "cabinet",
    "forces",
    "army",
    "kremlin",
    "house",
    "service",
    "bureau",
    "authority",
    "movement",
    "party",
    "union",
    "organization",
    "organisation",
    "command",
    "brigades",
    "front",
    "alliance",
    "coalition",
    "embassy",
    "mission",
    "secretariat",
    "presidency",
    "parliament",
    "assembly",
    "senate",
    "court",
    "administration",
    "directorate",
    "staff",
    "corps",
    "group",
    "bloc",
    "forum",
    "nations",
    "states",
}
#: Bodies named by one word that no title split or body word finds.
BODY_NAMES = {"kremlin", "hamas", "hezbollah", "nato", "idf", "un", "u.n.", "eu", "m23", "opec", "asean"}
#: Nouns for a source the article does not name.
ANON_NOUN = (
    r"officials?|sources?|diplomats?|aides?|negotiators?|insiders?|persons?|people|"
    r"individuals?|figures?|functionar(?:y|ies)|mediators?|analysts?|experts?|observers?|"
    r"spokes(?:man|woman|person)|representatives?|advisers?|advisors?|"
    r"lawmakers?|residents?|witness(?:es)?|militants?|soldiers?"
)
#: What may qualify an anonymous source after its noun.
ANON_TAIL = (
    r"(?:\s+(?:familiar with|close to|with (?:direct )?knowledge of|briefed on|involved in|"
    r"speaking on (?:the )?condition of anonymity|who (?:asked|spoke|declined|requested)|"
    r"not authori[sz]ed|in (?:the|a) [a-z]+ (?:delegation|team|camp))[^,“”\"]*)?"
)
#: Words that qualify an anonymous source before its noun: "a senior Israeli official".
ANON_MODIFIER = (
    r"(?:[A-Z][\w.’'\-]*|(?i:senior|top|high-ranking|high|ranking|junior|unnamed|anonymous|western|"
    r"regional|government|military|security|intelligence|administration|defen[cs]e|foreign|"
    r"diplomatic|ministry|palace|presidential|former|current|other|two|three|several|informed|"
    r"knowledgeable|well-placed|local|international|egyptian|israeli|american))"
)
_ARTICLE = r"(?i:a|an|one|two|three|four|several|some|other|many|the|another|unnamed|anonymous)"
ANONYMOUS_AT_END = re.compile(
    rf"(?:^|(?<=\s))(?:{_ARTICLE}\s+)?((?:{ANON_MODIFIER}\s+){{0,4}})((?i:{ANON_NOUN})){ANON_TAIL}$"
)
ANONYMOUS_AT_START = re.compile(
    rf"^(?:{_ARTICLE}\s+)((?:{ANON_MODIFIER}\s+){{0,4}})((?i:{ANON_NOUN}))\b{ANON_TAIL}"
)
DOCUMENT_NOUN = (
    r"statement|readout|read-out|communiqu[eé]|release|press release|announcement|declaration|"
    r"letter|post|message|note|document|text|bulletin|transcript|summary|memo"
)
DOCUMENT_AT_END = re.compile(
    rf"\b(?:the|a|an|its|his|her|their|that|this)\s+(?:[a-z\-]+\s+){{0,2}}?({DOCUMENT_NOUN})$",
    re.IGNORECASE,
)
DOCUMENT_AT_START = re.compile(
    rf"^(?:the|a|an|its|his|her|their|that|this)\s+(?:[a-z\-]+\s+){{0,2}}?({DOCUMENT_NOUN})\b",
    re.IGNORECASE,
)
#: `The group added`: the body the article last quoted or named as issuing words.
#: `The agreement calls for the “neutralization” …`: a text's words have no speaker.
AGREEMENT_AT_END = re.compile(
    r"(?:^|\s)(?:the|The|a|A|this|This)\s+(?:[\w\-]+\s+){0,2}?(agreement|deal|accord|treaty|text|framework|"
    r"resolution|truce|ceasefire|plan|proposal|document)$"
)
#: `the US president threatened`, `the Ukrainian leader said`: a person by role.
ROLE_AT_END = re.compile(
    r"(?:^|\s)(?:the|The)\s+(?:(?:[A-Z][\w.\-]*|former|new|incoming|outgoing)\s+){0,2}"
    r"(president|president-elect|leader|prime minister|premier|secretary of state|envoy|"
    r"foreign minister|chancellor|minister|secretary|spokes(?:man|woman|person))$"
)
GROUP_AT_END = re.compile(
    r"(?:^|\s)(?:the|The)\s+(?:[\w\-]+\s+){0,3}?(group|movement|organi[sz]ation|militia|faction)$"
)
PRONOUN_AT_END = re.compile(r"(?:^|\s)(he|she|they|He|She|They)$")
#: `“…,” said he.`: a pronoun after the verb only when it ends the clause (`said he had
#: asked` is another clause's subject).
PRONOUN_AT_START = re.compile(r"^(he|she|they)\b(?=\s*(?:[,.;:]|$))")
#: Clauses between a subject and its verb: `Witkoff, who met with Putin recently, said`.
RELATIVE = re.compile(r",\s*(?:who|which|whose|whom|where)\b[^,“”\"]*,?$")
#: `Trump, speaking at a rally, said`, `Putin, asked about the plan, said`.
PARTICIPLE = re.compile(r",\s*(?:\w+ing|\w+ed|asked|pressed|quoted|cited|interviewed)\b[^,“”\"]*,?$")
#: A relative or participle clause that holds commas of its own, closed by the comma before
#: the verb: `Witkoff, who met Putin, Lavrov and Ushakov, said`, `The group, designated a
#: terrorist organization by Germany, the United States and Israel, added`.
SET_OFF = re.compile(
    r",\s*(?:who|which|whose|whom|[a-z]\w*ing|[a-z]\w*ed|asked|pressed|quoted|cited|interviewed)\b"
    r"[^“”\"]*,$"
)
#: `The Pakistan prime minister, in his address, thanked`: a phrase set off by commas.
INSERTION = re.compile(
    r",\s*(?:in|at|during|on|after|before|from|for|with|speaking|meanwhile|however)\b[^,“”\"]*,$"
)
#: `Witkoff, U.S. President Donald Trump’s special envoy to the Middle East said`.
ROLE_APPOSITION = re.compile(
    r",\s*[^,“”\"]*?\b(?:envoy|minister|secretary|president|premier|adviser|advisor|"
    r"spokes(?:man|woman|person)|leader|chief|head|official|ambassador|negotiator|director|"
    r"commander|chairman|representative|resident|member|counterpart|aide)\b[^,“”\"]*,?$"
)  # lower case: a role described; "Foreign Minister Hakan Fidan" is a title and a name
APPOSITION = re.compile(r",\s*(?:the|a|an|his|her|its|their|one of)\b[^,“”\"]*,$")
#: Words between a subject and its verb: `Trump also said`, `Putin on Thursday said`.
BETWEEN = re.compile(
    r"(?:\s+(?:also|later|again|then|has|have|had|previously|earlier|once|repeatedly|publicly|"
    r"separately|now|further|reportedly|subsequently|initially|quickly|himself|herself|itself|"
    r"(?:on|last|this) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"(?:on|last|this) \w+ \d{1,2}|\w+ly))+$"
)
#: Labels before a quote: `Quote from Grushko:`.
LABEL = re.compile(
    r"^\W*(?:quote|statement|excerpt|full quote|in (?:his|her) words)\s+(?:from|by)\s+(.+?)\s*:\s*$", re.I
)
#: `Quote: “…”` under a `Source: US National Security Adviser Mike Waltz …` line.
BARE_LABEL = re.compile(r"^\W*(?:quote|quotes|statement)\s*:\s*$", re.I)
SOURCE_LINE = re.compile(r"^\W*source\s*:\s*(.+)$", re.I)


#: A title in lower case ending just before a name, with what it qualifies in front:
#: "U.S. Middle East envoy ", "deputy foreign minister ".
LOWER_TITLE_BEFORE = re.compile(
    rf"(?:(?:{NAME.pattern})\s+)?(?:(?:{ROLE_MODIFIERS})\s+){{0,3}}(?:{ROLE_NOUNS})\s+$"
)
#: A capitalised title and "of" just before a name's run: "Secretary of " (State Marco Rubio).
OF_TITLE_BEFORE = re.compile(rf"((?:{NAME.pattern}))\s+(?:of|for)\s+(?:the\s+)?$")
#: After a name's run, a title that goes on to the name: " envoy " (Steve Witkoff), " of "
#: (State Marco Rubio).
TITLE_GOES_ON = re.compile(
    rf"\s+(?:(?:(?:{ROLE_MODIFIERS})\s+){{0,3}}(?:{ROLE_NOUNS})|(?P<of>of|for)(?:\s+the)?)\s+(?={NAME_WORD})"
)
#: The longest stretch before a name read for its title.
TITLE_CHARS = 120


def all_title(phrase: str) -> bool:
    return all(w.lower().rstrip(",") in TITLE_WORDS for w in phrase.split())


def title_before(text: str, start: int) -> tuple[str, int]:
    """The title written before the name that starts at `start`, outside the name's own
    capitalised run ("U.S. Middle East envoy", "Secretary of"), and where it starts; ("",
    start) when there is none."""
    lo = max(0, start - TITLE_CHARS)
    head = text[lo:start]
    m = LOWER_TITLE_BEFORE.search(head)
    if m is None:
        m = OF_TITLE_BEFORE.search(head)
        if m is not None and not all_title(m.group(1)):
            m = None
    if m is None:
        return "", start
    return " ".join(m.group().split()), lo + m.start()


def with_title(subject: Subject | None, title: str) -> Subject | None:
    """A person's name subject with `title` written before its own ("Secretary of" +
    "State"); any other subject as it is."""
    if subject is None or not title or subject.kind != "name" or subject.body:
        return subject
    return Subject("name", subject.text, f"{title} {subject.title}".strip())


def name_after_title(text: str, m: re.Match[str]) -> tuple[re.Match[str], str]:
    """The name a title run leads to: "U.S. Middle East envoy Tom Barrack" is Tom Barrack
    with the title "U.S. Middle East envoy", "Secretary of State Marco Rubio" Marco Rubio
    (its run "State Marco Rubio" under "Secretary of"). The run itself when no title goes on."""
    start = m.start()
    while (goes := TITLE_GOES_ON.match(text, m.end())) is not None:
        if goes.group("of") and not all_title(m.group()):
            break  # "Bank of England": no title
        nxt = NAME.match(text, goes.end())
        if nxt is None:
            break
        m = nxt
    return m, " ".join(text[start : m.start()].split())


def _name_words(words: list[str]) -> list[str]:
    """The name's words with openers, articles and labels in front taken off."""
    while words and (words[0].lower().strip(",") in NOT_NAMES or words[0].lower().strip(",") in OPENERS):
        words = words[1:]
    return words


def split_title(words: list[str]) -> tuple[str, str]:
    """(title, name): the words up to the last title word are the title ("U.S. Treasury
    Secretary" | "Scott Bessent"); no title word: all of it is the name."""
    last = -1
    for i, w in enumerate(words[:-1]):
        if w.lower().rstrip(",") in TITLE_WORDS:
            last = i
    return " ".join(words[: last + 1]), " ".join(words[last + 1 :])


#: Words a name may end in with their own full stop.
ABBREVIATIONS = {"jr.", "sr.", "st.", "gen.", "sen.", "rep.", "col.", "lt.", "sgt.", "capt.", "inc.", "co."}


def as_name(phrase: str) -> Subject | None:
    """A run of capitalised words as a name: a body's whole name, or title and name; None
    for openers, labels and titles without a name."""
    words = _name_words(re.sub(r"[’']s$", "", phrase.strip(" ,")).split())
    if not words:
        return None
    if re.fullmatch(r"[A-Z][a-z][\w’'\-]*\.", words[-1]) and words[-1].lower() not in ABBREVIATIONS:
        words[-1] = words[-1][:-1]  # the sentence's full stop ("said … Marco Rubio.")
    lowered = [w.lower() for w in words]
    if lowered[-1] in BODY_WORDS or (len(words) == 1 and lowered[0] in BODY_NAMES):
        return Subject("name", " ".join(words), body=True)
    if all(w.rstrip(",") in TITLE_WORDS for w in lowered):
        return Subject("role", " ".join(words))
    title, name = split_title(words)
    if not name or name.lower() in OPENERS:
        return None
    return Subject("name", name, title)


def anonymous(match: re.Match[str]) -> Subject:
    noun = match.group(2).lower()
    noun = {"people": "person", "persons": "person"}.get(noun, noun)
    if noun.endswith("s") and not noun.endswith(("ss", "ous")):
        noun = noun[:-1]
    return Subject("anonymous", noun, " ".join(match.group(1).split()))


def _only_openers(text: str) -> bool:
    """Whether `text` holds nothing but openers and articles ("And the", "But")."""
    return all(w.lower().strip(",") in NOT_NAMES or w.lower().strip(",") in OPENERS for w in text.split())


def subject_at_end(text: str, whole: bool = False) -> Subject | None:
    """The subject that ends `text` (the words before a reporting verb); with `whole`,
    only when it is all of `text` (`,” Trump said`), not a clause's subject inside it
    (`” was being made toward what he said`)."""
    text = text[-WINDOW:].rstrip(" ")
    closed = text.endswith(",")
    text = BETWEEN.sub("", text.rstrip(" ,"))
    plain = text
    if closed:
        text = SET_OFF.sub("", text + ",").rstrip(" ,")
    text = RELATIVE.sub("", text).rstrip(" ,")
    text = PARTICIPLE.sub("", text).rstrip(" ,")
    text = INSERTION.sub("", text + ",").rstrip(" ,")
    if closed:  # `Witkoff, the envoy, said`; never `…, the delegation held … in which it`
        text = APPOSITION.sub("", text + ",").rstrip(" ,")
    if "," in text and text == plain:
        text = ROLE_APPOSITION.sub("", text).rstrip(" ,")
    if not text:
        return None

    def starts(at: int) -> bool:
        return not whole or _only_openers(text[:at])

    m = PRONOUN_AT_END.search(text)
    if m:
        return Subject("pronoun", m.group(1).lower()) if starts(m.start(1)) else None
    m = DOCUMENT_AT_END.search(text)
    if m:
        return Subject("document", m.group(1).lower(), issuer(m.group(0))) if starts(m.start()) else None
    m = GROUP_AT_END.search(text)
    if m:
        return Subject("group", m.group(1).lower()) if starts(m.start()) else None
    m = AGREEMENT_AT_END.search(text)
    if m:
        return Subject("agreement", m.group(1).lower()) if starts(m.start()) else None
    m = ROLE_AT_END.search(text)
    if m:
        return Subject("role", m.group(1).lower(), m.group(0).strip()) if starts(m.start()) else None
    last = last_match(NAME, text)
    m = ANONYMOUS_AT_END.search(text)
    if m and (
        last is None
        or last.end() <= m.start(2)
        or last.group().lower().split() == [m.group(2).lower()]
        # a name in what qualifies the source: "an official who spoke to AFP"
        or last.start() >= m.end(2) < m.end()
    ):
        return anonymous(m) if starts(m.start()) else None
    if last is None or text[last.end() :].strip(" ,"):
        return None
    title, at = title_before(text, last.start())
    if not starts(at):
        return None
    return with_title(as_name(last.group()), title)


def subject_at_start(text: str) -> Subject | None:
    """The subject that opens `text` (the words after `said`)."""
    text = text[:WINDOW].lstrip(" ,")
    m = PRONOUN_AT_START.match(text)
    if m:
        return Subject("pronoun", m.group(1).lower())
    m = DOCUMENT_AT_START.match(text)
    if m:
        return Subject("document", m.group(1).lower(), issuer(m.group(0)))
    m = ANONYMOUS_AT_START.match(text)
    if m:
        return anonymous(m)
    m = NAME.match(text)
    if m is None:
        return None
    m, title = name_after_title(text, m)
    return with_title(as_name(m.group()), title)


def issuer(document: str) -> str:
    """The body a document phrase names: "the US-Ukraine statement": "US"."""
    words = [w for w in document.split()[1:-1] if w[:1].isupper()]
    return words[0].split("-")[0] if words else ""


def label(text: str) -> Subject | None:
    """`Quote from Grushko:` before a quote: the name in the label."""
    m = LABEL.match(text.rstrip('“" '))
    return subject_at_end(m.group(1)) if m else None


GOVERNMENT_WORDS = {
    "ministry",
    "office",
    "department",
    "government",
    "cabinet",
    "kremlin",
    "house",
    "presidency",
    "embassy",
    "administration",
    "secretariat",
}


def body_kind(name: str) -> str:
    """The dossier kind of a body by its name: a ministry or an office is a government's."""
    last = name.split()[-1].lower() if name.split() else ""
    return "government" if last in GOVERNMENT_WORDS else "organization"
