"""Issue families laid out in a table: each family's members right under it, indented,
the parent marked unfolded (▾) or folded (▸N), and where a column's stances inside a
family part ways with its stance on the parent."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from ...db.models import ComparisonRow, Issue
from .safe import clean


def sign(stance: int) -> int:
    """-1, 0 or +1: a stance's side of open."""
    return (stance > 0) - (stance < 0)


def family_order(issues: list[Issue], parents: dict[str, str]) -> list[Issue]:
    """The issues with each family's members right under it, in dossier order within a
    family (an issue whose parent is not listed stays where it is)."""
    known = {i.id for i in issues}
    kids: dict[str, list[Issue]] = {}
    tops = []
    for issue in issues:
        parent = parents.get(issue.id)
        if parent is not None and parent in known:
            kids.setdefault(parent, []).append(issue)
        else:
            tops.append(issue)
    out: list[Issue] = []
    seen: set[str] = set()

    def visit(issue: Issue) -> None:
        if issue.id in seen:  # a loop check refused: never loop here either
            return
        seen.add(issue.id)
        out.append(issue)
        for kid in kids.get(issue.id, []):
            visit(kid)

    for issue in tops:
        visit(issue)
    out += [i for i in issues if i.id not in seen]
    return out


def depth(issue_id: str, parents: dict[str, str]) -> int:
    """How far inside families an issue sits (0: no parent)."""
    n, node = 0, parents.get(issue_id)
    while node is not None and n < 16:
        n, node = n + 1, parents.get(node)
    return n


def title_cell(issue: Issue, parents: dict[str, str], family: dict[str, list[str]], folded: set[str]) -> Text:
    """The issue's title, indented inside its family; a parent's with ▾ (unfolded) or ▸
    and its members' count (folded)."""
    return Text(
        family_mark(issue, parents, family, folded) + clean(issue.title, oneline=True),
        no_wrap=True,
        overflow="ellipsis",
    )


def family_mark(issue: Issue, parents: dict[str, str], family: dict[str, list[str]], folded: set[str]) -> str:
    """What goes before an issue's title in its family: its indent, and a parent's ▾
    (unfolded) or ▸ with its members' count (folded); "" outside any family."""
    indent = "  " * min(depth(issue.id, parents), 4)
    if issue.id in family:
        return indent + (f"▸{len(family[issue.id])} " if issue.id in folded else "▾ ")
    return indent


def members_of(parents: dict[str, str]) -> dict[str, list[str]]:
    """Each parent's direct members."""
    out: dict[str, list[str]] = {}
    for issue, parent in parents.items():
        out.setdefault(parent, []).append(issue)
    return out


def shown(issues: Sequence[Issue], parents: dict[str, str], folded: set[str]) -> list[Issue]:
    """The issues shown: all, but the members of a folded family (at any depth)."""
    hidden: set[str] = set()
    for issue in issues:
        parent = parents.get(issue.id)
        if parent is not None and (parent in folded or parent in hidden):
            hidden.add(issue.id)
    return [i for i in issues if i.id not in hidden]


def diverging(row: ComparisonRow, members: Sequence[ComparisonRow]) -> dict[str, list[tuple[Issue, int]]]:
    """For each column, the family members on which its stance has another sign than its
    stance on the row's issue (or on which it holds one, where it holds none here)."""
    out: dict[str, list[tuple[Issue, int]]] = {}
    here = {c.actor: c.stance for c in row.cells}
    for member in members:
        for c in member.cells:
            if c.stance is None or c.actor not in here:
                continue
            own = here[c.actor]
            if own is None or sign(own) != sign(c.stance):
                out.setdefault(c.actor, []).append((member.issue, c.stance))
    return out
