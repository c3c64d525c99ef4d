"""A first draft of a dossier from a plain-text article: its direct quotes with speakers,
venues and days, and the sentences that report what named actors said or want.

The rules are those of news prose: `“…,” Trump told reporters`; `Rubio mentioned on CBS
that … “…”`; `“…,” he added` (the last person named); a quote paragraph that continues the
previous speaker; titles before names (`Deputy Foreign Minister Alexander Grushko`);
`according to remarks from a Russian deputy foreign minister` (matched by role). Each
quote carries how sure its attribution is and why. Nothing is invented: no positions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .models import Actor
from .text import name_key, normalize

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
_VERB = re.compile(rf"\b(?:{REPORTING})\b")
_WANT = re.compile(rf"\b(?:has |have |had |will )?(?:{WANTING})\b")
_NAME_WORD = r"(?:[A-Z][\w’'\-]*\.?|[A-Z]\.(?:[A-Z]\.)+|(?:de|van|von|der|da|al|bin|ibn|la|le))"
_NAME = re.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD})*")
_PRONOUN = re.compile(r"\b(he|she|He|She)\b")
_QUOTE_PAIRS = re.compile(r"“([^“”]*)”|\"([^\"\n]*)\"")
#: A quote opened and not closed: it runs on into the next paragraph (news convention).
_OPEN_ONLY = re.compile(r"(?:“([^“”]*)|\"([^\"]*))$")
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY = re.compile(r"\b(?:(last|on|this|next)\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|"
                  r"Saturday|Sunday)\b")
_VENUES = [
    re.compile(r"\baboard (?:the )?([A-Z][\w]*(?: [A-Z0-9][\w]*)*)"),
    re.compile(r"\b(?:in|during) an? (?:[a-z]+ )*interview with (?:the )?"
               r"(?:[A-Za-z]+ )*?(?:outlet |newspaper |network )?([A-Z][\w]*(?: [A-Z][\w]*)*)"),
    re.compile(r"\bon (?:U\.S\. )?(television|TV|radio)\b"),
    re.compile(r"\b(?:on|to) (ABC|CBS|NBC|CNN|MSNBC|Fox News|BBC|Sky News|Al Jazeera|"
               r"[A-Z]{2,5}(?: News)?)\b"),
    re.compile(r"\bat (?:a|the) ((?:news |press )?(?:conference|briefing|summit|rally|meeting))"),
]
#: Words that start a sentence or a clause but are no names.
_NOT_NAMES = {
    "the", "a", "an", "in", "on", "at", "when", "while", "meanwhile", "however", "but",
    "and", "last", "since", "nevertheless", "if", "as", "after", "before", "this", "that",
    "it", "they", "we", "i", "our", "part", "until", "there", "so", "still", "also", "yet",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "he", "she", "his", "her", "their", "its",
}
_TITLE_WORDS = {
    "president", "prime", "minister", "deputy", "foreign", "secretary", "state", "envoy",
    "adviser", "advisor", "national", "security", "spokesman", "spokeswoman", "spokesperson",
    "chancellor", "general", "gen.", "ambassador", "senator", "sen.", "representative",
    "rep.", "governor", "mayor", "chief", "defence", "defense", "head", "leader", "king",
    "queen", "special", "u.s.", "british", "french", "russian", "ukrainian", "german",
    "chinese", "american", "european", "vice", "dr.", "mr.", "mrs.", "ms.", "commander",
    "colonel", "admiral", "officer", "director", "press", "justice", "finance",
    "trade", "interior", "economy", "economic", "top", "senior", "former", "acting",
    # role nouns that open a sentence before a name: "Mediator Ingrid Solberg warned"
    "mediator", "negotiator", "diplomat", "official", "analyst", "lawyer",
    "activist", "observer", "aide", "lawmaker", "premier", "rapporteur", "delegate",
    "economist", "professor", "researcher",
}


@dataclass
class Draft:
    """What the draft found, ready to write out."""

    source: dict[str, Any]
    actors: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    suggestions: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Speaker:
    id: str
    name: str
    known: bool
    person: bool


class _Cast:
    """Names, surnames, aliases and roles of the actors known; new ones as they appear."""

    def __init__(self, actors: Iterable[Actor]):
        self.keys: dict[str, list[Actor]] = {}
        self.actors = list(actors)
        for a in self.actors:
            names = {a.id, a.name, *a.aliases}
            if a.kind == "person" and a.name.split():
                names.add(a.name.split()[-1])
            for n in names:
                self.keys.setdefault(name_key(n), []).append(a)
        self.new: dict[str, dict[str, Any]] = {}
        #: Proposed actors by name and surname, so a later "Solberg said" finds them.
        self.new_keys: dict[str, dict[str, Any]] = {}

    def find(self, text: str) -> tuple[_Speaker, str] | None:
        """The actor a name (possibly with a title before it) refers to, and the title."""
        words = re.sub(r"[’']s\b", "", text).split()  # Burhan's camp: Burhan
        for start in range(len(words)):
            tail = " ".join(words[start:])
            found = self.keys.get(name_key(tail))
            if found and len({a.id for a in found}) == 1:
                a = found[0]
                return _Speaker(a.id, a.name, True, a.kind == "person"), " ".join(words[:start])
            new = self.new_keys.get(name_key(tail))
            if new is not None:
                return _Speaker(new["id"], new["name"], False, True), " ".join(words[:start])
        return None

    def by_role(self, phrase: str) -> _Speaker | None:
        """'a Russian deputy foreign minister' -> the one actor whose role says so."""
        wanted = [w for w in re.findall(r"[a-z]+", phrase.lower())
                  if w not in ("a", "an", "the", "of", "from", "remarks")]
        if not wanted:
            return None
        hits = []
        for a in self.actors:
            hay = f"{a.role or ''} {a.name}".lower()
            parent = next((p for p in self.actors if p.id == a.parent), None)
            if parent:
                hay += f" {parent.name}".lower()
            adjusted = [w[:-1] if w.endswith("n") and w[:-1] in hay else w for w in wanted]
            if all(w in hay or w.rstrip("n") in hay for w in adjusted):
                hits.append(a)
        if len(hits) == 1:
            a = hits[0]
            return _Speaker(a.id, a.name, True, a.kind == "person")
        return None

    def propose(self, name: str, role: str) -> _Speaker:
        slug = re.sub(r"[^a-z0-9]+", "-", name_key(name)).strip("-") or "speaker"
        if slug not in self.new:
            actor = {"id": slug, "name": name, "kind": "person"}
            if role:
                actor["role"] = role
            self.new[slug] = actor
            self.new_keys[name_key(name)] = actor
            self.new_keys.setdefault(name_key(name.split()[-1]), actor)
        return _Speaker(slug, self.new[slug]["name"], False, True)


def _split_sentences(paragraph: str, base: int) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a paragraph, quotes kept whole."""
    spans = []
    start = 0
    depth = 0
    straight = False  # inside "…"
    i = 0
    n = len(paragraph)
    while i < n:
        ch = paragraph[i]
        if ch == '"':
            straight = not straight
            if not straight and i > 0 and paragraph[i - 1] in ".!?" and i + 2 < n and \
                    paragraph[i + 1] == " " and (paragraph[i + 2].isupper() or
                                                 paragraph[i + 2] == '"'):
                spans.append((base + start, base + i + 1))
                start = i + 2
                i += 2
                continue
        elif ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(depth - 1, 0)
            ends = i > 0 and paragraph[i - 1] in ".!?"
            if depth == 0 and ends and i + 2 < n and paragraph[i + 1] == " " and \
                    (paragraph[i + 2].isupper() or paragraph[i + 2] == "“"):
                spans.append((base + start, base + i + 1))
                start = i + 2
                i += 2
                continue
        elif ch in ".!?" and depth == 0 and not straight:
            j = i + 1
            while j < n and paragraph[j] in "”\"’)":
                j += 1
            prev = paragraph[max(0, i - 3) : i]
            abbreviation = re.search(r"(?:\b[A-Z]|\bU\.S|\bMr|\bMrs|\bMs|\bDr|\bSt|\bGen)$",
                                     paragraph[: i])
            if (j >= n or paragraph[j] == " " and j + 1 < n and
                    (paragraph[j + 1].isupper() or paragraph[j + 1] in "“\"")) \
                    and not (abbreviation and len(prev) and ch == "."):
                spans.append((base + start, base + j))
                start = j + 1 if j < n else j
                i = j
                continue
        i += 1
    if start < n and paragraph[start:].strip():
        spans.append((base + start, base + n))
    return spans


