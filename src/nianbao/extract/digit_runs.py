"""Splitting runs of digits into table cells when the cells were printed with nothing between them.

Web text captured by a crawler runs a table row's cells together (`230000023` is 23, 0, 0, 0, 0, 0, 23).
A run can only be cut where the cells' own grammar allows (a count never starts with 0 unless it is 0, a
decimal point and a unit belong to a money amount, a sign starts a signed change, a space is always a
cut), into exactly as many cells as the row has. Of those splits only the ones that keep the form's own
arithmetic survive: the row sums of 表三, the groups of 表四, and across rows the 表三 ledger and the
result rows summing to （七）总计. A cell is resolved when every surviving split gives it the same value;
otherwise it stays unread and the candidates are reported. A number is never guessed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from functools import cache

from .values import read_cell


class Kind(Enum):
    COUNT = "count"  # a whole number ≥ 0
    SIGNED = "signed"  # 本年增/减: a whole number with an optional sign
    AMOUNT = "amount"  # money: decimals and a unit allowed


Value = int | Decimal
Split = tuple[str, ...]  # the text of each cell of a row

_COUNT = re.compile(r"0|[1-9]\d*")
_SIGNED = re.compile(r"[+-]?(?:0|[1-9]\d*)")
_AMOUNT = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?(?:万元|元)?")
_GRAMMAR = {Kind.COUNT: _COUNT, Kind.SIGNED: _SIGNED, Kind.AMOUNT: _AMOUNT}
# Splits tried for one row before giving up (a run of many digits into many cells explodes).
_MAX_STEPS = 200_000
# Combinations of ambiguous 表三 rows tried against the ledger and the result sums.
_MAX_COMBINATIONS = 5_000


def value_of(text: str) -> Value:
    value = read_cell(text).value
    assert value is not None, text
    return value


class _TooMany(Exception):
    pass


def row_splits(tokens: Sequence[str], kinds: Sequence[Kind], group: int | None = None) -> list[Split] | None:
    """Every way to cut the tokens (the row's text between spaces) into one cell per kind, in order.
    With `group`, the row is made of groups of that many cells, each ending with the sum of the others
    (表三: one group of 7; 表四: three of 5), and only splits that keep those sums are given. None when
    there are too many ways to try."""
    try:
        if group == len(kinds):
            return _one_group_splits(tokens, kinds)
        return _Splitter(tokens, kinds, group).splits()
    except _TooMany:
        return None


def _one_group_splits(tokens: Sequence[str], kinds: Sequence[Kind]) -> list[Split]:
    """A row of counts whose last cell is the sum of all the others: the sum is a tail of the last token,
    and each possible tail is the exact total the cells before it must reach."""
    last = tokens[-1]
    out: list[Split] = []
    for cut in range(len(last) - 1, -1, -1):
        total = last[cut:]
        if not _COUNT.fullmatch(total):
            continue
        head = [*tokens[:-1], last[:cut]] if cut else list(tokens[:-1])
        if head:
            out += [(*split, total) for split in _summing(tuple(head), len(kinds) - 1, int(total))]
    return out


def _summing(tokens: tuple[str, ...], cells: int, target: int) -> list[Split]:
    """The splits of the tokens into `cells` counts that add up to `target` (memoised on what is left)."""
    text = "".join(tokens)
    # A cell never runs across a space: the token ends are cuts every split makes.
    ends = list(itertools.accumulate(len(t) for t in tokens))

    @cache
    def go(pos: int, left: int, remaining: int) -> tuple[Split, ...]:
        if left == 0:
            return ((),) if pos == len(text) and remaining == 0 else ()
        chars = len(text) - pos
        # Cells take at least one character each: the largest sum the rest can make is one long cell and
        # single nines.
        if chars < left or remaining > 10 ** (chars - left + 1) - 1 + 9 * (left - 1):
            return ()
        limit = next(e for e in ends if e > pos)
        if left == 1:
            cell = text[pos:]
            ok = limit == len(text) and _COUNT.fullmatch(cell) is not None and int(cell) == remaining
            return ((cell,),) if ok else ()
        found: list[Split] = []
        for end in range(pos + 1, limit + 1):
            cell = text[pos:end]
            if len(cell) > 1 and cell[0] == "0":
                break  # a count never starts with 0, nor does any longer cell from here
            if int(cell) > remaining:
                break
            found += [(cell, *rest) for rest in go(end, left - 1, remaining - int(cell))]
        return tuple(found)

    if len(tokens) > cells:
        return []
    return list(go(0, cells, target))


class _Splitter:
    def __init__(
        self, tokens: Sequence[str], kinds: Sequence[Kind], group: int | None, bound: int | None = None
    ) -> None:
        self.tokens = tokens
        self.kinds = kinds
        self.group = group
        self.bound = bound  # no cell, and no sum of cells, may exceed this
        self.steps = 0
        self.out: list[Split] = []
        self.tails = [sum(len(t) for t in tokens[i:]) for i in range(len(tokens) + 1)]

    def splits(self) -> list[Split]:
        self.walk(0, 0, 0, [], 0)
        return self.out

    def walk(self, token_index: int, start: int, column: int, taken: list[str], running: int) -> None:
        self.steps += 1
        if self.steps > _MAX_STEPS:
            raise _TooMany
        tokens, width = self.tokens, len(self.kinds)
        if token_index < len(tokens) and start == len(tokens[token_index]):
            token_index, start = token_index + 1, 0
        if token_index == len(tokens) or column == width:
            if token_index == len(tokens) and column == width:
                self.out.append(tuple(taken))
            return
        token = tokens[token_index]
        # Every token left needs a cell, and every cell left needs a character.
        chars_left = len(token) - start + self.tails[token_index + 1]
        if width - column < len(tokens) - token_index or chars_left < width - column:
            return
        group = self.group
        if group and column % group == group - 1:
            # A group's last cell is the sum of the others: it can only be that number.
            total = str(running)
            if token.startswith(total, start):
                taken.append(total)
                self.walk(token_index, start + len(total), column + 1, taken, 0)
                taken.pop()
            return
        grammar = _GRAMMAR[self.kinds[column]]
        match = grammar.match(token, start)
        if not match:
            return
        # Cells still to come in this group after this one, each at least one character, then the total.
        for end in range(match.end(), start, -1):
            if not grammar.fullmatch(token, start, end):
                continue
            text = token[start:end]
            if group or self.bound is not None:
                value = int(text)
                if self.bound is not None and running + value > self.bound:
                    continue
                if group:
                    after = (
                        group - 1 - column % group
                    )  # cells of this group after this one, the total included
                    if len(str(running + value)) > chars_left - (end - start) - (after - 1):
                        continue
                running_next = running + value
            else:
                running_next = running
            taken.append(text)
            self.walk(token_index, end, column + 1, taken, running_next)
            taken.pop()


@dataclass(frozen=True)
class Equation:
    """Σ plus − Σ minus = 0 over cells (row key, column index) of one table."""

    plus: tuple[tuple[str, int], ...]
    minus: tuple[tuple[str, int], ...]

    @property
    def terms(self) -> list[tuple[str, int, int]]:
        """(row, column, sign) of every cell."""
        return [(r, c, 1) for r, c in self.plus] + [(r, c, -1) for r, c in self.minus]

    @property
    def rows(self) -> set[str]:
        return {r for r, _ in (*self.plus, *self.minus)}


def solve(candidates: dict[str, list[Split]], equations: Sequence[Equation]) -> dict[str, list[Split]]:
    """The splits of each row that the equations allow, other rows' splits considered.

    First each equation removes the splits of a row that no choice of the other rows' values can balance
    (repeated until nothing changes); then, if few combinations are left, each is tried against all the
    equations at once. An equation that no choice can balance is one the report's own numbers break: it
    decides nothing (using it would rule out the truth). A row keeps every split nothing ruled out."""
    values = {r: [[value_of(t) for t in split] for split in splits] for r, splits in candidates.items()}
    usable = [e for e in equations if e.rows <= candidates.keys() and all(candidates[r] for r in e.rows)]
    alive = {r: set(range(len(splits))) for r, splits in candidates.items()}
    changed = True
    while changed:
        changed = False
        for equation in list(usable):
            supported = _supported(equation, values, alive)
            if supported is None:
                usable.remove(equation)  # the report breaks it
                continue
            for row, keep in supported.items():
                if keep != alive[row]:
                    alive[row] = keep
                    changed = True
    ambiguous = [r for r in candidates if len(alive[r]) > 1]
    combinations = 1
    for r in ambiguous:
        combinations *= len(alive[r])
    if ambiguous and combinations <= _MAX_COMBINATIONS:
        alive = _jointly(values, alive, ambiguous, [e for e in usable if e.rows & set(ambiguous)])
    return {r: [s for i, s in enumerate(splits) if i in alive[r]] for r, splits in candidates.items()}


def _supported(
    equation: Equation, values: dict[str, list[list[Value]]], alive: dict[str, set[int]]
) -> dict[str, set[int]] | None:
    """For each row of the equation, its splits that some values of the other rows balance; None when
    no choice at all balances it."""
    terms = equation.terms
    options = [{sign * values[r][i][c] for i in alive[r]} for r, c, sign in terms]
    out: dict[str, set[int]] = {}
    for n, (row, col, sign) in enumerate(terms):
        others: set[Value] = {0}
        for m, option in enumerate(options):
            if m != n:
                others = {a + b for a in others for b in option}
        keep = {i for i in alive[row] if -sign * values[row][i][col] in others}
        if not keep:
            return None
        out[row] = keep
    return out


def _jointly(
    values: dict[str, list[list[Value]]],
    alive: dict[str, set[int]],
    ambiguous: list[str],
    equations: list[Equation],
) -> dict[str, set[int]]:
    """The splits that appear in a combination keeping every equation (unchanged when none does)."""
    kept: dict[str, set[int]] = {r: set() for r in ambiguous}
    for choice in itertools.product(*(sorted(alive[r]) for r in ambiguous)):
        chosen = dict(zip(ambiguous, choice, strict=True))
        if all(
            sum(sign * values[r][chosen.get(r, next(iter(alive[r])))][c] for r, c, sign in e.terms) == 0
            for e in equations
        ):
            for r, i in chosen.items():
                kept[r].add(i)
    if not any(kept.values()):
        return alive
    return {r: kept.get(r, alive[r]) for r in alive}


def agreed(splits: Sequence[Split], column: int) -> str | None:
    """The cell's text when every split gives it the same value, else None."""
    texts = {s[column] for s in splits}
    values = {value_of(t) for t in texts}
    if len(values) != 1:
        return None
    # Same value, perhaps written differently (`75394432.52元` in one, never in practice): keep the first.
    return splits[0][column]
