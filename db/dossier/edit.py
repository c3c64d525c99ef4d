"""One record of a dossier file edited field by field, or a new record appended, in the
file's own style: the review desk's edits (`db.desk`) written back so that the files stay
the truth.

YAML is edited in place, using the parser's marks: a changed field's value is replaced
token by token, a new field is added as a line of its record (or `, name: value` inside a
`{...}` record), a dropped field's line (or `, name: value`) is removed; comments, order
and layout stay. A new record copies its neighbours' shape (flow `- {...}` or block lines,
their indent, double-quoted strings or plain). JSON is read, changed and written again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .parse import _Loader
from .rewrite import Edited, is_json
from .spec import DATE_RE, KINDS, SPEC

#: A field to drop (the value given for it in `set_fields`).
DROP = object()


@dataclass
class _Field:
    key_start: int
    colon: int
    start: int
    end: int
    collection: bool


@dataclass
class _Rec:
    kind: str
    start: int
    end: int = 0
    id: str | None = None
    flow: bool = False
    fields: dict[str, _Field] = field(default_factory=dict)
    quoted: int = 0
    plain: int = 0


def _i(mark: Any) -> int:
    assert mark is not None
    return int(mark.index)


def _records(text: str) -> tuple[list[_Rec], dict[str, tuple[int, int, bool]]]:
    """Each record (kind, span, id, fields' spans) and each top-level list: kind -> (start
    of its key, end of its value, whether it is a flow list)."""
    recs: list[_Rec] = []
    tops: dict[str, tuple[int, int, bool]] = {}
    depth = 0
    top_key: str | None = None
    top_key_start = 0
    want_top_key = True
    cur: _Rec | None = None
    rec_key: str | None = None
    rec_key_start = 0
    want_rec_key = True
    val: _Field | None = None
    seq_flow = False
    for ev in yaml.parse(text, Loader=_Loader):
        if isinstance(ev, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            depth += 1
            if depth == 2 and isinstance(ev, yaml.SequenceStartEvent):
                seq_flow = bool(ev.flow_style)
            elif depth == 3 and isinstance(ev, yaml.MappingStartEvent) and top_key in KINDS:
                cur = _Rec(top_key, _i(ev.start_mark), flow=text[_i(ev.start_mark)] == "{")
                want_rec_key = True
            elif depth >= 4 and cur is not None:
                if depth == 4 and rec_key is not None:
                    colon = text.index(":", rec_key_start)
                    val = _Field(rec_key_start, colon, _i(ev.start_mark), _i(ev.end_mark), True)
                    cur.fields[rec_key] = val
            continue
        if isinstance(ev, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            if depth == 4 and cur is not None and val is not None:
                if val.collection and text[val.start] in "[{":
                    val.end = _i(ev.end_mark)
                cur.end = max(cur.end, val.end)
                val = None
                want_rec_key = True
            elif depth == 3 and cur is not None:
                if cur.flow:
                    cur.end = _i(ev.end_mark)
                recs.append(cur)
                cur = None
            elif depth == 2 and top_key is not None:
                end = _i(ev.end_mark)
                if not seq_flow and recs and recs[-1].kind == top_key:
                    end = recs[-1].end
                tops[top_key] = (top_key_start, end, seq_flow)
                want_top_key = True
            elif depth == 1:
                pass
            depth -= 1
            continue
        if not isinstance(ev, yaml.ScalarEvent):
            continue
        if depth == 1:
            if want_top_key:
                top_key, top_key_start, want_top_key = ev.value, _i(ev.start_mark), False
            else:
                tops[str(top_key)] = (top_key_start, _i(ev.end_mark), False)
                want_top_key = True
        elif depth == 3 and cur is not None:
            if want_rec_key:
                rec_key, rec_key_start, want_rec_key = ev.value, _i(ev.start_mark), False
            else:
                colon = text.index(":", rec_key_start)
                assert rec_key is not None
                cur.fields[rec_key] = _Field(rec_key_start, colon, _i(ev.start_mark), _i(ev.end_mark), False)
                cur.end = max(cur.end, _i(ev.end_mark))
                if rec_key == "id":
                    cur.id = ev.value
                if ev.style == '"':
                    cur.quoted += 1
                elif not ev.style:
                    cur.plain += 1
                want_rec_key = True
        elif depth >= 4 and val is not None:
            val.end = max(val.end, _i(ev.end_mark))
    return recs, tops


def _printable(value: str) -> str:
    body = json.dumps(value, ensure_ascii=False)
    return "".join(c if c.isprintable() or c in "\n" else f"\\u{ord(c):04x}" for c in body)


def token(value: Any, kind: str, name: str, flow: bool, quoted: bool) -> str:
    """A value as YAML writes it in this place: a number, a date plain, a list as `[a, b]`,
    a string plain where YAML reads it back as the same string (and, inside `{...}` or
    `[...]`, it holds no `,[]{}`), else double-quoted (and always so in a file that
    double-quotes its strings)."""
    if isinstance(value, bool):  # pragma: no cover - no field is boolean
        raise TypeError(name)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(token(v, kind, name + "[]", True, quoted) for v in value) + "]"
    text: str = str(value)
    f = SPEC.get(kind, {}).get(name.removesuffix("[]"))
    if f is not None and f.type == "date" and DATE_RE.match(text):
        return f'"{text}"' if quoted else text
    if f is not None and f.type == "enum":
        return text
    plain = text.strip() == text and "\n" not in text and text != ""
    if plain:
        try:
            plain = yaml.safe_load(text) == text
        except yaml.YAMLError:
            plain = False
    if plain and flow and any(c in text for c in ",[]{}"):
        plain = False
    if plain and (text[0] in "'\"!&*|>%@`" or text.startswith("- ")):
        plain = False
    if quoted:  # the file double-quotes its strings (a draft does): so does the edit
        plain = False
    return text if plain else _printable(text)


def _line_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def _line_end(text: str, at: int) -> int:
    nl = text.find("\n", at)
    return len(text) if nl < 0 else nl


def set_fields_yaml(path: Path, text: str, kind: str, rid: str, values: dict[str, Any]) -> Edited | None:
    """The fields of record `rid` set to `values` (DROP removes one); None when the record
    is not in the file exactly once."""
    recs, _ = _records(text)
    found = [r for r in recs if r.kind == kind and r.id == rid]
    if len(found) != 1:
        return None
    rec = found[0]
    quoted = rec.quoted > rec.plain
    line = text.count("\n", 0, rec.start) + 1
    out = Edited(path, text)
    edits: list[tuple[int, int, str]] = []  # (start, end, new text), applied from the end
    added: list[str] = []
    for name, value in values.items():
        f = rec.fields.get(name)
        if value is DROP:
            if f is None:
                continue
            if rec.flow:
                comma = text.rfind(",", rec.start, f.key_start)
                edits.append((comma, f.end, ""))
            else:
                a = _line_start(text, f.key_start)
                b = _line_end(text, max(f.end - 1, f.key_start))
                if text[a : f.key_start].strip() not in ("", "-"):
                    return None  # a block record written another way: say it instead
                edits.append((a, min(b + 1, len(text)), ""))
            out.changes.append(f"{path}:{line}: {kind[:-1]} {rid}: {name} removed")
            continue
        new = token(value, kind, name, rec.flow, quoted)
        if f is None:
            added.append(f"{name}: {new}")
        elif f.collection and not rec.flow and text[f.start] not in "[{":
            end = f.end
            while end > f.start and text[end - 1] == "\n":
                end -= 1
            edits.append((f.colon + 1, end, " " + new))
        else:
            end = f.end
            while end > f.start and text[end - 1] == "\n":
                end -= 1
            edits.append((f.start, end, new))
        out.changes.append(f"{path}:{line}: {kind[:-1]} {rid}: {name} = {new[:60]}")
    if added:
        if rec.flow:
            close = rec.end - 1
            edits.append((close, close, "".join(f", {a}" for a in added)))
        else:
            first = rec.fields["id"].key_start if "id" in rec.fields else rec.start
            indent = first - _line_start(text, first)
            eol = _line_end(text, max(rec.end - 1, rec.start))
            edits.append((eol, eol, "".join("\n" + " " * indent + a for a in added)))
    for a, b, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        out.text = out.text[:a] + new + out.text[b:]
    return out


def append_yaml(path: Path, text: str, kind: str, values: dict[str, Any]) -> Edited:
    """A new record appended to the file's list of `kind`, shaped as the records beside it
    (or as the file's other records, for a list the file does not have yet)."""
    recs, tops = _records(text)
    same = [r for r in recs if r.kind == kind]
    model = same[-1] if same else (recs[-1] if recs else None)
    flow = model.flow if model is not None else False
    quoted = (model.quoted > model.plain) if model is not None else False
    if model is not None:
        first = model.fields["id"].key_start if "id" in model.fields else model.start
        dash = text.rfind("-", 0, model.start + 1 if model.flow else first)
        lead = text[_line_start(text, dash) : dash]
        key_indent = (first - _line_start(text, first)) if not model.flow else len(lead) + 2
    else:
        lead, key_indent = "  ", 4
    items = [f"{k}: {token(v, kind, k, flow, quoted)}" for k, v in values.items()]
    if flow:
        body = f"{lead}- {{{', '.join(items)}}}"
    else:
        body = f"{lead}- " + ("\n" + " " * key_indent).join(items)
    line_note = f"{kind[:-1]} {values.get('id')} added"
    top = tops.get(kind)
    if same:
        eol = _line_end(text, max(same[-1].end - 1, same[-1].start))
        new_text = text[:eol] + "\n" + body + text[eol:]
        line = text.count("\n", 0, eol) + 2
    elif top is not None and text[top[0] :].split(":", 1)[1].lstrip().startswith("[]"):
        # `positions: []`: the empty list becomes a block of one
        a = text.index("[]", top[0])
        new_text = text[:a].rstrip(" ") + "\n" + body + text[a + 2 :]
        line = text.count("\n", 0, a) + 2
    else:
        sep = "" if text.endswith("\n") or not text else "\n"
        new_text = text + sep + f"{kind}:\n" + body + "\n"
        line = new_text.count("\n", 0, len(new_text) - len(body) - 1) + 1
    return Edited(path, new_text, [f"{path}:{line}: {line_note}"])


def set_fields_json(path: Path, text: str, kind: str, rid: str, values: dict[str, Any]) -> Edited | None:
    data = json.loads(text)
    for rec in data.get(kind, []) if isinstance(data, dict) else []:
        if isinstance(rec, dict) and rec.get("id") == rid:
            for name, value in values.items():
                if value is DROP:
                    rec.pop(name, None)
                else:
                    rec[name] = value
            return Edited(
                path,
                json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                [f"{path}: {kind[:-1]} {rid}: {', '.join(values)} changed"],
            )
    return None


def append_json(path: Path, text: str, kind: str, values: dict[str, Any]) -> Edited:
    data = json.loads(text) if text.strip() else {}
    data.setdefault(kind, []).append(values)
    return Edited(
        path,
        json.dumps(data, ensure_ascii=False, indent=2) + "\n",
        [f"{path}: {kind[:-1]} {values.get('id')} added"],
    )


def set_fields(path: Path, text: str, kind: str, rid: str, values: dict[str, Any]) -> Edited | None:
    if is_json(path):
        return set_fields_json(path, text, kind, rid, values)
    return set_fields_yaml(path, text, kind, rid, values)


def append(path: Path, text: str, kind: str, values: dict[str, Any]) -> Edited:
    if is_json(path):
        return append_json(path, text, kind, values)
    return append_yaml(path, text, kind, values)