def _resolve_day(word: str, when: str | None, published: date | None) -> str | None:
    if published is None:
        return None
    target = _DAYS.index(word.lower())
    delta = (published.weekday() - target) % 7
    if when == "last" and delta == 0:
        delta = 7
    if when == "next":
        return None  # a future day: not when it was said
    return (published - timedelta(days=delta)).isoformat()


def _outside_quotes(sentence: str) -> str:
    """The sentence with quoted words blanked: the reporter's words, not the speaker's."""
    return _QUOTE_PAIRS.sub(lambda m: " " * len(m.group()), sentence)


def _name_before(text: str) -> str | None:
    """The name (with any title) that ends `text`, e.g. '… British Prime Minister Keir Starmer'."""
    match = None
    for m in _NAME.finditer(text):
        match = m
    if match is None or text[match.end():].strip(" ,"):
        return None
    words = match.group().split()
    while words and words[0].lower() in _NOT_NAMES:
        words = words[1:]
    return " ".join(words) or None


def _name_after(text: str) -> str | None:
    m = _NAME.match(text.lstrip())
    if m is None:
        return None
    words = m.group().split()
    if words and words[0].lower() in _NOT_NAMES:
        return None
    return " ".join(words)


class _Drafter:
    def __init__(self, text: str, cast: _Cast, published: date | None):
        self.text = text
        self.cast = cast
        self.published = published
        self.last_person: _Speaker | None = None
        self.last_quote_speaker: _Speaker | None = None
        #: Whether the last quote was in the paragraph being read.
        self.same_paragraph = False

    # --- names ---------------------------------------------------------------------------

    def speaker(self, name: str) -> tuple[_Speaker, str]:
        name = re.sub(r"[’']s$", "", name)
        found = self.cast.find(name)
        if found:
            return found
        if len(name.split()) == 1:
            # named in full once, then by surname: "Ingrid Solberg … Solberg said"
            full = re.search(rf"((?:{_NAME_WORD}\s+)*{_NAME_WORD}\s+){re.escape(name)}\b",
                             self.text)
            if full:
                name = full.group(0)
                found = self.cast.find(name)
                if found:
                    return found
        words = name.split()
        title = []
        while len(words) > 1 and words[0].lower().rstrip(",") in _TITLE_WORDS:
            title.append(words.pop(0))
        return self.cast.propose(" ".join(words), " ".join(title)), " ".join(title)

    def remember(self, sp: _Speaker) -> None:
        if sp.person:
            self.last_person = sp

    # --- attribution of one quote ----------------------------------------------------------

    def attribute(self, sentence: str, q_start: int, q_end: int, paragraph_starts_quote: bool
                  ) -> tuple[_Speaker, str, str] | None:
        """(speaker, confidence, why) for the quote at sentence[q_start:q_end]."""
        sp: _Speaker | None
        after = sentence[q_end:]
        before = sentence[:q_start]
        # 1. “…,” Trump told / said Trump / he added, right after the quote
        m = re.match(rf"^[”\"]?,?\s*(.*?)\s*\b({REPORTING})\b\s*(.*)$", after)
        if m and len(m.group(1)) < 80 and "“" not in m.group(1):
            subject = m.group(1).strip(" ,")
            verb = m.group(2)
            if subject.lower() in ("he", "she"):
                if self.last_person:
                    return self.last_person, "medium", f'"{subject} {verb}" after the quote: ' \
                        f"the last person named, {self.last_person.name}"
            elif subject:
                name = _name_before(subject) or _name_after(subject)
                reported = re.search(r"\breported\s+(.+?)\s+(?:stating|saying)\b",
                                     subject + " " + verb)
                if reported:
                    name = _name_after(reported.group(1))
                if name:
                    sp, _ = self.speaker(name)
                    return sp, "high", f'"{name} {verb}" after the quote'
            else:  # said Trump
                name = _name_after(m.group(3))
                if name:
                    sp, _ = self.speaker(name)
                    return sp, "high", f'"{verb} {name}" after the quote'
        m = re.search(r"\breported\s+(.+?)\s+(?:stating|saying)\b", after)
        if m and (name := _name_after(m.group(1))):
            sp, _ = self.speaker(name)
            return sp, "high", f'"reported {name} stating" after the quote'
        # 2. according to remarks from a Russian deputy foreign minister
        m = re.search(r"\baccording to (?:remarks (?:from|by) |comments (?:from|by) )?(.+?)"
                      r"(?:\s+(?:published|made|on|in)\b|[,.]|$)", sentence)
        if m:
            name = _name_after(m.group(1))
            sp = None
            if name:
                sp = self.speaker(name)[0]
            else:
                sp = self.cast.by_role(m.group(1))
            if sp:
                return sp, "medium", f'"according to {m.group(1).strip()}" in the sentence'
        # 3. Waltz responded, “…” / Rubio mentioned on CBS that … “…”
        verbs = list(_VERB.finditer(before))
        if verbs:
            v = verbs[-1]
            subject_text = before[: v.start()]
            name = _name_before(subject_text.rstrip())
            pron = re.search(r"\b(he|she|He|She)\s*$", subject_text.rstrip())
            if pron and self.last_person:
                return self.last_person, "medium", f'"{pron.group(1)} {v.group()}" before the ' \
                    f"quote: the last person named, {self.last_person.name}"
            if name:
                sp, _ = self.speaker(name)
                return sp, "high", f'"{name} {v.group()}" before the quote'
            # a clause: "… the Kremlin indicated that Putin had sent …, conveying “…”"
            subject = _name_before(re.sub(r"^.*?(?:,\s*)", "", subject_text.rstrip()) or "")
            if subject:
                sp, _ = self.speaker(subject)
                return sp, "medium", f'"{subject} {v.group()}" earlier in the sentence'
            heads = [m for m in _NAME.finditer(subject_text)
                     if m.group().split()[0].lower() not in _NOT_NAMES]
            if heads:
                name = heads[-1].group()
                sp, _ = self.speaker(name)
                return sp, "medium", f'"{name}" is the nearest name before "{v.group()}"'
        # 4. a paragraph (or a sentence) that is only a quote continues the previous speaker
        if paragraph_starts_quote and self.last_quote_speaker:
            return self.last_quote_speaker, "medium", \
                "a quote paragraph continuing the previous speaker's quote"
        if not before.strip(" “\"") and self.last_quote_speaker and self.same_paragraph:
            return self.last_quote_speaker, "medium", \
                "a quote sentence continuing the quote before it in the paragraph"
        # 5. the sentence's subject, before a reporting or wanting verb
        m = _WANT.search(before) or _WANT.search(after)
        if m:
            region = before if m.string is before else after
            name = _name_before(region[: m.start()].rstrip())
            if name:
                sp, _ = self.speaker(name)
                return sp, "medium", f'"{name} {m.group()}" in the sentence'
        opening = _name_after(re.sub(r"^[-–—•*\s]+", "", before))
        if opening:
            sp, _ = self.speaker(opening)
            return sp, "medium", f'the sentence opens with "{opening}"'
        if self.last_person:
            return self.last_person, "low", \
                f"no attribution in the sentence: the last person named, {self.last_person.name}"
        return None

    def venue(self, sentence: str) -> str | None:
        sentence = _outside_quotes(sentence)
        for pattern in _VENUES:
            m = pattern.search(sentence)
            if m:
                text = m.group(0)
                text = re.sub(r"^(?:in|during|on|to|at) (?:an? |the )?", "", text)
                text = re.sub(r"^extensive ", "", text)
                if pattern is _VENUES[1]:
                    return f"interview with {m.group(1)}"
                return text
        return None

    def day(self, sentence: str) -> tuple[str | None, str | None]:
        m = _DAY.search(_outside_quotes(sentence))
        if not m:
            return None, None
        return _resolve_day(m.group(2), m.group(1), self.published), m.group(0)


