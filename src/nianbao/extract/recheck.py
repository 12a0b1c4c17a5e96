"""Numbers read by OCR that break an identity of the form are read again before they are reported.

A misread digit shows itself as a broken identity — a row that no longer sums to its 总计, a 表三 column
whose ledger does not balance. The rules that check those identities name the cells they rest on; each
such cell that can be read again (Cell.reread) is. When the readings agree the number stands, and so
does the finding: the report itself is wrong. When they give another number, the cell is marked
uncertain with every number read, and no finding will rest on it.
"""

from __future__ import annotations

from ..document import Cell
from ..model import Report
from .values import candidate_values


def recheck(report: Report, rereadable: dict[str, Cell]) -> None:
    """Read again every rereadable cell a rule finding names; mark those whose readings disagree."""
    if not rereadable:
        return
    from ..rules import run_rules  # the rules import extraction's value reading

    named = {path for finding in run_rules(report) for path in finding.cells if path in rereadable}
    for path in sorted(named):
        source = report.provenance.get(path)
        if source is None or source.uncertain:
            continue
        reread = rereadable[path].reread
        assert reread is not None
        numbers = candidate_values([source.text, *reread()])
        if len(numbers) > 1:
            table, row, col = path.split(".")
            report.tables[table][row][col] = None
            source.uncertain, source.candidates = True, numbers
