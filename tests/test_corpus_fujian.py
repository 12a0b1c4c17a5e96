"""A real web page captured by a crawler (../shared/corpus/fujian): a header block, then the whole body on
one line with the table cells run together. Its answer is in gold-new/pingtan-2019.json.

Every cell is read as the gold has it, except 表二's: no identity of the form ties a 表二 row's cells
together, so a run such as `3960181` (行政许可: 上一年项目数量, 本年增/减, 处理决定数量) splits into 396/0/181
as well as 39/60/181 and others, and the reader reports those cells unresolved instead of guessing. The
test holds them to that: each is unread (None), marked uncertain with the gold's value among its
candidates, and named by a G-UNCERTAIN finding."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from gold import assert_matches_gold

import nianbao


def test_shared_corpus_fujian_pingtan_2019_flattened_body_matches_gold(corpus: Path) -> None:
    report = nianbao.parse(corpus / "fujian" / "pingtan-2019.txt")
    gold = json.loads((corpus / "gold-new" / "pingtan-2019.json").read_text(encoding="utf-8"))
    unread = report.uncertain_cells()
    assert unread and all(c.startswith("active.") for c in unread)
    expected = json.loads(json.dumps(gold))
    for path in unread:
        table, row, col = path.split(".")
        value = expected["tables"][table][row][col]
        assert Decimal(str(value)) in (report.provenance[path].candidates or []), path
        expected["tables"][table][row][col] = None
    assert_matches_gold(report.to_dict(), expected)
    assert (report.fee.model_dump() if report.fee else None) == gold["fee"]
    assert {c for f in report.findings if f.rule == "G-UNCERTAIN" for c in f.cells} == unread
    # Nothing the reader could not read is taken for an error of the report.
    assert not [f for f in report.findings if f.rule.startswith(("T2-", "T3-", "T4-", "G-BLANK", "G-INT"))]
