"""Who can speak: the actors known (by name, surname, alias, role) and the new ones a
draft proposes as they appear."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..models import Actor
from ..text import name_key as _name_key
from .patterns import SLUG_CHARS

#: Names recur all through an article: each is keyed once (a bounded cache).
name_key = lru_cache(maxsize=1 << 14)(_name_key)
#: Most answers of `find` kept (a hostile article names millions of distinct things).
FOUND_CACHE = 1 << 14


@dataclass
class Speaker:
    id: str
    name: str
    known: bool
    person: bool
    #: An anonymous source, or the unknown speaker: no name to match.
    anonymous: bool = False


#: The id of the speaker of a quote no rule attributes.
UNKNOWN = "unknown-speaker"


class Cast:
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
        #: The most words in any key: a longer tail of a name cannot match one.
        self.longest = max((len(k.split()) for k in self.keys), default=0)
        #: Answers of `find`, forgotten whenever an actor is proposed.
        self._found: dict[str, tuple[Speaker, str] | None] = {}

    def find(self, text: str) -> tuple[Speaker, str] | None:
        """The actor a name (possibly with a title before it) refers to, and the title."""
        if text in self._found:
            return self._found[text]
        if len(self._found) >= FOUND_CACHE:
            self._found.clear()
        found = self._find(text)
        self._found[text] = found
        return found

    def _find(self, text: str) -> tuple[Speaker, str] | None:
        words = re.sub(r"[’']s\b", "", text).split()  # Burhan's camp: Burhan
        for start in range(self._first_start(words), len(words)):
            tail = " ".join(words[start:])
            found = self.keys.get(name_key(tail))
            if found and len({a.id for a in found}) == 1:
                a = found[0]
                return Speaker(a.id, a.name, True, a.kind == "person"), " ".join(words[:start])
            new = self.new_keys.get(name_key(tail))
            if new is not None:
                person = new["kind"] == "person"
                return Speaker(new["id"], new["name"], False, person), " ".join(words[:start])
        return None

    def _first_start(self, words: list[str]) -> int:
        """The first word a key could start at: a tail with more key words than the
        longest key cannot be one (the words of a key are those of its words' keys)."""
        if len(words) <= self.longest:
            return 0
        count = 0
        for start in range(len(words) - 1, -1, -1):
            count += len(name_key(words[start]).split())
            if count > self.longest:
                return start + 1
        return 0

    def by_role(self, phrase: str) -> Speaker | None:
        """'a Russian deputy foreign minister' -> the one actor whose role says so."""
        wanted = [
            w
            for w in re.findall(r"[a-z]+", phrase.lower())
            if w not in ("a", "an", "the", "of", "from", "remarks")
        ]
        if not wanted:
            return None
        hits = []
        by_id: dict[str, Actor] = {}
        for a in self.actors:
            by_id.setdefault(a.id, a)
        for a in self.actors:
            hay = f"{a.role or ''} {a.name}".lower()
            parent = by_id.get(a.parent) if a.parent is not None else None
            if parent:
                hay += f" {parent.name}".lower()
            adjusted = [w[:-1] if w.endswith("n") and w[:-1] in hay else w for w in wanted]
            if all(w in hay or w.rstrip("n") in hay for w in adjusted):
                hits.append(a)
        if len(hits) == 1:
            a = hits[0]
            return Speaker(a.id, a.name, True, a.kind == "person")
        if hits:
            return None
        # a person proposed in this draft whose title says so ("US President Donald Trump" for
        # "the US president"), the one such
        new = [
            n
            for n in self.new.values()
            if n["kind"] == "person"
            and n.get("role")
            and all(w in n["role"].lower() or w.rstrip("n") in n["role"].lower() for w in wanted)
        ]
        if len(new) == 1:
            return Speaker(new[0]["id"], new[0]["name"], False, True)
        return None

    def _stored(self, name: str) -> Actor | None:
        """The stored actor of exactly this name (ignoring case and accents), the one such."""
        hits = [a for a in self.actors if name_key(a.name) == name_key(name)]
        return hits[0] if len(hits) == 1 else None

    def _free(self, slug: str, name: str) -> str:
        """`slug`, or `slug-2`, `slug-3`… when a stored actor (which `find` did not take
        for this name) has it: a draft never redefines someone else's id."""
        stored = {a.id for a in self.actors}
        n, free = 1, slug
        while free in stored or (free in self.new and self.new[free]["name"] != name):
            n += 1
            free = f"{slug}-{n}"
        return free

    def propose(self, name: str, role: str, kind: str = "person") -> Speaker:
        slug = re.sub(r"[^a-z0-9]+", "-", name_key(name)[:SLUG_CHARS]).strip("-") or "speaker"
        slug = self._free(slug, name)
        if slug not in self.new:
            actor = {"id": slug, "name": name, "kind": kind}
            if role:
                actor["role"] = role
            self.new[slug] = actor
            self._found.clear()
            self.new_keys[name_key(name)] = actor
            if kind == "person":
                self.new_keys.setdefault(name_key(name.split()[-1]), actor)
            self.longest = max(self.longest, len(name_key(name).split()))
        actor = self.new[slug]
        return Speaker(slug, actor["name"], False, actor["kind"] == "person")

    def anonymous(self, noun: str, qualifier: str, side: Speaker | None) -> Speaker:
        """An anonymous source: one proposed actor per side and noun ("anonymous Israeli
        official"), under its side where the side is an actor."""
        words = [w for w in qualifier.split() if w[:1].isupper()] if side is None else []
        label = " ".join(["anonymous", *([side.name] if side else words), noun])
        stored = self._stored(label)
        if stored is not None:  # proposed by an earlier draft, and loaded since
            return Speaker(stored.id, stored.name, True, True, anonymous=True)
        slug = self._free(re.sub(r"[^a-z0-9]+", "-", name_key(label)[:SLUG_CHARS]).strip("-"), label)
        if slug not in self.new:
            actor: dict[str, Any] = {"id": slug, "name": label, "kind": "person", "role": "anonymous source"}
            if side is not None:
                actor["parent"] = side.id
            self.new[slug] = actor
        return Speaker(slug, self.new[slug]["name"], False, True, anonymous=True)

    def unknown(self) -> Speaker:
        """The speaker of a quote no rule attributes: to fill in on review."""
        stored = next((a for a in self.actors if a.id == UNKNOWN), None)
        if stored is not None:  # an earlier draft's, loaded (and perhaps edited) since
            return Speaker(UNKNOWN, stored.name, True, False, anonymous=True)
        if UNKNOWN not in self.new:
            self.new[UNKNOWN] = {
                "id": UNKNOWN,
                "name": "unknown speaker",
                "kind": "person",
                "role": "no speaker found in the article: replace on review",
            }
        return Speaker(UNKNOWN, "unknown speaker", False, False, anonymous=True)