def draft_article(text: str, actors: Iterable[Actor], *, source_id: str, title: str,
                  outlet: str, published: str | None, url: str | None = None,
                  text_file: str | None = None, suggest_positions: bool = False) -> Draft:
    """Draft a dossier from an article's text (normalised as the loader will)."""
    text, _ = normalize(text)
    when = date.fromisoformat(published) if published else None
    cast = _Cast(actors)
    d = _Drafter(text, cast, when)
    source = {"id": source_id, "title": title, "outlet": outlet,
              "published": published or date.today().isoformat()}
    if url:
        source["url"] = url
    if text_file:
        source["text_file"] = text_file
    else:
        source["text"] = text
    out = Draft(source)
    reported_seen: set[int] = set()
    offset = 0
    for paragraph in text.split("\n"):
        base = offset
        offset += len(paragraph) + 1
        if not paragraph.strip():
            continue
        starts_quote = paragraph.lstrip().startswith(("“", '"'))
        d.same_paragraph = False
        for s_start, s_end in _split_sentences(paragraph, base):
            sentence = text[s_start:s_end]
            found_quote = False
            quotes = list(_QUOTE_PAIRS.finditer(sentence))
            unbalanced = sentence.count("“") > sentence.count("”") or sentence.count('"') % 2
            open_only = _OPEN_ONLY.search(sentence) if unbalanced else None
            spans = [m.span(1) if m.group(1) is not None else m.span(2) for m in quotes]
            if open_only:
                group = 1 if open_only.group(1) is not None else 2
                if not spans or open_only.start(group) > spans[-1][1]:
                    spans.append(open_only.span(group))
            for q_start, q_end in spans:
                quote_text = sentence[q_start:q_end]
                if not quote_text.strip():
                    continue
                found_quote = True
                result = d.attribute(sentence, q_start, q_end + 1,
                                     starts_quote and s_start == base + (len(paragraph) -
                                                                         len(paragraph.lstrip())))
                if result is None:
                    continue
                sp, confidence, why = result
                d.remember(sp)
                d.last_quote_speaker = sp
                d.same_paragraph = True
                out.quotes.append(_quote(text, quote_text, s_start + q_start, "direct", sp,
                                         confidence, why, d, sentence))
            # names seen in this sentence (for "he said" later): known persons, and a new
            # one named as the subject of a reporting verb ("…, Nguyễn Thị Lan, said")
            for m in _NAME.finditer(sentence):
                name = m.group()
                if name.split()[0].lower() in _NOT_NAMES:
                    continue
                found = cast.find(name)
                if found and found[0].person:
                    d.last_person = found[0]
                elif found is None and 2 <= len(name.split()) <= 5 and \
                        re.match(rf",?\s+(?:{REPORTING})\b", sentence[m.end():]):
                    d.last_person = d.speaker(name)[0]
            if not found_quote or quotes:
                _reported(d, out, text, sentence, s_start, reported_seen)
    for n, q in enumerate(out.quotes, 1):  # ids that cannot clash with another article's
        q["id"] = f"{source_id}-{n:03d}"
    out.actors = list(cast.new.values())
    if suggest_positions:
        out.suggestions = [
            {"id": f"p-{q['id']}", "actor": q["speaker"], "issue": "ISSUE-ID", "stance": 0,
             "kind": "assessment", "summary": "SUMMARY", "evidence": [q["id"]]}
            for q in out.quotes if q["kind"] == "reported"]
    return out


