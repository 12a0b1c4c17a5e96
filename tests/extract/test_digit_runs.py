"""Splitting runs of digits into cells: every split found is valid, the true one is always among them,
and nothing is missed (checked against brute force on short runs)."""

from __future__ import annotations

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from nianbao.extract.digit_runs import Equation, Kind, agreed, row_splits, solve

COUNT = Kind.COUNT


def _run(cells: list[str], spaces: set[int]) -> list[str]:
    """The row as a crawler prints it: cells run together, a space after the cells in `spaces`."""
    text = "".join(c + (" " if i in spaces else "") for i, c in enumerate(cells))
    return text.split()


def _brute(tokens: list[str], width: int, group: int | None) -> set[tuple[str, ...]]:
    """Every split of the tokens into `width` counts by trying every cut position."""
    out: set[tuple[str, ...]] = set()
    pieces_per_token = [range(1, len(t) + 1) for t in tokens]
    for counts in itertools.product(*pieces_per_token):
        if sum(counts) != width:
            continue
        per_token = []
        for token, n in zip(tokens, counts, strict=True):
            per_token.append(
                [
                    tuple(token[a:b] for a, b in itertools.pairwise((0, *cut, len(token))))
                    for cut in itertools.combinations(range(1, len(token)), n - 1)
                ]
            )
        for choice in itertools.product(*per_token):
            cells = tuple(c for part in choice for c in part)
            if any(len(c) > 1 and c[0] == "0" for c in cells):
                continue
            if group and any(
                int(cells[g + group - 1]) != sum(int(c) for c in cells[g : g + group - 1])
                for g in range(0, width, group)
            ):
                continue
            out.add(cells)
    return out


counts = st.integers(min_value=0, max_value=120).map(str) | st.sampled_from(["0", "0", "0", "1", "2"])


@settings(max_examples=300, deadline=None)
@given(st.lists(counts, min_size=6, max_size=6), st.sets(st.integers(0, 6), max_size=3))
def test_a_t3_row_split_contains_the_truth_and_only_valid_splits(parts: list[str], spaces: set[int]) -> None:
    cells = [*parts, str(sum(int(p) for p in parts))]
    tokens = _run(cells, spaces)
    splits = row_splits(tokens, [COUNT] * 7, 7)
    assert splits is not None
    assert tuple(cells) in splits
    assert set(splits) == _brute(tokens, 7, 7)


@settings(max_examples=200, deadline=None)
@given(st.lists(counts, min_size=12, max_size=12), st.sets(st.integers(0, 14), max_size=4))
def test_a_t4_row_split_keeps_each_group_total(parts: list[str], spaces: set[int]) -> None:
    cells: list[str] = []
    for g in range(3):
        group = parts[g * 4 : g * 4 + 4]
        cells += [*group, str(sum(int(p) for p in group))]
    tokens = _run(cells, spaces)
    splits = row_splits(tokens, [COUNT] * 15, 5)
    assert splits is not None and tuple(cells) in splits
    for split in splits:
        for g in range(0, 15, 5):
            assert int(split[g + 4]) == sum(int(c) for c in split[g : g + 4])


@settings(max_examples=200, deadline=None)
@given(st.lists(counts, min_size=3, max_size=3), st.sets(st.integers(0, 2), max_size=2))
def test_a_row_without_sums_gives_every_grammatical_split(cells: list[str], spaces: set[int]) -> None:
    tokens = _run(cells, spaces)
    splits = row_splits(tokens, [COUNT] * 3)
    assert splits is not None
    assert set(splits) == _brute(tokens, 3, None)


def test_amounts_signs_and_units_split_by_their_grammar() -> None:
    kinds = [COUNT, Kind.AMOUNT]
    assert set(row_splits(["13575394432.52元"], kinds) or []) >= {("135", "75394432.52元")}
    # A decimal point or a unit can only be in the money cell, which comes last.
    assert all("." not in s[0] for s in row_splits(["1357.5"], kinds) or [])
    signed = [COUNT, Kind.SIGNED, COUNT]
    assert row_splits(["12", "-3", "40"], signed) == [("12", "-3", "40")]


def test_solve_uses_the_ledger_and_result_sums_across_rows() -> None:
    # new_received 11 0 … 11 could be 1+10: only the column sums of the other rows tell.
    candidates = {
        "a": [("1", "10", "11"), ("11", "0", "11")],
        "b": [("1", "0", "1")],
        "total": [("12", "0", "12")],
    }
    equations = [Equation(plus=(("total", c),), minus=(("a", c), ("b", c))) for c in range(3)]
    solved = solve(candidates, equations)
    assert solved["a"] == [("11", "0", "11")]


def test_solve_ignores_an_equation_the_report_itself_breaks() -> None:
    candidates = {"a": [("1", "10", "11"), ("11", "0", "11")], "total": [("99", "99", "99")]}
    equations = [Equation(plus=(("total", c),), minus=(("a", c),)) for c in range(3)]
    solved = solve(candidates, equations)
    assert len(solved["a"]) == 2
    assert agreed(solved["a"], 2) == "11" and agreed(solved["a"], 0) is None


def test_random_t3_tables_are_never_solved_wrong() -> None:
    rng = random.Random(7)
    for _ in range(200):
        rows = {
            f"r{i}": [rng.choice([0, 0, 0, 1, 2, rng.randint(0, 90)]) for _ in range(6)] for i in range(5)
        }
        total = [sum(rows[r][c] for r in rows) for c in range(6)]
        rows["total"] = total
        candidates = {}
        for key, parts in rows.items():
            cells = [*map(str, parts), str(sum(parts))]
            candidates[key] = row_splits(["".join(cells)], [COUNT] * 7, 7) or []
            assert tuple(cells) in candidates[key]
        equations = [
            Equation(plus=(("total", c),), minus=tuple((f"r{i}", c) for i in range(5))) for c in range(7)
        ]
        solved = solve(candidates, equations)
        for key, parts in rows.items():
            cells = (*map(str, parts), str(sum(parts)))
            assert cells in solved[key]
