"""How stances combine: a column's stance, a row's relation, a pair's agreement score.

Pure functions over integers; the queries feed them and the help screen documents them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import combinations

from .models import Cell, ComparisonRow, PairScore, StatedPosition

AGREEMENT_FORMULA = (
    "agreement = 1 - mean(|sA - sB|) / 4 over the issues both address "
    "(1.0: same stance on every shared issue; 0.0: +2 against -2 on every one)"
)
COLUMN_STANCE_RULE = (
    "a column's stance on an issue is the median of every stance its actor and "
    "its members hold there (the mean of the two middle ones, rounded toward 0)"
)


def column_stance(stances: Sequence[int]) -> int | None:
    """The median of `stances`, an even count taking the mean of the middle two
    rounded toward zero (so +1 and -1 give 0, +2 and +1 give +1); None if empty."""
    if not stances:
        return None
    ordered = sorted(stances)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    return int((ordered[mid - 1] + ordered[mid]) / 2)


def is_divided(stances: Sequence[int]) -> bool:
    """True when the stances include both a positive and a negative one."""
    return any(s > 0 for s in stances) and any(s < 0 for s in stances)


def relation(stances: Sequence[int | None]) -> str:
    """The relation of one issue's column stances (None: the column is silent).

    conflict: two hold stances of opposite sign; agreement: two or more hold
    stances of one sign and none is open; partial: two or more hold positions,
    mixing open (0) with a sign, or all open; one-sided: only one holds one.
    """
    held = [s for s in stances if s is not None]
    if len(held) <= 1:
        return "one-sided"
    if any(s > 0 for s in held) and any(s < 0 for s in held):
        return "conflict"
    if all(s != 0 for s in held):
        return "agreement"
    return "partial"


def pair_scores(actor_ids: Sequence[str], rows: Sequence[ComparisonRow]) -> tuple[PairScore, ...]:
    """For each pair of columns, the agreement score and counts over shared issues."""
    index = {a: i for i, a in enumerate(actor_ids)}
    scores = []
    for a, b in combinations(actor_ids, 2):
        diffs = []
        conflicts = 0
        for row in rows:
            sa = row.cells[index[a]].stance
            sb = row.cells[index[b]].stance
            if sa is None or sb is None:
                continue
            diffs.append(abs(sa - sb))
            if sa * sb < 0:
                conflicts += 1
        agreement = round(1 - (sum(diffs) / len(diffs)) / 4, 3) if diffs else None
        scores.append(PairScore(a, b, agreement, len(diffs), conflicts))
    return tuple(scores)


def stance_from_counts(counts: Sequence[int]) -> int | None:
    """`column_stance` of the stances counted as (-2, -1, 0, +1, +2), without listing them."""
    return _stance_from_counts(tuple(counts))


@lru_cache(maxsize=8192)  # a large matrix repeats many counts, and reopens repeat them all
def _stance_from_counts(counts: tuple[int, ...]) -> int | None:
    total = sum(counts)
    if not total:
        return None
    # the two middle stances (the same one for an odd count), found in one pass
    low_k, high_k = (total - 1) // 2, total // 2
    seen, low = 0, None
    for stance, n in zip(_STANCES, counts, strict=True):
        seen += n
        if low is None and low_k < seen:
            low = stance
        if high_k < seen:
            assert low is not None  # low_k <= high_k: low was set at this step or before
            return low if low == stance else int((low + stance) / 2)
    raise ValueError(f"counts {counts!r} do not add up")


_STANCES = (-2, -1, 0, 1, 2)


def divided_from_counts(counts: Sequence[int]) -> bool:
    """`is_divided` of the stances counted as (-2, -1, 0, +1, +2)."""
    return bool(counts[0] + counts[1]) and bool(counts[3] + counts[4])


def make_cell(actor: str, positions: tuple[StatedPosition, ...]) -> Cell:
    """A comparison cell from the stated positions of one column on one issue."""
    stances = [p.position.stance for p in positions]
    return Cell(
        actor,
        positions,
        column_stance(stances),
        is_divided(stances),
        len(positions),
        positions[0] if positions else None,
    )