def _reported(d: _Drafter, out: Draft, text: str, sentence: str, s_start: int,
              seen: set[int]) -> None:
    """The sentence as a reported quote when a named actor is its reporting subject."""
    body = sentence.strip()
    if s_start in seen or "“" in body and body.startswith("“"):
        return
    m = _WANT.search(body) or _VERB.search(body)
    if m is None or m.start() > 160:
        return
    head = body[: m.start()].rstrip(" ,")
    head = re.sub(r"^[-–—•*]\s*", "", head)  # a bullet
    head = re.sub(r"^(?:(?:Meanwhile|However|Nevertheless|But|And|Still|Also|Instead|"
                  r"(?:Last|On|This|Late|Early) \w+|Since \w+|In \w+),\s*)+", "", head)
    head = re.sub(r"\s+(?:has|have|had|will|would|also|both|again|consistently|repeatedly|"
                  r"previously|already|now|since)\b(?:\s+\w+ly)?$", "", head)
    head = re.sub(r"\s+(?:has|have|had|will|would|also|both|again)$", "", head)
    head = re.sub(r",\s+[^,]+,$", "", head)  # Trump, having altered policy, has said
    head = re.sub(r"^(?:the|The)\s+", "", head)
    pron = re.fullmatch(r"(He|She)(?: also)?", head)
    if pron and d.last_person:
        sp, confidence, why = d.last_person, "medium", \
            f'"{pron.group(1)} {m.group()}": the last person named, {d.last_person.name}'
    else:
        name = _name_before(head) if head else None
        if not name or name != head or len(name.split()) > 8:
            return  # the sentence does not open with who says it
        found = d.cast.find(name)
        if found is None:
            if not any(w[0].isupper() for w in name.split()):
                return
            sp, _ = d.speaker(name)
        else:
            sp = found[0]
        confidence, why = "medium", f'"{name} {m.group()}" opens the sentence'
    d.remember(sp)
    seen.add(s_start)
    lead = len(sentence) - len(sentence.lstrip())
    out.quotes.append(_quote(text, body, s_start + lead, "reported", sp, confidence, why, d,
                             body))


