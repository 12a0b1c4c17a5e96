"""The report's way in a real browser: the clerk writes with live checks and downloads the DOCX; the
公开办 returns a unit's report with 整改意见 and the clerk sees them; the public sees published reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from test_browser import sign_in

from nianbao.api import parse
from nianbao.store import Store
from nianbao.web.review import public_reports, reporting_year

pytestmark = pytest.mark.browser


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="退出").click()
    page.wait_for_url("**/login")


def test_office_returns_a_report_with_a_comment_and_the_clerk_sees_it(
    page: Page, live_server: str, screenshots: Path
) -> None:
    year = reporting_year()
    sign_in(page, live_server, "gongkaiban")
    page.get_by_role("link", name="公开办").first.click()
    row = page.locator("tr", has_text="示例县城关镇人民政府")
    expect(row.locator(".status")).to_have_text("已报送")
    expect(page.locator("tr", has_text="示例县东山镇人民政府").locator(".status")).to_have_text("未开始")
    page.screenshot(path=screenshots / "office.png", full_page=True)
    comment = "第二部分缺少主动公开数量，请补充后重新报送。<script>alert(1)</script>"
    row.get_by_label("整改意见").fill(comment)
    row.get_by_role("button", name="退回").click()
    expect(page.locator("tr", has_text="示例县城关镇人民政府").locator(".status")).to_have_text("退回")
    sign_out(page)

    sign_in(page, live_server, "chengguan")
    page.goto(f"{live_server}/compose?year={year}")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("公开办退回，整改意见")
    expect(alert).to_contain_text(comment)  # shown as text: the script tag is escaped, never run
    expect(page.locator(".status")).to_have_text("退回")
    page.screenshot(path=screenshots / "compose-returned.png")


def test_clerk_writes_with_live_checks_and_downloads_the_docx(
    page: Page, live_server: str, screenshots: Path, tmp_path: Path
) -> None:
    year = reporting_year()
    sign_in(page, live_server, "dongshan")
    page.goto(f"{live_server}/compose?year={year}")
    page.get_by_role("button", name="从上年报告开始").click()
    expect(page.locator(".status")).to_have_text("草稿")
    # 上年结转 came from last year's 结转下年度; the live panel rechecks as numbers are typed.
    new_total = page.get_by_label("applications.new_received.natural")
    new_total.fill("7")
    expect(page.locator("#check-summary")).to_contain_text("错误")
    summary_before = page.locator("#check-summary").inner_text()
    for path, value in (("applications.r_granted.natural", "7"),):
        page.get_by_label(path).fill(value)
    expect(page.locator("#check-summary")).not_to_have_text(summary_before)
    page.screenshot(path=screenshots / "compose-live-checks.png")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_label("applications.new_received.natural")).to_have_value("7")
    with page.expect_download() as download:
        page.get_by_role("link", name="Word（DOCX）").click()
    saved = tmp_path / "report.docx"
    download.value.save_as(saved)
    report = parse(saved)
    assert report.organ == "示例县东山镇人民政府" and report.year == year
    assert report.cell("applications", "new_received", "natural") == 7
    assert report.cell("applications", "r_granted", "natural") == 7


def test_public_pages_show_published_reports_without_signing_in(
    page: Page, live_server: str, screenshots: Path, demo_store: Store
) -> None:
    page.goto(f"{live_server}/public")
    links = page.locator("a[href^='/public/reports/']")
    # Last year's five reports and this year's report the 公开办 published; never an upload.
    assert links.count() == len(public_reports(demo_store)) == 6
    links.first.click()
    expect(page.locator("h1")).to_contain_text("政府信息公开工作年度报告")
    page.screenshot(path=screenshots / "public-report.png")


def test_stats_dashboard_with_charts(page: Page, live_server: str, screenshots: Path) -> None:
    sign_in(page, live_server, "yanjiu")
    page.get_by_role("link", name="统计").first.click()
    expect(page.get_by_role("heading", name="统计")).to_be_visible()
    page.get_by_role("link", name="地区").click()
    expect(page.locator("table.list").first).to_contain_text("示例县")
    for alt in ("申请数量趋势", "办理结果构成"):
        chart = page.get_by_alt_text(alt)
        expect(chart).to_be_visible()
        assert page.evaluate("(img) => img.complete && img.naturalWidth > 300", chart.element_handle())
    page.screenshot(path=screenshots / "stats.png", full_page=True)
