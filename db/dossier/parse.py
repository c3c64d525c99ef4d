"""Read dossier files (YAML or JSON) into plain values that remember where they came from.

Parsing is strict and never runs code: YAML is read event by event (no anchors, aliases or
tags, no duplicate keys, bounded depth), plain YAML scalars that are not strings are kept
as `Plain` so the validator can say "quote it"; JSON gets the same treatment for NaN,
floats, huge integers and duplicate keys. Every problem is collected, not raised.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .files import Refused, read_regular, regular_chunks
from .problems import Problem, Where
from .spec import JSON_SUFFIXES, MAX_DEPTH, MAX_JSON_BYTES, MAX_YAML_BYTES, YAML_SUFFIXES


class Plain:
    """A value the file gave as a non-string (a YAML plain scalar that resolved to a
    number, boolean or date, or a JSON number), kept with its raw text."""

    __slots__ = ("kind", "raw")

    def __init__(self, kind: str, raw: str):
        self.kind = kind
        self.raw = raw

    def __repr__(self) -> str:
        return f"Plain({self.kind!r}, {self.raw!r})"


class CommentedStr(str):
    """A plain YAML string that a ` #` comment followed on its line: for a free-text field
    the validator warns (`text: Hamas #1 demand` reads as 'Hamas'); an enum or id with a
    comment beside it is fine."""

    __slots__ = ("line",)
    line: int


class LocDict(dict[str, object]):
    """A mapping that remembers its line and the line of each key (1-based; None for JSON)."""

    __slots__ = ("line", "key_lines", "duplicates")

    def __init__(self, line: int | None = None):
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}
        self.duplicates: list[tuple[str, int | None]] = []


class LocList(list[object]):
    """A list that remembers its line and the line of each item."""

    __slots__ = ("line", "item_lines")

    def __init__(self, line: int | None = None):
        super().__init__()
        self.line = line
        self.item_lines: list[int | None] = []


def line_of(container: object, key: Any) -> int | None:
    """The line of `container[key]`, or of the container, where known."""
    if isinstance(container, LocDict):
        return container.key_lines.get(key, container.line)
    if isinstance(container, LocList):
        if isinstance(key, int) and 0 <= key < len(container.item_lines):
            return container.item_lines[key]
        return container.line
    return None


@dataclass
class ParsedFile:
    path: Path
    data: object
    problems: list[Problem]
    warnings: list[Problem]


_RESOLVER = yaml.resolver.Resolver()


_STR = "tag:yaml.org,2002:str"


_KIND = {
    "tag:yaml.org,2002:int": "integer",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:bool": "boolean",
    "tag:yaml.org,2002:timestamp": "date",
    "tag:yaml.org,2002:null": "null",
}


_COMMENT_AFTER = re.compile(r"\s+#")


_Loader: type[yaml.CSafeLoader] | type[yaml.SafeLoader]
try:  # libyaml's event parser is much faster; the pure-Python one is a fine fallback
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


def _scalar(
    event: yaml.ScalarEvent, lines: list[str], problems: list[Problem], warnings: list[Problem], file: str
) -> object:
    assert event.start_mark is not None  # the parser marks every event
    line = event.start_mark.line + 1
    if event.tag not in (None, "!", _STR):
        problems.append(
            Problem(Where(file, line), f"YAML tag {event.tag!r} is not allowed; expected plain data")
        )
        return None
    if event.tag == _STR or event.style or not event.implicit[0]:
        return event.value
    # types-PyYAML leaves Resolver.resolve unannotated
    tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False))  # type: ignore[no-untyped-call]
    if tag == _STR:
        return _commented(event, lines)
    kind = _KIND.get(tag, "value")
    if kind == "null":
        return None
    return Plain(kind, event.value)


def _commented(event: yaml.ScalarEvent, lines: list[str]) -> str:
    """The scalar's value, marked when a ` #` comment follows it on its line."""
    end = event.end_mark
    assert end is not None  # the parser marks every event
    if end.line < len(lines) and _COMMENT_AFTER.match(lines[end.line][end.column :]):
        value = CommentedStr(event.value)
        value.line = end.line + 1
        return value
    return str(event.value)  # a str already (the stubs say Any)