def _quote(text: str, quote_text: str, at: int, kind: str, sp: _Speaker, confidence: str,
           why: str, d: _Drafter, sentence: str) -> dict[str, Any]:
    q: dict[str, Any] = {"id": "", "source": None, "speaker": sp.id, "kind": kind,
                         "text": quote_text}
    occurrences = []
    i = text.find(quote_text)
    while i != -1:
        occurrences.append(i)
        i = text.find(quote_text, i + 1)
    if len(occurrences) > 1:
        q["occurrence"] = occurrences.index(at) + 1
    venue = d.venue(sentence)
    if venue:
        q["venue"] = venue
    said, phrase = d.day(sentence)
    if said:
        q["said"] = said
    note = why + ("" if sp.known else "; a new actor, proposed below")
    if phrase and not said:
        note += f'; "{phrase}" in the sentence (give --published to date it)'
    q["confidence"] = confidence
    q["note"] = note
    return q


# --- writing -----------------------------------------------------------------------------


def _y(value: object) -> str:
    """A YAML scalar that reads back as exactly this string (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def to_yaml(draft: Draft, header: str) -> str:
    lines = [f"# {ln}" if ln else "#" for ln in header.splitlines()]
    src = draft.source
    lines.append("sources:")
    lines.append(f"  - id: {_y(src['id'])}")
    for key in ("title", "outlet", "published", "url", "text_file", "text"):
        if key in src:
            lines.append(f"    {key}: {_y(src[key])}")
    if draft.actors:
        lines.append("actors:  # proposed: speakers not found in the database; check each")
        for a in draft.actors:
            lines.append(f"  - id: {_y(a['id'])}")
            lines.append(f"    name: {_y(a['name'])}")
            lines.append(f"    kind: {a['kind']}  # person unless it is a body: fix if so")
            if a.get("role"):
                lines.append(f"    role: {_y(a['role'])}  # as the article gives it")
    order = {"low": 0, "medium": 1, "high": 2}
    lines.append("quotes:  # low and medium confidence first: review those")
    for q in sorted(draft.quotes, key=lambda q: order[q["confidence"]]):
        lines.append(f"  - id: {_y(q['id'])}")
        lines.append(f"    source: {_y(src['id'])}")
        lines.append(f"    speaker: {_y(q['speaker'])}")
        lines.append(f"    kind: {q['kind']}")
        lines.append(f"    text: {_y(q['text'])}")
        for key in ("occurrence", "venue", "said"):
            if key in q:
                lines.append(f"    {key}: {_y(q[key]) if key != 'occurrence' else q[key]}")
        why = q["note"].replace("\n", " ")
        lines.append(f"    confidence: {q['confidence']}  # {why}")
        lines.append(f"    note: {_y(q['note'])}")
    if draft.suggestions:
        lines.append("# Suggested positions: uncomment, choose the issue, stance and summary.")
        lines.append("# positions:")
        for p in draft.suggestions:
            lines.append(f"#   - id: {p['id']}")
            lines.append(f"#     actor: {p['actor']}")
            lines.append("#     issue: ISSUE-ID")
            lines.append("#     stance: 0  # +2 insists … -2 rejects")
            lines.append("#     kind: assessment  # demand | offer | condition | red_line | "
                         "assessment")
            lines.append("#     summary: ONE LINE IN YOUR OWN WORDS")
            lines.append(f"#     evidence: [{p['evidence'][0]}]")
    return "\n".join(lines) + "\n"


def to_json(draft: Draft) -> str:
    quotes = [dict(q, source=draft.source["id"]) for q in draft.quotes]
    data = {"sources": [draft.source], "actors": draft.actors, "quotes": quotes}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
