"""The form's rows in printed order, as the readers of tables without cell borders look for them.

Where a table has no separators of any kind — a web page's text with the cells run together, a page
laid out by spaces — its rows can only be found by their labels, in the order the form prints them,
and their numbers split by the number of columns each row has and the arithmetic the form implies.
This module states those facts once, from the edition data: each row's table, key, labels, columns
and cell kinds, and the equations between rows (表三's ledger and result sums).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..editions import ACTIVE, APPLICATIONS, E2021, REVIEW, Edition, core_key, label_key
from ..editions.common import APPLICANT_COLUMNS, LEDGER_NOTE, OTHER, REVIEW_TABLE
from .digit_runs import Equation, Kind, Split, value_of

# 表四 has one data row without a label of its own; its cells are `group.column`.
REVIEW_ROW = "review"

_KINDS = {"delta_items": Kind.SIGNED, "amount_wan_yuan": Kind.AMOUNT, "proc_amount": Kind.AMOUNT}


@dataclass(frozen=True)
class FormRow:
    table: str
    key: str
    label: str  # the official label, for messages
    keys: tuple[str, ...]  # comparison keys of the label and its aliases, enumerator removed
    enumerator: str  # `1.` `（一）` `一、` as the form prints it (normalised), or ""
    columns: tuple[str, ...]
    kinds: tuple[Kind, ...]
    is_group: bool = False  # a group row: a label over sub-rows, no numbers of its own

    def holds(self, split: Split) -> bool:
        """Whether the values keep what the columns mean (表二): documents in force at the year's end
        include this year's that were not repealed (现行有效 + 废止 ≥ 制发), everything disclosed so far
        includes this year's (对外公开总数量 ≥ 本年新公开数量), an item count never falls below zero."""
        cells = dict(zip(self.columns, (value_of(t) for t in split), strict=True))
        if {"made", "repealed", "valid"} <= cells.keys():
            return cells["valid"] + cells["repealed"] >= cells["made"]
        if {"new_published", "total_published"} <= cells.keys():
            return cells["total_published"] >= cells["new_published"]
        if {"prev_items", "delta_items"} <= cells.keys():
            return cells["prev_items"] + cells["delta_items"] >= 0
        return True

    @property
    def group(self) -> int | None:
        """Cells per group when each group ends with the sum of the others (表三's 总计, 表四's totals)."""
        if self.table == APPLICATIONS:
            return len(APPLICANT_COLUMNS)
        if self.table == REVIEW:
            return len(REVIEW_TABLE.columns)
        return None


def _enumerator(label: str) -> str:
    key = label_key(label)
    return key[: len(key) - len(core_key(label))]


def _row(
    table: str, key: str, label: str, aliases: tuple[str, ...], columns: tuple[str, ...], group: bool
) -> FormRow:
    keys = tuple(dict.fromkeys(k for k in (core_key(x) for x in (label, *aliases)) if k))
    return FormRow(
        table=table,
        key=key,
        label=label,
        keys=keys,
        enumerator=_enumerator(label),
        columns=columns,
        kinds=tuple(_KINDS.get(c, Kind.COUNT) for c in columns),
        is_group=group,
    )


@cache
def form_rows(edition: Edition) -> tuple[FormRow, ...]:
    """Every row of 表二 and 表三 in printed order (表三 as E2021 prints it, which includes the single
    （六）其他处理 row of E2019), then 表四's data row."""
    rows: list[FormRow] = []
    for block in edition.active.blocks:
        columns = tuple(c.key for c in block.columns)
        rows += [_row(ACTIVE, r.key, r.label, r.aliases, columns, False) for r in block.rows]
    t3_columns = tuple(c.key for c in APPLICANT_COLUMNS)
    for r in E2021.applications.rows:
        # （六）其他处理 heads sub-rows in E2021 but carries numbers in E2019 (and in some E2021 reports).
        group = r.group and r.key != OTHER
        rows.append(_row(APPLICATIONS, r.key, r.label, r.aliases, t3_columns, group))
    review_columns = tuple(f"{g}.{c}" for g, c in REVIEW_TABLE.ordered_cells())
    rows.append(_row(REVIEW, REVIEW_ROW, REVIEW_TABLE.title, (), review_columns, False))
    return tuple(rows)


def t3_equations(present: set[str]) -> list[Equation]:
    """表三's column equations over the rows present: the printed ledger (一＋二＝三＋四) and
    （七）总计 as the sum of the result rows."""
    equations: list[Equation] = []
    # Rows with numbers, in form order (a group label has none; （六）其他处理 may be printed as one row).
    rows = [r.key for r in E2021.applications.rows if r.key in present and (not r.group or r.key == OTHER)]
    results = E2021.applications.result_rows(rows)
    for col in range(len(APPLICANT_COLUMNS)):
        if {"new_received", "carried_over", "r_total", "carry_forward"} <= present:
            equations.append(
                Equation(
                    plus=(("new_received", col), ("carried_over", col)),
                    minus=(("r_total", col), ("carry_forward", col)),
                )
            )
        if "r_total" in present and results:
            equations.append(Equation(plus=(("r_total", col),), minus=tuple((k, col) for k in results)))
    return equations


# Labels that open each table's header: where a table without borders begins.
T2_OPENERS = tuple(dict.fromkeys(core_key(b.caption) for e in (E2021,) for b in e.active.blocks))
T3_OPENERS = (core_key(LEDGER_NOTE), *(core_key(x) for x in E2021.applications.header_labels))
T4_OPENERS = tuple(core_key(x) for x in REVIEW_TABLE.header_labels)