def parse_yaml(text: str, file: str) -> tuple[object, list[Problem], list[Problem]]:
    """Parse YAML text into LocDict/LocList/str/Plain values, with every problem found."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    lines = text.split("\n")
    stack: list[LocDict | LocList] = []  # containers being filled
    keys: list[Any] = []  # for mappings: the pending key, or a sentinel
    line: int | None
    root = None
    documents = 0
    _NO_KEY = object()

    def add(value: object, line: int | None) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        if isinstance(top, LocList):
            top.append(value)
            top.item_lines.append(line)
            return
        key = keys[-1]
        if key is _NO_KEY:
            if isinstance(value, Plain):
                value = value.raw
            if not isinstance(value, str):
                problems.append(Problem(Where(file, line), "a key must be a plain word"))
                value = repr(value)
            keys[-1] = (value, line)
            return
        name, key_line = key
        if name in top:
            top.duplicates.append((name, key_line))
        else:
            top[name] = value
            top.key_lines[name] = key_line
        keys[-1] = _NO_KEY

    try:
        for event in yaml.parse(text, Loader=_Loader):
            assert event.start_mark is not None  # the parser marks every event
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line = event.start_mark.line + 1
                problems.append(
                    Problem(
                        Where(file, line),
                        "YAML anchors and aliases (& and *) are not allowed; write each value out in full",
                    )
                )
                if isinstance(event, yaml.AliasEvent):
                    add(None, line)
                    continue
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    problems.append(
                        Problem(
                            Where(file, event.start_mark.line + 1),
                            "more than one YAML document ('---'); expected one per file",
                        )
                    )
                    break
            elif isinstance(event, yaml.ScalarEvent):
                add(_scalar(event, lines, problems, warnings, file), event.start_mark.line + 1)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                line = event.start_mark.line + 1
                if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                    problems.append(
                        Problem(
                            Where(file, line), f"YAML tag {event.tag!r} is not allowed; expected plain data"
                        )
                    )
                if len(stack) >= MAX_DEPTH:
                    problems.append(Problem(Where(file, line), f"nested deeper than {MAX_DEPTH} levels"))
                    return None, problems, warnings
                node = LocDict(line) if isinstance(event, yaml.MappingStartEvent) else LocList(line)
                add(node, line)
                stack.append(node)
                keys.append(_NO_KEY)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                keys.pop()
    except yaml.YAMLError as exc:
        line, message = _yaml_error(exc, text)
        problems.append(Problem(Where(file, line), message))
        return None, problems, warnings
    return root, problems, warnings


def _character(ch: str) -> str:
    """A character named so that it shows (and never acts) on a terminal: U+009B."""
    if ch == "\t":
        return "a tab"
    if ch.isprintable() and not ch.isspace():
        return f"'{ch}' (U+{ord(ch):04X})"
    return f"U+{ord(ch):04X}"


def _yaml_error(exc: yaml.YAMLError, text: str) -> tuple[int | None, str]:
    """The line of a YAML error and one line saying what is wrong: the character at fault
    named, and tabs blamed only when it is a tab."""
    ch: str | None
    if isinstance(exc, yaml.reader.ReaderError):
        at = exc.position if isinstance(exc.position, int) else None
        ch = exc.character if isinstance(exc.character, str) else chr(exc.character)
        line = text.count("\n", 0, at) + 1 if at is not None else None
        where = f" on line {line}" if line is not None else ""
        return line, (
            f"not valid YAML: the character {_character(ch)}{where} is not allowed in "
            "YAML; write it as an escape (\\u"
            f"{ord(ch):04x}) inside double quotes"
        )
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    what = " ".join(str(getattr(exc, "problem", None) or exc).split())
    hint = ""
    ch = None
    if mark is not None:
        lines = text.split("\n", mark.line + 1)
        if mark.line < len(lines) and mark.column < len(lines[mark.line]):
            ch = lines[mark.line][mark.column]
    if "mapping values are not allowed" in what:
        hint = "; a value containing ': ' must be put in quotes"
    elif ch == "\t":
        hint = f"; line {line} has a tab: indent with spaces, not tabs"
    elif ch is not None and mark is not None and "character" in what:  # ch: mark is set
        hint = f"; the character is {_character(ch)}, line {line} column {mark.column + 1}"
    return line, f"not valid YAML: {what}{hint}"


def _json_object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    obj = dict(pairs)  # the common case, at C speed
    if len(obj) == len(pairs):
        return obj
    located = LocDict()  # a key appears twice: keep the first, remember the others
    for key, value in pairs:
        if key in located:
            located.duplicates.append((key, None))
        else:
            located[key] = value
    return located


def _json_int(raw: str) -> int | Plain:
    return int(raw) if len(raw) <= 18 else Plain("integer", raw[:24] + ("…" if len(raw) > 24 else ""))


def parse_json(text: str, file: str) -> tuple[object, list[Problem], list[Problem]]:
    """Parse JSON text; NaN, Infinity and floats are kept as `Plain` so the validator rejects them."""
    try:
        data = json.loads(
            text,
            object_pairs_hook=_json_object,
            parse_constant=lambda raw: Plain("number", raw),
            parse_float=lambda raw: Plain("number", raw),
            parse_int=_json_int,
        )
    except json.JSONDecodeError as exc:
        return None, [Problem(Where(file, exc.lineno), f"not valid JSON: {exc.msg} (column {exc.colno})")], []
    except RecursionError:
        return (
            None,
            [Problem(Where(file, None), f"nested too deeply; expected at most {MAX_DEPTH} levels")],
            [],
        )
    return data, [], []


def read_file(path: Path) -> ParsedFile:
    """Read and parse one dossier file; problems (never exceptions) for anything wrong."""
    file = str(path)
    suffix = path.suffix.lower()
    limit = MAX_YAML_BYTES if suffix in YAML_SUFFIXES else MAX_JSON_BYTES
    try:
        raw = read_regular(path, limit)
    except Refused as exc:
        hint = " (split it into several files, or use JSON for large dossiers)" if "MB" in str(exc) else ""
        return ParsedFile(path, None, [Problem(Where(file, None), f"cannot read the file: {exc}{hint}")], [])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return ParsedFile(
            path,
            None,
            [Problem(Where(file, line), f"not UTF-8 (byte {exc.start}); expected a UTF-8 text file")],
            [],
        )
    del raw  # the bytes are not needed once decoded: one copy of the file held, not two
    if suffix in JSON_SUFFIXES:
        data, problems, warnings = parse_json(text, file)
    else:
        data, problems, warnings = parse_yaml(text, file)
    return ParsedFile(path, data, problems, warnings)


class Unstreamable(Exception):
    """The file is not a plain, valid dossier object streamed record by record (a syntax
    error, an encoding error, a top-level key twice, a top level that is not an object):
    it is read whole instead, for the exact problem `read_file` gives."""


#: A JSON file's top-level entries as `stream_json` gives them: (key, None, LIST_START)
#: when a list begins, (key, index, element) for each of its elements, (key, None, value)
#: for a value that is not a list.
LIST_START = object()


_WS = " \t\n\r"
_DECODER = json.JSONDecoder(
    object_pairs_hook=_json_object,
    parse_constant=lambda raw: Plain("number", raw),
    parse_float=lambda raw: Plain("number", raw),
    parse_int=_json_int,
)


def stream_json(path: Path, limit: int = MAX_JSON_BYTES) -> Iterator[tuple[str, int | None, object]]:
    """A JSON dossier file's records one at a time, parsed by the same decoder and hooks
    as `parse_json` (NaN, floats, huge integers, duplicate keys kept for the validator),
    holding one record and a read buffer rather than the file. Raises `Unstreamable` when
    the file is anything but a valid object of lists; `Refused` as `read_regular` does."""
    chunks = regular_chunks(path, limit)
    decode = codecs.getincrementaldecoder("utf-8-sig")("strict")
    buf = ""
    pos = 0
    eof = False

    def more(at_least: int = 1 << 20) -> bool:
        """Read on: at least `at_least` characters more (or to the end); False at the end."""
        nonlocal buf, pos, eof
        if eof:
            return False
        if pos > len(buf) // 2:
            buf, pos = buf[pos:], 0
        got: list[str] = []
        n = 0
        try:
            while n < at_least:
                chunk = next(chunks, None)
                if chunk is None:
                    got.append(decode.decode(b"", final=True))
                    eof = True
                    break
                text = decode.decode(chunk)
                got.append(text)
                n += len(text)
        except UnicodeDecodeError:
            raise Unstreamable from None
        buf += "".join(got)
        return True

    def skip() -> str:
        """The next character that is not white space ('' at the end)."""
        nonlocal pos
        while True:
            while pos < len(buf) and buf[pos] in _WS:
                pos += 1
            if pos < len(buf):
                return buf[pos]
            if not more():
                return ""

    def value() -> object:
        """The JSON value at `pos`, reading on until it is whole."""
        nonlocal pos
        while True:
            try:
                found, end = _DECODER.raw_decode(buf, pos)
            except json.JSONDecodeError:
                if not more(max(1 << 20, len(buf) - pos)):
                    raise Unstreamable from None
                continue
            except RecursionError:
                raise Unstreamable from None
            # a number at the end of the buffer may go on in the next chunk
            if end == len(buf) and not eof:
                more()
                continue
            pos = end
            return found

    if skip() != "{":
        raise Unstreamable
    pos += 1
    seen: set[str] = set()
    if skip() == "}":
        pos += 1
    else:
        while True:
            if skip() != '"':
                raise Unstreamable
            key = value()
            if not isinstance(key, str) or key in seen:
                raise Unstreamable
            seen.add(key)
            if skip() != ":":
                raise Unstreamable
            pos += 1
            if skip() == "[":
                pos += 1
                yield key, None, LIST_START
                if skip() == "]":
                    pos += 1
                else:
                    index = 0
                    while True:
                        skip()
                        yield key, index, value()
                        index += 1
                        c = skip()
                        pos += 1
                        if c == "]":
                            break
                        if c != ",":
                            raise Unstreamable
            else:
                yield key, None, value()
            c = skip()
            pos += 1
            if c == "}":
                break
            if c != ",":
                raise Unstreamable
    if skip() != "":
        raise Unstreamable
