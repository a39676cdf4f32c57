"""Pair old and new items: by stable id, then by exact text, then by similarity."""
from __future__ import annotations

import difflib
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
SIMILAR = 0.6


# difflib's ratio() is quadratic in the worst case, and pairing compares every unmatched old
# item with every unmatched new one: both are bounded so a hostile pair of plans stays cheap.
MAX_EXACT_RATIO = 250_000  # len(a) * len(b) up to which ratio() is computed exactly
MAX_COMPARISONS = 20_000  # unmatched old x new items compared by similarity; beyond: removed and added


def similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
        return 0.0
    if len(a) * len(b) > MAX_EXACT_RATIO:
        return matcher.quick_ratio()  # linear: the shared characters, an upper bound of ratio()
    return matcher.ratio()


def pair(old: Sequence[T], new: Sequence[T], *, key: Callable[[T], object | None],
         text: Callable[[T], str], threshold: float = SIMILAR,
         then: Callable[[T], object | None] | None = None) -> list[tuple[int | None, int | None]]:
    """Index pairs (old_i, new_j); None on one side for removed or added items.

    Items pair by `key`, then by `then` (a second identity, such as a column's year),
    then by equal and by similar text; two items whose `then` differ never pair by text.
    Pairs come in new order, removed items after the one that preceded them.
    """
    match: dict[int, int] = {}  # new index -> old index
    taken: set[int] = set()
    for ident in (key, then) if then else (key,):
        _pair_by(old, new, ident, match, taken)
    by_text: dict[str, list[int]] = {}
    for i, o in enumerate(old):
        if i not in taken:
            by_text.setdefault(text(o), []).append(i)
    for j, n in enumerate(new):
        if j not in match and by_text.get(text(n)) and _same(then, old[by_text[text(n)][0]], n):
            i = by_text[text(n)].pop(0)
            match[j], _ = i, taken.add(i)
    candidates = []
    loose_new = [j for j in range(len(new)) if j not in match]
    loose_old = [i for i in range(len(old)) if i not in taken]
    if len(loose_new) * len(loose_old) > MAX_COMPARISONS:
        loose_new = []  # too many to compare: the rest are reported as removed and added
    for j in loose_new:
        n = new[j]
        for i in loose_old:
            if not _same(then, old[i], n):
                continue
            score = similarity(text(old[i]), text(n))
            if score >= threshold:
                candidates.append((-score, j, i))
    for _score, j, i in sorted(candidates):
        if j not in match and i not in taken:
            match[j], _ = i, taken.add(i)
    return _ordered(len(old), len(new), match)


def _pair_by(old, new, ident, match: dict[int, int], taken: set[int]) -> None:
    by_key: dict = {}
    for i, o in enumerate(old):
        k = ident(o)
        if k is not None and i not in taken:
            by_key.setdefault(k, []).append(i)
    for j, n in enumerate(new):
        k = ident(n)
        if j not in match and k is not None and by_key.get(k):
            i = by_key[k].pop(0)
            match[j], _ = i, taken.add(i)


def _same(then, a, b) -> bool:
    """May a and b pair by their text? Not when both have a second identity and it differs."""
    if then is None:
        return True
    x, y = then(a), then(b)
    return x is None or y is None or x == y


def _ordered(n_old: int, n_new: int, match: dict[int, int]) -> list[tuple[int | None, int | None]]:
    """Each removed item goes after the last pair whose old index is below its own (removed
    items in old order); computed in one pass, not by searching the list for each of them."""
    pairs: list[tuple[int | None, int | None]] = [(match.get(j), j) for j in range(n_new)]
    last_at = [-1] * (n_old + 1)  # last_at[i]: last position in `pairs` of an old index below i
    for p, (oi, _nj) in enumerate(pairs):
        if oi is not None:
            last_at[oi + 1] = max(last_at[oi + 1], p)
    for i in range(1, n_old + 1):
        last_at[i] = max(last_at[i], last_at[i - 1])
    after: dict[int, list[int]] = {}
    for i in sorted(set(range(n_old)) - set(match.values())):
        after.setdefault(last_at[i], []).append(i)
    out = [(i, None) for i in after.get(-1, [])]
    for p, item in enumerate(pairs):
        out.append(item)
        out += [(i, None) for i in after.get(p, [])]
    return out


def moved(pairs: list[tuple[int | None, int | None]]) -> set[int]:
    """New indices of matched items that changed order (not on the longest common order)."""
    seq = [(o, n) for o, n in pairs if o is not None and n is not None]
    olds = [o for o, _ in seq]
    keep = _lis(olds)
    return {n for k, (_o, n) in enumerate(seq) if k not in keep}


def _lis(values: list[int]) -> set[int]:
    """Positions of one longest increasing subsequence."""
    import bisect

    tails: list[int] = []
    tails_pos: list[int] = []
    prev = [-1] * len(values)
    for k, v in enumerate(values):
        at = bisect.bisect_left(tails, v)
        if at == len(tails):
            tails.append(v)
            tails_pos.append(k)
        else:
            tails[at] = v
            tails_pos[at] = k
        prev[k] = tails_pos[at - 1] if at else -1
    out, k = set(), tails_pos[-1] if tails_pos else -1
    while k != -1:
        out.add(k)
        k = prev[k]
    return out
