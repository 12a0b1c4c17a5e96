"""Writes the bundled example reports from the project's own generator (run: make examples).

Each example is a generated report in one edition; one carries a planted arithmetic error so that
`make demo` shows what a finding looks like. `示例台账.csv` is a township's 依申请公开台账 for
`nianbao ledger import` (generated cases, in the columns an office's own 台账 has). The tests check that
these files are current.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from nianbao.ledger import Ledger
from nianbao.ledger.sample import random_cases
from nianbao.ledger.sheet import write_csv
from nianbao.model import Report
from nianbao.render import render_text
from nianbao.synth import generate

HERE = Path(__file__).resolve().parent


def _plant_ledger_error(report: Report) -> Report:
    """One more natural-person application in 本年新收 (row total too): only the ledger breaks."""
    row = report.tables["applications"]["new_received"]
    row["natural"] = int(row["natural"] or 0) + 1
    row["total"] = int(row["total"] or 0) + 1
    return report


def _keep(report: Report) -> Report:
    return report


# file name → (seed, year, organ, change); the planted error is in the file name for people to see.
EXAMPLES: dict[str, tuple[int, int, str, Callable[[Report], Report]]] = {
    "示例县城关镇-2020-无误.txt": (7, 2020, "示例县城关镇人民政府", _keep),
    "示例县城关镇-2024-无误.txt": (11, 2024, "示例县城关镇人民政府", _keep),
    "示例县农业农村局-2024-无误.txt": (23, 2024, "示例县农业农村局", _keep),
    "示例县教育局-2024-勾稽错误.txt": (31, 2024, "示例县教育局", _plant_ledger_error),
}


LEDGER_EXAMPLE = "示例台账.csv"


def ledger_csv() -> str:
    """Forty applications received from October 2024 to December 2025, as of 10 January 2026."""
    as_of = date(2026, 1, 10)
    cases = random_cases(2025, 40, date(2024, 10, 8), date(2025, 12, 19), as_of)
    ledger = Ledger(organ="示例县城关镇人民政府", opening_year=2025, cases=cases)
    return write_csv(list(ledger.statuses(as_of)), computed=False).replace("\r\n", "\n")


def example_texts() -> dict[str, str]:
    texts = {
        name: render_text(change(generate(seed, year, organ)))
        for name, (seed, year, organ, change) in EXAMPLES.items()
    }
    texts[LEDGER_EXAMPLE] = ledger_csv()
    return texts


def main() -> None:
    for name, text in example_texts().items():
        (HERE / name).write_text(text, encoding="utf-8")
        print(f"已写入 examples/{name}")


if __name__ == "__main__":
    main()
