"""The 台账 in a real browser (Debian's Chromium under Playwright, against uvicorn): a case created,
补正 and 延期 recorded, the deadline moving as the ledger computes it, a 文书 downloaded; a year's
report computed from the ledger and downloaded as DOCX; the public form creating a case the clerk sees.
Screenshots go to build/screenshots."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import Locator, Page, expect
from test_browser import sign_in
from test_browser_review import sign_out

from nianbao.ledger.calendar import WorkCalendar
from nianbao.ledger.clock import count_working_days
from nianbao.ledger.store import LedgerStore
from nianbao.store import Store
from nianbao.web.demo import TOWNSHIPS

pytestmark = pytest.mark.browser


def _workday(back: int) -> date:
    calendar = WorkCalendar(())
    day = date.today() - timedelta(days=back)
    while not calendar.day(day).working:
        day -= timedelta(days=1)
    return day


def _event_form(page: Page, kind: str) -> Locator:
    form = page.locator("form", has=page.locator(f"input[name=kind][value={kind}]"))
    summary = page.locator("details", has=form).locator("summary")
    if summary.count():
        summary.first.click()
    return form


def test_case_with_correction_and_extension_moves_the_deadline(
    page: Page, live_server: str, screenshots: Path
) -> None:
    calendar = WorkCalendar(())
    received = _workday(4)
    corrected = min(received + timedelta(days=2), date.today())
    sign_in(page, live_server, "fuzeren")
    page.get_by_role("link", name="依申请台账").first.click()
    expect(page.locator("table.cases tr.overdue").first).to_be_visible()  # overdue in red
    page.screenshot(path=screenshots / "cases.png", full_page=False)
    form = page.locator("form.case-form")
    form.get_by_label("申请人", exact=True).fill("浏览器测试申请人")
    form.get_by_label("收到日期").fill(received.isoformat())
    form.get_by_label("申请内容").fill("某小区征收补偿安置方案")
    form.get_by_role("button", name="登记").click()
    due = page.locator("#deadline .due")
    expect(due).to_have_text(count_working_days(calendar, received, 20).due.isoformat())
    expect(page.locator("ul.explain")).to_contain_text("第20个工作日")

    correction = _event_form(page, "correction_requested")
    correction.get_by_label("日期").fill(received.isoformat())
    correction.get_by_role("button", name="记录补正告知").click()
    expect(page.locator("#deadline")).to_contain_text("答复期限暂停计算")
    back = _event_form(page, "correction_received")
    back.get_by_label("日期").fill(corrected.isoformat())
    back.get_by_role("button", name="记录收到补正").click()
    expect(due).to_have_text(count_working_days(calendar, corrected, 20).due.isoformat())

    extension = _event_form(page, "extended")
    extension.get_by_label("日期", exact=True).fill(corrected.isoformat())
    extension.get_by_label("告知申请人日期").fill(corrected.isoformat())
    extension.get_by_label("延长工作日").fill("10")
    extension.get_by_role("button", name="批准延期").click()
    expect(due).to_have_text(count_working_days(calendar, corrected, 30).due.isoformat())
    expect(page.locator("ul.explain")).to_contain_text("经fuzeren批准延期10个工作日")
    expect(page.locator("table.timeline")).to_contain_text("延期答复")
    page.screenshot(path=screenshots / "case-extended.png", full_page=True)

    with page.expect_download() as info:
        page.get_by_role("link", name="延期答复告知书（Word）").click()
    body = Path(info.value.path()).read_bytes()
    text = "\n".join(p.text for p in Document(io.BytesIO(body)).paragraphs)
    assert "延期答复告知书" in text and "答复期限延长10个工作日" in text and "浏览器测试申请人" in text


def test_compute_a_year_from_the_ledger_and_download_the_docx(
    page: Page, live_server: str, screenshots: Path, demo_store: Store
) -> None:
    year = date.today().year
    sign_in(page, live_server, "chengguan")
    page.goto(f"{live_server}/compose?year={year}")
    page.get_by_role("button", name="从台账计算").click()
    expect(page.locator(".status")).to_have_text("草稿")
    tables = LedgerStore(demo_store).load(TOWNSHIPS[0]).tables(year, date.today())
    received = tables["applications"]["new_received"]["total"]
    assert received  # the demo ledger has cases this year
    expect(page.get_by_label("applications.new_received.total")).to_have_value(str(received))
    expect(page.locator("#section-s3_requests")).to_contain_text(f"新收政府信息公开申请{received}件")
    page.screenshot(path=screenshots / "compose-from-ledger.png")
    with page.expect_download() as info:
        page.get_by_role("link", name="Word（DOCX）").click()
    document = Document(io.BytesIO(Path(info.value.path()).read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = {c.text for t in document.tables for r in t.rows for c in r.cells}
    assert f"新收政府信息公开申请{received}件" in text and str(received) in cells


def test_the_public_form_creates_a_case_the_clerk_sees(
    page: Page, live_server: str, screenshots: Path
) -> None:
    page.goto(f"{live_server}/public/apply")
    page.get_by_label("受理机关").select_option(label=TOWNSHIPS[1])
    page.get_by_label("申请人姓名或名称").fill("公众申请人乙")
    page.get_by_label("所需政府信息的名称").fill("本乡2025年度惠农补贴发放名单")
    page.screenshot(path=screenshots / "public-apply.png")
    page.get_by_role("button", name="提交申请").click()
    code = page.locator(".query-code")
    expect(code).to_have_text(re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$"))
    due = count_working_days(WorkCalendar(()), date.today(), 20).due.isoformat()
    expect(page.locator("td.due")).to_have_text(due)
    page.screenshot(path=screenshots / "public-status.png")
    number = code.inner_text()
    page.goto(f"{live_server}/public/status?code={number}")
    expect(page.locator("td.state")).to_have_text("办理中")
    expect(page.locator("main")).not_to_contain_text("公众申请人乙")

    sign_in(page, live_server, "hexi")
    page.get_by_role("link", name="依申请台账").first.click()
    row = page.locator("table.cases tr", has_text="公众申请人乙")
    expect(row).to_contain_text("网络")
    expect(row).to_contain_text(due)
    row.get_by_role("link").click()
    expect(page.locator("p.request")).to_contain_text("惠农补贴发放名单")
    sign_out(page)
