"""Import of an office's 台账: a 300-case CSV made here gives the 表三 and due dates an independent
computation in this test gives (it uses chinese_calendar directly, not the ledger's clock), and a file
with four bad rows is refused naming exactly those rows, with the database unchanged."""

from __future__ import annotations

import csv
import json
import random
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
from sqlalchemy import func, select
from typer.testing import CliRunner

from nianbao.cli import app
from nianbao.editions import E2021
from nianbao.editions.labels import strip_enumerator
from nianbao.editions.outcomes import outcome_rows
from nianbao.ledger.schema import AuditRow, BookRow, CaseRow, EventRow
from nianbao.ledger.sheet import HEADERS
from nianbao.ledger.store import open_ledgers
from nianbao.ledger.words import APPLICANT_TYPES

ORGAN = "示例县民政局"
TODAY = date(2026, 3, 2)
OUTCOMES = [r for r in outcome_rows(E2021) if r.key != "r_other_fee_unpaid"]
runner = CliRunner()


def _written(d: date, rng: random.Random) -> str:
    return rng.choice((d.isoformat(), f"{d.year}/{d.month}/{d.day}", f"{d.year}年{d.month}月{d.day}日"))


def _outcome_text(label: str, rng: random.Random) -> str:
    bare = strip_enumerator(label)
    if bare.startswith("部分公开"):
        bare = "部分公开"  # written without the bracketed note
    return (
        rng.choice((label, bare)) if not label.startswith("（二）") else rng.choice(("（二）部分公开", bare))
    )


def _workday(d: date) -> bool:
    return bool(chinese_calendar.is_workday(d))


def _due(start: date, days: int, paused: tuple[date, date] | None) -> date:
    """The independent count: the `days`-th working day after `start`, skipping working days paused."""
    d, n = start, 0
    while n < days:
        d += timedelta(days=1)
        if _workday(d) and not (paused and paused[0] <= d <= paused[1]):
            n += 1
    return d


def make_rows(seed: int, count: int) -> tuple[list[list[str]], dict[str, dict[str, object]]]:
    """The CSV rows and, per case, what it must give: received year, column, reply year, row, due."""
    rng = random.Random(seed)
    rows: list[list[str]] = []
    expected: dict[str, dict[str, object]] = {}
    for i in range(count):
        number = f"YSQ-{i + 1:04d}"
        received = date(2024, 1, 2) + timedelta(days=rng.randint(0, 700))
        column = rng.choice(list(APPLICANT_TYPES))
        cells = dict.fromkeys(HEADERS, "")
        cells.update(
            number=number,
            applicant=rng.choice(("张伟", "李娜", "某某公司", "某某律师事务所")),
            applicant_type=APPLICANT_TYPES[column],
            received=_written(received, rng),
            request=f"申请公开第{i + 1}号文件",
        )
        start, paused, extension = received, None, 0
        if rng.random() < 0.15:
            notice = received + timedelta(days=rng.randint(1, 5))
            start = notice + timedelta(days=rng.randint(1, 12))
            cells["correction_requested"], cells["correction_received"] = (
                _written(notice, rng),
                _written(start, rng),
            )
        if rng.random() < 0.15:
            p0 = start + timedelta(days=rng.randint(1, 8))
            p1 = p0 + timedelta(days=rng.randint(0, 20))
            paused = (p0, p1)
            cells["consultation_start"] = _written(p0, rng)
            open_consultation = p1 > TODAY or rng.random() < 0.1
            if not open_consultation:
                cells["consultation_end"] = _written(p1, rng)
        else:
            open_consultation = False
        if rng.random() < 0.1:
            extension = rng.choice((20, 10, 5))
            cells["extension"] = "是" if extension == 20 and rng.random() < 0.5 else str(extension)
        due = None if open_consultation else _due(start, 20 + extension, paused)
        reply = None
        if not open_consultation and rng.random() < 0.85:
            reply = (paused[1] if paused else start) + timedelta(days=rng.randint(1, 40))
            if reply > TODAY:
                reply = None
        row_key = None
        if reply is not None:
            row = rng.choice(OUTCOMES)
            row_key = row.key
            cells["replied"], cells["outcome"] = _written(reply, rng), _outcome_text(row.label, rng)
            if rng.random() < 0.05:
                cells["fee"] = "100"
        expected[number] = {
            "received": received.year,
            "column": column,
            "replied": reply.year if reply else None,
            "row": row_key,
            "due": due,
            "open": reply is None,
        }
        rows.append([cells[f] for f in HEADERS])
    return rows, expected


def write_csv(path: Path, rows: list[list[str]], shuffle_headers: bool = False) -> None:
    headers = list(HEADERS.values())
    order = list(range(len(headers)))
    if shuffle_headers:
        random.Random(7).shuffle(order)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([*(headers[i] for i in order), "备注"])  # an extra column is ignored
        for row in rows:
            writer.writerow([*(row[i] for i in order), "无"])


