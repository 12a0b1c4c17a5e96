"""The annual report from the ledger: `nianbao ledger report --to docx` of a generated year parses back
(`nianbao parse`) to the same cells with no error-level finding; `ledger diff` names a planted cell."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from nianbao.cli import app
from nianbao.ledger import ActiveItem, Appeal, Figure, Settings
from nianbao.ledger.report import build_report
from nianbao.ledger.sample import random_cases
from nianbao.ledger.store import open_ledgers
from nianbao.model import Contact, Report
from nianbao.render.docx import write_docx

ORGAN = "示例县城关镇人民政府"
TODAY = date(2026, 3, 2)
runner = CliRunner()


def generated_year(db: str, seed: int) -> None:
    """Two years of cases and registers, as an office would have entered them."""
    rng = random.Random(seed)
    store = open_ledgers(db)
    contact = Contact(address="示例县人民路1号", phone=["0951-1234567"], url=["http://www.example.gov.cn"])
    store.create(ORGAN, 2024, Settings(contact=contact), "管理员")
    store.add_cases(
        ORGAN, random_cases(seed, 90, date(2024, 1, 2), date(2025, 12, 20), TODAY), "经办人", TODAY
    )
    for i in range(30):
        on = date(2024, 1, 5) + timedelta(days=rng.randint(0, 700))
        row = rng.choice((None, None, "normative_docs", "regulations"))
        repealed = on + timedelta(days=rng.randint(30, 300)) if row and rng.random() < 0.3 else None
        item = ActiveItem(
            number=f"GK-{i}",
            title=f"公开信息{i}",
            article20_item=1 if row else rng.randint(2, 15),
            published_on=on,
            channels=tuple(rng.sample(["website", "weibo", "wechat", "bulletin"], rng.randint(1, 3))),  # type: ignore[arg-type]
            secrecy_reviewed=rng.random() < 0.8,
            document_row=row,  # type: ignore[arg-type]
            repealed_on=repealed if repealed and repealed <= TODAY else None,
        )
        store.put_entry(ORGAN, "active", item.number, item, "经办人", TODAY)
    for year in (2024, 2025):
        for row, measure, value in (
            ("licensing", "decisions", rng.randint(10, 300)),
            ("punishment", "decisions", rng.randint(0, 40)),
            ("coercion", "decisions", rng.randint(0, 5)),
            ("admin_fees", "amount_yuan", rng.randint(0, 5_000_000) / 100),
        ):
            figure = Figure(
                row=row,
                measure=measure,
                start=date(year, 1, 1),
                end=date(year, 12, 31),
                value=Decimal(str(value)),
            )  # type: ignore[arg-type]
            store.put_entry(ORGAN, "figure", f"{row}{year}", figure, "经办人", TODAY)
    for i in range(4):
        filed = date(2024, 6, 1) + timedelta(days=rng.randint(0, 500))
        decided = filed + timedelta(days=rng.randint(20, 200)) if rng.random() < 0.7 else None
        appeal = Appeal(
            number=f"FY-{i}",
            kind=rng.choice(("review", "lit_direct", "lit_after_review")),  # type: ignore[arg-type]
            filed_on=filed,
            result=rng.choice(("upheld", "corrected", "other")) if decided and decided <= TODAY else None,  # type: ignore[arg-type]
            decided_on=decided if decided and decided <= TODAY else None,
        )
        store.put_entry(ORGAN, "appeal", appeal.number, appeal, "经办人", TODAY)
    store.store.close()


def _parse(path: Path) -> Report:
    done = runner.invoke(app, ["parse", str(path), "--json"])
    assert done.exit_code in (0, 1), done.output
    return Report.from_json(done.output.splitlines()[0])


def test_report_docx_parses_back_to_the_same_cells(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    generated_year(db, 11)
    out = tmp_path / "2025年报.docx"
    common = ["--organ", ORGAN, "--db", db, "--today", TODAY.isoformat()]
    done = runner.invoke(app, ["ledger", "report", *common, "--year", "2025", "--to", "docx", "-o", str(out)])
    assert done.exit_code == 0, done.output
    computed = build_report(open_ledgers(db).load(ORGAN), 2025, TODAY)
    parsed = _parse(out)
    assert parsed.cell_values() == computed.cell_values()
    assert sum(int(v or 0) for k, v in computed.cell_values().items() if k.startswith("applications")) > 0
    assert [f for f in parsed.findings if f.severity == "error"] == []
    assert (parsed.organ, parsed.year, parsed.edition) == (ORGAN, 2025, "E2021")
    # The JSON output is the report contract.
    as_json = runner.invoke(app, ["ledger", "report", *common, "--year", "2025", "--json"])
    assert Report.from_json(as_json.output).cell_values() == computed.cell_values()


def test_diff_names_a_planted_cell(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    generated_year(db, 12)
    report = build_report(open_ledgers(db).load(ORGAN), 2025, TODAY)
    common = ["--organ", ORGAN, "--db", db, "--today", TODAY.isoformat()]
    same = tmp_path / "same.docx"
    write_docx(report, same)
    done = runner.invoke(app, ["ledger", "diff", str(same), *common])
    assert done.exit_code == 0, done.output
    assert "完全一致" in done.output

    planted = report.model_copy(deep=True)
    cell = planted.tables["applications"]["r_granted"]
    cell["org_research"] = int(cell["org_research"] or 0) + 1
    path = tmp_path / "planted.docx"
    write_docx(planted, path)
    done = runner.invoke(app, ["ledger", "diff", str(path), *common])
    assert done.exit_code == 1
    assert "1个单元格不一致" in done.output
    assert "表三“（一）予以公开”行“科研机构”列" in done.output
    listed = runner.invoke(app, ["ledger", "diff", str(path), *common, "--json"])
    assert [json.loads(x)["cell"] for x in listed.output.splitlines()] == [
        "applications.r_granted.org_research"
    ]


def test_prefilled_prose_agrees_with_the_tables_in_both_editions() -> None:
    """The computed report of every year 2019–2025 has no warning: the sentences the ledger writes say
    the same numbers as its tables, in the E2019 and the E2021 form alike."""
    from nianbao.ledger import Ledger

    contact = Contact(address="示例县人民路1号", phone=["0951-1234567"], url=["http://www.example.gov.cn"])
    for seed in (1, 2, 3):
        cases = random_cases(seed, 120, date(2019, 1, 2), date(2025, 12, 20), TODAY)
        ledger = Ledger(organ=ORGAN, opening_year=2019, settings=Settings(contact=contact), cases=cases)
        for year in range(2019, 2026):
            report = build_report(ledger, year, TODAY)
            loud = [f"{f.rule}: {f.message}" for f in report.findings if f.severity != "info"]
            assert loud == [], (seed, year)
            # The kinds of result listed in §3 add up to （七）总计 (E2019's single （六） row counted once).
            s3 = next(x.text for x in report.sections if x.key == "s3_requests")
            listed = s3.split("其中", 1)[1].split("。")[0] if "其中" in s3 else ""
            parts = [int(n) for n in __import__("re").findall(r"(\d+)件", listed)]
            assert sum(parts) == report.tables["applications"]["r_total"]["total"], (seed, year, s3)
