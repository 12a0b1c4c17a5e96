"""`nianbao ledger …` end to end: set up, register a case, record its events, list, explain, due,
freeze, audit, template and export/import round trip; bad input is a Chinese message, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from nianbao.cli import app

ORGAN = "示例县城关镇人民政府"
runner = CliRunner()


def run(*args: str, code: int = 0) -> str:
    done = runner.invoke(app, ["ledger", *args])
    assert done.exit_code == code, done.output
    assert "Traceback" not in done.output
    return done.output


def test_case_from_first_event_to_answer(tmp_path: Path) -> None:
    db = ["--organ", ORGAN, "--db", str(tmp_path / "l.db")]
    run("init", *db, "--opening-year", "2025", "--region", "ningxia")
    out = run(
        "add", *db, "--number", "2025-001", "--applicant", "张三", "--type", "自然人",
        "--received", "2025年1月24日", "--channel", "当面", "--request", "某路段改造工程招标文件",
        "--today", "2025-01-24",
    )  # fmt: skip
    assert "答复期限：2025年2月27日（星期四）" in out
    run(
        "event",
        "2025-001",
        "补正告知",
        *db,
        "--on",
        "2025-01-27",
        "--deadline",
        "2025-02-14",
        "--today",
        "2025-01-27",
    )
    listed = json.loads(run("cases", *db, "--json", "--today", "2025-02-01"))
    assert (listed["id"], listed["state"], listed["due"], listed["overdue"]) == (
        "2025-001",
        "awaiting_correction",
        None,
        False,
    )
    out = run("event", "2025-001", "补正收到", *db, "--on", "2025-02-10", "--today", "2025-02-10")
    # Restart from Mon 2025-02-10: 2/11–2/14 WD1–4, 2/17–2/21 WD5–9, 2/24–2/28 WD10–14, 3/3–3/7 WD15–19, 3/10.
    assert "答复期限：2025年3月10日（星期一）" in out
    shown = run("show", "2025-001", *db, "--today", "2025-02-11")
    assert "自2025年2月10日（星期一）（收到补正后的申请）次日起计算" in shown
    due = run("due", *db, "--days", "20", "--today", "2025-02-11")
    assert "2025-001　答复期限　2025年3月10日" in due
    out = run(
        "event",
        "2025-001",
        "答复",
        *db,
        "--on",
        "2025-03-05",
        "--outcome",
        "（一）予以公开",
        "--today",
        "2025-03-05",
    )
    assert "已于2025年3月5日（星期三）办结" in out
    record = json.loads(run("cases", *db, "--json", "--today", "2025-03-06"))
    assert (record["state"], record["outcome"], record["due"]) == ("concluded", "r_granted", None)
    audit = run("audit", *db)
    assert audit.count("create") == 5  # book, case, three events


def test_refusals_are_messages(tmp_path: Path) -> None:
    db = ["--organ", ORGAN, "--db", str(tmp_path / "l.db")]
    out = run("cases", *db, code=2)
    assert "还没有台账" in out
    run("init", *db, "--opening-year", "2025")
    out = run("init", *db, "--opening-year", "2025", code=2)
    assert "已经建立" in out
    out = run(
        "init",
        "--organ",
        "别的机关",
        "--db",
        str(tmp_path / "l.db"),
        "--opening-year",
        "2025",
        "--region",
        "hainan",
        code=2,
    )
    assert "ningxia" in out
    add = ["add", *db, "--number", "A", "--applicant", "李四", "--received", "2025-03-03"]
    assert "未知的申请人类型" in run(*add, "--type", "个体户", code=2)
    run(*add, "--type", "商业企业")
    assert "无法识别日期" in run("event", "A", "答复", *db, "--on", "3月5日", "--outcome", "予以公开", code=2)
    assert "未知的办理结果" in run(
        "event", "A", "答复", *db, "--on", "2025-03-05", "--outcome", "同意", code=2
    )
    assert "未知的事件" in run("event", "A", "催办", *db, "--on", "2025-03-05", code=2)


def test_freeze_refuses_then_records_a_correction(tmp_path: Path) -> None:
    db = ["--organ", ORGAN, "--db", str(tmp_path / "l.db")]
    run("init", *db, "--opening-year", "2024")
    run("add", *db, "--number", "A", "--applicant", "李四", "--type", "自然人", "--received", "2024-12-20")
    run("freeze", *db, "--year", "2024", "--today", "2025-01-20")
    out = run("event", "A", "答复", *db, "--on", "2024-12-30", "--outcome", "予以公开", code=2)
    assert "2024年已冻结" in out and "--correction" in out
    run(
        "event",
        "A",
        "答复",
        *db,
        "--on",
        "2024-12-30",
        "--outcome",
        "予以公开",
        "--correction",
        "答复日期补录",
    )
    assert "答复日期补录" in run("audit", *db)


def test_template_export_and_reimport(tmp_path: Path) -> None:
    template = tmp_path / "台账.xlsx"
    run("template", "-o", str(template))
    book = load_workbook(template)
    sheet = book["台账"]
    assert [c.value for c in sheet[1]][:4] == ["编号", "申请人", "申请人类型", "收到日期"]
    assert sheet.protection.sheet and sheet["A1"].protection.locked and not sheet["A2"].protection.locked
    lists = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert any(v.type == "list" and "_lists" in (v.formula1 or "") for v in lists.values())
    assert sheet.print_title_rows == "$1:$1" and sheet.page_setup.orientation == "landscape"
    # Fill two rows as a clerk would (Excel dates), import, export, import the export elsewhere.
    from datetime import datetime

    rows = [
        [
            "A-1",
            "张三",
            "自然人",
            datetime(2025, 3, 3),
            "文件一",
            *[None] * 5,
            datetime(2025, 3, 20),
            "予以公开",
        ],
        ["A-2", "=cmd|' /C calc'!A0", "商业企业", datetime(2025, 4, 1)],
    ]
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # typed as text (a formula would be read back empty)
    book.save(template)
    db = ["--organ", ORGAN, "--db", str(tmp_path / "l.db")]
    assert "已导入 2 件申请" in run("import", str(template), *db)
    exported = tmp_path / "导出.xlsx"
    run("export", *db, "-o", str(exported), "--today", "2025-04-02")
    out = load_workbook(exported)["台账"]
    assert out["B3"].value == "=cmd|' /C calc'!A0" and out["B3"].data_type == "s"  # text, never a formula
    assert out["N2"].value == "已办结" and out["O3"].value is not None
    db2 = ["--organ", ORGAN, "--db", str(tmp_path / "l2.db")]
    run("import", str(exported), *db2)
    first = run("cases", *db, "--json", "--today", "2025-04-02")
    second = run("cases", *db2, "--json", "--today", "2025-04-02")
    assert first == second


def test_registers_feed_tables_two_and_four(tmp_path: Path) -> None:
    db = ["--organ", ORGAN, "--db", str(tmp_path / "l.db")]
    run("init", *db, "--opening-year", "2025")
    run("opening", *db, "--valid", "行政规范性文件=12")
    publish = ["publish", *db, "--kind", "行政规范性文件", "--channel", "政府网站", "--channel", "政务微信"]
    run(*publish, "--number", "GK-1", "--title", "通知一", "--on", "2025-03-10", "--reviewed")
    run(*publish, "--number", "GK-2", "--title", "通知二", "--on", "2025-04-10", "--repealed", "2025-11-01")
    run("publish", *db, "--number", "GK-3", "--title", "预算公开", "--on", "2025-05-10", "--item", "4")
    run("figure", *db, "--row", "行政许可", "--value", "70", "--from", "2025-01-01", "--to", "2025-06-30")
    run("figure", *db, "--row", "行政许可", "--value", "56", "--from", "2025-07-01", "--to", "2025-12-31")
    fee = ["--measure", "amount_yuan", "--from", "2025-01-01", "--to", "2025-12-31"]
    run("figure", *db, "--row", "行政事业性收费", "--value", "35600", *fee)
    run(
        "appeal",
        *db,
        "--number",
        "F1",
        "--kind",
        "行政复议",
        "--filed",
        "2025-05-06",
        "--result",
        "结果纠正",
        "--decided",
        "2025-07-01",
    )
    run("appeal", *db, "--number", "F2", "--kind", "复议后起诉", "--filed", "2025-10-06")
    assert "未知的复议诉讼类型" in run(
        "appeal", *db, "--number", "F3", "--kind", "仲裁", "--filed", "2025-10-06", code=2
    )
    report = json.loads(run("report", *db, "--year", "2025", "--json", "--today", "2026-01-10"))
    active, review = report["tables"]["active"], report["tables"]["review_litigation"]
    assert active["normative_docs"] == {"made": 2, "repealed": 1, "valid": 13}
    assert active["licensing"] == {"decisions": 126}
    assert active["admin_fees"] == {"amount_wan_yuan": 3.56}
    assert review["review"]["corrected"] == 1 and review["lit_after_review"]["pending"] == 1
    s2 = next(s["text"] for s in report["sections"] if s["key"] == "s2_active")
    assert "主动公开政府信息3条，其中政府网站3条、政务微信2条" in s2
    s1 = next(s["text"] for s in report["sections"] if s["key"] == "s1_overview")
    assert "平台建设方面，本年度通过政府网站、政务微信公开政府信息。" in s1
    assert "经保密审查1条" in s1
    assert [f["rule"] for f in report["findings"] if f["severity"] == "error"] == []


def test_show_checks_a_fee_against_109_and_lists_appeals(tmp_path: Path) -> None:
    db = ["--organ", ORGAN, "--db", str(tmp_path / "l.db")]
    run("init", *db, "--opening-year", "2025")
    for i in range(11):  # the same applicant's 11th application in March
        run(
            "add",
            *db,
            "--number",
            f"A{i}",
            "--applicant",
            "王五",
            "--type",
            "自然人",
            "--id",
            "11010519491231002X",
            "--received",
            f"2025-03-{i + 3:02d}",
        )
    fee = ["--on", "2025-03-20", "--amount", "50", "--method", "按件计收", "--units", "1"]
    run("event", "A10", "收费通知", *db, *fee, "--today", "2025-03-20")
    run("appeal", *db, "--number", "FY-1", "--kind", "行政复议", "--filed", "2025-05-06", "--case", "A10")
    shown = run("show", "A10", *db, "--today", "2025-03-21")
    assert "本自然月第11件申请" in shown and "合计100元" in shown
    assert "通知金额50元与计算结果100元不符" in shown
    assert "行政复议（FY-1），尚未审结" in shown
    # 20 WD after Thu 3/20: 3/21 (1), 3/24–3/28 (2–6), 3/31–4/3 (7–10), 清明 4/4 off, 4/7–4/11 (11–15),
    # 4/14–4/17 (16–19), Fri 4/18 (20).
    assert "缴费期限：2025年4月18日" in shown


def test_settings_reach_the_report(tmp_path: Path) -> None:
    db = ["--organ", ORGAN, "--db", str(tmp_path / "l.db")]
    run("init", *db, "--opening-year", "2025")
    run(
        "set",
        *db,
        "--address",
        "示例县人民路1号",
        "--phone",
        "0951-1234567",
        "--url",
        "http://www.example.gov.cn",
    )
    assert "ningxia" in run("set", *db, "--region", "hainan", code=2)
    report = json.loads(run("report", *db, "--year", "2025", "--json", "--today", "2026-01-10"))
    assert (
        report["contact"]["phone"] == ["0951-1234567"] and report["contact"]["address"] == "示例县人民路1号"
    )
    assert [f["rule"] for f in report["findings"] if f["severity"] != "info"] == []
    assert "update　book" in run("audit", *db)  # the change is in the audit log