def independent_table(expected: dict[str, dict[str, object]], year: int) -> dict[str, Counter[str]]:
    table: dict[str, Counter[str]] = {}
    for case in expected.values():
        col = str(case["column"])
        received, replied = int(case["received"]), case["replied"]  # type: ignore[call-overload]
        if received > year or (replied is not None and int(replied) < year):  # type: ignore[call-overload]
            continue
        table.setdefault("new_received" if received == year else "carried_over", Counter())[col] += 1
        out = str(case["row"]) if replied == year else "carry_forward"
        table.setdefault(out, Counter())[col] += 1
        if replied == year:
            table.setdefault("r_total", Counter())[col] += 1
    return table


def test_300_case_csv_imports_and_matches_an_independent_count(tmp_path: Path) -> None:
    rows, expected = make_rows(20260302, 300)
    source = tmp_path / "台账.csv"
    write_csv(source, rows, shuffle_headers=True)
    db = str(tmp_path / "ledger.db")
    done = runner.invoke(
        app, ["ledger", "import", str(source), "--organ", ORGAN, "--db", db, "--today", TODAY.isoformat()]
    )
    assert done.exit_code == 0, done.output
    assert "已导入 300 件申请" in done.output

    ledger = open_ledgers(db).load(ORGAN)
    for year in (2024, 2025):
        table = ledger.applications(year, TODAY)
        want = independent_table(expected, year)
        for row, cols in table.items():
            for col in APPLICANT_TYPES:
                assert cols[col] == want.get(row, Counter())[col], (year, row, col)
            assert cols["total"] == sum(want.get(row, Counter()).values()), (year, row)

    listed = runner.invoke(
        app, ["ledger", "cases", "--organ", ORGAN, "--db", db, "--json", "--today", TODAY.isoformat()]
    )
    assert listed.exit_code == 0, listed.output
    records = [json.loads(line) for line in listed.output.splitlines()]
    assert len(records) == 300
    for record in records:
        case = expected[record["id"]]
        assert record["received"] and record["state"]
        if case["open"]:
            assert record["due"] == (case["due"].isoformat() if case["due"] else None), record  # type: ignore[attr-defined]
        else:
            assert record["due"] is None and record["state"] == "concluded"
            state = ledger.status(ledger.case(record["id"]), TODAY)
            assert state.due is not None and state.due.due == case["due"], record["id"]


def _counts(db: str) -> tuple[int, ...]:
    store = open_ledgers(db)
    with store.engine.connect() as conn:
        return tuple(
            int(conn.scalar(select(func.count()).select_from(t)) or 0)
            for t in (BookRow, CaseRow, EventRow, AuditRow)
        )


def test_four_bad_rows_refuse_the_file_naming_each(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    good, _ = make_rows(1, 2)
    for i, row in enumerate(good):
        row[0] = f"OLD-{i + 1}"  # numbers the second file does not use
    first = tmp_path / "first.csv"
    write_csv(first, good)
    assert runner.invoke(app, ["ledger", "import", str(first), "--organ", ORGAN, "--db", db]).exit_code == 0
    before = _counts(db)

    rows, _ = make_rows(2, 12)
    fields = list(HEADERS)
    rows[2][fields.index("received")] = "2025-02-30"  # line 4: impossible date
    rows[5][fields.index("applicant_type")] = "个体工商户"  # line 7: unknown type
    rows[7][fields.index("received")] = "2025-06-10"  # line 9: answered before received
    rows[7][fields.index("replied")] = "2025-06-01"
    rows[7][fields.index("outcome")] = "予以公开"
    rows[10][fields.index("number")] = rows[3][fields.index("number")]  # line 12: duplicate 编号
    bad = tmp_path / "bad.csv"
    write_csv(bad, rows)
    done = runner.invoke(app, ["ledger", "import", str(bad), "--organ", ORGAN, "--db", db])
    assert done.exit_code == 2
    named = sorted(int(n) for n in __import__("re").findall(r"第(\d+)行：", done.output))
    assert named == [4, 7, 9, 12], done.output
    assert "2025-02-30" in done.output and "个体工商户" in done.output and "重复" in done.output
    assert "早于收到日期" in done.output
    assert _counts(db) == before


def test_other_header_names_through_a_mapping_file(tmp_path: Path) -> None:
    theirs = {"编号": "受理编号", "申请人": "申请人姓名/名称", "收到日期": "受理日期", "办理结果": "答复类型"}
    mapping = tmp_path / "对照表.yaml"
    mapping.write_text("".join(f"{v}: {k}\n" for k, v in theirs.items()), encoding="utf-8")
    rows, _ = make_rows(5, 8)
    source = tmp_path / "own.csv"
    with source.open("w", encoding="gb18030", newline="") as f:  # an office's own file, in GBK
        writer = csv.writer(f)
        writer.writerow([theirs.get(h, h) for h in HEADERS.values()])
        writer.writerows(rows)
    db = str(tmp_path / "l.db")
    refused = runner.invoke(app, ["ledger", "import", str(source), "--organ", ORGAN, "--db", db])
    assert refused.exit_code == 2 and "缺少表头：编号、申请人、收到日期" in refused.output
    done = runner.invoke(
        app, ["ledger", "import", str(source), "--organ", ORGAN, "--db", db, "--mapping", str(mapping)]
    )
    assert done.exit_code == 0, done.output
    assert len(open_ledgers(db).load(ORGAN).cases) == 8
